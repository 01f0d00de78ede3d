"""A syllabus (LLM101n): its numbered chapters, each with its status, what teaches it now and the
related materials of the catalog, best first."""

from __future__ import annotations

from docutils import nodes

from ..data import labels
from ..data.prereq import chapter_id, split_id
from ..data.records import Catalog, Related, Syllabus
from ..site import words
from ..site.fingerprints import plain, shows
from ..site.names import STATUS, chapter_anchor, mark_progress, status_class
from ..site.nodes import SEP, bullets, join, labelled, para, xref
from ..site.words import teacher_title
from .names import COUNT, RELATED_MORE, RELATED_MORE_REST
from .render import detail, link_lines


def related_title(item: Related) -> str:
    return words.chapter_title(item.record, item.chapter, words.TEACHER_HEADING)


#: How many related materials a syllabus chapter shows before "更多"; print shows at most PRINTED.
RELATED_FIRST = 3


RELATED_PRINTED = 8


#: At most this many more under "更多" on the web; the rest are counted, not listed.
RELATED_MORE_SHOWN = 20


def ranked_related(catalog: Catalog, topics: tuple[str, ...], exclude: set[str], docname: str) -> list[nodes.Node]:
    """The best matches first, the rest in an ``llm-related-more`` container.

    The container is a plain paragraph list in the cached doctree, at most RELATED_MORE_SHOWN
    long (a line counts the rest); the HTML post-transform folds it under "更多" and the other
    builders cut the whole list to RELATED_PRINTED.
    """
    related = catalog.ranked_related(topics, exclude=exclude)
    if not related:
        return [para("llm-chapter-related", *labelled(labels.CHAPTER_RELATED), nodes.Text(labels.CHAPTER_NOT_COVERED))]
    # Links only for the related materials listed; the rest are counted.
    listed = related[: RELATED_FIRST + RELATED_MORE_SHOWN]
    refs = [xref(item.record.id, related_title(item), docname) for item in listed]
    first = join(refs[:RELATED_FIRST], labels.ITEM_SEPARATOR)
    out: list[nodes.Node] = [para("llm-chapter-related", *labelled(labels.CHAPTER_RELATED), *first)]
    if len(related) > RELATED_FIRST:
        more = nodes.container(classes=[RELATED_MORE])
        more[COUNT] = len(related) - RELATED_FIRST
        shown = refs[RELATED_FIRST:]
        listing = bullets("llm-related-more-list", ([ref] for ref in shown))
        if listing is not None:
            more += listing
        rest = len(related) - RELATED_FIRST - len(shown)
        if rest > 0:
            note = labels.PATHS["related_more_rest"].format(count=rest)
            more += nodes.paragraph(note, note, classes=[RELATED_MORE_REST])
        out.append(more)
    return out


@shows("syllabus")
def _syllabus(catalog: Catalog, syllabus_id: str) -> object:
    """The syllabus and, per chapter, the materials it lists (their titles are in the page)."""
    syl = catalog.get(syllabus_id)
    if not isinstance(syl, Syllabus):
        return None
    exclude = {syl.id, *([syl.course] if syl.course else [])}
    related = tuple(
        tuple(
            (item.record.id, item.record.title, item.chapter.number if item.chapter else None)
            + ((item.chapter.title,) if item.chapter else ())
            for item in catalog.ranked_related(chapter.topics, exclude=exclude)
        )
        for chapter in syl.chapters
    )
    # What teaches each chapter now: shown by title, and only while it is released.
    now = tuple(
        tuple((t.record, teacher_title(catalog, t.record)) for t in catalog.taught_now(chapter_id(syl.id, ch.number)))
        for ch in syl.chapters
    )
    return (plain(syl), related, now)


def taught_now(catalog: Catalog, node: str, docname: str) -> list[nodes.Node]:
    """现在可以学: the released materials that teach the chapter, best first, each a link to its
    card, marked 已发布，可学, with why (an enumerated list: the rank shows in print too)."""
    teachers = catalog.taught_now(node)
    if not teachers:
        return []
    items = []
    for teacher in teachers:
        mark = nodes.inline(
            labels.TAUGHT_AVAILABLE, labels.TAUGHT_AVAILABLE, classes=[STATUS, status_class("released")]
        )
        record_id = split_id(teacher.record)[0]
        line = nodes.paragraph(
            "",
            "",
            xref(record_id, teacher_title(catalog, teacher.record), docname),
            nodes.Text(labels.OPEN_PAREN),
            mark,
            nodes.Text(labels.CLOSE_PAREN + labels.TITLE_DETAIL.format(title="", detail=teacher.why)),
        )
        items.append(nodes.list_item("", line, classes=["llm-taught-now-item"]))
    listing = nodes.enumerated_list(
        "", *items, enumtype="arabic", prefix="", suffix=".", classes=["llm-taught-now-list"]
    )
    head = para("llm-taught-now", *labelled(labels.CHAPTER_TAUGHT_NOW), nodes.Text(labels.CHAPTER_TAUGHT_NOTE))
    return [head, listing]


def syllabus(catalog: Catalog, syl: Syllabus, docname: str) -> list[nodes.Node]:
    """Heading paragraph, links, the numbered chapters with related materials, further topics."""
    head = para("llm-syllabus-title", nodes.strong(syl.title, syl.title), nodes.Text(f"{SEP}{syl.author}"))
    extra = [xref(syl.course, labels.COURSE_CARD, docname)] if syl.course else []
    out: list[nodes.Node] = [head]
    out.extend(link_lines(syl.links, None, extra))
    summary = _status_summary(syl)
    if summary is not None:
        out.append(summary)

    chapters = nodes.definition_list(classes=["llm-syllabus-chapters"])
    exclude = {syl.id, *([syl.course] if syl.course else [])}
    for chapter in syl.chapters:
        term_text = labels.CHAPTER_HEADING.format(number=chapter.number, title=chapter.title)
        term = nodes.term(term_text, term_text, ids=[chapter_anchor(syl.id, chapter.number)])
        body = nodes.definition()
        node = chapter_id(syl.id, chapter.number)
        now = taught_now(catalog, node, docname)
        if chapter.status:
            body += _chapter_status(chapter.status, taught=bool(now))
        if chapter.keywords:
            body += para("llm-chapter-keywords", *labelled(labels.CHAPTER_KEYWORDS), nodes.Text(chapter.keywords))
        body.extend(now)
        body.extend(ranked_related(catalog, chapter.topics, exclude, docname))
        item = nodes.definition_list_item("", term, body)
        # Progress (HTML only) keeps a chapter as "llm101n#3", like a path step naming it.
        mark_progress(item, node, f"{syl.title} {term_text}")
        chapters += item
    out.append(chapters)

    if syl.further:
        out.append(para("llm-syllabus-further-title", nodes.strong(labels.FURTHER_TOPICS, labels.FURTHER_TOPICS)))
        out.append(
            bullets(
                "llm-syllabus-further",
                ([nodes.Text(detail(t.title, t.detail) if t.detail else t.title)] for t in syl.further),
            )
        )
    return out


def _chapter_status(status: str, *, taught: bool = False) -> nodes.paragraph:
    hint = labels.CHAPTER_UNRELEASED_TAUGHT if taught and status == "unreleased" else labels.CHAPTER_STATUS_HINT[status]
    word = labels.CHAPTER_STATUS[status]
    children: list[nodes.Node] = [nodes.inline(word, word, classes=[STATUS, status_class(status)])]
    if hint:
        children.append(nodes.Text(f"{labels.OPEN_PAREN}{hint}{labels.CLOSE_PAREN}"))
    return para("llm-chapter-status", *labelled(labels.CHAPTER_STATUS_LABEL), *children)


def _status_summary(syl: Syllabus) -> nodes.paragraph | None:
    """How many chapters are out, counted from the data; nothing when no chapter has a status."""
    known = [ch.status for ch in syl.chapters if ch.status]
    if not known:
        return None
    parts = [
        labels.STATUS_COUNT.format(count=known.count(status), status=word)
        for status, word in labels.CHAPTER_STATUS.items()
        if status in known
    ]
    unknown = len(syl.chapters) - len(known)
    if unknown:
        parts.append(labels.STATUS_UNKNOWN_COUNT.format(count=unknown))
    text = labels.STATUS_SUMMARY.format(total=len(syl.chapters), counts=labels.CLAUSE_SEPARATOR.join(parts))
    return para("llm-syllabus-status", *labelled(labels.STATUS_SUMMARY_LABEL), nodes.Text(text))

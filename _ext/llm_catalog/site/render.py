"""Turn catalog records into builder-neutral docutils nodes.

Everything here is generic docutils (paragraph, strong, reference, lists, tables) so the
same cached doctree reads well in HTML, LaTeX and EPUB. Text from the data file only ever
becomes ``nodes.Text``: it is never parsed as markup or passed through as HTML.
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx import addnodes

from ..data import facets, freshness, labels
from ..data.prereq import chapter_id, split_id
from ..data.records import (
    Book,
    BookChapter,
    Catalog,
    Category,
    ChineseAid,
    Course,
    Link,
    Offering,
    Record,
    Related,
    Resource,
    Syllabus,
)
from . import facts
from .fingerprints import plain, shows
from .names import (
    CARD,
    CARD_CHECKED,
    CARD_CHINESE,
    CARD_LINKS,
    CARD_REPOSITORY,
    CARD_TITLE,
    CARDS,
    CHINESE_TABLE,
    COLUMNS,
    COUNT,
    FACETS,
    OFFERING_NEWEST,
    OFFERING_NOTE,
    OFFERINGS,
    OFFERINGS_TITLE,
    OPEN_DATA_LINE,
    RECORD,
    RELATED_MORE,
    RELATED_MORE_REST,
    SITE_FILE,
    SLOT,
    mark_progress,
)

SEP = labels.SEPARATOR


def anchor(record_id: str) -> str:
    """The HTML id / LaTeX label of a record's card."""
    return f"llm-{record_id}"


def chapter_anchor(syllabus_id: str, number: int) -> str:
    """The HTML id of a syllabus chapter on its syllabus' card."""
    return f"{anchor(syllabus_id)}-ch{number:02d}"


def xref(target: str, text: str, docname: str) -> addnodes.pending_xref:
    """An internal link to the card of a record or category, resolved by the domain."""
    ref = addnodes.pending_xref(
        "",
        refdomain="llm",
        reftype="ref",
        reftarget=target,
        refexplicit=True,
        refwarn=True,
        refdoc=docname,
    )
    ref += nodes.inline(text, text)
    return ref


def _merged(items: Iterable[nodes.Node | str]) -> list[nodes.Node]:
    """*items* as nodes, each run of text (strings and Text nodes) one text node: fewer nodes to process."""
    out: list[nodes.Node] = []
    text: list[str] = []
    for item in items:
        if isinstance(item, str):  # a Text node is a str too
            text.append(str(item))
            continue
        if text:
            out.append(nodes.Text("".join(text)))
            text = []
        out.append(item)
    if text:
        out.append(nodes.Text("".join(text)))
    return out


def _join(parts: Iterable[nodes.Node | str], sep: str = SEP) -> list[nodes.Node]:
    """*parts* with *sep* between them; runs of text become one text node."""
    items: list[nodes.Node | str] = []
    for part in parts:
        if items:
            items.append(sep)
        items.append(part)
    return _merged(items)


#: Public name for the other rendering modules.
join = _join


def _para(cls: str, *children: nodes.Node) -> nodes.paragraph:
    para = nodes.paragraph("", "", *children, classes=[cls])
    return para


def _detail(title: str, detail: str) -> str:
    return labels.TITLE_DETAIL.format(title=title, detail=detail)


def _labelled(label: str, *children: nodes.Node) -> list[nodes.Node]:
    return [nodes.inline(label, label, classes=["llm-label"]), *children]


def link_label(link: Link, record_language: str | None = None) -> str:
    text = link.label or labels.LINK_KINDS[link.link_kind]
    language = labels.LANGUAGES.get(link.language or "", "")
    if language and link.language != record_language and language not in text:
        text += f"{labels.OPEN_PAREN}{language}{labels.CLOSE_PAREN}"
    return text


def _link(link: Link, language: str | None) -> nodes.Node:
    label = link_label(link, language)
    if link.broken:
        return _dead_link(link, label)
    ref = nodes.reference(label, label, refuri=link.url, internal=False)
    if not link.archive:
        return ref
    archived = nodes.reference(
        labels.ARCHIVED_COPY, labels.ARCHIVED_COPY, refuri=link.archive, internal=False, classes=["llm-archive"]
    )
    return nodes.inline("", "", ref, nodes.Text(labels.OPEN_PAREN), archived, nodes.Text(labels.CLOSE_PAREN))


def _dead_link(link: Link, label: str) -> nodes.Node:
    """A link known to be dead: its archived copy first, then the state and the old address.

    Both addresses stay references, so the PDF prints each (archived copy first) as a footnote.
    """
    seen = labels.LAST_SEEN.format(date=link.checked) if link.checked else labels.LAST_SEEN_UNKNOWN
    state = [labels.DEAD_LINK, seen]
    out = nodes.inline("", "", classes=["llm-link-dead"])
    if link.archive:
        text = labels.DEAD_LINK_ARCHIVE.format(label=label)
        out += nodes.reference(text, text, refuri=link.archive, internal=False, classes=["llm-archive"])
        original = nodes.reference(labels.ORIGINAL_LINK, labels.ORIGINAL_LINK, refuri=link.url, internal=False)
    else:
        out += nodes.reference(label, label, refuri=link.url, internal=False, classes=["llm-link-original"])
        original = None
        state.append(labels.NO_ARCHIVE)
    state_text = labels.CLAUSE_SEPARATOR.join(state)
    out += nodes.Text(labels.OPEN_PAREN)
    out += nodes.inline(state_text, state_text, classes=["llm-link-state"])
    if original is not None:
        out += nodes.Text(labels.ITEM_SEPARATOR)
        out += original
    out += nodes.Text(labels.CLOSE_PAREN)
    return out


def _links(links: Iterable[Link], language: str | None, extra: Iterable[nodes.Node] = ()) -> list[nodes.paragraph]:
    links = list(links)
    refs: list[nodes.Node] = [_link(link, language) for link in links]
    refs.extend(extra)
    if not refs:
        return []
    out = [_para(CARD_LINKS, *_labelled(labels.LINKS), *_join(refs))]
    # A dead link's date is the day it was last seen working, not a confirmation: it is left out.
    checked = sorted(link.checked for link in links if link.checked and not link.broken)
    if checked:
        # The oldest date is the honest one: every link was confirmed at least that recently.
        out.append(_para(CARD_CHECKED, nodes.Text(labels.LINKS_CHECKED.format(date=checked[0]))))
    return out


def _topics(catalog: Catalog, topic_ids: Iterable[str]) -> nodes.paragraph | None:
    names = [t.title for t in map(catalog.topic, topic_ids) if t]
    if not names:
        return None
    return _para("llm-card-topics", *_labelled(labels.TOPICS), nodes.Text(labels.LIST_SEPARATOR.join(names)))


def index_entries(title: str, record_type: str, anchor_id: str, *extra: str) -> addnodes.index:
    """General-index entries: the title, and "type; title" so readers can browse by record type."""
    entries = [("single", title, anchor_id, "", None)]
    entries.append(("single", f"{labels.OBJECT_TYPES[record_type]}; {title}", anchor_id, "", None))
    entries.extend(("single", f"{key}; {title}", anchor_id, "", None) for key in extra)
    return addnodes.index(entries=entries)


def target(anchor_id: str) -> nodes.target:
    return nodes.target("", "", ids=[anchor_id])


def _bullets(cls: str, items: Iterable[list[nodes.Node]]) -> nodes.bullet_list | None:
    found = [nodes.list_item("", nodes.paragraph("", "", *item)) for item in items]
    return nodes.bullet_list("", *found, classes=[cls]) if found else None


def repository_text(record: Course | Book | Resource) -> str | None:
    """仓库已归档, or 超过一年未更新（最近 2024-05）; nothing for a repository still updated or unchecked.

    "A year" is counted back from the day GitHub was asked (``repository.checked``), never
    from the day of the build, so the same data always gives the same page (see freshness.py).
    """
    found = freshness.state(record.repository)
    if found == freshness.ARCHIVED:
        return labels.REPOSITORY_ARCHIVED
    if found == freshness.STALE and record.repository is not None:
        return labels.REPOSITORY_STALE.format(month=record.repository.pushed[:7])
    return None


def _aid(aid: ChineseAid) -> list[nodes.Node]:
    """The aid's name as a link, then who made it and which edition it follows."""
    name = labels.AID_KINDS[aid.aid_kind]
    details = [labels.AID_BY.format(by=aid.by)] if aid.by else []
    details += [labels.AID_FOLLOWS.format(follows=aid.follows)] if aid.follows else []
    out: list[nodes.Node] = [nodes.reference(name, name, refuri=aid.url, internal=False)]
    if details:
        out.append(nodes.Text(labels.AID_DETAILS.format(details=labels.AID_DETAIL_SEPARATOR.join(details))))
    out.extend(facts.aid_sources(aid))
    return out


def chinese_aids(aids: Iterable[ChineseAid], first: Iterable[str] = ()) -> list[nodes.Node]:
    """*first* words, then each aid, separated by AID_SEPARATOR: flat, with no wrapper per aid and
    adjacent text in one node (each node costs in every transform of a large page)."""
    items: list[nodes.Node | str] = []
    for part in [*first, *map(_aid, aids)]:
        if items:
            items.append(labels.AID_SEPARATOR)
        items.extend([part] if isinstance(part, str) else part)
    return _merged(items)


def aids_paragraph(record: Course | Book | Resource) -> nodes.paragraph | None:
    """中文资料：each aid found, linked, with who made it and what it follows."""
    return _para(CARD_CHINESE, *_labelled(labels.CHINESE_LABEL), *chinese_aids(record.aids)) if record.aids else None


def card_shown(catalog: Catalog, record: Record | Category) -> object:
    """Everything a card shows: the record, its topics' titles, the link to its syllabus."""
    if isinstance(record, (Category, Syllabus)):
        return plain(record)  # no topic titles on these (a syllabus' chapters: see _syllabus)
    topics = tuple(t.title if t else None for t in map(catalog.topic, record.topics))
    chapter_topics = tuple(
        tuple(t.title if t else None for t in map(catalog.topic, ch.topics)) for ch in getattr(record, "chapters", ())
    )
    syllabus = catalog.syllabus_of(record.id) if isinstance(record, Course) else None
    return (plain(record), topics, chapter_topics, syllabus.id if syllabus else None)


@shows("record")
def _record(catalog: Catalog, record_id: str) -> object:
    found = catalog.get(record_id) or catalog.category(record_id)
    return None if found is None else card_shown(catalog, found)


def _record_card(
    catalog: Catalog,
    record: Course | Book | Resource,
    meta: list[str],
    body: nodes.Node | None = None,
    extra_links: Iterable[nodes.Node] = (),
    home: str | None = None,
    *,
    links: Iterable[Link] | None = None,
    after_body: Iterable[nodes.Node | None] = (),
) -> nodes.container:
    """Title, details, facets, the repository's state (archived or not updated for a year, if so),
    note, optional body (units, chapters), topics, Chinese aids and links, in that order.

    *home* marks a copy of a card shown elsewhere (the filter page's listing): its title then
    links to the record's own card, resolved from the document *home*. *links* replaces the
    record's links (a course adds its newest offering's); *after_body* follows the body.
    """
    title: nodes.Node = nodes.strong(record.title, record.title)
    if home:
        title = xref(record.id, record.title, home)
    repository = repository_text(record)
    children = [
        _para(CARD_TITLE, title),
        _para("llm-card-meta", *_join(meta)),
        facts.facts_line(record),
        _para(CARD_REPOSITORY, nodes.Text(repository)) if repository else None,
        _para("llm-card-note", nodes.Text(record.note)),
        body,
        *after_body,
        _topics(catalog, record.topics),
        aids_paragraph(record),
        *_links(record.links if links is None else links, record.language, extra_links),
        facts.fact_notes(record),
    ]
    card = nodes.container(classes=[CARD, f"{CARD}-{record.record_type}"])
    card.extend(child for child in children if child is not None)
    # What the HTML filter reads (transforms write it as data- attributes on pages with a filter).
    card[RECORD] = record.id
    card[FACETS] = facets.values(record)
    # Read by the HTML post-transform that adds the progress checkbox; other writers ignore them.
    mark_progress(card, record.id, record.title)
    return card


def course_card(catalog: Catalog, course: Course, docname: str, *, copy: bool = False) -> nodes.container:
    meta: list[str] = [x for x in (course.institution, course.code, course.current_term) if x]
    if course.format != "course":
        meta.append(labels.FORMATS[course.format])
    if course.instructors:
        meta.append(labels.INSTRUCTORS + labels.LIST_SEPARATOR.join(course.instructors))
    if course.level:
        meta.append(labels.LEVEL + labels.LEVELS[course.level])
    meta.append(labels.LANGUAGE + labels.LANGUAGES[course.language])
    parts = _bullets(
        "llm-card-parts",
        (
            [nodes.strong(part.title, part.title), *([nodes.Text(_detail("", part.note))] if part.note else [])]
            for part in course.parts
        ),
    )
    syllabus = catalog.syllabus_of(course.id)
    extra = [xref(syllabus.id, labels.SYLLABUS, docname)] if syllabus else []
    newest = course.offerings[0] if course.offerings else None
    note = None
    if newest is not None and newest.note:
        text = labels.OFFERING_NOTE.format(term=newest.term, note=newest.note)
        note = _para(OFFERING_NOTE, nodes.Text(text))
    return _record_card(
        catalog,
        course,
        meta,
        parts,
        extra,
        home=docname if copy else None,
        # The record's links are the course's current ones; the newest offering's join them.
        links=course.links + newest.links if newest else None,
        after_body=(note, offerings_list(course.offerings, course.language)),
    )


def offerings_list(offerings: tuple[Offering, ...], language: str | None) -> nodes.container | None:
    """Every offering of a course, newest first, each with its term, links and note.

    Builder-neutral: print keeps them all as plain text under 各期; the web shows the newest on
    the card itself and folds the earlier ones under 往期（N 期） (:func:`.progress.fold_offerings`).
    """
    if not offerings:
        return None
    items = []
    for offering in offerings:
        shown = offering.links or offering.note
        line: list[nodes.Node | str] = [labels.OFFERING.format(term=offering.term) if shown else offering.term]
        line.extend(_join([_link(link, language) for link in offering.links]))
        if offering.note:
            line.append((labels.ITEM_SEPARATOR if offering.links else "") + offering.note)
        items.append(_merged(line))
    listing = _bullets("llm-card-offerings-list", items)
    assert listing is not None
    listing[0]["classes"].append(OFFERING_NEWEST)
    title = labels.ALL_OFFERINGS.format(count=len(offerings))
    out = nodes.container(classes=[OFFERINGS], **{COUNT: len(offerings) - 1})
    out += _para(OFFERINGS_TITLE, nodes.Text(title))
    out += listing
    return out


def card_targets(catalog: Catalog, record: Course | Book | Resource, *, copy: bool = False) -> list[str]:
    """The ids a record's card links to: the record's own card from a copy, a course's syllabus."""
    targets = [record.id] if copy else []
    if isinstance(record, Course):
        syllabus = catalog.syllabus_of(record.id)
        if syllabus is not None:
            targets.append(syllabus.id)
    return targets


def book_card(catalog: Catalog, book: Book, home: str | None = None) -> nodes.container:
    meta = [labels.LIST_SEPARATOR.join(book.authors)]
    year = labels.YEAR.format(year=book.year) if book.year else None
    published = labels.PUBLICATION_SEPARATOR.join(x for x in (book.publisher, year) if x)
    meta.extend(x for x in (published, book.edition) if x)
    meta.append(labels.LANGUAGE + labels.LANGUAGES[book.language])

    def chapter_text(chapter: BookChapter) -> str:
        slides = labels.BOOK_CHAPTER_SLIDES.format(titles=labels.LIST_SEPARATOR.join(chapter.slides))
        heading = labels.CHAPTER_HEADING.format(number=chapter.number, title=chapter.title)
        return heading + (slides if chapter.slides else "")

    chapters = _bullets("llm-card-chapters", ([nodes.Text(chapter_text(ch))] for ch in book.chapters))
    for item, chapter in zip(chapters or (), book.chapters, strict=True):
        # Read by the HTML progress post-transform: a chapter is kept as "slp3#7".
        heading = labels.CHAPTER_HEADING.format(number=chapter.number, title=chapter.title)
        mark_progress(item, chapter_id(book.id, chapter.number), f"{book.title} {heading}", inline=True)
    return _record_card(catalog, book, meta, chapters, home=home)


def resource_card(catalog: Catalog, resource: Resource, home: str | None = None) -> nodes.container:
    meta = [labels.RESOURCE_KINDS[resource.resource_kind]]
    if resource.author:
        meta.append(resource.author)
    if resource.language:
        meta.append(labels.LANGUAGE + labels.LANGUAGES[resource.language])
    return _record_card(catalog, resource, meta, home=home)


def cards_grid(columns: int) -> nodes.container:
    """The neutral wrapper of a run of cards; HTML turns it into a sphinx-design grid."""
    grid = nodes.container(classes=[CARDS])
    grid[COLUMNS] = columns
    return grid


def card_slot(prefix: list[nodes.Node], card: nodes.Element) -> nodes.container:
    """A card with its index entries and anchor, kept together in a plain container.

    Grouping keeps the siblings that Sphinx's transforms look up (index and target before a
    card, a cross-reference being replaced) few, so a category with thousands of cards is
    processed in linear time. No class: LaTeX adds nothing for it, HTML unwraps it.
    """
    return nodes.container("", *prefix, card, **{SLOT: True})


def related_title(item: Related) -> str:
    if item.chapter is not None:
        return f"{item.record.title} {labels.CHAPTER.format(number=item.chapter.number)} {item.chapter.title}"
    return item.record.title


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
        return [
            _para("llm-chapter-related", *_labelled(labels.CHAPTER_RELATED), nodes.Text(labels.CHAPTER_NOT_COVERED))
        ]
    # Links only for the related materials listed; the rest are counted.
    listed = related[: RELATED_FIRST + RELATED_MORE_SHOWN]
    refs = [xref(item.record.id, related_title(item), docname) for item in listed]
    first = _join(refs[:RELATED_FIRST], labels.ITEM_SEPARATOR)
    out: list[nodes.Node] = [_para("llm-chapter-related", *_labelled(labels.CHAPTER_RELATED), *first)]
    if len(related) > RELATED_FIRST:
        more = nodes.container(classes=[RELATED_MORE])
        more[COUNT] = len(related) - RELATED_FIRST
        shown = refs[RELATED_FIRST:]
        bullets = _bullets("llm-related-more-list", ([ref] for ref in shown))
        if bullets is not None:
            more += bullets
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


def node_title(catalog: Catalog, node: str, heading: str = labels.CHAPTER_HEADING) -> str:
    """A record or chapter as a reader names it: the record's title, and for a chapter the
    *heading* (第 N 章 and the chapter's title) after it; an unknown node is its own id."""
    found = catalog.chapter(node)
    if found is None:
        return node
    record, chapter = found
    if chapter is None:
        return record.title
    return f"{record.title} {heading.format(number=chapter.number, title=chapter.title)}"


def teacher_title(catalog: Catalog, node: str) -> str:
    """A material of 现在可以学: 第 N 章 and the title with a plain space between them."""
    return node_title(catalog, node, labels.CHAPTER + " {title}")


def taught_now(catalog: Catalog, node: str, docname: str) -> list[nodes.Node]:
    """现在可以学: the released materials that teach the chapter, best first, each a link to its
    card, marked 已发布，可学, with why (an enumerated list: the rank shows in print too)."""
    teachers = catalog.taught_now(node)
    if not teachers:
        return []
    items = []
    for teacher in teachers:
        mark = nodes.inline(
            labels.TAUGHT_AVAILABLE, labels.TAUGHT_AVAILABLE, classes=["llm-status", "llm-status-released"]
        )
        record_id = split_id(teacher.record)[0]
        para = nodes.paragraph(
            "",
            "",
            xref(record_id, teacher_title(catalog, teacher.record), docname),
            nodes.Text(labels.OPEN_PAREN),
            mark,
            nodes.Text(labels.CLOSE_PAREN + labels.TITLE_DETAIL.format(title="", detail=teacher.why)),
        )
        items.append(nodes.list_item("", para, classes=["llm-taught-now-item"]))
    listing = nodes.enumerated_list(
        "", *items, enumtype="arabic", prefix="", suffix=".", classes=["llm-taught-now-list"]
    )
    head = _para("llm-taught-now", *_labelled(labels.CHAPTER_TAUGHT_NOW), nodes.Text(labels.CHAPTER_TAUGHT_NOTE))
    return [head, listing]


def syllabus(catalog: Catalog, syl: Syllabus, docname: str) -> list[nodes.Node]:
    """Heading paragraph, links, the numbered chapters with related materials, further topics."""
    head = _para("llm-syllabus-title", nodes.strong(syl.title, syl.title), nodes.Text(f"{SEP}{syl.author}"))
    extra = [xref(syl.course, labels.COURSE_CARD, docname)] if syl.course else []
    out: list[nodes.Node] = [head]
    out.extend(_links(syl.links, None, extra))
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
            body += _para("llm-chapter-keywords", *_labelled(labels.CHAPTER_KEYWORDS), nodes.Text(chapter.keywords))
        body.extend(now)
        body.extend(ranked_related(catalog, chapter.topics, exclude, docname))
        item = nodes.definition_list_item("", term, body)
        # Progress (HTML only) keeps a chapter as "llm101n#3", like a path step naming it.
        mark_progress(item, node, f"{syl.title} {term_text}")
        chapters += item
    out.append(chapters)

    if syl.further:
        out.append(_para("llm-syllabus-further-title", nodes.strong(labels.FURTHER_TOPICS, labels.FURTHER_TOPICS)))
        out.append(
            _bullets(
                "llm-syllabus-further",
                ([nodes.Text(_detail(t.title, t.detail) if t.detail else t.title)] for t in syl.further),
            )
        )
    return out


def _chapter_status(status: str, *, taught: bool = False) -> nodes.paragraph:
    hint = labels.CHAPTER_UNRELEASED_TAUGHT if taught and status == "unreleased" else labels.CHAPTER_STATUS_HINT[status]
    word = labels.CHAPTER_STATUS[status]
    children: list[nodes.Node] = [nodes.inline(word, word, classes=["llm-status", f"llm-status-{status}"])]
    if hint:
        children.append(nodes.Text(f"{labels.OPEN_PAREN}{hint}{labels.CLOSE_PAREN}"))
    return _para("llm-chapter-status", *_labelled(labels.CHAPTER_STATUS_LABEL), *children)


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
    return _para("llm-syllabus-status", *_labelled(labels.STATUS_SUMMARY_LABEL), nodes.Text(text))


#: How many of the newest dated records 最近收录 and feed.xml show (catalog.json has them all).
RECENT_SHOWN = 50


@shows("recent")
def _recent(catalog: Catalog, _: str) -> object:
    """The 最近收录 list: each shown record's date, type and title, and how many are dated."""
    dated = catalog.dated()
    return (len(dated), tuple((r.added, r.record_type, r.id, r.title) for r in dated[:RECENT_SHOWN]))


def recent(catalog: Catalog, docname: str) -> list[nodes.Node]:
    """The RECENT_SHOWN newest records grouped by the day they were added, newest day first,
    each linking to its card; when more records are dated, a line says how many are shown.

    A line first points to the feed and the open data beside index.html; it stays only where
    the builder writes these files (:func:`.opendata.place_links`).
    """

    def site_file(text: str, name: str) -> nodes.reference:
        # Pointed at from the page when it is written, where the builder writes the file.
        return nodes.reference(text, text, refuri=name, internal=False, **{SITE_FILE: name})

    feeds = _para(
        OPEN_DATA_LINE,
        *_labelled(labels.RECENT_FEEDS),
        nodes.Text(labels.RECENT_FEED),
        site_file("feed.xml", "feed.xml"),
        nodes.Text(labels.RECENT_DATA),
        site_file("catalog.json", "catalog.json"),
        nodes.Text(labels.OPEN_PAREN),
        site_file("JSON Schema", "catalog-schema.json"),
        nodes.Text(labels.CLOSE_PAREN + labels.FULL_STOP),
    )
    out: list[nodes.Node] = [feeds]
    dated = catalog.dated()
    if not dated:
        out.append(_para("llm-recent-empty", nodes.Text(labels.RECENT_EMPTY)))
        return out
    if len(dated) > RECENT_SHOWN:
        shown = labels.RECENT_SHOWN.format(shown=RECENT_SHOWN, rest=len(dated) - RECENT_SHOWN)
        out.append(_para("llm-recent-shown", nodes.Text(shown)))
    days: dict[str, list] = {}
    for record in dated[:RECENT_SHOWN]:
        days.setdefault(record.added, []).append(record)
    listing = nodes.container(classes=["llm-recent"])
    for day in sorted(days, reverse=True):
        year, month, date = (int(part) for part in day.split("-"))
        heading = labels.RECENT_DAY.format(year=year, month=month, day=date, count=len(days[day]))
        listing += _para("llm-recent-day", nodes.strong(heading, heading))
        listing += _bullets(
            "llm-recent-records",
            (
                [
                    nodes.Text(labels.RECENT_TYPE.format(type=labels.OBJECT_TYPES[r.record_type])),
                    xref(r.id, r.title, docname),
                ]
                for r in days[day]
            ),
        )
    out.append(listing)
    return out


@shows("categories")
def _categories(catalog: Catalog, _: str) -> object:
    return tuple((plain(c), len(catalog.courses_in(c.id))) for c in catalog.categories)


def categories_table(catalog: Catalog, docname: str) -> list[nodes.Node]:
    """The table, preceded by a column spec that only LaTeX reads (ragged, fixed widths)."""
    # Justified CJK text in narrow LaTeX columns spreads characters apart; ragged-right reads better.
    spec = addnodes.tabular_col_spec(
        spec="".join(rf">{{\raggedright\arraybackslash}}\X{{{w}}}{{100}}" for _, w in labels.CATEGORY_COLUMNS)
    )
    headers = [name for name, _ in labels.CATEGORY_COLUMNS]
    table = nodes.table(classes=["llm-categories", "colwidths-given"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for _, width in labels.CATEGORY_COLUMNS:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for text in headers:
        row += nodes.entry("", nodes.paragraph(text, text))
    head += row
    body = nodes.tbody()
    group += body
    for number, category in enumerate(catalog.categories, start=1):
        body += _category_row(catalog, number, category, docname)
    return [spec, table]


def _category_row(catalog: Catalog, number: int, category: Category, docname: str) -> nodes.row:
    cells: list[list[nodes.Node]] = [
        [nodes.Text(f"{number}. "), xref(category.id, category.title, docname)],
        [nodes.Text(category.summary)],
        [nodes.Text(category.slides or labels.NONE)],
        [nodes.Text(labels.STUDY[category.study])],
        [nodes.Text(str(len(catalog.courses_in(category.id))))],
    ]
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", nodes.paragraph("", "", *cell))
    return row


CHINESE_COLUMNS = (36, 12, 52)


@shows("chinese")
def _chinese(catalog: Catalog, _: str) -> object:
    """The records of the table of what can be studied in Chinese."""
    return tuple(plain(r) for r in (*catalog.courses, *catalog.books, *catalog.resources) if facets.in_chinese(r))


def chinese_table(catalog: Catalog, rows: list[nodes.Node]) -> list[nodes.Node]:
    """The table of every course, book and resource that can be studied in Chinese, with its
    Chinese aids; *rows* fill its body (see :func:`chinese_rows`).

    The print counterpart of the filter's 可用中文学习 box; also shown on the web. Like the
    filter's listing it repeats what the cards say, so Sphinx's "no-search" keeps it out of the
    search index: each record is found on its own page, once.
    """
    spec = addnodes.tabular_col_spec(
        spec="".join(rf">{{\raggedright\arraybackslash}}\X{{{w}}}{{100}}" for w in CHINESE_COLUMNS)
    )
    table = nodes.table(classes=[CHINESE_TABLE, "colwidths-given", "no-search"])
    group = nodes.tgroup(cols=len(CHINESE_COLUMNS))
    table += group
    for width in CHINESE_COLUMNS:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for text in labels.CHINESE_TABLE_COLUMNS:
        row += nodes.entry("", nodes.paragraph(text, text))
    head += row
    group += nodes.tbody("", *rows)
    return [spec, table]


def chinese_records(catalog: Catalog) -> list[Course | Book | Resource]:
    """The records of the Chinese table, in its order."""
    return [record for record in (*catalog.courses, *catalog.books, *catalog.resources) if facets.in_chinese(record)]


def chinese_rows(catalog: Catalog, docname: str) -> list[nodes.row]:
    """A row per record of :func:`chinese_records`: its title (linking to its card), type, aids."""
    out = []
    for record in chinese_records(catalog):
        ways = chinese_aids(record.aids, [labels.IN_CHINESE] if record.language == "zh" else [])
        cells = [
            [xref(record.id, record.title, docname)],
            [nodes.Text(labels.OBJECT_TYPES[record.record_type])],
            ways,
        ]
        row = nodes.row()
        for cell in cells:
            row += nodes.entry("", nodes.paragraph("", "", *cell))
        out.append(row)
    return out

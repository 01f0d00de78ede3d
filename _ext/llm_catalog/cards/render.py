"""A record's card: title, details, facts, note, body, topics, Chinese aids and links.

Builder-neutral docutils (paragraph, strong, reference, lists), so the same nodes read well in
HTML, LaTeX and EPUB; text from the data file only ever becomes ``nodes.Text``. The web gives the
card sphinx-design's look when it is built (:mod:`.stubs`).
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes

from ..data import labels
from ..data.prereq import chapter_id
from ..data.records import Book, BookChapter, Catalog, Category, Course, Link, Offering, Record, Resource, Syllabus
from ..site import words
from ..site.fingerprints import plain, shows
from ..site.names import (
    CARD,
    CARD_CHECKED,
    CARD_LINKS,
    CARD_TITLE,
    CARDS,
    COLUMNS,
    FACETS,
    RECORD,
    SLOT,
    STATUS,
    mark_progress,
    status_class,
)
from ..site.nodes import aids_paragraph, bullets, fact_paragraphs, join, labelled, merged, para, xref
from . import facts
from .names import (
    CARD_REPOSITORY,
    COUNT,
    OFFERING_NEWEST,
    OFFERING_NOTE,
    OFFERINGS,
    OFFERINGS_TITLE,
)

SEP = labels.SEPARATOR


def detail(title: str, detail: str) -> str:
    return labels.TITLE_DETAIL.format(title=title, detail=detail)


def link_label(link: Link, record_language: str | None = None) -> str:
    text = link.label or labels.LINK_KINDS[link.link_kind]
    language = labels.LANGUAGES.get(link.language or "", "")
    if language and link.language != record_language and language not in text:
        text += f"{labels.OPEN_PAREN}{language}{labels.CLOSE_PAREN}"
    return text


def link_node(link: Link, language: str | None) -> nodes.Node:
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


def link_lines(links: Iterable[Link], language: str | None, extra: Iterable[nodes.Node] = ()) -> list[nodes.paragraph]:
    links = list(links)
    refs: list[nodes.Node] = [link_node(link, language) for link in links]
    refs.extend(extra)
    if not refs:
        return []
    out = [para(CARD_LINKS, *labelled(labels.LINKS), *join(refs))]
    # A dead link's date is the day it was last seen working, not a confirmation: it is left out.
    checked = sorted(link.checked for link in links if link.checked and not link.broken)
    if checked:
        # The oldest date is the honest one: every link was confirmed at least that recently.
        out.append(para(CARD_CHECKED, nodes.Text(labels.LINKS_CHECKED.format(date=checked[0]))))
    return out


def _topics(catalog: Catalog, topic_ids: Iterable[str]) -> nodes.paragraph | None:
    names = [t.title for t in map(catalog.topic, topic_ids) if t]
    if not names:
        return None
    return para("llm-card-topics", *labelled(labels.TOPICS), nodes.Text(labels.LIST_SEPARATOR.join(names)))


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
    repository = words.repository_text(record)
    unreleased = catalog.unreleased(record.id)
    children = [
        para(CARD_TITLE, title),
        para("llm-card-meta", *join(meta)),
        unreleased_line() if unreleased else None,
        facts.facts_line(record),
        *fact_paragraphs(record),
        para(CARD_REPOSITORY, nodes.Text(repository)) if repository else None,
        para("llm-card-note", nodes.Text(record.note)),
        body,
        *after_body,
        _topics(catalog, record.topics),
        aids_paragraph(record),
        *link_lines(record.links if links is None else links, record.language, extra_links),
        facts.fact_notes(record),
    ]
    card = nodes.container(classes=[CARD, f"{CARD}-{record.record_type}"])
    card.extend(child for child in children if child is not None)
    # What the HTML filter reads (transforms write it as data- attributes on pages with a filter).
    card[RECORD] = record.id
    card[FACETS] = words.of(catalog).facets(record)
    # Read by the HTML post-transform that adds the progress checkbox; other writers ignore them.
    # Nobody finishes what is not released: no box.
    if not unreleased:
        mark_progress(card, record.id, record.title)
    return card


def unreleased_line() -> nodes.paragraph:
    """未发布, and what to do instead, on the card of what cannot be studied yet."""
    word = labels.CHAPTER_STATUS["unreleased"]
    mark = nodes.inline(word, word, classes=[STATUS, status_class("unreleased")])
    hint = labels.OPEN_PAREN + labels.RECORD_UNRELEASED_HINT + labels.CLOSE_PAREN
    return para("llm-card-status", *labelled(labels.CHAPTER_STATUS_LABEL), mark, nodes.Text(hint))


def course_card(catalog: Catalog, course: Course, docname: str, *, copy: bool = False) -> nodes.container:
    meta: list[str] = [x for x in (course.institution, course.code, course.current_term) if x]
    if course.format != "course":
        meta.append(labels.FORMATS[course.format])
    if course.instructors:
        meta.append(labels.INSTRUCTORS + labels.LIST_SEPARATOR.join(course.instructors))
    if course.level:
        meta.append(labels.LEVEL + labels.LEVELS[course.level])
    meta.append(labels.LANGUAGE + labels.LANGUAGES[course.language])
    parts = bullets(
        "llm-card-parts",
        (
            [nodes.strong(part.title, part.title), *([nodes.Text(detail("", part.note))] if part.note else [])]
            for part in course.parts
        ),
    )
    syllabus = catalog.syllabus_of(course.id)
    extra = [xref(syllabus.id, labels.SYLLABUS, docname)] if syllabus else []
    newest = course.offerings[0] if course.offerings else None
    note = None
    if newest is not None and newest.note:
        text = labels.OFFERING_NOTE.format(term=newest.term, note=newest.note)
        note = para(OFFERING_NOTE, nodes.Text(text))
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
        line.extend(join([link_node(link, language) for link in offering.links]))
        if offering.note:
            line.append((labels.ITEM_SEPARATOR if offering.links else "") + offering.note)
        items.append(merged(line))
    listing = bullets("llm-card-offerings-list", items)
    assert listing is not None
    listing[0]["classes"].append(OFFERING_NEWEST)
    title = labels.ALL_OFFERINGS.format(count=len(offerings))
    out = nodes.container(classes=[OFFERINGS], **{COUNT: len(offerings) - 1})
    out += para(OFFERINGS_TITLE, nodes.Text(title))
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

    chapters = bullets("llm-card-chapters", ([nodes.Text(chapter_text(ch))] for ch in book.chapters))
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

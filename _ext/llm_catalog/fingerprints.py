"""What a page shows of the data, as keys whose fingerprints change only when that part changes.

A page notes a key for everything it renders from the catalog (``record:<id>`` for a card,
``courses:<category>`` for the list of a category's courses ...). Before the next build
reads any page, the fingerprint of each noted key is computed again on the new catalog; a
page is re-read only when one of its keys changed, so an edit to one record re-reads only
the pages that show it, and a new record only the pages that list its category or topics.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable

from . import facets, render
from .records import Catalog, Category, Course, Record, Syllabus

#: A fingerprint: a short hash, or ``None`` when the key names nothing in the catalog.
Fingerprint = str | None

_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: object) -> object:
    """Records as nested tuples, without their line numbers (moving a record is no change)."""
    if dataclasses.is_dataclass(value):
        names = _FIELDS.get(type(value))
        if names is None:
            names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value) if f.name != "line")
        return (type(value).__name__, *(_plain(getattr(value, name)) for name in names))
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    return value


def _hash(value: object) -> str:
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=10).hexdigest()


def _card(catalog: Catalog, record: Record | Category) -> object:
    """Everything a card shows: the record, its topics' titles, the link to its syllabus."""
    if isinstance(record, (Category, Syllabus)):
        return _plain(record)  # no topic titles on these (a syllabus' chapters: see _syllabus)
    topics = tuple(t.title if t else None for t in map(catalog.topic, record.topics))
    chapter_topics = tuple(
        tuple(t.title if t else None for t in map(catalog.topic, ch.topics)) for ch in getattr(record, "chapters", ())
    )
    syllabus = catalog.syllabus_of(record.id) if isinstance(record, Course) else None
    return (_plain(record), topics, chapter_topics, syllabus.id if syllabus else None)


def _record(catalog: Catalog, record_id: str) -> object:
    found = catalog.get(record_id) or catalog.category(record_id)
    return None if found is None else _card(catalog, found)


def _courses(catalog: Catalog, category_id: str) -> object:
    category = catalog.category(category_id)
    if category is None:
        return None
    return (_plain(category), tuple(c.id for c in catalog.courses_in(category_id)))


def _books(catalog: Catalog, group_id: str) -> object:
    groups = catalog.book_groups if group_id == "*" else [g for g in catalog.book_groups if g.id == group_id]
    if not groups:
        return None
    return tuple((_plain(g), tuple(b.id for b in catalog.books_in(g.id))) for g in groups)


def _resources(catalog: Catalog, kind: str) -> object:
    return tuple(r.id for r in catalog.resources_of(None if kind == "*" else kind))


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
    return (_plain(syl), related)


def _categories(catalog: Catalog, _: str) -> object:
    return tuple((_plain(c), len(catalog.courses_in(c.id))) for c in catalog.categories)


def _chinese(catalog: Catalog, _: str) -> object:
    """The records of the table of what can be studied in Chinese."""
    return tuple(_plain(r) for r in (*catalog.courses, *catalog.books, *catalog.resources) if facets.in_chinese(r))


def _recent(catalog: Catalog, _: str) -> object:
    """The 最近收录 list: each shown record's date, type and title, and how many are dated."""
    dated = catalog.dated()
    return (len(dated), tuple((r.added, r.record_type, r.id, r.title) for r in dated[: render.RECENT_SHOWN]))


def _studyplan(catalog: Catalog, _: str) -> object:
    """The study paths and the prerequisite graph: the paths, and of every record what they show
    of it (title, hours, requirements, topics, category, language, chapters), with the topics' and categories' words."""

    def outline(record: Record) -> object:
        chapters = tuple(
            (ch.number, ch.title, getattr(ch, "requires", ()), ch.topics) for ch in getattr(record, "chapters", ())
        )
        return (
            record.id,
            record.record_type,
            record.title,
            _plain(getattr(record, "effort", None)),
            getattr(record, "requires", ()),
            record.topics,
            getattr(record, "category", None),
            getattr(record, "language", None),
            chapters,
        )

    return (
        _plain(catalog.paths),
        tuple(outline(record) for record in catalog.records()),
        _plain(catalog.topics),
        _plain(catalog.categories),
    )


def _count(catalog: Catalog, what: str) -> object:
    return catalog.count(what)


_KINDS: dict[str, Callable[[Catalog, str], object]] = {
    "record": _record,
    "courses": _courses,
    "books": _books,
    "resources": _resources,
    "syllabus": _syllabus,
    "categories": _categories,
    "count": _count,
    "chinese": _chinese,
    "recent": _recent,
    "studyplan": _studyplan,
}


def record_key(record: Record | Category | str) -> str:
    return f"record:{record if isinstance(record, str) else record.id}"


class Fingerprints:
    """Fingerprints of one catalog, each computed once."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._memo: dict[str, Fingerprint] = {}

    def __getitem__(self, key: str) -> Fingerprint:
        try:
            return self._memo[key]
        except KeyError:
            pass
        kind, _, arg = key.partition(":")
        value = _KINDS[kind](self.catalog, arg)
        found = self._memo[key] = None if value is None else _hash(value)
        return found

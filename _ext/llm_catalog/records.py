"""The catalog's records: frozen dataclasses and the queries the directives and roles make."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from .prereq import Graph, chapter_id, match_score, split_id


@dataclass(frozen=True)
class Link:
    #: What the link leads to: ``site``, ``slides``, ``video`` ... (the field is ``kind`` in the file).
    link_kind: str
    url: str
    #: Text shown for the link; ``None`` means the default label of ``link_kind``.
    label: str | None = None
    #: Language of the linked content when it differs from the record's.
    language: str | None = None
    #: Date (YYYY-MM-DD) the link was last confirmed to work (by a person or the weekly check).
    checked: str | None = None
    #: Address of an archived copy, for a page that died or moved.
    archive: str | None = None
    #: Date the weekly link check first found the link dead; ``None`` while it works.
    broken: str | None = None
    #: Line of the link in the data file (for link-check reports).
    line: int = 0


@dataclass(frozen=True)
class ChineseAid:
    """Something that helps study a record in Chinese: subtitles, a translation, notes, a video mirror."""

    #: ``subtitles``, ``translation``, ``notes`` or ``video-mirror`` (the field is ``kind`` in the file).
    aid_kind: str
    url: str
    #: Who made it.
    by: str | None = None
    #: Which edition, term or year of the original it follows.
    follows: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Effort:
    """Total study hours, as the material states them or as a contributor estimated them."""

    hours: int
    #: ``stated`` (the material's own figure) or ``estimate``.
    basis: str


@dataclass(frozen=True)
class Category:
    """A kind of course material; courses belong to one."""

    record_type = "category"
    id: str
    title: str
    summary: str
    #: How to use this kind of material: ``main``, ``reference`` or ``supplementary``.
    study: str
    #: Who made the slides, and whether they count as course or reference material.
    slides: str | None
    line: int


@dataclass(frozen=True)
class Topic:
    id: str
    title: str


@dataclass(frozen=True)
class BookGroup:
    id: str
    title: str


@dataclass(frozen=True)
class Part:
    title: str
    note: str | None = None


@dataclass(frozen=True)
class Course:
    record_type = "course"
    id: str
    category: str
    title: str
    language: str
    note: str
    links: tuple[Link, ...]
    line: int
    institution: str | None = None
    code: str | None = None
    #: ``course`` (default), ``website``, ``newsletter`` or ``event``.
    format: str = "course"
    term: str | None = None
    instructors: tuple[str, ...] = ()
    level: str | None = None
    parts: tuple[Part, ...] = ()
    topics: tuple[str, ...] = ()
    #: ``free``, ``free-to-audit`` or ``paid``; ``None`` when not confirmed (shown as unknown).
    cost: str | None = None
    effort: Effort | None = None
    chinese: tuple[ChineseAid, ...] = ()
    #: Date (YYYY-MM-DD) the record was added to the guide, when known.
    added: str | None = None
    #: What to study first: record ids, chapter ids (``slp3#7``) or topic ids, in order.
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    #: The syllabus' own words for what the chapter covers.
    keywords: str | None = None
    topics: tuple[str, ...] = ()
    #: ``released`` or ``unreleased``; ``None`` when unknown.
    status: str | None = None


@dataclass(frozen=True)
class FurtherTopic:
    title: str
    detail: str | None = None


@dataclass(frozen=True)
class Syllabus:
    record_type = "syllabus"
    id: str
    title: str
    author: str
    links: tuple[Link, ...]
    chapters: tuple[Chapter, ...]
    line: int
    further: tuple[FurtherTopic, ...] = ()
    #: Id of the course this syllabus belongs to.
    course: str | None = None
    topics: tuple[str, ...] = ()
    added: str | None = None
    #: A syllabus states no language; every record answers ``language`` (paths and cards ask it).
    language = None


@dataclass(frozen=True)
class BookChapter:
    number: int
    title: str
    #: Titles of the chapter's slide decks (published as pptx and pdf).
    slides: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    #: What to study first: record ids, chapter ids (``slp3#7``) or topic ids, in order.
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class Book:
    record_type = "book"
    id: str
    group: str
    authors: tuple[str, ...]
    title: str
    language: str
    note: str
    line: int
    edition: str | None = None
    publisher: str | None = None
    #: Year of publication.
    year: int | None = None
    topics: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    chapters: tuple[BookChapter, ...] = ()
    #: ``free``, ``free-to-audit`` or ``paid``; ``None`` when not confirmed (shown as unknown).
    cost: str | None = None
    effort: Effort | None = None
    chinese: tuple[ChineseAid, ...] = ()
    added: str | None = None
    #: What to study first: record ids, chapter ids (``slp3#7``) or topic ids, in order.
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resource:
    record_type = "resource"
    id: str
    #: ``list``, ``research``, ``video`` or ``wiki`` (the field is ``kind`` in the file).
    resource_kind: str
    title: str
    note: str
    links: tuple[Link, ...]
    line: int
    author: str | None = None
    language: str | None = None
    topics: tuple[str, ...] = ()
    #: ``free``, ``free-to-audit`` or ``paid``; ``None`` when not confirmed (shown as unknown).
    cost: str | None = None
    effort: Effort | None = None
    chinese: tuple[ChineseAid, ...] = ()
    added: str | None = None
    #: What to study first: record ids, chapter ids (``slp3#7``) or topic ids, in order.
    requires: tuple[str, ...] = ()


Record = Course | Syllabus | Book | Resource


@dataclass(frozen=True)
class PathStep:
    """One step of a study path: a record, or one chapter of a book or syllabus."""

    record: str
    why: str
    chapter: int | None = None

    @property
    def node(self) -> str:
        """The step's id in the prerequisite graph and in the reader's progress."""
        return chapter_id(self.record, self.chapter) if self.chapter else self.record


@dataclass(frozen=True)
class StudyPath:
    record_type = "path"
    id: str
    title: str
    summary: str
    steps: tuple[PathStep, ...]
    line: int
    #: Every step's record is in this language (``make check`` enforces it), if set.
    language: str | None = None


@dataclass(frozen=True)
class Related:
    """A record that teaches a topic, with the book chapter that matched, if any."""

    record: Record
    chapter: BookChapter | None = None


#: What ``{llm:count}`` can count: the one description of its syntax.
COUNT_FORMS = (
    "categories",
    "topics",
    "book-groups",
    "courses",
    "syllabi",
    "books",
    "resources",
    "paths",
    "courses:<category>",
    "books:<group>",
    "chapters:<syllabus>",
)


@dataclass(frozen=True)
class Catalog:
    path: str
    categories: tuple[Category, ...]
    topics: tuple[Topic, ...]
    book_groups: tuple[BookGroup, ...]
    courses: tuple[Course, ...]
    syllabi: tuple[Syllabus, ...]
    books: tuple[Book, ...]
    resources: tuple[Resource, ...]
    #: The data file's content as read (plain dicts and lists), for the open-data export.
    source: dict = field(default_factory=dict, repr=False, compare=False)
    paths: tuple[StudyPath, ...] = ()
    _by_id: dict[str, Record] = field(init=False, repr=False, compare=False)
    _topic_by_id: dict[str, Topic] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {record.id: record for record in self.records()})
        # Looked up for every card: a dict, not a scan (the first topic wins, as a scan would).
        topics: dict[str, Topic] = {}
        for topic in self.topics:
            topics.setdefault(topic.id, topic)
        object.__setattr__(self, "_topic_by_id", topics)

    def records(self) -> Iterator[Record]:
        yield from self.courses
        yield from self.syllabi
        yield from self.books
        yield from self.resources

    def get(self, record_id: str) -> Record | None:
        return self._by_id.get(record_id)

    def dated(self) -> list[Record]:
        """Records with an ``added`` date, newest first (catalog order within a day)."""
        return sorted((r for r in self.records() if r.added), key=lambda r: r.added or "", reverse=True)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def topic(self, topic_id: str) -> Topic | None:
        return self._topic_by_id.get(topic_id)

    def book_group(self, group_id: str) -> BookGroup | None:
        return next((g for g in self.book_groups if g.id == group_id), None)

    def courses_in(self, category_id: str) -> tuple[Course, ...]:
        return tuple(c for c in self.courses if c.category == category_id)

    def books_in(self, group_id: str) -> tuple[Book, ...]:
        return tuple(b for b in self.books if b.group == group_id)

    def resources_of(self, kind: str | None) -> tuple[Resource, ...]:
        """Resources of one kind (``list``, ``video`` ...); every resource when *kind* is ``None``."""
        return tuple(r for r in self.resources if kind in (None, r.resource_kind))

    def syllabus_of(self, course_id: str) -> Syllabus | None:
        return next((s for s in self.syllabi if s.course == course_id), None)

    def related(self, topics: tuple[str, ...], *, exclude: set[str]) -> list[Related]:
        """Records whose topics meet *topics*, in catalog order; books by matching chapter."""
        wanted = set(topics)
        found: list[Related] = []
        for record in self.records():
            if record.id in exclude:
                continue
            chapters = getattr(record, "chapters", ())
            if isinstance(record, Book) and chapters:
                matching = [ch for ch in chapters if wanted & set(ch.topics)]
                if matching:
                    found.extend(Related(record, ch) for ch in matching)
                    continue
            if wanted & set(record.topics):
                found.append(Related(record))
        return found

    def ranked_related(self, topics: tuple[str, ...], *, exclude: set[str]) -> list[Related]:
        """:meth:`related`, most specific first (see :func:`prereq.match_score`).

        Ties go to a book chapter before a whole record, then to the data file's order.
        """
        found = self.related(topics, exclude=exclude)
        order = {id(item): n for n, item in enumerate(found)}

        def key(item: Related) -> tuple[float, int, int]:
            offered = item.chapter.topics if item.chapter is not None else item.record.topics
            return (-match_score(topics, offered), item.chapter is None, order[id(item)])

        return sorted(found, key=key)

    # -- Prerequisites and paths ---------------------------------------------------------

    @cached_property
    def graph(self) -> Graph:
        """Every record and chapter with what it requires (see :mod:`prereq`)."""
        graph = Graph()
        for record in self.records():
            graph.add(record.id, teaches=record.topics)
            previous: str | None = None
            for chapter in getattr(record, "chapters", ()):
                node = chapter_id(record.id, chapter.number)
                graph.add(node, teaches=chapter.topics)
                graph.require(record.id, node)
                if isinstance(record, Syllabus) and previous:
                    graph.require(node, previous)  # a syllabus is read in its order
                previous = node
                for needed in getattr(chapter, "requires", ()):
                    graph.require(node, needed, topic=self.topic(needed) is not None)
            for needed in getattr(record, "requires", ()):
                graph.require(record.id, needed, topic=self.topic(needed) is not None)
        return graph

    def chapter(self, node: str) -> tuple[Record, Chapter | BookChapter | None] | None:
        """The record and chapter a graph node names, or ``None`` if it names nothing."""
        record_id, number = split_id(node)
        record = self.get(record_id)
        if record is None:
            return None
        if number is None:
            return record, None
        found = next((ch for ch in getattr(record, "chapters", ()) if ch.number == number), None)
        return (record, found) if found else None

    def hours(self, node: str) -> int | None:
        """Study hours of a record when its data says so; chapters and others are unknown."""
        record = self.get(node)
        effort = getattr(record, "effort", None)
        return effort.hours if effort else None

    def teachers(self, topic: str, *, exclude: set[str]) -> list[str]:
        """Graph nodes that teach *topic*, most specific first (for "any one of" requirements)."""
        found: list[tuple[float, bool, int, str]] = []
        for n, item in enumerate(self.related((topic,), exclude=exclude)):
            parts: list[tuple[str, tuple[str, ...], bool]]
            if isinstance(item.record, Syllabus):  # a syllabus teaches a topic in its chapters
                parts = [(chapter_id(item.record.id, ch.number), ch.topics, True) for ch in item.record.chapters]
            elif item.chapter is not None:
                parts = [(chapter_id(item.record.id, item.chapter.number), item.chapter.topics, True)]
            else:
                parts = [(item.record.id, item.record.topics, False)]
            for node, topics, is_chapter in parts:
                score = match_score((topic,), topics)
                if score and node not in exclude:
                    found.append((-score, not is_chapter, n, node))
        return [node for *_, node in sorted(found)]

    def study_path(self, path_id: str) -> StudyPath | None:
        return next((p for p in self.paths if p.id == path_id), None)

    def count(self, what: str) -> int | None:
        """The number *what* names (one of :data:`COUNT_FORMS`), or ``None`` if it names nothing."""
        name, _, arg = what.partition(":")
        if not arg:
            table: dict[str, tuple[object, ...]] = {
                "categories": self.categories,
                "topics": self.topics,
                "book-groups": self.book_groups,
                "courses": self.courses,
                "syllabi": self.syllabi,
                "books": self.books,
                "resources": self.resources,
                "paths": self.paths,
            }
            return len(table[name]) if name in table else None
        if name == "courses" and self.category(arg):
            return len(self.courses_in(arg))
        if name == "books" and self.book_group(arg):
            return len(self.books_in(arg))
        if name == "chapters" and isinstance(syl := self.get(arg), Syllabus):
            return len(syl.chapters)
        return None

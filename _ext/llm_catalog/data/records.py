"""The catalog's records: frozen dataclasses and the queries the directives and roles make."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from types import UnionType
from typing import Any, ClassVar, Protocol, TypeVar, Union, get_args, get_origin, get_type_hints

from .prereq import Graph, chapter_id, match_score, requirements, split_id
from .yamlsource import DataPath


@dataclass(frozen=True, kw_only=True)
class Link:
    #: Where the line of a link is: its ``url`` key (for link-check reports).
    line_at: ClassVar[str | None] = "url"
    #: What the link leads to: ``site``, ``slides``, ``video`` ... (the field is ``kind`` in the file).
    link_kind: str = field(metadata={"key": "kind"})
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


@dataclass(frozen=True, kw_only=True)
class ChineseAid:
    """Something that helps study a record in Chinese: subtitles, a translation, notes, a video mirror."""

    line_at: ClassVar[str | None] = "url"
    #: ``subtitles``, ``translation``, ``notes`` or ``video-mirror`` (the field is ``kind`` in the file).
    aid_kind: str = field(metadata={"key": "kind"})
    url: str
    #: Who made it.
    by: str | None = None
    #: Which edition, term or year of the original it follows.
    follows: str | None = None
    #: Pages the aid was read on, when not its own address (``()``: its ``url`` is the source).
    sources: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, kw_only=True)
class UnconfirmedAid:
    """A Chinese aid heard of but not confirmed: what it is, in words, and never a link."""

    line_at: ClassVar[str | None] = "name"
    #: What it may be: ``subtitles``, ``translation``, ``notes`` or ``video-mirror``.
    aid_kind: str = field(metadata={"key": "kind"})
    #: What it is, for the reader: a title, a site's name, a video's number (no address).
    name: str
    line: int = 0


@dataclass(frozen=True, kw_only=True)
class Offering:
    """One time a course was taught: its term, when it began, and that term's own links."""

    #: The term as the course names it, in words: ``2025 春``.
    term: str
    #: When it began, ``YYYY`` or ``YYYY-MM``: orders the offerings (newest first).
    start: str
    links: tuple[Link, ...] = ()
    note: str | None = None
    #: Line of the offering in the data file.
    line: int = 0


@dataclass(frozen=True, kw_only=True)
class Fact:
    """A fact read on one or more pages: where (``sources``), when (``checked``) and a note.

    Each kind names the key of the data file that says what it is (:attr:`WHAT`); a record's
    facts are the fields of :class:`Material` whose type is a kind of fact (:data:`FACT_FIELDS`),
    so a new kind of fact is one class here and one field there: the rules and the tools that
    read facts find it.
    """

    #: The key that says what the fact is (``value`` of a cost, ``kind`` of an effort ...).
    WHAT: ClassVar[str] = ""
    #: How `make check`'s messages name the fact ("this cost").
    NAMED: ClassVar[str] = "this fact"
    #: For a fact never written as unknown (a reader would see the word): what to do instead,
    #: as `make check` says it. ``None``: the fact may be unknown, with a note saying why.
    LEFT_OUT: ClassVar[str | None] = None

    #: Addresses of the pages the fact was read on; empty only for an unknown fact.
    sources: tuple[str, ...] = ()
    #: Date (YYYY-MM-DD) the sources were last read.
    checked: str
    #: Plain-text remark: the source's words, how a figure was counted, or why it is unknown.
    note: str | None = None
    #: The words on the source page the fact was read from, kept so `sources` can re-read them.
    quote: str | None = None
    line: int = 0

    @property
    def known(self) -> bool:
        return True


@dataclass(frozen=True, kw_only=True)
class Cost(Fact):
    """What studying the material costs: ``free``, ``free-to-audit``, ``paid`` or ``unknown``."""

    WHAT: ClassVar[str] = "value"
    NAMED: ClassVar[str] = "this cost"
    value: str
    #: The id of the rule (:mod:`.derive`) that derived this cost from a link; ``None`` when read.
    derived: str | None = field(default=None, metadata={"derived": True})

    @property
    def known(self) -> bool:
        return self.value != "unknown"


@dataclass(frozen=True, kw_only=True)
class Effort(Fact):
    """Hours of one kind: ``video`` (public lectures), ``class`` (scheduled class time without
    public video), ``stated`` (the material's own total) or ``unknown``."""

    WHAT: ClassVar[str] = "kind"
    NAMED: ClassVar[str] = "this number of hours"
    effort_kind: str = field(metadata={"key": "kind"})
    hours: int | None = None
    #: The upper end when the source gives a range (``hours``–``hours_to``).
    hours_to: int | None = None
    #: The parts of a derived figure: lectures × minutes each = hours (``make check`` verifies);
    #: ``minutes_to`` is the upper end of a range of lengths (and gives ``hours_to``).
    lectures: int | None = None
    minutes: int | None = None
    minutes_to: int | None = None
    #: Videos whose lengths were added up (``video-lengths``), and their total in minutes.
    videos: int | None = None
    total_minutes: int | None = None

    @property
    def known(self) -> bool:
        return self.effort_kind != "unknown" and self.hours is not None

    @property
    def span(self) -> tuple[int, int]:
        """(fewest, most) hours: the same twice unless the source gives a range."""
        low = self.hours or 0
        return low, self.hours_to or low


@dataclass(frozen=True, kw_only=True)
class Pages(Fact):
    """A book's or PDF's number of pages."""

    WHAT: ClassVar[str] = "count"
    NAMED: ClassVar[str] = "this page count"
    LEFT_OUT: ClassVar[str | None] = "leave pages out when no page states them"
    count: int


@dataclass(frozen=True, kw_only=True)
class Workload(Fact):
    """What a course states beyond its lectures and videos (homework, projects, GPU compute),
    in a reader's words: the hours of ``effort`` leave it out."""

    WHAT: ClassVar[str] = "says"
    NAMED: ClassVar[str] = "this workload"
    LEFT_OUT: ClassVar[str | None] = "leave workload out when no page states it"
    says: str


@dataclass(frozen=True, kw_only=True)
class Year(Fact):
    """The year a resource was published (a series: the year of the latest part the record covers),
    read on a page or taken straight from a date on one. Not among :meth:`Material.facts` yet: no
    page shows it. A field of :class:`Resource`, not of every material, so not in :data:`FACT_FIELDS`."""

    WHAT: ClassVar[str] = "value"
    NAMED: ClassVar[str] = "this year"
    LEFT_OUT: ClassVar[str | None] = "leave year out when no page states it"
    value: int


@dataclass(frozen=True, kw_only=True)
class ChineseAccess:
    """What was found for studying a material in Chinese, and when someone last looked."""

    checked: str
    #: The aids found; empty means "looked, found none confirmed" (as of ``checked``).
    aids: tuple[ChineseAid, ...] = ()
    #: Aids heard of but not confirmed (a book's Chinese edition known only from reviews ...):
    #: not aids, so they do not make the record studyable in Chinese.
    unconfirmed: tuple[UnconfirmedAid, ...] = ()
    note: str | None = None
    line: int = 0


@dataclass(frozen=True, kw_only=True)
class Repository:
    """What GitHub said of the record's repository (written by ``make freshness``, not by hand)."""

    #: The repository is archived (read-only) on GitHub.
    archived: bool
    #: Date (YYYY-MM-DD) of the last push to the repository (GitHub's ``pushed_at``).
    pushed: str
    #: Date (YYYY-MM-DD) GitHub was asked; "more than a year" is counted back from it.
    checked: str


@dataclass(frozen=True, kw_only=True)
class Category:
    """A kind of course material; courses belong to one."""

    record_type: ClassVar[str] = "category"
    id: str
    title: str
    summary: str
    #: How to use this kind of material: ``main``, ``reference`` or ``supplementary``.
    study: str
    #: Who made the slides, and whether they count as course or reference material.
    slides: str | None = None
    line: int = 0


@dataclass(frozen=True, kw_only=True)
class Topic:
    id: str
    title: str


@dataclass(frozen=True, kw_only=True)
class BookGroup:
    id: str
    title: str


@dataclass(frozen=True, kw_only=True)
class Part:
    title: str
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class Record:
    """What every record has. A subclass is one type of record, listed in :data:`RECORD_TYPES`."""

    #: The record's type (``course`` ...), as pages, the domain and catalog.json name it.
    record_type: ClassVar[str] = ""
    #: The data file's list that holds records of this type (``courses`` ...).
    section: ClassVar[str] = ""
    id: str
    title: str
    #: Line of the record in the data file.
    line: int = 0
    links: tuple[Link, ...] = ()
    topics: tuple[str, ...] = ()
    #: Date (YYYY-MM-DD) the record was added to the guide, when known.
    added: str | None = None

    @property
    def all_links(self) -> tuple[Link, ...]:
        """Every address the record shows: its links, then those of its offerings (courses)."""
        return self.links


@dataclass(frozen=True, kw_only=True)
class Material(Record):
    """What a learner studies (a course, book or resource): the fields the facets come from."""

    note: str
    language: str | None = None
    #: What it costs, with its sources; ``None`` when nobody has looked (shown as unknown).
    cost: Cost | None = None
    #: Hours of video, class time or stated study time, with their sources.
    effort: Effort | None = None
    #: Number of pages (books, PDFs), with its sources.
    pages: Pages | None = None
    #: What the material states beyond its lectures and videos, with its sources.
    workload: Workload | None = None
    #: Chinese aids found and when someone looked; ``None`` when nobody has looked.
    chinese: ChineseAccess | None = None
    #: What to study first: record ids, chapter ids (``slp3#7``) or topic ids, in order.
    requires: tuple[str, ...] = ()
    #: Its GitHub repository's state, for a record hosted there (see :mod:`.freshness`).
    repository: Repository | None = None

    @property
    def cost_value(self) -> str | None:
        """``free``, ``free-to-audit`` or ``paid`` when known; ``None`` otherwise."""
        return self.cost.value if self.cost is not None and self.cost.known else None

    @property
    def aids(self) -> tuple[ChineseAid, ...]:
        """The Chinese aids found (none when nobody looked or nothing was found)."""
        return self.chinese.aids if self.chinese is not None else ()

    def facts(self) -> Iterator[tuple[str, Fact]]:
        """Each fact the record states, with its field name (:data:`FACT_FIELDS`)."""
        for name in FACT_FIELDS:
            fact = getattr(self, name)
            if fact is not None:
                yield name, fact


@dataclass(frozen=True, kw_only=True)
class Course(Material):
    record_type = "course"
    section = "courses"
    category: str
    language: str
    institution: str | None = None
    code: str | None = None
    #: ``course`` (default), ``website``, ``newsletter`` or ``event``.
    format: str = "course"
    term: str | None = None
    instructors: tuple[str, ...] = ()
    level: str | None = None
    parts: tuple[Part, ...] = ()
    #: The times the course was taught, newest first (the card shows the first, folds the rest).
    offerings: tuple[Offering, ...] = ()

    @property
    def all_links(self) -> tuple[Link, ...]:
        return self.links + tuple(link for offering in self.offerings for link in offering.links)

    @property
    def current_term(self) -> str | None:
        """The term the card shows: the newest offering's, else the record's own ``term``."""
        return self.offerings[0].term if self.offerings else self.term


@dataclass(frozen=True, kw_only=True)
class Teacher:
    """A released material that teaches a syllabus chapter now, and why (the contributor's judgment)."""

    #: A record id, or a chapter id of a book or syllabus (``slp3#3``).
    record: str
    why: str
    #: Pages that show it teaches the chapter (a syllabus, a README).
    sources: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, kw_only=True)
class Chapter:
    number: int
    title: str
    #: The syllabus' own words for what the chapter covers.
    keywords: str | None = None
    topics: tuple[str, ...] = ()
    #: ``released`` or ``unreleased``; ``None`` when unknown.
    status: str | None = None
    #: Released materials that teach the chapter now, best first.
    taught_by: tuple[Teacher, ...] = ()


@dataclass(frozen=True, kw_only=True)
class FurtherTopic:
    title: str
    detail: str | None = None


@dataclass(frozen=True, kw_only=True)
class Syllabus(Record):
    record_type = "syllabus"
    section = "syllabi"
    author: str
    chapters: tuple[Chapter, ...]
    further: tuple[FurtherTopic, ...] = ()
    #: Id of the course this syllabus belongs to.
    course: str | None = None
    #: The topics of its chapters, in order (not written in the file).
    topics: tuple[str, ...] = field(default=(), metadata={"derived": True})
    #: A syllabus states no language; every record answers ``language`` (paths and cards ask it).
    language: ClassVar[None] = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "topics", tuple(dict.fromkeys(t for ch in self.chapters for t in ch.topics)))


@dataclass(frozen=True, kw_only=True)
class BookChapter:
    number: int
    title: str
    #: Titles of the chapter's slide decks (published as pptx and pdf).
    slides: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    #: What to study first: record ids, chapter ids (``slp3#7``) or topic ids, in order.
    requires: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Book(Material):
    record_type = "book"
    section = "books"
    group: str
    authors: tuple[str, ...]
    language: str
    edition: str | None = None
    publisher: str | None = None
    #: Year of publication.
    year: int | None = None
    chapters: tuple[BookChapter, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Resource(Material):
    record_type = "resource"
    section = "resources"
    #: ``list``, ``research``, ``video`` or ``wiki`` (the field is ``kind`` in the file).
    resource_kind: str = field(metadata={"key": "kind"})
    author: str | None = None
    #: The year it was published, with its sources; ``None`` when no page states it.
    year: Year | None = None


#: Every type of record, in the data file's order of sections: the one registry.
RECORD_TYPES: tuple[type[Record], ...] = (Course, Syllabus, Book, Resource)
#: The data file's lists of records, in order.
SECTIONS = tuple(record_type.section for record_type in RECORD_TYPES)


@dataclass(frozen=True, kw_only=True)
class PathStep:
    """One step of a study path: a record, or one chapter of a book or syllabus."""

    record: str
    why: str
    chapter: int | None = None

    @property
    def node(self) -> str:
        """The step's id in the prerequisite graph and in the reader's progress."""
        return chapter_id(self.record, self.chapter) if self.chapter else self.record


@dataclass(frozen=True, kw_only=True)
class StudyPath:
    record_type: ClassVar[str] = "path"
    id: str
    title: str
    summary: str
    steps: tuple[PathStep, ...]
    line: int = 0
    #: Every step's record is in this language (``make check`` enforces it), if set.
    language: str | None = None


# -- Construction from the data file's content ---------------------------------------------


class Lines(Protocol):
    """Where the data file's values are (yamlsource.Document)."""

    def line_of(self, path: DataPath, *, key: bool = False) -> int: ...


T = TypeVar("T")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _fact_fields() -> dict[str, type[Fact]]:
    """The fields of a material that hold a fact, with the fact's class, in the model's order."""
    found = {}
    for name, hint in _hints(Material).items():
        kinds = [t for t in get_args(hint) if isinstance(t, type) and issubclass(t, Fact)]
        if kinds:
            found[name] = kinds[0]
    return found


#: Every field of a material that holds a fact (``cost``, ``effort``, ``pages``, ``workload`` ...)
#: and the key that says what it is: the rules and the tools read facts through it.
FACT_KINDS: dict[str, type[Fact]] = _fact_fields()
FACT_FIELDS: dict[str, str] = {name: kind.WHAT for name, kind in FACT_KINDS.items()}


def build(cls: type[T], item: Mapping[str, Any], lines: Lines, path: DataPath) -> T:
    """An instance of the dataclass *cls* from *item*, the mapping at *path* of the data file.

    Each field takes the value of its key (``metadata["key"]``, or its own name), converted by
    its type: nested dataclasses and tuples of them are built the same way. A field missing
    from *item* keeps its default; ``line`` is the line of the item (or of its ``line_at`` key).
    """
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.metadata.get("derived"):
            continue
        if f.name == "line":
            at = getattr(cls, "line_at", None)
            values["line"] = lines.line_of((*path, at), key=True) if at else lines.line_of(path)
            continue
        key = f.metadata.get("key", f.name)
        if key in item:
            values[f.name] = _convert(hints[f.name], item[key], lines, (*path, key))
    return cls(**values)


def _convert(hint: Any, value: Any, lines: Lines, path: DataPath) -> Any:
    origin = get_origin(hint)
    if origin in (Union, UnionType):
        hint = next(arg for arg in get_args(hint) if arg is not type(None))
        origin = get_origin(hint)
    if origin is tuple:
        inner = get_args(hint)[0]
        return tuple(_convert(inner, item, lines, (*path, n)) for n, item in enumerate(value))
    if dataclasses.is_dataclass(hint):
        return build(hint, value, lines, path)  # type: ignore[arg-type]
    return value


def build_all(cls: type[T], data: Mapping[str, Any], section: str, lines: Lines) -> tuple[T, ...]:
    """Every item of the data file's list *section*, built as *cls*."""
    return tuple(build(cls, item, lines, (section, n)) for n, item in enumerate(data.get(section) or ()))


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
        for record_type in RECORD_TYPES:
            yield from getattr(self, record_type.section)

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
        """Every record and chapter with what it requires (see :mod:`prereq`), built once."""
        return requirements(self.source, SECTIONS, in_order=Syllabus.section).graph

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

    def unreleased(self, node: str) -> bool:
        """A syllabus chapter whose status is ``unreleased``, a syllabus with every chapter so, or
        a course whose syllabus is so (LLM101n): nothing of it can be studied yet, so it satisfies
        no requirement and nobody marks it done."""
        found = self.chapter(node)
        if found is None:
            return False
        record, chapter = found
        if isinstance(chapter, Chapter):
            return chapter.status == "unreleased"
        if isinstance(record, Course):
            syllabus = self.syllabus_of(record.id)
            return syllabus is not None and self.unreleased(syllabus.id)
        chapters = record.chapters if isinstance(record, Syllabus) else ()
        return bool(chapters) and all(ch.status == "unreleased" for ch in chapters)

    def taught_now(self, node: str) -> tuple[Teacher, ...]:
        """What teaches the syllabus chapter *node* now: its ``taught_by`` that is released, best first."""
        found = self.chapter(node)
        chapter = found[1] if found else None
        if not isinstance(chapter, Chapter):
            return ()
        return tuple(t for t in chapter.taught_by if self.chapter(t.record) and not self.unreleased(t.record))

    def hours(self, node: str) -> int | list[int] | None:
        """Study hours of a record when its data says so, ``[fewest, most]`` for a range (as the
        pages' scripts read them); chapters and others are unknown."""
        record = self.get(node)
        effort = getattr(record, "effort", None)
        if effort is None or not effort.known:
            return None
        low, high = effort.span
        return low if low == high else [low, high]

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
        # An unreleased chapter cannot be studied now: its first released alternative stands in.
        ranked: dict[str, None] = {}
        for *_, node in sorted(found):
            if self.unreleased(node):
                now = self.taught_now(node)
                if not now or now[0].record in exclude:
                    continue
                node = now[0].record
            ranked.setdefault(node)
        return list(ranked)

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

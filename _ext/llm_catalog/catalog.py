"""Load, validate and type the catalog data file (one parse per build)."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema

from . import yamlsource
from .yamlsource import DataPath, Document

# -- Problems ------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data file, located for a contributor."""

    path: str
    line: int | None
    field: str
    message: str

    @property
    def text(self) -> str:
        """The message without its location: ``field: what is wrong``."""
        return f"{self.field}: {self.message}" if self.field else self.message

    def for_sphinx(self) -> tuple[str, str | None]:
        """Message and location as Sphinx's logger takes them.

        Sphinx prints ``location: ERROR: message``, but reads a location without a colon as
        a document name, so a problem with no line carries its file in the message instead.
        """
        if self.line:
            return self.text, f"{self.path}:{self.line}"
        return f"{self.path}: {self.text}", None

    def __str__(self) -> str:
        # The same text Sphinx prints for the build's error, so `make check` and the build read alike.
        message, location = self.for_sphinx()
        return f"{location}: ERROR: {message}" if location else f"ERROR: {message}"


class CatalogInvalid(Exception):
    """The data file has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the catalog")
        self.problems = problems


def field_name(path: DataPath) -> str:
    """``("courses", 3, "links", 0, "url")`` -> ``courses[3].links[0].url``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(top level)"


# -- Records -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    kind: str
    url: str
    #: Text shown for the link; ``None`` means the default label of ``kind``.
    label: str | None = None
    #: Language of the linked content when it differs from the record's.
    language: str | None = None
    #: Date (YYYY-MM-DD) a person last confirmed the link works.
    checked: str | None = None
    #: Address of an archived copy, for a page that died or moved.
    archive: str | None = None
    #: Line of the link in the data file (for link-check reports).
    line: int = 0


@dataclass(frozen=True)
class Category:
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
    kind = "course"
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


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    #: The syllabus' own words for what the chapter covers.
    keywords: str | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class FurtherTopic:
    title: str
    detail: str | None = None


@dataclass(frozen=True)
class Syllabus:
    kind = "syllabus"
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


@dataclass(frozen=True)
class BookChapter:
    number: int
    title: str
    #: Titles of the chapter's slide decks (published as pptx and pdf).
    slides: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Book:
    kind = "book"
    id: str
    group: str
    authors: tuple[str, ...]
    title: str
    language: str
    note: str
    line: int
    edition: str | None = None
    topics: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    chapters: tuple[BookChapter, ...] = ()


@dataclass(frozen=True)
class Resource:
    kind = "resource"
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


Record = Course | Syllabus | Book | Resource


@dataclass(frozen=True)
class Related:
    """A record that teaches a topic, with the book chapter that matched, if any."""

    record: Record
    chapter: BookChapter | None = None


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
    _by_id: dict[str, Record] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {record.id: record for record in self.records()})

    def records(self) -> Iterator[Record]:
        yield from self.courses
        yield from self.syllabi
        yield from self.books
        yield from self.resources

    def get(self, record_id: str) -> Record | None:
        return self._by_id.get(record_id)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def book_group(self, group_id: str) -> BookGroup | None:
        return next((g for g in self.book_groups if g.id == group_id), None)

    def courses_in(self, category_id: str) -> tuple[Course, ...]:
        return tuple(c for c in self.courses if c.category == category_id)

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

    def count(self, what: str) -> int | None:
        """Counts that prose may quote: ``courses``, ``courses:<category>``, ``chapters:<syllabus>`` ..."""
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
            }
            return len(table[name]) if name in table else None
        if name == "courses" and self.category(arg):
            return len(self.courses_in(arg))
        if name == "books" and self.book_group(arg):
            return sum(1 for b in self.books if b.group == arg)
        if name == "chapters" and isinstance(syl := self.get(arg), Syllabus):
            return len(syl.chapters)
        return None


# -- Loading -------------------------------------------------------------------------------

DEFAULT_SCHEMA = "catalog.schema.json"


def load(path: Path, schema_path: Path | None = None) -> Catalog:
    """Read and check *path*; raise :class:`CatalogInvalid` listing every problem."""
    path = Path(path)
    shown = _shown_path(path)
    schema_path = schema_path or path.with_name(DEFAULT_SCHEMA)
    try:
        schema = _schema(str(Path(schema_path).resolve()))
    except (OSError, ValueError) as exc:
        raise CatalogInvalid([Problem(str(schema_path), None, "", f"cannot read the JSON Schema: {exc}")]) from None
    try:
        doc = yamlsource.read(path)
    except yamlsource.YamlProblem as exc:
        raise CatalogInvalid([Problem(shown, exc.line, "", exc.message)]) from None
    problems = [Problem(shown, line, field_name(p), msg) for p, line, msg in doc.problems]
    problems += _schema_problems(doc, schema, shown)
    problems += _reference_problems(doc, shown)
    if problems:
        raise CatalogInvalid(sorted(set(problems), key=lambda p: (p.line or 0, p.field, p.message)))
    return _build(doc.data, doc, shown)  # type: ignore[arg-type]


def _shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@cache
def _schema(resolved: str) -> dict:
    schema = json.loads(Path(resolved).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return schema


def _describe(value: object) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_short(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__  # pragma: no cover


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list (lines starting with '- ')",
    "object": "a mapping of fields (name: value)",
}

#: The schema's pattern for a link's ``checked`` date (the schema cannot say the date is real).
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

_PATTERN_WORDS = {
    "id": "ids use lowercase letters, digits and single hyphens, e.g. 'stanford-cs224n'",
    "url": "a link must be a full address starting with http:// or https://, with no spaces",
    "text": "it contains control characters; write plain text",
    "shortText": "it must be a single line of plain text",
    DATE_PATTERN: 'write the date as YYYY-MM-DD, e.g. "2026-11-29"',
}


def suggest(word: str, choices: list[str]) -> str:
    """A "did you mean" hint for a mistyped key or id, or an empty string."""
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


def _definition_name(schema: Mapping, sub: Mapping) -> str | None:
    for name, definition in schema.get("definitions", {}).items():
        if definition is sub or definition == sub:
            return name
    return None


def _field_help(schema: Mapping, parent: Mapping, key: str) -> str:
    """The schema's own description of a field, to say what to fill in."""
    spec = parent.get("properties", {}).get(key, {})
    description = spec.get("description")
    if not description and "$ref" in spec:
        description = schema["definitions"][spec["$ref"].rsplit("/", 1)[-1]].get("description")
    return f" ({description})" if description else ""


def _schema_problems(doc: Document, schema: dict, shown: str) -> list[Problem]:
    validator = jsonschema.Draft7Validator(schema)
    problems: list[Problem] = []
    for error in validator.iter_errors(doc.data):
        path = tuple(error.absolute_path)
        value = error.instance
        kind = error.validator
        if kind == "additionalProperties" and isinstance(value, dict):
            allowed = list(error.schema.get("properties", {}))
            for key in value:
                if key not in allowed:
                    problems.append(
                        Problem(
                            shown,
                            doc.line_of((*path, key), key=True),
                            field_name((*path, key)),
                            f"unknown field {key!r}{suggest(key, allowed)} (allowed fields: {', '.join(allowed)})",
                        )
                    )
            continue
        if kind == "required" and isinstance(value, dict):
            for key in error.validator_value:
                if key not in value:
                    problems.append(
                        Problem(
                            shown,
                            doc.line_of(path),
                            field_name((*path, key)),
                            f"the required field {key!r} is missing{_field_help(schema, error.schema, key)}",
                        )
                    )
            continue
        line = doc.line_of(path)
        if kind == "type":
            expected = _TYPE_WORDS.get(error.validator_value, str(error.validator_value))
            message = f"expected {expected}, found {_describe(value)}"
            if error.validator_value == "string" and isinstance(value, (int, bool)):
                message += '; put it in quotes to keep it as text, e.g. "2024"'
            if value is None:
                message += "; fill it in or remove the field"
        elif kind == "enum":
            options = [str(o) for o in error.validator_value]
            message = (
                f"{_describe(value)} is not an allowed value{suggest(str(value), options)}"
                f" (allowed: {', '.join(options)})"
            )
        elif kind == "pattern":
            name = _definition_name(schema, error.schema) or str(error.validator_value)
            message = f"{_describe(value)} is not valid: {_PATTERN_WORDS.get(name, 'wrong format')}"
        elif kind == "minLength":
            message = "must not be empty"
        elif kind == "maxLength":
            message = f"is too long ({len(value)} characters; at most {error.validator_value})"
        elif kind == "minItems":
            message = "must list at least one item"
        elif kind == "uniqueItems":
            message = "lists the same item more than once"
        elif kind == "minimum":
            message = f"must be {error.validator_value} or more, found {value}"
        else:  # pragma: no cover - every keyword the schema uses is handled above
            message = error.message
        problems.append(Problem(shown, line, field_name(path), message))
    return problems


_RECORD_LISTS = ("courses", "syllabi", "books", "resources")


def _items(data: object, key: str) -> Iterator[tuple[int, dict]]:
    """The mapping items of a top-level list, skipping what the schema already rejects."""
    if isinstance(data, dict) and isinstance(data.get(key), list):
        for index, item in enumerate(data[key]):
            if isinstance(item, dict):
                yield index, item


def _reference_problems(doc: Document, shown: str) -> list[Problem]:
    """Checks a schema cannot express: unique ids, references to things that exist."""
    data = doc.data
    problems: list[Problem] = []

    def problem(path: DataPath, message: str) -> None:
        problems.append(Problem(shown, doc.line_of(path), field_name(path), message))

    def ids_of(key: str) -> dict[str, DataPath]:
        found: dict[str, DataPath] = {}
        for index, item in _items(data, key):
            if isinstance(item.get("id"), str):
                found.setdefault(item["id"], (key, index, "id"))
        return found

    # Every id the roles can refer to shares one namespace.
    seen: dict[str, DataPath] = {}
    for key in ("categories", *_RECORD_LISTS):
        for index, item in _items(data, key):
            rid = item.get("id")
            if not isinstance(rid, str):
                continue
            here = (key, index, "id")
            if rid in seen:
                problem(
                    here, f"duplicate id {rid!r}: already used at line {doc.line_of(seen[rid])}; ids must be unique"
                )
            else:
                seen[rid] = here
    for key in ("topics", "book_groups"):
        local: dict[str, DataPath] = {}
        for index, item in _items(data, key):
            rid = item.get("id")
            if isinstance(rid, str):
                if rid in local:
                    problem((key, index, "id"), f"duplicate id {rid!r}: already used at line {doc.line_of(local[rid])}")
                local.setdefault(rid, (key, index, "id"))

    def check_ref(path: DataPath, value: object, known: Mapping[str, object], what: str) -> None:
        if isinstance(value, str) and value not in known:
            problem(path, f"unknown {what} {value!r}{suggest(value, list(known))}")

    categories = ids_of("categories")
    topics = ids_of("topics")
    groups = ids_of("book_groups")
    courses = ids_of("courses")

    def check_topics(path: DataPath, item: Mapping) -> None:
        if isinstance(item.get("topics"), list):
            for n, topic in enumerate(item["topics"]):
                check_ref((*path, "topics", n), topic, topics, "topic")

    def check_links(path: DataPath, item: Mapping) -> None:
        if not isinstance(item.get("links"), list):
            return
        for n, link in enumerate(item["links"]):
            checked = link.get("checked") if isinstance(link, dict) else None
            if isinstance(checked, str) and re.fullmatch(DATE_PATTERN, checked):
                try:
                    date.fromisoformat(checked)
                except ValueError:
                    problem((*path, "links", n, "checked"), f"{checked!r} is not a real date (YYYY-MM-DD)")
            for key in ("url", "archive"):
                url = link.get(key) if isinstance(link, dict) else None
                if isinstance(url, str) and url.startswith(("http://", "https://")):
                    try:
                        parts = urlsplit(url)
                        parts.port  # noqa: B018 - raises ValueError on a bad port
                    except ValueError:
                        parts = None
                    if parts is None or not parts.hostname or "." not in parts.hostname:
                        problem((*path, "links", n, key), f"{_short(url)} has no valid host name")

    def check_numbers(path: DataPath, item: Mapping) -> None:
        previous = 0
        for n, chapter in enumerate(item.get("chapters") or []):
            number = chapter.get("number") if isinstance(chapter, dict) else None
            if isinstance(number, int) and not isinstance(number, bool):
                if number <= previous:
                    problem(
                        (*path, "chapters", n, "number"),
                        f"chapter {number} comes after chapter {previous}; number chapters in increasing order",
                    )
                previous = max(previous, number)
            if isinstance(chapter, dict):
                check_topics((*path, "chapters", n), chapter)

    for index, item in _items(data, "courses"):
        check_ref(("courses", index, "category"), item.get("category"), categories, "category")
    for index, item in _items(data, "syllabi"):
        check_ref(("syllabi", index, "course"), item.get("course"), courses, "course")
    for index, item in _items(data, "books"):
        check_ref(("books", index, "group"), item.get("group"), groups, "book group")
    for key in _RECORD_LISTS:
        for index, item in _items(data, key):
            check_topics((key, index), item)
            check_links((key, index), item)
            if isinstance(item.get("chapters"), list):
                check_numbers((key, index), item)
    return problems


def _links(raw: list[dict] | None, doc: Document, path: DataPath) -> tuple[Link, ...]:
    return tuple(
        Link(
            item["kind"],
            item["url"],
            item.get("label"),
            item.get("language"),
            item.get("checked"),
            item.get("archive"),
            doc.line_of((*path, "links", index, "url"), key=True),
        )
        for index, item in enumerate(raw or ())
    )


def _build(data: dict, doc: Document, shown: str) -> Catalog:
    def line(key: str, index: int) -> int:
        return doc.line_of((key, index))

    return Catalog(
        path=shown,
        categories=tuple(
            Category(c["id"], c["title"], c["summary"], c["study"], c.get("slides"), line("categories", i))
            for i, c in enumerate(data["categories"])
        ),
        topics=tuple(Topic(t["id"], t["title"]) for t in data["topics"]),
        book_groups=tuple(BookGroup(g["id"], g["title"]) for g in data["book_groups"]),
        courses=tuple(
            Course(
                id=c["id"],
                category=c["category"],
                title=c["title"],
                language=c["language"],
                note=c["note"],
                links=_links(c["links"], doc, ("courses", i)),
                line=line("courses", i),
                institution=c.get("institution"),
                code=c.get("code"),
                format=c.get("format", "course"),
                term=c.get("term"),
                instructors=tuple(c.get("instructors", ())),
                level=c.get("level"),
                parts=tuple(Part(p["title"], p.get("note")) for p in c.get("parts", ())),
                topics=tuple(c.get("topics", ())),
            )
            for i, c in enumerate(data["courses"])
        ),
        syllabi=tuple(
            Syllabus(
                id=s["id"],
                title=s["title"],
                author=s["author"],
                links=_links(s["links"], doc, ("syllabi", i)),
                chapters=tuple(
                    Chapter(ch["number"], ch["title"], ch.get("keywords"), tuple(ch.get("topics", ())))
                    for ch in s["chapters"]
                ),
                line=line("syllabi", i),
                further=tuple(FurtherTopic(f["title"], f.get("detail")) for f in s.get("further", ())),
                course=s.get("course"),
                topics=tuple(dict.fromkeys(t for ch in s["chapters"] for t in ch.get("topics", ()))),
            )
            for i, s in enumerate(data["syllabi"])
        ),
        books=tuple(
            Book(
                id=b["id"],
                group=b["group"],
                authors=tuple(b["authors"]),
                title=b["title"],
                language=b["language"],
                note=b["note"],
                line=line("books", i),
                edition=b.get("edition"),
                topics=tuple(b.get("topics", ())),
                links=_links(b.get("links"), doc, ("books", i)),
                chapters=tuple(
                    BookChapter(ch["number"], ch["title"], tuple(ch.get("slides", ())), tuple(ch.get("topics", ())))
                    for ch in b.get("chapters", ())
                ),
            )
            for i, b in enumerate(data["books"])
        ),
        resources=tuple(
            Resource(
                id=r["id"],
                resource_kind=r["kind"],
                title=r["title"],
                note=r["note"],
                links=_links(r["links"], doc, ("resources", i)),
                line=line("resources", i),
                author=r.get("author"),
                language=r.get("language"),
                topics=tuple(r.get("topics", ())),
            )
            for i, r in enumerate(data["resources"])
        ),
    )

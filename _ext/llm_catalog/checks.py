"""Rules the JSON Schema cannot express, one function per rule.

Each rule takes the :class:`Checked` data file and yields the problems it finds. Rules run
after the schema, on whatever parts of the file have the right shape (the schema already
reports the rest), so each one skips values of the wrong type rather than failing on them.
A new rule is a new function added to :data:`RULES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from .problems import Problem, field_name, short, suggest
from .yamlsource import DataPath, Document

#: Lists whose items share one id namespace with the categories: the records roles refer to.
RECORD_LISTS = ("courses", "syllabi", "books", "resources")

#: A date as the schema's ``date`` definition writes it (the schema cannot say it is real).
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Checked:
    """The parsed data file as the rules see it."""

    doc: Document
    #: The file's path as messages show it.
    shown: str

    @property
    def data(self) -> object:
        return self.doc.data

    def problem(self, path: DataPath, message: str) -> Problem:
        return Problem(self.shown, self.doc.line_of(path), field_name(path), message)

    def items(self, key: str) -> Iterator[tuple[int, dict]]:
        """The mapping items of a top-level list, skipping what the schema already rejects."""
        data = self.data
        if isinstance(data, dict) and isinstance(data.get(key), list):
            for index, item in enumerate(data[key]):
                if isinstance(item, dict):
                    yield index, item

    def records(self) -> Iterator[tuple[DataPath, dict]]:
        """Every course, syllabus, book and resource, with its path."""
        for key in RECORD_LISTS:
            for index, item in self.items(key):
                yield (key, index), item

    def ids(self, key: str) -> dict[str, DataPath]:
        """The ids of a top-level list, each with the path of its first use."""
        found: dict[str, DataPath] = {}
        for index, item in self.items(key):
            if isinstance(item.get("id"), str):
                found.setdefault(item["id"], (key, index, "id"))
        return found

    def unknown(self, path: DataPath, value: object, known: Mapping[str, object], what: str) -> Iterator[Problem]:
        """A problem if *value* is text that names none of *known*."""
        if isinstance(value, str) and value not in known:
            yield self.problem(path, f"unknown {what} {value!r}{suggest(value, list(known))}")


Rule = Callable[[Checked], Iterator[Problem]]


def _duplicates(checked: Checked, keys: tuple[str, ...], hint: str) -> Iterator[Problem]:
    seen: dict[str, DataPath] = {}
    for key in keys:
        for index, item in checked.items(key):
            rid = item.get("id")
            if not isinstance(rid, str):
                continue
            here = (key, index, "id")
            if rid in seen:
                line = checked.doc.line_of(seen[rid])
                yield checked.problem(here, f"duplicate id {rid!r}: already used at line {line}{hint}")
            else:
                seen[rid] = here


def unique_record_ids(checked: Checked) -> Iterator[Problem]:
    """Categories and records share one id namespace: the one roles refer to."""
    yield from _duplicates(checked, ("categories", *RECORD_LISTS), "; ids must be unique")


def unique_topic_and_group_ids(checked: Checked) -> Iterator[Problem]:
    for key in ("topics", "book_groups"):
        yield from _duplicates(checked, (key,), "")


def course_categories_exist(checked: Checked) -> Iterator[Problem]:
    categories = checked.ids("categories")
    for index, item in checked.items("courses"):
        yield from checked.unknown(("courses", index, "category"), item.get("category"), categories, "category")


def syllabus_courses_exist(checked: Checked) -> Iterator[Problem]:
    courses = checked.ids("courses")
    for index, item in checked.items("syllabi"):
        yield from checked.unknown(("syllabi", index, "course"), item.get("course"), courses, "course")


def book_groups_exist(checked: Checked) -> Iterator[Problem]:
    groups = checked.ids("book_groups")
    for index, item in checked.items("books"):
        yield from checked.unknown(("books", index, "group"), item.get("group"), groups, "book group")


def _tagged(path: DataPath, item: dict) -> Iterator[tuple[DataPath, dict]]:
    """A record and its chapters: everything that may carry topics."""
    yield path, item
    chapters = item.get("chapters")
    if isinstance(chapters, list):
        for n, chapter in enumerate(chapters):
            if isinstance(chapter, dict):
                yield (*path, "chapters", n), chapter


def topics_exist(checked: Checked) -> Iterator[Problem]:
    topics = checked.ids("topics")
    for path, record in checked.records():
        for where, item in _tagged(path, record):
            if isinstance(item.get("topics"), list):
                for n, topic in enumerate(item["topics"]):
                    yield from checked.unknown((*where, "topics", n), topic, topics, "topic")


def _links(checked: Checked) -> Iterator[tuple[DataPath, dict]]:
    for path, record in checked.records():
        if isinstance(record.get("links"), list):
            for n, link in enumerate(record["links"]):
                if isinstance(link, dict):
                    yield (*path, "links", n), link


def checked_dates_are_real(checked: Checked) -> Iterator[Problem]:
    for path, link in _links(checked):
        value = link.get("checked")
        if isinstance(value, str) and DATE_PATTERN.fullmatch(value):
            try:
                date.fromisoformat(value)
            except ValueError:
                yield checked.problem((*path, "checked"), f"{value!r} is not a real date (YYYY-MM-DD)")


def link_hosts_are_valid(checked: Checked) -> Iterator[Problem]:
    for path, link in _links(checked):
        for key in ("url", "archive"):
            url = link.get(key)
            if not (isinstance(url, str) and url.startswith(("http://", "https://"))):
                continue
            try:
                parts = urlsplit(url)
                parts.port  # noqa: B018 - raises ValueError on a bad port
            except ValueError:
                parts = None
            if parts is None or not parts.hostname or "." not in parts.hostname:
                yield checked.problem((*path, key), f"{short(url)} has no valid host name")


def chapters_in_order(checked: Checked) -> Iterator[Problem]:
    for path, record in checked.records():
        chapters = record.get("chapters")
        if not isinstance(chapters, list):
            continue
        previous = 0
        for n, chapter in enumerate(chapters):
            number = chapter.get("number") if isinstance(chapter, dict) else None
            if isinstance(number, int) and not isinstance(number, bool):
                if number <= previous:
                    yield checked.problem(
                        (*path, "chapters", n, "number"),
                        f"chapter {number} comes after chapter {previous}; number chapters in increasing order",
                    )
                previous = max(previous, number)


#: Every rule, in the order their problems are easiest to read (all are reported at once).
RULES: tuple[Rule, ...] = (
    unique_record_ids,
    unique_topic_and_group_ids,
    course_categories_exist,
    syllabus_courses_exist,
    book_groups_exist,
    topics_exist,
    checked_dates_are_real,
    link_hosts_are_valid,
    chapters_in_order,
)


def rule_problems(doc: Document, shown: str) -> list[Problem]:
    """What every rule finds in *doc*."""
    checked = Checked(doc, shown)
    return [problem for rule in RULES for problem in rule(checked)]

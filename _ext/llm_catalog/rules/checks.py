"""Rules the JSON Schema cannot express, one function per rule.

Each rule takes the :class:`Checked` data file and yields the problems it finds. Rules run
after the schema, on whatever parts of the file have the right shape (the schema already
reports the rest), so each one skips values of the wrong type rather than failing on them.
A new rule is a new function added to :data:`RULES`.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache, cached_property
from urllib.parse import urlsplit

from ..data import labels
from ..data.freshness import github_link
from ..data.prereq import Graph, Requirements, chapter_id, requirements, split_id
from ..data.problems import Problem, field_name, short, suggest
from ..data.records import FACT_KINDS, SECTIONS, Year
from ..data.yamlsource import DataPath, Document
from . import pdfchars
from .refused import refused

#: Lists whose items share one id namespace with the categories: the records roles refer to.
RECORD_LISTS = SECTIONS

#: A date as the schema's ``date`` definition writes it (the schema cannot say it is real).
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: An offering's ``start`` as the schema's ``month`` definition writes it: YYYY or YYYY-MM.
MONTH_PATTERN = re.compile(r"([0-9]{4})(?:-(0[1-9]|1[0-2]))?")
#: A ``requires`` entry as the schema's ``requirement`` definition writes it.
REQUIREMENT_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*(#[1-9][0-9]*)?")


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
        return Problem(self.shown, self.doc.line_of(path), field_name(path, self.data), message)

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
        """A problem if *value* is text that names none of *known*: a close match, or every valid value."""
        if isinstance(value, str) and value not in known:
            hint = suggest(value, list(known)) or f"; valid values: {', '.join(known) or '(none defined yet)'}"
            yield self.problem(path, f"unknown {what} {value!r}{hint}")

    def line(self, path: DataPath) -> int | None:
        return self.doc.line_of(path)

    @cached_property
    def strings(self) -> list[tuple[DataPath, str]]:
        """Every text of the file with its path, walked once for all the rules that read texts."""
        return list(_strings(self.data, ()))

    @cached_property
    def requirements(self) -> Requirements:
        return requirements(self.data, RECORD_LISTS, in_order="syllabi")


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
    """Categories, records and paths share one id namespace: the one roles refer to."""
    yield from _duplicates(checked, ("categories", *RECORD_LISTS, "paths"), "; ids must be unique")


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


def _entries(checked: Checked, field: str) -> Iterator[tuple[DataPath, dict]]:
    """Each mapping in every record's *field* list (``links``, ``chinese.aids``), with its path."""
    keys = tuple(field.split("."))
    for path, record in checked.records():
        found: object = record
        for key in keys:
            found = found.get(key) if isinstance(found, dict) else None
        if isinstance(found, list):
            for n, entry in enumerate(found):
                if isinstance(entry, dict):
                    yield (*path, *keys, n), entry


#: The facts a record may state, each with the key that says what the fact is: a material's
#: (records.FACT_KINDS), and a resource's ``year`` (a book's ``year`` is a plain number, not a
#: fact, and the rules skip it).
_FACT_KINDS = {**FACT_KINDS, "year": Year}
FACTS = {name: kind.WHAT for name, kind in _FACT_KINDS.items()}
#: A fact as a message names it (its class's NAMED).
_FACT_WORDS = {name: kind.NAMED for name, kind in _FACT_KINDS.items()}
#: What to do instead of citing a page, for the facts left out rather than written as unknown
#: (their class's LEFT_OUT).
_LEFT_OUT = {name: kind.LEFT_OUT for name, kind in _FACT_KINDS.items() if kind.LEFT_OUT is not None}
#: The value of that key for "someone looked and could not confirm it".
UNKNOWN = "unknown"


def _facts(checked: Checked) -> Iterator[tuple[DataPath, str, dict]]:
    """Every fact (cost, effort, pages, workload, a resource's year) of every record, with its path and name."""
    for path, record in checked.records():
        for name in FACTS:
            if isinstance(record.get(name), dict):
                yield (*path, name), name, record[name]


def facts_have_sources(checked: Checked) -> Iterator[Problem]:
    """A known fact says where it was read; an unknown one says why it is unknown."""
    for path, name, fact in _facts(checked):
        what = fact.get(FACTS[name])
        if what == UNKNOWN and name in _LEFT_OUT:  # pages, workloads and years are never unknown
            yield checked.problem(
                (*path, FACTS[name]),
                f"{_FACT_WORDS[name]} cannot be unknown (a reader would see the word): {_LEFT_OUT[name]}",
            )
            continue
        if what == UNKNOWN and "note" not in fact:
            yield checked.problem(
                (*path, "note"),
                f"an unknown {name} needs a note saying why, for the reader: e.g. the sources disagree, or the "
                "material's own pages do not say",
            )
        if "sources" in fact:
            continue
        if what is not None and what != UNKNOWN:
            left_out = _LEFT_OUT.get(name)
            instead = (
                f"or {left_out}"
                if left_out
                else f"or, if no page confirms it, write {FACTS[name]}: unknown and say why in note"
            )
            what_fact = _FACT_WORDS.get(name, f"this {name}")
            yield checked.problem(
                (*path, "sources"),
                f'{what_fact} has no source: add sources: ["https://..."] with the page it was read on ({instead})',
            )
        elif "quote" in fact:
            yield checked.problem(
                (*path, "quote"),
                'a quote is the words of a source page: add sources: ["https://..."] with the page it is on',
            )


#: The keys of an effort that state or derive a figure (none of them go with ``kind: unknown``).
EFFORT_FIGURES = ("hours", "hours_to", "lectures", "minutes", "minutes_to", "videos", "total_minutes")


def effort_hours_fit_their_kind(checked: Checked) -> Iterator[Problem]:
    for path, name, fact in _facts(checked):
        if name != "effort" or not isinstance(fact.get("kind"), str):
            continue
        if fact["kind"] == UNKNOWN:
            for key in EFFORT_FIGURES:
                if key in fact:
                    yield checked.problem(
                        (*path, key),
                        f"an unknown effort has no {key}: remove it, or set kind to video, class or stated",
                    )
        elif "hours" not in fact:
            yield checked.problem(
                (*path, "hours"), f"the number of hours is missing: write the {fact['kind']} hours (or kind: unknown)"
            )


def _counts(fact: dict, *keys: str) -> bool:
    """Every one of *keys* holds a whole number above zero (else the schema reports it)."""
    return all(isinstance(fact.get(k), int) and not isinstance(fact.get(k), bool) and fact[k] > 0 for k in keys)


def _in_hours(minutes: int) -> int:
    """Minutes as whole hours, rounded half up: the rule every derived figure follows."""
    return (minutes + 30) // 60


def _together(checked: Checked, path: DataPath, fact: dict, keys: tuple[str, str], what: str) -> Iterator[Problem]:
    first, second = keys
    if (first in fact) != (second in fact):
        missing = second if first in fact else first
        yield checked.problem((*path, missing), f"write {first} and {second} together ({what}), or neither")


def effort_parts_multiply(checked: Checked) -> Iterator[Problem]:
    """A derived figure is what its parts give: lectures × minutes each, or the videos' total
    minutes, in hours rounded half up; a range's upper end is above its lower end."""
    for path, name, fact in _facts(checked):
        if name != "effort" or fact.get("kind") == UNKNOWN:
            continue  # an unknown effort states no figure (see effort_hours_fit_their_kind)
        yield from _together(
            checked, path, fact, ("lectures", "minutes"), "the number of lectures and the stated length of each"
        )
        yield from _together(
            checked, path, fact, ("videos", "total_minutes"), "the number of videos and their total length"
        )
        if "lectures" in fact and "videos" in fact:
            yield checked.problem(
                (*path, "videos"),
                "a figure has one derivation: lectures × minutes, or the videos' total length; remove one",
            )
        if "hours_to" in fact and "videos" in fact:
            yield checked.problem(
                (*path, "hours_to"), "the total length of videos is one figure, not a range: remove hours_to"
            )
        if "minutes_to" in fact and "minutes" not in fact:
            yield checked.problem((*path, "minutes_to"), "minutes_to is the upper end of minutes: write minutes too")
        if "hours_to" in fact and "hours" not in fact:
            yield checked.problem((*path, "hours_to"), "hours_to is the upper end of hours: write hours too")
        for low, high, unit in (("hours", "hours_to", "hours"), ("minutes", "minutes_to", "minutes")):
            if _counts(fact, low, high) and fact[high] <= fact[low]:
                yield checked.problem(
                    (*path, high),
                    f"the range {fact[low]}–{fact[high]} {unit} does not rise: {high} must be more than {low}",
                )
        if _counts(fact, "lectures", "minutes", "hours"):
            lectures, minutes, hours = fact["lectures"], fact["minutes"], fact["hours"]
            if _in_hours(lectures * minutes) != hours:
                yield checked.problem(
                    (*path, "hours"),
                    f"{lectures} lectures × {minutes} minutes is about {_in_hours(lectures * minutes)} hours, "
                    f"not {hours}: correct hours or the parts",
                )
            if ("minutes_to" in fact) != ("hours_to" in fact):
                missing = "hours_to" if "minutes_to" in fact else "minutes_to"
                yield checked.problem(
                    (*path, missing),
                    "a range of lecture lengths gives a range of hours: write minutes_to and hours_to together",
                )
            elif _counts(fact, "minutes_to", "hours_to"):
                most = _in_hours(lectures * fact["minutes_to"])
                if most != fact["hours_to"]:
                    yield checked.problem(
                        (*path, "hours_to"),
                        f"{lectures} lectures × {fact['minutes_to']} minutes is about {most} hours, "
                        f"not {fact['hours_to']}: correct hours_to or the parts",
                    )
        if _counts(fact, "videos", "total_minutes", "hours"):
            total = max(1, _in_hours(fact["total_minutes"]))
            if total != fact["hours"]:
                yield checked.problem(
                    (*path, "hours"),
                    f"{fact['total_minutes']} minutes of video is about {total} hours, not {fact['hours']}: "
                    "correct hours or total_minutes",
                )


def years_are_not_after_they_were_read(checked: Checked) -> Iterator[Problem]:
    """A resource cannot have been published after the day its source was read (nor, so, after today)."""
    for path, name, fact in _facts(checked):
        year, day = fact.get("value"), fact.get("checked")
        if name != "year" or not _counts(fact, "value") or not isinstance(day, str):
            continue
        if not DATE_PATTERN.fullmatch(day):
            continue  # the schema reports a malformed date
        if year > int(day[:4]):
            yield checked.problem(
                (*path, "value"),
                f"the year {year} is after the day its source was read ({day}, checked): write the year the "
                "page states, or the day you read it",
            )


def fact_dates_are_real(checked: Checked) -> Iterator[Problem]:
    """The day a source was read is a real day, not after today."""
    for path, record in checked.records():
        for name in (*FACTS, "chinese"):
            fact = record.get(name)
            if isinstance(fact, dict):
                yield from _past_date(
                    checked, (*path, name, "checked"), fact.get("checked"), "write the day the source was read"
                )


def source_hosts_are_valid(checked: Checked) -> Iterator[Problem]:
    sourced = [(path, fact) for path, _, fact in _facts(checked)]
    sourced += list(_entries(checked, "chinese.aids"))
    for path, fact in sourced:
        sources = fact.get("sources")
        for n, url in enumerate(sources if isinstance(sources, list) else ()):
            if _bad_host(url):
                yield checked.problem((*path, "sources", n), f"{short(url)} has no valid host name")


def sources_are_not_republished(checked: Checked) -> Iterator[Problem]:
    """No source is on a host that republishes others' pages (:mod:`.refused` lists them)."""
    for path, text in checked.strings:
        if len(path) > 1 and path[-2] == "sources" and (found := refused(text)) is not None:
            host, why = found
            yield checked.problem(
                path, f"{short(text)} is on {host}, {why.reason}; cite {why.instead} instead, or leave the source out"
            )


def _offerings(checked: Checked) -> Iterator[tuple[DataPath, list[tuple[DataPath, dict]]]]:
    """Each course that lists offerings, with the mappings among them and their paths."""
    for index, course in checked.items("courses"):
        offerings = course.get("offerings")
        if isinstance(offerings, list):
            path = ("courses", index)
            yield path, [((*path, "offerings", n), o) for n, o in enumerate(offerings) if isinstance(o, dict)]


def _record_links(path: DataPath, record: dict) -> Iterator[tuple[DataPath, dict]]:
    """The links of one record: its own, then those of its offerings (a course), with their paths."""
    owners = [(path, record)]
    if isinstance(record.get("offerings"), list):
        owners += [((*path, "offerings", n), o) for n, o in enumerate(record["offerings"]) if isinstance(o, dict)]
    for where, owner in owners:
        if isinstance(owner.get("links"), list):
            for n, link in enumerate(owner["links"]):
                if isinstance(link, dict):
                    yield (*where, "links", n), link


def _links(checked: Checked) -> Iterator[tuple[DataPath, dict]]:
    """Every link of every record (its offerings' too), in the file's order, with its path."""
    for path, record in checked.records():
        yield from _record_links(path, record)


def checked_dates_are_real(checked: Checked) -> Iterator[Problem]:
    """The day a link was seen working is a real day, not after today."""
    for path, link in _links(checked):
        yield from _past_date(
            checked, (*path, "checked"), link.get("checked"), "write the date you confirmed the link works"
        )


def _same_address(url: str) -> str:
    """*url* as compared for duplicates: scheme and host in lowercase, no trailing slash."""
    parts = urlsplit(url)
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl().rstrip("/")


def urls_are_unique(checked: Checked) -> Iterator[Problem]:
    """One address, one record: a second record with the same link is usually the same material twice.

    A syllabus may share its address with the course it belongs to (``course:``): they are one thing.
    """
    first: dict[str, tuple[DataPath, str | None]] = {}
    for path, record in checked.records():
        record_id = record.get("id") if isinstance(record.get("id"), str) else None
        for where, link in _record_links(path, record):
            url = link.get("url")
            if not (isinstance(url, str) and url.startswith(("http://", "https://"))):
                continue
            here = (*where, "url")
            other = first.setdefault(_same_address(url), (here, record_id))
            if other[0] == here:
                continue
            other_path, other_id = other
            line = checked.line(other_path)
            if other_path[:2] == path:
                yield checked.problem(here, f"{short(url)} is listed twice in this record (also at line {line})")
            elif not (record.get("course") == other_id and path[0] == "syllabi"):
                yield checked.problem(
                    here,
                    f"{short(url)} is already a link of {other_id!r} (line {line}); if it is the same material, "
                    "keep one record, otherwise correct the address",
                )


def course_titles_are_unique(checked: Checked) -> Iterator[Problem]:
    """The same institution and title twice is one course entered twice."""
    first: dict[tuple[str, str], tuple[DataPath, object]] = {}
    for index, course in checked.items("courses"):
        institution, title = course.get("institution"), course.get("title")
        if not (isinstance(institution, str) and isinstance(title, str)):
            continue
        here = ("courses", index, "title")
        other_path, other_id = first.setdefault(
            (institution.strip().casefold(), title.strip().casefold()), (here, course.get("id"))
        )
        if other_path != here:
            yield checked.problem(
                here,
                f"{other_id!r} (line {checked.line(other_path)}) has the same institution and title; if it is the "
                "same course, keep one record and put all its links there, otherwise make the titles differ "
                "(e.g. add the term)",
            )


def _bad_host(url: object) -> bool:
    """An http(s) address (the schema checks that much) whose host name is not a real one."""
    if not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return True
    return not parts.hostname or "." not in parts.hostname


def _latest_today() -> date:
    """Today somewhere on Earth (UTC+14): a date written today in any time zone is not "future".

    Every date rule (``checked``, ``broken``, ``added``, ``repository``) compares with this one day, so a file is
    accepted or refused alike by all of them, on a contributor's machine in any time zone and in CI
    (which runs in UTC): the machine's local date would refuse a date written just after midnight
    in Asia, and would make the rules disagree near midnight if only some of them used it.
    """
    return (datetime.now(UTC) + timedelta(hours=14)).date()


def _past_date(
    checked: Checked, path: DataPath, value: object, hint: str = "write the day it really happened"
) -> Iterator[Problem]:
    """A problem if *value* (already YYYY-MM-DD by the schema) is not a real day up to today."""
    if not (isinstance(value, str) and DATE_PATTERN.fullmatch(value)):
        return
    try:
        day = date.fromisoformat(value)
    except ValueError:
        yield checked.problem(path, f"{value!r} is not a real date (YYYY-MM-DD)")
        return
    if day > _latest_today():
        yield checked.problem(path, f"{value!r} is in the future; {hint}")


def broken_dates_are_real(checked: Checked) -> Iterator[Problem]:
    for path, link in _links(checked):
        yield from _past_date(checked, (*path, "broken"), link.get("broken"))


def broken_after_checked(checked: Checked) -> Iterator[Problem]:
    """A link cannot have been found dead before the last day it was seen working."""
    for path, link in _links(checked):
        seen, dead = link.get("checked"), link.get("broken")
        if isinstance(seen, str) and isinstance(dead, str) and dead < seen:
            yield checked.problem(
                (*path, "broken"),
                f"the link was found broken on {dead} but seen working later, on {seen} (checked); "
                "remove `broken` if it works again",
            )


def added_dates_are_real(checked: Checked) -> Iterator[Problem]:
    for path, record in checked.records():
        yield from _past_date(checked, (*path, "added"), record.get("added"))


def _repositories(checked: Checked) -> Iterator[tuple[DataPath, dict, dict]]:
    """Each record with a ``repository`` mapping: its path, the record and the mapping."""
    for path, record in checked.records():
        if isinstance(record.get("repository"), dict):
            yield path, record, record["repository"]


def repository_dates_are_real(checked: Checked) -> Iterator[Problem]:
    for path, _, repository in _repositories(checked):
        for key in ("pushed", "checked"):
            yield from _past_date(checked, (*path, "repository", key), repository.get(key))


def repository_pushed_before_checked(checked: Checked) -> Iterator[Problem]:
    """GitHub cannot have reported a push later than the day it was asked."""
    for path, _, repository in _repositories(checked):
        pushed, asked = repository.get("pushed"), repository.get("checked")
        if isinstance(pushed, str) and isinstance(asked, str) and pushed > asked:
            yield checked.problem(
                (*path, "repository", "pushed"),
                f"the last push ({pushed}) is after the day GitHub was asked ({asked}, checked); "
                "these dates are written by `make freshness`, run it again instead of editing them",
            )


def repository_has_a_github_link(checked: Checked) -> Iterator[Problem]:
    """``repository`` describes the record's GitHub repository, so the record must link to one."""
    for path, record, _ in _repositories(checked):
        links = record.get("links") if isinstance(record.get("links"), list) else []
        urls = [link["url"] for link in links if isinstance(link, dict) and isinstance(link.get("url"), str)]
        if github_link(urls) is None:
            yield checked.problem(
                (*path, "repository"),
                "none of the record's links is a GitHub repository (https://github.com/OWNER/REPO), "
                "so there is no repository to describe; remove `repository` or add the repository's link",
            )


def link_hosts_are_valid(checked: Checked) -> Iterator[Problem]:
    for path, link in _links(checked):
        for key in ("url", "archive"):
            if _bad_host(link.get(key)):
                yield checked.problem((*path, key), f"{short(link[key])} has no valid host name")


#: ASCII characters RFC 3986 allows in an address (non-ASCII letters are allowed too, as in an IRI).
URL_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")
#: Where the file holds addresses: a link's or aid's ``url``, a link's ``archive``, a fact's sources.
URL_KEYS = frozenset({"url", "archive"})
PERCENT_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


#: The part of an address after its host: brackets are allowed only around an IPv6 host (RFC 3986, 3.2.2).
AFTER_HOST = re.compile(r"^[a-z]+://[^/?#]*(.*)$", re.IGNORECASE | re.DOTALL)


def _url_problem(url: str) -> str | None:
    for char in url:
        if char.isascii() and char not in URL_CHARACTERS:
            return f"holds {char!r}, which a web address cannot hold: write it as %{ord(char):02X}"
    rest = match.group(1) if (match := AFTER_HOST.match(url)) else ""
    for char in "[]":
        if char in rest:
            return (
                f"holds {char!r} after its host name, which a web address cannot hold there: "
                f"write it as %{ord(char):02X}"
            )
    if PERCENT_ESCAPE.search(url):
        return "holds a % that is not followed by two hexadecimal digits: write a % itself as %25"
    return None


def urls_are_web_addresses(checked: Checked) -> Iterator[Problem]:
    """Every address is one a browser, an EPUB reader and the PDF's footnotes take as it is."""
    for path, text in checked.strings:
        if not (path and (path[-1] in URL_KEYS or (len(path) > 1 and path[-2] == "sources"))):
            continue
        if text.startswith(("http://", "https://")) and (problem := _url_problem(text)) is not None:
            yield checked.problem(path, f"{short(text)} {problem}")


def chinese_aid_hosts_are_valid(checked: Checked) -> Iterator[Problem]:
    for path, aid in _entries(checked, "chinese.aids"):
        if _bad_host(aid.get("url")):
            yield checked.problem((*path, "url"), f"{short(aid['url'])} has no valid host name")


def chinese_aids_listed_once(checked: Checked) -> Iterator[Problem]:
    """The same Chinese aid twice on one record would show twice on its card."""
    seen: dict[tuple[DataPath, str], DataPath] = {}
    for path, aid in _entries(checked, "chinese.aids"):
        url = aid.get("url")
        if not (isinstance(url, str) and url.startswith(("http://", "https://"))):
            continue  # the schema reports addresses that are not http(s)
        record = path[:2]
        first = seen.setdefault((record, url), path)
        if first != path:
            line = checked.line(first)
            yield checked.problem((*path, "url"), f"this Chinese aid is already listed at line {line}; list it once")


#: A web address inside a text: what an unconfirmed aid's name must not hold.
WEB_ADDRESS = re.compile(r"https?://")


def unconfirmed_aids_are_named_not_linked(checked: Checked) -> Iterator[Problem]:
    """An aid heard of but not confirmed is named in words: no address nobody confirmed reaches a reader."""
    for path, aid in _entries(checked, "chinese.unconfirmed"):
        name = aid.get("name")
        if isinstance(name, str) and WEB_ADDRESS.search(name):
            yield checked.problem(
                (*path, "name"),
                f"{short(name)} holds a web address: say what it is in words (a title, a site's name, a video's "
                "number), since nobody confirmed the address; once the aid is confirmed, list it under aids "
                "with its url",
            )


def unconfirmed_aids_listed_once(checked: Checked) -> Iterator[Problem]:
    """The same unconfirmed aid twice on one record would be named twice on its card."""
    seen: dict[tuple[DataPath, str, str], DataPath] = {}
    for path, aid in _entries(checked, "chinese.unconfirmed"):
        kind, name = aid.get("kind"), aid.get("name")
        if not (isinstance(kind, str) and isinstance(name, str)):
            continue  # the schema reports a missing kind or name
        first = seen.setdefault((path[:2], kind, _same_term(name)), path)
        if first != path:
            yield checked.problem(
                (*path, "name"),
                f"this unconfirmed aid is already listed at line {checked.line(first)}; list it once",
            )


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


# -- Offerings of a course -------------------------------------------------------------------


def _start(value: object) -> tuple[int, int | None] | None:
    """An offering's ``start`` as (year, month or ``None``), if the schema accepts it."""
    found = MONTH_PATTERN.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        return None
    return int(found[1]), int(found[2]) if found[2] else None


def _began_after(a: tuple[int, int | None], b: tuple[int, int | None]) -> bool:
    """*a* certainly began after *b* (a year alone is not after a month of the same year)."""
    if a[0] != b[0]:
        return a[0] > b[0]
    return a[1] is not None and b[1] is not None and a[1] > b[1]


def _named(offering: dict) -> str:
    """How a message names an offering: by its term, when it has one."""
    term = offering.get("term")
    return f"the offering {term!r}" if isinstance(term, str) else "this offering"


def offerings_newest_first(checked: Checked) -> Iterator[Problem]:
    """The card shows the first offering as the newest: each begins no later than the one above it."""
    for _, offerings in _offerings(checked):
        above: tuple[DataPath, dict, tuple[int, int | None]] | None = None
        for path, offering in offerings:
            start = _start(offering.get("start"))
            if start is None:
                continue  # missing or malformed: the schema says so
            if above is not None and _began_after(start, above[2]):
                other_path, other, _ = above
                yield checked.problem(
                    (*path, "start"),
                    f"{_named(offering)} began on {offering['start']!r}, after {_named(other)} above it "
                    f"({other['start']!r}, line {checked.line(other_path)}); list offerings newest first",
                )
            above = (path, offering, start)


def offering_starts_are_not_in_the_future(checked: Checked) -> Iterator[Problem]:
    today = _latest_today()
    now = (today.year, today.month)
    for _, offerings in _offerings(checked):
        for path, offering in offerings:
            start = _start(offering.get("start"))
            if start is not None and _began_after(start, now):
                yield checked.problem(
                    (*path, "start"),
                    f"{offering['start']!r} is in the future; list an offering once it has begun, with the "
                    "month it began",
                )


def _same_term(term: str) -> str:
    """A term as compared for duplicates: no spaces, case ignored (``2024 春`` is ``2024春``)."""
    return "".join(term.split()).casefold()


def offering_terms_are_unique(checked: Checked) -> Iterator[Problem]:
    """Each offering is one term; the same term twice would show twice on the card."""
    for _, offerings in _offerings(checked):
        seen: dict[str, DataPath] = {}
        for path, offering in offerings:
            term = offering.get("term")
            if not isinstance(term, str):
                continue  # the schema reports a missing term
            first = seen.setdefault(_same_term(term), path)
            if first != path:
                yield checked.problem(
                    (*path, "term"),
                    f"the term {term!r} is already an offering at line {checked.line(first)}; list each term "
                    "once, with all its links",
                )


# -- Prerequisites and study paths ------------------------------------------------------------


#: The file's requirement graph, and where each requirement was written (prereq.requirements).
_Requirements = Requirements


def _requirement_entries(checked: Checked) -> Iterator[tuple[str, DataPath, str]]:
    """``(node, path of the entry, value)`` for every text entry of every ``requires`` list."""
    for path, record in checked.records():
        for where, item in _tagged(path, record):
            node = record.get("id")
            if not isinstance(node, str):
                continue
            if where != path:
                number = item.get("number")
                if not isinstance(number, int) or isinstance(number, bool):
                    continue
                node = chapter_id(node, number)
            requires = item.get("requires")
            if isinstance(requires, list):
                for n, value in enumerate(requires):
                    if isinstance(value, str):
                        yield node, (*where, "requires", n), value


def _requirements(checked: Checked) -> _Requirements:
    """The file's one requirement graph, built once and shared by every rule that reads it."""
    return checked.requirements


def requirements_exist(checked: Checked) -> Iterator[Problem]:
    """Each ``requires`` entry names a record, a listed chapter of one, or a topic."""
    known = _requirements(checked)
    names = [*known.nodes, *known.topics]
    for _, where, value in _requirement_entries(checked):
        if value in known.nodes or value in known.topics or not REQUIREMENT_PATTERN.fullmatch(value):
            continue  # a malformed value is the schema's to report
        record_id, number = split_id(value)
        if number is not None and record_id in known.nodes:
            listed = [split_id(n)[1] for n in known.nodes if split_id(n)[0] == record_id and "#" in n]
            has = f"its chapters: {', '.join(map(str, listed))}" if listed else "it lists no chapters"
            yield checked.problem(where, f"{record_id!r} has no chapter {number} ({has})")
        else:
            yield checked.problem(
                where, f"unknown requirement {value!r}: no record, chapter or topic has this id{suggest(value, names)}"
            )


def nothing_requires_itself(checked: Checked) -> Iterator[Problem]:
    for node, where, value in _requirement_entries(checked):
        if value == node:
            yield checked.problem(where, f"{node!r} requires itself; remove it from its own requires")


def no_requirement_cycles(checked: Checked) -> Iterator[Problem]:
    """A cycle means nothing on it can ever be started: name every record on it."""
    known = _requirements(checked)
    for cycle in known.graph.cycles():
        steps = list(itertools.pairwise(cycle))
        # Locate the cycle at the first requirement a contributor wrote (not an implied one).
        where = next((known.written[s] for s in steps if s in known.written), known.nodes[cycle[0]])
        said = ", ".join(
            f"{a!r} requires {b!r}" if (a, b) in known.written else f"{a!r} includes its chapter {b!r}"
            for a, b in steps
        )
        yield checked.problem(
            where, f"prerequisite cycle: {said}; nothing on it can be started, so remove one of these requirements"
        )


def _path_steps(checked: Checked) -> Iterator[tuple[int, dict, list[tuple[DataPath, str]]]]:
    """Each path with its steps' graph nodes (steps whose record is not text are skipped)."""
    for p, path in checked.items("paths"):
        steps = path.get("steps")
        found: list[tuple[DataPath, str]] = []
        for s, step in enumerate(steps if isinstance(steps, list) else []):
            if not isinstance(step, dict) or not isinstance(step.get("record"), str):
                continue
            chapter = step.get("chapter")
            has_chapter = isinstance(chapter, int) and not isinstance(chapter, bool)
            node = chapter_id(step["record"], chapter) if has_chapter else step["record"]
            found.append((("paths", p, "steps", s), node))
        yield p, path, found


def path_steps_exist(checked: Checked) -> Iterator[Problem]:
    known = _requirements(checked)
    records = [n for n in known.nodes if "#" not in n]
    for _, _, steps in _path_steps(checked):
        seen: dict[str, int] = {}
        for n, (where, node) in enumerate(steps, start=1):
            record_id, number = split_id(node)
            if record_id not in known.nodes:
                yield checked.problem((*where, "record"), f"unknown record {record_id!r}{suggest(record_id, records)}")
            elif number is not None and node not in known.nodes:
                listed = [split_id(c)[1] for c in known.nodes if split_id(c)[0] == record_id and "#" in c]
                has = f"its chapters: {', '.join(map(str, listed))}" if listed else "it lists no chapters"
                yield checked.problem((*where, "chapter"), f"{record_id!r} has no chapter {number} ({has})")
            elif node in seen:
                yield checked.problem((*where, "record"), f"step {n} repeats step {seen[node]} ({node!r})")
            seen.setdefault(node, n)


#: A length in words ("一小时", "90 分钟", "两个半小时", "3 hours"): a step's reason says none,
#: since the step shows the record's own hours, with their source.
_LENGTH = re.compile(
    rf"[0-9{labels.LENGTH_NUMERALS}]+\s*({labels.LENGTH_MEASURE})?[{labels.LENGTH_NUMERALS}]?\s*"
    rf"({'|'.join(labels.LENGTH_UNITS)})"
    r"|(?<![A-Za-z0-9])\d+\s*(hours?|minutes?|mins?)(?![A-Za-z])",
    re.IGNORECASE,
)


def path_reasons_state_no_length(checked: Checked) -> Iterator[Problem]:
    """A step's reason (``why``) states no length: the step shows the record's hours, read in a
    source, and a second figure in the reason could contradict them."""
    for p, path in checked.items("paths"):
        steps = path.get("steps")
        for s, step in enumerate(steps if isinstance(steps, list) else []):
            why = step.get("why") if isinstance(step, dict) else None
            found = _LENGTH.search(why) if isinstance(why, str) else None
            if found:
                yield checked.problem(
                    ("paths", p, "steps", s, "why"),
                    f"the reason states a length ({found.group(0)!r}); say why the step is here and leave its "
                    "length to the record's effort, which the step shows with its source",
                )


def path_steps_in_order(checked: Checked) -> Iterator[Problem]:
    """A step comes after everything it requires that the path also contains."""
    known = _requirements(checked)
    graph = known.graph
    for _, _, steps in _path_steps(checked):
        nodes = [node for _, node in steps]
        position = {node: n for n, node in enumerate(nodes, start=1)}
        for n, (where, node) in enumerate(steps, start=1):
            if node not in known.nodes:
                continue  # reported by path_steps_exist
            for needed in graph.needs(node):
                later = position.get(needed, 0)
                if later > n:
                    yield checked.problem(
                        (*where, "record"),
                        f"step {n} ({node!r}) comes before step {later} ({needed!r}), which it requires; "
                        f"move step {later} before step {n}",
                    )
            for topic in graph.topic_needs(node):
                teaching = [m for m, other in enumerate(nodes, start=1) if m != n and _teaches(graph, other, topic)]
                if teaching and min(teaching) > n:
                    listed = ", ".join(f"step {m} ({nodes[m - 1]!r})" for m in teaching)
                    yield checked.problem(
                        (*where, "record"),
                        f"step {n} ({node!r}) requires the topic {topic!r} ({known.topics[topic]}), but only later "
                        f"steps teach it: {listed}; move one of them before step {n}",
                    )


def _by_id(checked: Checked, key: str) -> Iterator[tuple[str, dict]]:
    """The items of a top-level list that have a text id, with it."""
    for _, item in checked.items(key):
        if isinstance(item.get("id"), str):
            yield item["id"], item


def path_steps_in_its_language(checked: Checked) -> Iterator[Problem]:
    """A path that declares a language (the all-Chinese path) takes only records in that language."""
    languages = {item["id"]: item.get("language") for _, item in checked.records() if isinstance(item.get("id"), str)}
    for _, path, steps in _path_steps(checked):
        wanted = path.get("language")
        if not isinstance(wanted, str):
            continue
        for n, (where, node) in enumerate(steps, start=1):
            record_id = split_id(node)[0]
            if record_id not in languages or languages[record_id] == wanted:
                continue  # an unknown record is path_steps_exist's to report
            has = f"is in {languages[record_id]!r}" if languages[record_id] else "has no `language`"
            yield checked.problem(
                (*where, "record"),
                f"step {n} ({record_id!r}) {has}, but this path takes only materials in {wanted!r} (its "
                "`language`); choose a material in that language, or put the step on another path",
            )


def path_main_courses_before_reference(checked: Checked) -> Iterator[Problem]:
    """The seed's advice: study the courses of the main kinds first, then use the paper seminars'
    reading lists (their kind's ``study`` is ``reference``)."""
    study = {rid: item.get("study") for rid, item in _by_id(checked, "categories")}
    kind = {rid: item.get("category") for rid, item in _by_id(checked, "courses")}
    for _, _, steps in _path_steps(checked):
        reference: tuple[int, str] | None = None
        for n, (where, node) in enumerate(steps, start=1):
            record_id = split_id(node)[0]
            advice = study.get(kind.get(record_id))  # type: ignore[arg-type]
            if advice == "reference" and reference is None:
                reference = (n, record_id)
            elif advice == "main" and reference is not None:
                m, seminar = reference
                yield checked.problem(
                    (*where, "record"),
                    f"step {n} ({record_id!r}) is a course to study, but comes after step {m} ({seminar!r}), whose "
                    f"paper list is reference material; move step {n} before step {m}, so the main courses come first",
                )


# -- What teaches an unreleased chapter now ---------------------------------------------------


def _teacher_entries(checked: Checked) -> Iterator[tuple[str, str, DataPath, str]]:
    """``(syllabus id, chapter id, path of the entry, record)`` for every ``taught_by`` entry."""
    for s, syllabus in checked.items("syllabi"):
        sid = syllabus.get("id")
        chapters = syllabus.get("chapters")
        if not isinstance(sid, str) or not isinstance(chapters, list):
            continue
        for c, chapter in enumerate(chapters):
            if not isinstance(chapter, dict) or not isinstance(chapter.get("taught_by"), list):
                continue
            number = chapter.get("number")
            if not isinstance(number, int) or isinstance(number, bool):
                continue
            for t, entry in enumerate(chapter["taught_by"]):
                if isinstance(entry, dict) and isinstance(entry.get("record"), str):
                    where = ("syllabi", s, "chapters", c, "taught_by", t, "record")
                    yield sid, chapter_id(sid, number), where, entry["record"]


def _chapter_statuses(checked: Checked) -> dict[str, object]:
    """Every syllabus chapter's id with its ``status`` (``None`` when it has none)."""
    found: dict[str, object] = {}
    for _, syllabus in checked.items("syllabi"):
        chapters = syllabus.get("chapters")
        if not isinstance(syllabus.get("id"), str) or not isinstance(chapters, list):
            continue
        for chapter in chapters:
            number = chapter.get("number") if isinstance(chapter, dict) else None
            if isinstance(number, int) and not isinstance(number, bool):
                found[chapter_id(syllabus["id"], number)] = chapter.get("status")
    return found


def _unreleased(statuses: Mapping[str, object], node: str) -> bool:
    """A chapter marked ``unreleased``, or a syllabus all of whose chapters are."""
    if "#" in node:
        return statuses.get(node) == "unreleased"
    own = [status for chapter, status in statuses.items() if split_id(chapter)[0] == node]
    return bool(own) and all(status == "unreleased" for status in own)


def taught_by_exist(checked: Checked) -> Iterator[Problem]:
    """Each ``taught_by`` entry names a record or a listed chapter of one (not a topic)."""
    known = _requirements(checked)
    records = [n for n in known.nodes if "#" not in n]
    for _, node, where, value in _teacher_entries(checked):
        if value in known.nodes or not REQUIREMENT_PATTERN.fullmatch(value):
            continue  # a malformed value is the schema's to report
        record_id, number = split_id(value)
        if number is not None and record_id in known.nodes:
            listed = [split_id(n)[1] for n in known.nodes if split_id(n)[0] == record_id and "#" in n]
            has = f"its chapters: {', '.join(map(str, listed))}" if listed else "it lists no chapters"
            yield checked.problem(where, f"{record_id!r} has no chapter {number} ({has})")
        elif value in known.topics:
            yield checked.problem(
                where, f"{value!r} is a topic; name a material that teaches chapter {node!r} (a record id or a chapter)"
            )
        else:
            yield checked.problem(where, f"unknown record {value!r}{suggest(value, records)}")


def taught_by_is_not_its_own_syllabus(checked: Checked) -> Iterator[Problem]:
    """A chapter is taught by something else: not by itself, nor by its own syllabus."""
    for sid, node, where, value in _teacher_entries(checked):
        if value == node:
            yield checked.problem(where, f"chapter {node!r} names itself; name a released material that teaches it")
        elif split_id(value)[0] == sid:
            yield checked.problem(
                where,
                f"{value!r} is in this chapter's own syllabus {sid!r}; name a released material outside it",
            )


def taught_by_listed_once(checked: Checked) -> Iterator[Problem]:
    """One chapter names each record once (two chapters of one book are one record)."""
    seen: dict[tuple[str, str], DataPath] = {}
    for sid, node, where, value in _teacher_entries(checked):
        record_id = split_id(value)[0]
        if record_id == sid:
            continue  # taught_by_is_not_its_own_syllabus reports it
        first = seen.setdefault((node, record_id), where)
        if first != where:
            yield checked.problem(
                where,
                f"{record_id!r} is named twice for chapter {node!r} (first at line {checked.line(first)}); "
                "keep only the better-ranked one",
            )


def taught_by_is_released(checked: Checked) -> Iterator[Problem]:
    """What teaches a chapter now must itself be out: not an unreleased chapter or syllabus."""
    statuses = _chapter_statuses(checked)
    for sid, _, where, value in _teacher_entries(checked):
        if split_id(value)[0] != sid and _unreleased(statuses, value):
            yield checked.problem(
                where, f"{value!r} is not released yet (status: unreleased); name a material that can be studied now"
            )


def _first_released(checked: Checked, node: str) -> str | None:
    statuses = _chapter_statuses(checked)
    for _, chapter, _, value in _teacher_entries(checked):
        if chapter == node and not _unreleased(statuses, value):
            return value
    return None


def path_steps_are_released(checked: Checked) -> Iterator[Problem]:
    """A path is what to study now: no step on a chapter (or syllabus) that is not released."""
    statuses = _chapter_statuses(checked)
    for _, _, steps in _path_steps(checked):
        for n, (where, node) in enumerate(steps, start=1):
            if not _unreleased(statuses, node):
                continue
            instead = _first_released(checked, node)
            hint = (
                f"study {instead!r} instead, the first material its `taught_by` names"
                if instead
                else "choose a released material that teaches it"
            )
            yield checked.problem((*where, "record"), f"step {n} ({node!r}) is not released yet; {hint}")


def _teaches(graph: Graph, node: str, topic: str) -> bool:
    """A whole record teaches what it and its chapters are tagged with."""
    if topic in graph.teaches.get(node, ()):
        return True
    return "#" not in node and any(
        topic in graph.teaches.get(part, ()) for part in graph.strict.get(node, ()) if part.startswith(f"{node}#")
    )


#: Characters no page, PDF or e-book can show as text, by Unicode category, in a reader's words.
UNPRINTABLE = {"Co": "a private-use character", "Cn": "an unassigned code point", "Cs": "a lone surrogate"}


def _strings(value: object, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


@cache
def _char_problem(char: str) -> str | None:
    """What *char* is, when the site cannot print it (asked once per distinct character)."""
    category = unicodedata.category(char)
    if category == "Cc":
        return None  # control characters: the schema's plain-text patterns refuse them
    what = UNPRINTABLE.get(category)
    if what is None and not pdfchars.shows(char):
        # XeLaTeX would leave a gap where it stands (see data/pdfchars.py).
        what = f"{unicodedata.name(char, 'a character')}, which the PDF's fonts do not have"
    return what


def _unprintable(text: str) -> tuple[str, str] | None:
    """The first character of *text* the site cannot print, and what it is."""
    for char in dict.fromkeys(text):  # each character once, in the order of first appearance
        what = _char_problem(char)
        if what is not None:
            return char, what
    return None


def text_is_printable(checked: Checked) -> Iterator[Problem]:
    """Every text of the file is made of characters every output can show."""
    for path, text in checked.strings:
        found = _unprintable(text)
        if found is not None:
            char, what = found
            yield checked.problem(path, f"U+{ord(char):04X} is {what}: remove it or write it as ordinary text")


def text_has_no_outer_spaces(checked: Checked) -> Iterator[Problem]:
    """No text starts or ends with a space (a quoted "Title " keeps one): the pages would not
    show it, so the card, the search and the data would disagree about the text."""
    for path, text in checked.strings:
        if text and text != text.strip():
            where = "starts" if text[0].isspace() else "ends"
            yield checked.problem(path, f"{short(text)} {where} with a space: remove the space inside the quotes")


#: The keys whose text a page shows as the guide's own words: notes, summaries, reasons, link
#: labels, an aid's maker and edition, an unconfirmed aid's name, what a workload says (a title
#: is the material's name, a quote its source's words, a chapter's keywords its syllabus' words).
READER_TEXT_KEYS = frozenset({"note", "summary", "why", "detail", "label", "by", "follows", "name", "says", "slides"})


def reader_texts_tell_no_research(checked: Checked) -> Iterator[Problem]:
    """The guide's own words say what a reader can use, not how a fact was researched: the words
    of :data:`labels.RESEARCH_WORDS` are refused, each with why and what to write instead."""
    for path, text in checked.strings:
        if not (path and path[-1] in READER_TEXT_KEYS):
            continue
        for entry in labels.RESEARCH_WORDS:
            found = next((word for word in entry.words if word in text), None)
            if found is not None:
                yield checked.problem(
                    path,
                    f"{found!r} tells how a fact was researched ({entry.reason}); instead, {entry.instead}; "
                    "the research story goes in _data/research/",
                )


#: Every rule, in the order their problems are easiest to read (all are reported at once).
RULES: tuple[Rule, ...] = (
    text_is_printable,
    text_has_no_outer_spaces,
    reader_texts_tell_no_research,
    unique_record_ids,
    unique_topic_and_group_ids,
    course_categories_exist,
    syllabus_courses_exist,
    book_groups_exist,
    topics_exist,
    checked_dates_are_real,
    broken_dates_are_real,
    broken_after_checked,
    added_dates_are_real,
    repository_dates_are_real,
    repository_pushed_before_checked,
    repository_has_a_github_link,
    link_hosts_are_valid,
    urls_are_web_addresses,
    urls_are_unique,
    course_titles_are_unique,
    chinese_aid_hosts_are_valid,
    chinese_aids_listed_once,
    unconfirmed_aids_are_named_not_linked,
    unconfirmed_aids_listed_once,
    facts_have_sources,
    effort_hours_fit_their_kind,
    effort_parts_multiply,
    fact_dates_are_real,
    years_are_not_after_they_were_read,
    source_hosts_are_valid,
    sources_are_not_republished,
    chapters_in_order,
    offerings_newest_first,
    offering_starts_are_not_in_the_future,
    offering_terms_are_unique,
    requirements_exist,
    nothing_requires_itself,
    no_requirement_cycles,
    path_steps_exist,
    path_steps_in_order,
    path_reasons_state_no_length,
    path_steps_in_its_language,
    path_main_courses_before_reference,
    taught_by_exist,
    taught_by_is_not_its_own_syllabus,
    taught_by_listed_once,
    taught_by_is_released,
    path_steps_are_released,
)


def rule_problems(doc: Document, shown: str) -> list[Problem]:
    """What every rule finds in *doc*."""
    checked = Checked(doc, shown)
    return [problem for rule in RULES for problem in rule(checked)]

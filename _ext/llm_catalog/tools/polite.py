"""What the tools that ask the web about each record share: asking politely, failures in words, the report.

A tool (``archive``, ``freshness``, ``video-lengths``, ``sources``) brings its own lookup and its
own words; this module brings the rest:

- :class:`Polite`: one ``GET`` at a time, *delay* seconds after the one before, each waiting at
  most *timeout* seconds, with the tool's ``User-Agent``; a timeout or an address nothing answers
  at becomes a :class:`LookupFailed` in words (:meth:`Polite.get`);
- :func:`json_answer`: a ``200`` answer's JSON, or the status or broken JSON in words;
- :func:`ask_each`: the run over the items, which goes on after a failure, stops at once after a
  :class:`Stop` (a rate limit, a used-up quota, a refused key) and, if asked to, after a number of
  failures in a row; each item's :class:`Reply` says what came back, or why nothing did;
- :class:`Outcome` and :class:`Report`: one row a record, listed under the title of its result,
  with the tool's heading, counts and notes (:func:`markdown_report` puts such a report together).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

import requests

T = TypeVar("T")
A = TypeVar("A")


class LookupFailed(Exception):
    """The API gave no usable answer for one item (said in words for the report)."""


class Stop(LookupFailed):
    """The API refuses further requests for now (a rate limit, a quota, a key): the run stops."""


def no_answer(timeout: float) -> str:
    return f"no answer within {timeout:g} s"


class Polite:
    """One request at a time, *delay* seconds apart, each waiting at most *timeout* seconds.

    The session is closed on :meth:`close` (or at the end of a ``with`` block) unless it was given.
    """

    def __init__(
        self,
        user_agent: str,
        *,
        timeout: float,
        delay: float,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
    ) -> None:
        self.user_agent, self.timeout, self.delay, self.sleep = user_agent, timeout, delay, sleep
        self.own = session is None
        self.session = session or requests.Session()
        #: Requests sent so far.
        self.asked = 0

    def request(self, url: str, **options: Any) -> requests.Response:
        """``GET`` *url* after the delay (none before the first request); errors are raised as requests raises them."""
        if self.asked:
            self.sleep(self.delay)  # one request at a time, politely spaced
        self.asked += 1
        headers = {"User-Agent": self.user_agent, **(options.pop("headers", None) or {})}
        return self.session.get(url, timeout=self.timeout, headers=headers, **options)

    def get(self, url: str, **options: Any) -> requests.Response:
        """:meth:`request`, with no answer at all said in words: :class:`LookupFailed`."""
        try:
            return self.request(url, **options)
        except requests.Timeout:
            raise LookupFailed(no_answer(self.timeout)) from None
        except requests.RequestException as exc:
            raise LookupFailed(f"cannot reach the API: {type(exc).__name__}") from None

    def close(self) -> None:
        if self.own:
            self.session.close()

    def __enter__(self) -> Polite:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def json_of(response: requests.Response) -> Any:
    """The answer's JSON, or :class:`LookupFailed` if it is not JSON."""
    try:
        return json.loads(response.content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise LookupFailed("the answer is not valid JSON") from None


def json_answer(response: requests.Response) -> Any:
    """The JSON of a ``200`` answer; :class:`LookupFailed` naming another status, or JSON that is not."""
    if response.status_code != 200:
        raise LookupFailed(f"the API answered HTTP {response.status_code}")
    return json_of(response)


# -- The run ------------------------------------------------------------------------------------


@dataclass
class Reply(Generic[T, A]):
    """What asking about one item gave."""

    item: T
    #: The lookup's answer (when :attr:`failure` is None).
    value: A | None = None
    #: The failure in words, or why the item was not asked.
    failure: str | None = None
    #: False when the run had stopped before this item.
    asked: bool = True
    #: Set when this item's failure stopped the run: what the items after it are told.
    stops: str = ""


def ask_each(
    items: Iterable[T],
    lookup: Callable[[T], A],
    *,
    give_up_after: int | None = None,
    stop_reason: Callable[[T], str] = lambda _: "not asked: the API refuses further requests",
) -> Iterator[Reply[T, A]]:
    """``lookup(item)`` for each item in turn, as a :class:`Reply`.

    A :class:`LookupFailed` is that item's failure and the run goes on; a :class:`Stop`, or the
    *give_up_after*-th failure in a row, stops it: the items after it are not asked, and told why
    (``stop_reason(item)`` of the item the API refused, or how many times the API failed).
    """
    failures, stopped = 0, ""
    for item in items:
        if stopped:
            yield Reply(item, failure=stopped, asked=False)
            continue
        try:
            value = lookup(item)
        except Stop as exc:
            stopped = stop_reason(item)
            yield Reply(item, failure=str(exc), stops=stopped)
            continue
        except LookupFailed as exc:
            failures += 1
            if give_up_after is not None and failures >= give_up_after:
                stopped = f"not asked: the API failed {failures} times in a row"
            yield Reply(item, failure=str(exc), stops=stopped)
            continue
        failures = 0
        yield Reply(item, value)


# -- The report ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What happened to one record: a row of the report."""

    record: str
    #: The line of the record's link in the data file.
    line: int
    #: What was asked about (a link, a repository), as the row names it.
    address: str
    #: One of the report's :attr:`Report.TITLES`.
    result: str
    detail: str = ""
    #: What the API said (shown after the address, see :meth:`Report.shown`); None for nothing.
    found: Any = None


def markdown_report(heading: str, lead: str | None, sections: Iterable[tuple[str, list[str]]], *ends: list[str]) -> str:
    """A report: the heading, a line under it, each section with rows under its bold title, then each
    non-empty block of *ends*; blocks are kept apart by an empty line."""
    out = [heading]
    out += ["", lead] if lead is not None else []
    for title, rows in sections:
        out += ["", f"**{title}**", "", *rows] if rows else []
    for block in ends:
        out += ["", *block] if block else []
    return "\n".join(out) + "\n"


@dataclass
class Report:
    """What a run did, record by record, as the terminal and a pull request show it.

    A tool's report says its own words: :attr:`HEADING`, :attr:`TITLES`, :meth:`counts`,
    :meth:`shown` (and :meth:`ending`), and which results are failures (:attr:`FAILING`).
    """

    HEADING: ClassVar[str] = ""
    #: The title of each result's list, in the report's order.
    TITLES: ClassVar[dict[str, str]] = {}
    #: Results that make the command fail (exit status 1).
    FAILING: ClassVar[tuple[str, ...]] = ()

    outcomes: list[Outcome] = field(default_factory=list)
    #: Whether the data file was written.
    written: bool = False
    notes: list[str] = field(default_factory=list)

    def of(self, *results: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.result in results]

    @property
    def failed(self) -> bool:
        return bool(self.of(*self.FAILING))

    def counts(self) -> str | None:
        """The line under the heading."""
        return None

    def shown(self, found: Any) -> str:
        """What follows a row's address for what the API said."""
        return f": {found}"

    def ending(self) -> list[str]:
        """The last lines, after the notes."""
        return []

    def row(self, o: Outcome) -> str:
        tail = self.shown(o.found) if o.found is not None else ""
        tail += f" ({o.detail})" if o.detail else ""
        return f"- line {o.line}, `{o.record}`: {o.address}{tail}"

    def markdown(self) -> str:
        sections = [(title, [self.row(o) for o in self.of(result)]) for result, title in self.TITLES.items()]
        return markdown_report(self.HEADING, self.counts(), sections, self.notes, self.ending())

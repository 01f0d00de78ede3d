"""最近收录: the newest records by the day they were added, and the line that links the open data."""

from __future__ import annotations

from collections import Counter

from docutils import nodes

from ..data import labels
from ..data.records import Catalog, Record
from ..site.fingerprints import shows
from ..site.nodes import bullets, labelled, para, xref

#: On a reference to a file the site writes beside index.html (the open data).
SITE_FILE = "llm-site-file"
#: The line of 最近收录 that links the open data.
OPEN_DATA_LINE = "llm-recent-feeds"
#: On what only makes sense where the open data is written (the line above, the clause of the
#: note on a cut list that names catalog.json): elsewhere (a single page, print) it goes.
OPEN_DATA_ONLY = "llm-open-data-only"


#: How many of the newest dated records 最近收录 and feed.xml show (catalog.json has them all).
RECENT_SHOWN = 50


def _per_day(dated: list[Record]) -> Counter[str]:
    """How many records the data has for each day: a day's heading counts them all, listed or not."""
    return Counter(record.added for record in dated if record.added)


@shows("recent")
def _recent(catalog: Catalog, _: str) -> object:
    """The 最近收录 list: each shown record's date, type and title, how many are dated, and how
    many the data has for each day shown."""
    dated = catalog.dated()
    shown = dated[:RECENT_SHOWN]
    per_day = _per_day(dated)
    return (
        len(dated),
        tuple((r.added, r.record_type, r.id, r.title) for r in shown),
        tuple(sorted((day, per_day[day]) for day in {r.added for r in shown if r.added})),
    )


def day_words(day: str) -> str:
    """``2026-12-01`` in words: "2026 年 12 月 1 日"."""
    year, month, date = (int(part) for part in day.split("-"))
    return labels.RECENT_DATE.format(year=year, month=month, day=date)


def site_file(text: str, name: str) -> nodes.reference:
    """A link to *name*, a file the site writes beside index.html, pointed at from the page when it
    is written (:func:`.opendata.place_links`)."""
    return nodes.reference(text, text, refuri=name, internal=False, **{SITE_FILE: name})


def recent(catalog: Catalog, docname: str) -> list[nodes.Node]:
    """The RECENT_SHOWN newest records grouped by the day they were added, newest day first,
    each linking to its card.

    Each day's heading counts every record the data has for that day; when the list is cut,
    a line above it says how many it lists of how many (and, on the web, that catalog.json has
    them all), and the heading of the day it is cut in says how many of that day it lists.

    A line first points to the feed and the open data beside index.html; it stays only where
    the builder writes these files (:func:`.opendata.place_links`).
    """
    feeds = para(
        OPEN_DATA_LINE,
        *labelled(labels.RECENT_FEEDS),
        nodes.Text(labels.RECENT_FEED),
        site_file("feed.xml", "feed.xml"),
        nodes.Text(labels.RECENT_DATA),
        site_file("catalog.json", "catalog.json"),
        nodes.Text(labels.OPEN_PAREN),
        site_file("JSON Schema", "catalog-schema.json"),
        nodes.Text(labels.CLOSE_PAREN + labels.FULL_STOP),
    )
    feeds["classes"].append(OPEN_DATA_ONLY)
    out: list[nodes.Node] = [feeds]
    dated = catalog.dated()
    if not dated:
        out.append(para("llm-recent-empty", nodes.Text(labels.RECENT_EMPTY)))
        return out
    shown = dated[:RECENT_SHOWN]
    if len(dated) > len(shown):
        total = len(dated)
        everything = nodes.inline(
            "",
            "",
            nodes.Text(labels.RECENT_SHOWN_ALL.format(total=total)),
            site_file("catalog.json", "catalog.json"),
            nodes.Text(labels.RECENT_SHOWN_ALL_END),
            classes=[OPEN_DATA_ONLY],
        )
        out.append(
            para(
                "llm-recent-shown",
                nodes.Text(labels.RECENT_SHOWN.format(shown=len(shown), total=total)),
                everything,
                nodes.Text(labels.FULL_STOP),
            )
        )
    per_day = _per_day(dated)
    days: dict[str, list[Record]] = {}
    for record in shown:
        days.setdefault(record.added or "", []).append(record)
    listing = nodes.container(classes=["llm-recent"])
    for day in sorted(days, reverse=True):
        heading = labels.RECENT_DAY.format(date=day_words(day), count=per_day[day])
        if len(days[day]) < per_day[day]:
            heading += labels.RECENT_DAY_PART.format(shown=len(days[day]))
        listing += para("llm-recent-day", nodes.strong(heading, heading))
        listing += bullets(
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

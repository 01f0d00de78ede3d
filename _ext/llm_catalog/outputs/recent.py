"""最近收录: the newest records by the day they were added, and the line that links the open data."""

from __future__ import annotations

from docutils import nodes

from ..data import labels
from ..data.records import Catalog
from ..site.fingerprints import shows
from ..site.nodes import bullets, labelled, para, xref

#: On a reference to a file the site writes beside index.html (the open data).
SITE_FILE = "llm-site-file"
#: The line of 最近收录 that links the open data.
OPEN_DATA_LINE = "llm-recent-feeds"


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
    out: list[nodes.Node] = [feeds]
    dated = catalog.dated()
    if not dated:
        out.append(para("llm-recent-empty", nodes.Text(labels.RECENT_EMPTY)))
        return out
    if len(dated) > RECENT_SHOWN:
        shown = labels.RECENT_SHOWN.format(shown=RECENT_SHOWN, rest=len(dated) - RECENT_SHOWN)
        out.append(para("llm-recent-shown", nodes.Text(shown)))
    days: dict[str, list] = {}
    for record in dated[:RECENT_SHOWN]:
        days.setdefault(record.added, []).append(record)
    listing = nodes.container(classes=["llm-recent"])
    for day in sorted(days, reverse=True):
        year, month, date = (int(part) for part in day.split("-"))
        heading = labels.RECENT_DAY.format(year=year, month=month, day=date, count=len(days[day]))
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

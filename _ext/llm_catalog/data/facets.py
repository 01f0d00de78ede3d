"""Facets of a record: what a learner filters by (level, Chinese access, format, cost, topic,
whether its GitHub repository is still updated).

Everything here is derived from the record's own fields, so a fact is typed once: the format
comes from the kinds of the record's links, "可用中文学习" from its language and Chinese aids.
A facet that the data does not state is ``UNKNOWN``, and the filter treats it as a value of
its own (shown as “未标注”), never as a match for something else.
"""

from __future__ import annotations

import re
from typing import Any

from . import freshness

UNKNOWN = "unknown"

#: Facet keys in the order of the filter's controls and of the URL query.
KEYS = ("level", "lang", "format", "cost", "year", "topic", "fresh")

#: A year in a term or a date ("2025 春", "Spring 2024", "2025-03").
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def years(record: Any) -> tuple[str, ...]:
    """The years a record belongs to, newest first: its own ``year`` (a book's, a resource's),
    and the years of its terms and offerings (their terms and start dates)."""
    found: set[str] = set()
    own = getattr(record, "year", None)
    own = getattr(own, "value", own)  # a resource's year is a fact with its sources; a book's a number
    if own:
        found.add(str(own))
    offerings = getattr(record, "offerings", ())
    texts = [getattr(record, "term", None) or "", *(o.term for o in offerings), *(o.start or "" for o in offerings)]
    for text in texts:
        found.update(_YEAR.findall(text))
    return tuple(sorted(found, reverse=True))


#: Formats in display order; each comes from a link kind, a resource kind or the record kind.
FORMATS = ("video", "slides", "code", "reading-list", "book")
_FORMAT_LINK_KINDS = frozenset({"video", "slides", "code", "reading-list"})


def formats(record: Any) -> tuple[str, ...]:
    """The record's formats, derived: link kinds, video resources, books, chapters with slides."""
    found = {link.link_kind for link in record.all_links if link.link_kind in _FORMAT_LINK_KINDS}
    if record.record_type == "book":
        found.add("book")
        if any(chapter.slides for chapter in record.chapters):
            found.add("slides")
    if record.record_type == "resource" and record.resource_kind == "video":
        found.add("video")
    return tuple(f for f in FORMATS if f in found)


def in_chinese(record: Any) -> bool:
    """可用中文学习: the material is in Chinese, or at least one Chinese aid is known."""
    return record.language == "zh" or bool(record.aids)


def values(record: Any) -> dict[str, tuple[str, ...]]:
    """Facet values of a course, book or resource; ``UNKNOWN`` where the data says nothing.

    ``lang`` is a yes/no facet: ``("zh",)`` or empty (not known to be studyable in Chinese).
    ``fresh`` is ``active`` (仍在更新), ``stale`` or ``archived`` for a record whose GitHub
    repository was checked (``repository``), and unknown for every other record.
    """
    return {
        "level": (getattr(record, "level", None) or UNKNOWN,),
        "lang": ("zh",) if in_chinese(record) else (),
        "format": formats(record) or (UNKNOWN,),
        "cost": (record.cost_value or UNKNOWN,),
        "year": years(record) or (UNKNOWN,),
        "topic": tuple(record.topics) or (UNKNOWN,),
        "fresh": (freshness.state(record.repository) or UNKNOWN,),
    }

"""Hosts whose pages are not a source for a fact, each with the reason and what to cite instead.

A fact (a cost, a length, why a record teaches a chapter ...) is read on the material's own
pages, its author's or its publisher's. These hosts republish or retell other people's pages:
what they say may be stale or a stranger's summary, so ``make check`` refuses them in any
``sources`` list and names the kind of page to cite instead. A record's own links, and Chinese
aids (a student's notes are an aid), may still point there.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class RefusedHost:
    #: Why its pages are not a source.
    reason: str
    #: The kind of page to cite instead.
    instead: str


#: The one list, by host name (a subdomain of one is refused too).
REFUSED_SOURCE_HOSTS: dict[str, RefusedHost] = {
    "classcentral.com": RefusedHost(
        "a course directory that republishes course descriptions, which go stale",
        "the course's own page (its site, syllabus or schedule) or its repository",
    ),
    "hackmd.io": RefusedHost(
        "anyone's notes: a student's page is not the course or its author",
        "the page the notes are about (the course site, the video, the repository)",
    ),
    "centerconsulting.com": RefusedHost(
        "a company's library that retells others' talks in its own summaries",
        "the talk itself (its video page) or its author's own page",
    ),
}


def refused(url: str) -> tuple[str, RefusedHost] | None:
    """The refused host *url* is on, and why; ``None`` when it may be a source."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    for name, why in REFUSED_SOURCE_HOSTS.items():
        if host == name or host.endswith(f".{name}"):
            return name, why
    return None

"""Whether a record hosted on GitHub is still maintained: its repository, and what the data says of it.

The weekly ``make freshness`` step (``tools/freshness.py``) asks GitHub about the repository of
every course, book and resource hosted there and writes ``repository: {archived, pushed,
checked}`` into the record. This module is the one place that decides:

- **which link is the repository**: the first link of the record, in the order of ``links``,
  whose address is ``https://github.com/OWNER/REPO`` (anything after ``REPO`` is ignored, so
  ``.../tree/main/notes`` counts; ``github.io`` pages and GitHub's own pages such as
  ``github.com/orgs/...`` or ``github.com/topics/...`` do not);
- **what a reader is told**: an archived repository is "仓库已归档"; one whose last push is more
  than a year before the day it was checked is "超过一年未更新（最近 YYYY-MM）"; the rest are
  still updated (仍在更新). The year is counted back from ``checked``, the day the answer was
  read, never from the day of the build, so the same data always builds the same site.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from urllib.parse import urlsplit

#: What the data says of a repository, as the facet and the card name it.
ACTIVE, STALE, ARCHIVED = "active", "stale", "archived"
STATES = (ACTIVE, STALE, ARCHIVED)

_HOSTS = frozenset({"github.com", "www.github.com"})
#: First path segments of github.com that are GitHub's own pages, not an owner.
_NOT_OWNERS = frozenset(
    {
        "about",
        "apps",
        "collections",
        "customer-stories",
        "enterprise",
        "events",
        "explore",
        "features",
        "login",
        "marketplace",
        "new",
        "notifications",
        "orgs",
        "pricing",
        "search",
        "settings",
        "site",
        "sponsors",
        "topics",
        "trending",
        "users",
    }
)


def repository_of(url: str) -> str | None:
    """``OWNER/REPO`` of a github.com repository address, or ``None``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() not in _HOSTS:
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 2 or segments[0].lower() in _NOT_OWNERS:
        return None
    owner, repo = segments[0], segments[1].removesuffix(".git")
    if not owner or not repo:
        return None
    return f"{owner}/{repo}"


def github_link(urls: Iterable[str]) -> tuple[int, str] | None:
    """The index of the first repository address among *urls*, and its ``OWNER/REPO``."""
    for n, url in enumerate(urls):
        found = repository_of(url)
        if found:
            return n, found
    return None


def year_before(day: date) -> date:
    """The same day one year earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def state(repository: Any) -> str | None:
    """``archived``, ``stale`` or ``active`` for a record's ``repository`` facts; ``None`` without them."""
    if repository is None:
        return None
    if repository.archived:
        return ARCHIVED
    if date.fromisoformat(repository.pushed) < year_before(date.fromisoformat(repository.checked)):
        return STALE
    return ACTIVE

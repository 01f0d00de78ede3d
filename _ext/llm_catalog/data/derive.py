"""Facts derived by a stated rule instead of read: the rules, in one place.

A material whose cost nobody read (no ``cost``, or one looked at and not confirmed) is free when
one of its own links is of a kind anyone can open without paying: a public video on YouTube or
Bilibili, a public GitHub repository, an arXiv paper, or a course site on a university's host
(and it links no course platform such as Coursera, which sets its own price).
Each rule says in words what it derives; a card adds "（由链接推断）" and the link is the fact's
source. A read cost is never replaced.

The rules hold while the link works: the weekly link check marks a dead link ``broken``, and a
broken link derives nothing, so the cost is unknown again with nothing to edit by hand. When the
check last reached the link (its ``checked`` date), the derived fact carries that date.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from . import labels
from .records import Cost, Link, Material

#: Hosts of public video pages (a video or playlist there is free to watch).
YOUTUBE_HOSTS = frozenset({"youtube.com", "youtu.be"})


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "m."):
        host = host.removeprefix(prefix)
    return host


def _parts(url: str) -> list[str]:
    return [part for part in urlsplit(url).path.split("/") if part]


def public_video(link: Link) -> bool:
    """A YouTube video (watch?v=, youtu.be/, live/, embed/) or playlist, or a Bilibili video."""
    host, parts = _host(link.url), _parts(link.url)
    if host == "youtube.com":
        query = parse_qs(urlsplit(link.url).query)
        if parts == ["watch"]:
            return bool(query.get("v"))
        if parts == ["playlist"]:
            return bool(query.get("list"))
        return len(parts) == 2 and parts[0] in ("live", "embed")
    if host == "youtu.be":
        return len(parts) == 1
    return host == "bilibili.com" and len(parts) >= 2 and parts[0] == "video"


def public_repository(link: Link) -> bool:
    """A GitHub repository (github.com/OWNER/REPO, or a page inside it)."""
    parts = _parts(link.url)
    return _host(link.url) == "github.com" and len(parts) >= 2 and parts[0] not in GITHUB_NOT_OWNERS


#: The first part of github.com paths that are GitHub's own pages, not an owner's repository.
GITHUB_NOT_OWNERS = frozenset({"orgs", "topics", "search", "marketplace", "features", "settings", "sponsors"})


def arxiv_paper(link: Link) -> bool:
    """An arXiv paper's abstract or PDF (arxiv.org/abs/..., arxiv.org/pdf/...)."""
    parts = _parts(link.url)
    return _host(link.url) == "arxiv.org" and len(parts) >= 2 and parts[0] in ("abs", "pdf")


def open_course_page(link: Link) -> bool:
    """A course site (a link of kind ``site``) on a university's host: ``.edu``, ``.edu.cn``,
    ``.ac.uk`` ... Its pages (schedule, slides, notes) open to anyone who follows the link."""
    labels = _host(link.url).split(".")
    university = "edu" in labels[-2:] or (len(labels) > 2 and labels[-2] == "ac")
    return link.link_kind == "site" and university


@dataclass(frozen=True)
class Rule:
    #: The rule's id: the ``derived`` of the facts it makes (the open data names it), and the key
    #: of its words in labels.DERIVED_COSTS.
    id: str
    #: Which links the rule takes.
    applies: Callable[[Link], bool]

    @property
    def words(self) -> str:
        """What a card says of the fact; the card adds that it is derived from the link."""
        return labels.DERIVED_COSTS[self.id][0]

    @property
    def reason(self) -> str:
        """Why it follows, for the card's notes."""
        return labels.DERIVED_COSTS[self.id][1]


#: The cost rules, tried in this order (each on every link in the record's order); the first wins.
COST_RULES: tuple[Rule, ...] = (
    Rule("public-video", public_video),
    Rule("public-repository", public_repository),
    Rule("arxiv-paper", arxiv_paper),
    Rule("open-course-page", open_course_page),
)
RULES_BY_ID = {rule.id: rule for rule in COST_RULES}


def reached(link: Link) -> bool:
    """The link is not marked dead by the weekly link check."""
    return link.broken is None


def derived_cost(links: Iterable[Link]) -> Cost | None:
    """The cost the first rule derives from a working link (rules in order, then links in
    order), or ``None``. A record that links a course platform derives nothing: the platform
    sets the price, and a video elsewhere may be a copy of a paid course."""
    links = tuple(links)
    if any(link.link_kind == "platform" for link in links):
        return None
    for rule in COST_RULES:
        for link in links:
            if reached(link) and rule.applies(link):
                return Cost(
                    value="free", sources=(link.url,), checked=link.checked or "", derived=rule.id, line=link.line
                )
    return None


def with_derived_facts(record: Material) -> Material:
    """*record*, with its cost derived from its own links when nobody read one."""
    if record.cost is not None and record.cost.known:
        return record
    cost = derived_cost(record.links)
    return record if cost is None else dataclasses.replace(record, cost=cost)

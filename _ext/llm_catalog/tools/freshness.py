"""``python -m llm_catalog freshness``: record whether GitHub repositories are archived or still updated.

For every course, book and resource hosted on GitHub (its first ``https://github.com/OWNER/REPO``
link, see :mod:`..data.freshness`), ask the GitHub REST API once per repository
(``GET {api}/repos/OWNER/REPO``, with ``Authorization: Bearer $GITHUB_TOKEN`` when that is set)
and write what it said into the record::

    repository: {archived: false, pushed: "2024-05-21", checked: "2026-11-30"}

``archived`` is the answer's ``archived``, ``pushed`` the date of its ``pushed_at`` (the last
push to any branch), ``checked`` the day of the run. The data file is edited in place like the
``archive`` step: comments, order and quoting are kept, a new ``repository`` line goes just
before the record's ``links``, an existing one is rewritten, and no other line changes.

Every answer that is not a usable description of the repository (not JSON, a field missing or
of the wrong type, 404, 500, a timeout, nothing listening) is reported with the record's id and
the line of its GitHub link, and writes nothing for that record; the other records go on. A rate
limit (403 or 429 with no requests left) stops the run at once, and so do
:data:`GIVE_UP_AFTER` failures in a row. Any failure makes the command exit with status 1.
"""

from __future__ import annotations

import difflib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import requests
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..data.freshness import github_link
from ..data.records import RECORD_TYPES, Material
from .datafile import DataFile, DataFileError, RecordEntry, _yaml
from .polite import LookupFailed, Outcome, Polite, Report, Stop, ask_each, json_answer

DEFAULT_API = "https://api.github.com"
USER_AGENT = "llm-study-guide-freshness/1 (weekly check of a study guide; one request at a time)"
#: Stop asking after this many failures in a row: the API is down or refusing us.
GIVE_UP_AFTER = 3
#: Sections whose records can carry ``repository`` (what a reader studies: courses, books, resources).
SECTIONS = tuple(t.section for t in RECORD_TYPES if issubclass(t, Material))
FIELD = "repository"
#: What the repositories after a rate limit are told.
RATE_LIMITED = "not asked: GitHub's rate limit was reached; run again later or with GITHUB_TOKEN"


class RateLimited(Stop):
    """GitHub refuses further requests for now: the run stops."""


@dataclass(frozen=True)
class Facts:
    archived: bool
    pushed: str
    #: ``OWNER/REPO`` as GitHub names it now (differs after a rename).
    name: str


class FreshnessReport(Report):
    """Results: ``updated`` (written), ``same`` (already recorded), ``failed`` or ``skipped`` (not asked)."""

    HEADING = "### Repository freshness (GitHub)"
    TITLES = {
        "failed": "GitHub did not answer usably (nothing written for these records)",
        "skipped": "Not asked (nothing written for these records)",
        "updated": "Recorded (`repository` written, or its `checked` date renewed)",
        "same": "Already recorded today (nothing changed)",
    }
    FAILING = ("failed", "skipped")

    def counts(self) -> str:
        return (
            f"{len(self.of('updated', 'same'))} checked, {len(self.of('failed'))} failed, "
            f"{len(self.of('skipped'))} not asked."
        )

    def shown(self, found: Facts) -> str:
        return f": {'archived' if found.archived else 'not archived'}, last push {found.pushed}"


def _pushed_day(value: Any) -> str:
    if not isinstance(value, str):
        raise LookupFailed("the answer has no 'pushed_at' date (the last push)")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise LookupFailed(f"'pushed_at' is not a date and time: {value[:40]!r}") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.date().isoformat()


def facts_of(answer: Any, today: str) -> Facts:
    """What the answer says, or :class:`LookupFailed` if it is not the documented repository object."""
    if not isinstance(answer, dict):
        raise LookupFailed("the answer is not the documented JSON object of a repository")
    archived = answer.get("archived")
    if not isinstance(archived, bool):
        raise LookupFailed("the answer has no 'archived' true or false")
    pushed = _pushed_day(answer.get("pushed_at"))
    if pushed > today:
        raise LookupFailed(f"'pushed_at' ({pushed}) is after today ({today}); not written")
    name = answer.get("full_name")
    return Facts(archived, pushed, name if isinstance(name, str) else "")


def _rate_limited(response: requests.Response) -> bool:
    if response.status_code not in (403, 429):
        return False
    if response.headers.get("X-RateLimit-Remaining") == "0" or "Retry-After" in response.headers:
        return True
    return "rate limit" in response.text[:2000].lower()


def _reset(response: requests.Response) -> str:
    stamp = response.headers.get("X-RateLimit-Reset", "")
    if stamp.isdigit():
        return f" until {datetime.fromtimestamp(int(stamp), UTC):%Y-%m-%d %H:%M} UTC"
    return ""


def lookup(polite: Polite, api: str, repository: str, *, today: str) -> Facts:
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    token = os.environ.get("GITHUB_TOKEN", "").strip()
    if token:
        headers["Authorization"] = f"Bearer {token}"
    response = polite.get(f"{api.rstrip('/')}/repos/{repository}", headers=headers)
    status = response.status_code
    if _rate_limited(response):
        hint = "" if token else "; set GITHUB_TOKEN to a token for a higher limit"
        raise RateLimited(f"rate-limited by GitHub (HTTP {status}){_reset(response)}{hint}")
    if status == 404:
        raise LookupFailed(
            "GitHub has no such repository (HTTP 404): it may have been renamed, made private or deleted; "
            "check the link"
        )
    return facts_of(json_answer(response), today)


@dataclass
class _Hosted:
    entry: RecordEntry
    repository: str
    line: int


def hosted(data: DataFile) -> list[_Hosted]:
    """Every course, book and resource with a GitHub repository link, in the file's order."""
    found = []
    for entry in data.records(SECTIONS):
        links = entry.link_lines()
        first = github_link(url for url, _ in links)
        if first is not None:
            found.append(_Hosted(entry, first[1], links[first[0]][1]))
    return found


def _write(entry: RecordEntry, facts: Facts, today: str) -> bool:
    """Set the record's ``repository``; True if its text changed."""
    values = {"archived": facts.archived, "pushed": facts.pushed, "checked": today}
    current = entry.data.get(FIELD)
    if isinstance(current, CommentedMap):
        changed = False
        for key, value in values.items():
            if key not in current or current[key] != value:
                current[key] = value if isinstance(value, bool) else DoubleQuotedScalarString(value)
                changed = True
        return changed
    mapping = CommentedMap([(k, v if isinstance(v, bool) else DoubleQuotedScalarString(v)) for k, v in values.items()])
    mapping.fa.set_flow_style()
    keys = list(entry.data.keys())
    # Just before `links`: a comment that closes the record stays where it is (after the links).
    entry.data.insert(keys.index("links") if "links" in keys else len(keys), FIELD, mapping)
    return True


#: Lines an edit may add or rewrite: the field, or one of its keys when it is written as a block.
_OWN_LINES = (f"{FIELD}:", "archived:", "pushed:", "checked:")


def _only_repository_lines(before: str, after: str) -> bool:
    """The edit added or rewrote ``repository`` lines and touched nothing else."""
    old, new = before.splitlines(), after.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "delete" or not all(line.lstrip(" -").startswith(_OWN_LINES) for line in new[j1:j2]):
            return False
        if tag == "replace" and not all(line.lstrip(" -").startswith(_OWN_LINES) for line in old[i1:i2]):
            return False
    return True


def _lines_now(text: str, items: list[_Hosted]) -> dict[tuple[str, int], int]:
    """The line of each record's GitHub link in *text* (lines move when a line is added above)."""
    doc = _yaml().load(text)
    found = {}
    for item in items:
        links = doc[item.entry.section][item.entry.index].get("links") or []
        first = github_link(str(link["url"]) for link in links)
        if first is not None:
            found[(item.entry.section, item.entry.index)] = links[first[0]].lc.line + 1
    return found


def freshness(
    data: DataFile,
    *,
    api: str = DEFAULT_API,
    today: str | None = None,
    timeout: float = 20.0,
    delay: float = 1.0,
    give_up_after: int = GIVE_UP_AFTER,
    sleep: Callable[[float], None] = time.sleep,
) -> FreshnessReport:
    """Ask GitHub about each repository once and write what it said; the report says what happened."""
    today = today or datetime.now(UTC).date().isoformat()
    date.fromisoformat(today)
    report = FreshnessReport()
    items = hosted(data)
    by_repository: dict[str, list[_Hosted]] = {}
    for item in items:
        by_repository.setdefault(item.repository.lower(), []).append(item)
    stopped = ""
    results: list[tuple[_Hosted, str, str, Facts | None]] = []
    with Polite(USER_AGENT, timeout=timeout, delay=delay, sleep=sleep) as polite:
        replies = ask_each(
            by_repository.values(),
            lambda group: lookup(polite, api, group[0].repository, today=today),
            give_up_after=give_up_after,
            stop_reason=lambda _: RATE_LIMITED,
        )
        for reply in replies:
            group, stopped = reply.item, reply.stops or stopped
            if reply.failure is not None:
                result = "failed" if reply.asked else "skipped"
                results += [(item, result, reply.failure, None) for item in group]
                continue
            facts = reply.value
            renamed = facts.name and facts.name.lower() != group[0].repository.lower()
            detail = f"GitHub now calls it {facts.name}; update the link" if renamed else ""
            for item in group:
                changed = _write(item.entry, facts, today)
                results.append((item, "updated" if changed else "same", detail, facts))
    if stopped:
        report.notes.append(f"Stopped early: {stopped.removeprefix('not asked: ')}.")
    after = data.text()
    if not _only_repository_lines(data.original, after):  # pragma: no cover - a guard, not a path
        raise DataFileError([f"{data.path}: the edit would change other lines than `repository`; nothing written."])
    report.written = data.save()
    lines = _lines_now(data.original, items)
    for item, result, detail, facts in results:
        line = lines.get((item.entry.section, item.entry.index), item.line)
        report.outcomes.append(Outcome(item.entry.record, line, item.repository, result, detail, facts))
    return report

"""``python -m llm_catalog archive``: fill in archived copies from the Wayback Machine.

For every link the last ``make linkcheck`` reported broken (``catalog-links.json``), or with
``--all`` for every link without an archived copy, ask the Wayback Machine availability API
(https://archive.org/help/wayback_api.php) for the closest snapshot and write its address
into the link's ``archive`` field. An existing ``archive`` is never replaced and a link's own
address is never touched; every answer that is not a usable snapshot is reported and
changes nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from .datafile import DataFile, DataFileError, LinkEntry

USER_AGENT = "llm-study-guide-archive/1 (weekly link check of a study guide; one request at a time)"
#: Stop asking after this many failures in a row: the API is down or refusing us.
GIVE_UP_AFTER = 3


class LookupFailed(Exception):
    """The API gave no usable answer for one address (said in words for the report)."""


@dataclass
class Outcome:
    record: str
    line: int
    url: str
    #: ``found``, ``missing`` (no snapshot), ``failed`` (the API misbehaved) or ``kept``.
    result: str
    detail: str = ""
    snapshot: str | None = None


@dataclass
class ArchiveReport:
    outcomes: list[Outcome] = field(default_factory=list)
    written: bool = False
    notes: list[str] = field(default_factory=list)

    def of(self, result: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.result == result]

    def markdown(self) -> str:
        """The report as the pull request and the terminal show it."""
        titles = {
            "found": "Archived copy found and written to `archive`",
            "kept": "Already had an archived copy (kept as it is)",
            "missing": "No archived copy in the Wayback Machine (check by hand)",
            "failed": "The Wayback Machine did not answer usably (nothing changed; try again later)",
        }
        out = [
            "### Archived copies (Wayback Machine)",
            "",
            f"{len(self.of('found'))} found, {len(self.of('missing'))} not found, "
            f"{len(self.of('failed'))} failed, {len(self.of('kept'))} kept.",
        ]
        for result in ("found", "missing", "failed", "kept"):
            rows = self.of(result)
            if not rows:
                continue
            out += ["", f"**{titles[result]}**", ""]
            for o in rows:
                tail = f" → {o.snapshot}" if o.snapshot else (f" ({o.detail})" if o.detail else "")
                out.append(f"- line {o.line}, `{o.record}`: {o.url}{tail}")
        out += ["", *self.notes] if self.notes else []
        return "\n".join(out) + "\n"


def _usable_snapshot(answer: Any) -> tuple[str, str] | None:
    """``(address, timestamp)`` of the closest snapshot, None if there is none.

    Raises :class:`LookupFailed` for an answer that does not have the documented shape.
    """
    if not isinstance(answer, dict) or not isinstance(answer.get("archived_snapshots"), dict):
        raise LookupFailed("the answer is not the documented JSON object with 'archived_snapshots'")
    closest = answer["archived_snapshots"].get("closest")
    if closest is None:
        return None
    if not isinstance(closest, dict):
        raise LookupFailed("'closest' is not an object")
    if closest.get("available") is not True:
        return None
    address = closest.get("url")
    if not isinstance(address, str):
        raise LookupFailed("the snapshot has no address")
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in address):
        raise LookupFailed(f"the snapshot address is not an http(s) address: {address[:80]!r}")
    status = str(closest.get("status", "200"))
    if not status.startswith("2"):
        return None  # a snapshot of an error page is no copy of the content
    if parts.scheme == "http" and parts.netloc == "web.archive.org":
        # The API answers http://; the same snapshot is served over https.
        address = "https" + address[len("http") :]
    return address, str(closest.get("timestamp", ""))


def lookup(
    session: requests.Session, api: str, url: str, *, timestamp: str | None, timeout: float
) -> tuple[str, str] | None:
    params = {"url": url}
    if timestamp:
        params["timestamp"] = timestamp
    try:
        response = session.get(api, params=params, timeout=timeout, headers={"User-Agent": USER_AGENT})
    except requests.Timeout:
        raise LookupFailed(f"no answer within {timeout:g} s") from None
    except requests.RequestException as exc:
        raise LookupFailed(f"cannot reach the API: {type(exc).__name__}") from None
    if response.status_code != 200:
        raise LookupFailed(f"the API answered HTTP {response.status_code}")
    try:
        answer = json.loads(response.content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise LookupFailed("the answer is not valid JSON") from None
    return _usable_snapshot(answer)


def broken_links(report: Path) -> list[str]:
    """Addresses (not archived copies) the last link check found broken or timed out."""
    if not report.exists():
        raise DataFileError([f"{report}: no link-check report; run `make linkcheck` first."])
    try:
        rows = json.loads(report.read_text(encoding="utf-8"))
        urls = [row["uri"] for row in rows if row.get("field") == "url"]
    except (ValueError, TypeError, KeyError, AttributeError):
        raise DataFileError([f"{report}: not a link-check report written by `make linkcheck`."]) from None
    return list(dict.fromkeys(urls))


def archive(
    data: DataFile,
    urls: Iterable[str],
    *,
    api: str,
    timeout: float = 20.0,
    delay: float = 2.0,
    sleep: Callable[[float], None] = time.sleep,
) -> ArchiveReport:
    """Look up each address once and write what was found; the report says what happened."""
    report = ArchiveReport()
    session = requests.Session()
    asked = failures = 0
    for url in urls:
        entries: list[LinkEntry] = data.links_to(url)
        if not entries:
            report.notes.append(f"Not in the data file any more: {url}")
            continue
        todo = [e for e in entries if not e.get("archive")]
        for entry in entries:
            if entry.get("archive"):
                report.outcomes.append(Outcome(entry.record, entry.line, url, "kept", snapshot=entry.get("archive")))
        if not todo:
            continue
        if failures >= GIVE_UP_AFTER:
            reason = f"not asked: the API failed {GIVE_UP_AFTER} times in a row"
            report.outcomes += [Outcome(e.record, e.line, url, "failed", reason) for e in todo]
            continue
        if asked:
            sleep(delay)  # one request at a time, politely spaced
        asked += 1
        # The copy closest to the day the link was last seen working, if that is known.
        checked = [e.get("checked") for e in todo if e.get("checked")]
        timestamp = max(checked).replace("-", "") if checked else None
        try:
            found = lookup(session, api, url, timestamp=timestamp, timeout=timeout)
        except LookupFailed as exc:
            failures += 1
            report.outcomes += [Outcome(e.record, e.line, url, "failed", str(exc)) for e in todo]
            continue
        failures = 0
        if found is None:
            report.outcomes += [Outcome(e.record, e.line, url, "missing", "no snapshot") for e in todo]
            continue
        snapshot, _ = found
        for entry in todo:
            entry.set("archive", snapshot)
            report.outcomes.append(Outcome(entry.record, entry.line, url, "found", snapshot=snapshot))
    session.close()
    report.written = data.save()
    return report


def urls_to_archive(data: DataFile, report: Path | None, every_link: bool) -> list[str]:
    urls = broken_links(report) if report is not None else []
    if every_link:
        urls += [entry.url for entry in data.links() if not entry.get("archive")]
    return list(dict.fromkeys(urls))

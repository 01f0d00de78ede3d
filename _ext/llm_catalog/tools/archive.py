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
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .datafile import DataFile, DataFileError, LinkEntry
from .polite import LookupFailed, Outcome, Polite, Report, ask_each, json_answer

USER_AGENT = "llm-study-guide-archive/1 (weekly link check of a study guide; one request at a time)"
#: Stop asking after this many failures in a row: the API is down or refusing us.
GIVE_UP_AFTER = 3


class ArchiveReport(Report):
    """Results: ``found``, ``missing`` (no snapshot), ``failed`` (the API misbehaved) or ``kept``."""

    HEADING = "### Archived copies (Wayback Machine)"
    TITLES = {
        "found": "Archived copy found and written to `archive`",
        "missing": "No archived copy in the Wayback Machine (check by hand)",
        "failed": "The Wayback Machine did not answer usably (nothing changed; try again later)",
        "kept": "Already had an archived copy (kept as it is)",
    }

    def counts(self) -> str:
        return (
            f"{len(self.of('found'))} found, {len(self.of('missing'))} not found, "
            f"{len(self.of('failed'))} failed, {len(self.of('kept'))} kept."
        )

    def shown(self, found: Any) -> str:
        return f" → {found}"


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


def lookup(polite: Polite, api: str, url: str, *, timestamp: str | None) -> tuple[str, str] | None:
    params = {"url": url}
    if timestamp:
        params["timestamp"] = timestamp
    return _usable_snapshot(json_answer(polite.get(api, params=params)))


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

    def to_ask() -> Iterator[tuple[str, list[LinkEntry]]]:
        """Each address with its links that have no archived copy yet; the others are kept."""
        for url in urls:
            entries: list[LinkEntry] = data.links_to(url)
            if not entries:
                report.notes.append(f"Not in the data file any more: {url}")
                continue
            for entry in entries:
                if entry.get("archive"):
                    report.outcomes.append(Outcome(entry.record, entry.line, url, "kept", found=entry.get("archive")))
            todo = [e for e in entries if not e.get("archive")]
            if todo:
                yield url, todo

    def closest(item: tuple[str, list[LinkEntry]]) -> tuple[str, str] | None:
        url, todo = item
        # The copy closest to the day the link was last seen working, if that is known.
        checked = [e.get("checked") for e in todo if e.get("checked")]
        return lookup(polite, api, url, timestamp=max(checked).replace("-", "") if checked else None)

    with Polite(USER_AGENT, timeout=timeout, delay=delay, sleep=sleep) as polite:
        for reply in ask_each(to_ask(), closest, give_up_after=GIVE_UP_AFTER):
            url, todo = reply.item
            if reply.failure is not None:
                report.outcomes += [Outcome(e.record, e.line, url, "failed", reply.failure) for e in todo]
            elif reply.value is None:
                report.outcomes += [Outcome(e.record, e.line, url, "missing", "no snapshot") for e in todo]
            else:
                snapshot, _ = reply.value
                for entry in todo:
                    entry.set("archive", snapshot)
                    report.outcomes.append(Outcome(entry.record, entry.line, url, "found", found=snapshot))
    report.written = data.save()
    return report


def urls_to_archive(data: DataFile, report: Path | None, every_link: bool) -> list[str]:
    urls = broken_links(report) if report is not None else []
    if every_link:
        urls += [entry.url for entry in data.links() if not entry.get("archive")]
    return list(dict.fromkeys(urls))

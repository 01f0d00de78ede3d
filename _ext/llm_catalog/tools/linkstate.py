"""``python -m llm_catalog linkstate``: record what the last ``make linkcheck`` saw.

A link that worked gets ``checked: <today>`` (and loses a ``broken`` mark it had); a link
that was broken gets ``broken: <today>`` unless it is already marked, so ``broken`` keeps the
day it was first found dead and ``checked`` the last day it was seen working. Timeouts and
redirects are reported but change nothing: one slow answer is not a dead page, and a moved
page is for a person to update.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .datafile import DataFile, DataFileError


@dataclass
class LinkStateReport:
    working: list[tuple[str, int, str]] = field(default_factory=list)
    revived: list[tuple[str, int, str]] = field(default_factory=list)
    broken: list[tuple[str, int, str, str]] = field(default_factory=list)
    unsure: list[tuple[str, int, str, str]] = field(default_factory=list)
    written: bool = False

    def markdown(self) -> str:
        out = [
            "### Link check",
            "",
            f"{len(self.working)} links work (`checked` set to today), {len(self.broken)} broken, "
            f"{len(self.unsure)} timed out or redirected (unchanged).",
        ]
        if self.broken:
            out += ["", "**Broken (marked `broken`; the archived copy is shown first on the site)**", ""]
            out += [f"- line {line}, `{record}`: {url} ({info})" for record, line, url, info in self.broken]
        if self.revived:
            out += ["", "**Working again (`broken` mark removed)**", ""]
            out += [f"- line {line}, `{record}`: {url}" for record, line, url in self.revived]
        if self.unsure:
            out += ["", "**Timed out or redirected (check by hand; nothing changed)**", ""]
            out += [f"- line {line}, `{record}`: {url} ({info})" for record, line, url, info in self.unsure]
        return "\n".join(out) + "\n"


def read_results(output: Path) -> dict[str, tuple[str, str]]:
    """``address -> (status, info)`` from Sphinx's linkcheck ``output.json`` (one object a line)."""
    if not output.exists():
        raise DataFileError([f"{output}: no link-check results; run `make linkcheck` first."])
    results: dict[str, tuple[str, str]] = {}
    try:
        for line in output.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                results[row["uri"]] = (row["status"], str(row.get("info") or ""))
    except (ValueError, TypeError, KeyError):
        raise DataFileError([f"{output}: not the output.json of `make linkcheck`."]) from None
    return results


def record(data: DataFile, results: dict[str, tuple[str, str]], today: str) -> LinkStateReport:
    report = LinkStateReport()
    for entry in data.links():
        if entry.url not in results:
            continue  # not checked (e.g. a host listed in linkcheck_ignore)
        status, info = results[entry.url]
        where = (entry.record, entry.line, entry.url)
        if status == "working":
            entry.set("checked", today)
            if entry.drop("broken"):
                report.revived.append(where)
            report.working.append(where)
        elif status == "broken":
            if not entry.get("broken"):
                entry.set("broken", today)
            report.broken.append((*where, info))
        elif status in ("timeout", "redirected"):
            report.unsure.append((*where, f"{status}: {info}" if info else status))
    report.written = data.save()
    return report

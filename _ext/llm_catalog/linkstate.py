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
from datetime import UTC
from pathlib import Path

from .datafile import DataFile, DataFileError

DEFAULT_OUTPUT = Path("_build/linkcheck/output.json")


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


def add_command(sub) -> None:
    cmd = sub.add_parser("linkstate", help="record `checked` / `broken` dates from the last `make linkcheck`")
    cmd.add_argument("file", nargs="?", default="_data/catalog.yaml", type=Path)
    cmd.add_argument("--schema", type=Path, default=None, help="JSON Schema (default: beside the file)")
    cmd.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help=f"linkcheck results (default: {DEFAULT_OUTPUT})"
    )
    cmd.add_argument("--today", default=None, help="date to record, YYYY-MM-DD (default: today, UTC)")
    cmd.add_argument("--markdown", type=Path, default=None, help="also write the report to this Markdown file")
    cmd.set_defaults(run=run_command)


def run_command(args) -> int:
    import sys
    from datetime import date, datetime

    today = args.today or datetime.now(UTC).date().isoformat()
    try:
        date.fromisoformat(today)
        data = DataFile(args.file, args.schema)
        report = record(data, read_results(args.output), today)
    except ValueError:
        print(f"--today {today!r}: write the date as YYYY-MM-DD", file=sys.stderr)
        return 2
    except DataFileError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return 1
    text = report.markdown()
    print(text, end="")
    print(f"{args.file}: {'updated' if report.written else 'unchanged'}")
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(text, encoding="utf-8")
    return 0

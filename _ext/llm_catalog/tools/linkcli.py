"""The ``archive``, ``linkstate``, ``freshness``, ``video-lengths`` and ``sources`` subcommands of
``python -m llm_catalog``.

Their modules need ruamel.yaml, requests and Beautiful Soup, which the ``check`` command (and the pre-commit
hook that runs it with only PyYAML and jsonschema) must not need: they are imported when one
of these commands runs, not before.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .datafile import DataFile

DEFAULT_DATA = Path("_data/catalog.yaml")
DEFAULT_API = "https://archive.org/wayback/available"
DEFAULT_REPORT = Path("_build/linkcheck/catalog-links.json")
DEFAULT_OUTPUT = Path("_build/linkcheck/output.json")
DEFAULT_GITHUB_API = "https://api.github.com"
DEFAULT_YOUTUBE_API = "https://www.googleapis.com/youtube/v3"


def add_commands(sub: argparse._SubParsersAction) -> None:
    archive = sub.add_parser(
        "archive", help="write Wayback Machine snapshots into `archive` for links the last link check found broken"
    )
    _common(archive)
    archive.add_argument(
        "--report", type=Path, default=DEFAULT_REPORT, help=f"report of `make linkcheck` (default: {DEFAULT_REPORT})"
    )
    archive.add_argument("--all", action="store_true", help="also every link that has no archived copy yet")
    _asking(archive, DEFAULT_API, "availability API address", delay=2.0, seconds=float)
    archive.set_defaults(run=run_archive)

    linkstate = sub.add_parser("linkstate", help="record `checked` / `broken` dates from the last `make linkcheck`")
    _common(linkstate)
    linkstate.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help=f"linkcheck results (default: {DEFAULT_OUTPUT})"
    )
    linkstate.add_argument("--today", default=None, help="date to record, YYYY-MM-DD (default: today, UTC)")
    linkstate.set_defaults(run=run_linkstate)

    fresh = sub.add_parser(
        "freshness",
        help="write whether each record's GitHub repository is archived and when it was last pushed to",
        description=(
            "Ask the GitHub REST API once per repository (the first github.com/OWNER/REPO link of each "
            "course, book and resource; GITHUB_TOKEN is sent when set) and write "
            "`repository: {archived, pushed, checked}` into the record, changing only those lines. "
            "Stops when rate-limited or after --give-up-after failures in a row; exits 1 if any "
            "repository could not be checked."
        ),
    )
    _common(fresh)
    _asking(fresh, DEFAULT_GITHUB_API, "GitHub REST API address", delay=1.0)
    fresh.add_argument(
        "--give-up-after", type=int, default=3, metavar="N", help="stop after N failures in a row (default: 3)"
    )
    _checked_today(fresh)
    fresh.set_defaults(run=run_freshness)

    sources = sub.add_parser(
        "sources",
        help="re-read the pages the facts (cost, effort, pages) cite and report what no longer holds",
        description=(
            "Ask once for each address in the `sources` of every course's, book's and resource's facts "
            "(cost, effort, pages), one request at a time, and report each fact whose page is gone "
            "(HTTP 404 or 410, or nothing answers at the address), could not be read (a timeout, a "
            "server error, a refusal such as 403 or 429, a PDF where a quote is to be found) or no "
            "longer holds its `quote` (compared on the page's visible text, ignoring case, width and "
            "white space). Writes nothing into the data file. Exit status: 0 when every page is there "
            "and every quote found (pages not read are listed, and do not fail), 1 when a page is gone "
            "or a quote missing, 2 when the data file fails `check` or an option is wrong."
        ),
    )
    sources.add_argument("file", nargs="?", default=DEFAULT_DATA, type=Path)
    sources.add_argument("--schema", type=Path, default=None, help="JSON Schema (default: beside the file)")
    sources.add_argument(
        "--report",
        "--markdown",
        dest="report",
        type=Path,
        default=None,
        metavar="FILE",
        help="also write the report to FILE as Markdown, a table per kind of finding (--markdown: the same, "
        "as the other link tools call it)",
    )
    sources.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="ID",
        help="check only this course, book or resource (repeat for more)",
    )
    _asking(sources, None, "", delay=1.0)
    sources.set_defaults(run=run_sources)
    videos = sub.add_parser(
        "video-lengths",
        help="write the total length of each record's YouTube playlist or videos into its `effort`",
        description=(
            "Ask the YouTube Data API v3 (key in the environment variable YOUTUBE_API_KEY) how long the "
            "videos are of every course, book and resource whose own links include a YouTube playlist "
            "(the first one) or videos (added up), and write `effort: {kind: video, hours, videos, "
            "total_minutes, sources, checked}` into the record, changing only those lines. An effort "
            "read from a source is never overwritten; an absent or unknown one is replaced. Stops when "
            "the quota is used up or the key is refused; exits 1 if any record could not be measured, "
            "2 without a key."
        ),
    )
    _common(videos)
    _asking(videos, DEFAULT_YOUTUBE_API, "YouTube Data API address", delay=0.5)
    _checked_today(videos)
    videos.set_defaults(run=run_video_lengths)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 or more)")
    return value


def _common(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("file", nargs="?", default=DEFAULT_DATA, type=Path)
    cmd.add_argument("--schema", type=Path, default=None, help="JSON Schema (default: beside the file)")
    cmd.add_argument("--markdown", type=Path, default=None, help="also write the report to this Markdown file")


def _asking(
    cmd: argparse.ArgumentParser,
    api: str | None,
    what: str,
    *,
    delay: float,
    seconds: Callable[[str], float] = _seconds,
) -> None:
    """``--api`` (the *api* address, unless None), ``--timeout`` and ``--delay``: whom to ask, and how politely."""
    if api is not None:
        cmd.add_argument("--api", default=api, help=f"{what} (default: {api})")
    cmd.add_argument("--timeout", type=seconds, default=20.0, help="seconds to wait for an answer (default: 20)")
    cmd.add_argument("--delay", type=seconds, default=delay, help=f"seconds between two requests (default: {delay:g})")


def _checked_today(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--today", default=None, help="date to record as `checked`, YYYY-MM-DD (default: today, UTC)")


def _today(args: argparse.Namespace) -> str | None:
    """``--today``, or today (UTC); None, said on stderr, when it is not a date."""
    today = args.today or datetime.now(UTC).date().isoformat()
    try:
        date.fromisoformat(today)
    except ValueError:
        _failed([f"--today {today!r}: write the date as YYYY-MM-DD"])
        return None
    return today


def _failed(lines: list[str], status: int = 1) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    return status


def _edit(args: argparse.Namespace, work: Callable[[DataFile], Any], not_done: str = "") -> int:
    """Run *work* on the data file; print its report (and write it to ``--markdown``) and whether
    the file changed. Exit status 1 when the data file fails ``check``, or (given *not_done*, what
    the command could not do) when some records failed: their count is said on stderr."""
    from .datafile import DataFile, DataFileError

    try:
        report = work(DataFile(args.file, args.schema))
    except DataFileError as exc:
        return _failed(exc.lines)
    text = report.markdown()
    print(text, end="")
    print(f"{args.file}: {'updated' if report.written else 'unchanged'}")
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(text, encoding="utf-8")
    if not_done and report.failed:
        count = len(report.of(*report.FAILING))
        print(f"{count} record(s) could not be {not_done}; nothing was written for them (see above).", file=sys.stderr)
        return 1
    return 0


def run_archive(args: argparse.Namespace) -> int:
    from .archive import archive, urls_to_archive

    def work(data: DataFile) -> Any:
        report_file = args.report if (args.report.exists() or not args.all) else None
        urls = urls_to_archive(data, report_file, args.all)
        return archive(data, urls, api=args.api, timeout=args.timeout, delay=args.delay)

    return _edit(args, work)


def run_linkstate(args: argparse.Namespace) -> int:
    from .linkstate import read_results, record

    if (today := _today(args)) is None:
        return 1
    return _edit(args, lambda data: record(data, read_results(args.output), today))


def run_freshness(args: argparse.Namespace) -> int:
    from .freshness import freshness

    if (today := _today(args)) is None:
        return 1
    if args.give_up_after < 1:
        return _failed([f"--give-up-after {args.give_up_after}: give a number of 1 or more"])
    options = {"timeout": args.timeout, "delay": args.delay, "give_up_after": args.give_up_after}
    return _edit(args, lambda data: freshness(data, api=args.api, today=today, **options), "checked")


def run_sources(args: argparse.Namespace) -> int:
    from ..data.problems import CatalogInvalid, print_problems
    from ..data.records import Material
    from ..rules.load import load
    from .sources import check_sources

    if args.timeout <= 0:
        return _failed([f"--timeout {args.timeout:g}: give a number of seconds above 0"], 2)
    try:
        catalog = load(args.file, args.schema)
    except CatalogInvalid as exc:
        print_problems(exc.problems)
        return 2
    materials = {record.id for record in catalog.records() if isinstance(record, Material)}
    if unknown := [record_id for record_id in args.only if record_id not in materials]:
        return _failed([f"--only {record_id}: no course, book or resource has this id" for record_id in unknown], 2)
    report = check_sources(catalog, only=args.only, timeout=args.timeout, delay=args.delay)
    print(report.summary(), end="")
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report.markdown(), encoding="utf-8")
    return 1 if report.failed else 0


def run_video_lengths(args: argparse.Namespace) -> int:
    from .videolengths import KEY_VARIABLE, video_lengths

    if (today := _today(args)) is None:
        return 1
    key = os.environ.get(KEY_VARIABLE, "").strip()
    if not key:
        return _failed([f"{KEY_VARIABLE} is not set: give a YouTube Data API v3 key in it; nothing was written."], 2)
    options = {"api": args.api, "timeout": args.timeout, "delay": args.delay}
    return _edit(args, lambda data: video_lengths(data, key=key, today=today, **options), "measured")

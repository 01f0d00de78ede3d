"""Command line: ``check`` validates the data file; ``diff BASE HEAD`` shows what a change to it does;
``archive`` and ``linkstate`` write link facts into it; ``freshness`` the state of GitHub repositories;
``video-lengths`` the total length of YouTube videos; ``sources`` re-reads the pages its facts cite (and
writes nothing); ``pdfchars`` the table of characters the PDF's fonts show."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..data.problems import CatalogInvalid, print_problems
from ..data.records import SECTIONS
from ..rules.load import DEFAULT_FILE, load
from .datadiff import add_command as add_diff_command
from .linkcli import add_commands
from .pdfcharscli import add_command as add_pdfchars_command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m llm_catalog",
        description="Check the catalog data file against its schema and cross-references.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the data file and report every problem")
    check.add_argument("file", nargs="?", default=DEFAULT_FILE, type=Path)
    check.add_argument("--schema", type=Path, default=None, help="JSON Schema (default: beside the file)")
    add_commands(sub)
    add_diff_command(sub)
    add_pdfchars_command(sub)
    args = parser.parse_args(argv)
    if args.command != "check":
        return args.run(args)

    try:
        catalog = load(args.file, args.schema)
    except CatalogInvalid as exc:
        print_problems(exc.problems)
        return 1
    counts = ", ".join(f"{len(getattr(catalog, name))} {name}" for name in ("categories", *SECTIONS))
    print(f"{catalog.path}: OK ({counts})")
    return 0

"""Command line: ``check`` validates the data file; ``archive`` and ``linkstate`` write link facts into it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import DEFAULT_FILE
from ..data.load import load
from ..data.problems import CatalogInvalid, summary_line
from ..data.records import SECTIONS
from .linkcli import add_commands


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
    args = parser.parse_args(argv)
    if args.command != "check":
        return args.run(args)

    try:
        catalog = load(args.file, args.schema)
    except CatalogInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"ERROR: {summary_line(exc.problems)}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(getattr(catalog, name))} {name}" for name in ("categories", *SECTIONS))
    print(f"{catalog.path}: OK ({counts})")
    return 0

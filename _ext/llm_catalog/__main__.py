"""Command line: ``python -m llm_catalog check [FILE]`` validates the data file without building;
``diff BASE HEAD`` shows what a change to it does; ``archive`` and ``linkstate`` write what the
weekly link check learnt into it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import DEFAULT_FILE
from .datadiff import add_command as add_diff_command
from .linkcli import add_commands
from .load import load
from .problems import CatalogInvalid, print_problems


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
    args = parser.parse_args(argv)
    if args.command != "check":
        return args.run(args)

    try:
        catalog = load(args.file, args.schema)
    except CatalogInvalid as exc:
        print_problems(exc.problems)
        return 1
    counts = ", ".join(
        f"{len(getattr(catalog, name))} {name}" for name in ("categories", "courses", "syllabi", "books", "resources")
    )
    print(f"{catalog.path}: OK ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

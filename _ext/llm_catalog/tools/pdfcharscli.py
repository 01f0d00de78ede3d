"""``pdfchars``: compare the stored table of characters the PDF can show with the installed fonts,
or (``--write``) store the fonts' table. See :mod:`..rules.pdfchars`."""

from __future__ import annotations

import argparse
import subprocess
import sys

from ..rules import pdfchars


def add_command(sub: argparse._SubParsersAction) -> None:
    command = sub.add_parser("pdfchars", help="compare the table of characters the PDF shows with the installed fonts")
    command.add_argument("--write", action="store_true", help="store the installed fonts' table")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Exit 1 when the table allows a character the installed fonts lack (the PDF would show a
    gap); a table that refuses characters these fonts have (other font versions) is reported
    and passes."""
    try:
        fonts = pdfchars.from_fonts()
    except (LookupError, OSError, subprocess.CalledProcessError) as exc:
        print(f"pdfchars: cannot read the fonts: {exc}", file=sys.stderr)
        return 2
    if args.write:
        pdfchars.TABLE.write_text(pdfchars.render(fonts), encoding="utf-8")
        print(f"wrote {pdfchars.TABLE}")
        return 0
    table, shown = pdfchars.codes(pdfchars.stored()), pdfchars.codes(fonts)
    if missing := sorted(table - shown):
        sample = ", ".join(f"U+{code:04X}" for code in missing[:10])
        print(f"{pdfchars.TABLE} allows {len(missing)} characters the installed fonts lack ({sample}...):"
              " run python -m llm_catalog pdfchars --write", file=sys.stderr)  # fmt: skip
        return 1
    extra = len(shown - table)
    print(f"{pdfchars.TABLE}: every character it allows is in the installed fonts", end="")
    print(f" ({extra} more in the fonts are refused)" if extra else "")
    return 0

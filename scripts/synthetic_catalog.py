#!/usr/bin/env python3
"""A catalog with N extra courses, each a copy of the first course under a new id.

    python scripts/synthetic_catalog.py N [SOURCE] > catalog.yaml

The copies get their own id, title and link addresses (so no check refuses them as duplicates)
and sit right after the first course, in its category, with its topics: the pages that list
that category and those topics grow with N. Used by `make benchmark` and the tests.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def with_copies(text: str, count: int) -> str:
    """*text* (a catalog file) with *count* copies of its first course after that course."""
    lines = text.splitlines(keepends=True)
    courses = next(i for i, line in enumerate(lines) if line.startswith("courses:"))
    start = next(i for i in range(courses + 1, len(lines)) if lines[i].startswith("  - id: "))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    block = "".join(lines[start:end])
    record_id = re.search(r"^  - id: (\S+)", block).group(1)
    copies = []
    for n in range(1, count + 1):
        copy = block.replace(f"id: {record_id}", f"id: {record_id}-copy-{n:05d}", 1)
        copy = re.sub(r"^(    title: .*)$", rf"\1 (copy {n})", copy, count=1, flags=re.MULTILINE)
        copy = re.sub(r'url: "(https?://[^"]*?)/?"', rf'url: "\1/copy-{n:05d}/"', copy)
        copies.append(copy)
    return "".join(lines[:end]) + "".join(copies) + "".join(lines[end:])


def main() -> None:
    count = int(sys.argv[1])
    source = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "_data" / "catalog.yaml"
    sys.stdout.write(with_copies(source.read_text(encoding="utf-8"), count))


if __name__ == "__main__":
    main()

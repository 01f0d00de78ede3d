"""Wording shared by the build and the ``check`` command, so both say the same thing."""

from __future__ import annotations

from .catalog import Problem


def summary_line(problems: list[Problem]) -> str:
    files = sorted({p.path for p in problems})
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    return (
        f"{', '.join(files)}: {count} {noun} found; fix the lines above. "
        "The site is not built while the data file has problems (`make check` re-checks it quickly)."
    )

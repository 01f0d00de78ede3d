"""Problems found in the data file, worded and located for a contributor."""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass

from .yamlsource import DataPath


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data file, located for a contributor."""

    path: str
    line: int | None
    field: str
    message: str

    @property
    def text(self) -> str:
        """The message without its location: ``field: what is wrong``."""
        return f"{self.field}: {self.message}" if self.field else self.message

    def for_sphinx(self) -> tuple[str, str | None]:
        """Message and location as Sphinx's logger takes them.

        Sphinx prints ``location: ERROR: message``, but reads a location without a colon as
        a document name, so a problem with no line carries its file in the message instead.
        """
        if self.line:
            return self.text, f"{self.path}:{self.line}"
        return f"{self.path}: {self.text}", None

    def __str__(self) -> str:
        # The same text Sphinx prints for the build's error, so `make check` and the build read alike.
        message, location = self.for_sphinx()
        return f"{location}: ERROR: {message}" if location else f"ERROR: {message}"


class CatalogInvalid(Exception):
    """The data file has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the catalog")
        self.problems = problems


def print_problems(problems: list[Problem]) -> None:
    """Every problem, then the summary line, on standard error: what ``check`` prints."""
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"ERROR: {summary_line(problems)}", file=sys.stderr)


def summary_line(problems: list[Problem]) -> str:
    """The closing line after the problems, shared by the build and ``check``."""
    files = sorted({p.path for p in problems})
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    return (
        f"{', '.join(files)}: {count} {noun} found; fix the lines above. "
        "The site is not built while the data file has problems (`make check` re-checks it quickly)."
    )


#: An id as the schema allows it: only such ids name an item in a field name.
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def field_name(path: DataPath, data: object = None) -> str:
    """Where a value is, as a contributor searches for it.

    ``("courses", 3, "links", 0, "url")`` becomes ``courses[stanford-cs224n].links[0].url``
    when *data* is given and the fourth course has that id, else ``courses[3].links[0].url``.
    """
    out = ""
    node = data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            record_id = item.get("id") if isinstance(item, dict) else None
            named = isinstance(record_id, str) and _ID.fullmatch(record_id)
            out += f"[{record_id}]" if named else f"[{part}]"
            node = item
        else:
            out += f".{part}" if out else part
            node = node.get(part) if isinstance(node, dict) else None
    return out or "(top level)"


def suggest(word: str, choices: list[str]) -> str:
    """A "did you mean" hint for a mistyped key or id, or an empty string."""
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


def short(text: str, limit: int = 60) -> str:
    """*text* quoted, cut to *limit* characters."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def describe(value: object) -> str:
    """A value as a contributor would name it: "the text 'abc'", "a list" ..."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {short(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__  # pragma: no cover

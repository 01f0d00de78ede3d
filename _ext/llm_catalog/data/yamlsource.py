"""Read a YAML file into plain Python data while remembering the line of every value.

The text is parsed into YAML events by libyaml (PyYAML's C parser) when it is available and
by PyYAML's pure-Python parser otherwise; one builder turns the events of either into data,
so every check and message is the same whichever parser ran. Syntax errors are explained in
plain words by looking at the text at the error's position, not at the parser's wording.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

#: A location in the data, e.g. ``("courses", 3, "links", 0, "url")``.
DataPath = tuple[str | int, ...]

#: Largest file read: about 16,000 records of today's size (about 2 KB each, so a 5,000-record
#: catalog is about 10 MB, and 5,000 copies of the first course, which the benchmark and
#: tests/test_yamlsource.py build, about 9 MB).
MAX_BYTES = 32 * 1024 * 1024
#: Longest line and longest single value; the longest field the schema allows is 500 characters.
MAX_LINE = 64 * 1024
MAX_SCALAR = 64 * 1024
MAX_DEPTH = 32

#: Environment variable that forces a parser (``libyaml`` or ``python``), for tests and timing.
PARSER_ENV = "LLM_CATALOG_YAML_PARSER"


class YamlProblem(Exception):
    """The file cannot be read as data at all; nothing else can be checked."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Document:
    """Plain data (dicts, lists, str, int, bool, None) plus the line of every value."""

    data: object
    #: Line of each value, keyed by its path.
    lines: dict[DataPath, int] = field(default_factory=dict)
    #: Line of each mapping key, keyed by the path of the value it names.
    key_lines: dict[DataPath, int] = field(default_factory=dict)
    #: Problems found while reading that did not stop it: (path, line, message).
    problems: list[tuple[DataPath, int, str]] = field(default_factory=list)

    def line_of(self, path: DataPath, *, key: bool = False) -> int:
        """Best line for a path: the key's line if asked, else the value's, else the parent's."""
        path = tuple(path)
        while True:
            if key and path in self.key_lines:
                return self.key_lines[path]
            if path in self.lines:
                return self.lines[path]
            if not path:
                return 1
            path = path[:-1]


# -- Parsers -------------------------------------------------------------------------------


class _PythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python reader, scanner and parser: the events, nothing built from them."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml
    _CParser = None

#: The parsers this installation has, fastest first.
PARSERS: dict[str, Callable[[str], object]] = {
    **({"libyaml": _CParser} if _CParser is not None else {}),
    "python": _PythonParser,
}


def default_parser() -> str:
    """``libyaml`` when PyYAML was built with it, else ``python``; the environment may force one."""
    forced = os.environ.get(PARSER_ENV, "")
    if forced in PARSERS:
        return forced
    return next(iter(PARSERS))


# -- Reading -------------------------------------------------------------------------------

# Characters YAML does not allow in a stream (the same set PyYAML's reader refuses).
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def read(path: Path, parser: str | None = None) -> Document:
    """Parse *path*; raise :class:`YamlProblem` with a line when it is not readable data.

    *parser* names an entry of :data:`PARSERS`; by default the fastest one available.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise YamlProblem(None, f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise YamlProblem(None, f"the file is larger than {MAX_BYTES // 1024} KiB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(line, "the file is not valid UTF-8 text; save it with UTF-8 encoding") from None
    return parse(text, parser)


def parse(text: str, parser: str | None = None) -> Document:
    """Parse YAML *text* (see :func:`read`)."""
    if not text.strip():
        raise YamlProblem(1, "the file is empty")
    bad = _NON_PRINTABLE.search(text)
    if bad:
        raise YamlProblem(
            text.count("\n", 0, bad.start()) + 1,
            f"the file contains the control character U+{ord(bad.group()):04X}, which YAML does not allow",
        )
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE:
            raise YamlProblem(
                number, f"the line is {len(line)} characters long (at most {MAX_LINE}); no catalog value needs that"
            )
    name = parser or default_parser()
    builder = _Builder(PARSERS[name](text), lines)
    try:
        return builder.document()
    except yaml.MarkedYAMLError as exc:
        message = _plain_words(exc, lines, builder.last_scalar)
        if message is None and name != "python":
            # The parsers word the rarer errors differently: explain them as the pure-Python
            # parser does, so the message does not depend on which parser is installed.
            return parse(text, "python")
        line, text_ = message or _generic(exc)
        raise YamlProblem(line, text_) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every parser error carries a position
        raise YamlProblem(None, f"YAML syntax error: {exc}") from None


# -- Events to data --------------------------------------------------------------------------

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# Only decimal integers, true/false and null are recognised in plain text; every other plain
# value stays a string, so ``2024-05-01`` is text and ``no`` is not a boolean (no YAML 1.1
# surprises), and ``010`` is ten, not an octal eight.
_IMPLICIT_BOOL = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_IMPLICIT_INT = re.compile(r"[-+]?[0-9]+\Z")
_IMPLICIT_NULL = re.compile(r"(?:~|null|Null|NULL)\Z")
_BOOL_WORDS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}

_ALIAS = "YAML anchors and aliases (&name, *name, <<) are not allowed here; write the value out in full"


class _Builder:
    """Turn a stream of YAML events into plain data, refusing what a catalog never needs.

    Recursive descent over the events: the depth is checked before going one level deeper,
    so hostile nesting stops at :data:`MAX_DEPTH` whatever the parser.
    """

    def __init__(self, parser: object, lines: list[str]) -> None:
        self.get: Callable[[], Event] = parser.get_event  # type: ignore[attr-defined]
        self.peek: Callable[[], Event] = parser.peek_event  # type: ignore[attr-defined]
        self.text_lines = lines
        self.doc = Document(data=None)
        #: The last scalar read, to explain an error that follows it.
        self.last_scalar: ScalarEvent | None = None

    def document(self) -> Document:
        self._expect(StreamStartEvent)
        if isinstance(self.peek(), StreamEndEvent):
            raise YamlProblem(1, "the file holds only comments; it has no data")
        self._expect(DocumentStartEvent)
        self.doc.data = self.node((), 1, keep=True)
        self._expect(DocumentEndEvent)
        event = self.get()
        if not isinstance(event, StreamEndEvent):
            raise YamlProblem(
                event.start_mark.line + 1,
                "YAML syntax error: expected a single document in the stream, but found another document; "
                "remove the '---' line and everything after it, or merge it into the one document",
            )
        return self.doc

    def _expect(self, kind: type[Event]) -> None:
        event = self.get()
        assert isinstance(event, kind), event  # the parsers guarantee the stream's shape

    def problem(self, path: DataPath, line: int, message: str) -> None:
        self.doc.problems.append((path, line, message))

    def node(self, path: DataPath, depth: int, *, keep: bool) -> object:
        """The value whose events start now; lines and problems are noted only if *keep*."""
        event = self.get()
        kind = type(event)
        if kind is AliasEvent:
            raise YamlProblem(event.start_mark.line + 1, _ALIAS)
        line = event.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise YamlProblem(
                line, f"the data is nested more than {MAX_DEPTH} levels deep; a catalog record never needs that"
            )
        if keep:
            self.doc.lines[path] = line
        if kind is ScalarEvent:
            return self.scalar(event, path, line, keep=keep)
        tag = event.tag  # type: ignore[attr-defined]
        if keep and tag not in (None, "!", _SEQ if kind is SequenceStartEvent else _MAP):
            self.problem(path, line, f"the YAML tag {tag!r} is not allowed; write plain values")
        if kind is SequenceStartEvent:
            items: list[object] = []
            while type(self.peek()) is not SequenceEndEvent:
                items.append(self.node((*path, len(items)), depth + 1, keep=keep))
            self.get()
            return items
        return self.mapping(path, depth, keep=keep)

    def mapping(self, path: DataPath, depth: int, *, keep: bool) -> dict[str, object]:
        result: dict[str, object] = {}
        key_lines = self.doc.key_lines
        while type(self.peek()) is not MappingEndEvent:
            key_event = self.peek()
            line = key_event.start_mark.line + 1
            if type(key_event) is ScalarEvent and self._tag(key_event) == _STR:
                self.get()
                key = key_event.value  # type: ignore[attr-defined]
                if key in result:
                    if keep:
                        self.problem(
                            (*path, key),
                            line,
                            f"the field {key!r} appears twice in the same record (first at line "
                            f"{key_lines[(*path, key)]}); keep one of them",
                        )
                    self.node((*path, key), depth + 1, keep=False)
                    continue
                if keep:
                    key_lines[(*path, key)] = line
                result[key] = self.node((*path, key), depth + 1, keep=keep)
                continue
            # A number, boolean, list or mapping as a field name: refused, but its events and
            # its value's are still read, so aliases and nesting inside them are caught too.
            self.node(path, depth + 1, keep=False)
            if keep:
                self.problem(path, line, "a field name must be plain text, such as 'title'")
            self.node(path, depth + 1, keep=False)
        self.get()
        return result

    @staticmethod
    def _tag(event: ScalarEvent) -> str:
        tag = event.tag
        if tag is not None and tag != "!":
            return tag
        if not event.implicit[0]:
            return _STR
        value = event.value
        if not value or _IMPLICIT_NULL.match(value):
            return _NULL
        if _IMPLICIT_BOOL.match(value):
            return _BOOL
        if _IMPLICIT_INT.match(value):
            return _INT
        return _STR

    def scalar(self, event: ScalarEvent, path: DataPath, line: int, *, keep: bool) -> object:
        self.last_scalar = event
        value: str = event.value
        if len(value) > MAX_SCALAR:
            raise YamlProblem(
                line, f"a single value is {len(value)} characters long (at most {MAX_SCALAR}); this is not catalog data"
            )
        if keep and not event.style and value:
            self._check_cut(event, path, line)
        tag = self._tag(event)
        if tag == _STR:
            return value
        if tag == _NULL:
            return None
        if tag == _INT and _IMPLICIT_INT.match(value):
            return int(value, 10)
        if tag == _BOOL and value.lower() in _BOOL_WORDS:
            return _BOOL_WORDS[value.lower()]
        if keep:
            if tag in (_INT, _BOOL):
                self.problem(path, line, f"{value!r} cannot be read as the YAML tag {tag!r}; write a plain value")
            else:
                self.problem(path, line, f"the YAML tag {tag!r} is not allowed; write a plain value")
        return value

    def _check_cut(self, event: ScalarEvent, path: DataPath, line: int) -> None:
        """Plain text followed by `` #`` on its line: YAML dropped the rest as a comment."""
        end = event.end_mark
        rest = self.text_lines[end.line][end.column :] if end.line < len(self.text_lines) else ""
        if rest.lstrip(" \t").startswith("#"):
            shown = event.value if len(event.value) <= 40 else event.value[:39] + "…"
            self.problem(
                path,
                end.line + 1,
                f"' #' starts a YAML comment, so this value is cut to {shown!r} and the rest of the line is "
                "lost (comments go on their own line); put the text in quotes",
            )


# -- Syntax errors in plain words -----------------------------------------------------------


#: A YAML comment: ``#`` at the start of a line or after a space or tab.
_COMMENT = re.compile(r"(?:(?<=[ \t])|^)#")


def _where(line: int, column: int) -> str:
    return f"line {line}, column {column}"


def _plain_words(exc: yaml.MarkedYAMLError, lines: list[str], last: ScalarEvent | None) -> tuple[int, str] | None:
    """The common slips, explained from the text at the error's position.

    Both parsers put the same marks on these errors but word them differently, so only the
    kind of error (from the context both share) and the text are used. ``None``: not one of
    the common slips.
    """
    mark = exc.problem_mark
    if mark is None:
        return None
    line, column = mark.line + 1, mark.column + 1
    source = lines[mark.line] if mark.line < len(lines) else ""
    context = exc.context or ""
    problem = exc.problem or ""
    indent = len(source) - len(source.lstrip(" "))
    start = exc.context_mark

    if "\t" in source[: len(source) - len(source.lstrip(" \t"))] or source[mark.column : mark.column + 1] == "\t":
        return line, (
            f"a tab is used to indent this line ({_where(line, column)}); YAML indents with spaces only: "
            "replace the tab with spaces"
        )
    if context.startswith("while scanning a quoted scalar") and "end of stream" in problem and start is not None:
        quote = lines[start.line][start.column : start.column + 1] if start.line < len(lines) else '"'
        return start.line + 1, (
            f"the quote {quote} opened at {_where(start.line + 1, start.column + 1)} is never closed; "
            f"end the text with a matching {quote}"
        )
    if context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")) and start is not None:
        opener, closer = ("[", "]") if "sequence" in context else ("{", "}")
        comment = _COMMENT.search(lines[start.line], start.column) if start.line < len(lines) else None
        if comment:
            return start.line + 1, (
                f"'#' at {_where(start.line + 1, comment.start() + 1)} starts a YAML comment, which hides the rest "
                f"of the line, including the {closer!r} that closes the {opener!r} at column {start.column + 1}; "
                "put the text in quotes"
            )
        return start.line + 1, (
            f"the {opener!r} opened at {_where(start.line + 1, start.column + 1)} is not closed with {closer!r} "
            f"before {_where(line, column)}; close it, and put text that contains ',' or ': ' in quotes"
        )
    if problem.startswith("mapping values are not allowed"):
        # A ': ' where no new field can start. If an earlier ': ' on the same line already
        # began a value, the text itself contains ': '; otherwise the line sits deeper than
        # its neighbours and YAML reads it as the continuation of the value above.
        before = source[: mark.column]
        if ": " in before or before.lstrip(" ").startswith("- "):
            return line, (
                f"the text contains ': ' ({_where(line, column)}), which YAML reads as the start of a new field; "
                "put the text in quotes"
            )
        consequence = ", so YAML reads it as part of that value"
        return line, _misaligned(lines, mark.line, indent + 1, "deeper than", consequence)
    if context.startswith(("while parsing a block mapping", "while parsing a block collection")):
        if (
            last is not None
            and last.style in ("'", '"')
            and last.end_mark.line == mark.line
            and last.start_mark.line < mark.line
        ):
            # A quote left open is closed by the next quote further down, so the error shows
            # only there: point at where the text was meant to end.
            begin = last.start_mark
            return begin.line + 1, (
                f"the quote {last.style} opened at {_where(begin.line + 1, begin.column + 1)} is not closed on its "
                f"line, so the text runs on to the next {last.style} at {_where(mark.line + 1, last.end_mark.column)}; "
                f"end the text with a matching {last.style} on line {begin.line + 1}"
            )
        if mark.column == indent:
            return line, _misaligned(lines, mark.line, column, "not in line with", "")
        return line, (
            f"unexpected text at {_where(line, column)}, after the value on this line ended; "
            "if it belongs to the value, put the whole value in quotes"
        )
    return None


def _misaligned(lines: list[str], index: int, column: int, relation: str, consequence: str) -> str:
    """Compare a line's start with the field on the nearest line above that holds data."""
    above = "the line above"
    for number in range(index - 1, -1, -1):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            field_column = len(lines[number]) - len(re.sub(r"^[ ]*(?:-[ ]+)*", "", lines[number])) + 1
            above = f"the field on line {number + 1} (column {field_column})"
            break
    return (
        f"the indentation does not line up: this line starts at column {column}, {relation} {above}{consequence}; "
        "indent the fields of one record by the same number of spaces, and quote text that contains ': '"
    )


def _generic(exc: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or "invalid YAML"
    if exc.context:
        what = f"{exc.context}, {what}"
    where = f" ({_where(mark.line + 1, mark.column + 1)})" if mark else ""
    return (
        mark.line + 1 if mark else None,
        f"YAML syntax error{where}: {what}; check the indentation and quote text that contains ': ' or ' #'",
    )

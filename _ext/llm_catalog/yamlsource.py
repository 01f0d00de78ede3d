"""Read a YAML file into plain Python data while remembering the line of every value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

#: A location in the data, e.g. ``("courses", 3, "links", 0, "url")``.
DataPath = tuple[str | int, ...]

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32


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


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without the YAML 1.1 surprises.

    Only decimal integers, ``true``/``false`` and null are resolved implicitly; every other
    plain scalar stays a string, so ``2024-05-01`` is text and ``no`` is not a boolean.
    Aliases are refused (they allow "billion laughs" documents and hide data), and so is
    nesting deeper than any catalog needs.
    """

    yaml_implicit_resolvers: dict = {}

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise YamlProblem(
                event.start_mark.line + 1,
                "YAML anchors and aliases (&name, *name, <<) are not allowed here; write the value out in full",
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlProblem(
                    self.peek_event().start_mark.line + 1,
                    f"the data is nested more than {MAX_DEPTH} levels deep; a catalog record never needs that",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


_COLLECTION_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


def read(path: Path) -> Document:
    """Parse *path*; raise :class:`YamlProblem` with a line when it is not readable data."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlProblem(None, f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise YamlProblem(None, f"the file is larger than {MAX_BYTES // 1024} KiB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(line, "the file is not valid UTF-8 text; save it with UTF-8 encoding") from None
    if not text.strip():
        raise YamlProblem(1, "the file is empty")
    loader = None
    try:
        loader = _StrictLoader(text)
        root = loader.get_single_node()
    except YamlProblem:
        raise
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise YamlProblem(
            line, f"the file contains the control character U+{exc.character:04X}, which YAML does not allow"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
        raise YamlProblem(
            mark.line + 1 if mark else None,
            f"YAML syntax error: {what}; check the indentation and quote text that contains ': ' or '#'",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"YAML syntax error: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        raise YamlProblem(1, "the file holds only comments; it has no data")
    doc = Document(data=None)
    doc.data = _convert(root, (), doc, loader)
    return doc


def _convert(node: Node, path: DataPath, doc: Document, loader: _StrictLoader) -> object:
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        if node.tag not in _SCALAR_TAGS:
            doc.problems.append(
                (path, node.start_mark.line + 1, f"the YAML tag {node.tag!r} is not allowed; write a plain value")
            )
            return node.value
        return loader.construct_object(node, deep=True)
    if not isinstance(node, ScalarNode) and node.tag not in _COLLECTION_TAGS:
        doc.problems.append(
            (path, node.start_mark.line + 1, f"the YAML tag {node.tag!r} is not allowed; write plain values")
        )
    if isinstance(node, SequenceNode):
        return [_convert(item, (*path, index), doc, loader) for index, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                doc.problems.append((path, line, "a field name must be plain text, such as 'title'"))
                continue
            key = key_node.value
            if key in result:
                first = doc.key_lines[(*path, key)]
                doc.problems.append(
                    (
                        (*path, key),
                        line,
                        f"the field {key!r} appears twice in the same record (first at line {first}); keep one of them",
                    )
                )
                continue
            doc.key_lines[(*path, key)] = line
            result[key] = _convert(value_node, (*path, key), doc, loader)
        return result
    raise YamlProblem(node.start_mark.line + 1, "unsupported YAML node")  # pragma: no cover

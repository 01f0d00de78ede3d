"""Which site page shows which part of the data, read from the MyST pages without building Sphinx."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .records import Book, Catalog, Course, Record, Resource, Syllabus

#: What :func:`pages` keys its answer by: ``("record", id)``, ``("category", id)``,
#: ``("book_group", id)`` or ``("path", id)``.
Key = tuple[str, str]

#: Directives whose body is not MyST: a catalog directive inside one is an example, not a card.
LITERAL_DIRECTIVES = frozenset(
    {"code", "code-block", "sourcecode", "code-cell", "literalinclude", "math", "raw", "eval-rst", "csv-table"}
)
#: Folders a project never keeps pages in (and that are large to walk).
SKIPPED_DIRS = frozenset({"_build", ".venv", "venv", "node_modules", "__pycache__"})

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|:{3,})\s*(?P<info>.*?)\s*$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:.-]+)\}\s*(?P<argument>.*)$")
_OPTION = re.compile(r"^\s*:(?P<name>[\w-]+):(?:\s+(?P<value>.*?))?\s*$")


@dataclass(frozen=True)
class Directive:
    """A directive as written on a page: name, argument and options, where it is."""

    name: str
    argument: str
    options: dict[str, str] = field(hash=False)
    docname: str
    line: int


@dataclass
class _Block:
    char: str
    length: int
    #: Whether the block's content is MyST (a directive other than a literal one).
    parsed: bool


def directives(text: str, docname: str) -> Iterator[Directive]:
    """The directives of one MyST page, nested ones included, code blocks' content left out."""
    lines = text.splitlines()
    stack: list[_Block] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        match = _FENCE.match(line)
        if match is None:
            continue
        fence, info = match["fence"], match["info"]
        if stack and not info and fence[0] == stack[-1].char and len(fence) >= stack[-1].length:
            stack.pop()
            continue
        if stack and not stack[-1].parsed:
            continue
        # CommonMark: a backtick fence's info string holds no backtick (else it is inline code).
        if fence[0] == "`" and "`" in info:
            continue
        found = _DIRECTIVE.match(info)
        if found is None:
            stack.append(_Block(fence[0], len(fence), parsed=False))
            continue
        name, start = found["name"], index
        options, index = _options(lines, index)
        stack.append(_Block(fence[0], len(fence), parsed=name not in LITERAL_DIRECTIVES))
        yield Directive(name, found["argument"], options, docname, start)


def _options(lines: list[str], index: int) -> tuple[dict[str, str], int]:
    """MyST options after a directive's first line: ``:name: value`` lines or a ``---`` YAML block."""
    options: dict[str, str] = {}
    if index < len(lines) and lines[index].strip() == "---":
        end = next((n for n in range(index + 1, len(lines)) if lines[n].strip() == "---"), None)
        if end is not None:
            try:
                block = yaml.safe_load("\n".join(lines[index + 1 : end])) or {}
            except yaml.YAMLError:
                block = {}
            if isinstance(block, dict):
                options = {str(k): "" if v is None else str(v) for k, v in block.items()}
            return options, end + 1
    while index < len(lines) and (option := _OPTION.match(lines[index])):
        options[option["name"]] = option["value"] or ""
        index += 1
    return options, index


def _glob(pattern: str) -> re.Pattern[str]:
    """A Sphinx include/exclude pattern as a regular expression (``**`` crosses folders, ``*`` does not)."""
    out = ""
    rest = pattern
    while rest:
        if rest.startswith("**"):
            out, rest = out + ".*", rest[2:]
        elif rest[0] == "*":
            out, rest = out + "[^/]*", rest[1:]
        elif rest[0] == "?":
            out, rest = out + "[^/]", rest[1:]
        else:
            out, rest = out + re.escape(rest[0]), rest[1:]
    return re.compile(out + r"\Z")


def _conf_patterns(root: Path) -> tuple[list[str], list[str]]:
    """``include_patterns`` and ``exclude_patterns`` of the project's conf.py, read without running it."""
    include, exclude = ["**"], []
    try:
        tree = ast.parse((root / "conf.py").read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return include, exclude
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        for target in targets:
            if isinstance(target, ast.Name) and target.id in ("include_patterns", "exclude_patterns"):
                try:
                    value = ast.literal_eval(node.value) if node.value is not None else None
                except ValueError:
                    continue
                if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
                    if target.id == "include_patterns":
                        include = list(value)
                    else:
                        exclude = list(value)
    return include, exclude


def page_files(root: Path) -> Iterator[tuple[str, Path]]:
    """``(docname, file)`` of every MyST page of the project at *root*, as conf.py selects them."""
    include, exclude = (list(map(_glob, p)) for p in _conf_patterns(root))

    def excluded(relative: str) -> bool:
        return any(p.match(relative) for p in exclude)

    for path in sorted(root.rglob("*.md")):
        relative = path.relative_to(root).as_posix()
        folders = relative.split("/")[:-1]
        if any(part in SKIPPED_DIRS or part.startswith(".") for part in folders):
            continue
        # Sphinx leaves out a folder that an exclude pattern names, and everything in it.
        if any(excluded("/".join(folders[: n + 1])) for n in range(len(folders))) or excluded(relative):
            continue
        if any(p.match(relative) for p in include):
            yield relative.removesuffix(".md"), path


def scan(root: Path) -> list[Directive]:
    """Every directive on every page of the project at *root*."""
    found: list[Directive] = []
    for docname, path in page_files(root):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        found.extend(directives(text, docname))
    return found


def _picked(catalog: Catalog, argument: str, kind: type[Record]) -> Iterator[Key]:
    """Ids given as arguments that name records of the directive's kind (the others only warn)."""
    for record_id in argument.split():
        if isinstance(catalog.get(record_id), kind):
            yield ("record", record_id)


def shown_by(catalog: Catalog, directive: Directive) -> Iterator[Key]:
    """What a directive gives its own card or section, with the selection the directive itself makes."""
    options = directive.options
    # Under :no-index: the cards are copies that link to the records' own pages.
    if "no-index" in options:
        return
    argument = directive.argument
    match directive.name:
        case "llm-courses":
            category = options.get("category")
            if category and not argument and catalog.category(category):
                yield ("category", category)
                yield from (("record", c.id) for c in catalog.courses_in(category))
            elif argument and not category:
                yield from _picked(catalog, argument, Course)
        case "llm-books":
            if argument:
                yield from _picked(catalog, argument, Book)
                return
            group = options.get("group")
            groups = catalog.book_groups if group is None else [g for g in [catalog.book_group(group)] if g]
            for each in groups:
                books = catalog.books_in(each.id)
                if books:
                    yield ("book_group", each.id)
                    yield from (("record", b.id) for b in books)
        case "llm-resources":
            if argument:
                yield from _picked(catalog, argument, Resource)
            else:
                yield from (("record", r.id) for r in catalog.resources_of(options.get("kind")))
        case "llm-syllabus":
            yield from _picked(catalog, argument, Syllabus)
        case "llm-paths":
            yield from (("path", p.id) for p in catalog.paths)


def pages(catalog: Catalog, found: Iterable[Directive]) -> dict[Key, list[str]]:
    """The pages (docnames, sorted) on which each part of *catalog* has its own card or section."""
    out: dict[Key, set[str]] = {}
    for directive in found:
        for key in shown_by(catalog, directive):
            out.setdefault(key, set()).add(directive.docname)
    return {key: sorted(docs) for key, docs in out.items()}

"""The extension's structure: rooms of a sensible size, arrows one way, words in one place."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import EXT_DIR

PACKAGE = EXT_DIR / "llm_catalog"
#: Every module of the package by its dotted name below it (``rules.load``, ``cards.render`` ...).
MODULES = {
    ".".join(path.relative_to(PACKAGE).with_suffix("").parts): path
    for path in sorted(PACKAGE.rglob("*.py"))
    if path.name != "__init__.py" or path.parent != PACKAGE
}
#: Modules that make up the data layer: they must import without Sphinx.
DATA_LAYER = {name for name in MODULES if name.startswith(("data.", "rules."))} | {"__main__"}
#: The link tools behind ``python -m llm_catalog archive/linkstate`` edit the data file: data layer too.
DATA_LAYER |= {name for name in MODULES if name.startswith("tools.")}


def code_lines(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def local_imports(path: Path) -> set[str]:
    """The package's own modules that *path* imports (``from .x import``, ``from ..data import x`` ...)."""
    here = path.relative_to(PACKAGE).parent.parts
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here[: len(here) - (node.level - 1)]
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            if module in MODULES:
                found.add(module)
            found.update(f"{module}.{alias.name}".lstrip(".") for alias in node.names)
    return found & MODULES.keys()


def test_no_module_holds_more_than_a_tenth_and_no_room_more_than_a_quarter_of_the_package() -> None:
    sizes = {name: code_lines(path) for name, path in MODULES.items()}
    total = sum(sizes.values())
    assert total > 500  # the measurement itself sees the package
    assert {name: size for name, size in sizes.items() if size > total / 10} == {}
    rooms: dict[str, int] = {}
    for name, size in sizes.items():
        rooms[name.split(".")[0]] = rooms.get(name.split(".")[0], 0) + size
    assert len(rooms) > 3
    assert {room: size for room, size in rooms.items() if size > total / 4} == {}


def test_imports_have_no_cycles() -> None:
    graph = {name: local_imports(path) for name, path in MODULES.items()}
    assert graph["site.extension"]  # the graph is read
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for other in sorted(graph.get(name, ())):
            assert state.get(other) != "open", " -> ".join([*trail, name, other])
            if other not in state:
                visit(other, [*trail, name])
        state[name] = "done"

    for name in graph:
        if name not in state:
            visit(name, [])


def test_the_data_layer_never_imports_sphinx() -> None:
    for name in DATA_LAYER & MODULES.keys():
        source = MODULES[name].read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) (sphinx|docutils)\b", source, re.M), name
        assert local_imports(MODULES[name]) <= DATA_LAYER, name


def test_reader_facing_words_live_in_labels() -> None:
    """Chinese text in code is a reader-facing word: it belongs in labels.py."""
    cjk = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
    stray = []
    for name, path in MODULES.items():
        if name == "data.labels":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            if is_text and cjk.search(node.value):
                stray.append(f"{name}.py:{node.lineno}: {node.value!r}")
    assert stray == []


def test_one_owner_of_the_parsed_catalog() -> None:
    """Only the domain stores the catalog; nothing hangs ad-hoc attributes on the environment."""
    for name, path in MODULES.items():
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\benv\.llm_\w+", source), name
        if name != "site.domain":
            assert "set_catalog(" not in source or name == "site.extension", name

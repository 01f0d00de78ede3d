"""Names shared by Python and the scripts are written once, in Python.

A class, attribute or id that Python writes into a page and a script reads comes to the script in
the page's one JSON configuration (site/scripts.py: the core's names at its top, each wing's under
``names.<key>``, from the wing's ``names.py``). The one name both know by heart is the
configuration's own id (``site/names.CONFIG_ID``). A script may keep the names of what it makes
itself, for its own stylesheet, and its storage keys: :data:`SCRIPT_ONLY` lists them.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
from pathlib import Path

from test_architecture import WINGS

from conftest import EXT_DIR
from llm_catalog.site import names, scripts

PACKAGE = EXT_DIR / "llm_catalog"

#: The ``llm-`` names a script writes by hand, and why Python never writes them. A name ending
#: in ``-`` is a prefix (``llm-pace-input-1``).
SCRIPT_ONLY = {
    "llm-filter.js": {
        # The 再列出 button it adds after the last group (styled by llm-filter.css).
        "llm-filter-more",
    },
    "llm-progress.js": {
        # The elements it makes, styled by llm-progress.css: the label of a checkbox, the mark
        # of what is done, a refused import, an unreleased step of 下一步, the pace box's parts
        # (and the id of its input, numbered).
        "llm-done",
        "llm-is-done",
        "llm-progress-error",
        "llm-next-unreleased",
        "llm-pace-input",
        "llm-pace-input-",
        "llm-pace-hint",
        "llm-pace-result",
        "llm-pace-row",
        "llm-pace-refused",
        # The reader's progress in localStorage and in an exported file: keys and a format that
        # must not change between versions of the site (tests/test_progress.py reads them).
        "llm-study-guide-progress",
        "llm-study-guide-goal",
        "llm-study-guide-pace",
        "llm-study-progress-",
    },
    "llm-search-zh.js": {
        # The words it moves after a record's link in the results (styled by llm-catalog.css).
        "llm-search-words",
    },
}

#: An ``llm-`` name, or a ``data-llm-`` attribute, not part of a file name (``llm-filter.js``).
NAME = re.compile(r"(?<![\w-])((?:data-)?llm-[a-z0-9-]*)(\.(?:js|css|sty|json|html|py)\b)?")
#: The bare namespace: a record's anchor is ``llm-<id>`` (site/names.anchor).
NAMESPACE = "llm-"


def code_of(script: Path) -> str:
    """The script without its comments."""
    return re.sub(r"/\*.*?\*/|(?:^|\s)//[^\n]*", "", script.read_text(encoding="utf-8"), flags=re.S | re.M)


def names_in(text: str) -> set[str]:
    return {match[1] for match in NAME.finditer(text) if not match[2]}


def bare(name: str) -> str:
    """A ``data-`` attribute's name is written as ``data-llm-x`` or (beside ``data-``) ``llm-x``."""
    return name.removeprefix("data-")


def python_literals() -> dict[str, set[Path]]:
    """Every string of the package's Python code (docstrings aside), with the modules it is in."""
    found: dict[str, set[Path]] = {}
    for module in PACKAGE.rglob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                found.setdefault(node.value, set()).add(module)
    return found


def python_names() -> set[str]:
    """The ``llm-`` names in the package's Python strings, bare (prefixes end in ``-``)."""
    return {bare(name) for text in python_literals() for name in names_in(text)} - {NAMESPACE}


def registered() -> dict[str, scripts.Script]:
    """Each script file, by name, and the :class:`~llm_catalog.site.scripts.Script` of its wing."""
    found = {}
    for wing in WINGS:
        script = getattr(importlib.import_module(f"llm_catalog.{wing}"), "SCRIPT", None)
        if isinstance(script, scripts.Script):
            found.update({name: script for kind, name, _ in script.files if kind == "js"})
    return found


def script_files() -> dict[str, Path]:
    return {path.name: path for path in PACKAGE.glob("*/static/*.js")}


def same(a: str, b: str) -> bool:
    """The same name, or one a prefix (``llm-status-``) the other starts with."""
    return a == b or (a.endswith("-") and b.startswith(a)) or (b.endswith("-") and a.startswith(b))


def test_every_script_is_registered_and_listed_here() -> None:
    assert len(script_files()) >= 3
    assert set(registered()) == set(script_files()) == set(SCRIPT_ONLY)


def test_no_name_is_written_by_hand_both_in_a_script_and_in_python() -> None:
    """A script's ``llm-`` names are its own: none of them is in a Python string (but CONFIG_ID)."""
    written = python_names()
    assert {"llm-progress-slot", "llm-filter-count", "llm-progress", "llm-path-"} <= written  # the code is read
    for name, path in script_files().items():
        by_hand = names_in(code_of(path)) - {names.CONFIG_ID}
        both = {mine for mine in by_hand for theirs in written if same(bare(mine), theirs)}
        assert both == set(), name


def test_a_script_writes_by_hand_only_the_names_listed_here() -> None:
    for name, path in script_files().items():
        assert names_in(code_of(path)) == SCRIPT_ONLY[name] | {names.CONFIG_ID}, name


def test_the_configurations_id_is_the_one_name_both_know() -> None:
    """Each script finds the configuration by ``CONFIG_ID``, spelt as site/names.py spells it."""
    assert re.fullmatch(r"[a-z][a-z-]*", names.CONFIG_ID)
    for name, path in script_files().items():
        code = code_of(path)
        assert f'const CONFIG_ID = "{names.CONFIG_ID}";' in code, name
        assert "getElementById(CONFIG_ID)" in code, name
        assert code.count(f'"{names.CONFIG_ID}"') == 1, name


def test_every_name_the_configuration_carries_is_used_by_its_script() -> None:
    """A wing's names are read as ``names.<key>``; the script reads no name it is not given."""
    for name, script in registered().items():
        code = code_of(script_files()[name])
        read = set(re.findall(r"(?<![\w.])names\.(\w+)\b", code))
        assert read == set(script.names), name


def test_every_core_name_is_used_by_a_script() -> None:
    config = json.loads(scripts.script_config({}, {}, {}))
    core = set(config) - {"names", "words"}
    assert {"facetKeys", "facetAttribute", "progressIdPattern"} <= core
    codes = [code_of(path) for path in script_files().values()]
    for key in core:
        assert any(re.search(rf"\.{key}\b", code) for code in codes), key


def test_a_shared_name_is_written_once_in_python_in_a_names_module() -> None:
    """Python writes the HTML with the constants: a name a script is given is a string literal
    only in the ``names.py`` that defines it."""
    literals = python_literals()
    given = {value for script in registered().values() for value in script.names.values()}
    given.add(names.FACET_ATTRIBUTE)
    assert "llm-progress-slot" in given and "llm-filter-count" in given
    for value in given:
        if not NAME.fullmatch(value):
            continue  # not an llm- name (the facet codes' "f", after FACET_ATTRIBUTE)
        modules = literals.get(value, set())
        assert all(module.name == "names.py" for module in modules), (value, modules)
        assert len(modules) <= 1, (value, modules)

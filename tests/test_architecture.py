"""The rooms of the extension: data, rules, the site's core, the feature wings and tools, with
arrows that go one way (data <- rules <- site <- wings; rules <- tools), and wings that never
import each other."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from test_package import MODULES, local_imports

from conftest import EXT_DIR, SCHEMA_FILE
from llm_catalog import setup as setup_package
from llm_catalog.data import facets
from llm_catalog.site import names

#: The feature wings, each a folder that registers itself with its own ``setup(app)``.
WINGS = ("cards", "filter", "progress", "paths", "search", "paper", "outputs")
ROOMS = ("data", "rules", "site", "tools", *WINGS)


def room_of(module: str) -> str:
    return module.split(".")[0]


def test_every_module_lives_in_a_room() -> None:
    loose = {name for name in MODULES if room_of(name) not in ROOMS}
    assert loose == {"__main__"}  # ``python -m llm_catalog`` hands over to tools.cli


def test_the_rules_room_imports_only_itself_and_the_data() -> None:
    seen = False
    for name, path in MODULES.items():
        if room_of(name) == "rules":
            seen = True
            assert {room_of(other) for other in local_imports(path)} <= {"rules", "data"}, name
    assert seen


def test_the_data_room_imports_only_itself() -> None:
    for name, path in MODULES.items():
        if room_of(name) == "data":
            assert {room_of(other) for other in local_imports(path)} <= {"data"}, name


def test_site_and_tools_never_import_each_other() -> None:
    for name, path in MODULES.items():
        if room_of(name) in ("site", "tools"):
            others = {room_of(other) for other in local_imports(path)}
            assert others <= {room_of(name), "rules", "data"}, name


def test_wings_import_only_themselves_the_core_and_the_data() -> None:
    """A wing never imports another wing (nor tools): what it needs of another, the core offers."""
    seen = set()
    for name, path in MODULES.items():
        if room_of(name) in WINGS:
            seen.add(room_of(name))
            others = {room_of(other) for other in local_imports(path)}
            assert others <= {room_of(name), "site", "rules", "data"}, name
    assert seen == set(WINGS)


def test_every_wing_is_set_up_by_the_package() -> None:
    """Each wing has its ``setup(app)``, and the package's setup calls every one of them."""
    import inspect

    called = inspect.getsource(setup_package)
    for wing in WINGS:
        module = __import__(f"llm_catalog.{wing}", fromlist=["setup"])
        assert callable(module.setup), wing
        assert re.search(rf"\b{wing}\b", called), wing


def test_every_folder_of_the_package_is_a_room() -> None:
    folders = {p.name for p in (EXT_DIR / "llm_catalog").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(ROOMS)


def test_the_data_room_and_the_command_line_import_without_sphinx_or_docutils() -> None:
    """Imported for real, in a fresh interpreter that refuses to load Sphinx or docutils."""
    modules = sorted(f"llm_catalog.{name}" for name in MODULES if room_of(name) in ("data", "rules", "tools"))
    code = "\n".join(
        [
            "import sys",
            "class Refuse:",
            "    def find_spec(self, name, path=None, target=None):",
            "        if name.split('.')[0] in ('sphinx', 'docutils'):",
            "            raise ImportError(f'{name} imported by the data room')",
            "sys.meta_path.insert(0, Refuse())",
            "import importlib",
            *(f"importlib.import_module({name!r})" for name in modules),
            "assert not [m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils')]",
        ]
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=EXT_DIR, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "llm_catalog.rules.checks" in modules and "llm_catalog.tools.cli" in modules


def test_scripts_hold_no_words_and_no_copied_constants() -> None:
    """Words, facet keys and the id pattern reach the scripts through the page's configuration."""
    cjk = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
    scripts = sorted((EXT_DIR / "llm_catalog").glob("*/static/*.js"))
    assert len(scripts) >= 3
    for script in scripts:
        code = re.sub(r"/\*.*?\*/|(?:^|\s)//[^\n]*", "", script.read_text(encoding="utf-8"), flags=re.S | re.M)
        assert not cjk.search(code), script.name
        assert not any(f'"{key}"' in code for key in facets.KEYS), script.name
        assert "a-z0-9" not in code, script.name


def test_the_progress_id_pattern_is_the_schemas_requirement() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["definitions"]["requirement"]["pattern"] == names.PROGRESS_ID_PATTERN


def test_every_builder_decision_is_made_in_builders_py() -> None:
    """Which builder gets what is asked of site/builders.py's predicates, never of a builder's
    name or format elsewhere (compat.py excepted: another project's internals)."""
    asks = re.compile(r"\bbuilder\.(name|format)\b|\bbuilder_name\(")
    for name, path in MODULES.items():
        if name in ("site.builders", "site.compat"):
            continue
        assert not asks.search(path.read_text(encoding="utf-8")), name


def test_private_names_of_other_projects_are_used_only_in_compat_py() -> None:
    """A ``_private`` name imported from Sphinx, docutils or sphinx-design is another project's
    internals: only compat.py may rely on it, with the version it was written for."""
    private = re.compile(
        r"from (sphinx|docutils|sphinx_design)[\w.]* import [^\n]*\b_[a-z]\w*|(sphinx|docutils)\.\w+\._"
    )
    for name, path in MODULES.items():
        if name == "site.compat":
            continue
        assert not private.search(path.read_text(encoding="utf-8")), name

"""A contribution replayed: real records added to a copy of the project pass everything CI runs on it.

The copy is the ``contribution`` variant of :mod:`sites` (made in :mod:`contribution`): a course,
a textbook and a resource added as CONTRIBUTING.md says, a step on a study path, and the weekly
link check's edit on top. Every test that reads a site or the data runs on it as well as on the
real site (conftest.py parametrises them), so a contribution that follows the guide keeps the suite
green. The tests here check the contribution itself, and that no suite escapes the variants by
reading the checkout's data file directly.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
import yaml

from conftest import DATA_FILE, REPO, failing_as_pytest, make_room, parsed
from contribution import SECTIONS, added_ids, all_links, on_last_path
from sites import MAKERS, Project, Store, clean_env, run

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@pytest.fixture(scope="module")
def contributed(store: Store) -> tuple[Project, dict[str, str]]:
    """The contribution variant and the ids it added, by section."""
    with failing_as_pytest():
        project = Project("contribution", MAKERS["contribution"](store), store)
    return project, added_ids(project.root)


def test_the_contribution_adds_one_record_of_each_kind(contributed: tuple[Project, dict[str, str]]) -> None:
    project, added = contributed
    before = yaml.load(make_room(DATA_FILE.read_text(encoding="utf-8"), *SECTIONS.values())[0], Loader=yaml.BaseLoader)
    after = project.text_data
    for key in after:
        ids = [item["id"] for item in after[key]]
        expected = [item["id"] for item in before[key]] + ([added[key]] if key in added else [])
        assert ids == expected, key
    last_path = after["paths"][-1]
    if on_last_path(yaml.dump(before), added["resources"]):  # already a step: left where it is
        assert last_path["steps"] == before["paths"][-1]["steps"]
    else:
        assert last_path["steps"][:-1] == before["paths"][-1]["steps"]
        assert last_path["steps"][-1]["record"] == added["resources"]


def test_the_weekly_link_check_dates_every_link(contributed: tuple[Project, dict[str, str]]) -> None:
    links = all_links(contributed[0].text_data)
    assert links and all(DATE.fullmatch(link.get("checked", "")) for link in links)


def test_check_accepts_the_edits(contributed: tuple[Project, dict[str, str]]) -> None:
    """What `make check` runs, in the copy."""
    project, _ = contributed
    args = [sys.executable, "-m", "llm_catalog", "check", "_data/catalog.yaml"]
    result = run(args, project.root, clean_env(PYTHONPATH="_ext"))
    assert result.returncode == 0, result.stderr
    assert "OK (" in result.stdout and "Traceback" not in result.stderr


def test_strict_build_shows_the_new_cards(contributed: tuple[Project, dict[str, str]]) -> None:
    """What `make html` runs (nitpicky, warnings are errors), in the copy: the shared build."""
    project, added = contributed
    with failing_as_pytest():
        html = project.build("html") / "out"
    pages = {
        "courses": "materials/llm-courses.html",
        "books": "textbooks/index.html",
        "resources": "resources/index.html",
    }
    for key, page in pages.items():
        card = parsed(html / page).find(id=f"llm-{added[key]}")
        assert card is not None, (added[key], page)
    book = parsed(html / pages["books"]).find(id=f"llm-{added['books']}")
    assert "Sebastian Raschka · Manning，2024 年 · " in book.select_one(".llm-card-meta").get_text()


#: Test modules that may read the checkout's own data file, each with the reason; every other
#: module reads data through the fixtures, so it runs on every variant.
READS_THE_CHECKOUT = {
    "conftest.py": "defines DATA_FILE and SCHEMA_FILE for the modules below",
    "test_contribution.py": "compares the contribution with the checkout it was made from",
    "test_contributing.py": "adds the guide's examples to the checkout's data file, as a contributor does",
    "test_datadiff.py": "make diff compares the checkout's data file with edits of it",
    "test_catalog.py": "make check and the build must print the same for the checkout's own file",
    "test_properties.py": "draws records against the checkout's data file, as the generated variant does",
}


def _parts(node: ast.AST) -> list[str]:
    """The names and strings of a path written with ``/`` (``REPO / "_data" / "catalog.yaml"``)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return _parts(node.left) + _parts(node.right)
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    return ["?"]


def names_the_data_file(source: str) -> bool:
    """Whether a module refers to the checkout's data file: DATA_FILE, or a path from the checkout
    (REPO) to ``_data/catalog.yaml``, written in one string or in parts."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and node.id == "DATA_FILE":
            return True
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            path = "/".join(_parts(node))
            if path == "REPO/_data/catalog.yaml":
                return True
    return False


@pytest.mark.parametrize("module", sorted(p.name for p in (REPO / "tests").glob("*.py")))
def test_no_suite_reads_the_checkouts_data_behind_the_variants_back(module: str) -> None:
    source = (REPO / "tests" / module).read_text(encoding="utf-8")
    if module in READS_THE_CHECKOUT:
        return
    assert not names_the_data_file(source), (
        f"{module} reads the checkout's data file directly, so a contribution is never tried on it:"
        " take the `catalog`, `data`, `raw` or `project` fixture instead"
    )


def test_the_scan_sees_every_way_of_naming_the_data_file() -> None:
    assert names_the_data_file("from conftest import DATA_FILE\nDATA_FILE.read_text()")
    assert names_the_data_file('load(REPO / "_data" / "catalog.yaml")')
    assert names_the_data_file('REPO / "_data/catalog.yaml"')
    assert not names_the_data_file('ROOT / "_data" / "catalog.yaml"')  # a test root's own data
    assert not names_the_data_file('REPO / "tests" / "data" / "freshness" / "catalog.yaml"')
    assert not names_the_data_file('REPO / "tests" / "roots" / "test-opendata" / "_data" / "catalog.yaml"')


def test_every_variant_changes_the_real_catalog(store: Store) -> None:
    """The variants differ from the checkout, so what runs on them proves something. The
    contribution may re-add a record the checkout already has (the contributor's copy replaces
    it, see :func:`datafile.make_room`): its records then stand last in their lists. The generated
    records are new."""
    real = Project("real", REPO, store)
    with failing_as_pytest():
        contributed = Project("contribution", MAKERS["contribution"](store), store)
        generated = Project("generated", MAKERS["generated"](store), store)
    assert contributed.text_data != real.text_data
    for section, record in added_ids(contributed.root).items():
        assert contributed.data[section][-1]["id"] == record, section
    new = {r.id for r in generated.catalog.records()} - {r.id for r in real.catalog.records()}
    assert new


def test_the_variants_are_made_outside_the_checkout(store: Store) -> None:
    for name in ("contribution", "generated"):
        with failing_as_pytest():
            root = MAKERS[name](store)
        assert REPO not in root.resolve().parents and root.resolve() != REPO
        assert Path(store.root) in root.parents

"""Property: any record the schema allows and `make check` accepts keeps the site's suites green.

The records are drawn once per session into the ``generated`` variant (:mod:`generated`), and
every test that reads a site runs on it (conftest.py parametrises them): that is the property's
proof, with fixed examples in ``make test``. ``make explore`` draws new examples from a seed. The
tests here check the draw itself: the records are what `make check` accepts, the same every run,
new with a seed, and the hand-written edge cases are always among them.
"""

from __future__ import annotations

import sys

import pytest
import yaml

from conftest import DATA_FILE, SCHEMA_FILE, failing_as_pytest
from generated import EDGE_CASES, accepted, draw, with_records
from sites import MAKERS, Project, Store, clean_env, run


@pytest.fixture(scope="module")
def generated(store: Store) -> Project:
    with failing_as_pytest():
        return Project("generated", MAKERS["generated"](store), store)


def drawn_records(project: Project) -> list[dict]:
    return [item["record"] for item in yaml.safe_load((project.root.parent / "records.yaml").read_text("utf-8"))]


def test_check_accepts_every_generated_record(generated: Project) -> None:
    args = [sys.executable, "-m", "llm_catalog", "check", "_data/catalog.yaml"]
    result = run(args, generated.root, clean_env(PYTHONPATH="_ext"))
    assert result.returncode == 0, result.stderr
    ids = {record.id for record in generated.catalog.records()}
    assert {record["id"] for record in drawn_records(generated)} <= ids


def test_the_edge_cases_and_drawn_records_are_all_there(generated: Project) -> None:
    ids = [record["id"] for record in drawn_records(generated)]
    assert [item["id"] for _, item in EDGE_CASES] == ids[: len(EDGE_CASES)]
    assert len(ids) > len(EDGE_CASES)  # and records drawn from the schema after them


def test_a_bare_record_has_none_of_the_optional_fields(generated: Project) -> None:
    """The edge cases hold the required fields only: the smallest record a contributor can write."""
    bare = [(kind, item) for kind, item in EDGE_CASES if "-bare-" in item["id"]]
    assert {kind for kind, _ in bare} == {"course", "book", "resource"}
    for kind, item in bare:
        definition = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))["definitions"][kind]
        assert set(item) == set(definition["required"]), kind


@pytest.mark.slow  # drawing records takes seconds each
def test_the_fixed_draw_is_the_same_every_time() -> None:
    text = DATA_FILE.read_text(encoding="utf-8")
    first, second = (draw(text, SCHEMA_FILE, count=1) for _ in range(2))
    assert first == second and first
    (records,) = first
    assert accepted(with_records(text, records), SCHEMA_FILE)


@pytest.mark.slow  # drawing records takes seconds each
def test_a_seed_explores_other_records_and_repeats_them() -> None:
    """`make explore SEED=n` draws anew, and the same seed draws the same records again."""
    text = DATA_FILE.read_text(encoding="utf-8")
    fixed = draw(text, SCHEMA_FILE, count=1)
    seeded = [draw(text, SCHEMA_FILE, count=1, seed=20261205) for _ in range(2)]
    assert seeded[0] == seeded[1]
    assert seeded[0] != fixed

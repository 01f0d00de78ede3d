"""Property: any record the schema allows and `make check` accepts keeps the site's suites green.

Hypothesis draws courses, books and resources from the data file's own JSON Schema
(hypothesis-jsonschema), points their references at categories, topics and book groups that
exist (the schema cannot know them), keeps those `make check` accepts, adds them to a copy of the
real catalog as a contributor would, and runs the suites that read the real data on the copy.
Each example costs a site build, so the number of examples is small (``LLM_PROPERTY_EXAMPLES``,
default 2); a failure is shrunk to the smallest record that still fails (Hypothesis stops
shrinking after five minutes and reports the smallest found). CI (``CI`` set) draws the same
examples every run; a local run draws new ones.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from conftest import DATA_FILE, REPO, SCHEMA_FILE, add_to_section, copy_project
from llm_catalog.data.load import load
from llm_catalog.data.problems import CatalogInvalid

SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
REAL = yaml.load(DATA_FILE.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
EXAMPLES = int(os.environ.get("LLM_PROPERTY_EXAMPLES", "2"))

#: The suites that read the real data and build the web site (print and the full suite run on a
#: fixed contribution in test_contribution.py; here every example pays for one site build).
SUITES = [
    "tests/test_site.py",
    "tests/test_paths.py",
    "tests/test_opendata.py",
    "tests/test_facets.py",
    "tests/test_filter.py",
    "tests/test_search.py",
    "tests/test_accessibility.py",  # a card's new lines (dates, dead links) in both colour schemes
]


def narrowed(definitions: dict) -> dict:
    """The schema's definitions with addresses and dates drawn from a realistic part of what it
    allows: a host with a dot and a past, real day. Every value drawn is still valid under the real
    schema; the rest (text, numbers, lists, optional fields) is drawn from the schema as it is."""
    out = copy.deepcopy(definitions)
    out["url"] = {**out["url"], "pattern": r"^https?://[a-z]{1,12}\.example\.(org|com)(/[!-~]{0,30})?$"}
    out["date"] = {**out["date"], "pattern": r"^20(0[0-9]|1[0-9]|2[0-4])-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$"}
    out["month"] = {**out["month"], "pattern": r"^20(0[0-9]|1[0-9]|2[0-4])(-(0[1-9]|1[0-2]))?$"}
    return out


DEFINITIONS = narrowed(SCHEMA["definitions"])
SECTIONS = {"course": "courses", "book": "books", "resource": "resources"}


def ids(key: str) -> list[str]:
    return [item["id"] for item in REAL[key]]


@st.composite
def record(draw: st.DrawFn, kind: str) -> dict:
    """A schema-valid record of *kind* whose references name things the catalog has."""
    item = draw(from_schema({"$ref": f"#/definitions/{kind}", "definitions": DEFINITIONS}))
    item["id"] = "gen-" + item["id"][:40]  # never one of the catalog's own ids
    if "category" in item:
        item["category"] = draw(st.sampled_from(ids("categories")))
    if "group" in item:
        item["group"] = draw(st.sampled_from(ids("book_groups")))
    if "offerings" in item:  # newest first, each term once, as `make check` wants them
        terms = {"".join(o["term"].split()).casefold(): o for o in item["offerings"]}
        item["offerings"] = sorted(terms.values(), key=lambda o: o["start"], reverse=True)
    if "repository" in item:  # what `make freshness` writes: about the record's GitHub repository
        repository = item["repository"]
        repository["pushed"], repository["checked"] = sorted((repository["pushed"], repository["checked"]))
        item.setdefault("links", []).append({"kind": "code", "url": f"https://github.com/gen/{item['id']}"})
    topics = st.lists(st.sampled_from(ids("topics")), unique=True, max_size=3)
    for part in [item, *item.get("chapters", [])]:
        part.pop("requires", None)  # requirements are the paths' business, tested in test_paths.py
        if "topics" in part:
            part["topics"] = draw(topics)
    return item


RECORDS = st.lists(
    st.sampled_from(list(SECTIONS)).flatmap(lambda kind: record(kind).map(lambda r: (kind, r))), min_size=1, max_size=4
)


def block(item: dict) -> str:
    """A record as a contributor writes it: a block item of its list, two spaces in."""
    text = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=1_000_000)
    return "".join(f"  {line}" if line.strip() else line for line in text.splitlines(keepends=True))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = copy_project(tmp_path_factory.mktemp("property") / "project")
    if (REPO / "node_modules").is_dir():  # axe-core for the accessibility suite, not copied
        (copy / "node_modules").symlink_to(REPO / "node_modules")
    return copy


@settings(
    max_examples=EXAMPLES,
    # In CI the examples are fixed (derived from the test's name), so a pull request is judged by
    # the same records each run; locally every run explores new ones.
    derandomize=bool(os.environ.get("CI")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(records=RECORDS)
def test_records_that_check_accepts_keep_the_suites_green(project: Path, records: list[tuple[str, dict]]) -> None:
    text = DATA_FILE.read_text(encoding="utf-8")
    for kind, item in records:
        text = add_to_section(text, SECTIONS[kind], block(item))
    data = project / "_data" / "catalog.yaml"
    data.write_text(text, encoding="utf-8")
    try:
        load(data, SCHEMA_FILE)  # what `make check` runs
    except CatalogInvalid:
        from hypothesis import reject

        reject()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "LLM_GUIDE_"))}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *SUITES],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, "the suites failed with these records added:\n" + result.stdout[-5000:]

"""Loading and validating the data file: the invalid corpus, YAML traps, the check command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXT_DIR, REPO, SCHEMA_FILE, sphinx_build
from llm_catalog.data import labels, yamlsource
from llm_catalog.data.problems import CatalogInvalid, Problem
from llm_catalog.data.validate import read_schema
from llm_catalog.rules.load import load
from sites import Project

DATA = REPO / "tests" / "data"
INVALID = sorted((DATA / "invalid").glob("*.yaml"))
EXPECT = re.compile(rb"^# expect: (\d+) (.+)$", re.MULTILINE)


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(CatalogInvalid) as info:
        load(path, SCHEMA_FILE)
    return info.value.problems


@pytest.fixture(params=list(yamlsource.PARSERS))
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with each YAML parser this installation has (libyaml and pure Python)."""
    monkeypatch.setenv(yamlsource.PARSER_ENV, request.param)
    assert yamlsource.default_parser() == request.param
    return request.param


#: ``{fields:course}`` in an expectation: the fields the schema's definition allows, in its order, so a
#: new optional field changes no expectation.
FIELDS = re.compile(r"\{fields:(\w+)\}")


def _expected_text(text: str) -> str:
    definitions = read_schema(str(SCHEMA_FILE.resolve()))["definitions"]  # read once (cached)
    return FIELDS.sub(lambda m: ", ".join(definitions[m.group(1)]["properties"]), text)


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_file_reports_each_expected_problem_and_nothing_else(path: Path, yaml_parser: str) -> None:
    expected = [(int(line), _expected_text(text.decode("utf-8"))) for line, text in EXPECT.findall(path.read_bytes())]
    assert expected, f"{path.name} declares no '# expect:' lines"
    problems = problems_of(path)
    unmatched = list(problems)
    for line, text in expected:
        match = next((p for p in unmatched if p.line == line and p.text == text), None)
        assert match is not None, f"expected line {line}: {text!r}; got:\n" + "\n".join(map(str, problems))
        unmatched.remove(match)
    assert not unmatched, "unexpected problems:\n" + "\n".join(map(str, unmatched))
    for problem in problems:
        assert problem.path.endswith(path.name)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "catalog.yaml"
    empty.write_bytes(b"")
    assert [(p.line, p.text) for p in problems_of(empty)] == [(1, "the file is empty")]


def test_missing_file(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path / "nope.yaml")
    assert problem.line is None and problem.text.startswith("cannot read the file")


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    huge = tmp_path / "catalog.yaml"
    huge.write_text("a: x\n" * (yamlsource.MAX_BYTES // 5 + 1), encoding="utf-8")
    (problem,) = problems_of(huge)
    assert "larger than" in problem.text


def test_yaml_1_1_values_stay_text(tmp_path: Path) -> None:
    """Unquoted dates, yes/no, floats and sexagesimals are not silently converted."""
    text = (DATA / "valid-minimal.yaml").read_text(encoding="utf-8")
    assert "term: 2024-05-01" in text
    catalog = load(DATA / "valid-minimal.yaml", SCHEMA_FILE)
    assert catalog.courses[0].term == "2024-05-01"
    for value in ("yes", "on", "1:20", "3.5", "0x1F"):
        tweaked = tmp_path / f"{value.replace(':', '_')}.yaml"
        tweaked.write_text(text.replace("term: 2024-05-01", f"term: {value}"), encoding="utf-8")
        assert load(tweaked, SCHEMA_FILE).courses[0].term == value


def test_every_problem_is_reported_at_once() -> None:
    problems = problems_of(DATA / "invalid" / "record-mistakes.yaml")
    assert len({p.field for p in problems}) == len(problems) >= 10


def test_real_catalog_is_valid_and_loses_nothing(catalog, raw: dict) -> None:
    """Every entry of the data file comes out of the loader, in order: counts come from the file itself.

    *raw* is the data file read by a plain YAML parser, independently of the loader under test."""
    for key in ("categories", "topics", "book_groups", "courses", "syllabi", "books", "resources"):
        assert [item.id for item in getattr(catalog, key)] == [item["id"] for item in raw[key]], key
    assert sum(len(catalog.courses_in(c.id)) for c in catalog.categories) == len(raw["courses"])
    for syllabus, raw_syllabus in zip(catalog.syllabi, raw["syllabi"], strict=True):
        assert [str(ch.number) for ch in syllabus.chapters] == [ch["number"] for ch in raw_syllabus["chapters"]]
        assert len(syllabus.further) == len(raw_syllabus.get("further", []))
    # Every book is in the group the file gives it, in the file's order (a group may be empty).
    for group in catalog.book_groups:
        expected = [b["id"] for b in raw["books"] if b["group"] == group.id]
        assert [b.id for b in catalog.books_in(group.id)] == expected, group.id
    assert {b.group for b in catalog.books} <= {g.id for g in catalog.book_groups}


def test_schema_enums_all_have_reader_labels() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    for (definition, prop), table in labels.SCHEMA_ENUMS.items():
        node = schema["definitions"][definition]
        enum = node["enum"] if prop is None else node["properties"][prop]["enum"]
        assert sorted(enum) == sorted(table), (definition, prop)


def test_schema_describes_every_field() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    for name, definition in schema["definitions"].items():
        for prop, spec in definition.get("properties", {}).items():
            target = spec
            if "$ref" in spec and "description" not in spec:
                target = schema["definitions"][spec["$ref"].rsplit("/", 1)[-1]]
            assert target.get("description"), f"{name}.{prop} has no description"


@pytest.mark.parametrize(
    ("name", "content", "count"),
    [
        ("record-mistakes", (DATA / "invalid" / "record-mistakes.yaml").read_text(encoding="utf-8"), 12),
        # A problem without a line number (the file is refused before it is parsed).
        ("huge", "a: x\n" * (yamlsource.MAX_BYTES // 5 + 1), 2),
    ],
)
def test_check_command_prints_what_the_build_prints(tmp_path: Path, name: str, content: str, count: int) -> None:
    """`make check` and the Sphinx build report the same lines, and neither shows a traceback."""
    src = tmp_path / "site"
    src.mkdir()
    (src / "_data").mkdir()
    (src / "_data" / "catalog.yaml").write_text(content, encoding="utf-8")
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(EXT_DIR)!r})\n"
        f"extensions = ['myst_parser', 'llm_catalog']\nllm_catalog_schema = {str(SCHEMA_FILE)!r}\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text("# T\n", encoding="utf-8")

    check = subprocess.run(
        [sys.executable, "-m", "llm_catalog", "check", "_data/catalog.yaml", "--schema", str(SCHEMA_FILE)],
        cwd=src,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(EXT_DIR), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    build = sphinx_build(src, tmp_path / "out", "-W", "--keep-going")
    assert check.returncode == 1
    assert build.returncode == 2
    for output in (check.stderr, build.stderr):
        assert "Traceback" not in output and "traceback" not in output
    check_lines = [line for line in check.stderr.splitlines() if line.strip()]
    build_lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in build.stderr.splitlines() if line.strip()]
    assert len(check_lines) == count
    assert check_lines == build_lines
    assert all("_data/catalog.yaml" in line for line in check_lines)
    assert not (tmp_path / "out" / "index.html").exists()


def test_check_command_accepts_the_real_catalog(project: Project, raw: dict) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "llm_catalog", "check"],
        cwd=project.root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(project.root / "_ext"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    counts = ", ".join(f"{len(raw[key])} {key}" for key in ("categories", "courses", "syllabi", "books", "resources"))
    assert f"OK ({counts})" in result.stdout


def test_date_pattern_is_the_schemas() -> None:
    from llm_catalog.rules.checks import DATE_PATTERN

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["definitions"]["date"]["pattern"] == f"^{DATE_PATTERN.pattern}$"

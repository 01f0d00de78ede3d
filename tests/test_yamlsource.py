"""The strict YAML reader: libyaml and pure Python alike, sized for a big catalog, hostile files refused.

The invalid-data corpus runs through both parsers in tests/test_catalog.py; here are what a
corpus file cannot hold (sizes) and the equivalence of the two parsers on valid data.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import REPO
from llm_catalog.data import yamlsource
from llm_catalog.data.yamlsource import YamlProblem, parse
from llm_catalog.rules.load import load

sys.path.insert(0, str(REPO / "scripts"))
from synthetic_catalog import with_copies

SCHEMA = REPO / "_data" / "catalog.schema.json"
PARSERS = list(yamlsource.PARSERS)


def test_libyaml_is_available_and_used_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pinned PyYAML wheel has libyaml; without it the corpus would run through one parser only."""
    monkeypatch.delenv(yamlsource.PARSER_ENV, raising=False)
    assert PARSERS == ["libyaml", "python"]
    assert yamlsource.default_parser() == "libyaml"
    monkeypatch.setenv(yamlsource.PARSER_ENV, "python")
    assert yamlsource.default_parser() == "python"


def test_both_parsers_read_the_same_data_and_lines(project) -> None:
    text = project.data_file.read_text(encoding="utf-8")
    fast, slow = (parse(text, name) for name in PARSERS)
    assert fast.data == slow.data
    assert fast.lines == slow.lines and fast.key_lines == slow.key_lines
    assert fast.problems == slow.problems == []
    # Spot check against the text itself: the line recorded for the first course's title.
    first_title = fast.lines[("courses", 0, "title")]
    assert text.splitlines()[first_title - 1].strip() == f"title: {fast.data['courses'][0]['title']}"


def test_the_real_catalog_has_no_text_cut_by_a_comment(project) -> None:
    """Comments after a value are refused now; the real data keeps its comments on their own lines."""
    assert parse(project.data_file.read_text(encoding="utf-8")).problems == []


# The real catalog only: copying a variant's records 5,000 times proves nothing more.
@pytest.mark.sites("real")
def test_a_5000_record_catalog_is_accepted(project, tmp_path: Path) -> None:
    big = tmp_path / "catalog.yaml"
    big.write_text(with_copies(project.data_file.read_text(encoding="utf-8"), 5000), encoding="utf-8")
    assert big.stat().st_size > 2 * 1024 * 1024  # the old size cap refused it
    base = project.catalog
    catalog = load(big, SCHEMA)
    assert len(catalog.courses) == len(base.courses) + 5000
    copy = catalog.get(f"{base.courses[0].id}-copy-05000")
    assert copy is not None and copy.category == base.courses[0].category
    assert copy.line > base.courses[0].line


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        (
            "billion-laughs",
            "a: &a ["
            + ", ".join(["lol"] * 10)
            + "]\n"
            + "".join(
                f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
            ),
            2,
            "YAML anchors and aliases (&name, *name, <<) are not allowed here",
        ),
        ("deep-flow", "a: " + "[" * 30000 + "]" * 30000 + "\n", 1, "nested more than 32 levels deep"),
        ("deep-block", "".join(" " * n + f"k{n}:\n" for n in range(3000)), 33, "nested more than 32 levels deep"),
        ("long-line", "a: " + "x" * 5_000_000 + "\n", 1, "the line is 5000003 characters long"),
        ("long-value", "a: >\n" + ("  " + "x" * 1000 + "\n") * 200, 1, "a single value is 200200 characters long"),
    ],
)
def test_hostile_files_are_refused(parser: str, name: str, text: str, line: int, message: str) -> None:
    with pytest.raises(YamlProblem) as info:
        parse(text, parser)
    assert info.value.line == line
    assert message in info.value.message


@pytest.mark.parametrize("parser", PARSERS)
def test_numbers_are_decimal(parser: str) -> None:
    """YAML 1.1 reads 010 as octal 8 and fails on 08; here both are plain decimal numbers."""
    doc = parse("a: 010\nb: 08\nc: -7\nd: '010'\ne: true\nf: ~\n", parser)
    assert doc.data == {"a": 10, "b": 8, "c": -7, "d": "010", "e": True, "f": None}

"""The contributor's path in CONTRIBUTING.md works as written."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import DATA_FILE, REPO, SCHEMA_FILE, copy_project, make_room, record_id, soup, sphinx_build
from llm_catalog.data import labels
from llm_catalog.data.problems import CatalogInvalid
from llm_catalog.rules.load import load

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def yaml_examples() -> list[str]:
    """The guide's examples of whole records (other yaml blocks show a few fields)."""
    blocks = [block for block in re.findall(r"```yaml\n(.*?)```", GUIDE, re.DOTALL) if block.startswith("  - id: ")]
    assert blocks, "CONTRIBUTING.md has no yaml example"
    return blocks


def example_record() -> str:
    """The course example, the first one of the guide."""
    return yaml_examples()[0]


def catalog_with(record: str, tmp_path: Path, before: str = "syllabi") -> tuple[Path, str]:
    """The real data file with *record* added at the end of the list before *before*, and the
    record's id there (the id of the same material when the catalog already had it)."""
    data, (record,) = make_room(DATA_FILE.read_text(encoding="utf-8"), record)
    head, tail = data.split(f"\n{before}:\n", 1)
    path = tmp_path / "catalog.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head.rstrip("\n") + "\n" + record + f"\n{before}:\n" + tail, encoding="utf-8")
    return path, record_id(record)


def test_every_yaml_example_is_a_valid_record(tmp_path: Path) -> None:
    """Each example is added where the guide says (courses, books or resources) and loads cleanly."""
    kinds = {}
    for n, block in enumerate(yaml_examples()):
        (record,) = yaml.safe_load(block)
        if "category" in record:
            kind, (path, rid) = "course", catalog_with(block, tmp_path / str(n))
        elif "group" in record:
            kind, (path, rid) = "book", catalog_with(block, tmp_path / str(n), before="resources")
        else:  # resources are the last list of records; the study paths follow them
            kind, (path, rid) = "resource", catalog_with(block, tmp_path / str(n), before="paths")
        catalog = load(path, SCHEMA_FILE)
        loaded = catalog.get(rid)
        assert loaded is not None and loaded.record_type == kind, rid
        assert loaded.title == record["title"]
        kinds[kind] = loaded
    assert set(kinds) == {"course", "book", "resource"}
    assert kinds["book"].publisher and kinds["book"].year  # the example shows where they go


@pytest.mark.site  # builds a copy of the whole project with the example added
def test_example_record_is_valid_and_renders(tmp_path: Path) -> None:
    path, rid = catalog_with(example_record(), tmp_path)
    catalog = load(path, SCHEMA_FILE)
    course = catalog.get(rid)
    assert course is not None and course.category == "llm-courses"

    # Build the real site with the contributor's data file: the card appears on its kind's page.
    # A build of its own: the guide's own example, added as the guide says (the contribution
    # variant adds other real records).
    site = copy_project(tmp_path / "site")
    (site / "_data" / "catalog.yaml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    result = sphinx_build(site, tmp_path / "html", "-n", "-W", "--keep-going")
    assert result.returncode == 0, result.stderr
    page = soup(tmp_path / "html" / "materials" / "llm-courses.html")
    card = page.find(id=f"llm-{rid}")
    assert card.select_one(".sd-card-title").get_text(strip=True) == "Introduction to Deep Learning"


@pytest.mark.parametrize(
    ("mistake", "replacement"),
    [
        ("    title: Introduction", "    titel: Introduction"),
        ("    category: llm-courses", "    category: llm-course"),
        ("    term: 2024 春", "    term: 2024"),
        ("    category: llm-courses", "    category: NLP"),
    ],
)
def test_documented_messages_are_what_check_prints(tmp_path: Path, mistake: str, replacement: str) -> None:
    record = example_record()
    assert mistake in record
    with pytest.raises(CatalogInvalid) as info:
        load(catalog_with(record.replace(mistake, replacement), tmp_path)[0], SCHEMA_FILE)
    # The guide quotes the messages, abbreviating the list of allowed fields.
    documented = [d.split(" (allowed fields")[0] for d in re.findall(r"ERROR: courses\[[^\]]+\]\.(.+)", GUIDE)]
    printed = [re.sub(r"^courses\[[^\]]+\]\.", "", p.text) for p in info.value.problems]
    assert any(doc in text for doc in documented for text in printed), printed


def guide_table(marker: str) -> list[list[str]]:
    """The rows of the Markdown table that follows the HTML comment containing *marker*."""
    start = GUIDE.index(marker)
    rows = []
    for line in GUIDE[start:].splitlines()[1:]:
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not set(cells[0]) <= {"-", " "}:
            rows.append(cells)
    return rows[1:]  # without the header


def code(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


DATA = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
SCHEMA_DATA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_category_table_is_the_data() -> None:
    rows = guide_table("类别表")
    expected = [[f"`{c['id']}`", c["title"], c["summary"], labels.STUDY[c["study"]]] for c in DATA["categories"]]
    assert rows == expected, "the category table of CONTRIBUTING.md differs from _data/catalog.yaml"
    # The guidance on choosing names every category.
    choosing = GUIDE[GUIDE.index("## 选哪一类") : GUIDE.index("## 添加一本课本或一项资源")]
    for category in DATA["categories"]:
        assert choosing.count(f"`{category['id']}`") >= 2, category["id"]


@pytest.mark.parametrize(("marker", "key"), [("主题表", "topics"), ("课本分组表", "book_groups")])
def test_id_tables_are_the_data(marker: str, key: str) -> None:
    rows = guide_table(marker)
    assert rows == [[f"`{item['id']}`", item["title"]] for item in DATA[key]], (
        f"the {key} table of CONTRIBUTING.md differs from _data/catalog.yaml"
    )


@pytest.mark.parametrize(
    ("marker", "definition", "prop"),
    [
        ("读者表", "course", "level"),
        ("链接类型表", "link", "kind"),
        ("资源类型表", "resource", "kind"),
        ("课程形式表", "course", "format"),
        ("语言表", "language", None),
        ("取值表 cost", "cost", "value"),
        ("取值表 effort", "effort", "kind"),
    ],
)
def test_value_tables_are_the_schema(marker: str, definition: str, prop: str | None) -> None:
    node = SCHEMA_DATA["definitions"][definition]
    enum = node["enum"] if prop is None else node["properties"][prop]["enum"]
    table = labels.SCHEMA_ENUMS[(definition, prop)]
    assert guide_table(marker) == [[f"`{value}`", table[value]] for value in enum], (
        f"the {marker} of CONTRIBUTING.md differs from the schema"
    )


def test_research_words_table_is_the_list_check_refuses() -> None:
    rows = guide_table("查证用语")
    assert [code(row[0]) for row in rows] == [list(entry.words) for entry in labels.RESEARCH_WORDS], (
        "the research words of CONTRIBUTING.md differ from labels.RESEARCH_WORDS"
    )


@pytest.mark.parametrize("record", ["course", "offering", "link", "book", "resource"])
def test_field_tables_agree_with_the_schema_on_what_is_required(record: str) -> None:
    definition = SCHEMA_DATA["definitions"][record]
    required: dict[str, bool] = {}
    for row in guide_table(f"字段表 {record}"):
        assert row[1] in ("是", "否"), row
        for name in code(row[0]):
            required[name] = row[1] == "是"
    assert set(required) == set(definition["properties"]), f"{record}: fields differ from the schema"
    assert {name for name, yes in required.items() if yes} == set(definition["required"]), record


def test_make_hooks_installs_pre_commit_without_it_on_path(tmp_path: Path) -> None:
    """`make hooks`, as the guide says, works in a fresh clone where `pre-commit` is not on PATH."""
    make = shutil.which("make")
    venv = REPO / ".venv"
    if make is None or not (venv / ".dev-installed").exists():
        pytest.skip("run through `make test`, which creates .venv first")
    assert "make hooks" in GUIDE and "GitHub" in GUIDE
    clone = tmp_path / "clone"
    clone.mkdir()
    for name in ("Makefile", ".pre-commit-config.yaml", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(REPO / name, clone / name)
    subprocess.run(["git", "init", "-q"], cwd=clone, check=True)
    # The clone shares the checkout's .venv (as a fresh clone's own `make` would have created it).
    (clone / ".venv").symlink_to(venv)
    result = subprocess.run(
        [make, "-s", "hooks"],
        cwd=clone,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    hook = clone / ".git" / "hooks" / "pre-commit"
    assert hook.is_file() and "pre-commit" in hook.read_text(encoding="utf-8")


def test_an_example_material_already_in_the_catalog_under_another_id_is_taken_out_first() -> None:
    """A contributor may add a guide example under an id of their own: the tests take it out by address."""
    example = example_record()
    # The catalog as it would be without the example's material (a contributor may have added it).
    text, _ = make_room(DATA_FILE.read_text(encoding="utf-8"), example)
    data = yaml.load(text, Loader=yaml.BaseLoader)
    first = data["courses"][0]
    url = urlsplit(first["links"][0]["url"])  # written as another contributor might: host in capitals
    same = url._replace(netloc=url.netloc.upper()).geturl().rstrip("/")
    snippet = example.replace(re.search(r'url: "([^"]+)"', example).group(1), same)
    room, (added,) = make_room(text, snippet)
    ids = [c["id"] for c in yaml.load(room, Loader=yaml.BaseLoader)["courses"]]
    assert first["id"] not in ids and ids == [c["id"] for c in data["courses"][1:]]
    # The example takes the id of the material it replaces, so what named that id still resolves.
    assert record_id(added) == first["id"]
    # Without a shared id, address or name nothing is taken out.
    room, (added,) = make_room(text, example)
    assert room == text and added == example

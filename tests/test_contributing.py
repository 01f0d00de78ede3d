"""The contributor's path in CONTRIBUTING.md works as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA_FILE, REPO, SCHEMA_FILE, soup, sphinx_build
from llm_catalog.load import load
from llm_catalog.problems import CatalogInvalid

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def example_record() -> str:
    block = re.search(r"```yaml\n(.*?)```", GUIDE, re.DOTALL)
    assert block, "CONTRIBUTING.md has no yaml example"
    return block.group(1)


def catalog_with(record: str, tmp_path: Path) -> Path:
    data = (DATA_FILE).read_text(encoding="utf-8")
    head, tail = data.split("\nsyllabi:\n", 1)
    path = tmp_path / "catalog.yaml"
    path.write_text(head.rstrip("\n") + "\n" + record + "\nsyllabi:\n" + tail, encoding="utf-8")
    return path


def test_example_record_is_valid_and_renders(tmp_path: Path) -> None:
    path = catalog_with(example_record(), tmp_path)
    catalog = load(path, SCHEMA_FILE)
    course = catalog.get("mit-6-s191")
    assert course is not None and course.category == "llm-courses"

    # Build the real site with the contributor's data file: the card appears on its kind's page.
    site = tmp_path / "site"
    site.mkdir()
    for item in (
        "conf.py",
        "index.md",
        "find.md",
        "materials",
        "textbooks",
        "resources",
        "_ext",
        "_static",
        "_templates",
    ):
        (site / item).symlink_to(REPO / item)
    (site / "_data").mkdir()
    (site / "_data" / "catalog.yaml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (site / "_data" / "catalog.schema.json").symlink_to(SCHEMA_FILE)
    result = sphinx_build(site, tmp_path / "html", "-n", "-W", "--keep-going")
    assert result.returncode == 0, result.stderr
    page = soup(tmp_path / "html" / "materials" / "llm-courses.html")
    card = page.find(id="llm-mit-6-s191")
    assert card.select_one(".sd-card-title").get_text(strip=True) == "Introduction to Deep Learning"


@pytest.mark.parametrize(
    ("mistake", "replacement"),
    [
        ("    title: Introduction", "    titel: Introduction"),
        ("    category: llm-courses", "    category: llm-course"),
        ("    term: 2024 春", "    term: 2024"),
    ],
)
def test_documented_messages_are_what_check_prints(tmp_path: Path, mistake: str, replacement: str) -> None:
    record = example_record()
    assert mistake in record
    with pytest.raises(CatalogInvalid) as info:
        load(catalog_with(record.replace(mistake, replacement), tmp_path), SCHEMA_FILE)
    # The guide quotes the messages, abbreviating the list of allowed fields.
    documented = [d.split(" (allowed fields")[0] for d in re.findall(r"ERROR: courses\[\d+\]\.(.+)", GUIDE)]
    printed = [re.sub(r"^courses\[\d+\]\.", "", p.text) for p in info.value.problems]
    assert any(doc in text for doc in documented for text in printed), printed


def test_guide_documents_every_course_field() -> None:
    import json

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    for name in ("course", "link"):
        for field in schema["definitions"][name]["properties"]:
            assert f"`{field}`" in GUIDE, f"{name}.{field} is not explained in CONTRIBUTING.md"

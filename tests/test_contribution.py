"""A contribution replayed: real records added to a copy of the project pass everything CI runs on it.

The trial behind this test: a contributor adds records by following CONTRIBUTING.md, `make check`
and `make html` pass, and then CI fails because a test pinned the catalog's contents. Here a
course, a textbook and a resource are added to a copy of the real data file, the way the guide
says (text inserted at the end of each list, comments and all), a step is appended to a study
path, and then the weekly link check's own edit (a `checked` date on every link) is applied, as
its pull request would be after the contribution is merged. The copy, a git clone with one commit,
goes through the check command, a strict build, and every suite that reads the real data.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from conftest import DATA_FILE, REPO, add_to_section, copy_project, make_room, record_id, soup, sphinx_build

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# Facts from the records' own pages (course site, the book's code repository, the tutorial's
# repository and online edition); nothing here is invented.
COURSE = """\
  - id: stanford-cs336
    category: llm-courses
    institution: 斯坦福大学
    code: CS336
    title: Language Modeling from Scratch
    instructors: [Tatsunori Hashimoto, Percy Liang]
    language: en
    note: 从数据收集、Transformer 搭建到训练和评估，带学生亲手把一个语言模型完整地做出来。
    topics: [language-modeling, attention-transformers, pretraining, efficiency]
    links:
      - {kind: site, url: "https://stanford-cs336.github.io/"}
"""

BOOK = """\
  - id: raschka-build-llm
    group: language-models
    authors: [Sebastian Raschka]
    title: Build a Large Language Model (From Scratch)
    publisher: Manning
    year: 2024
    language: en
    note: 用 PyTorch 从分词、注意力一路写到预训练和微调，亲手实现一个类 GPT 的模型。
    topics: [language-modeling, attention-transformers, pretraining, finetuning]
    links:
      - {kind: code, label: GitHub, url: "https://github.com/rasbt/LLMs-from-scratch"}
"""

RESOURCE = """\
  - id: datawhale-happy-llm
    kind: wiki
    title: Happy-LLM：从零开始的大语言模型原理与实践教程
    author: Datawhale
    language: zh
    note: Datawhale 社区编写的开源教程，从 NLP 基础讲到动手搭建和训练大模型。
    topics: [llm-overview, attention-transformers, pretraining]
    links:
      - {kind: site, label: 在线阅读, url: "https://datawhalechina.github.io/happy-llm/"}
      - {kind: code, label: GitHub, url: "https://github.com/datawhalechina/happy-llm"}
"""

#: The sections the three records go into, in the order of the file.
SECTIONS = {"courses": COURSE, "books": BOOK, "resources": RESOURCE}


def contribute(text: str) -> tuple[str, dict[str, str]]:
    """Each record at the end of its list, as a contributor editing the file would, and the new
    resource as the last step of the last study path. First, any record that is the same material
    is taken out (the contributor may have added it already); returns the text and the ids added."""
    text, records = make_room(text, *SECTIONS.values())
    added = dict(zip(SECTIONS, map(record_id, records), strict=True))
    for section, record in zip(SECTIONS, records, strict=True):
        text = add_to_section(text, section, record)
    if on_last_path(text, added["resources"]):
        return text, added  # the guide already recommends it there: the contributor adds no step
    step = f"      - {{record: {added['resources']}, why: 学完前面的材料后，用这份中文教程动手复习一遍。}}\n"
    # The paths are the file's last section: the step goes at the end of the last path.
    return text.rstrip("\n") + "\n" + step, added


def on_last_path(text: str, record: str) -> bool:
    steps = yaml.load(text, Loader=yaml.BaseLoader)["paths"][-1]["steps"]
    return any(step["record"] == record for step in steps)


def weekly_link_check(project: Path) -> None:
    """What the weekly workflow's pull request writes: a `checked` date on every link that works."""
    data = yaml.load((project / "_data" / "catalog.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    urls = {
        link["url"]
        for key in ("courses", "syllabi", "books", "resources")
        for record in data.get(key) or []
        for owner in (record, *(record.get("offerings") or []))  # a course's offerings have links too
        for link in owner.get("links") or []
    }
    output = project / "_build" / "linkcheck" / "output.json"
    output.parent.mkdir(parents=True)
    output.write_text("".join(json.dumps({"uri": u, "status": "working", "info": ""}) + "\n" for u in urls), "utf-8")
    today = datetime.now(UTC).date().isoformat()
    result = run([sys.executable, "-m", "llm_catalog", "linkstate", "--today", today], project, PYTHONPATH="_ext")
    assert result.returncode == 0, result.stderr
    shutil.rmtree(project / "_build")


def git_snapshot(project: Path) -> None:
    """Make the copy a clone with one commit, as a contributor's is (page dates come from git)."""
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "A contribution"]):
        subprocess.run(
            ["git", "-c", "user.name=Contributor", "-c", "user.email=c@example.org", *args],
            cwd=project,
            check=True,
            capture_output=True,
        )


@pytest.fixture(scope="module")
def contributed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A copy of the project with the contribution, after the weekly link check ran on it."""
    copy = copy_project(tmp_path_factory.mktemp("contribution") / "project")
    data = copy / "_data" / "catalog.yaml"
    text, added = contribute(data.read_text(encoding="utf-8"))
    data.write_text(text, "utf-8")
    weekly_link_check(copy)
    git_snapshot(copy)
    if (REPO / "node_modules").is_dir():  # the pinned JavaScript test tools, not copied
        (copy / "node_modules").symlink_to(REPO / "node_modules")
    return copy, added


@pytest.fixture(scope="module")
def project(contributed: tuple[Path, dict[str, str]]) -> Path:
    return contributed[0]


def run(args: list[str], cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "LLM_GUIDE_"))}
    env.update(extra)
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, check=False)


def test_the_contribution_adds_one_record_of_each_kind(contributed: tuple[Path, dict[str, str]]) -> None:
    project, added = contributed
    before = yaml.load(make_room(DATA_FILE.read_text(encoding="utf-8"), *SECTIONS.values())[0], Loader=yaml.BaseLoader)
    after = yaml.load((project / "_data" / "catalog.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
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


def test_the_weekly_link_check_dates_every_link(project: Path) -> None:
    data = yaml.load((project / "_data" / "catalog.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    links = [
        link
        for key in ("courses", "syllabi", "books", "resources")
        for record in data[key]
        for owner in (record, *(record.get("offerings") or []))
        for link in owner.get("links") or []
    ]
    assert links and all(DATE.fullmatch(link.get("checked", "")) for link in links)


def test_check_accepts_the_edits(project: Path) -> None:
    """What `make check` runs, in the copy."""
    result = run([sys.executable, "-m", "llm_catalog", "check", "_data/catalog.yaml"], project, PYTHONPATH="_ext")
    assert result.returncode == 0, result.stderr
    assert "OK (" in result.stdout and "Traceback" not in result.stderr


def test_strict_build_shows_the_new_cards(contributed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """What `make html` runs (nitpicky, warnings are errors), in the copy."""
    project, added = contributed
    result = sphinx_build(project, tmp_path / "html", "-n", "-W", "--keep-going", "-d", str(tmp_path / "doctrees"))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    pages = {
        "courses": "materials/llm-courses.html",
        "books": "textbooks/index.html",
        "resources": "resources/index.html",
    }
    for key, page in pages.items():
        card = soup(tmp_path / "html" / page).find(id=f"llm-{added[key]}")
        assert card is not None, (added[key], page)
    book = soup(tmp_path / "html" / pages["books"]).find(id=f"llm-{added['books']}")
    assert "Sebastian Raschka · Manning，2024 年 · " in book.select_one(".llm-card-meta").get_text()


#: Test files not run on the copies, each with the reason; every other suite reads the real data
#: (or the real project's files) and runs, so a new suite is covered without being listed here.
NOT_REPLAYED = {
    "test_contribution.py": "this file: it would replay itself",
    "test_properties.py": "adds generated records to its own copies and runs these suites itself",
}
REPLAYED = sorted(p.name for p in (REPO / "tests").glob("test_*.py") if p.name not in NOT_REPLAYED)


def test_every_suite_that_reads_the_real_data_passes_on_the_edits(project: Path) -> None:
    """The suites CI runs, run against the copy: none of them pins the catalog's contents."""
    suites = [f"tests/{name}" for name in REPLAYED]
    result = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *suites], project)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert re.search(r"^\d+ passed", result.stdout.splitlines()[-1].strip("= ")), result.stdout[-2000:]
    assert " failed" not in result.stdout, result.stdout[-2000:]

"""A contribution replayed: real records added to a copy of the project pass everything CI runs on it.

The trial behind this test: a contributor adds records by following CONTRIBUTING.md, `make check`
and `make html` pass, and then CI fails because a test pinned the catalog's contents. Here a
course, a textbook and a resource are added to a copy of the real data file, the way the guide
says (text inserted at the end of each list, comments and all), and the copy goes through the
check command, a strict build, and the suites that test the real site.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import DATA_FILE, copy_project, soup, sphinx_build, without_records

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

ADDED = {"courses": "stanford-cs336", "books": "raschka-build-llm", "resources": "datawhale-happy-llm"}

#: The suites that test the real site and its data, print included. (The browser search test
#: looks for fixed words of the seed's pages and runs on the real catalog in `make test`.)
SUITES = [
    "tests/test_site.py",
    "tests/test_catalog.py",
    "tests/test_contributing.py",
    "tests/test_repository.py",
    "tests/test_pdf_epub.py",
]


def contribute(text: str) -> str:
    """Insert each record at the end of its list, as a contributor editing the file would."""
    lines = text.splitlines(keepends=True)

    def insert_before(key: str, record: str) -> None:
        index = lines.index(f"{key}:\n")
        while index > 0 and not lines[index - 1].strip():  # keep the blank line between sections
            index -= 1
        lines.insert(index, record)

    insert_before("syllabi", COURSE)
    insert_before("resources", BOOK)
    if "paths:\n" in lines:  # the study paths follow the resources
        insert_before("paths", RESOURCE)
        return "".join(lines)
    if not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines.append(RESOURCE)
    return "".join(lines)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = copy_project(tmp_path_factory.mktemp("contribution") / "project")
    data = copy / "_data" / "catalog.yaml"
    data.write_text(contribute(without_records(data.read_text(encoding="utf-8"), set(ADDED.values()))), "utf-8")
    return copy


def run(args: list[str], cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "LLM_GUIDE_"))}
    env.update(extra)
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, check=False)


def test_the_contribution_adds_one_record_of_each_kind(project: Path) -> None:
    original = DATA_FILE.read_text(encoding="utf-8")
    before = yaml.load(without_records(original, set(ADDED.values())), Loader=yaml.BaseLoader)
    after = yaml.load((project / "_data" / "catalog.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for key in after:
        ids = [item["id"] for item in after[key]]
        expected = [item["id"] for item in before[key]] + ([ADDED[key]] if key in ADDED else [])
        assert ids == expected, key


def test_check_accepts_the_contribution(project: Path) -> None:
    """What `make check` runs, in the copy."""
    result = run([sys.executable, "-m", "llm_catalog", "check", "_data/catalog.yaml"], project, PYTHONPATH="_ext")
    assert result.returncode == 0, result.stderr
    assert "OK (" in result.stdout and "Traceback" not in result.stderr


def test_strict_build_shows_the_new_cards(project: Path, tmp_path: Path) -> None:
    """What `make html` runs (nitpicky, warnings are errors), in the copy."""
    result = sphinx_build(project, tmp_path / "html", "-n", "-W", "--keep-going", "-d", str(tmp_path / "doctrees"))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    pages = {
        "stanford-cs336": "materials/llm-courses.html",
        "raschka-build-llm": "textbooks/index.html",
        "datawhale-happy-llm": "resources/index.html",
    }
    for record_id, page in pages.items():
        card = soup(tmp_path / "html" / page).find(id=f"llm-{record_id}")
        assert card is not None, (record_id, page)
    book = soup(tmp_path / "html" / pages["raschka-build-llm"]).find(id="llm-raschka-build-llm")
    assert "Sebastian Raschka · Manning，2024 年 · " in book.select_one(".llm-card-meta").get_text()


def test_real_site_suites_pass_on_the_contribution(project: Path) -> None:
    """The suites CI runs on the real site, run against the copy: none of them pins the old contents."""
    result = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SUITES], project)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout and " failed" not in result.stdout

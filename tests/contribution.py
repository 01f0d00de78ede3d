"""The ``contribution`` variant: real records added to a copy of the project as CONTRIBUTING.md says.

The trial behind it: a contributor adds records by following CONTRIBUTING.md, `make check` and
`make html` pass, and then CI fails because a test pinned the catalog's contents. Here a course,
a textbook and a resource are added to a copy of the real data file the way the guide says (text
inserted at the end of each list, comments and all), a step is appended to a study path, and then
the weekly link check's own edit (a `checked` date on every link) is applied, as its pull request
would be after the contribution is merged. The copy is a git clone with one commit. Every test
that reads a site runs on it too (see :mod:`sites`), and test_contribution.py checks the edits.
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

import yaml

from datafile import add_to_section, make_room, record_id
from sites import REPO, SharedFailure, clean_env, copy_project, git_snapshot, run

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
#: Where the contribution's step goes, and why (a reader's words, as a contributor writes them).
STEP_WHY = "学完前面的材料后，用这份中文教程动手复习一遍。"


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
    step = f"      - {{record: {added['resources']}, why: {STEP_WHY}}}\n"
    # The paths are the file's last section: the step goes at the end of the last path.
    return text.rstrip("\n") + "\n" + step, added


def on_last_path(text: str, record: str) -> bool:
    steps = yaml.load(text, Loader=yaml.BaseLoader)["paths"][-1]["steps"]
    return any(step["record"] == record for step in steps)


def all_links(data: dict) -> list[dict]:
    """Every link of the data (plain YAML), a course's offerings' links included."""
    return [
        link
        for key in ("courses", "syllabi", "books", "resources")
        for record in data.get(key) or []
        for owner in (record, *(record.get("offerings") or []))
        for link in owner.get("links") or []
    ]


def weekly_link_check(project: Path) -> None:
    """What the weekly workflow's pull request writes: a `checked` date on every link that works."""
    data = yaml.load((project / "_data" / "catalog.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    urls = sorted({link["url"] for link in all_links(data)})
    output = project / "_build" / "linkcheck" / "output.json"
    output.parent.mkdir(parents=True)
    output.write_text("".join(json.dumps({"uri": u, "status": "working", "info": ""}) + "\n" for u in urls), "utf-8")
    today = datetime.now(UTC).date().isoformat()
    args = [sys.executable, "-m", "llm_catalog", "linkstate", "--today", today]
    result = run(args, project, clean_env(PYTHONPATH="_ext"))
    if result.returncode != 0:
        raise SharedFailure(f"the weekly link check's edit failed in {project}: {result.stderr}")
    shutil.rmtree(project / "_build")


def make_contributed(destination: Path) -> dict[str, str]:
    """A copy of the project at *destination* with the contribution, after the weekly link check
    ran on it, committed; returns the ids added by section."""
    copy_project(destination, REPO)
    data = destination / "_data" / "catalog.yaml"
    text, added = contribute(data.read_text(encoding="utf-8"))
    data.write_text(text, "utf-8")
    weekly_link_check(destination)
    git_snapshot(destination)
    (destination.parent / "added.json").write_text(json.dumps(added), encoding="utf-8")
    return added


def added_ids(project: Path) -> dict[str, str]:
    """The ids :func:`make_contributed` added to *project*, by section."""
    return json.loads((project.parent / "added.json").read_text(encoding="utf-8"))

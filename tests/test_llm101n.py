"""LLM101n beside what exists: each unreleased chapter names what teaches it now, on the page and in print.

The real site is checked against the real data (every chapter of LLM101n, its ranked list and the
cards it links to); print is checked on the fixed catalog of tests/roots/test-paths, whose syllabus
``later`` is not out yet.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REPO, soup
from llm_catalog.data import labels
from llm_catalog.data.load import load
from llm_catalog.data.records import Syllabus

SCHEMA = REPO / "_data" / "catalog.schema.json"
CATALOG = load(REPO / "_data" / "catalog.yaml", SCHEMA)


def words(node) -> str:
    return " ".join(node.get_text().split())


def test_every_llm101n_chapter_is_unreleased_and_names_what_teaches_it_now() -> None:
    syl = CATALOG.get("llm101n")
    assert isinstance(syl, Syllabus) and len(syl.chapters) == 17
    for chapter in syl.chapters:
        assert chapter.status == "unreleased"
        assert chapter.taught_by, chapter.number
        for teacher in chapter.taught_by:
            assert not CATALOG.unreleased(teacher.record)
    # The research's ranking is kept: Karpathy's own lectures first where they teach the chapter.
    first = {ch.number: ch.taught_by[0].record for ch in syl.chapters}
    assert first[1] == first[2] == first[3] == first[4] == "karpathy-nn-zero-to-hero"
    assert first[5] == first[7] == "karpathy-reproduce-gpt2"
    assert first[6] == "karpathy-gpt-tokenizer"
    assert first[12] == first[14] == first[16] == "karpathy-nanochat"


def _title(node: str) -> str:
    record, chapter = CATALOG.chapter(node)
    if chapter is None:
        return record.title
    return f"{record.title} {labels.CHAPTER.format(number=chapter.number)} {chapter.title}"


def test_the_syllabus_page_shows_each_chapter_unreleased_with_its_ranked_links_first(site: Path) -> None:
    page = soup(site / "materials" / "llm101n.html")
    bodies = page.select("dl.llm-syllabus-chapters > dd")
    syl = CATALOG.get("llm101n")
    assert len(bodies) == len(syl.chapters)
    for chapter, body in zip(syl.chapters, bodies, strict=True):
        status = body.select_one(".llm-chapter-status .llm-status-unreleased")
        assert status is not None and words(status) == "未发布", chapter.number
        head = body.select_one("p.llm-taught-now")
        assert words(head).startswith("现在可以学：")
        # 现在可以学 comes before the topic-based 相关材料.
        classes = [set(p.get("class", [])) for p in body.find_all("p")]
        parts = [c for c in classes if c & {"llm-taught-now", "llm-chapter-related"}]
        assert "llm-taught-now" in parts[0] and "llm-chapter-related" in parts[1]
        items = body.select("ol.llm-taught-now-list > li")
        assert len(items) == len(chapter.taught_by)
        for teacher, item in zip(chapter.taught_by, items, strict=True):
            link = item.select_one("a")
            record_id = teacher.record.split("#")[0]
            assert link["href"].endswith(f"#llm-{record_id}"), (chapter.number, link["href"])
            assert words(link) == _title(teacher.record)
            assert words(item.select_one(".llm-status-released")) == "已发布，可学"
            assert words(item).endswith(teacher.why)
    # A link lands on a card that is on its page.
    first = bodies[0].select_one("ol.llm-taught-now-list a")["href"]
    target, anchor = first.split("#")
    card = soup(site / "materials" / target).find(id=anchor)
    assert card is not None and "Neural Networks: Zero to Hero" in words(card)


def test_the_goal_list_marks_unreleased_chapters_and_topics_offer_what_is_released(site: Path) -> None:
    page = soup(site / "paths.html")
    options = {o["value"]: words(o) for o in page.select("#llm-next-goal option")}
    assert options["llm101n#5"].endswith("（未发布）")
    nodes = json.loads(page.select_one(".llm-next")["data-llm-graph"])["nodes"]
    assert nodes["llm101n#5"]["x"] is True
    assert nodes["llm101n#5"]["a"][0] == "karpathy-reproduce-gpt2"
    # No "any of" choice offers an unreleased chapter to study now.
    for node in nodes.values():
        for req in node.get("r", []):
            if isinstance(req, dict):
                assert not any(CATALOG.unreleased(choice) for choice in req["any"]), req


@pytest.mark.sphinx("latex", testroot="paths", srcdir="paths-latex-later", freshenv=True)
def test_print_lists_what_teaches_an_unreleased_chapter_in_rank_order(app) -> None:
    app.build()
    assert re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()) == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    chapter = tex.split("Counting again")[1].split("Deep again")[0]
    assert "{未发布}" in chapter
    assert "现在可以学：}（按推荐顺序；排序和理由是本指南收录者的判断）" in chapter
    listing = chapter.split(r"\begin{enumerate}")[1].split(r"\end{enumerate}")[0]
    items = listing.split(r"\item")[1:]
    assert len(items) == 2
    # Ranked: the book's chapter 1, then intro; each a reference to its card, marked available.
    assert r"\hyperref[\detokenize{pages/books:llm-book}]{\sphinxcrossref{The Book 第 1 章 Counting}}" in items[0]
    assert r"\hyperref[\detokenize{pages/courses:llm-intro}]{\sphinxcrossref{Intro to LMs}}" in items[1]
    for item in items:
        assert "{已发布，可学}" in item
    # 现在可以学 comes before 相关材料 (which this chapter, without topics, reports as not covered).
    assert chapter.index("现在可以学") < chapter.index("相关材料")
    # A chapter nothing teaches yet has no such list and keeps the general hint.
    unwritten = tex.split("Unwritten")[1]
    assert "现在可以学" not in unwritten.split(r"\end{description}")[0]

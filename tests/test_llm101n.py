"""LLM101n beside what exists: each unreleased chapter names what teaches it now, on the page and in print.

Each variant's site is checked against its data (every chapter of LLM101n, its status, its ranked
list and the cards it links to, whatever they are); print is checked on the fixed catalog of
tests/roots/test-paths, whose syllabus ``later`` is not out yet.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO, parsed
from llm_catalog.data import labels
from llm_catalog.data.records import Syllabus

INVENTORY = yaml.safe_load((REPO / "tests" / "seed_inventory.yaml").read_text(encoding="utf-8"))
#: The syllabus the page materials/llm101n.md shows (its id is the page's, not the data's).
LLM101N = "llm101n"


def words(node) -> str:
    return " ".join(node.get_text().split())


def test_every_llm101n_chapter_keeps_its_status_and_what_teaches_it_now(catalog, raw: dict) -> None:
    """Each chapter keeps the status and the ranked list of what teaches it now that the data gives
    it (the research's ranking, as written); what teaches a chapter now is itself out."""
    syl = catalog.get(LLM101N)
    assert isinstance(syl, Syllabus)
    # Every chapter of the seed is still there (more may come).
    shown = {(chapter.number, chapter.title) for chapter in syl.chapters}
    assert {(number, title) for number, title, _ in INVENTORY["syllabus"]} <= shown
    (written,) = (s for s in raw["syllabi"] if s["id"] == LLM101N)
    for chapter, source in zip(syl.chapters, written["chapters"], strict=True):
        assert chapter.status == source.get("status"), chapter.number
        # The research's ranking is kept: the records in the order written, each with its reason.
        ranked = [(t["record"], t["why"]) for t in source.get("taught_by", [])]
        assert [(teacher.record, teacher.why) for teacher in chapter.taught_by] == ranked, chapter.number
        for teacher in chapter.taught_by:
            assert not catalog.unreleased(teacher.record)
        # What the guide offers to study now is exactly that list (every entry is out).
        assert catalog.taught_now(f"{syl.id}#{chapter.number}") == chapter.taught_by


def _title(catalog, node: str) -> str:
    record, chapter = catalog.chapter(node)
    if chapter is None:
        return record.title
    return f"{record.title} {labels.CHAPTER.format(number=chapter.number)} {chapter.title}"


def test_the_syllabus_page_shows_each_chapter_status_with_its_ranked_links_first(site: Path, catalog) -> None:
    page = parsed(site / "materials" / "llm101n.html")
    bodies = page.select("dl.llm-syllabus-chapters > dd")
    syl = catalog.get(LLM101N)
    assert len(bodies) == len(syl.chapters)
    for chapter, body in zip(syl.chapters, bodies, strict=True):
        status = body.select_one(f".llm-chapter-status .llm-status-{chapter.status}") if chapter.status else None
        if chapter.status is None:
            assert body.select_one(".llm-chapter-status") is None, chapter.number
        else:
            assert status is not None and words(status) == labels.CHAPTER_STATUS[chapter.status], chapter.number
        head = body.select_one("p.llm-taught-now")
        items = body.select("ol.llm-taught-now-list > li")
        if not chapter.taught_by:  # nothing teaches it yet: no list (print: tests/roots/test-paths below)
            assert head is None and items == [], chapter.number
            continue
        assert words(head).startswith("现在可以学：")
        # 现在可以学 comes before the topic-based 相关材料.
        classes = [set(p.get("class", [])) for p in body.find_all("p")]
        parts = [c for c in classes if c & {"llm-taught-now", "llm-chapter-related"}]
        assert "llm-taught-now" in parts[0] and "llm-chapter-related" in parts[1]
        assert len(items) == len(chapter.taught_by)
        for teacher, item in zip(chapter.taught_by, items, strict=True):
            link = item.select_one("a")
            record_id = teacher.record.split("#")[0]
            assert link["href"].endswith(f"#llm-{record_id}"), (chapter.number, link["href"])
            assert words(link) == _title(catalog, teacher.record)
            assert words(item.select_one(".llm-status-released")) == "已发布，可学"
            assert words(item).endswith(teacher.why)
            # A link lands on the record's card, on its page.
            target, anchor = link["href"].split("#")
            card = parsed((site / "materials" / target).resolve()).find(id=anchor)
            assert card is not None and catalog.get(record_id).title in words(card), link["href"]


def test_the_goal_list_marks_unreleased_chapters_and_topics_offer_what_is_released(site: Path, catalog) -> None:
    page = parsed(site / "paths.html")
    data = json.loads(page.select_one(".llm-next script.llm-next-data").string)
    nodes = data["nodes"]
    # Every chapter is a goal; the script marks an unreleased one by its "x" (the browser tests of
    # test_progress.py read the option's words).
    goals = {goal for _, group in data["goals"] for goal in group}
    unreleased = 0
    for syl in catalog.syllabi:
        for chapter in syl.chapters:
            node = f"{syl.id}#{chapter.number}"
            marked = catalog.unreleased(node)
            unreleased += marked
            assert node in goals, node
            assert nodes[node].get("x", False) is marked, node
            # What teaches it now, best first, as the data ranks it.
            assert nodes[node].get("a") == ([t.record for t in chapter.taught_by] if marked else None), node
    assert unreleased == sum(ch.status == "unreleased" for syl in catalog.syllabi for ch in syl.chapters)
    # No "any of" choice offers an unreleased chapter to study now.
    for node in nodes.values():
        for req in node.get("r", []):
            if isinstance(req, int):
                assert not any(catalog.unreleased(choice) for choice in data["any"][req]["any"]), req


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


def test_a_course_that_cannot_be_studied_yet_says_so_everywhere_and_satisfies_nothing(site: Path, catalog) -> None:
    """A course whose syllabus is wholly unreleased (LLM101n today) is 未发布 on its card, its row
    on 找资料 and its search entry; it has no 已学完 box, is not counted, and teaches no topic now."""
    unreleased = labels.CHAPTER_STATUS["unreleased"]
    for course in catalog.courses:
        syllabus = catalog.syllabus_of(course.id)
        whole = bool(syllabus and syllabus.chapters) and all(ch.status == "unreleased" for ch in syllabus.chapters)
        assert catalog.unreleased(course.id) == whole, course.id
    exported = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    cards = {record["id"]: record["card"] for record in exported["records"]}
    raw_index = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw_index[raw_index.index("(") + 1 : raw_index.rindex(")")])
    # Sphinx keys an object by what its name has before the last ".", and keeps the rest.
    names = [
        html.unescape(f"{prefix}.{entry[4]}" if prefix else entry[4])
        for prefix, entries in index["objects"].items()
        for entry in entries
    ]
    rows = {row["data-llm-id"]: row for row in parsed(site / "find.html").select("li[data-llm-id]")}
    for course in (c for c in catalog.courses if catalog.unreleased(c.id)):
        page, _, anchor = cards[course.id].partition("#")
        card = parsed(site / page).find(id=anchor)
        assert card is not None, course.id
        assert words(card.select_one(".llm-card-status .llm-status-unreleased")) == unreleased, course.id
        column = card.find_parent(class_="sd-col") or card
        assert not column.select(".llm-progress-slot"), course.id
        for summary in parsed(site / page).select("[data-llm-items]"):
            assert course.id not in [item[0] for item in json.loads(summary["data-llm-items"])]
        assert words(rows[course.id].find("span")).startswith(unreleased), course.id
        name = next(n for n in names if n.startswith(course.title + labels.SEARCH_SEPARATOR))
        assert unreleased in name.split(labels.SEARCH_SEPARATOR, 1)[1].split(labels.SEPARATOR)
        for topic in catalog.topics:
            assert course.id not in catalog.teachers(topic.id, exclude=set()), (course.id, topic.id)

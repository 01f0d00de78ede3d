"""Prerequisites, study paths, the prerequisite graph and ranked syllabus links (issue 10)."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import REPO, parsed, require_tool, shared_build, soup, sphinx_build, warnings_of
from llm_catalog.cards import syllabus as render
from llm_catalog.data import labels
from llm_catalog.data.prereq import Graph, match_score
from llm_catalog.paths import studyplan
from llm_catalog.rules.load import load
from sites import Project

pytestmark = pytest.mark.sphinx("html", testroot="paths")

ROOT = REPO / "tests" / "roots" / "test-paths"
SCHEMA = REPO / "_data" / "catalog.schema.json"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def words(node) -> str:
    return " ".join(node.get_text().split())


# -- The data ------------------------------------------------------------------------------


def raw_records(raw: dict) -> list[dict]:
    """Every record of the data file (every value as written), in the file's order."""
    return [r for key in ("courses", "syllabi", "books", "resources") for r in raw.get(key) or []]


#: The home page's start cards (index.md): each a path's title, then the path it links to.
START_CARD = re.compile(r"^:::\{grid-item-card\} (.+)\n:link: (\S+)$", re.MULTILINE)


def start_cards(project: Project) -> dict[str, str]:
    """The paths the home page offers, by id, each with the title the page gives it."""
    source = (project.root / "index.md").read_text(encoding="utf-8")
    return {path: title for title, path in START_CARD.findall(source)}


def test_real_paths_include_the_four_the_issue_asks_for(project: Project, catalog) -> None:
    """Contributors may add paths and steps; the four the home page offers stay, titled as the
    page names them (the page's words, not the test's), each step with its reason."""
    offered = start_cards(project)
    assert len(offered) == 4, offered
    titles = {p.id: p.title for p in catalog.paths}
    assert {k: titles.get(k) for k in offered} == offered
    for path in catalog.paths:
        assert all(step.why for step in path.steps)


def test_all_chinese_path_declares_its_language_so_check_keeps_it_chinese(project: Project, catalog) -> None:
    """`make check` refuses a step in another language (tests/data/invalid/path-language-and-advice.yaml).

    The id is the home page's (index.md offers 全中文路线 as only Chinese materials), not the data's."""
    assert "all-chinese" in start_cards(project)
    assert catalog.study_path("all-chinese").language == "zh"


def test_a_path_in_one_language_counts_the_materials_in_that_language(site: Path, raw: dict) -> None:
    page = parsed(site / "paths.html")
    for path in raw["paths"]:
        shown = page.find(id=f"llm-path-{path['id']}").select_one(".llm-path-language")
        if "language" not in path:
            assert shown is None, path["id"]
            continue
        total = sum(1 for r in raw_records(raw) if r.get("language") == path["language"])
        used = len({step["record"] for step in path["steps"]})
        name = {"zh": "中文", "en": "英文"}[path["language"]]
        assert words(shown) == f"本指南目前共收录 {total} 项{name}材料，这条路线用到其中 {used} 项。"


def test_graph_edges_follow_the_data(catalog, raw: dict) -> None:
    """Every requirement written in the data is an edge; a record needs all its chapters; a syllabus
    is read in order. (Exact edges of a fixed catalog: the test root's tests below.)"""
    graph = catalog.graph
    for record in raw_records(raw):
        for needed in record.get("requires") or []:
            where = graph.topics if needed in {t["id"] for t in raw["topics"]} else graph.strict
            assert needed in where[record["id"]], (record["id"], needed)
        chapters = [f"{record['id']}#{c['number']}" for c in record.get("chapters") or []]
        assert set(chapters) <= set(graph.strict.get(record["id"], ())), record["id"]
        for chapter in record.get("chapters") or []:
            for needed in chapter.get("requires") or []:
                node = f"{record['id']}#{chapter['number']}"
                assert needed in graph.strict[node] + graph.topics.get(node, []), (node, needed)
    for syllabus in raw.get("syllabi") or []:
        numbers = [c["number"] for c in syllabus.get("chapters") or []]
        for before, after in itertools.pairwise(numbers):
            assert f"{syllabus['id']}#{before}" in graph.strict[f"{syllabus['id']}#{after}"]
    assert graph.cycles() == []


def test_graph_edges_of_a_fixed_catalog() -> None:
    graph = load(ROOT / "_data" / "catalog.yaml", SCHEMA).graph
    assert graph.strict["deep"] == ["intro", "book#2"]
    assert graph.topics["apps-course"] == ["nn"]
    assert set(graph.strict["book"]) == {"book#1", "book#2"}  # requiring a book means all its chapters
    assert graph.strict["syl#3"] == ["syl#2"]  # a syllabus is read in order
    assert graph.needs("deep") == ["intro", "book#1", "book#2"]


def test_cycles_are_found_whole_and_once() -> None:
    graph = Graph()
    for node in ("a", "b", "c", "d", "e"):
        graph.add(node)
    for first, then in (("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "d"), ("c", "d")):
        graph.require(first, then)
    assert graph.cycles() == [["a", "b", "c", "a"], ["d", "e", "d"]]


def test_match_score_prefers_the_specific() -> None:
    assert match_score(["lm"], ["lm"]) == 1.0
    assert match_score(["lm"], ["lm", "nn"]) == 0.5
    assert match_score(["lm"], ["nn"]) == 0.0
    assert match_score(["lm", "nn"], ["lm", "nn", "apps"]) == pytest.approx(2 / 3)


def own_records(syllabus) -> set[str]:
    """What a syllabus's chapters never list as related: the syllabus itself and its course."""
    return {syllabus.id, *([syllabus.course] if syllabus.course else [])}


def test_real_syllabus_ranks_the_most_specific_first_and_a_chapter_before_a_whole_record(catalog) -> None:
    assert catalog.syllabi
    for syllabus in catalog.syllabi:
        for chapter in syllabus.chapters:
            ranked = catalog.ranked_related(chapter.topics, exclude=own_records(syllabus))
            scores = [match_score(chapter.topics, (i.chapter or i.record).topics) for i in ranked]  # type: ignore[union-attr]
            assert scores == sorted(scores, reverse=True)
            best = [i for i, score in zip(ranked, scores, strict=True) if scores and score == scores[0]]
            if any(i.chapter is not None for i in best):
                assert ranked[0].chapter is not None, (syllabus.id, chapter.number)


def test_ranking_of_a_fixed_catalog_puts_the_book_chapter_on_the_topic_first() -> None:
    catalog = load(ROOT / "_data" / "catalog.yaml", SCHEMA)
    ranked = catalog.ranked_related(("lm",), exclude={"syl"})
    # intro teaches only lm (1.0) and so does book chapter 1 (1.0): the chapter goes first; then
    # deep (lm, nn: 0.5), then apps-course (apps, lm, nn: 1/3).
    assert [(i.record.id, i.chapter.number if i.chapter else None) for i in ranked] == [
        ("book", 1),
        ("intro", None),
        ("deep", None),
        ("apps-course", None),
    ]


# -- The test root -------------------------------------------------------------------------


def test_builds_without_warnings(app) -> None:
    app.build()
    assert warnings_of(app) == ""


def test_paths_render_steps_hours_and_totals(app) -> None:
    app.build()
    page = soup(app.outdir / "pages" / "paths.html")
    section = page.find(id="llm-path-main-line")
    assert words(section.find("h2")).startswith("主线路线")
    # Hours add up by their kind, never across kinds; the chapters' unknown hours are named.
    assert words(section.select_one(".llm-path-total")) == (
        "共 4 步 · 合计约 30–40 小时视频 + 10 小时（课程给出） · 2 步时长未查"
    )
    steps = section.select("ol.llm-path-steps > li")
    assert [words(s.select_one(".llm-step-title a")) for s in steps] == [
        "Intro to LMs",
        "The Book 第 1 章 Counting",
        "The Book 第 2 章 Neurons",
        "Deep LMs",
    ]
    assert [s.select_one(".llm-step-title a")["href"] for s in steps] == [
        "courses.html#llm-intro",
        "books.html#llm-book",
        "books.html#llm-book",
        "courses.html#llm-deep",
    ]
    assert "约 10 小时（课程给出）" in words(steps[0]) and "时长未查" in words(steps[1])
    assert "20 讲 × 90–120 分钟 ≈ 30–40 小时视频" in words(steps[3])  # a derived range with its derivation
    # Every step not in Chinese says what it offers in Chinese, as its card does.
    assert steps[0].select_one(".llm-card-chinese") is None  # a course taught in Chinese
    assert words(steps[1].select_one(".llm-card-chinese")) == "中文资料未查"
    assert words(steps[3].select_one(".llm-card-chinese")) == "中文资料：中文字幕（字幕组 制作）"
    assert steps[3].select_one(".llm-card-chinese a")["href"] == "https://zh.example.org/deep"
    assert words(steps[0].select_one(".llm-step-why")) == "为什么在这里：先入门。"
    # The seed's advice for the course's kind.
    assert words(steps[0].select_one(".llm-step-study")) == "学习建议：主要学习（核心课程）"
    assert words(steps[3].select_one(".llm-step-requires")) == "先修：Intro to LMs、The Book 第 2 章 Neurons"
    # Progress markers (filled in by the script): one per step, keyed like the reader's storage.
    assert [s.select_one(".llm-progress-slot")["data-llm-progress"] for s in steps] == [
        "intro",
        "book#1",
        "book#2",
        "deep",
    ]
    summary = section.select_one(".llm-progress-summary")
    items = [["intro", 10], ["book#1", None], ["book#2", None], ["deep", [30, 40]]]  # a range as [fewest, most]
    assert json.loads(summary["data-llm-items"]) == items
    # The pace box follows the count and reads its items: the page carries them once.
    pace = summary.find_next_sibling()
    assert pace["class"] == ["llm-pace"] and not pace.has_attr("data-llm-items")
    apps = page.find(id="llm-path-apps-line")
    topic_link = apps.select("ol.llm-path-steps > li")[1].select_one(".llm-step-requires a")
    assert topic_link["href"] == "#llm-topic-nn" and page.find(id="llm-topic-nn") is not None


def test_without_javascript_there_are_no_checkboxes(app) -> None:
    app.build()
    for name in ("pages/paths.html", "pages/courses.html", "pages/syllabus.html"):
        page = soup(app.outdir / name)
        assert page.select("input[type=checkbox]") == []
        slots = page.select(".llm-progress-slot")
        assert slots and all(slot.has_attr("hidden") for slot in slots)
    paths = soup(app.outdir / "pages" / "paths.html")
    assert all(paths.select_one(cls).has_attr("hidden") for cls in (".llm-progress-tools", ".llm-next"))


def test_progress_script_only_on_pages_that_use_it(app) -> None:
    app.build()

    def scripts(name: str) -> list[str]:
        return [s["src"].split("?")[0] for s in soup(app.outdir / name).select("script[src]")]

    for name in ("pages/paths.html", "pages/courses.html", "pages/syllabus.html", "pages/books.html"):
        assert any(src.endswith("llm-progress.js") for src in scripts(name)), name
    assert not any(src.endswith("llm-progress.js") for src in scripts("index.html"))
    assert (app.outdir / "_static" / "llm-progress.js").is_file()


def test_book_chapters_have_their_own_marker(app) -> None:
    app.build()
    book = soup(app.outdir / "pages" / "books.html").find(id="llm-book")
    chapters = book.select(".llm-card-chapters > li")
    assert [li.select_one(".llm-progress-slot")["data-llm-progress"] for li in chapters] == ["book#1", "book#2"]
    assert book.select_one(".llm-card-progress .llm-progress-slot")["data-llm-progress"] == "book"


def test_category_pages_count_their_courses(app) -> None:
    app.build()
    page = soup(app.outdir / "pages" / "courses.html")
    items = [json.loads(s["data-llm-items"]) for s in page.select(".llm-progress-summary")]
    assert items == [[["intro", 10], ["deep", [30, 40]]], [["apps-course", None]]]
    cards = page.select(".llm-card")
    assert [c.select_one(".llm-progress-slot")["data-llm-progress"] for c in cards] == ["intro", "deep", "apps-course"]


def next_data(page) -> dict:
    """下一步's data (progress.next_graph), from the JSON script element in its panel."""
    return json.loads(page.select_one(".llm-next script.llm-next-data[type='application/json']").string)


def test_next_step_data_lists_every_goal_with_its_requirements(app) -> None:
    app.build()
    page = soup(app.outdir / "pages" / "paths.html")
    panel = page.select_one(".llm-next")
    assert not panel.has_attr("data-llm-graph")  # written once, as JSON, not as an escaped attribute
    data = next_data(page)
    graph = data["nodes"]
    assert graph["deep"]["r"] == ["intro", "book#2"]
    assert graph["deep"]["u"] == "courses.html#llm-deep" and graph["deep"]["h"] == [30, 40]
    assert graph["book#2"]["r"] == ["book#1"]
    assert graph["syl#3"]["r"] == ["syl#2"] and graph["syl#3"]["u"] == "syllabus.html#llm-syl-ch03"
    # A topic requirement is the place of its materials in "any", each list written once.
    (choice,) = graph["apps-course"]["r"]
    assert data["any"][choice] == {"any": ["syl#2", "book#2", "deep"], "t": "神经网络"}
    assert len({json.dumps(c, sort_keys=True) for c in data["any"]}) == len(data["any"])
    assert graph["path:main-line"] == {"t": "主线路线", "goal": True, "r": ["intro", "book#1", "book#2", "deep"]}
    assert "h" not in graph["book#1"] and "r" not in graph["intro"]  # nothing unknown or empty is written
    # The goals: each path (whole, then its steps), then what no path has as a step.
    assert data["goals"] == [
        ["学习路线：主线路线", ["path:main-line", "intro", "book#1", "book#2", "deep"]],
        ["学习路线：应用路线", ["path:apps-line", "book#2", "apps-course"]],
        ["Tiny Syllabus", ["syl#1", "syl#2", "syl#3", "syl#4"]],
        ["Later Course", ["later#1", "later#2", "later#3"]],
        ["其他课程、课本和资源", ["book"]],
    ]
    # The select is filled by the script: without it the panel stays hidden.
    assert panel.select("select option") == [] and panel.has_attr("hidden")


def svg_of(page_path: Path) -> ET.Element:
    """The graph's SVG, written into the page itself (graph.py), as XML."""
    page = soup(page_path)
    assert page.select_one("object.llm-graph") is None, "the web page draws the graph inline, not in an <object>"
    return ET.fromstring(str(page.select_one(".llm-graph-scroll > svg.llm-graph-svg")))


def test_graph_svg_nodes_link_to_their_cards(app) -> None:
    require_tool("dot", "the prerequisite graph is drawn by Graphviz")
    app.build()
    page = app.outdir / "pages" / "paths.html"
    svg = svg_of(page)
    links: dict[str, str] = {}
    tooltips: dict[str, str] = {}
    for group in svg.iter(f"{SVG}g"):
        if "node" in group.get("class", "").split():
            node = group.get("data-llm-node")
            anchor = group.find(f".//{SVG}a")
            links[node] = anchor.get(XLINK)
            tooltips[node] = group.find(f"{SVG}title").text
    expected = {
        "intro": "courses.html#llm-intro",
        "deep": "courses.html#llm-deep",
        "apps-course": "courses.html#llm-apps-course",
        "book#1": "books.html#llm-book",
        "book#2": "books.html#llm-book",
        "topic:nn": "paths.html#llm-topic-nn",
    }
    assert set(links) == set(expected)
    for node, href in links.items():
        # Links are relative to the page the SVG is written into: each must reach a real element id.
        target = (page.parent / unquote(urlsplit(href).path)).resolve()
        assert target == (app.outdir / "pages" / expected[node].split("#")[0]).resolve(), node
        fragment = urlsplit(href).fragment
        assert fragment == expected[node].split("#")[1]
        assert soup(target).find(id=fragment) is not None, href
    # Tooltips name the node as a reader does, never by its record id; edges have none.
    assert tooltips["topic:nn"] == "主题：神经网络" and tooltips["intro"] != "intro"
    assert not [g for g in svg.iter(f"{SVG}g") if "edge" in g.get("class", "") and g.find(f"{SVG}title") is not None]
    # No Graphviz id (node1, edge1 ...) that could clash with the page's own.
    assert not [element for element in svg.iter() if element.get("id")]
    edges = sum(1 for g in svg.iter(f"{SVG}g") if g.get("class") == "edge")
    assert edges == 4
    # Nothing the page does not need (issue 27): no whitespace between elements, no second title
    # or target on a link, each label's font and anchor once on the drawing.
    assert not [e for e in svg.iter() if (e.text is not None and not e.text.strip()) or e.tail]
    assert not [a for a in svg.iter(f"{SVG}a") if set(a.attrib) != {XLINK}]
    texts = list(svg.iter(f"{SVG}text"))
    assert texts and not [t for t in texts if {"font-family", "font-size", "text-anchor"} & set(t.attrib)]
    assert svg.get("font-size") == "11.00" and svg.get("text-anchor") == "middle"


def test_graphviz_paths_keep_their_shape_with_straight_pieces_as_lines() -> None:
    from llm_catalog.site.compat import _straight_lines

    # A rounded box as Graphviz writes it: its straight sides are curves with their ends as controls.
    box = (
        "M384.71,-1060C384.71,-1060 309.71,-1060 309.71,-1060 303.71,-1060 297.71,-1054 297.71,-1048 "
        "297.71,-1048 297.71,-1036 297.71,-1036 297.71,-1030 303.71,-1024 309.71,-1024 309.71,-1024 "
        "384.71,-1024 384.71,-1024 390.71,-1024 396.71,-1030 396.71,-1036"
    )
    assert _straight_lines(box) == (
        "M384.71,-1060H309.71C303.71,-1060 297.71,-1054 297.71,-1048V-1036"
        "C297.71,-1030 303.71,-1024 309.71,-1024H384.71C390.71,-1024 396.71,-1030 396.71,-1036"
    )
    assert _straight_lines("M1,2C1,2 5,6 5,6") == "M1,2L5,6"  # a slanted straight piece
    edge = "M10,-20C15.5,-20 30,-5 40,-5"  # a real curve stays a curve
    assert _straight_lines(edge) == "M10,-20C15.5,-20 30,-5 40,-5"
    for other in ("M1,2L3,4", "M1,2C1,2 3,4", "", "M1,2C1,2 3,4 5,6Z"):  # not Graphviz's form: kept
        assert _straight_lines(other) == other


GRAPH_GEOMETRY = """
const svg = document.querySelector('.llm-graph-scroll > svg.llm-graph-svg');
const frame = svg.closest('.llm-graph-scroll');
const note = document.querySelector('.llm-graph-phone-note');
const box = svg.getBoundingClientRect(), framed = frame.getBoundingClientRect();
return {
  viewport: document.documentElement.clientWidth,
  page: document.documentElement.scrollWidth,
  svg: [box.left, box.right, box.width, box.height],
  frame: [framed.left, framed.right, frame.scrollWidth, frame.clientWidth],
  drawn: [Number(svg.getAttribute('width')), Number(svg.getAttribute('height'))],
  note: note ? getComputedStyle(note).display : null,
};
"""


def test_graph_fits_a_phone_and_keeps_its_size_on_a_desktop(phone, server: str) -> None:
    """Issue 27: at 390 px the whole drawing is within the screen's width (no sideways scrolling,
    its proportions kept) and a note says it is fitted; on a desktop it keeps its size (labels
    12 px) and scrolls in its frame, without the note."""
    phone.get(f"{server}/paths.html")
    at = phone.execute_script(GRAPH_GEOMETRY)
    left, right, width, height = at["svg"]
    assert left >= 0 and right <= at["viewport"] == 390, at
    assert at["page"] <= at["viewport"], at  # the page itself does not scroll sideways
    assert at["frame"][2] <= at["frame"][3], at  # nor does the graph's frame
    assert at["frame"][0] <= left and right <= at["frame"][1], at
    drawn_width, drawn_height = at["drawn"]
    assert height == pytest.approx(width * drawn_height / drawn_width, abs=1), at
    assert at["note"] == "block", at

    phone.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    phone.set_window_size(1280, 900)
    phone.get(f"{server}/paths.html")
    at = phone.execute_script(GRAPH_GEOMETRY)
    assert at["svg"][2:] == pytest.approx(at["drawn"], abs=0.5), at
    assert at["note"] == "none", at


#: The Nu Html Checker (vnu.jar), pinned in package.json and installed by `make node-deps`.
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: The one error the checker finds on every page of the site, in the theme's own markup (furo's
#: ``<link rel="prefetch" href="_static/logo.svg" as="image">`` in its base template), not ours.
THEME_ERRORS = {
    "A “link” element with an “as” attribute must have a “rel” attribute that contains the value "
    "“preload” or the value “modulepreload”.": 'rel="prefetch"',
}


def theirs(message: dict) -> bool:
    """Is *message* the theme's known error (THEME_ERRORS), about the theme's own markup?"""
    markup = THEME_ERRORS.get(message.get("message", ""))
    return markup is not None and markup in message.get("extract", "")


def test_paths_page_passes_the_nu_html_checker(site: Path) -> None:
    """Issue 27: the page with the inline graph, 下一步's JSON and the progress markers is valid HTML
    for the W3C's Nu Html Checker; the graph's svg keeps a role the checker accepts (group: its
    links stay links for screen readers, which role="img" would hide)."""
    java = require_tool("java", "the Nu Html Checker (vnu.jar) runs on Java")
    if not VNU.is_file():
        pytest.fail("vnu-jar is missing: run `make node-deps` (make test does)")
    page = site / "paths.html"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", str(page)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]  # the checker's report, in JSON, on stderr
    errors = [m for m in messages if m["type"] == "error" and not theirs(m)]
    assert errors == [], "\n".join(f"{m.get('lastLine')}: {m['message']} {m.get('extract', '')!r}" for m in errors)
    svg = soup(page).select_one(".llm-graph-scroll > svg.llm-graph-svg")
    assert svg["role"] == "group" and svg["aria-label"]


def test_benchmark_reports_the_weight_of_the_paths_page(site: Path) -> None:
    """Issue 27: `make benchmark` reports paths.html beside genindex.html; its heavy parts are each
    written once (the graph's drawing, 下一步's JSON, each path's items)."""
    import importlib.machinery
    import importlib.util

    loader = importlib.machinery.SourceFileLoader("benchmark", str(REPO / "scripts" / "benchmark"))
    spec = importlib.util.spec_from_loader("benchmark", loader)
    benchmark = importlib.util.module_from_spec(spec)
    loader.exec_module(benchmark)
    label, figures = benchmark.paths_weight(site)
    page = site / "paths.html"
    assert label == "paths.html (genindex.html)"
    assert figures.startswith(f"{page.stat().st_size:,} B HTML (")
    assert f"({(site / 'genindex.html').stat().st_size:,} B HTML (" in figures
    tree = parsed(page)
    assert len(tree.select("svg.llm-graph-svg")) == 1
    assert len(tree.select("script.llm-next-data")) == 1
    assert tree.select("[data-llm-graph]") == []
    # Each path's items once: on its count, not again on its pace box.
    assert len(tree.select(".llm-progress-summary[data-llm-items]")) >= len(tree.select(".llm-pace"))
    assert tree.select(".llm-pace[data-llm-items]") == []


def test_graph_has_a_text_twin(app) -> None:
    app.build()
    page = soup(app.outdir / "pages" / "paths.html")
    rows = [words(li) for li in page.select("ul.llm-graph-list > li")]
    assert rows == [
        "Deep LMs ← 先学：Intro to LMs、The Book 第 2 章 Neurons",
        "Building Apps ← 先学：任一讲“神经网络”的材料",
        "The Book 第 2 章 Neurons ← 先学：The Book 第 1 章 Counting",
    ]
    topics = [words(li) for li in page.select("ul.llm-topic-list > li")]
    assert topics == [
        "神经网络：讲这个主题的材料（越专门的越靠前）：Tiny Syllabus 第 2 章 Networks、"
        "The Book 第 2 章 Neurons、Deep LMs、Building Apps"
    ]


@pytest.mark.sphinx("html", testroot="paths", srcdir="paths-topics-capped", freshenv=True)
def test_topic_list_names_the_most_specific_and_counts_the_rest(app, monkeypatch) -> None:
    monkeypatch.setattr(studyplan, "TOPIC_TEACHERS_SHOWN", 2)
    app.build()
    assert warnings_of(app) == ""
    page = soup(app.outdir / "pages" / "paths.html")
    topics = [words(li) for li in page.select("ul.llm-topic-list > li")]
    assert topics == [
        "神经网络：讲这个主题的材料（越专门的越靠前）：Tiny Syllabus 第 2 章 Networks、"
        "The Book 第 2 章 Neurons；另有 2 项，可在“找资料”页按主题筛选。"
    ]


def test_syllabus_shows_three_best_then_folds_the_rest(app) -> None:
    app.build()
    page = soup(app.outdir / "pages" / "syllabus.html")
    bodies = page.select("dl.llm-syllabus-chapters > dd")
    first = bodies[0]
    shown = [words(a) for a in first.select(".llm-chapter-related a")]
    # Chapter 1 (language models): exact matches first, a chapter before a whole course.
    assert shown == ["The Book 第 1 章 Counting", "Intro to LMs", "Deep LMs"]
    more = first.select_one("details.llm-related-more")
    assert words(more.summary) == "更多（1 项）"
    assert [words(a) for a in more.select("li a")] == ["Building Apps"]
    assert "本指南暂未收录" in words(bodies[3])
    assert bodies[3].select_one("details") is None
    # Every chapter gets its progress marker, keyed "syl#<n>".
    ids = [dd.select_one(".llm-progress-slot")["data-llm-progress"] for dd in bodies]
    assert ids == ["syl#1", "syl#2", "syl#3", "syl#4"]


@pytest.mark.sphinx("html", testroot="paths", srcdir="paths-capped", freshenv=True)
def test_syllabus_fold_lists_at_most_the_cap_and_counts_the_rest(app, monkeypatch) -> None:
    """At scale 更多 lists RELATED_MORE_SHOWN materials and says how many more there are."""
    monkeypatch.setattr(render, "RELATED_MORE_SHOWN", 0)
    app.build()
    assert warnings_of(app) == ""
    first = soup(app.outdir / "pages" / "syllabus.html").select("dl.llm-syllabus-chapters > dd")[0]
    more = first.select_one("details.llm-related-more")
    assert words(more.summary) == "更多（1 项）"
    assert more.select("li") == []
    assert words(more.select_one(".llm-related-more-rest")) == "另有 1 项相关材料未列出，可在“找资料”页按主题筛选。"


@pytest.mark.sphinx("text", testroot="paths", srcdir="paths-text-capped", freshenv=True)
def test_print_counts_the_related_materials_the_web_list_leaves_out(app, monkeypatch) -> None:
    """A chapter with more related materials than print lists: exactly the cap, then how many more
    (the real site's test below checks every chapter the data has, whatever their number)."""
    monkeypatch.setattr(render, "RELATED_MORE_SHOWN", 0)
    monkeypatch.setattr(render, "RELATED_PRINTED", render.RELATED_FIRST)
    app.build()
    text = (app.outdir / "pages" / "syllabus.txt").read_text(encoding="utf-8")
    assert "另有 1 项相关材料，见网页版。" in text
    assert "未列出" not in text
    # Chapter 1 has four related materials (book#1, intro, deep, apps-course): three are printed.
    block = chapter_block(text, load(ROOT / "_data" / "catalog.yaml", SCHEMA).get("syl"), 1)
    assert printed_related(block) == render.RELATED_FIRST == 3


@pytest.mark.sphinx("html", testroot="paths", srcdir="paths-parallel", parallel=2)
def test_parallel_build_has_no_warnings(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    assert soup(app.outdir / "pages" / "paths.html").find(id="llm-path-apps-line") is not None


@pytest.mark.sphinx("latex", testroot="paths", srcdir="paths-latex")
def test_latex_gets_the_graph_as_a_vector_figure_and_the_paths_as_sections(app) -> None:
    require_tool("dot", "the prerequisite graph is drawn by Graphviz")
    app.build()
    assert warnings_of(app) == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    figure = re.search(r"\\sphinxincludegraphics\[\]\{\{?(figures/graphviz-[0-9a-f]+)\}?\.pdf\}", tex)
    assert figure, "no graph figure in the LaTeX output"
    pdf = Path(app.outdir) / f"{figure.group(1)}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    # Paper has no use for links into HTML pages: the figure carries none.
    assert b".html" not in pdf.read_bytes()
    # Read the Docs publishes the single *.pdf at the top of the LaTeX folder: the figure is not one.
    assert list(Path(app.outdir).glob("*.pdf")) == []
    assert re.search(r"\\section\{主线路线", tex) and re.search(r"\\section\{应用路线", tex)
    assert "共 4 步 · 合计约 30–40 小时视频 + 10 小时（课程给出） · 2 步时长未查" in tex
    assert "llm-progress" not in tex and "已学完" not in tex


def test_a_missing_dot_says_which_package_to_install(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    result = sphinx_build(src, tmp_path / "html", "-W", "--keep-going", "-D", "graphviz_dot=/nonexistent/dot")
    assert result.returncode != 0
    assert "needs the 'dot' program of Graphviz" in result.stderr
    assert "sudo apt-get install graphviz" in result.stderr
    assert re.search(r"paths\.md:\d+: WARNING: the prerequisite graph", result.stderr), result.stderr
    # The page says the graph is missing instead of showing dot code.
    page = (tmp_path / "html" / "pages" / "paths.html").read_text(encoding="utf-8")
    assert "digraph" not in page and "Graphviz" in page


# A build of its own: the point is `make html` on a machine without dot (another environment than
# the shared builds'). The Makefile's behaviour, not the data's: on the real site only.
@pytest.mark.sites("real")
def test_make_html_builds_on_a_machine_without_dot(project: Project, tmp_path: Path) -> None:
    """A fresh machine has Python and make only: `make html` still builds, with a note for the graph."""
    out = tmp_path / "build"
    # The environment running the tests serves make too; -o keeps make from installing into it.
    venv = Path(sys.prefix)
    result = subprocess.run(
        [
            "make",
            "html",
            f"VENV={venv}",
            "-o",
            f"{venv}/.docs-installed",
            "HAVE_DOT=",
            f"BUILDDIR={out}",
            "SPHINXOPTS=-n -W --keep-going -D graphviz_dot=/nonexistent/dot",
        ],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "sudo apt-get install graphviz" in result.stdout
    page = (out / "html" / "paths.html").read_text(encoding="utf-8")
    assert "llm-graph-missing" in page and "digraph" not in page


def related_in_the_data(raw: dict, topics: tuple[str, ...], exclude: set[str]) -> list[str]:
    """What the guide calls a chapter's related materials, read from the data file: each book
    chapter that shares a topic with it, and each other record that does (a book with chapters
    counts by its chapters)."""
    found = []
    for record in raw_records(raw):
        if record["id"] in exclude:
            continue
        chapters = [c for c in record.get("chapters") or [] if set(c.get("topics") or []) & set(topics)]
        if "group" in record and record.get("chapters") and chapters:
            found += [f"{record['id']}#{c['number']}" for c in chapters]
        elif set(record.get("topics") or []) & set(topics):
            found.append(record["id"])
    return found


def chapter_block(text: str, syllabus, number: int) -> str:
    """The printed text of chapter *number* of *syllabus*: from its heading to the next chapter's."""
    chapters = list(syllabus.chapters)
    (at,) = [n for n, chapter in enumerate(chapters) if chapter.number == number]
    block = text.split(labels.CHAPTER_HEADING.format(number=number, title=chapters[at].title))[1]
    if at + 1 < len(chapters):
        following = chapters[at + 1]
        block = block.split(labels.CHAPTER_HEADING.format(number=following.number, title=following.title))[0]
    return block


def printed_related(block: str) -> int:
    """How many related materials a printed chapter lists: the first line's, then the bullets."""
    first_line = block.split("相关材料：")[1].split("\n\n")[0]
    return first_line.count("；") + 1 + len(re.findall(r"^ +\* ", block, re.MULTILINE))


def syllabus_text(out: Path, syllabus) -> str:
    """The printed page that holds *syllabus* (the one with all of its chapter headings)."""
    headings = [labels.CHAPTER_HEADING.format(number=c.number, title=c.title) for c in syllabus.chapters]
    pages = [p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.txt"))]
    (text,) = [t for t in pages if all(h in t for h in headings) and syllabus.title in t]
    return text


def test_real_site_print_lists_at_most_eight_related_per_chapter(project: Project, catalog, raw: dict) -> None:
    """The text builder stands in for print: no folding, at most eight, and a note on the rest.
    (A chapter with more related materials than print lists, whatever the data holds: the test
    root's, above.)"""
    out = shared_build(project, "text")
    assert render.RELATED_PRINTED == 8
    assert catalog.syllabi
    for syl in catalog.syllabi:
        text = syllabus_text(out, syl)
        for chapter in syl.chapters:
            related = related_in_the_data(raw, chapter.topics, exclude=own_records(syl))
            block = chapter_block(text, syl, chapter.number)
            if not related:
                assert "本指南暂未收录" in block
                continue
            assert printed_related(block) == min(len(related), 8), (syl.id, chapter.number)
            if len(related) > 8:
                assert f"另有 {len(related) - 8} 项相关材料" in block
            else:
                assert not re.search(r"另有 \d+ 项相关材料", block), (syl.id, chapter.number)


def test_graphviz_is_installed_wherever_the_site_is_built() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    packages = re.search(r"^DEB_PACKAGES := (.+)$", makefile, re.MULTILINE).group(1).split()
    assert "graphviz" in packages
    rtd = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert "graphviz" in rtd["build"]["apt_packages"]


def test_a_step_on_a_syllabus_chapter_builds_and_shows_the_chapter(tmp_path: Path) -> None:
    """A syllabus has no language field; its step shows no language instead of failing the build."""
    root = Path(shutil.copytree(ROOT, tmp_path / "root"))
    data = root / "_data" / "catalog.yaml"
    data.write_text(
        data.read_text(encoding="utf-8")
        + "  - id: syllabus-line\n    title: 大纲路线\n    summary: 按大纲学。\n    steps:\n"
        + "      - {record: syl, chapter: 1, why: 第一章。}\n",
        encoding="utf-8",
    )
    env = {**os.environ, "LLM_GUIDE_REPO": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", str(root), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    step = soup(tmp_path / "out" / "pages" / "paths.html").select_one("#llm-path-syllabus-line li.llm-path-step")
    assert words(step.select_one(".llm-step-title")) == "Tiny Syllabus 第 1 章 Language models · 教学大纲 · 时长未查"

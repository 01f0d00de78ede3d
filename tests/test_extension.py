"""The llm_catalog extension on a tiny test root: cards, syllabus, roles, warnings, rebuilds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import soup, warnings_of
from llm_catalog.data import labels

pytestmark = pytest.mark.sphinx("html", testroot="basic")


def card(page: BeautifulSoup, record_id: str):
    found = page.find(id=f"llm-{record_id}")
    assert found is not None, f"no card for {record_id}"
    return found


def texts(nodes) -> list[str]:
    return [" ".join(n.get_text().split()) for n in nodes]


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"nitpicky": True})
def test_builds_without_warnings(app) -> None:
    app.build()
    assert warnings_of(app) == ""


def test_course_cards_have_sphinx_design_structure(app) -> None:
    app.build()
    page = soup(app.outdir / "pages" / "courses.html")
    alpha = card(page, "alpha-101")
    assert {"sd-card", "llm-card", "llm-card-course"} <= set(alpha["class"])
    assert "sd-col" in alpha.parent["class"]
    row = alpha.parent.parent
    assert {"sd-row", "sd-row-cols-md-2"} <= set(row["class"])
    title = alpha.select_one(".sd-card-title")
    assert title.get_text(strip=True) == "Alpha 语言模型"
    meta = alpha.select_one(".llm-card-meta").get_text()
    for expected in ("甲大学", "A101", "2024 春", "张老师、李老师", "研究生", "中文"):
        assert expected in meta
    links = alpha.select(".sd-card-footer a.reference.external")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("网站", "https://alpha.example.org/"),
        ("存档", "https://archive.example.org/alpha"),
        ("课程视频", "https://video.example.org/alpha"),
    ]
    # The oldest confirmation date is what the card promises.
    assert alpha.select_one(".sd-card-footer .llm-card-checked").get_text() == "链接核对于 2026-10-15"
    assert card(page, "beta-course").select_one(".llm-card-checked") is None
    # Category :columns: 1 gives a one-column row.
    gamma_row = card(page, "gamma-build").parent.parent
    assert "sd-row-cols-md-2" not in gamma_row["class"]
    assert "活动" in card(page, "gamma-build").select_one(".llm-card-meta").get_text()


def test_parts_topics_and_syllabus_link_on_cards(app) -> None:
    app.build()
    page = soup(app.outdir / "pages" / "courses.html")
    beta = card(page, "beta-course")
    assert texts(beta.select(".llm-card-parts li")) == ["第一部分：基础"]
    assert "注意力" in beta.select_one(".llm-card-topics").get_text()
    gamma = card(page, "gamma-build")
    syllabus_link = gamma.find("a", string="教学大纲")
    assert syllabus_link["href"] == "syllabus.html#llm-gamma-syllabus"


def test_data_is_plain_text(app) -> None:
    app.build()
    page = soup(app.outdir / "pages" / "courses.html")
    note = card(page, "alpha-101").select_one(".llm-card-note")
    assert note.find("b") is None and note.find("em") is None
    assert note.get_text() == "A note with <b>tags</b> & *stars* kept as text."


def test_categories_table(app) -> None:
    app.build()
    page = soup(app.outdir / "pages" / "courses.html")
    rows = page.select("table.llm-categories tbody tr")
    cells = [texts(row.find_all("td")) for row in rows]
    assert cells == [
        ["1. 核心课程", "主线课程。", "教师制作。", "主要学习", "2"],
        ["2. 选学课程", "按需选学。", "—", "按需选学", "1"],
    ]
    assert rows[0].find("a")["href"] == "#llm-core"


def test_syllabus_chapters_and_related_materials(app) -> None:
    app.build()
    page = soup(app.outdir / "pages" / "syllabus.html")
    chapters = page.select(".llm-syllabus dl.llm-syllabus-chapters > dt")
    assert texts(chapters) == ["第 1 章 Language Models", "第 2 章 Attention", "第 3 章 Nothing Yet"]
    assert chapters[0]["id"] == "llm-gamma-syllabus-ch01"
    related = [dd.select_one(".llm-chapter-related") for dd in page.select("dl.llm-syllabus-chapters > dd")]
    first = {(a.get_text(), a["href"]) for a in related[0].find_all("a")}
    assert first == {
        ("Alpha 语言模型", "courses.html#llm-alpha-101"),
        ("The Book 第 3 章 N-grams", "books.html#llm-book-one"),
        ("A Curated List", "books.html#llm-res-list"),
    }
    second = {a.get_text() for a in related[1].find_all("a")}
    assert second == {"Beta Attention", "The Book 第 9 章 Transformers"}
    assert related[2].find("a") is None and "暂未收录" in related[2].get_text()
    assert "bigrams, counting" in page.select_one(".llm-chapter-keywords").get_text()
    assert texts(page.select("ul.llm-syllabus-further li")) == ["Data types：Integer, Float"]
    # The :no-index: card is shown but does not steal the anchor of the indexed one.
    assert len(page.select(".llm-card-course")) == 1
    assert page.find(id="llm-alpha-101") is None


def test_books_grouped_with_chapters(app) -> None:
    app.build()
    page = soup(app.outdir / "pages" / "books.html")
    assert texts(page.select("p.rubric")) == ["基础"]
    book = card(page, "book-one")
    assert texts(book.select(".llm-card-chapters li")) == [
        "第 3 章 N-grams（课件：N-grams；pptx、pdf）",
        "第 9 章 Transformers",
    ]
    meta = book.select_one(".llm-card-meta").get_text()
    assert meta.startswith("A. Author、B. Author · Example Press，2023 年 · 第 2 版 · ")
    assert card(page, "res-list").select_one(".sd-card-title").get_text(strip=True) == "A Curated List"


def test_roles_link_to_cards_and_counts_come_from_data(app) -> None:
    app.build()
    page = soup(app.outdir / "index.html")
    body = page.select_one("div.body, article") or page
    links = {a.get_text(): a["href"] for a in body.select("a.reference.internal") if "#llm-" in a["href"]}
    assert links == {
        "Alpha 语言模型": "pages/courses.html#llm-alpha-101",
        "Beta Attention": "pages/courses.html#llm-beta-course",
        "自定义文字": "pages/books.html#llm-book-one",
        "核心课程": "pages/courses.html#llm-core",
        "A Curated List": "pages/books.html#llm-res-list",
    }
    assert texts(body.select(".llm-count")) == ["3", "2", "3"]


def test_role_with_own_text_is_styled_like_the_plain_form(app) -> None:
    """`{llm:ref}`自定义文字 <book-one>`` is a link like `{llm:ref}`alpha-101``, not monospace code."""
    app.build()
    page = soup(app.outdir / "index.html")
    body = page.select_one("div.body, article") or page

    def shape(text: str) -> list:
        link = next(a for a in body.select("a.reference.internal") if a.get_text() == text)
        return [(tag.name, tag.get("class")) for tag in (link, *link.find_all(True))]

    plain, own = shape("Alpha 语言模型"), shape("自定义文字")
    assert own == plain
    assert plain == [("a", ["reference", "internal"]), ("span", ["llm-xref"])]
    assert body.find("code") is None


@pytest.mark.sphinx("latex", testroot="basic", srcdir="basic-latex-roles")
def test_role_with_own_text_prints_as_plain_text(app) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    # Both forms print the same way: an internal link around plain (not monospace) text.
    for target, text in (("pages/courses:llm-alpha-101", "Alpha 语言模型"), ("pages/books:llm-book-one", "自定义文字")):
        link = rf"\hyperref[\detokenize{{{target}}}]{{\sphinxcrossref{{\DUrole{{llm-xref}}{{{text}}}}}}}"
        assert link in tex, text
    assert r"\sphinxcode" not in tex


def test_records_in_general_index_and_search_index(app) -> None:
    app.build()
    index = soup(app.outdir / "genindex.html")
    entries = texts(index.select("table.indextable a"))
    assert "Alpha 语言模型" in entries and "The Book" in entries
    raw = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    index_data = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])
    names = {entry[3]: entry[4] for entries in index_data["objects"].values() for entry in entries}
    # A record's name is its title, then the words a learner searches (site/words.py).
    title, _, words = names["llm-alpha-101"].partition(labels.SEARCH_SEPARATOR)
    assert title == "Alpha 语言模型"
    assert {"张老师", "甲大学", labels.IN_CHINESE} <= set(words.split(labels.SEPARATOR))
    assert names["llm-gamma-syllabus"].partition(labels.SEARCH_SEPARATOR)[0] == "Gamma Syllabus"


@pytest.mark.sphinx("html", testroot="unknown-ids")
def test_unknown_ids_warn_at_their_location(app) -> None:
    app.build()
    warnings = warnings_of(app)
    assert re.search(r"index\.md:\d+: WARNING: unknown catalog id 'alpah-101'; did you mean 'alpha-101'\?", warnings)
    assert re.search(r"index\.md:\d+: WARNING: unknown course id 'nope'", warnings)
    assert "[llm_catalog.unknown_id]" in warnings
    assert re.search(r"index\.md:\d+: WARNING: unknown count 'lessons'; use one of: categories, ", warnings)


@pytest.mark.sphinx("html", testroot="unshown")
def test_record_not_on_any_page_is_reported(app) -> None:
    app.build()
    warnings = warnings_of(app)
    assert re.search(r"catalog\.yaml:\d+: WARNING: 'res-list' is in the data file but not shown on any page", warnings)
    assert warnings.count("[llm_catalog.not_shown]") == 1


@pytest.mark.sphinx("html", testroot="duplicate")
def test_record_shown_twice_is_reported(app) -> None:
    app.build()
    assert re.search(r"repeat\.md:\d+: WARNING: 'alpha-101' is already shown in .*cards\.md", warnings_of(app))


@pytest.mark.sphinx("html", testroot="directive-misuse")
def test_directive_misuse_is_an_error(app) -> None:
    app.build()
    assert re.search(
        r"index\.md:\d+: ERROR: give either course ids as arguments or the :category: option", warnings_of(app)
    )


@pytest.mark.sphinx("latex", testroot="basic", srcdir="basic-latex")
def test_latex_output_keeps_links_and_internal_references(app) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert warnings_of(app) == ""
    # Cards are plain entries: bold title, external links kept, no sphinx-design markup.
    assert r"\sphinxstylestrong{Alpha 语言模型}" in tex
    assert r"\sphinxhref{https://alpha.example.org/}{网站}" in tex
    assert "sd-card" not in tex
    # Print shows a book's publisher and year like the web card does.
    assert "Example Press，2023 年" in tex
    # Roles become internal hyperlinks to the card's label.
    assert re.search(r"\\hyperref\[\\detokenize\{pages/courses:llm-alpha-101\}\]", tex)
    assert r"\label{\detokenize{pages/courses:llm-alpha-101}}" in tex


def test_setup_metadata_is_honest(app) -> None:
    ext = app.extensions["llm_catalog"]
    assert ext.parallel_read_safe is True and ext.parallel_write_safe is True
    assert ext.metadata["env_version"] >= 1
    assert ext.version != "unknown version"


def rebuilt(make_app, srcdir: Path) -> tuple[object, list[str]]:
    """Build the warm root *srcdir* again; the app and the documents it re-read."""
    app = make_app("html", srcdir=srcdir)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    return app, sorted(read)


def test_data_edit_rebuilds_exactly_the_pages_that_show_data(make_app, warm) -> None:
    root = warm.restore("basic")
    data = root / "_data" / "catalog.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("title: Beta Attention", "title: Beta 注意力"), encoding="utf-8"
    )
    app2, read = rebuilt(make_app, root)
    # The course's card and the syllabus chapter that lists it; the index only links to it
    # (tests/test_rebuild.py has the other edits).
    assert read == ["pages/courses", "pages/syllabus"]
    assert (
        card(soup(app2.outdir / "pages" / "courses.html"), "beta-course")
        .select_one(".sd-card-title")
        .get_text(strip=True)
        == "Beta 注意力"
    )
    syllabus = soup(app2.outdir / "pages" / "syllabus.html")
    assert "Beta 注意力" in texts(syllabus.select(".llm-chapter-related a"))
    assert "Beta 注意力" in soup(app2.outdir / "index.html").get_text()


def test_page_edit_rereads_only_that_page(make_app, warm) -> None:
    root = warm.restore("basic")
    page = root / "pages" / "books.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    assert rebuilt(make_app, root)[1] == ["pages/books"]


@pytest.mark.sphinx("html", testroot="basic", srcdir="basic-parse-once")
def test_data_file_is_parsed_once_per_build(make_app, app_params, monkeypatch) -> None:
    from llm_catalog.data import yamlsource

    calls: list[Path] = []
    original = yamlsource.read
    monkeypatch.setattr(yamlsource, "read", lambda path: calls.append(path) or original(path))
    args, kwargs = app_params
    app = make_app(*args, **kwargs)
    app.build(force_all=True)
    assert len(calls) == 1
    assert len(app.env.found_docs) == 7


def merged_in_parallel(app) -> list[set[str]]:
    """Docnames merged back from worker processes: proof the read really ran in parallel."""
    merged: list[set[str]] = []
    app.connect("env-merge-info", lambda app, env, docnames, other: merged.append(set(docnames)))
    return merged


@pytest.mark.sphinx("html", testroot="basic", srcdir="basic-parallel", parallel=2)
def test_parallel_build_matches_serial(app, make_app, app_params, tmp_path) -> None:
    merged = merged_in_parallel(app)
    app.build()
    assert warnings_of(app) == ""
    assert len(merged) >= 2
    serial = make_app("html", srcdir=app.srcdir, builddir=tmp_path / "serial")
    serial.build()

    def cards_of(outdir: Path) -> dict[str, list[str]]:
        found = {}
        for page in sorted(Path(outdir).rglob("*.html")):
            ids = [el["id"] for el in soup(page).select("[id^=llm-]")]
            if ids:
                found[str(page.relative_to(outdir))] = ids
        return found

    assert cards_of(app.outdir) == cards_of(serial.outdir)
    index_links = lambda out: sorted(a["href"] for a in soup(Path(out) / "index.html").select("a[href*='#llm-']"))  # noqa: E731
    assert index_links(app.outdir) == index_links(serial.outdir) != []


def test_pages_that_show_data_depend_on_every_module_of_the_extension() -> None:
    """Output rendered from the data depends on the extension's code as well as on the data."""
    from llm_catalog.site import domain

    package = Path(domain.__file__).parents[1]
    assert set(domain._PACKAGE_FILES) == {str(path) for path in package.rglob("*.py")}


def test_extension_edit_rereads_the_pages_that_show_data(make_app, warm, monkeypatch, tmp_path: Path) -> None:
    """An edit to the rendering code must reach the cards in an incremental build (livehtml).

    The pages depend on the extension's files (previous test); here on a copy of one of them, which
    the test "edits" (never a file of the checkout, which other builds may be reading)."""
    import os
    import time

    import llm_catalog.cards.render
    from llm_catalog.site import domain

    copy = tmp_path / "render.py"
    copy.write_bytes(Path(llm_catalog.cards.render.__file__).read_bytes())
    monkeypatch.setattr(domain, "_PACKAGE_FILES", (*domain._PACKAGE_FILES, str(copy)))
    # A warm root of its own (the configuration names it), built after the patch: its pages
    # note the copy among their dependencies.
    root = warm.restore("basic", llm_catalog_file="_data/catalog.yaml")
    stat = copy.stat()
    os.utime(copy, (stat.st_atime, time.time() + 2))  # "edited" after the build
    assert rebuilt(make_app, root)[1] == ["index", "pages/books", "pages/courses", "pages/syllabus"]


@pytest.mark.sphinx("html", testroot="duplicate", srcdir="duplicate-parallel", parallel=2)
def test_record_shown_twice_is_reported_in_a_parallel_build(app) -> None:
    merged = merged_in_parallel(app)
    app.build()
    assert len(merged) >= 2
    assert "'alpha-101' is already shown in" in warnings_of(app)


def test_a_heading_taken_from_the_data_follows_a_rename_everywhere(make_app, root_copy: Path) -> None:
    """``# {llm:title}`core``` is the category's title: the page's heading, every page's sidebar
    and the printed chapter follow a rename in the data file, in an incremental build too."""
    (root_copy / "pages" / "kind.md").write_text("# {llm:title}`core`\n\n这一类的说明。\n", encoding="utf-8")
    index = root_copy / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("pages/notes-c\n", "pages/notes-c\npages/kind\n"))
    data = root_copy / "_data" / "catalog.yaml"
    old = re.search(r"- id: core\n\s+title: (.+)\n", data.read_text(encoding="utf-8")).group(1)

    def headings(app) -> tuple[str, list[str]]:
        page = soup(Path(app.outdir) / "pages" / "kind.html")
        sidebar = soup(Path(app.outdir) / "pages" / "notes-a.html").select("a.reference.internal")
        return page.h1.get_text().rstrip("¶"), [a.get_text() for a in sidebar]

    # Every page's sidebar lists the whole toctree, as furo's does.
    sidebars = {"html_sidebars": {"**": ["globaltoc.html"]}}
    app = make_app("html", srcdir=root_copy, confoverrides=sidebars)
    app.build()
    heading, sidebar = headings(app)
    assert heading == old and old in sidebar
    assert "unknown" not in warnings_of(app)

    data.write_text(data.read_text(encoding="utf-8").replace(f"title: {old}\n", "title: 改名后的类别\n", 1))
    app = make_app("html", srcdir=root_copy, confoverrides=sidebars)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    assert "pages/kind" in read and "pages/notes-a" not in read  # not re-read, but written again
    heading, sidebar = headings(app)
    assert heading == "改名后的类别" and "改名后的类别" in sidebar and old not in sidebar

    text = make_app("text", srcdir=root_copy)
    text.build()
    assert (Path(text.outdir) / "pages" / "kind.txt").read_text(encoding="utf-8").startswith("改名后的类别\n")


def test_an_unknown_id_in_a_heading_is_a_located_warning(make_app, root_copy: Path) -> None:
    (root_copy / "pages" / "notes-a.md").write_text("# {llm:title}`cor`\n\n正文。\n", encoding="utf-8")
    app = make_app("html", srcdir=root_copy)
    app.build()
    warned = warnings_of(app)
    assert "notes-a.md:1" in warned and "unknown catalog id 'cor'" in warned and "'core'" in warned

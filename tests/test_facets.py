"""Facets on the built site: every card states cost, Chinese access and study time; the filter
page lists every record once without stealing their anchors; the Chinese-access table."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import REPO, soup, sphinx_build

DATA = yaml.safe_load((REPO / "_data" / "catalog.yaml").read_text(encoding="utf-8"))
RECORDS = {item["id"]: (key, item) for key in ("courses", "books", "resources") for item in DATA[key]}
CATEGORY_PAGES = [f"materials/{c['id']}.html" for c in DATA["categories"]] + [
    "textbooks/index.html",
    "resources/index.html",
]
FILTER_ASSETS = ("llm-filter.js", "llm-filter.css")


def in_chinese(item: dict) -> bool:
    return item.get("language") == "zh" or bool(item.get("chinese"))


def card_columns(page) -> dict[str, object]:
    return {col["data-llm-id"]: col for col in page.select("[data-llm-id]")}


def cards_by_anchor(site: Path) -> dict[str, object]:
    found = {}
    for name in CATEGORY_PAGES:
        for card in soup(site / name).select(".llm-card[id]"):
            found[card["id"].removeprefix("llm-")] = card
    return found


def test_every_card_states_cost_chinese_access_and_time(site: Path) -> None:
    cards = cards_by_anchor(site)
    assert set(cards) == set(RECORDS)
    for rid, (_, item) in RECORDS.items():
        cost, chinese, hours = cards[rid].select_one(".llm-card-facets").get_text().split(" · ")
        assert (cost == "费用未知") == ("cost" not in item), rid
        assert (hours == "时长未知") == ("effort" not in item), rid
        if "effort" in item:
            assert re.search(rf"(?<!\d){item['effort']['hours']} 小时", hours), (rid, hours)
            assert ("估计" in hours) == (item["effort"]["basis"] == "estimate"), rid
        assert (chinese == "未收录中文资料") == (not in_chinese(item)), (rid, chinese)


def test_the_issue_example_reads_as_promised(root_copy: Path, tmp_path: Path) -> None:
    """The issue's example card: a free record with a Chinese translation and one stated hour.
    (On a copy of the basic test root, so the wording is checked whatever the real catalog holds.)"""
    data = root_copy / "_data" / "catalog.yaml"
    text = data.read_text(encoding="utf-8").replace(
        "  - id: beta-course\n",
        "  - id: beta-course\n    cost: free\n    effort: {hours: 1, basis: stated}\n"
        '    chinese: [{kind: translation, url: "https://zh.example.org/beta"}]\n',
        1,
    )
    data.write_text(text, encoding="utf-8")
    result = sphinx_build(root_copy, tmp_path / "html", "-q")
    assert result.returncode == 0, result.stderr
    card = soup(tmp_path / "html" / "pages" / "courses.html").find(id="llm-beta-course")
    assert card.select_one(".llm-card-facets").get_text() == "免费 · 中文翻译 · 约 1 小时"


def test_every_chinese_aid_is_a_link_on_its_card(site: Path) -> None:
    cards = cards_by_anchor(site)
    aids = [(rid, aid) for rid, (_, item) in RECORDS.items() for aid in item.get("chinese", [])]
    assert len(aids) >= 8
    for rid, aid in aids:
        links = cards[rid].select(".llm-card-chinese a[href]")
        assert aid["url"] in [a["href"] for a in links], (rid, aid["url"])
        text = cards[rid].select_one(".llm-card-chinese").get_text()
        for detail in (aid.get("by"), aid.get("follows")):
            assert detail is None or detail in text, (rid, detail)


def test_filter_page_is_in_the_navigation_and_linked_from_home(site: Path) -> None:
    home = soup(site / "index.html")
    assert home.select_one('article a[href="find.html"]'), "the home page text links to the filter page"
    for name in ("index.html", "materials/index.html", "resources/index.html"):
        nav = soup(site / name).select_one(".sidebar-tree")
        assert nav.select_one('a[href$="find.html"]'), name


def test_filter_page_lists_every_record_once_as_copies(site: Path) -> None:
    page = soup(site / "find.html")
    columns = page.select(".llm-filter-listing [data-llm-id]")
    assert sorted(col["data-llm-id"] for col in columns) == sorted(RECORDS)
    for col in columns:
        rid = col["data-llm-id"]
        assert not col.select("[id]"), f"the copy of {rid} must not take the record's anchor"
        title = col.select_one(".llm-card-title a")
        assert title is not None and title["href"].endswith(f".html#llm-{rid}"), rid
        target = site / title["href"].split("#")[0]
        assert soup(target).select_one(f"#llm-{rid}"), rid


def test_facet_attributes_match_the_data(site: Path) -> None:
    columns = card_columns(soup(site / "find.html"))
    for rid, (key, item) in RECORDS.items():
        col = columns[rid]
        assert col["data-llm-cost"] == item.get("cost", "unknown")
        assert col["data-llm-level"] == item.get("level", "unknown")
        assert col["data-llm-lang"] == ("zh" if in_chinese(item) else "")
        assert col["data-llm-topic"].split() == (item.get("topics") or ["unknown"])
        links = [*item.get("links", []), *(link for o in item.get("offerings", []) for link in o.get("links", []))]
        kinds = {link["kind"] for link in links}
        formats = set(col["data-llm-format"].split())
        assert ("video" in formats) == ("video" in kinds or (item.get("kind") == "video" and key == "resources"))
        assert ("code" in formats) == ("code" in kinds)
        assert ("book" in formats) == (key == "books")


def test_filter_only_where_it_is_used(site: Path) -> None:
    with_filter = {"find.html", *CATEGORY_PAGES}
    for path in site.rglob("*.html"):
        name = str(path.relative_to(site))
        page = soup(path)
        assets = [tag.get("src") or tag.get("href") or "" for tag in page.select("script[src], link[rel=stylesheet]")]
        has_assets = [a for a in assets if any(asset in a for asset in FILTER_ASSETS)]
        if name in with_filter:
            form = page.select_one("form.llm-filter")
            assert form is not None and form.has_attr("hidden"), name
            assert len(has_assets) == 2, name
            assert page.select("[data-llm-id]"), name
        else:
            assert not page.select("form.llm-filter") and not has_assets, name
            assert not page.select("[data-llm-id]"), name


def test_category_filter_offers_only_values_found_on_the_page(site: Path) -> None:
    page = soup(site / "textbooks/index.html")
    offered = {box["name"] for box in page.select("form.llm-filter input")}
    # Books have no level: a level control with one value could not narrow anything.
    assert "level" not in offered and "topic" in offered
    books = DATA["books"]
    topics = {t for b in books for t in b.get("topics") or ["unknown"]}  # a book without topics: 未知
    assert {box["value"] for box in page.select("form.llm-filter input[name=topic]")} == topics


def test_chinese_table_lists_exactly_the_records_studyable_in_chinese(site: Path) -> None:
    table = soup(site / "find.html").select_one("table.llm-chinese-table")
    rows = table.select("tbody tr")
    titles = [row.select_one("td").get_text(strip=True) for row in rows]
    want = [item["title"] for _, item in RECORDS.values() if in_chinese(item)]
    assert titles == want
    for row, (_, item) in zip(rows, [r for r in RECORDS.values() if in_chinese(r[1])], strict=True):
        hrefs = [a["href"] for a in row.select("td")[2].select("a[href]")]
        assert hrefs == [aid["url"] for aid in item.get("chinese", [])]
        assert (item.get("language") == "zh") == ("中文原版" in row.select("td")[2].get_text())


def test_other_builders_drop_the_filter_and_keep_the_table(tmp_path: Path) -> None:
    """Builders without the filter (here plain text) get the table and never the form or copies."""
    from conftest import sphinx_build

    out = tmp_path / "text"
    result = sphinx_build(REPO, out, "-n", "-W", "--keep-going", "-d", str(tmp_path / "doctrees"), builder="text")
    assert result.returncode == 0, result.stderr
    text = (out / "find.txt").read_text(encoding="utf-8")
    assert "清除全部条件" not in text
    assert "中文学习途径" in text  # the table's heading row
    for rid, (_, item) in RECORDS.items():
        assert item["note"] not in text, rid  # the card copies are web-only

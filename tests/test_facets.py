"""Facets on the built site: every card states cost, Chinese access and study time; the filter
page lists every record once without stealing their anchors; the Chinese-access table."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from test_filter import expected_cost, expected_derivation

from conftest import parsed, shared_build, soup, sphinx_build
from llm_catalog.data import yamlsource
from sites import Project

FILTER_ASSETS = ("llm-filter.js", "llm-filter.css")


def records(data: dict) -> dict[str, tuple[str, dict]]:
    """Every card's record of the data file (plain YAML), by id, with the list it is in."""
    return {item["id"]: (key, item) for key in ("courses", "books", "resources") for item in data[key]}


def category_pages(data: dict) -> list[str]:
    """The pages with cards: one per course category of the data, the textbooks and the resources."""
    return [f"materials/{c['id']}.html" for c in data["categories"]] + [
        "textbooks/index.html",
        "resources/index.html",
    ]


def aids(item: dict) -> list[dict]:
    return (item.get("chinese") or {}).get("aids", [])


def in_chinese(item: dict) -> bool:
    return item.get("language") == "zh" or bool(aids(item))


def duration(minutes: int) -> str:
    """``3 小时 31 分钟`` as a card writes a length read from the videos."""
    hours, rest = divmod(minutes, 60)
    return " ".join(part for part in (f"{hours} 小时" if hours else "", f"{rest} 分钟" if rest else "") if part)


def fact_sources(item: dict) -> list[str]:
    """The addresses the facts line links as 依据: each fact's sources, a derived cost's link."""
    derived = expected_derivation(item)
    cost = [derived[1]] if derived else (item.get("cost") or {}).get("sources", [])
    return cost + [url for name in ("effort", "pages") for url in (item.get(name) or {}).get("sources", [])]


def card_columns(page) -> dict[str, object]:
    return {col["data-llm-id"]: col for col in page.select("[data-llm-id]")}


def cards_by_anchor(site: Path, data: dict) -> dict[str, object]:
    """The cards of the variant's pages (parsed once: read them, never change them)."""
    found = {}
    for name in category_pages(data):
        for card in parsed(site / name).select(".llm-card[id]"):
            found[card["id"].removeprefix("llm-")] = card
    return found


COST_WORDS = {"free": "免费", "free-to-audit": "可免费旁听", "paid": "付费"}
KIND_WORDS = {"video": "小时视频", "class": "小时课堂时间", "stated": "小时（课程给出）"}


#: After a card's facts, once: the month of the oldest check of them.
CHECKED = re.compile(r"（(\d{4}-\d{2}) 查证）$")


def facts_parts(card) -> tuple[list[str], list[str], str | None]:
    """The facts line of a card as its parts without the source links, the links' addresses,
    and the month it says the facts were checked (once, at its end)."""
    line = copy.copy(card.select_one(".llm-card-facets"))  # the page is shared: change a copy
    hrefs = [a["href"] for a in line.select("a.llm-source")]
    for link in line.select("a.llm-source"):
        link.decompose()
    text = line.get_text()
    month = CHECKED.search(text)
    return CHECKED.sub("", text).split(" · "), hrefs, month.group(1) if month else None


def test_every_card_states_cost_chinese_access_and_time_with_sources(site: Path, data: dict) -> None:
    cards = cards_by_anchor(site, data)
    assert set(cards) == set(records(data))
    for rid, (_, item) in records(data).items():
        parts, hrefs, month = facts_parts(cards[rid])
        cost, chinese, *rest = parts
        derived = expected_derivation(item)
        # The oldest check of the facts read (a derived cost's date is its link's, not a check).
        read = ("cost", "effort", "workload", "pages", "chinese")
        days = [item[name]["checked"] for name in read if name in item and not (name == "cost" and derived)]
        assert month == (min(days)[:7] if days else None), rid
        fact = item.get("cost")
        if derived is not None:  # nobody read a cost, and a stated rule derives it from a link
            assert cost == f"{derived[0]}（由链接推断）", rid
        elif fact is None:
            assert cost == "费用未查", rid
        elif fact["value"] == "unknown":
            assert cost == "费用未确认", rid
        else:
            assert cost == COST_WORDS[fact["value"]], rid
        effort, pages = item.get("effort"), item.get("pages")
        hours = rest[0] if effort is not None or pages is None else None
        if effort is None and pages is None:
            assert hours == "时长未查", rid
        elif effort is not None and effort["kind"] == "unknown":
            assert hours == "时长未确认", rid
        elif effort is not None and "videos" in effort:  # lengths read from the videos: their total
            total = duration(effort["total_minutes"])
            want = f"视频时长 {total}" if effort["videos"] == 1 else f"{effort['videos']} 个视频共 {total}"
            assert hours == want, rid
        elif effort is not None:
            figure = f"{effort['hours']}–{effort['hours_to']}" if "hours_to" in effort else str(effort["hours"])
            assert f"{figure} {KIND_WORDS[effort['kind']]}" in hours, (rid, hours)
            if "lectures" in effort:  # a derived figure shows its derivation, a range as a range
                each = f"{effort['minutes']}–{effort['minutes_to']}" if "minutes_to" in effort else effort["minutes"]
                assert hours.startswith(f"{effort['lectures']} 讲 × {each} 分钟 ≈ "), (rid, hours)
        if pages is not None:
            assert rest[-1] == f"{pages['count']} 页", rid
        if item.get("language") == "zh":
            assert chinese == "中文原版", rid
        elif aids(item):
            assert "中文" in chinese or "搬运" in chinese, rid
        elif (item.get("chinese") or {}).get("unconfirmed"):  # heard of, not confirmed
            assert chinese == "中文资料未确认", (rid, chinese)
        elif "chinese" in item:
            assert chinese == "暂无中文资料", (rid, chinese)
        else:
            assert chinese == "中文资料未查", rid
        assert hrefs == fact_sources(item), rid


def test_source_links_say_what_they_support(site: Path, data: dict) -> None:
    """Each 依据 link is titled with the fact and the site, and opens the page it names."""
    seen = 0
    for card in cards_by_anchor(site, data).values():
        for link in card.select(".llm-card-facets a.llm-source"):
            seen += 1
            host = link["href"].split("/")[2]
            assert link.get_text().startswith("依据")
            assert "的依据：" in link["title"] and host in link["title"], link
    # One link for each source of a cost, study time or page count the data gives, and for the
    # link a derived cost is derived from (and no other).
    assert seen == sum(len(fact_sources(item)) for _, item in records(data).values())


def test_fact_notes_fold_under_a_disclosure_with_their_dates(site: Path, data: dict) -> None:
    cards = cards_by_anchor(site, data)
    for rid, (_, item) in records(data).items():
        notes = cards[rid].select_one("details.llm-card-factnotes")
        stated = [item[name] for name in ("cost", "effort", "pages", "chinese") if name in item]
        if not stated and expected_derivation(item) is None:
            assert notes is None, rid
            continue
        assert notes is not None and not notes.has_attr("open"), rid
        assert notes.select_one("summary").get_text() == "查证说明"
        text = notes.get_text()
        derived = expected_derivation(item)
        if derived is not None:  # the note says the cost is derived, and why that follows
            assert f"{derived[0]}（由链接推断）：" in text, rid
            stated = [fact for fact in stated if fact is not item.get("cost")]
        for fact in stated:
            assert f"（{fact['checked']} 查证）" in text, rid
            assert fact.get("note") is None or fact["note"] in text, rid


def test_the_issue_example_reads_as_promised(root_copy: Path, tmp_path: Path) -> None:
    """The issue's example card: a free record with a Chinese translation and one stated hour, each
    fact with its source. (On a copy of the basic test root, so the wording is checked whatever the
    real catalog holds.)"""
    data = root_copy / "_data" / "catalog.yaml"
    text = data.read_text(encoding="utf-8").replace(
        "  - id: beta-course\n",
        "  - id: beta-course\n"
        '    cost: {value: free, sources: ["https://beta.example.org/about"], checked: "2026-11-30"}\n'
        '    effort: {kind: video, hours: 23, lectures: 17, minutes: 80, sources: ["https://beta.example.org/videos"],'
        ' checked: "2026-11-30"}\n'
        '    chinese: {checked: "2026-11-30", aids: [{kind: translation, url: "https://zh.example.org/beta"}]}\n',
        1,
    )
    data.write_text(text, encoding="utf-8")
    result = sphinx_build(root_copy, tmp_path / "html", "-q")
    assert result.returncode == 0, result.stderr
    card = soup(tmp_path / "html" / "pages" / "courses.html").find(id="llm-beta-course")
    line = card.select_one(".llm-card-facets")
    assert line.get_text() == "免费依据 · 中文翻译 · 17 讲 × 80 分钟 ≈ 23 小时视频依据（2026-11 查证）"
    assert [a["href"] for a in line.select("a.llm-source")] == [
        "https://beta.example.org/about",
        "https://beta.example.org/videos",
    ]


def test_looked_and_found_nothing_differs_from_never_looked(root_copy: Path, tmp_path: Path) -> None:
    data = root_copy / "_data" / "catalog.yaml"
    text = data.read_text(encoding="utf-8").replace(
        "  - id: beta-course\n",
        '  - id: beta-course\n    chinese: {checked: "2026-11-30", note: B 站和 GitHub 上都没有找到。}\n'
        '    cost: {value: unknown, checked: "2026-11-30", note: 两处来源说法不一。}\n',
        1,
    )
    data.write_text(text, encoding="utf-8")
    result = sphinx_build(root_copy, tmp_path / "html", "-q")
    assert result.returncode == 0, result.stderr
    page = soup(tmp_path / "html" / "pages" / "courses.html")
    looked, _, month = facts_parts(page.find(id="llm-beta-course"))
    assert looked == ["费用未确认", "暂无中文资料", "时长未查"] and month == "2026-11"
    notes = page.find(id="llm-beta-course").select_one("details.llm-card-factnotes").get_text()
    assert "两处来源说法不一。" in notes and "B 站和 GitHub 上都没有找到。" in notes
    never = page.find(id="llm-gamma-build")  # an English course nobody looked at
    assert facts_parts(never)[:3:2] == (["费用未查", "中文资料未查", "时长未查"], None)
    assert never.select_one("details.llm-card-factnotes") is None


def test_every_chinese_aid_is_a_link_on_its_card(site: Path, data: dict) -> None:
    cards = cards_by_anchor(site, data)
    found = [(rid, aid) for rid, (_, item) in records(data).items() for aid in aids(item)]
    # The cards link each aid and its sources, and nothing else under 中文资料.
    shown = [a for card in cards.values() for a in card.select(".llm-card-chinese a[href]")]
    assert len(shown) == sum(1 + len(aid.get("sources", [])) for _, aid in found)
    for rid, aid in found:
        links = cards[rid].select(".llm-card-chinese a[href]")
        assert aid["url"] in [a["href"] for a in links], (rid, aid["url"])
        for source in aid.get("sources", []):
            assert source in [a["href"] for a in links], (rid, source)
        text = cards[rid].select_one(".llm-card-chinese").get_text()
        for detail in (aid.get("by"), aid.get("follows")):
            assert detail is None or detail in text, (rid, detail)


def test_filter_page_is_in_the_navigation_and_linked_from_home(site: Path) -> None:
    home = parsed(site / "index.html")
    assert home.select_one('article a[href="find.html"]'), "the home page text links to the filter page"
    for name in ("index.html", "materials/index.html", "resources/index.html"):
        nav = parsed(site / name).select_one(".sidebar-tree")
        assert nav.select_one('a[href$="find.html"]'), name


def test_filter_page_lists_every_record_once_as_a_compact_row(site: Path, data: dict) -> None:
    """Without JavaScript the filter page lists every record, one row each (no copy of its card):
    the title links to the record's own card, one line of facts follows."""
    page = parsed(site / "find.html")
    rows = page.select(".llm-filter-listing [data-llm-id]")
    by_id = records(data)
    assert sorted(row["data-llm-id"] for row in rows) == sorted(by_id)
    assert not page.select(".llm-filter-listing .llm-card"), "no card copies on the filter page"
    for row in rows:
        rid = row["data-llm-id"]
        assert row.name == "li" and not row.select("[id]"), f"the row of {rid} must not take the record's anchor"
        title = row.select_one("a[href]")
        assert title is not None and title["href"].endswith(f".html#llm-{rid}"), rid
        assert title.get_text() == by_id[rid][1]["title"], rid
        target = site / title["href"].split("#")[0]
        assert parsed(target).select_one(f"#llm-{rid}"), rid


def facet_sets(col) -> dict[str, set[str]]:
    sets = {
        key: set(col.get(f"data-llm-{key}", "").split()) for key in ("level", "lang", "format", "cost", "year", "topic")
    }
    # A page writes the 仓库 facet only where it offers it (some record there was checked); not
    # written means nobody checked this record's repository: unknown.
    sets["fresh"] = set(col.get("data-llm-fresh", "unknown").split())
    return sets


def test_facet_attributes_match_the_data(site: Path, data: dict) -> None:
    columns = {rid: col for name in category_pages(data) for rid, col in card_columns(parsed(site / name)).items()}
    for rid, (key, item) in records(data).items():
        col = columns[rid]
        assert col["data-llm-cost"] == expected_cost(item)
        assert col.get("data-llm-level", "unknown") == item.get("level", "unknown")
        assert col["data-llm-lang"] == ("zh" if in_chinese(item) else "")
        assert col["data-llm-topic"].split() == (item.get("topics") or ["unknown"])
        links = [*item.get("links", []), *(link for o in item.get("offerings", []) for link in o.get("links", []))]
        kinds = {link["kind"] for link in links}
        formats = set(col["data-llm-format"].split())
        assert ("video" in formats) == ("video" in kinds or (item.get("kind") == "video" and key == "resources"))
        assert ("code" in formats) == ("code" in kinds)
        assert ("book" in formats) == (key == "books")


def test_compact_rows_carry_the_facets_of_the_cards_as_box_numbers(site: Path, data: dict) -> None:
    """A row's ``data-llm-f`` numbers the form's boxes it matches: decoded, they are its card's
    facets, less the values no box offers (which cannot be ticked)."""
    page = parsed(site / "find.html")
    boxes = [(box["name"], box["value"]) for box in page.select("form.llm-filter input[type=checkbox]")]
    offered = set(boxes)
    cards = {rid: col for name in category_pages(data) for rid, col in card_columns(parsed(site / name)).items()}
    for row in page.select(".llm-filter-listing [data-llm-id]"):
        decoded = {boxes[int(n)] for n in row.get("data-llm-f", "").split()}
        want = {(k, v) for k, values in facet_sets(cards[row["data-llm-id"]]).items() for v in values} & offered
        assert decoded == want, row["data-llm-id"]


def test_filter_only_where_it_is_used(site: Path, data: dict) -> None:
    with_filter = {"find.html", *category_pages(data)}
    for path in site.rglob("*.html"):
        name = str(path.relative_to(site))
        page = parsed(path)
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


def test_category_filter_offers_only_values_found_on_the_page(site: Path, data: dict) -> None:
    page = parsed(site / "textbooks/index.html")
    offered = {box["name"] for box in page.select("form.llm-filter input")}
    books = data["books"]
    topics = {t for b in books for t in b.get("topics") or ["unknown"]}  # a book without topics: 未知
    # Books have no level: a level control with one value could not narrow anything. The topics
    # are offered when the books have more than one (else they could not narrow anything either).
    assert "level" not in offered
    assert ("topic" in offered) == (len(topics) > 1)
    shown = {box["value"] for box in page.select("form.llm-filter input[name=topic]")}
    assert shown == (topics if len(topics) > 1 else set())


def test_chinese_table_lists_exactly_the_records_studyable_in_chinese(site: Path, data: dict) -> None:
    # On the web the table has its own page (it grows with the catalog); print keeps it on find.
    table = parsed(site / "chinese.html").select_one("table.llm-chinese-table")
    assert parsed(site / "find.html").select_one('article a[href="chinese.html"]'), "find links to the table"
    rows = table.select("tbody tr")
    titles = [row.select_one("td").get_text(strip=True) for row in rows]
    chinese = [item for _, item in records(data).values() if in_chinese(item)]
    want = [item["title"] for item in chinese]
    assert titles == want
    for row, item in zip(rows, chinese, strict=True):
        hrefs = [a["href"] for a in row.select("td")[2].select("a[href]")]
        assert hrefs == [url for aid in aids(item) for url in (aid["url"], *aid.get("sources", []))]
        assert (item.get("language") == "zh") == ("中文原版" in row.select("td")[2].get_text())


def test_other_builders_drop_the_filter_and_keep_the_table(project: Project, data: dict) -> None:
    """Builders without the filter (here plain text) get the table and never the form or copies."""
    out = shared_build(project, "text")  # strict: nitpicky, warnings are errors
    text = (out / "find.txt").read_text(encoding="utf-8")
    assert "清除全部条件" not in text
    assert "中文学习途径" in text  # the table's heading row
    # The card copies are web-only. A note short enough to occur in other words (a drawn note of
    # one character) proves nothing either way.
    for rid, (_, item) in records(data).items():
        if len(item["note"]) >= 16:
            assert item["note"] not in text, rid


@pytest.mark.sphinx("html", testroot="fields", freshenv=True)
def test_a_stated_workload_and_a_chinese_aids_source_say_where_and_when(built) -> None:
    """课外: what a course states beyond its lectures, with its 依据 titled with the day it was read;
    the 依据 of a Chinese aid is dated with the day the aids were looked for."""
    data = yamlsource.read(Path(built.srcdir) / "_data" / "catalog.yaml").data
    pages = list((Path(built.outdir) / "pages").glob("*.html"))
    cards = {card["id"]: card for page in pages for card in soup(page).select(".llm-card[id]")}
    seen = 0
    for item in (i for key in ("courses", "books", "resources") for i in data[key]):
        card = cards[f"llm-{item['id']}"]
        workload = item.get("workload")
        line = card.select_one(".llm-card-workload")
        if workload is None:
            assert line is None, item["id"]
        else:
            seen += 1
            assert line.get_text().startswith("课外：" + workload["says"] + "依据"), item["id"]
            (source,) = line.select("a.llm-source")
            assert source["href"] == workload["sources"][0]
            assert workload["checked"] in source["title"] and "课外" in source["title"]
        for aid in (item.get("chinese") or {}).get("aids", []):
            for url in aid.get("sources", []):
                link = card.select_one(f'.llm-card-chinese a.llm-source[href="{url}"]')
                seen += 1
                assert link is not None and f"（{item['chinese']['checked']} 查证）" in link["title"], item["id"]
    assert seen >= 2  # the root states a workload and an aid's source

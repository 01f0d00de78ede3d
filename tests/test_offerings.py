"""Issue 20, items 2 and 5: a course taught again lists its offerings (the card shows the newest
and folds the earlier ones; print lists them all), and 最近收录 speaks a reader's words, grouped by
day, newest first, with the feed in the same order. The bad inputs are in tests/data/invalid/offerings.yaml."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from test_opendata import strict_feed, words

from conftest import REPO, SCHEMA_FILE, soup

ROOT_DATA = REPO / "tests" / "roots" / "test-opendata" / "_data" / "catalog.yaml"
INVENTORY = yaml.safe_load((REPO / "tests" / "seed_inventory.yaml").read_text(encoding="utf-8"))
#: Addresses of the seed page (tests/seed_inventory.yaml) that are terms of one course each: the
#: guide keeps each group as one course with its offerings, not as a record per term.
SEED_TERMS = (
    {"https://self-supervised.cs.jhu.edu/sp2024/", "https://self-supervised.cs.jhu.edu/sp2023/"},
    {
        "https://github.com/yandexdataschool/nlp_course/tree/2023/",
        "https://github.com/yandexdataschool/nlp_course/tree/2022",
    },
)


# -- Offerings on the card ------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="opendata", freshenv=True)
def test_card_shows_the_newest_offering_and_folds_the_earlier_ones(built) -> None:
    card = soup(Path(built.outdir) / "pages" / "courses.html").find(id="llm-gamma-undated")
    # The newest offering's term is the card's term, its note is on the card, its links join the course's.
    assert "2025 秋" in words(card.select_one(".llm-card-meta"))
    assert words(card.select_one(".llm-card-offering-note")) == "最新一期（2025 秋）：新增了智能体一讲。"
    links = [a["href"] for a in card.select(".llm-card-links a")]
    assert links == ["https://gamma.example.org/", "https://gamma.example.org/2025/videos"]
    # The earlier ones, newest first, in a native disclosure: closed on load, its summary the first child.
    (past,) = card.select("details")
    assert "open" not in past.attrs
    summary = past.find(recursive=False)
    assert summary.name == "summary" and words(summary) == "往期（2 期）"
    assert [words(li) for li in past.select("li")] == ["2024 秋：网站 · 2024 课件", "2023"]
    assert [a["href"] for a in past.select("a")] == [
        "https://gamma.example.org/2024/",
        "https://gamma.example.org/2024/slides",
    ]
    assert "2025 秋" not in words(past)


@pytest.mark.sphinx("html", testroot="opendata", freshenv=True)
def test_course_without_offerings_renders_as_before(built) -> None:
    card = soup(Path(built.outdir) / "pages" / "courses.html").find(id="llm-beta-course")
    assert card.select("details") == [] and card.select_one(".llm-card-offering-note") is None
    assert [a["href"] for a in card.select(".llm-card-links a")] == ["https://beta.example.org/"]


@pytest.mark.sphinx("latex", testroot="opendata", freshenv=True)
def test_print_lists_every_offering_as_plain_text(built) -> None:
    tex = next(Path(built.outdir).glob("*.tex")).read_text(encoding="utf-8")
    start = tex.index("各期（共 3 期，最新的在前）")
    block = tex[start : tex.index(r"\end{itemize}", start)]
    assert block.index("2025 秋") < block.index("2024 秋") < block.index("2023")
    for url in ("https://gamma.example.org/2025/videos", "https://gamma.example.org/2024/slides"):
        assert url in block
    assert "新增了智能体一讲" in block
    assert "往期" not in tex and "details" not in tex


@pytest.mark.sphinx("epub", testroot="opendata", freshenv=True, confoverrides={"copyright": "2026", "version": "1"})
def test_epub_lists_every_offering_without_a_disclosure(built) -> None:
    page = soup(Path(built.outdir) / "pages" / "courses.xhtml")
    card = page.find(id="llm-gamma-undated")
    assert card.select("details") == []
    offerings = card.select_one(".llm-card-offerings")
    assert words(offerings.select_one(".llm-card-offerings-title")) == "各期（共 3 期，最新的在前）"
    items = [words(li) for li in offerings.select("li")]
    assert [item.split("：")[0] for item in items] == ["2025 秋", "2024 秋", "2023"]
    assert "https://gamma.example.org/2024/slides" in items[1]  # the address is printed after the link


@pytest.mark.sphinx("html", testroot="opendata", freshenv=True)
def test_catalog_json_carries_the_offerings(built) -> None:
    data = json.loads((Path(built.outdir) / "catalog.json").read_text(encoding="utf-8"))
    (gamma,) = (r for r in data["records"] if r["id"] == "gamma-undated")
    raw = yaml.safe_load(ROOT_DATA.read_text(encoding="utf-8"))
    (course,) = (c for c in raw["courses"] if c["id"] == "gamma-undated")
    assert gamma["fields"]["offerings"] == course["offerings"]
    # The offering's video link counts for the format facet, as the card shows it.
    assert "video" in gamma["facets"]["format"]
    schema = json.loads((Path(built.outdir) / "catalog-schema.json").read_text(encoding="utf-8"))
    assert schema["definitions"]["offering"]["required"] == ["term", "start"]


def test_real_records_that_describe_several_terms_list_them_as_offerings(catalog, raw: dict) -> None:
    for terms in SEED_TERMS:
        assert terms <= set(INVENTORY["urls"])
        # One course has all of the terms' addresses, and an offering for each term.
        (course,) = (c for c in catalog.courses if terms & {link.url for link in c.all_links})
        assert terms <= {link.url for link in course.all_links}, course.id
        assert len(course.offerings) >= len(terms), course.id
    # Every course's offerings are the data file's, newest first as written; every address a course
    # and its offerings have is there, none invented.
    written = {item["id"]: item for item in raw["courses"]}
    for course in catalog.courses:
        item = written[course.id]
        offerings = item.get("offerings", [])
        assert [o.term for o in course.offerings] == [o["term"] for o in offerings], course.id
        owners = [item, *offerings]
        assert {link.url for link in course.all_links} == {
            link["url"] for owner in owners for link in owner.get("links", [])
        }, course.id


# -- 最近收录 and the feed ---------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="opendata", freshenv=True)
def test_recent_page_groups_by_day_and_the_feed_follows_its_order(built) -> None:
    out = Path(built.outdir)
    page = soup(out / "pages" / "recent.html")
    groups = []
    for day in page.select(".llm-recent-day"):
        listing = day.find_next_sibling("ul")
        groups.append((words(day), [a.get_text() for a in listing.select("a")]))
    assert groups == [
        ("2026 年 11 月 20 日，新增 2 项", ["Beta Attention", "第一本书"]),
        ("2026 年 10 月 1 日，新增 1 项", ["Alpha 语言模型"]),
        ("2026 年 9 月 15 日，新增 1 项", ["Delta 大纲"]),
    ]
    # The count in each heading is the number of its items.
    for heading, titles in groups:
        assert heading.endswith(f"新增 {len(titles)} 项")
    feed = strict_feed(out / "feed.xml")
    assert [entry.title for entry in feed.entries] == [t for _, titles in groups for t in titles]
    # Entries keep their own dates.
    assert [entry.published[:10] for entry in feed.entries] == ["2026-11-20", "2026-11-20", "2026-10-01", "2026-09-15"]


@pytest.mark.sphinx("html", testroot="opendata", freshenv=True)
def test_recent_page_speaks_no_developer_language(built) -> None:
    page = soup(Path(built.outdir) / "pages" / "recent.html")
    text = words(page.select_one(".llm-recent").parent)
    for word in ("added", "字段", "数据文件", "标注"):
        assert word not in text
    source = (REPO / "materials" / "recent.md").read_text(encoding="utf-8")
    prose = re.sub(r"```.*?```", "", source, flags=re.S)
    for word in ("added", "字段", "数据文件"):
        assert word not in prose


def test_link_tools_edit_the_links_of_offerings_in_place(tmp_path: Path) -> None:
    """The weekly check's edit (linkstate, archive) reaches an offering's link, changing only its line."""
    from llm_catalog.tools.datafile import DataFile

    path = tmp_path / "catalog.yaml"
    original = ROOT_DATA.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    data = DataFile(path, SCHEMA_FILE)
    (entry,) = data.links_to("https://gamma.example.org/2024/slides")
    assert entry.record == "gamma-undated"
    assert original.splitlines()[entry.line - 1].strip().startswith("- {kind: slides")
    assert entry.set("checked", "2026-11-01") and data.save()
    changed = path.read_text(encoding="utf-8").splitlines()
    before = original.splitlines()
    assert [n for n, (a, b) in enumerate(zip(before, changed, strict=True)) if a != b] == [entry.line - 1]
    assert 'checked: "2026-11-01"' in changed[entry.line - 1]

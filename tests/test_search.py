"""Chinese search works in a real browser: headless Chromium runs the site's own search page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import DATA_FILE, run_search, serve
from llm_catalog.data import labels
from llm_catalog.data.load import load


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


def search(browser, server: str, query: str) -> tuple[str, list[str]]:
    """Run a query on the served search.html; return the summary line and the result links."""
    return run_search(browser, server, query)


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("斯坦福", "materials/nlp-courses.html"),  # body text of a card (institution)
        ("人工智能", "materials/llm-courses.html"),  # inside a Chinese card title: 生成式人工智能导论
        ("论文列表", "materials/paper-seminars.html"),  # prose
        ("教学大纲", "materials/llm101n.html"),  # page title
        ("Transformer", "textbooks/index.html"),  # English words still work
    ],
)
def test_chinese_queries_find_their_pages(browser, server: str, query: str, page: str) -> None:
    summary, links = search(browser, server, query)
    assert links, f"no results for {query!r}: {summary}"
    assert summary == f"搜索完成，找到 {len(links)} 个匹配的页面。"
    assert any(page in link for link in links), (query, links)


def test_nonsense_query_finds_nothing(browser, server: str) -> None:
    summary, links = search(browser, server, "量子纠缠烤面包机")
    assert links == []
    # Sphinx's own Chinese message for an empty result (searchtools.js, translated in Sphinx 8.2).
    assert summary == "您的搜索没有匹配到文档。请确保关键词拼写正确，并且选择了合适的分类。"


# -- Search finds materials (issue 21): records are results of their own, above pages --------

CATALOG = load(DATA_FILE)


def results(browser, server: str, query: str, *, snippets: bool = False) -> list[dict[str, str]]:
    """Each result of *query*, in order: its kind (``object``, ``text`` ...), the card or page it
    links to (``page.html#anchor``), its link text and its whole text. With *snippets*, wait until
    every page result shows its snippet (searchtools.js fetches them after the list is shown)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    run_search(browser, server, query)
    items = "#search-results ul.search > li"
    if snippets:
        WebDriverWait(browser, 30).until(
            lambda driver: all(
                li.find_elements(By.CSS_SELECTOR, "p.context")
                for li in driver.find_elements(By.CSS_SELECTOR, f"{items}.kind-text")
            )
        )
    found = []
    for li in browser.find_elements(By.CSS_SELECTOR, items):
        link = li.find_element(By.CSS_SELECTOR, ":scope > a")
        kind = next(c.removeprefix("kind-") for c in li.get_attribute("class").split() if c.startswith("kind-"))
        target = link.get_attribute("href").removeprefix(server + "/")
        found.append({"kind": kind, "target": target, "title": link.text, "text": li.text})
    return found


def card_targets(records) -> set[str]:
    """Where the cards of *records* are: ``page.html#llm-id`` (from the built site's links)."""
    return {f"#llm-{record.id}" for record in records}


def first_cards(found: list[dict[str, str]], count: int) -> set[str]:
    """The card anchors of the first *count* results, which must all be records."""
    head = found[:count]
    assert all(result["kind"] == "object" for result in head), [(r["kind"], r["target"]) for r in head]
    return {"#" + result["target"].partition("#")[2] for result in head}


def test_a_person_finds_their_courses_first_the_recommended_one_on_top(browser, server: str) -> None:
    taught = [course for course in CATALOG.courses if "李宏毅" in course.instructors]
    assert len(taught) >= 2 and any(course.id == "ntu-genai-intro" for course in taught)
    found = results(browser, server, "李宏毅")
    assert first_cards(found, len(taught)) == card_targets(taught)
    # Among equals the course more study paths recommend: the 2024 course both paths start with.
    assert found[0]["target"].endswith("#llm-ntu-genai-intro"), found[0]
    assert found[0]["title"] == CATALOG.get("ntu-genai-intro").title
    assert all(result["kind"] != "object" for result in found[len(taught) :])  # then the pages


@pytest.mark.parametrize("query", ["CS336", "Language Modeling from Scratch", "language modeling from scratch"])
def test_a_code_or_a_title_finds_its_card_first(browser, server: str, query: str) -> None:
    course = next(c for c in CATALOG.courses if c.code == "CS336")
    assert course.title.lower() == "language modeling from scratch"
    found = results(browser, server, query)
    assert found[0]["kind"] == "object"
    assert found[0]["target"].endswith(f"#llm-{course.id}")
    assert found[0]["title"] == course.title  # the title is the link; its search words follow
    assert found[0]["text"].startswith(course.title + " ")


def test_free_finds_the_free_materials_before_any_page(browser, server: str) -> None:
    free = [r for r in CATALOG.records() if getattr(r, "cost_value", None) == "free"]
    audit = [r for r in CATALOG.records() if getattr(r, "cost_value", None) == "free-to-audit"]
    assert free
    found = results(browser, server, labels.COSTS["free"], snippets=True)
    assert first_cards(found, len(free)) == card_targets(free)
    # 可免费旁听 holds the word too: those follow, and then the pages.
    assert first_cards(found[len(free) :], len(audit)) == card_targets(audit)
    pages = found[len(free) + len(audit) :]
    assert pages and all(result["kind"] != "object" for result in pages)
    # Each page is found by its own text, and its snippet shows where (no filter label).
    for result in pages:
        assert labels.COSTS["free"] in result["text"].partition("\n")[2], result


@pytest.mark.parametrize(
    ("query", "has_it"),
    [
        (labels.AID_KINDS["subtitles"], lambda r: any(a.aid_kind == "subtitles" for a in getattr(r, "aids", ()))),
        (labels.AID_KINDS["translation"], lambda r: any(a.aid_kind == "translation" for a in getattr(r, "aids", ()))),
        (labels.FILTER["in-chinese"], lambda r: r.language == "zh" or bool(getattr(r, "aids", ()))),
        (labels.BEGINNER, lambda r: getattr(r, "level", None) in labels.BEGINNER_LEVELS),
    ],
    ids=["subtitles", "translation", "in-chinese", "beginner"],
)
def test_facet_words_find_the_records_that_have_them(browser, server: str, query: str, has_it) -> None:
    expected = [r for r in CATALOG.records() if has_it(r)]
    assert expected, query
    found = results(browser, server, query)
    # Study paths whose title holds the word (零基础入门) may come first; then exactly these records.
    paths = [p for p in CATALOG.paths if query in p.title]
    head = first_cards(found, len(paths) + len(expected))
    assert head == card_targets(expected) | {f"#llm-path-{p.id}" for p in paths}, query
    topic = CATALOG.topics[0]  # a topic's title finds the records on that topic
    on_topic = [r for r in CATALOG.records() if topic.id in r.topics]
    assert card_targets(on_topic) <= first_cards(results(browser, server, topic.title), len(on_topic) + 5)


def test_snippets_show_page_text_not_forms_or_progress(browser, server: str) -> None:
    not_text = [
        labels.FILTER["clear"],
        labels.FILTER["hint"][:12],
        labels.FILTER["facets"]["level"] + " " + labels.LEVELS["high-school"],  # a legend and a box
        labels.PROGRESS["tools_note"][:12],
        labels.PROGRESS["export"],
        labels.PROGRESS["pace_hint"][:12],  # hidden until the script shows it
        "".join(path.title for path in CATALOG.paths[:2]),  # 下一步's options, run together
    ]
    for query in (labels.COSTS["free"], labels.BEGINNER, "进度", "中文"):
        pages = [r for r in results(browser, server, query, snippets=True) if r["kind"] == "text"]
        assert pages, query
        for result in pages:
            snippet = result["text"].partition("\n")[2]
            assert snippet, result
            assert not [words for words in not_text if words in snippet], (query, result)


@pytest.mark.parametrize("query", ["<b>免费</b>", '"李宏毅"', "<img src=x onerror=alert(1)>李宏毅", "免费 & <i>"])
def test_a_query_with_markup_or_quotes_is_text(browser, server: str, query: str) -> None:
    from selenium.webdriver.common.by import By

    found = results(browser, server, query)
    box = browser.find_element(By.CSS_SELECTOR, "#search-results ~ * input[name=q], input[name=q]")
    assert box.get_attribute("value") == query
    page = browser.find_element(By.CSS_SELECTOR, "article, [role=main]")
    assert page.find_elements(By.CSS_SELECTOR, "b, i, img:not([src*='_static'])") == []
    assert browser.execute_script("return document.querySelectorAll('img[src=x]').length") == 0
    if query == '"李宏毅"':  # quotes are no part of a word: the person is still found
        assert found and found[0]["target"].endswith("#llm-ntu-genai-intro")


def test_every_record_name_splits_into_its_title_and_words() -> None:
    """The search page's script splits each name where the index joined it (the page's
    configuration gives it the separators, site/searchwords.script_settings)."""
    from llm_catalog.site import searchwords

    settings = searchwords.script_settings()
    assert settings["pathWord"] and labels.SEARCH_PATH.startswith(settings["pathWord"])
    for record in CATALOG.records():
        assert settings["separator"] not in record.title
        name = searchwords.search_name(CATALOG, record.id, record.title)
        title, _, words = name.partition(settings["separator"])
        assert title == record.title
        assert words, record.id  # every record has at least its topics or its cost
        assert all(word and settings["separator"] not in word for word in words.split(settings["wordSeparator"]))


def test_a_syllabus_chapter_is_a_result_of_its_own(browser, server: str) -> None:
    from llm_catalog.site.render import chapter_anchor

    syllabus = CATALOG.syllabi[0]
    # A chapter whose title names no record: its own entry comes first, linking to its heading.
    chapter = next(ch for ch in syllabus.chapters if not any(ch.title in r.title for r in CATALOG.records()))
    found = results(browser, server, chapter.title)
    assert found[0]["kind"] == "object"
    assert found[0]["target"].endswith("#" + chapter_anchor(syllabus.id, chapter.number))
    assert chapter.title in found[0]["title"] and syllabus.title in found[0]["text"]

"""Chinese search works in a real browser: headless Chromium runs the site's own search page.

Every query about the catalog is chosen from the variant's data (a person, a course's code and
title, a word inside a Chinese title), and what it must find is derived from the same data, so
the tests hold for any catalog a contributor makes; queries about the pages' own text are fixed.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path

import pytest

from conftest import POLL, parsed, run_search
from llm_catalog.data import labels
from llm_catalog.search import script_settings
from llm_catalog.site import words as searchwords


def search(browser, server: str, query: str) -> tuple[str, list[str]]:
    """Run a query on the served search.html; return the summary line and the result links."""
    return run_search(browser, server, query)


# -- What the data offers to search for -----------------------------------------------------


@functools.cache
def card_pages(site: Path) -> dict[str, str]:
    """The page of every card (``materials/x.html``) by the card's anchor (``llm-id``)."""
    return {
        card["id"]: page.relative_to(site).as_posix()
        for page in sorted(site.rglob("*.html"))
        for card in parsed(page).select(".llm-card[id]")
    }


def words_of(text: str) -> list[str]:
    """What Sphinx's Chinese indexer makes of *text* (jieba's words for search)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return list(jieba.cut_for_search(text))


def word_inside_a_chinese_title(catalog, site: Path) -> tuple[str, str]:
    """A word of two or more Chinese characters inside (never all of) a record's title, and the
    page of that record's card: the query splitter must cut a query the way the index was cut."""
    pages = card_pages(site)
    for record in catalog.records():
        inside = [
            word
            for word in words_of(record.title)
            if re.fullmatch("[\u4e00-\u9fff]{2,}", word) and word != record.title
        ]
        if inside and f"llm-{record.id}" in pages:
            return max(inside, key=len), pages[f"llm-{record.id}"]
    pytest.skip("no record of this catalog has a Chinese title")


def people(record) -> tuple[str, ...]:
    return (
        *getattr(record, "instructors", ()),
        *getattr(record, "authors", ()),
        *([record.author] if getattr(record, "author", None) else []),
    )


def index_objects(catalog) -> dict[str, str]:
    """Every object of the search index, as the domain names it: the card's anchor and its name
    (records, a syllabus' chapters, study paths)."""
    out = {}
    for record in catalog.records():
        out[f"#llm-{record.id}"] = searchwords.search_name(catalog, record.id, record.title)
        if record.record_type == "syllabus":
            for _, name, anchor in searchwords.chapter_entries(catalog, record):
                out[f"#{anchor}"] = name
    for path in catalog.paths:
        out[f"#llm-path-{path.id}"] = searchwords.search_name(catalog, path.id, path.title)
    return out


def recommended(catalog, record) -> int:
    """How many study paths recommend *record*."""
    return sum(any(step.record == record.id for step in path.steps) for path in catalog.paths)


def a_person(catalog) -> tuple[str, list, object]:
    """The person with the most records whose name (one word) is in no other entry of the index
    and in none of their titles, and whose records differ in how many paths recommend the first:
    the name, their records, and the one that must come first."""
    names = index_objects(catalog)
    best = None
    for person in dict.fromkeys(p for r in catalog.records() for p in people(r)):
        records = [r for r in catalog.records() if person in people(r)]
        found = {anchor for anchor, name in names.items() if person.lower() in name.lower()}
        if (
            not re.fullmatch(r"\w+", person)
            or len(records) < 2
            or found != {f"#llm-{r.id}" for r in records}
            or any(person.lower() in r.title.lower() for r in records)
        ):
            continue
        ranked = sorted(records, key=lambda r: recommended(catalog, r), reverse=True)
        if recommended(catalog, ranked[0]) == recommended(catalog, ranked[1]):
            continue  # equals: either may come first
        if best is None or len(records) > len(best[1]):
            best = (person, records, ranked[0])
    if best is None:
        pytest.skip("no person of this catalog has two records that study paths recommend differently")
    return best


def a_course_with_a_code(catalog) -> object:
    """A course whose code (one word) and English title are in no other entry of the index."""
    names = index_objects(catalog)
    for course in catalog.courses:
        code = getattr(course, "code", None) or ""
        terms = re.findall(r"\w+", course.title.lower())
        others = [name.lower() for anchor, name in names.items() if anchor != f"#llm-{course.id}"]
        if (
            re.fullmatch(r"\w+", code)
            and course.title.isascii()
            and len(terms) > 1
            and not any(code.lower() in name for name in others)
            # No other entry's title holds every word of this one (it would rank with it).
            and not any(all(t in name.partition(searchwords.SEPARATOR)[0] for t in terms) for name in others)
        ):
            return course
    pytest.skip("no course of this catalog has a code and an English title of its own")


# -- Pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("斯坦福", "materials/nlp-courses.html"),  # the page's own text (and its cards' institutions)
        ("论文列表", "materials/paper-seminars.html"),  # prose
        ("教学大纲", "materials/llm101n.html"),  # page title
        ("Jurafsky", "textbooks/index.html"),  # English words still work (the page's prose)
    ],
)
def test_chinese_queries_find_their_pages(browser, server: str, query: str, page: str) -> None:
    summary, links = search(browser, server, query)
    assert links, f"no results for {query!r}: {summary}"
    assert summary == f"搜索完成，找到 {len(links)} 个匹配的页面。"
    assert any(page in link for link in links), (query, links)


def test_a_word_inside_a_chinese_card_title_finds_its_page(browser, server: str, catalog, site: Path) -> None:
    """As 人工智能 finds 生成式人工智能导论: the Chinese query splitter at work on the data."""
    query, page = word_inside_a_chinese_title(catalog, site)
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


def results(browser, server: str, query: str, *, snippets: bool = False) -> list[dict[str, str]]:
    """Each result of *query*, in order: its kind (``object``, ``text`` ...), the card or page it
    links to (``page.html#anchor``), its link text and its whole text. With *snippets*, wait until
    every page result shows its snippet (searchtools.js fetches them after the list is shown)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    run_search(browser, server, query)
    items = "#search-results ul.search > li"
    if snippets:
        WebDriverWait(browser, 30, poll_frequency=POLL).until(
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


def test_a_person_finds_their_courses_first_the_recommended_one_on_top(browser, server: str, catalog) -> None:
    person, taught, top = a_person(catalog)
    found = results(browser, server, person)
    assert first_cards(found, len(taught)) == card_targets(taught)
    # Among equals the record more study paths recommend (李宏毅: the 2024 course both paths start with).
    assert found[0]["target"].endswith(f"#llm-{top.id}"), (person, found[0])
    assert found[0]["title"] == top.title
    assert all(result["kind"] != "object" for result in found[len(taught) :])  # then the pages


def test_a_title_holding_the_separator_is_shown_whole(browser, server: str, catalog) -> None:
    """The separator between a record's title and its words may occur in a title (the generated
    variant has such a record): the result's link is the whole title, its words follow."""
    separator = script_settings()["separator"]
    titled = [record for record in catalog.records() if separator in record.title]
    if not titled:
        pytest.skip("no title of this catalog holds the separator")
    for record in titled:
        query = max(re.findall(r"[A-Za-z]{4,}", record.title) or [record.title], key=len)
        found = [r for r in results(browser, server, query) if r["target"].endswith(f"#llm-{record.id}")]
        assert found and found[0]["title"] == record.title, (record.id, found)
        assert found[0]["text"].startswith(record.title + " ")


@pytest.mark.parametrize("shape", ["code", "title", "lowercase title"])
def test_a_code_or_a_title_finds_its_card_first(browser, server: str, catalog, shape: str) -> None:
    course = a_course_with_a_code(catalog)  # e.g. CS336, Language Modeling from Scratch
    query = {"code": course.code, "title": course.title, "lowercase title": course.title.lower()}[shape]
    found = results(browser, server, query)
    assert found[0]["kind"] == "object"
    assert found[0]["target"].endswith(f"#llm-{course.id}")
    assert found[0]["title"] == course.title  # the title is the link; its search words follow
    assert found[0]["text"].startswith(course.title + " ")


def test_free_finds_the_free_materials_before_any_page(browser, server: str, catalog) -> None:
    free = [r for r in catalog.records() if getattr(r, "cost_value", None) == "free"]
    audit = [r for r in catalog.records() if getattr(r, "cost_value", None) == "free-to-audit"]
    if not free:
        pytest.skip("no record of this catalog is free")
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
def test_facet_words_find_the_records_that_have_them(browser, server: str, catalog, query: str, has_it) -> None:
    expected = [r for r in catalog.records() if has_it(r)]
    if not expected:
        pytest.skip(f"no record of this catalog has {query}")
    found = results(browser, server, query)
    # Study paths whose title holds the word (零基础入门) may come first; then exactly these records.
    paths = [p for p in catalog.paths if query in p.title]
    head = first_cards(found, len(paths) + len(expected))
    assert head == card_targets(expected) | {f"#llm-path-{p.id}" for p in paths}, query
    topic = catalog.topics[0]  # a topic's title finds the records on that topic
    on_topic = [r for r in catalog.records() if topic.id in r.topics]
    assert card_targets(on_topic) <= first_cards(results(browser, server, topic.title), len(on_topic) + 5)


def test_snippets_show_page_text_not_forms_or_progress(browser, server: str, catalog) -> None:
    not_text = [
        labels.FILTER["clear"],
        labels.FILTER["hint"][:12],
        labels.FILTER["facets"]["level"] + " " + labels.LEVELS["high-school"],  # a legend and a box
        labels.PROGRESS["tools_note"][:12],
        labels.PROGRESS["export"],
        labels.PROGRESS["pace_hint"][:12],  # hidden until the script shows it
        "".join(path.title for path in catalog.paths[:2]),  # 下一步's options, run together
    ]
    for query in (labels.COSTS["free"], labels.BEGINNER, "进度", "中文"):
        pages = [r for r in results(browser, server, query, snippets=True) if r["kind"] == "text"]
        assert pages, query
        for result in pages:
            snippet = result["text"].partition("\n")[2]
            assert snippet, result
            assert not [words for words in not_text if words in snippet], (query, result)


#: Queries with markup or quotes around a person's name or a word ({person}, {free}).
MARKUP_QUERIES = ["<b>{free}</b>", '"{person}"', "<img src=x onerror=alert(1)>{person}", "{free} & <i>"]


@pytest.mark.parametrize("template", MARKUP_QUERIES)
def test_a_query_with_markup_or_quotes_is_text(browser, server: str, catalog, template: str) -> None:
    from selenium.webdriver.common.by import By

    if "{person}" in template:
        person, _, top = a_person(catalog)
    else:
        person, top = "", None
    query = template.format(person=person, free=labels.COSTS["free"])
    found = results(browser, server, query)
    box = browser.find_element(By.CSS_SELECTOR, "#search-results ~ * input[name=q], input[name=q]")
    assert box.get_attribute("value") == query
    page = browser.find_element(By.CSS_SELECTOR, "article, [role=main]")
    assert page.find_elements(By.CSS_SELECTOR, "b, i, img:not([src*='_static'])") == []
    assert browser.execute_script("return document.querySelectorAll('img[src=x]').length") == 0
    if template == '"{person}"':  # quotes are no part of a word: the person is still found
        assert found and found[0]["target"].endswith(f"#llm-{top.id}")


def test_every_record_name_splits_into_its_title_and_words(catalog) -> None:
    """The search page's script splits each name where the index joined it (the page's
    configuration gives it the separators, search/__init__.py script_settings)."""
    settings = script_settings()
    assert settings["pathWord"] and labels.SEARCH_PATH.startswith(settings["pathWord"])
    for record in catalog.records():
        name = searchwords.search_name(catalog, record.id, record.title)
        # The last separator ends the title (llm-search-zh.js): a title may contain one.
        title, _, words = name.rpartition(settings["separator"])
        assert title == record.title
        assert words, record.id  # every record has at least what it is: 课程, 课本, 资源 ...
        assert all(word and settings["separator"] not in word for word in words.split(settings["wordSeparator"]))


def test_a_syllabus_chapter_is_a_result_of_its_own(browser, server: str, catalog) -> None:
    from llm_catalog.site.names import chapter_anchor

    if not catalog.syllabi:
        pytest.skip("this catalog has no syllabus")
    syllabus = catalog.syllabi[0]
    # A chapter whose title names no record: its own entry comes first, linking to its heading.
    chapter = next(ch for ch in syllabus.chapters if not any(ch.title in r.title for r in catalog.records()))
    found = results(browser, server, chapter.title)
    assert found[0]["kind"] == "object"
    assert found[0]["target"].endswith("#" + chapter_anchor(syllabus.id, chapter.number))
    assert chapter.title in found[0]["title"] and syllabus.title in found[0]["text"]

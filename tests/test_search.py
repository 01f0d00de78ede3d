"""Chinese search works in a real browser: headless Chromium runs the site's own search page.

Every query about the catalog is chosen from the variant's data (a person, a course's code and
title, a word inside a Chinese title, a year, a way of saying "from scratch"), and what it must
find is derived from the same data, so the tests hold for any catalog a contributor makes; queries
about the pages' own text are fixed.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
from pathlib import Path

import pytest

from conftest import POLL, parsed, run_search
from llm_catalog.data import facets, labels
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
    (records, a syllabus' chapters, study paths, categories)."""
    out = {}
    for record in catalog.records():
        out[f"#llm-{record.id}"] = searchwords.search_name(catalog, record.id, record.title)
        if record.record_type == "syllabus":
            for _, name, anchor in searchwords.chapter_entries(catalog, record):
                out[f"#{anchor}"] = name
    for path in catalog.paths:
        out[f"#llm-path-{path.id}"] = searchwords.search_name(catalog, path.id, path.title)
    for category in catalog.categories:
        out[f"#llm-{category.id}"] = category.title
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
    found = results(browser, server, query)
    assert found, f"no results for {query!r}"
    assert summary_line(browser) == counted(found)
    assert any(page in result["target"] for result in found), (query, found)


def test_a_word_inside_a_chinese_card_title_finds_its_page(browser, server: str, catalog, site: Path) -> None:
    """As 人工智能 finds 生成式人工智能导论: the Chinese query splitter at work on the data."""
    query, page = word_inside_a_chinese_title(catalog, site)
    found = results(browser, server, query)
    assert found, f"no results for {query!r}"
    assert summary_line(browser) == counted(found)
    assert any(page in result["target"] for result in found), (query, found)


def test_nonsense_query_finds_nothing(browser, server: str) -> None:
    """Unknown Chinese is cut into single characters, which find no material and no page."""
    query = "量子纠缠烤面包机"
    summary, links = search(browser, server, query)
    assert links == []
    assert summary == nothing_found(query)


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


def summary_line(browser) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, "#search-results p.search-summary").text


def counted(found: list[dict[str, str]]) -> str:
    """The summary of *found*: its materials (the catalog's objects) and its pages, counted apart."""
    materials = sum(result["kind"] == "object" for result in found)
    return labels.SEARCH["summary"].format(records=materials, pages=len(found) - materials)


def nothing_found(query: str) -> str:
    """What the page says when *query* finds nothing, with the way back (the home page's link)."""
    said = labels.SEARCH["none"].format(query=query.strip()) if query.strip() else labels.SEARCH["empty"]
    return said + labels.SEARCH["back"].format(home=labels.SEARCH["home"])


def materials_found(found: list[dict[str, str]]) -> list[str]:
    """The anchors of the materials among *found*, in order."""
    return ["#" + result["target"].partition("#")[2] for result in found if result["kind"] == "object"]


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


# -- Years, "from scratch", newest first, the summary, bad input (issue 27) -------------------


def years_of(catalog) -> dict[str, set[str]]:
    """The years of every record in the index (``#llm-id``), as the data gives them."""
    return {f"#llm-{record.id}": set(facets.years(record)) for record in catalog.records()}


def test_a_year_finds_exactly_the_records_of_that_year(browser, server: str, catalog) -> None:
    """A year is a word of every record of that year (its terms and years are its search words),
    and finds nothing else: the newest, the oldest and the most common year of the data."""
    years = years_of(catalog)
    counts: dict[str, int] = {}
    for found in years.values():
        for year in found:
            counts[year] = counts.get(year, 0) + 1
    if not counts:
        pytest.skip("no record of this catalog has a year")
    for year in dict.fromkeys([max(counts), min(counts), max(counts, key=counts.get)]):
        found = results(browser, server, year)
        expected = {anchor for anchor, of in years.items() if year in of}
        assert set(materials_found(found)) == expected, year
        assert len(materials_found(found)) == len(expected)  # each once
        for result in found:
            if result["kind"] == "object":  # the year is in its snippet, after the title
                assert year in result["text"].removeprefix(result["title"]), result
    # As a reader may type it: with 年 after it, in full-width digits.
    wide = year.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    for query in (f"{year}年", f"{wide} 年"):
        assert set(materials_found(results(browser, server, query))) == expected, query


#: Each way of saying "from scratch", also as typed with other spacing and case.
FROM_SCRATCH_QUERIES = [*labels.FROM_SCRATCH, "从0", labels.FROM_SCRATCH[-1].upper().replace(" ", "  ")]


def built_from_scratch(catalog) -> set[str]:
    """The records whose own title, note or workload says "from scratch" in one of the ways of
    labels.FROM_SCRATCH: any spacing (none too), any case, a Latin word or number never part of a
    longer one."""
    ways = []
    for way in labels.FROM_SCRATCH:
        pattern = r"\s*".join(re.escape(token) for token in way.split())
        if re.match("[A-Za-z0-9]", way):
            pattern = "(?<![A-Za-z0-9])" + pattern
        if re.search("[A-Za-z0-9]$", way):
            pattern += "(?![A-Za-z0-9])"
        ways.append(pattern)
    says = re.compile("|".join(ways), re.IGNORECASE)
    found = set()
    for record in catalog.records():
        workload = getattr(record, "workload", None)
        texts = [record.title, getattr(record, "note", None) or "", workload.says if workload else ""]
        if any(says.search(text) for text in texts):
            found.add(f"#llm-{record.id}")
    return found


def test_every_way_of_saying_from_scratch_finds_the_same(browser, server: str, catalog) -> None:
    """从零, 从 0, 从头 and "from scratch" are one word to the search: the same materials and pages,
    every material built from scratch among them, and nothing else but entries that hold the
    word in their own name."""
    expected = built_from_scratch(catalog)
    names = index_objects(catalog)
    word = labels.FROM_SCRATCH[0]
    lists = {}
    for query in FROM_SCRATCH_QUERIES:
        found = results(browser, server, query)
        lists[query] = [(result["kind"], result["target"]) for result in found]
        materials = set(materials_found(found))
        assert expected <= materials, query
        assert all(anchor in expected or word in names[anchor].lower() for anchor in materials), query
        assert summary_line(browser) == counted(found)
    first = lists[FROM_SCRATCH_QUERIES[0]]
    assert all(found == first for found in lists.values()), lists


def test_a_word_a_material_lacks_never_hides_it(browser, server: str, catalog) -> None:
    """从零训练, "training LLM from scratch": every material built from scratch is found, also
    one whose name lacks the other words. With a year, only the materials of that year."""
    expected = built_from_scratch(catalog)
    if not expected:
        pytest.skip("no record of this catalog is built from scratch")
    names = index_objects(catalog)
    # A topic some of them are on and at least one is not: the words it adds are lacked by some.
    records = {f"#llm-{record.id}": record for record in catalog.records()}
    topics = [topic for topic in catalog.topics if any(topic.id in records[a].topics for a in expected)]
    lacking = [t for t in topics if any(t.title.lower() not in names[a].lower() for a in expected)]
    topic = lacking[0].title if lacking else "training"
    for query in (f"{labels.FROM_SCRATCH[0]}{topic}", f"{topic} LLM {labels.FROM_SCRATCH[-1]}"):
        assert expected <= set(materials_found(results(browser, server, query))), query
    years = years_of(catalog)
    dated = sorted({year for anchor in expected for year in years[anchor]})
    if dated:
        year = dated[-1]
        found = set(materials_found(results(browser, server, f"{labels.FROM_SCRATCH[0]} {year}")))
        assert {anchor for anchor in expected if year in years[anchor]} <= found
        assert all(year in years[anchor] for anchor in found)


def test_newest_orders_the_materials_by_year(browser, server: str, catalog) -> None:
    """最新 alone lists every material with a year, newest first; with other words it orders
    what they find by year, the materials without one last."""
    years = years_of(catalog)
    newest = {anchor: max((int(y) for y in of), default=0) for anchor, of in years.items()}
    newest.update({anchor: 0 for anchor in index_objects(catalog) if anchor not in newest})
    if not any(newest.values()):
        pytest.skip("no record of this catalog has a year")
    word = labels.SEARCH["newest"]
    found = materials_found(results(browser, server, word))
    assert set(found) == {anchor for anchor, year in newest.items() if year}
    assert [newest[a] for a in found] == sorted((newest[a] for a in found), reverse=True)
    free = labels.COSTS["free"]
    plain = set(materials_found(results(browser, server, free)))
    found = materials_found(results(browser, server, f"{word} {free}"))
    assert set(found) == plain
    assert [newest[a] for a in found] == sorted((newest[a] for a in found), reverse=True)


def test_the_summary_counts_materials_and_pages_apart_and_the_list_is_whole(browser, server: str, catalog) -> None:
    """找到 N 项资料、M 个页面, once the whole list is there: every material of the query is listed."""
    word = labels.OBJECT_TYPES["course"]  # every course has it among its words
    names = index_objects(catalog)
    found = results(browser, server, word)
    assert summary_line(browser) == counted(found)
    assert {anchor for anchor, name in names.items() if word in name} <= set(materials_found(found))
    materials = materials_found(found)
    assert found[: len(materials)] == [r for r in found if r["kind"] == "object"]  # materials above pages


@contextlib.contextmanager
def errors_kept(browser):
    """The page's script errors (and rejected promises) while the block runs, in a list."""
    script = (
        "window.llmErrors = [];"
        "addEventListener('error', (event) => window.llmErrors.push(String(event.message)));"
        "addEventListener('unhandledrejection', (event) => window.llmErrors.push(String(event.reason)));"
    )
    added = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": script})
    errors: list[str] = []
    try:
        yield errors
    finally:
        browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]})


def a_year_outside_the_data(catalog) -> str:
    known = {year for of in years_of(catalog).values() for year in of}
    return next(str(year) for year in range(1900, 2100) if str(year) not in known)


@pytest.mark.parametrize("shape", ["year outside the data", "empty", "punctuation", "ascii punctuation"])
def test_bad_input_finds_nothing_and_shows_the_way_back(browser, server: str, catalog, shape: str) -> None:
    from selenium.webdriver.common.by import By

    query = {
        "year outside the data": a_year_outside_the_data(catalog),
        "empty": "",
        "punctuation": "？！，。、……",
        "ascii punctuation": "!?. -- ()",
    }[shape]
    with errors_kept(browser) as errors:
        summary, links = search(browser, server, query)
        errors.extend(browser.execute_script("return window.llmErrors"))
    assert links == []
    assert summary == nothing_found(query)
    home = browser.find_element(By.CSS_SELECTOR, "#search-results p.search-summary a")
    assert home.text == labels.SEARCH["home"]
    assert home.get_attribute("href") == f"{server}/index.html"
    assert errors == []

"""The catalog filter in a real browser (headless Chromium): what it shows is what the data says.

The expected records are computed here from the data file itself, by the rules the filter
promises (CONTRIBUTING.md): within one facet any ticked value matches, across facets all must;
the format comes from link kinds (plus books, chapters with slides, video resources); a facet
the data does not state is the value ``unknown`` (“未标注”).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from conftest import REPO, serve
from llm_catalog.data import yamlsource
from llm_catalog.site.filtering import PAGE_SIZE

DATA = yamlsource.read(REPO / "_data" / "catalog.yaml").data
FORMAT_LINK_KINDS = {"video", "slides", "code", "reading-list"}


def facts(key: str, item: dict) -> dict[str, set[str]]:
    """One record's facet values, straight from its YAML mapping."""
    # A course's offerings have links of their own, shown on its card too.
    links = [*item.get("links", []), *(link for o in item.get("offerings", []) for link in o.get("links", []))]
    formats = {link["kind"] for link in links} & FORMAT_LINK_KINDS
    if key == "books":
        formats.add("book")
        if any(chapter.get("slides") for chapter in item.get("chapters", [])):
            formats.add("slides")
    if key == "resources" and item["kind"] == "video":
        formats.add("video")
    return {
        "level": {item.get("level", "unknown")},
        "lang": {"zh"} if item.get("language") == "zh" or (item.get("chinese") or {}).get("aids") else set(),
        "format": formats or {"unknown"},
        "cost": {(item.get("cost") or {}).get("value", "unknown")},
        "topic": set(item.get("topics") or ["unknown"]),
        "fresh": {freshness_of(item.get("repository"))},
    }


def freshness_of(repository: dict | None) -> str:
    """仓库已归档 / 超过一年未更新 (the last push more than a year before the check) / 仍在更新."""
    if repository is None:
        return "unknown"
    if repository["archived"]:
        return "archived"
    year, rest = repository["checked"].split("-", 1)
    a_year_before = f"{int(year) - 1}-{rest}".replace("-02-29", "-02-28")
    return "stale" if repository["pushed"] < a_year_before else "active"


RECORDS = {item["id"]: (key, item) for key in ("courses", "books", "resources") for item in DATA[key]}
FACTS = {rid: facts(key, item) for rid, (key, item) in RECORDS.items()}
FACETS = ("level", "lang", "format", "cost", "topic")


def expected(query: dict[str, list[str]], among: set[str] | None = None) -> set[str]:
    ids = set(FACTS) if among is None else among
    return {rid for rid in ids if all(not want or FACTS[rid][k] & set(want) for k, want in query.items())}


def in_category(category: str) -> set[str]:
    return {item["id"] for item in DATA["courses"] if item["category"] == category}


# -- Driving the page ----------------------------------------------------------------------
# axe-core runs on the filter page and a filtered category page in test_accessibility.py.


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


def wait_ready(browser) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(
        lambda d: d.execute_script(
            "const f = document.querySelector('form.llm-filter');"
            "return f && !f.hidden && document.querySelector('.llm-filter-count').textContent !== '';"
        )
    )


def visible_ids(browser) -> set[str]:
    from selenium.webdriver.common.by import By

    return {
        e.get_attribute("data-llm-id")
        for e in browser.find_elements(By.CSS_SELECTOR, "[data-llm-id]")
        if e.is_displayed()
    }


def page_order(browser) -> list[str]:
    """Every record's id in the order the page lists them (shown or not)."""
    return browser.execute_script("return [...document.querySelectorAll('[data-llm-id]')].map(e => e.dataset.llmId)")


def first_page(browser, want: set[str]) -> set[str]:
    """What the filter lists of *want* before 再列出 is pressed: the first PAGE_SIZE in page order."""
    return set([rid for rid in page_order(browser) if rid in want][:PAGE_SIZE])


def press(browser, element) -> None:
    """Click *element* as a reader would, once it is in view (furo scrolls smoothly, so Selenium's
    own scrolling may leave it under the edge of the window)."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def count_text(browser) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, ".llm-filter-count").text


def ticked(browser) -> list[tuple[str, str]]:
    from selenium.webdriver.common.by import By

    boxes = browser.find_elements(By.CSS_SELECTOR, "form.llm-filter input[type=checkbox]")
    return sorted((b.get_attribute("name"), b.get_attribute("value")) for b in boxes if b.is_selected())


def query_of(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


def as_pairs(query: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(k, v) for k, values in query.items() for v in values]


def values(facet: str) -> list[str]:
    return sorted({value for fact in FACTS.values() for value in fact[facet]})


def informative(shape: tuple[tuple[str, int], ...]) -> dict[str, list[str]]:
    """The first query of this shape (facet, how many values ticked) that the data answers with some
    records but not all, so it tells a working filter from a broken one. Chosen from the data, so
    adding or editing records never leaves the test without one."""
    choices = [
        [(facet, list(combo)) for combo in itertools.combinations(values(facet), count)] for facet, count in shape
    ]
    for picked in itertools.product(*choices):
        query = dict(picked)
        if 0 < len(expected(query)) < len(FACTS):
            return query
    raise AssertionError(f"no query of shape {shape} tells matching records from the rest")


#: Shapes of queries: one facet, two facets (AND), several values of one facet (OR), "unknown" values.
SHAPES = [
    (("lang", 1),),
    (("lang", 1), ("cost", 1)),
    (("format", 1), ("level", 2)),
    (("cost", 1), ("topic", 1)),
    (("format", 1), ("lang", 1)),
    (("topic", 2), ("format", 2)),
    (("level", 1), ("format", 1)),
]
COMBINATIONS = [informative(shape) for shape in SHAPES]


def test_the_combinations_cover_or_and_and_unknown_values() -> None:
    assert any(len(v) > 1 for q in COMBINATIONS for v in q.values())
    assert any(len(q) > 1 for q in COMBINATIONS)


@pytest.mark.parametrize("query", COMBINATIONS, ids=lambda q: urlencode(as_pairs(q)))
def test_filter_page_shows_exactly_the_matching_records(browser, server: str, query: dict) -> None:
    want = expected(query)
    assert want and want != set(FACTS), "a combination that cannot tell a working filter from a broken one"
    browser.get(f"{server}/find.html?{urlencode(as_pairs(query))}")
    wait_ready(browser)
    assert visible_ids(browser) == first_page(browser, want)
    assert count_text(browser) == f"符合条件 {len(want)} / {len(FACTS)} 项"
    assert ticked(browser) == sorted(as_pairs(query))


def test_category_page_filters_its_own_cards(browser, server: str) -> None:
    category, query = next(
        (category["id"], {"format": [value]})
        for category in DATA["categories"]
        if (REPO / "materials" / f"{category['id']}.md").is_file()
        for value in values("format")
        if 0 < len(expected({"format": [value]}, in_category(category["id"]))) < len(in_category(category["id"]))
    )
    ids = in_category(category)
    want = expected(query, ids)
    browser.get(f"{server}/materials/{category}.html?{urlencode(as_pairs(query))}")
    wait_ready(browser)
    assert visible_ids(browser) == first_page(browser, want)
    assert count_text(browser) == f"符合条件 {len(want)} / {len(ids)} 项"


def test_no_match_says_so_and_clear_all_restores_everything(browser, server: str) -> None:
    from selenium.webdriver.common.by import By

    query = next(
        {a: [x], b: [y]}
        for a, b in itertools.combinations(FACETS, 2)
        for x in values(a)
        for y in values(b)
        if not expected({a: [x], b: [y]})
    )
    browser.get(f"{server}/find.html?{urlencode(as_pairs(query))}")
    wait_ready(browser)
    assert visible_ids(browser) == set()
    assert browser.find_element(By.CSS_SELECTOR, ".llm-filter-empty").is_displayed()
    assert count_text(browser) == f"符合条件 0 / {len(FACTS)} 项"
    press(browser, browser.find_element(By.CSS_SELECTOR, ".llm-filter-clear"))
    assert visible_ids(browser) == first_page(browser, set(FACTS))
    assert query_of(browser.current_url) == []
    assert not browser.find_element(By.CSS_SELECTOR, ".llm-filter-empty").is_displayed()


def test_state_round_trips_through_the_url_and_the_back_button(browser, server: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/find.html")
    wait_ready(browser)
    for name, value in (("lang", "zh"), ("cost", "free")):
        press(browser, browser.find_element(By.CSS_SELECTOR, f"input[name={name}][value={value}]"))
    want = first_page(browser, expected({"lang": ["zh"], "cost": ["free"]}))
    assert visible_ids(browser) == want
    url = browser.current_url
    assert query_of(url) == [("lang", "zh"), ("cost", "free")]

    # Follow a card's title to the record's own card, then come back.
    first = next(e for e in browser.find_elements(By.CSS_SELECTOR, "[data-llm-id]") if e.is_displayed())
    link = first.find_element(By.CSS_SELECTOR, "a")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", link)
    link.click()
    assert "find.html" not in browser.current_url
    browser.back()
    wait_ready(browser)
    assert browser.current_url == url
    assert ticked(browser) == [("cost", "free"), ("lang", "zh")]
    assert visible_ids(browser) == want

    # The same address, opened afresh (bookmarked or shared), shows the same.
    browser.get("about:blank")
    browser.get(url)
    wait_ready(browser)
    assert visible_ids(browser) == want


def test_several_values_of_one_facet_repeat_the_key(browser, server: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/find.html")
    wait_ready(browser)
    for value in ("general", "practitioner"):
        press(browser, browser.find_element(By.CSS_SELECTOR, f"input[name=level][value={value}]"))
    assert query_of(browser.current_url) == [("level", "general"), ("level", "practitioner")]
    assert visible_ids(browser) == first_page(browser, expected({"level": ["general", "practitioner"]}))


def test_unknown_parameters_are_ignored_visibly_and_never_become_markup(browser, server: str) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    evil = "<img src=x onerror=alert(1)>"
    browser.get(
        f"{server}/find.html?" + urlencode([("level", "bogus"), ("lang", "zh"), ("colour", "red"), ("topic", evil)])
    )
    wait_ready(browser)
    assert visible_ids(browser) == first_page(browser, expected({"lang": ["zh"]}))
    note = browser.find_element(By.CSS_SELECTOR, ".llm-filter-note")
    assert note.is_displayed()
    for part in ("level=bogus", "colour=red", f"topic={evil}"):
        assert part in note.text
    assert "lang=zh" not in note.text
    assert browser.find_elements(By.CSS_SELECTOR, "form.llm-filter img") == []
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - raises when no alert is open


def test_sphinx_search_highlight_parameter_is_not_reported(browser, server: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/find.html?highlight=transformer&lang=zh")
    wait_ready(browser)
    assert not browser.find_element(By.CSS_SELECTOR, ".llm-filter-note").is_displayed()
    assert visible_ids(browser) == first_page(browser, expected({"lang": ["zh"]}))


def test_without_javascript_everything_shows_and_the_controls_hide(browser, server: str) -> None:
    from selenium.webdriver.common.by import By

    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(f"{server}/find.html?lang=zh&cost=free")
        form = browser.find_element(By.CSS_SELECTOR, "form.llm-filter")
        assert not form.is_displayed()
        assert visible_ids(browser) == set(FACTS)
        browser.get(f"{server}/materials/llm-courses.html?lang=zh")
        assert not browser.find_element(By.CSS_SELECTOR, "form.llm-filter").is_displayed()
        assert visible_ids(browser) == in_category("llm-courses")
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_keyboard_only(browser, server: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{server}/find.html")
    wait_ready(browser)
    browser.find_element(By.TAG_NAME, "body").click()

    def tab_to(selector: str) -> None:
        target = browser.find_element(By.CSS_SELECTOR, selector)
        for _ in range(300):
            ActionChains(browser).send_keys(Keys.TAB).perform()
            if browser.switch_to.active_element == target:
                return
        pytest.fail(f"{selector} cannot be reached with the Tab key")

    tab_to("input[name=lang][value=zh]")
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    tab_to("input[name=cost][value=free]")
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    assert visible_ids(browser) == first_page(browser, expected({"lang": ["zh"], "cost": ["free"]}))
    assert query_of(browser.current_url) == [("lang", "zh"), ("cost", "free")]
    tab_to(".llm-filter-clear")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert visible_ids(browser) == first_page(browser, set(FACTS))
    assert ticked(browser) == []
    if len(FACTS) > PAGE_SIZE:  # 再列出 is a button of its own, reached and pressed by keyboard
        tab_to("button.llm-filter-more")
        ActionChains(browser).send_keys(Keys.ENTER).perform()
        assert visible_ids(browser) == set(page_order(browser)[: 2 * PAGE_SIZE])


def test_count_is_announced_and_every_control_is_labelled(browser, server: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/find.html")
    wait_ready(browser)
    count = browser.find_element(By.CSS_SELECTOR, ".llm-filter-count")
    assert count.get_attribute("role") == "status" and count.get_attribute("aria-live") == "polite"
    for box in browser.find_elements(By.CSS_SELECTOR, "form.llm-filter input"):
        label = box.find_element(By.XPATH, "./ancestor::label")
        assert label.text.strip(), box.get_attribute("outerHTML")
    for fieldset in browser.find_elements(By.CSS_SELECTOR, "form.llm-filter fieldset"):
        assert fieldset.find_element(By.TAG_NAME, "legend").text.strip()


def test_works_from_disk(browser, site: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get((site / "find.html").as_uri() + "?lang=zh")
    wait_ready(browser)
    assert visible_ids(browser) == first_page(browser, expected({"lang": ["zh"]}))
    press(browser, browser.find_element(By.CSS_SELECTOR, "input[name=cost][value=free]"))
    assert visible_ids(browser) == first_page(browser, expected({"lang": ["zh"], "cost": ["free"]}))
    assert query_of(browser.current_url) == [("lang", "zh"), ("cost", "free")]


def test_more_lists_the_next_matches_and_printing_lists_them_all(browser, server: str) -> None:
    """Only the first PAGE_SIZE matches are listed (a change costs the same at any size); 再列出
    adds the next ones, and printing lists every match."""
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/find.html")
    wait_ready(browser)
    order = page_order(browser)
    more = browser.find_element(By.CSS_SELECTOR, "button.llm-filter-more")
    if len(order) <= PAGE_SIZE:
        assert not more.is_displayed() and visible_ids(browser) == set(order)
        return
    assert more.is_displayed() and f"已列出 {PAGE_SIZE} / {len(order)} 项" in more.text
    browser.execute_script("arguments[0].click()", more)
    assert visible_ids(browser) == set(order[: 2 * PAGE_SIZE])
    press(browser, browser.find_element(By.CSS_SELECTOR, ".llm-filter-clear"))
    assert visible_ids(browser) == set(order[:PAGE_SIZE])
    browser.execute_script("dispatchEvent(new Event('beforeprint'))")
    try:
        assert len([e for e in browser.find_elements(By.CSS_SELECTOR, "[data-llm-id]:not([hidden])")]) == len(order)
    finally:
        browser.execute_script("dispatchEvent(new Event('afterprint'))")
    assert visible_ids(browser) == set(order[:PAGE_SIZE])


def test_repeated_values_in_the_url_tick_their_box_once(browser, server: str) -> None:
    """A value repeated in the address is the same condition: its box is ticked, the rest as
    for a single value; a repeated unknown value is named in the note, as any unknown one."""
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/find.html?lang=zh&lang=zh&cost=free&cost=free&level=bogus&level=bogus")
    wait_ready(browser)
    want = expected({"lang": ["zh"], "cost": ["free"]})
    assert visible_ids(browser) == first_page(browser, want)
    assert count_text(browser) == f"符合条件 {len(want)} / {len(FACTS)} 项"
    assert ticked(browser) == [("cost", "free"), ("lang", "zh")]
    note = browser.find_element(By.CSS_SELECTOR, ".llm-filter-note")
    assert note.is_displayed() and note.text.count("level=bogus") == 2
    press(browser, browser.find_element(By.CSS_SELECTOR, "input[name=cost][value=free]"))
    assert query_of(browser.current_url) == [("lang", "zh")], "a change writes each ticked box once"

"""The catalog filter in a real browser (headless Chromium): what it shows is what the data says.

The expected records are computed here from the data file itself, by the rules the filter
promises (CONTRIBUTING.md): within one facet any ticked value matches, across facets all must;
the format comes from link kinds (plus books, chapters with slides, video resources); a facet
the data does not state is the value ``unknown`` (“未标注”).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from conftest import POLL, parsed
from llm_catalog.data import yamlsource
from llm_catalog.filter.filtering import PAGE_SIZE
from sites import Project

FORMAT_LINK_KINDS = {"video", "slides", "code", "reading-list"}

#: Links anyone opens without paying, as CONTRIBUTING.md states the rules (derive.py applies
#: them), in the rules' order, each with the words a card says: written here as patterns, apart
#: from the extension's code.
FREE_LINKS = (
    (
        "公开视频，免费观看",
        re.compile(
            r"https://((www\.|m\.)?youtube\.com/(watch\?(.*&)?v=|playlist\?(.*&)?list=|live/|embed/)[^/]+"
            r"|youtu\.be/[^/]+|(www\.|m\.)?bilibili\.com/video/[^/]+.*)$"
        ),
    ),
    (
        "公开仓库，免费阅读",
        re.compile(
            r"https://(www\.)?github\.com/(?!(orgs|topics|search|marketplace|features|settings|sponsors)/)[^/]+/[^/]+"
        ),
    ),
    ("arXiv 论文，免费阅读", re.compile(r"https://(www\.)?arxiv\.org/(abs|pdf)/.+")),
    ("课程网站公开，免费阅读", re.compile(r"https://([^/]+\.)?[^./]+\.(edu(\.[a-z]{2})?|ac\.[a-z]{2})(:\d+)?(/.*)?$")),
)


def expected_derivation(item: dict) -> tuple[str, str] | None:
    """(what the card says, the link it says it of) when the record's cost is derived: nobody read
    one, it links no course platform (which sets its own price), and a working link of its own is
    one anyone opens without paying (a university's page only as the course site)."""
    if (item.get("cost") or {}).get("value", "unknown") != "unknown":
        return None
    links = item.get("links", [])
    if any(link["kind"] == "platform" for link in links):
        return None
    for words, pattern in FREE_LINKS:
        for link in links:
            site_only = words == FREE_LINKS[-1][0] and link["kind"] != "site"
            if "broken" not in link and not site_only and pattern.match(link["url"]):
                return words, link["url"]
    return None


def expected_cost(item: dict) -> str:
    """The cost as read, else free when the stated rules derive it, else unknown."""
    if expected_derivation(item) is not None:
        return "free"
    return (item.get("cost") or {}).get("value", "unknown")


FACETS = ("level", "lang", "format", "cost", "topic")


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
        "cost": {expected_cost(item)},
        "year": years_of(item) or {"unknown"},
        "topic": set(item.get("topics") or ["unknown"]),
        "fresh": {freshness_of(item.get("repository"))},
    }


def years_of(item: dict) -> set[str]:
    """The four-digit years of a record's own ``year`` (a book's number, a resource's fact's value),
    its term and its offerings' terms and starts."""
    own = item.get("year")
    own = own.get("value") if isinstance(own, dict) else own
    texts = [str(own or ""), str(item.get("term") or "")]
    texts += [str(o.get(key) or "") for o in item.get("offerings", []) for key in ("term", "start")]
    return {year for text in texts for year in re.findall(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", text)}


def freshness_of(repository: dict | None) -> str:
    """仓库已归档 / 超过一年未更新 (the last push more than a year before the check) / 仍在更新."""
    if repository is None:
        return "unknown"
    if repository["archived"]:
        return "archived"
    year, rest = repository["checked"].split("-", 1)
    a_year_before = f"{int(year) - 1}-{rest}".replace("-02-29", "-02-28")
    return "stale" if repository["pushed"] < a_year_before else "active"


@dataclass(frozen=True)
class Rules:
    """What the filter must show for one variant's data file, by the rules it promises."""

    data: dict
    #: Each record's facet values, by id.
    facts: dict[str, dict[str, set[str]]]

    def expected(self, query: dict[str, list[str]], among: set[str] | None = None) -> set[str]:
        ids = set(self.facts) if among is None else among
        return {rid for rid in ids if all(not want or self.facts[rid][k] & set(want) for k, want in query.items())}

    def in_category(self, category: str) -> set[str]:
        return {item["id"] for item in self.data["courses"] if item["category"] == category}

    def values(self, facet: str) -> list[str]:
        return sorted({value for fact in self.facts.values() for value in fact[facet]})

    def on_form(self, facet: str) -> bool:
        """Whether find.html has boxes for *facet*: it leaves out a facet that cannot narrow anything."""
        if facet == "lang":
            return any(not fact["lang"] for fact in self.facts.values()) and bool(self.values("lang"))
        return len(self.values(facet)) > 1

    def informative(self, shape: tuple[tuple[str, int], ...]) -> dict[str, list[str]]:
        """The first query of this shape (facet, how many values ticked) that the data answers with
        some records but not all, so it tells a working filter from a broken one. Chosen from the
        data, so adding or editing records never leaves the test without one."""
        choices = [
            [(facet, list(combo)) for combo in itertools.combinations(self.values(facet), count)]
            for facet, count in shape
            if self.on_form(facet)
        ]
        for picked in itertools.product(*choices) if len(choices) == len(shape) else ():
            query = dict(picked)
            if 0 < len(self.expected(query)) < len(self.facts):
                return query
        raise AssertionError(f"no query of shape {shape} tells matching records from the rest")


@functools.cache
def rules_of(data_file: Path) -> Rules:
    data = yamlsource.read(data_file).data
    records = {item["id"]: (key, item) for key in ("courses", "books", "resources") for item in data[key]}
    return Rules(data, {rid: facts(key, item) for rid, (key, item) in records.items()})


@pytest.fixture(scope="session")
def rules(project: Project) -> Rules:
    """The filter's expected answers for the variant's data file."""
    return rules_of(project.data_file)


# -- What a row says -------------------------------------------------------------------------

#: What a card says of hours nobody looked at, or looked at and could not confirm.
LENGTH_STATES = ("时长未查", "时长未确认")


def row_lengths(item: dict, card_lengths: list[str]) -> list[str]:
    """What a record's row says of its length, from what its card says (the parts after cost and
    Chinese access): the known hours and pages, else the hours' state; a derived figure (17 讲 ×
    80 分钟 ≈ 23 小时视频) as its result, in the words a card gives hours of its kind (约 23 小时视频)."""
    from test_facets import KIND_WORDS  # test_facets imports this module: imported when run

    effort = item.get("effort") or {}
    known = []
    for part in card_lengths:
        if part in LENGTH_STATES:
            continue
        if "lectures" in effort and part.startswith(f"{effort['lectures']} 讲 × "):
            hours = f"{effort['hours']}–{effort['hours_to']}" if "hours_to" in effort else str(effort["hours"])
            assert f" ≈ {hours} " in part, part
            part = f"约 {hours} {KIND_WORDS[effort['kind']]}"
        known.append(part)
    return known or card_lengths[:1]


def test_rows_say_cost_length_and_year_in_the_words_of_the_cards(site: Path, data: dict) -> None:
    """Every row on 找资料 gives its record's cost and length as its card does, unknown included
    (费用未确认, 时长未查 ...), right after each other, and its newest year when it has one."""
    from test_facets import cards_by_anchor, facts_parts, records

    cards = cards_by_anchor(site, data)
    page = parsed(site / "find.html")
    rows = {row["data-llm-id"]: row for row in page.select(".llm-filter-listing [data-llm-id]")}
    assert set(rows) == set(cards)
    for rid, (_, item) in records(data).items():
        (cost, _, *lengths), _, _ = facts_parts(cards[rid])
        line = f" · {rows[rid].select_one('span').get_text()} · "
        facts = " · ".join([cost, *row_lengths(item, lengths)])
        assert f" · {facts} · " in line, (rid, line)
        years = sorted(years_of(item))
        assert re.findall(r"(?<= · )\d{4} 年(?= · )", line) == [f"{year} 年" for year in years[-1:]], (rid, line)


# -- Driving the page ----------------------------------------------------------------------
# axe-core runs on the filter page and a filtered category page in test_accessibility.py.


def wait_ready(browser) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20, poll_frequency=POLL).until(
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


def in_form_order(browser, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """*pairs* in the order of their boxes on the page (the order a reader meets them)."""
    boxes = browser.execute_script(
        "return [...document.querySelectorAll('form.llm-filter input[type=checkbox]')].map(b => [b.name, b.value])"
    )
    order = {tuple(box): i for i, box in enumerate(boxes)}
    missing = [pair for pair in pairs if pair not in order]
    assert not missing, f"no box for {missing}"
    return sorted(pairs, key=order.__getitem__)


def box_for(browser, name: str, value: str):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, f'form.llm-filter input[name="{name}"][value="{value}"]')


def query_of(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


def as_pairs(query: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(k, v) for k, values in query.items() for v in values]


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
#: Two facets, one value each: what the tests below tick by hand (chosen from the data).
TWO_FACETS = (("lang", 1), ("cost", 1))


def shape_id(shape: tuple[tuple[str, int], ...]) -> str:
    return "+".join(f"{facet}{count}" for facet, count in shape)


def test_the_combinations_cover_or_and_and_unknown_values(rules: Rules) -> None:
    combinations = [rules.informative(shape) for shape in SHAPES]
    assert any(len(v) > 1 for q in combinations for v in q.values())
    assert any(len(q) > 1 for q in combinations)


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_filter_page_shows_exactly_the_matching_records(browser, server: str, rules: Rules, shape) -> None:
    query = rules.informative(shape)
    want = rules.expected(query)
    assert want and want != set(rules.facts), "a combination that cannot tell a working filter from a broken one"
    browser.get(f"{server}/find.html?{urlencode(as_pairs(query))}")
    wait_ready(browser)
    assert visible_ids(browser) == first_page(browser, want)
    assert count_text(browser) == f"符合条件 {len(want)} / {len(rules.facts)} 项"
    assert ticked(browser) == sorted(as_pairs(query))


def a_category_page(project: Project, rules: Rules) -> tuple[str, dict[str, list[str]]]:
    """A category with a page of its own, and a format that some of its courses have but not all."""
    return next(
        (
            (category["id"], {"format": [value]})
            for category in rules.data["categories"]
            if (project.root / "materials" / f"{category['id']}.md").is_file()
            for value in rules.values("format")
            if 0
            < len(rules.expected({"format": [value]}, rules.in_category(category["id"])))
            < len(rules.in_category(category["id"]))
        ),
        None,
    ) or pytest.fail("no category page whose courses differ in format")


def test_category_page_filters_its_own_cards(browser, server: str, project: Project, rules: Rules) -> None:
    category, query = a_category_page(project, rules)
    ids = rules.in_category(category)
    want = rules.expected(query, ids)
    browser.get(f"{server}/materials/{category}.html?{urlencode(as_pairs(query))}")
    wait_ready(browser)
    assert visible_ids(browser) == first_page(browser, want)
    assert count_text(browser) == f"符合条件 {len(want)} / {len(ids)} 项"


def test_no_match_says_so_and_clear_all_restores_everything(browser, server: str, rules: Rules) -> None:
    from selenium.webdriver.common.by import By

    query = next(
        {a: [x], b: [y]}
        for a, b in itertools.combinations([facet for facet in FACETS if rules.on_form(facet)], 2)
        for x in rules.values(a)
        for y in rules.values(b)
        if not rules.expected({a: [x], b: [y]})
    )
    browser.get(f"{server}/find.html?{urlencode(as_pairs(query))}")
    wait_ready(browser)
    assert visible_ids(browser) == set()
    assert browser.find_element(By.CSS_SELECTOR, ".llm-filter-empty").is_displayed()
    assert count_text(browser) == f"符合条件 0 / {len(rules.facts)} 项"
    press(browser, browser.find_element(By.CSS_SELECTOR, ".llm-filter-clear"))
    assert visible_ids(browser) == first_page(browser, set(rules.facts))
    assert query_of(browser.current_url) == []
    assert not browser.find_element(By.CSS_SELECTOR, ".llm-filter-empty").is_displayed()


def test_state_round_trips_through_the_url_and_the_back_button(browser, server: str, rules: Rules) -> None:
    from selenium.webdriver.common.by import By

    query = rules.informative(TWO_FACETS)
    browser.get(f"{server}/find.html")
    wait_ready(browser)
    pairs = in_form_order(browser, as_pairs(query))
    for name, value in pairs:
        press(browser, box_for(browser, name, value))
    want = first_page(browser, rules.expected(query))
    assert visible_ids(browser) == want
    url = browser.current_url
    assert query_of(url) == pairs

    # Follow a card's title to the record's own card, then come back.
    first = next(e for e in browser.find_elements(By.CSS_SELECTOR, "[data-llm-id]") if e.is_displayed())
    link = first.find_element(By.CSS_SELECTOR, "a")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", link)
    link.click()
    assert "find.html" not in browser.current_url
    browser.back()
    wait_ready(browser)
    assert browser.current_url == url
    assert ticked(browser) == sorted(pairs)
    assert visible_ids(browser) == want

    # The same address, opened afresh (bookmarked or shared), shows the same.
    browser.get("about:blank")
    browser.get(url)
    wait_ready(browser)
    assert visible_ids(browser) == want


def test_several_values_of_one_facet_repeat_the_key(browser, server: str, rules: Rules) -> None:
    query = rules.informative((("level", 2),))
    browser.get(f"{server}/find.html")
    wait_ready(browser)
    pairs = in_form_order(browser, as_pairs(query))
    for name, value in pairs:
        press(browser, box_for(browser, name, value))
    assert query_of(browser.current_url) == pairs
    assert visible_ids(browser) == first_page(browser, rules.expected(query))


def test_unknown_parameters_are_ignored_visibly_and_never_become_markup(browser, server: str, rules: Rules) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    evil = "<img src=x onerror=alert(1)>"
    query = rules.informative((("lang", 1),))
    ((name, value),) = as_pairs(query)
    browser.get(
        f"{server}/find.html?" + urlencode([("level", "bogus"), (name, value), ("colour", "red"), ("topic", evil)])
    )
    wait_ready(browser)
    assert visible_ids(browser) == first_page(browser, rules.expected(query))
    note = browser.find_element(By.CSS_SELECTOR, ".llm-filter-note")
    assert note.is_displayed()
    for part in ("level=bogus", "colour=red", f"topic={evil}"):
        assert part in note.text
    assert f"{name}={value}" not in note.text
    assert browser.find_elements(By.CSS_SELECTOR, "form.llm-filter img") == []
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - raises when no alert is open


def test_sphinx_search_highlight_parameter_is_not_reported(browser, server: str, rules: Rules) -> None:
    from selenium.webdriver.common.by import By

    query = rules.informative((("lang", 1),))
    browser.get(f"{server}/find.html?highlight=transformer&{urlencode(as_pairs(query))}")
    wait_ready(browser)
    assert not browser.find_element(By.CSS_SELECTOR, ".llm-filter-note").is_displayed()
    assert visible_ids(browser) == first_page(browser, rules.expected(query))


def test_without_javascript_everything_shows_and_the_controls_hide(
    browser, server: str, project: Project, rules: Rules
) -> None:
    from selenium.webdriver.common.by import By

    category, _ = a_category_page(project, rules)
    query = urlencode(as_pairs(rules.informative(TWO_FACETS)))
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(f"{server}/find.html?{query}")
        form = browser.find_element(By.CSS_SELECTOR, "form.llm-filter")
        assert not form.is_displayed()
        assert visible_ids(browser) == set(rules.facts)
        browser.get(f"{server}/materials/{category}.html?{query}")
        assert not browser.find_element(By.CSS_SELECTOR, "form.llm-filter").is_displayed()
        assert visible_ids(browser) == rules.in_category(category)
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_keyboard_only(browser, server: str, rules: Rules) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    query = rules.informative(TWO_FACETS)
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

    pairs = in_form_order(browser, as_pairs(query))
    for name, value in pairs:
        tab_to(f'input[name="{name}"][value="{value}"]')
        ActionChains(browser).send_keys(Keys.SPACE).perform()
    assert visible_ids(browser) == first_page(browser, rules.expected(query))
    assert query_of(browser.current_url) == pairs
    tab_to(".llm-filter-clear")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert visible_ids(browser) == first_page(browser, set(rules.facts))
    assert ticked(browser) == []
    if len(rules.facts) > PAGE_SIZE:  # 再列出 is a button of its own, reached and pressed by keyboard
        tab_to("button.llm-filter-more")
        ActionChains(browser).send_keys(Keys.ENTER).perform()
        assert visible_ids(browser) == set(page_order(browser)[: 2 * PAGE_SIZE])


# -- What the ticked boxes leave out: the records whose value of a facet is unknown ---------------


def unknown_words(browser) -> dict[str, str]:
    """Each facet's unknown box, by facet, in the words the note must use: the box's own label
    where it names the fact (费用未查或未确认), else the facet's legend and the label (程度未标注)."""
    return browser.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('form.llm-filter input[value=unknown]')]"
        "  .map(box => { const label = box.closest('label').textContent.trim();"
        "    const legend = box.closest('fieldset').querySelector('legend').textContent.trim();"
        "    return [box.name, label.startsWith(legend) ? label : legend + label]; }));"
    )


def expected_dropped(rules: Rules, query: dict[str, list[str]], facets: list[str]) -> dict[str, int]:
    """Per facet of *query* with an unknown box (*facets*) not ticked: how many records its ticked
    boxes hide because their value of it is unknown, though the other facets let them through."""
    found = {}
    for facet, want in query.items():
        if facet in facets and "unknown" not in want:
            hidden = len(rules.expected({**query, facet: ["unknown"]}))
            if hidden:
                found[facet] = hidden
    return found


def dropped_notes(browser) -> list[str]:
    """The lines below the count, each a note and its button (which the note describes)."""
    from selenium.webdriver.common.by import By

    found = []
    for line in browser.find_elements(By.CSS_SELECTOR, ".llm-filter-dropped p"):
        button = line.find_element(By.TAG_NAME, "button")
        assert line.is_displayed() and button.text == "一并列出"
        found.append(browser.find_element(By.ID, button.get_attribute("aria-describedby")).text)
    return found


def dropped_queries(rules: Rules, facets: list[str]) -> list[dict[str, list[str]]]:
    """One known value of each facet that has an unknown box, alone; and the queries of SHAPES."""
    single = [{facet: [next(v for v in rules.values(facet) if v != "unknown")]} for facet in facets]
    return single + [rules.informative(shape) for shape in SHAPES]


def test_a_facet_says_how_many_records_of_unknown_value_its_boxes_leave_out(browser, server: str, rules: Rules) -> None:
    """Ticking 免费 (or a year ...) leaves out the records whose cost (or year) is unknown: a line
    below the count says how many of them the other ticked boxes would let through, in the words
    of the facet's unknown box (另有 3 项费用未查或未确认); none when nothing is ticked."""
    browser.get(f"{server}/find.html")
    wait_ready(browser)
    assert dropped_notes(browser) == []
    words = unknown_words(browser)
    assert words, "no facet of the data has records of unknown value"
    queries = dropped_queries(rules, list(words))
    assert any(expected_dropped(rules, query, list(words)) for query in queries)
    for query in queries:
        browser.get(f"{server}/find.html?{urlencode(as_pairs(query))}")
        wait_ready(browser)
        want = expected_dropped(rules, query, list(words))
        order = [key for key, _ in in_form_order(browser, [(facet, "unknown") for facet in want])]
        assert dropped_notes(browser) == [f"另有 {want[facet]} 项{words[facet]}" for facet in order], query
        # With the unknown boxes ticked too, nothing is left out.
        both = {facet: [*values, *(["unknown"] if facet in words else [])] for facet, values in query.items()}
        browser.get(f"{server}/find.html?{urlencode(as_pairs(both))}")
        wait_ready(browser)
        assert dropped_notes(browser) == [], both


def test_the_note_lists_them_too_by_ticking_the_unknown_box(browser, server: str, rules: Rules) -> None:
    """一并列出 ticks the facet's unknown box, as a reader would: the records appear, the address
    says so, the note goes, and the keyboard's focus is on the box it ticked."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{server}/find.html")
    wait_ready(browser)
    words = unknown_words(browser)
    # The example first (免费, which hid a course of unconfirmed cost), then any facet.
    facets = sorted(words, key=lambda facet: facet != "cost")
    query, facet = next(
        (q, f) for q in dropped_queries(rules, facets) for f in facets if f in expected_dropped(rules, q, facets)
    )
    browser.get(f"{server}/find.html?{urlencode(as_pairs(query))}")
    wait_ready(browser)
    notes = dropped_notes(browser)
    note = f"另有 {expected_dropped(rules, query, facets)[facet]} 项{words[facet]}"
    button = browser.find_elements(By.CSS_SELECTOR, ".llm-filter-dropped button")[notes.index(note)]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    browser.execute_script("arguments[0].focus()", button)
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wider = {**query, facet: [*query[facet], "unknown"]}
    want = rules.expected(wider)
    assert len(want) == len(rules.expected(query)) + expected_dropped(rules, query, facets)[facet]
    assert visible_ids(browser) == first_page(browser, want)
    assert count_text(browser) == f"符合条件 {len(want)} / {len(rules.facts)} 项"
    assert ticked(browser) == sorted(as_pairs(wider))
    assert query_of(browser.current_url) == in_form_order(browser, as_pairs(wider))
    assert browser.switch_to.active_element == box_for(browser, facet, "unknown")
    assert facet not in expected_dropped(rules, wider, facets)
    assert not any(words[facet] in note for note in dropped_notes(browser))


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


def test_works_from_disk(browser, site: Path, rules: Rules) -> None:
    query = rules.informative(TWO_FACETS)
    browser.get((site / "find.html").as_uri())
    wait_ready(browser)
    (first, second) = in_form_order(browser, as_pairs(query))
    browser.get((site / "find.html").as_uri() + "?" + urlencode([first]))
    wait_ready(browser)
    assert visible_ids(browser) == first_page(browser, rules.expected({first[0]: [first[1]]}))
    press(browser, box_for(browser, *second))
    assert visible_ids(browser) == first_page(browser, rules.expected(query))
    assert query_of(browser.current_url) == [first, second]


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


def test_repeated_values_in_the_url_tick_their_box_once(browser, server: str, rules: Rules) -> None:
    """A value repeated in the address is the same condition: its box is ticked, the rest as
    for a single value; a repeated unknown value is named in the note, as any unknown one."""
    from selenium.webdriver.common.by import By

    query = rules.informative(TWO_FACETS)
    pairs = as_pairs(query)
    browser.get(
        f"{server}/find.html?" + urlencode([pair for pair in pairs for _ in (1, 2)]) + "&level=bogus&level=bogus"
    )
    wait_ready(browser)
    want = rules.expected(query)
    assert visible_ids(browser) == first_page(browser, want)
    assert count_text(browser) == f"符合条件 {len(want)} / {len(rules.facts)} 项"
    assert ticked(browser) == sorted(pairs)
    note = browser.find_element(By.CSS_SELECTOR, ".llm-filter-note")
    assert note.is_displayed() and note.text.count("level=bogus") == 2
    first, second = in_form_order(browser, pairs)
    press(browser, box_for(browser, *second))
    assert query_of(browser.current_url) == [first], "a change writes each ticked box once"

"""Accessibility in a real browser: axe-core finds no serious or critical problem on the main
pages, in the light and in the dark colour scheme, on a desktop and a phone screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import POLL, REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "index.html",
    "materials/nlp-courses.html",  # a category page
    "materials/application-courses.html?format=video&format=unknown",  # its filter, in use
    "find.html?lang=zh&cost=free&level=bogus",  # the filter page: a note on an ignored parameter, 另有 N 项
    "chinese.html",  # the table of what can be studied in Chinese
    "materials/llm101n.html",  # the syllabus
    "materials/recent.html",  # 最近收录: records by date
    "paths.html",  # study paths, the prerequisite graph, the progress panel and its checkboxes
    "textbooks/index.html",
    "search.html?q=%E6%96%AF%E5%9D%A6%E7%A6%8F",  # the search page, showing results (斯坦福)
]
#: Every scheme and width a page is checked in.
VIEWS = [("light", 1280), ("light", 390), ("dark", 1280), ("dark", 390)]
VIEW_IDS = ["light-desktop", "light-phone", "dark-desktop", "dark-phone"]
#: Background of furo's page in each scheme (its --color-background-primary).
BACKGROUNDS = {"light": "rgb(255, 255, 255)", "dark": "rgb(19, 20, 22)"}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `make node-deps` (make test does)")
    return AXE.read_text(encoding="utf-8")


def violations(browser, axe_source: str) -> list[dict]:
    browser.execute_script(axe_source)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        "  .then(r => done(r.violations),"
        "        e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));"
    )
    return [v for v in result if v["impact"] in {"serious", "critical"}]


def describe(found: list[dict]) -> str:
    lines = []
    for violation in found:
        targets = "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:5])
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']} ({targets})")
    return "\n".join(lines)


def check_page(browser, server: str, axe_source: str, page: str, scheme: str, width: int) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(width, 900)
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]}
    )
    try:
        browser.get(f"{server}/{page}")  # furo's default theme, "auto", follows the emulated scheme
        if page.startswith("search.html"):
            WebDriverWait(browser, 30, poll_frequency=POLL).until(
                lambda d: d.execute_script(
                    "return document.querySelector('#search-results p.search-summary')?.textContent"
                )
            )
        background = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
        assert background == BACKGROUNDS[scheme]
        found = violations(browser, axe_source)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
        browser.set_window_size(1280, 900)
    assert not found, describe(found)


@pytest.mark.parametrize("page", PAGES)
def test_no_serious_accessibility_problems(browser, server: str, axe_source: str, page: str) -> None:
    """Every variant's pages, as most readers see them: the data's cards, rows and table are there."""
    check_page(browser, server, axe_source, page, "light", 1280)


# The colour schemes and the phone width change the stylesheet's colours and layout, not what
# the data puts on the pages: checked on the real site (the light desktop view above runs on
# every variant, so content a contribution brings is checked there).
@pytest.mark.sites("real")
@pytest.mark.parametrize(("scheme", "width"), VIEWS[1:], ids=VIEW_IDS[1:])
@pytest.mark.parametrize("page", PAGES)
def test_no_serious_accessibility_problems_in_the_dark_and_on_a_phone(
    browser, server: str, axe_source: str, page: str, scheme: str, width: int
) -> None:
    check_page(browser, server, axe_source, page, scheme, width)


# The 404 page as Read the Docs serves it (the shared build's, at its address path): its links
# are absolute, so it is served at the server's root, where one build can be; it is page
# furniture, the same on every variant.
@pytest.mark.sites("real")
@pytest.mark.parametrize(("scheme", "width"), VIEWS, ids=VIEW_IDS)
def test_no_serious_accessibility_problems_on_the_404_page(
    browser, static, rtd: Path, axe_source: str, scheme: str, width: int
) -> None:
    from test_hosting import PREFIX, rtd_at_the_servers_root

    server = rtd_at_the_servers_root(static, rtd)
    check_page(browser, server + PREFIX.rstrip("/"), axe_source, "no/such/page.html", scheme, width)

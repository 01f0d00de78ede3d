"""Accessibility in a real browser: axe-core finds no serious or critical problem on the main
pages, in the light and in the dark colour scheme, on a desktop and a phone screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, serve

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "index.html",
    "materials/nlp-courses.html",  # a category page
    "materials/application-courses.html?format=video&format=unknown",  # its filter, in use
    "find.html?lang=zh&level=bogus",  # the filter page, with a note about an ignored parameter
    "chinese.html",  # the table of what can be studied in Chinese
    "materials/llm101n.html",  # the syllabus
    "materials/recent.html",  # 最近收录: records by date
    "paths.html",  # study paths, the prerequisite graph, the progress panel and its checkboxes
    "textbooks/index.html",
    "search.html?q=%E6%96%AF%E5%9D%A6%E7%A6%8F",  # the search page, showing results (斯坦福)
    "404.html",
]
#: Background of furo's page in each scheme (its --color-background-primary).
BACKGROUNDS = {"light": "rgb(255, 255, 255)", "dark": "rgb(19, 20, 22)"}


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


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


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", PAGES)
def test_no_serious_accessibility_problems(
    browser, server: str, axe_source: str, page: str, scheme: str, width: int
) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(width, 900)
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]}
    )
    try:
        browser.get(f"{server}/{page}")  # furo's default theme, "auto", follows the emulated scheme
        if page.startswith("search.html"):
            WebDriverWait(browser, 30).until(
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

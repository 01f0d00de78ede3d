"""Chinese search works in a real browser: headless Chromium runs the site's own search page."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import require_tool


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))

    class Quiet(handler.func):  # type: ignore[misc, name-defined]
        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    # CHROMIUM / CHROMEDRIVER name another build (GitHub's Ubuntu runners ship Google Chrome).
    chromium = require_tool(os.environ.get("CHROMIUM", "chromium"), "the search test drives a real browser")
    driver_path = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    if not driver_path and os.environ.get("CHROMEWEBDRIVER"):
        driver_path = os.path.join(os.environ["CHROMEWEBDRIVER"], "chromedriver")
    if not driver_path or not os.path.exists(driver_path):
        driver_path = require_tool("chromedriver", "Selenium talks to Chromium through it")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def search(browser, server: str, query: str) -> tuple[str, list[str]]:
    """Run a query on search.html; return the summary line and the result links."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{server}/search.html?q={quote(query)}")

    def finished(driver) -> bool:
        summary = driver.find_elements(By.CSS_SELECTOR, "#search-results p.search-summary")
        return bool(summary) and summary[0].text.strip() != ""

    WebDriverWait(browser, 30).until(finished)
    summary = browser.find_element(By.CSS_SELECTOR, "#search-results p.search-summary").text
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#search-results ul.search li a")]
    return summary, links


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
    assert summary

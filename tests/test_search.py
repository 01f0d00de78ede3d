"""Chinese search works in a real browser: headless Chromium runs the site's own search page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run_search, serve


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

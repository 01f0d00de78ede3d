"""The whole site offline: the HTML download is the multi-page site, searchable from file://.

The download is the shared Read the Docs build's (scripts/rtd-build runs the htmlzip job of
.readthedocs.yaml on its HTML), unpacked the way a reader does.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from test_search import word_inside_a_chinese_title

from conftest import parsed, run_search
from sites import RTD_ENV, RTD_SLUG

#: The zip's one top folder, as Read the Docs names it: the project's slug and the version.
FOLDER = f"{RTD_SLUG}-{RTD_ENV['READTHEDOCS_VERSION']}"


@pytest.fixture(scope="module")
def unpacked(rtd: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the reader downloads (the variant's Read the Docs htmlzip), unpacked."""
    out = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(rtd / "htmlzip" / f"{RTD_SLUG}.zip") as archive:
        names = archive.namelist()
        assert all(name.startswith(f"{FOLDER}/") for name in names)  # one top folder
        archive.extractall(out)
    return out / FOLDER


def test_the_download_is_the_same_multi_page_site(rtd: Path, unpacked: Path) -> None:
    site = rtd / "html"
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    shipped = sorted(p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*.html"))
    assert shipped == built
    assert len(shipped) > 5 and "materials/nlp-courses.html" in shipped
    for page in ("index.html", "materials/llm101n.html"):
        assert (unpacked / page).read_bytes() == (site / page).read_bytes()
    # Navigation between pages is relative, so it works from disk.
    links = [a["href"] for a in parsed(unpacked / "index.html").select(".sidebar-tree a.reference.internal")]
    assert links and all(not href.startswith(("/", "http")) for href in links)
    for href in links:
        assert (unpacked / href.split("#")[0]).is_file(), href


def search_from_disk(browser, unpacked: Path, query: str) -> tuple[str, list[str]]:
    return run_search(browser, unpacked.as_uri(), query)


def assert_found_from_disk(browser, unpacked: Path, query: str, page: str) -> None:
    summary, links = search_from_disk(browser, unpacked, query)
    assert links, f"no results for {query!r} from disk: {summary}"
    assert all(link.startswith("file://") for link in links)
    assert any(link.split("?")[0].split("#")[0].endswith(page) for link in links), links
    scripts = [s.get_attribute("src") or "" for s in browser.find_elements(By.TAG_NAME, "script")]
    assert any("/_static/llm-search-zh.js" in src and src.startswith("file://") for src in scripts), scripts
    # A result opens the page from disk.
    browser.get(links[0])
    assert browser.find_element(By.TAG_NAME, "h1").text


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("斯坦福", "materials/nlp-courses.html"),  # the page's own text (and its cards' institutions)
        ("教学大纲", "materials/llm101n.html"),
    ],
)
def test_search_works_from_file_urls(browser, unpacked: Path, query: str, page: str) -> None:
    assert_found_from_disk(browser, unpacked, query, page)


def test_search_finds_a_word_inside_a_chinese_title_from_file_urls(browser, unpacked: Path, catalog) -> None:
    """As 人工智能 finds 生成式人工智能导论: the Chinese query splitter at work, from disk."""
    query, page = word_inside_a_chinese_title(catalog, unpacked)
    assert_found_from_disk(browser, unpacked, query, page)

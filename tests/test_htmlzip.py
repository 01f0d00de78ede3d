"""The whole site offline: the HTML download is the multi-page site, searchable from file://."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import REPO, run_search, soup

FOLDER = "llm-study-guide"


@pytest.fixture(scope="module")
def unpacked(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """What `make htmlzip` ships, unpacked the way a reader does."""
    target = tmp_path_factory.mktemp("htmlzip") / f"{FOLDER}.zip"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make-htmlzip"), str(site), str(target), FOLDER],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert all(name.startswith(f"{FOLDER}/") for name in names)  # one top folder
        archive.extractall(out)
    yield out / FOLDER


def test_the_download_is_the_same_multi_page_site(site: Path, unpacked: Path) -> None:
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    shipped = sorted(p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*.html"))
    assert shipped == built
    assert len(shipped) > 5 and "materials/nlp-courses.html" in shipped
    for page in ("index.html", "materials/llm101n.html"):
        assert (unpacked / page).read_bytes() == (site / page).read_bytes()
    # Navigation between pages is relative, so it works from disk.
    links = [a["href"] for a in soup(unpacked / "index.html").select(".sidebar-tree a.reference.internal")]
    assert links and all(not href.startswith(("/", "http")) for href in links)
    for href in links:
        assert (unpacked / href.split("#")[0]).is_file(), href


def search_from_disk(browser, unpacked: Path, query: str) -> tuple[str, list[str]]:
    return run_search(browser, unpacked.as_uri(), query)


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("斯坦福", "materials/nlp-courses.html"),  # a card's institution
        ("人工智能", "materials/llm-courses.html"),  # inside a title: the Chinese query splitter at work
        ("教学大纲", "materials/llm101n.html"),
    ],
)
def test_search_works_from_file_urls(browser, unpacked: Path, query: str, page: str) -> None:
    summary, links = search_from_disk(browser, unpacked, query)
    assert links, f"no results for {query!r} from disk: {summary}"
    assert all(link.startswith("file://") for link in links)
    assert any(link.split("?")[0].split("#")[0].endswith(page) for link in links), links
    scripts = [s.get_attribute("src") or "" for s in browser.find_elements(By.TAG_NAME, "script")]
    assert any("/_static/llm-search-zh.js" in src and src.startswith("file://") for src in scripts), scripts
    # A result opens the page from disk.
    browser.get(links[0])
    assert browser.find_element(By.TAG_NAME, "h1").text

"""Hosting on Read the Docs: the 404 page at any depth, the sitemap, link previews, icon and logo.

The site is the variant's shared Read the Docs build (scripts/rtd-build, with the canonical URL
of sites.RTD_CANONICAL), served on 127.0.0.1 from a folder at the URL path it names (PREFIX).
"""

from __future__ import annotations

import os
import re
import struct
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from filelock import FileLock

from conftest import POLL, parsed, soup
from sites import RTD_CANONICAL, RTD_ENV, RTD_LANGUAGE, RTD_PREFIX, Project, clean_env, run

PREFIX = RTD_PREFIX
CANONICAL = RTD_CANONICAL
#: Pages that are not content: left out of the sitemap.
NOT_CONTENT = {"404.html", "search.html", "genindex.html"}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def hosted(rtd: Path, static, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A host's root folder whose PREFIX is the variant's Read the Docs HTML (the shared build),
    answering a missing page there as Read the Docs does: status 404, the 404 page as the body."""
    root = tmp_path_factory.mktemp("hosted")
    link = root / PREFIX.strip("/")
    link.parent.mkdir(parents=True)
    link.symlink_to(rtd / "html", target_is_directory=True)
    static.answer_404_with(link, link / "404.html")
    return root


@pytest.fixture(scope="module")
def host(hosted: Path, static) -> str:
    """The address of that host's root on the worker's static server (no final slash).

    The server's own root is the session's folder, so an absolute link of the 404 page
    (``/zh-cn/latest/...``) is read against this address, where the host's root would be."""
    return static.url(hosted)


def rtd_at_the_servers_root(static, rtd: Path) -> str:
    """The static server's address, with the real site's Read the Docs HTML at PREFIX of the
    server's own root: in a browser, the 404 page's absolute links (``/zh-cn/latest/_static/``)
    resolve against the server's root. One build can be there: only the real site's is."""
    link = static.root / PREFIX.strip("/")
    with FileLock(str(static.root / "rtd-prefix.lock")):
        if not link.is_symlink():
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(rtd / "html", target_is_directory=True)
    assert link.resolve() == (rtd / "html").resolve(), "another build is already at the server's root"
    static.answer_404_with(link, link / "404.html")
    return static.base


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def content_pages(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*.html")} - NOT_CONTENT


# -- 404 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["gone.html", "materials/old-name.html", "a/b/c/d/", "materials/x/y.html?q=1"])
def test_404_page_is_chinese_and_every_link_resolves_at_any_depth(host: str, missing: str) -> None:
    url = f"{host}{PREFIX}{missing}"
    status, body = fetch(url)
    assert status == 404
    page = BeautifulSoup(body, "html.parser")
    assert page.html["lang"] == "zh-CN"
    assert page.title.get_text(strip=True).startswith("找不到页面")
    assert page.select_one("article h1").get_text(strip=True) == "找不到这个页面"

    links = [
        (tag.name, attr, tag[attr])
        for tag in page.find_all(True)
        for attr in ("href", "src", "action")
        if tag.has_attr(attr)
    ]
    local = [link for link in links if not link[2].startswith(("#", "https://"))]
    assert len(local) > 20  # styles, scripts, logo, icon, sidebar and entry points
    for tag, attr, value in local:
        # Absolute: the same address from every depth.
        assert value.startswith(PREFIX), (tag, attr, value)
        target = host + value  # the host's root is where an absolute path starts
        assert fetch(target)[0] == 200, (tag, attr, value)
    assert page.html["data-content_root"] == PREFIX


def test_404_page_offers_search_and_the_main_entry_points(host: str) -> None:
    status, body = fetch(f"{host}{PREFIX}no/such/page.html")
    assert status == 404
    page = BeautifulSoup(body, "html.parser")
    article = page.select_one("article")
    form = article.find("form", role="search")
    assert form["action"] == f"{PREFIX}search.html"
    field = form.find("input", attrs={"name": "q"})
    assert article.find("label", attrs={"for": field["id"]}).get_text(strip=True) == "搜索本指南"
    entries = {a["href"]: a.get_text(strip=True) for a in article.find_all("a")}
    home = soup_from(host, "index.html")
    # The home page's own table of contents, with its titles, plus the home page itself.
    toc = home.select("article .toctree-wrapper > ul > li > a")
    expected = {urljoin(PREFIX, a["href"]): a.get_text(strip=True) for a in toc}
    assert len(expected) >= 3
    assert expected.items() <= entries.items()
    assert entries[f"{PREFIX}index.html"] == "回到首页"


def soup_from(host: str, page: str) -> BeautifulSoup:
    status, body = fetch(f"{host}{PREFIX}{page}")
    assert status == 200
    return BeautifulSoup(body, "html.parser")


# The 404 page and its search box are the site's furniture, the same on every variant (search over
# the data is tested on every variant in test_search.py); and a browser resolves the page's absolute
# links against the server's root, where only one build can be.
@pytest.mark.sites("real")
def test_404_page_in_a_browser_searches_from_deep_address(browser, static, rtd: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    server = rtd_at_the_servers_root(static, rtd)
    browser.get(f"{server}{PREFIX}materials/2024/old/llm.html")
    # The theme's stylesheet and the logo loaded from the deep address.
    assert (
        browser.execute_script("return getComputedStyle(document.querySelector('.sidebar-drawer')).boxSizing")
        == "border-box"
    )
    logo = browser.find_element(By.CSS_SELECTOR, "img.sidebar-logo")
    assert browser.execute_script("return arguments[0].naturalWidth", logo) > 0
    # Keyboard only: the search field is reachable and submits with Enter.
    field = browser.find_element(By.ID, "llm-notfound-q")
    field.send_keys("斯坦福", Keys.ENTER)
    WebDriverWait(browser, 30, poll_frequency=POLL).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results ul.search li a")
    )
    assert urlparse(browser.current_url).path == f"{PREFIX}search.html"
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#search-results ul.search li a")]
    assert any("materials/nlp-courses.html" in link for link in links)


# -- Sitemap -------------------------------------------------------------------------------


def test_sitemap_lists_every_page_at_its_canonical_address(rtd: Path) -> None:
    out = rtd / "html"
    tree = ET.parse(out / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = tree.getroot().findall("s:url", ns)
    locations = [url.findtext("s:loc", namespaces=ns) for url in urls]
    assert len(locations) == len(set(locations))
    assert {loc.removeprefix(CANONICAL) for loc in locations} == content_pages(out)
    assert all(loc.startswith(CANONICAL) for loc in locations)
    # The date of each page, from git, as the page itself shows it.
    for url in urls:
        lastmod = url.findtext("s:lastmod", namespaces=ns)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", lastmod), lastmod
    assert tree.getroot().find(".//{http://www.w3.org/1999/xhtml}link") is None  # one language


# A build of its own: the point is to compare a parallel build with the shared serial one (Read
# the Docs' own html step, -j 2 added); a contribution is where parallel reading could differ.
@pytest.mark.sites("real", "contribution")
def test_parallel_hosted_build_gives_the_same_sitemap_and_previews(project: Project, rtd: Path, tmp_path: Path) -> None:
    serial = rtd / "html"
    parallel = tmp_path / "html"
    args = [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-b", "html", "-j", "2"]
    args += ["-d", str(tmp_path / "doctrees"), "-D", f"language={RTD_LANGUAGE}", ".", str(parallel)]
    result = run(args, project.root, clean_env(**RTD_ENV))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr

    def hosting(out: Path) -> tuple:
        sitemap = sorted(re.findall(r"<loc>(.*?)</loc>", (out / "sitemap.xml").read_text(encoding="utf-8")))
        tags = {
            name: sorted(str(tag) for tag in parsed(out / name).find_all("meta", property=re.compile("^og:")))
            for name in sorted(content_pages(out))
        }
        return sitemap, tags

    assert hosting(parallel) == hosting(serial)


def test_no_sitemap_without_a_base_url(site: Path) -> None:
    # The `site` fixture built strictly with no READTHEDOCS_CANONICAL_URL: no warning, no file.
    assert "READTHEDOCS_CANONICAL_URL" not in os.environ, "run the tests without Read the Docs' variables"
    assert not (site / "sitemap.xml").exists()
    assert soup(site / "index.html").find("link", rel="canonical") is None


# -- Link previews -------------------------------------------------------------------------


def meta(page: BeautifulSoup, key: str) -> str:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    assert tag is not None, key
    return tag["content"]


def first_paragraph(page: BeautifulSoup) -> str:
    paragraph = page.select_one("article section > p")
    text = paragraph.get_text()
    # A line break between two Chinese characters is no space in Chinese.
    text = re.sub(r"(?<=[^\x00-\x7f])\s*\n\s*(?=[^\x00-\x7f])", "", text)
    return " ".join(text.split())


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "materials/nlp-courses.html",
        "materials/llm101n.html",
        "textbooks/index.html",
        "resources/index.html",
    ],
)
def test_link_previews_show_the_page_in_chinese(rtd: Path, name: str) -> None:
    out = rtd / "html"
    page = parsed(out / name)
    assert meta(page, "og:title") == page.select_one("article h1").get_text(strip=True).rstrip("#¶")
    assert meta(page, "og:site_name") == "大语言模型学习指南"
    assert meta(page, "og:url") == CANONICAL + name
    assert meta(page, "og:locale") == "zh_CN"
    description = meta(page, "og:description")
    assert description == meta(page, "description")
    paragraph = first_paragraph(page)
    assert description == paragraph or (description.endswith("…") and paragraph.startswith(description[:-1]))
    # Chinese: more Chinese characters than Latin letters (names like LLM101n stay Latin).
    assert len(CJK.findall(description)) > len(re.findall(r"[A-Za-z]", description)), description
    assert meta(page, "twitter:card") == "summary_large_image"
    image = meta(page, "og:image")
    assert image.startswith(CANONICAL)
    png = (out / image.removeprefix(CANONICAL)).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1200, 630)
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert CJK.search(meta(page, "og:image:alt"))


def test_descriptions_differ_per_page(rtd: Path) -> None:
    out = rtd / "html"
    descriptions = [meta(parsed(out / name), "og:description") for name in sorted(content_pages(out))]
    assert len(set(descriptions)) == len(descriptions)


# -- Icon and logo -------------------------------------------------------------------------


def test_icon_and_logo_are_the_sites_own_svg(project: Project, site: Path) -> None:
    for name in ("index.html", "materials/llm101n.html"):
        page = parsed(site / name)
        icon = page.find("link", rel="icon") or page.find("link", rel="shortcut icon")
        logo = page.select_one(".sidebar-brand img.sidebar-logo")
        # Decorative beside the site's name, which the same link reads out.
        assert logo["alt"] == "" and "大语言模型学习指南" in logo.find_parent("a").get_text()
        for url in (icon["href"], logo["src"]):
            path = (site / name).parent / url
            assert path.suffix == ".svg"
            svg = ET.parse(path).getroot()
            assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert (project.root / "_static" / "logo.svg").read_bytes() == (site / "_static" / "logo.svg").read_bytes()

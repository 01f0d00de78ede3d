"""The home page starts the reader (issue 21, item 5), and the graph reads everywhere (item 3).

Built HTML, read with BeautifulSoup: the start buttons reach real anchors, the contributor page
is in the navigation and every footer, the downloads are Read the Docs' documented addresses
when its variables are set and a note with the commands when not, and no English interface
word is left. In Chromium: the prerequisite graph in the dark scheme (contrast measured on the
rendered pixels), its labels on a phone, furo's 回到顶部 button clear of it, and axe-core on the
home page.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from llm_hosting.downloads import FORMATS, download_urls

from conftest import POLL, parsed, soup
from llm_catalog.paths.studyplan import path_anchor
from sites import RTD_CANONICAL, RTD_ENV, RTD_LANGUAGE

#: Read the Docs' documented download address of a version's offline formats
#: (``/_/downloads/<language>/<version>/<format>/`` on the project's domain; the language code as
#: it appears in addresses: lower case, "-" for "_"), for the build in sites.RTD_ENV.
LANGUAGE_IN_ADDRESSES = RTD_LANGUAGE.lower().replace("_", "-")
DOCUMENTED = "{base}/_/downloads/{language}/{version}/{{format}}/".format(
    base="{0.scheme}://{0.netloc}".format(urlsplit(RTD_CANONICAL)),
    language=LANGUAGE_IN_ADDRESSES,
    version=RTD_ENV["READTHEDOCS_VERSION"],
)
#: English interface words that showed up on the site (issue 21) or could: permalink tooltips,
#: furo's and Read the Docs' footer and flyout words.
ENGLISH_UI = re.compile(
    r"Link to this|Downloads|On Read the Docs|On GitHub|Project Home|Versions|Back to top|Skip to content"
    r"|Edit this page|View this page|On this page|Last updated|Made with|Copyright|Toggle|Contents|\bNext\b"
    r"|\bPrevious\b|\bHome\b|\bSearch\b|Light mode|Dark mode|\bMenu\b|\bExpand\b|\bLogo\b"
)
PAGES = ["index.html", "contribute.html", "paths.html", "find.html", "materials/index.html", "404.html", "search.html"]


# -- The start -----------------------------------------------------------------------------


def test_home_starts_with_the_study_paths_and_find_as_buttons(site: Path, catalog) -> None:
    home = parsed(site / "index.html")
    start = home.select_one("article .llm-start")
    assert start is not None
    cards = start.select(".llm-start-card")
    titles = [card.select_one(".sd-card-title").get_text(strip=True) for card in cards]
    assert titles == [path.title for path in catalog.paths]
    paths_page = parsed(site / "paths.html")
    for card, path in zip(cards, catalog.paths, strict=True):
        link = card.select_one("a.sd-stretched-link")
        page, _, anchor = link["href"].partition("#")
        assert (page, anchor) == ("paths.html", path_anchor(path.id))
        section = paths_page.find(id=anchor)
        assert section is not None and path.title in section.find(re.compile("^h[1-6]$")).get_text()
    find = home.select_one("article a.sd-btn.llm-start-find")
    assert find["href"] == "find.html" and find.get_text(strip=True).startswith("找资料")
    assert (site / "find.html").is_file()
    # The start comes first, right after the introduction: its heading is the page's first.
    first = home.select_one("article p.rubric, article h2")
    assert first.get_text(strip=True) == "从这里开始" and "rubric" in first["class"]
    assert first.find_next_sibling().select_one(".llm-start") or first.find_next("div", class_="llm-start")


def test_home_has_no_contributor_material_and_no_sentence_wrong_on_a_phone(site: Path) -> None:
    article = soup(site / "index.html").select_one("article")
    for toc in article.select(".toctree-wrapper"):  # the table of contents names every page's sections
        toc.decompose()
    text = article.get_text(" ")
    for contributor_word in ("_data/catalog.yaml", "make check", "Pull Request", "怎么参与"):
        assert contributor_word not in text.replace("参与贡献", "")
    assert "左上角的搜索框" not in text
    assert "右下角" not in text  # Read the Docs' flyout menu is not where the downloads are


def test_contributor_page_is_in_the_navigation_and_every_footer(site: Path) -> None:
    page = parsed(site / "contribute.html")
    assert page.select_one("article h1").get_text(strip=True).rstrip("¶") == "参与贡献"
    assert "_data/catalog.yaml" in page.get_text() and "make check" in page.get_text()
    for name in ("index.html", "paths.html", "materials/nlp-courses.html", "contribute.html"):
        html = parsed(site / name)
        nav = [a["href"] for a in html.select(".sidebar-tree a.reference")]
        footer = html.select_one("footer .llm-footer-links a")
        assert footer is not None and footer.get_text(strip=True) == "参与贡献", name
        entry = html.select_one(".sidebar-tree a.reference[href$='contribute.html']") or html.select_one(
            ".sidebar-tree a.current"
        )
        assert entry is not None and entry.get_text(strip=True) == "参与贡献", (name, nav)
        for href in {entry["href"], footer["href"]} - {"#"}:  # furo links the current page as "#"
            assert (site / name).parent.joinpath(href).resolve() == (site / "contribute.html").resolve(), name


def test_downloads_locally_say_how_to_make_the_files(site: Path) -> None:
    box = parsed(site / "index.html").select_one("article .llm-downloads")
    assert "llm-downloads-local" in box["class"]
    assert not box.select("a[href]"), "a local build has no files to link to"
    assert "本地构建" in box.get_text()
    commands = [code.get_text() for code in box.select("li code:first-child")]
    assert commands == ["make pdf", "make epub", "make htmlzip"]


def test_downloads_on_read_the_docs_are_its_documented_addresses(rtd: Path) -> None:
    box = parsed(rtd / "html" / "index.html").select_one("article .llm-downloads")
    links = {slug: box.select_one(f"a.llm-download-{slug}")["href"] for slug in ("pdf", "epub", "htmlzip")}
    assert links == {slug: DOCUMENTED.format(format=slug) for slug in ("pdf", "epub", "htmlzip")}
    assert len(box.select("a[href]")) == 3
    assert "本地构建" not in box.get_text()


def test_download_addresses_follow_the_variables() -> None:
    assert download_urls({}) is None
    assert download_urls({**RTD_ENV, "READTHEDOCS_VERSION_TYPE": "external"}) is None  # previews build none
    custom = {**RTD_ENV, "READTHEDOCS_CANONICAL_URL": "https://docs.example.org/zh-cn/stable/"}
    custom["READTHEDOCS_VERSION"] = "stable"
    urls = download_urls(custom)
    assert urls == {
        slug: f"https://docs.example.org/_/downloads/{LANGUAGE_IN_ADDRESSES}/stable/{slug}/" for slug, *_ in FORMATS
    }


@pytest.mark.parametrize("name", PAGES)
def test_no_english_word_in_the_interface(site: Path, name: str) -> None:
    html = soup(site / name)
    for element in html(["script", "style"]):
        element.decompose()
    if name != "search.html":
        for element in html.select("article"):
            # Content may name English titles; its interface (permalinks, labels) is checked below.
            for text in element.find_all(string=True):
                text.extract()
    texts = [str(t) for t in html.find_all(string=True)]
    texts += [
        el[attr] for el in html.find_all(True) for attr in ("aria-label", "title", "placeholder", "alt") if el.get(attr)
    ]
    english = sorted({m.group(0) for text in texts for m in ENGLISH_UI.finditer(text)})
    assert not english, f"{name}: {english}"
    assert all(a["title"] != "Link to this heading" for a in html.select("a.headerlink"))


def test_permalinks_are_titled_in_chinese(site: Path) -> None:
    links = parsed(site / "paths.html").select("a.headerlink")
    assert links and {a["title"] for a in links} == {"链接到此标题"}


# -- The graph in a browser ---------------------------------------------------------------
# The graph draws the data's written requirements (``requires``) only. Neither variant adds one
# (the contribution's and the generated records require nothing), so every variant draws the real
# site's graph: its look is checked on the real site.


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def show(browser, server: str, page: str, width: int, scheme: str) -> None:
    """*page* at *width* in the system's *scheme*; "chosen-dark": a light system, and the reader
    chose dark with furo's switch (data-theme="dark", kept in localStorage)."""
    browser.set_window_size(width, 900)
    system = "light" if scheme == "chosen-dark" else scheme
    features = [{"name": "prefers-color-scheme", "value": system}]
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})
    browser.get(f"{server}/{page}")
    if scheme == "chosen-dark":
        browser.execute_script("localStorage.setItem('theme', 'dark')")
        browser.get(f"{server}/{page}")
        assert browser.execute_script("return document.body.dataset.theme") == "dark"


def reset(browser) -> None:
    browser.execute_script("localStorage.removeItem('theme')")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    browser.set_window_size(1280, 900)


def label_pixels(browser, index: int) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The rendered fill of a node's box and the darkest-or-lightest pixel of its label text,
    sampled from a screenshot of the node (the label's colour as drawn, anti-aliasing aside)."""
    from PIL import Image

    rect = browser.execute_script(
        "const n = document.querySelectorAll('.llm-graph-svg g.node')[arguments[0]];"
        "n.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});"
        "const r = n.querySelector('text').getBoundingClientRect();"
        "return [r.left, r.top, r.width, r.height, devicePixelRatio];",
        index,
    )
    left, top, width, height, ratio = rect
    shot = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")
    box = shot.crop((int(left * ratio), int(top * ratio), int((left + width) * ratio), int((top + height) * ratio)))
    colours = box.getcolors(box.width * box.height) or []
    fill = max(colours)[1]  # the most frequent colour behind the text: the node's fill
    ink = max((c for _, c in colours), key=lambda c: contrast(c, fill))  # the text's own colour
    return fill, ink


@pytest.mark.sites("real")  # the same graph on every variant (above)
@pytest.mark.parametrize("scheme", ["light", "dark", "chosen-dark"])
def test_graph_follows_the_colour_scheme_with_readable_contrast(browser, server: str, scheme: str) -> None:
    show(browser, server, "paths.html", 1280, scheme)
    try:
        page = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
        styles = browser.execute_script(
            "const n = document.querySelector('.llm-graph-svg g.node:not(.llm-topic)');"
            "const t = document.querySelector('.llm-graph-svg g.node.llm-topic');"
            "const s = e => getComputedStyle(e);"
            "return [s(n.querySelector('path, polygon')).fill, s(n.querySelector('text')).fill,"
            "        s(t.querySelector('ellipse')).fill, s(t.querySelector('text')).fill,"
            "        s(n.querySelector('path, polygon')).stroke];"
        )
        samples = [label_pixels(browser, i) for i in (0, 3)]
        topic = browser.execute_script(
            "return [...document.querySelectorAll('.llm-graph-svg g.node')]"
            ".findIndex(g => g.classList.contains('llm-topic'))"
        )
        samples.append(label_pixels(browser, topic))
    finally:
        reset(browser)
    parse = lambda css: tuple(int(v) for v in re.findall(r"\d+", css)[:3])  # noqa: E731
    page_rgb = parse(page)
    node_fill, node_text, topic_fill, topic_text, stroke = (parse(s) for s in styles)
    # Computed styles: text on its fill at least 7:1 (WCAG AAA), the box's edge visible (3:1).
    assert contrast(node_text, node_fill) >= 7, styles
    assert contrast(topic_text, topic_fill) >= 7, styles
    assert contrast(stroke, page_rgb) >= 3, (stroke, page_rgb)
    # In the dark scheme the boxes are dark too: no white block on a dark page.
    if scheme != "light":
        assert luminance(node_fill) < 0.1 and luminance(topic_fill) < 0.1, styles
    # The pixels as drawn: the label's ink on the node's fill, at least 4.5:1 (WCAG AA).
    for fill, ink in samples:
        assert contrast(ink, fill) >= 4.5, (scheme, fill, ink)


@pytest.mark.sites("real")  # the same graph on every variant (above)
def test_graph_labels_are_readable_where_it_keeps_its_size(browser, server: str) -> None:
    """Above a phone's width (here a small tablet, 800 px) the graph keeps its 12 px labels and
    scrolls sideways in its own frame. On a phone (issue 27) it is fitted to the screen instead,
    as an overview to zoom into, with a note pointing to the list of the same relations:
    tests/test_paths.py measures that."""
    show(browser, server, "paths.html", 800, "light")
    try:
        # The drawn height of each label line (a little more than its font size).
        sizes = browser.execute_script(
            "return [...document.querySelectorAll('.llm-graph-svg g.node text')]"
            ".map(t => t.getBoundingClientRect().height)"
        )
        font = browser.execute_script(
            "const t = document.querySelector('.llm-graph-svg g.node text');"
            "const svg = t.ownerSVGElement;"
            "const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;"
            "return parseFloat(getComputedStyle(t).fontSize) * scale;"  # the drawing's font, inherited
        )
        frame = browser.execute_script(
            "const f = document.querySelector('.llm-graph-scroll');"
            "const root = document.documentElement;"
            "return [f.scrollWidth > f.clientWidth, getComputedStyle(f).overflowX, root.scrollWidth, root.clientWidth];"
        )
    finally:
        reset(browser)
    assert font >= 10, f"labels are {font:.1f} px on an 800 px screen"
    assert min(sizes) >= 10
    scrolls, overflow, page_width, viewport = frame
    assert scrolls and overflow == "auto", "a graph wider than the page scrolls sideways in its own frame"
    assert page_width <= viewport, "the page itself does not scroll sideways"


@pytest.mark.sites("real")  # the same graph on every variant (above)
@pytest.mark.parametrize("width", [390, 800, 1024, 1100, 1280, 1440])
def test_back_to_top_button_never_covers_the_graph(browser, server: str, width: int) -> None:
    show(browser, server, "paths.html", width, "light")
    try:
        # Scroll into the graph, then up a little: furo shows 回到顶部 when the reader scrolls up.
        browser.execute_script(
            "const y = document.querySelector('.llm-graph-scroll').getBoundingClientRect().top + scrollY;"
            "window.scrollTo({top: y + 500, behavior: 'instant'});"
        )
        time.sleep(0.3)  # furo notes the position once per animation frame; then the reader scrolls up
        browser.execute_script("window.scrollTo({top: scrollY - 200, behavior: 'instant'})")
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(browser, 5, poll_frequency=POLL).until(
            lambda d: (
                d.execute_script("return getComputedStyle(document.querySelector('.back-to-top')).display") != "none"
            )
        )
        button, graph, name = browser.execute_script(
            "const b = document.querySelector('.back-to-top'), g = document.querySelector('.llm-graph-scroll');"
            "const r = x => { const q = x.getBoundingClientRect(); return [q.left, q.top, q.right, q.bottom]; };"
            "return [r(b), r(g), b.textContent.trim()];"
        )
    finally:
        reset(browser)
    overlaps = not (button[2] <= graph[0] or graph[2] <= button[0] or button[3] <= graph[1] or graph[3] <= button[1])
    assert not overlaps, (width, button, graph)
    assert button[2] - button[0] >= 24 and button[3] - button[1] >= 24  # WCAG 2.2 target size
    assert name == "回到顶部"  # its words stay, for screen readers


# test_accessibility.py runs axe-core on the home page of every variant (light, desktop) and in
# these four views on the real site; here the home page's own check stays on the real site.
@pytest.mark.sites("real")
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_home_page_has_no_serious_accessibility_problem(browser, server: str, scheme: str, width: int) -> None:
    from test_accessibility import AXE, describe, violations

    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `make node-deps` (make test does)")
    show(browser, server, "index.html", width, scheme)
    try:
        found = violations(browser, AXE.read_text(encoding="utf-8"))
    finally:
        reset(browser)
    assert not found, describe(found)

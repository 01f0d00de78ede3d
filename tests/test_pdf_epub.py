"""PDF and EPUB for offline study, built exactly as Read the Docs builds them (scripts/rtd-build)."""

from __future__ import annotations

import bisect
import itertools
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, require_tool
from llm_catalog.data import labels
from sites import RTD_CANONICAL, RTD_PREFIX, RTD_SLUG, Project

SLUG = RTD_SLUG
CANONICAL = RTD_CANONICAL
# The variant's PDF, EPUB and HTML are the shared Read the Docs build (conftest's ``rtd``).


@pytest.fixture(scope="module")
def pdf_text(rtd: Path) -> str:
    pdftotext = require_tool("pdftotext", "the tests read the PDF's text")
    # -raw keeps long URLs in reading order; whitespace and hyphenation are folded below.
    text = subprocess.run(
        [pdftotext, "-raw", str(rtd / "pdf" / f"{SLUG}.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text


@pytest.fixture(scope="module")
def pdf_body(pdf_pages: list[str]) -> str:
    """The PDF's text without the running heads and page numbers, folded (see :func:`folded`):
    what the pages print, the footnotes' addresses included."""
    return folded("\n".join(body_of(page) for page in pdf_pages))


@pytest.fixture(scope="module")
def pdf_bodies(pdf_pages: list[str]) -> list[str]:
    """Each page's text without its running head and number, folded."""
    return [folded(body_of(page)) for page in pdf_pages]


def printed(url: str, body: str, bodies: list[str]) -> bool:
    """Whether the PDF prints *url*: in one piece, or as a footnote LaTeX continued on the next
    page (its head ends one page, its tail is among the next page's footnotes)."""
    address = folded(url)
    if address in body:
        return True
    return any(
        page.endswith(address[:cut]) and address[cut:] in after
        for page, after in itertools.pairwise(bodies)
        for cut in range(8, len(address))
    )


@pytest.fixture(scope="module")
def pdf_prose(pdf_pages: list[str]) -> str:
    """The PDF's running text, folded: the pages' bodies without their footnotes, so a sentence
    that crosses a page reads on past the footnotes, the page number and the next running head."""
    return folded("\n".join(prose_of(page) for page in pdf_pages))


def folded(text: str) -> str:
    """Join what LaTeX broke over lines: spaces, line ends and hyphenation points."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')  # LaTeX's quotes
    return re.sub(r"\s+", "", text.replace("-\n", "-").replace("\u00ad", ""))


def test_pdf_contains_every_record_title_and_url(pdf_prose: str, pdf_body: str, pdf_bodies: list[str], catalog) -> None:
    flat = pdf_prose
    for record in catalog.records():
        assert folded(record.title) in flat, record.title
        for link in record.all_links:  # a course's offerings too: print lists every one
            assert printed(link.url, pdf_body, pdf_bodies), link.url
    for category in catalog.categories:
        assert folded(category.title) in flat
    # A book's publisher and year are printed on its entry, as on its web card.
    for book in catalog.books:
        values = [folded(str(value)) for value in (book.publisher, book.year) if value]
        title = folded(book.title)
        # The title also appears where other pages link to the book; one occurrence is its entry.
        entries = [flat[m.start() : m.start() + 600] for m in re.finditer(re.escape(title), flat)]
        assert any(all(value in entry for value in values) for entry in entries), book.id


def test_pdf_prints_the_syllabus_with_its_chapters(pdf_prose: str, catalog) -> None:
    flat = pdf_prose
    for syllabus in catalog.syllabi:
        for chapter in syllabus.chapters:
            assert folded(f"第 {chapter.number} 章") + folded(chapter.title) in flat
            assert folded(chapter.keywords or "") in flat
        for topic in syllabus.further:
            assert folded(topic.title) in flat
        # Each chapter's status from the data is printed too (LLM101n: every chapter unreleased).
        statuses = [ch.status for ch in syllabus.chapters if ch.status]
        assert flat.count(folded("状态：未发布")) >= statuses.count("unreleased")


def test_pdf_has_chinese_title_page_and_contents(rtd: Path, pdf_text: str) -> None:
    first_pages = pdf_text.split("\f")[:4]
    assert "大语言模型学习指南" in first_pages[0]
    # Built with -D language=zh-hans: Sphinx's own strings must still be Chinese.
    assert "发行版本" in first_pages[0] and "Release" not in first_pages[0]
    assert any("目录" in page for page in first_pages)
    assert "CHAPTER" not in pdf_text and "Chapter 1." not in pdf_text


def test_pdf_sets_chinese_in_the_named_noto_cjk_fonts(rtd: Path) -> None:
    pdffonts = require_tool("pdffonts", "the tests list the PDF's fonts")
    fonts = subprocess.run([pdffonts, str(rtd / "pdf" / f"{SLUG}.pdf")], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in fonts.stdout.splitlines()[2:]]
    # Noto CJK collections share one CFF name across regions, so the embedded name says "jp";
    # the SC face is selected by conf.py's \setCJKmainfont{Noto Serif CJK SC}.
    assert any("NotoSerifCJK" in name for name in names), names
    assert any("NotoSansCJK" in name for name in names), names
    assert all(name.split("+")[-1].startswith(("Noto", "Free")) for name in names), names
    log = (rtd / "pdf" / f"{SLUG}.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    tex = (rtd / "pdf" / f"{SLUG}.tex").read_text(encoding="utf-8")
    assert r"\setCJKmainfont{Noto Serif CJK SC}" in tex


def test_pdf_has_bookmarks_internal_links_and_clickable_urls(rtd: Path, catalog) -> None:
    from pypdf import PdfReader

    reader = PdfReader(rtd / "pdf" / f"{SLUG}.pdf")

    def titles(outline) -> list[str]:
        out: list[str] = []
        for item in outline:
            out.extend(titles(item) if isinstance(item, list) else [item.title])
        return out

    bookmarks = titles(reader.outline)
    for expected in ("课程材料总览", "LLM101n 教学大纲", "课本", "其他资源"):
        assert expected in bookmarks
    internal, external = 0, set()
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                external.add(str(action["/URI"]))
            elif annot.get("/Dest") is not None or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
    assert {link.url for record in catalog.records() for link in record.all_links} <= external
    # Roles and related-material links are internal: at least one per syllabus chapter.
    assert internal >= sum(len(s.chapters) for s in catalog.syllabi)


def test_pdf_roles_are_internal_links_to_cards(rtd: Path, catalog) -> None:
    tex = (rtd / "pdf" / f"{SLUG}.tex").read_text(encoding="utf-8")
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    card_targets = {t for t in targets if ":llm-" in t}
    assert card_targets and card_targets <= labels
    for record in (*catalog.courses, *catalog.books, *catalog.resources):
        assert any(label.endswith(f":llm-{record.id}") for label in labels), record.id


def epub_file(rtd: Path) -> Path:
    (epub,) = (rtd / "epub").glob("*.epub")
    return epub


def test_epub_has_ascii_name_and_passes_epubcheck(rtd: Path) -> None:
    epub = epub_file(rtd)
    assert epub.name == f"{SLUG}.epub" and epub.name.isascii()
    java = require_tool("java", "epubcheck runs on Java")
    jar = Path("/usr/share/java/epubcheck.jar")
    if not jar.exists():
        require_tool("epubcheck-jar-missing", "Debian's epubcheck package provides /usr/share/java/epubcheck.jar")
    result = subprocess.run([java, "-jar", str(jar), str(epub)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No errors or warnings detected" in result.stdout + result.stderr


def test_epub_cards_show_their_link_addresses(rtd: Path, catalog) -> None:
    with zipfile.ZipFile(epub_file(rtd)) as epub:
        pages = {name: epub.read(name).decode("utf-8") for name in epub.namelist() if name.endswith(".xhtml")}
    cards = {}
    for text in pages.values():
        page = BeautifulSoup(text, "html.parser")
        for card in page.select(".llm-card"):
            cards[card["id"]] = card
    for record in (*catalog.courses, *catalog.books, *catalog.resources):
        card = cards[f"llm-{record.id}"]
        assert card.select_one(".llm-card-title").get_text(strip=True) == record.title
        shown = " ".join(span.get_text() for span in card.select(".link-target"))
        for link in record.all_links:
            assert f"[{link.url}]" in shown


def test_make_pdf_without_tex_names_the_packages_to_install() -> None:
    make = require_tool("make", "the README's commands are make targets")
    if not (REPO / ".venv" / ".docs-installed").exists():
        pytest.skip("run through `make test`, which creates .venv first")
    result = subprocess.run(
        [make, "-s", "pdf"], cwd=REPO, capture_output=True, text=True, env={"PATH": "/nonexistent"}, check=False
    )
    assert result.returncode != 0
    assert "make pdf needs XeLaTeX" in result.stderr
    for package in ("texlive-xetex", "texlive-lang-chinese", "latexmk", "fonts-noto-cjk", "fonts-freefont-otf"):
        assert package in result.stderr
    assert "Traceback" not in result.stderr


def test_html_canonical_urls_follow_read_the_docs(rtd: Path) -> None:
    page = BeautifulSoup((rtd / "html" / "materials" / "llm101n.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("link", rel="canonical")["href"] == CANONICAL + "materials/llm101n.html"


def test_one_pdf_with_an_ascii_name(rtd: Path) -> None:
    assert [p.name for p in (rtd / "pdf").glob("*.tex")] == [f"{SLUG}.tex"]
    assert [p.name for p in (rtd / "pdf").glob("*.pdf")] == [f"{SLUG}.pdf"]


def test_rtd_html_has_its_sitemap_and_404_page_at_the_canonical_url(rtd: Path) -> None:
    html = rtd / "html"
    sitemap = (html / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{CANONICAL}materials/llm101n.html</loc>" in sitemap
    page = BeautifulSoup((html / "404.html").read_text(encoding="utf-8"), "html.parser")
    prefix = RTD_PREFIX
    assert page.find("form", role="search")["action"] == prefix + "search.html"
    assert page.select_one("link[rel=stylesheet]")["href"].startswith(prefix + "_static/")


# -- Facets in print: the Chinese-access table instead of the browser filter ---------------


def studyable_in_chinese(catalog) -> list:
    return [r for r in (*catalog.courses, *catalog.books, *catalog.resources) if r.language == "zh" or r.aids]


def test_pdf_prints_the_chinese_access_table(pdf_prose: str, pdf_body: str, catalog) -> None:
    flat = pdf_body
    table = pdf_prose[pdf_prose.index(folded("资料类型中文学习途径")) :]
    position = 0
    for record in studyable_in_chinese(catalog):
        position = table.index(folded(record.title), position)
        for aid in record.aids:
            assert folded(aid.url) in flat, aid.url  # the aid's address, printed as a footnote


def test_pdf_has_no_filter_and_prints_each_card_once(pdf_prose: str, pdf_body: str, catalog) -> None:
    flat = pdf_prose  # a note may cross a page: read on past the footnotes, page number and running head
    assert folded("清除全部条件") not in pdf_body
    records = (*catalog.courses, *catalog.books, *catalog.resources)
    notes = [folded(record.note) for record in records]
    for record, note in zip(records, notes, strict=True):
        # The filter page's copies of the cards are web-only: a note is printed as often as there
        # are cards that hold it. (A note of a few characters, as drawn ones may be, occurs in
        # other words too and proves nothing.)
        if len(note) >= 16:
            assert flat.count(note) == sum(note in other for other in notes), record.id


def test_pdf_prints_every_fact_with_its_source_as_a_footnote(
    pdf_text: str, pdf_body: str, pdf_bodies: list[str], catalog
) -> None:
    """A fact's 依据 is a link on the web; on paper its address is printed (a footnote)."""
    facts = [fact for record in (*catalog.courses, *catalog.books, *catalog.resources) for _, fact in record.facts()]
    sources = [url for fact in facts for url in fact.sources]
    for url in sources:
        assert printed(url, pdf_body, pdf_bodies), url
    if facts:
        assert "查证说明" in pdf_text  # the notes are printed, not folded away


def test_epub_has_the_chinese_table_and_no_filter(rtd: Path, catalog) -> None:
    with zipfile.ZipFile(epub_file(rtd)) as epub:
        page = BeautifulSoup(epub.read("find.xhtml").decode("utf-8"), "html.parser")
        everything = " ".join(epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml"))
    rows = page.select("table.llm-chinese-table tbody tr")
    assert [row.select_one("td").get_text(strip=True) for row in rows] == [
        r.title for r in studyable_in_chinese(catalog)
    ]
    assert not page.select("form, [data-llm-id], .llm-filter-listing")
    assert "llm-filter" not in everything.replace("llm-filter-listing", "")


def test_read_the_docs_html_download_is_the_multi_page_site(rtd: Path) -> None:
    # The htmlzip folder holds exactly one file, as Read the Docs requires of each format.
    assert [p.name for p in (rtd / "htmlzip").iterdir()] == [f"{SLUG}.zip"]
    with zipfile.ZipFile(rtd / "htmlzip" / f"{SLUG}.zip") as archive:
        names = set(archive.namelist())
    pages = {p.relative_to(rtd / "html").as_posix() for p in (rtd / "html").rglob("*.html")}
    assert {f"{SLUG}-latest/{page}" for page in pages} <= names
    assert f"{SLUG}-latest/searchindex.js" in names


def test_pdf_prints_the_study_paths_and_the_prerequisite_graph(
    rtd: Path, pdf_text: str, pdf_prose: str, catalog
) -> None:
    flat = pdf_prose
    for path in catalog.paths:
        assert folded(path.title) in flat, path.title
        for step in path.steps:
            assert folded(step.why) in flat, step.why
    assert folded("先修关系一览") in flat
    # The graph is a vector figure: the PDF dot drew is included, not a bitmap.
    tex = (rtd / "pdf" / f"{SLUG}.tex").read_text(encoding="utf-8")
    figure = re.search(r"\\sphinxincludegraphics\[\]\{\{?(figures/graphviz-[0-9a-f]+)\}?\.pdf\}", tex)
    assert figure and (rtd / "pdf" / f"{figure.group(1)}.pdf").is_file()
    # Progress is a browser feature: nothing of it reaches paper.
    assert "已学完" not in pdf_text and "导出进度" not in pdf_text


def test_epub_has_the_paths_and_a_linked_graph(rtd: Path, catalog) -> None:
    with zipfile.ZipFile(epub_file(rtd)) as epub:
        page = BeautifulSoup(epub.read("paths.xhtml").decode("utf-8"), "html.parser")
        svg_name = page.select_one("object.llm-graph")["data"]
        svg = epub.read(svg_name).decode("utf-8")
    assert [s.select_one("h2").get_text(strip=True).rstrip("#¶") for s in page.select("section.llm-path")] == [
        p.title for p in catalog.paths
    ]
    assert page.select("ul.llm-graph-list > li")
    assert page.select("input, button, .llm-progress-tools") == []
    assert re.search(r'href="\.\./materials/[a-z-]+\.xhtml#llm-', svg)


# -- Print that reads as a book -------------------------------------------------------------

#: Sentences of the pages that only make sense on the web, and must reach neither the PDF nor the EPUB.
WEB_ONLY_SENTENCES = (
    "左上角的搜索框",
    "Read the Docs 菜单",
    "点击即可跳到对应的卡片",
    "点击条目即可跳到它的卡片",
    "点击图里的方框",
    "勾选下面的条件",
    "“已学完”复选框",
    "筛选时都归入",
)
#: Words that only make sense on the web: no page's print text may use them (see the next test).
WEB_ONLY_WORDS = ("点击", "搜索框", "左上角", "右下角", "勾选", "复选框", "浏览器", "Downloads")
#: A page's running head: "第 2 章 课程材料总览 大语言模型学习指南".
RUNNING_HEAD = re.compile(r"第 (\d+) 章 (.+) 大语言模型学习指南")
PAGE_NUMBER = re.compile(r"\d+|[ivxlc]+")


def pages_of(pdf: Path) -> list[str]:
    """The text of each page of *pdf*, in reading order (-raw: a table's cells one after another)."""
    pdftotext = require_tool("pdftotext", "the tests read the PDF's text")
    text = subprocess.run([pdftotext, "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if not pages[-1].strip() else pages


def lines_of(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def page_number(page: str) -> str | None:
    """The number in the page's footer (its last line), or None."""
    lines = lines_of(page)
    return lines[-1] if lines and PAGE_NUMBER.fullmatch(lines[-1]) else None


def body_of(page: str) -> str:
    """The page without its running head and its number."""
    lines = lines_of(page)
    if lines and RUNNING_HEAD.fullmatch(lines[0]):
        lines = lines[1:]
    if lines and PAGE_NUMBER.fullmatch(lines[-1]):
        lines = lines[:-1]
    return "\n".join(lines)


def prose_of(page: str) -> str:
    """The page's body without its footnotes: its last lines, each a footnote's number and then
    the address it prints (latex_show_urls = "footnote"), a long one over several lines."""
    lines = body_of(page).splitlines()
    start, end = len(lines), len(lines) - 1
    while end >= 0:
        number = end
        while number >= 0 and not re.fullmatch(r"\d+", lines[number]):
            number -= 1
        if number < 0 or number == end or not lines[number + 1].startswith(("http://", "https://")):
            break
        start, end = number, number - 1
    return "\n".join(lines[:start])


@pytest.fixture(scope="module")
def pdf_pages(rtd: Path) -> list[str]:
    return pages_of(rtd / "pdf" / f"{SLUG}.pdf")


def test_pdf_has_no_page_that_carries_nothing(pdf_pages: list[str]) -> None:
    # Chapters start on the next page, not the next odd one: no blank page, no page with only
    # a running head and a number (the PDF had 5 such pages of 34).
    empty = [number for number, page in enumerate(pdf_pages, 1) if not folded(body_of(page))]
    assert empty == []


def test_pdf_numbers_every_page_after_the_title_page(pdf_pages: list[str]) -> None:
    assert_numbered(pdf_pages)


def assert_numbered(pages: list[str]) -> None:
    numbers = [page_number(page) for page in pages]
    assert numbers[1:] and None not in numbers[1:], numbers
    arabic = [int(n) for n in numbers[1:] if n.isdigit()]
    assert arabic == list(range(1, len(arabic) + 1)), numbers  # the front matter is i, ii ...
    assert len(arabic) >= len(pages) - 3


def test_pdf_running_heads_name_their_chapter_and_the_introduction_is_not_contents(
    project: Project, pdf_pages: list[str]
) -> None:
    intro = next(i for i, page in enumerate(pdf_pages) if lines_of(page)[0] == "关于本指南")
    assert page_number(pdf_pages[intro]) == "1"
    assert all("目录" not in line for page in pdf_pages[intro:] for line in lines_of(page)[:1])
    chapter, heads, opened = None, 0, []
    for page in pdf_pages[intro + 1 :]:
        first = lines_of(page)[:2]
        opening = re.fullmatch(r"第 (\d+) 章", first[0])
        if opening:  # a chapter's first page: "第 N 章", then its title; no running head
            chapter = (opening.group(1), first[1])
            opened.append(chapter)
            continue
        head = RUNNING_HEAD.fullmatch(first[0])
        assert head, first[0]
        assert (head.group(1), head.group(2)) == chapter
        heads += 1
    assert heads, "no page after a chapter's first has a running head"
    # The chapters are the root toctree's pages, in order, each by its own heading.
    root = project.root
    toctree = (root / "index.md").read_text(encoding="utf-8").rsplit("```{toctree}", 1)[1].split("```")[0]
    entries = [line.strip() for line in toctree.splitlines() if line.strip() and not line.startswith(":")]
    headings = [
        next(line for line in (root / f"{entry}.md").read_text(encoding="utf-8").splitlines() if line.startswith("# "))
        for entry in entries
    ]
    assert opened == [(str(number), heading[2:]) for number, heading in enumerate(headings, 1)]


def record_titles(catalog) -> list[tuple[str, object]]:
    records = (*catalog.courses, *catalog.books, *catalog.resources)
    # Longest first: "LLM Course（Hugging Face Course）" before "LLM Course".
    return sorted(((folded(r.title), r) for r in records), key=lambda item: -len(item[0]))


def test_pdf_references_to_cards_give_the_page_the_card_is_printed_on(pdf_pages: list[str], catalog) -> None:
    flat_pages = [folded(page) for page in pdf_pages]
    on_page = {page_number(page): i for i, page in enumerate(pdf_pages)}
    titles = record_titles(catalog)
    flat = "".join(flat_pages)
    checked = 0
    for reference in re.finditer(r"（见第(\d+)页）", flat):
        before = flat[: reference.start()]
        title = next((title for title, _ in titles if before.endswith(title)), None)
        if title is None:  # a category, a syllabus chapter or a book's chapter
            continue
        page = flat_pages[on_page[reference.group(1)]]
        # A title may be hyphenated at a line end ("note-books"): compare without hyphens.
        assert title.replace("-", "") in page.replace("-", ""), (title, reference.group(1))
        checked += 1
    # At least every row of the Chinese table; and each syllabus chapter's related materials.
    assert checked >= len(studyable_in_chinese(catalog)), checked
    related = flat.split(folded("相关材料："))[1:]
    assert related and all("（见第" in segment[:300] for segment in related)


def test_pdf_card_labels_are_in_their_title_lines(rtd: Path, catalog) -> None:
    """A page reference names the page of the card's title, not of a label left before a page break."""
    tex = (rtd / "pdf" / f"{SLUG}.tex").read_text(encoding="utf-8")
    at_titles = set(re.findall(r"\\phantomsection\\label\{\\detokenize\{([^}]*)\}\}\\sphinxstylestrong\{", tex))
    referenced = set(re.findall(r"\\pageref\{\\detokenize\{([^}]*)\}\}", tex))
    cards = {f"llm-{r.id}" for r in (*catalog.courses, *catalog.books, *catalog.resources)}
    card_refs = {label for label in referenced if label.partition(":")[2] in cards}
    assert card_refs and card_refs <= at_titles
    # Each card is labelled once, at its title (no second label a reference could name).
    labelled = re.findall(r"\\label\{\\detokenize\{[^}:]*:(llm-[^}]*)\}\}", tex)
    assert all(labelled.count(card) == 1 for card in cards), [c for c in cards if labelled.count(c) != 1]


def test_pdf_sets_the_chinese_table_notes_on_the_pages_of_their_rows(pdf_pages: list[str], catalog) -> None:
    flat_pages = [folded(page) for page in pdf_pages]
    start = next(i for i, page in enumerate(flat_pages) if folded("资料类型中文学习途径") in page)
    table = "".join(flat_pages[start:])
    ends = list(itertools.accumulate(len(page) for page in flat_pages[start:]))
    position = 0
    for record in studyable_in_chinese(catalog):
        position = table.index(folded(record.title), position)
        row_page = start + bisect.bisect_right(ends, position)
        for aid in record.aids:
            assert folded(aid.url) in flat_pages[row_page], (record.id, aid.url, row_page + 1)
    # The last rows' notes are on the table's last page, not on a page of their own after it.
    assert folded(body_of(pdf_pages[row_page]))


def epub_text(rtd: Path) -> str:
    with zipfile.ZipFile(epub_file(rtd)) as epub:
        pages = [epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml")]
    return "\n".join(BeautifulSoup(page, "html.parser").get_text() for page in pages)


def test_no_web_only_sentence_in_the_pdf_or_the_epub(rtd: Path, pdf_text: str) -> None:
    flat_pdf, flat_epub = folded(pdf_text), folded(epub_text(rtd))
    for sentence in WEB_ONLY_SENTENCES:
        assert folded(sentence) not in flat_pdf, sentence
        assert folded(sentence) not in flat_epub, sentence
    # What print says in their place.
    assert folded("括号里是对应卡片所在的页码") in flat_pdf
    assert folded("每一项都链接到对应的卡片") in flat_epub


def test_pages_keep_web_only_words_in_web_only_blocks() -> None:
    """Every sentence of a page that print shows is free of words that need a screen."""
    web_only_block = re.compile(
        r"^(`{3,})\{only\} html and not epub( and not singlehtml)?\n.*?^\1$", re.MULTILINE | re.DOTALL
    )
    for page in [REPO / "index.md", REPO / "find.md", REPO / "paths.md", *REPO.glob("[mrt]*/*.md")]:
        printed = web_only_block.sub("", page.read_text(encoding="utf-8"))
        for word in WEB_ONLY_WORDS:
            assert word not in printed, (page.name, word)


# A build of its own: the shared builds have Graphviz; this is the book without it. The look of
# the book, not its data: on the real site (every variant's numbering is tested above).
@pytest.mark.sites("real")
def test_pdf_without_dot_still_numbers_its_pages(project: Project, tmp_path: Path) -> None:
    """Without Graphviz the graph is a note, and the book is still a book."""
    for tool in ("xelatex", "latexmk"):
        require_tool(tool, "the PDF is typeset with XeLaTeX through latexmk")
    out = tmp_path / "latex"
    no_dot = ["-D", "graphviz_dot=/nonexistent/dot", "-D", "suppress_warnings=llm_catalog.graphviz_missing"]
    doctrees = ["-d", str(tmp_path / "doctrees")]
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "latex", "-q", *no_dot, *doctrees, str(project.root), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    subprocess.run(
        ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-", f"-jobname={SLUG}", "-interaction=nonstopmode"],
        cwd=out,
        capture_output=True,
        check=False,
    )
    check = subprocess.run(
        [str(project.root / "scripts" / "check-latex-log"), str(out / f"{SLUG}.pdf"), str(out / f"{SLUG}.log")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    pages = pages_of(out / f"{SLUG}.pdf")
    assert folded(labels.PATHS["graph_missing"]) in folded("".join(pages))
    assert_numbered(pages)
    assert not [n for n, page in enumerate(pages, 1) if not folded(body_of(page))]


@pytest.mark.site
def test_the_table_of_characters_the_pdf_shows_is_what_the_fonts_hold() -> None:
    """``make check`` refuses characters outside _ext/llm_catalog/rules/pdf_characters.txt: every
    character it lets through must be in the installed fonts (python -m llm_catalog pdfchars reads
    them), or the PDF would show a gap where a contributor's text stands."""
    require_tool("fc-query", "the table is read from the fonts")
    result = subprocess.run(
        [sys.executable, "-m", "llm_catalog", "pdfchars"], cwd=REPO / "_ext", capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pdf_shows_latin_greek_and_chinese_and_not_a_face_s_gap() -> None:
    from llm_catalog.rules import pdfchars

    assert all(map(pdfchars.shows, "Aé·“”—中文《》，。αβ"))
    # FreeSerif has the arrow, its italic and bold faces lack it; emoji are in no face.
    assert not any(map(pdfchars.shows, "⟰😀\ue000"))


def test_an_address_counts_as_printed_across_a_page_only_when_both_parts_are_there() -> None:
    url = "https://example.org/tree/main/%E5%A4%A7%E6%A8%A1%E5%9E%8B"
    whole = ["正文\n1\nhttps://example.org/tree/main/%E5%A4%A7%E6%A8%A1%E5%9E%8B", "下一页"]
    split = ["正文\n1\nhttps://example.org/tree/main/%E5%A4%A7%E6%", "下一页的正文\nA8%A1%E5%9E%8B\n2\nhttps://x.org"]
    cut = ["正文\n1\nhttps://example.org/tree/main/%E5%A4%A7%E6%", "下一页的正文\n2\nhttps://x.org"]
    for pages, expected in ((whole, True), (split, True), (cut, False), (list(reversed(split)), False)):
        bodies = [folded(page) for page in pages]
        assert printed(url, "".join(bodies), bodies) is expected, pages

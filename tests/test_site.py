"""The real site: every record and every fact of the seed page is there, strict builds agree."""

from __future__ import annotations

import functools
import itertools
import re
from pathlib import Path

import furo
import jinja2
import pytest
import yaml
from bs4 import Comment

from conftest import REPO, soup, sphinx_build
from llm_catalog.cards import syllabus as render
from llm_catalog.data import labels
from sites import Project

INVENTORY = yaml.safe_load((REPO / "tests" / "seed_inventory.yaml").read_text(encoding="utf-8"))


@functools.cache
def all_pages(site: Path) -> dict[str, object]:
    """Every content page of *site*, parsed once per session (tests only read them)."""
    return {
        str(p.relative_to(site)): soup(p)
        for p in site.rglob("*.html")
        if p.name not in {"genindex.html", "search.html", "404.html"}
    }


def article_text(page) -> str:
    article = page.select_one("article") or page
    return " ".join(article.get_text(" ").split())


def test_every_seed_url_is_a_link(site: Path) -> None:
    hrefs = {a["href"] for page in all_pages(site).values() for a in page.select("article a[href]")}
    assert len(INVENTORY["urls"]) == 35
    missing = [url for url in INVENTORY["urls"] if url not in hrefs]
    assert not missing


def test_every_seed_name_is_on_the_site(site: Path) -> None:
    text = " ".join(article_text(page) for page in all_pages(site).values())
    missing = [name for name in INVENTORY["names"] if " ".join(name.split()) not in text]
    assert not missing


def shown_addresses(link) -> list[str]:
    """The addresses a card links for one link of the data, as the guide describes it: a dead link
    (``broken``) shows its archived copy first; a live one its own address, then its ``archive``."""
    if link.archive and link.broken:
        return [link.archive, link.url]
    return [link.url, link.archive] if link.archive else [link.url]


def test_every_record_of_the_data_file_has_its_card(site: Path, catalog) -> None:
    cards = {}
    for name, page in all_pages(site).items():
        # Cards without an id are the filter page's copies (tested in test_facets.py).
        for card in page.select(".llm-card[id]"):
            cards[card["id"]] = (name, card)
    for record in (*catalog.courses, *catalog.books, *catalog.resources):
        name, card = cards.pop(f"llm-{record.id}")
        assert card.select_one(".sd-card-title").get_text(strip=True) == record.title
        links = card.select(".llm-card-links a.reference.external")
        # A course's links are its own, then its newest offering's (the earlier ones fold under 往期).
        shown = record.links + (record.offerings[0].links if getattr(record, "offerings", ()) else ())
        assert [a["href"] for a in links] == [href for link in shown for href in shown_addresses(link)]
        aids = card.select(".llm-card-chinese a.reference.external")
        assert [a["href"] for a in aids] == [url for aid in record.aids for url in (aid.url, *aid.sources)]
    assert cards == {}


def test_courses_sit_on_the_page_of_their_kind(site: Path, catalog) -> None:
    for category in catalog.categories:
        grid = next(
            (
                page.find(id=f"llm-{category.id}")
                for page in all_pages(site).values()
                if page.find(id=f"llm-{category.id}")
            ),
            None,
        )
        assert grid is not None, category.id
        shown = [card["id"] for card in grid.select(".llm-card")]
        assert shown == [f"llm-{c.id}" for c in catalog.courses_in(category.id)]
        # The page of a kind is titled as the data names the kind (headings are typed by hand).
        heading = grid.find_parent("article").find("h1")
        assert heading.get_text(strip=True).rstrip("#¶") == category.title


def test_syllabus_chapters_topics_and_further_topics(site: Path, catalog) -> None:
    page = soup(site / "materials" / "llm101n.html")
    terms = page.select("dl.llm-syllabus-chapters > dt")
    bodies = page.select("dl.llm-syllabus-chapters > dd")
    (syllabus,) = (s for s in catalog.syllabi if s.id == "llm101n")
    shown = [
        (" ".join(term.get_text().split()), body.select_one(".llm-chapter-keywords").get_text())
        for term, body in zip(terms, bodies, strict=True)
    ]
    # Every chapter of the data is shown ...
    assert [title for title, _ in shown] == [f"第 {ch.number} 章 {ch.title}" for ch in syllabus.chapters]
    # ... and every chapter of the seed is still among them.
    for number, title, keywords in INVENTORY["syllabus"]:
        assert any(t == f"第 {number} 章 {title}" and keywords in k for t, k in shown), (number, title)
    further = [" ".join(li.get_text().split()) for li in page.select("ul.llm-syllabus-further li")]
    assert set(INVENTORY["further"]) <= set(further)
    assert len(further) == len(syllabus.further)
    # Chapters whose topics other records teach link to those records' cards, the best first.
    exclude = {syllabus.id, *([syllabus.course] if syllabus.course else [])}
    for chapter, body in zip(syllabus.chapters, bodies, strict=True):
        first = body.select_one(".llm-chapter-related")
        expected = [render.related_title(item) for item in catalog.ranked_related(chapter.topics, exclude=exclude)]
        assert [a.get_text() for a in first.find_all("a")] == expected[: render.RELATED_FIRST], chapter.number
    for link in page.select(".llm-chapter-related a"):
        target_page, _, anchor = link["href"].partition("#")
        assert soup((site / "materials" / target_page).resolve()).find(id=anchor) is not None, link["href"]


def test_counts_in_prose_come_from_the_data(site: Path, catalog) -> None:
    overview = soup(site / "materials" / "index.html")
    assert [c.get_text() for c in overview.select(".llm-count")] == [str(len(catalog.categories))]
    home = soup(site / "index.html")
    assert [c.get_text() for c in home.select(".llm-count")] == [
        str(len(catalog.courses)),
        str(len(catalog.categories)),
        str(len(catalog.books)),
        str(len(catalog.resources)),
    ]
    rows = overview.select("table.llm-categories tbody tr")
    assert [row.find_all("td")[-1].get_text(strip=True) for row in rows] == [
        str(len(catalog.courses_in(c.id))) for c in catalog.categories
    ]


def test_study_guidance_is_shown(site: Path, catalog) -> None:
    overview = soup(site / "materials" / "index.html")
    advice = [row.find_all("td")[3].get_text(strip=True) for row in overview.select("table.llm-categories tbody tr")]
    assert advice == [labels.STUDY[c.study] for c in catalog.categories]
    assert {"主要学习", "参考其论文列表"} <= set(advice)  # the seed's guidance
    assert "再参考第三类的论文列表" in article_text(overview)


def test_pages_load_nothing_from_third_parties(site: Path) -> None:
    for name, page in all_pages(site).items():
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for node in page.find_all(tag):
                url = node.get(attr, "")
                if tag == "link" and "stylesheet" not in node.get("rel", []):
                    continue
                assert not url.startswith(("http:", "https:", "//")), (name, url)


# A build of its own: the point is to compare two readers in parallel with the shared serial build.
@pytest.mark.sites("real", "contribution")
@pytest.mark.parametrize("jobs", ["2"])
def test_parallel_strict_build_gives_the_same_pages(project: Project, site: Path, tmp_path: Path, jobs: str) -> None:
    out = tmp_path / "html"
    result = sphinx_build(
        project.root, out, "-n", "-W", "--keep-going", "-E", "-j", jobs, "-d", str(tmp_path / "doctrees")
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr

    def shape(root: Path) -> dict[str, tuple]:
        return {
            name: (
                [el["id"] for el in page.select("article [id]")],
                [a.get("href") for a in page.select("article a[href]")],
            )
            for name, page in all_pages(root).items()
        }

    assert shape(out) == shape(site)


def test_every_page_links_to_its_source_for_editing(project: Project, site: Path) -> None:
    for name, page in all_pages(site).items():
        if name.startswith("_"):
            continue
        edit = page.find("a", rel="edit")
        assert edit is not None, name
        prefix = "https://github.com/"
        assert edit["href"].startswith(prefix) and "/edit/main/" in edit["href"], edit["href"]
        source = edit["href"].split("/edit/main/", 1)[1]
        assert source == name.removesuffix(".html") + ".md"
        assert (project.root / source).is_file()


def furo_english_words() -> set[str]:
    """Every English word of furo's interface: its translatable strings and the ones it hard-codes."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    strings: list[str] = []
    for template in Path(furo.__file__).parent.joinpath("theme", "furo").rglob("*.html"):
        source = template.read_text(encoding="utf-8")
        strings += [message for _, _, message in env.extract_translations(source) if isinstance(message, str)]
        strings += re.findall(r'aria-label="([^"{]+)', source) + re.findall(r"<title>([^<{]+)</title>", source)
    strings += ["Toggle navigation of"]  # furo/navigation.py builds this one in Python
    words = {w for s in strings for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>|%\(\w+\)s", " ", s))}
    # Names, and the one English word the Chinese sentence keeps.
    return words - {
        "Sphinx",
        "Furo",
        "pradyunsg",
        "https",
        "www",
        "sphinx",
        "doc",
        "org",
        "github",
        "com",
        "JavaScript",
    }


def test_no_english_interface_words_on_the_pages(site: Path) -> None:
    """furo's words are in Chinese: through locale/zh_CN (translatable ones) and _templates/page.html."""
    vocabulary = furo_english_words()
    assert {"Previous", "Next", "Toggle", "Contents", "Edit"} <= vocabulary  # the extraction itself works
    for page in sorted(site.rglob("*.html")):
        html = soup(page)
        for element in html(["script", "style"]):
            element.decompose()
        if page.name != "search.html" and html.article:  # content may quote English titles; search's is furo's
            html.article.decompose()
        texts = [str(t) for t in html.find_all(string=True) if not isinstance(t, type(html.new_string("", Comment)))]
        texts += [
            el[attr] for el in html.find_all(True) for attr in ("aria-label", "title", "placeholder") if el.get(attr)
        ]
        english = {w for text in texts for w in re.findall(r"[A-Za-z]{3,}", text)} & vocabulary
        assert not english, f"{page.relative_to(site)}: English interface words {sorted(english)}"


def test_a_line_break_inside_a_chinese_sentence_is_no_space(project: Project, site: Path) -> None:
    """Pages wrap Chinese paragraphs over source lines; readers must not see a space there."""
    cjk = "[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
    checked = 0
    for source in sorted(project.root.glob("**/*.md")):
        page = site / source.relative_to(project.root).with_suffix(".html")
        if not page.exists():
            continue
        text = article_text(soup(page))
        lines, fenced = [], False
        for line in source.read_text(encoding="utf-8").splitlines():
            fenced ^= line.startswith(("```", ":::"))  # directive bodies may be print-only
            lines.append("" if fenced else line)
        for line, following in itertools.pairwise(lines):
            if re.search(f"{cjk}{cjk}$", line) and re.match(f"{cjk}{cjk}", following):
                checked += 1
                assert line[-2:] + following[:2] in text, f"{source.name}: {line[-2:]} / {following[:2]}"
    assert checked > 10  # the site's pages do wrap Chinese lines

"""What keeps a large catalog's build light: each record indexed for search once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.search.zh import SearchChinese

from conftest import soup
from llm_catalog.data import facets, labels
from llm_catalog.site import words as searchwords


def search_index(site: Path) -> dict:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"Search\.setIndex\((.*)\)\s*$", text, re.DOTALL).group(1))


def test_filter_listing_copies_are_not_indexed_for_search(site: Path, catalog) -> None:
    """The filter page lists every record; search finds a course on its own category page only."""
    index = search_index(site)
    docnames = index["docnames"]
    find = docnames.index("find")
    page = soup(site / "find.html").select_one("article")
    for repeated in page.select(".no-search"):
        repeated.decompose()
    elsewhere = page.get_text(" ").lower()  # the find page's own words may rightly be found there
    language = SearchChinese({})

    def pages_of(term: str) -> set[int]:
        found = index["terms"].get(term, [])
        return set(found) if isinstance(found, list) else {found}

    checked = 0
    for category in catalog.categories:
        home = docnames.index(f"materials/{category.id}") if f"materials/{category.id}" in docnames else None
        for course in catalog.courses_in(category.id):
            for word in {w for w in language.split(course.title) if w.isascii() and w.isalpha() and len(w) > 3}:
                if word.lower() in elsewhere:
                    continue
                found = pages_of(language.stem(word))
                assert home is None or home in found, (course.id, word)  # on its card
                assert find not in found, (course.id, word)  # not in its row of the filter listing
                checked += 1
    assert checked > 0


def test_chinese_table_rows_are_not_indexed_again(site: Path, catalog) -> None:
    """The table of what can be studied in Chinese repeats the cards' titles: search finds each
    record on its own page, not on the table's page (on the web, its own page) again."""
    index = search_index(site)
    find = index["docnames"].index("chinese")
    page = soup(site / "chinese.html").select_one("article")
    table = page.select_one("table.llm-chinese-table")
    assert len(table.select("tbody tr")) > 0
    # Words the page shows outside the card copies and the table may rightly be found on it.
    for repeated in [table, *page.select(".no-search")]:
        repeated.decompose()
    elsewhere = page.get_text(" ").lower()
    language = SearchChinese({})
    checked = 0
    for record in (*catalog.courses, *catalog.books, *catalog.resources):
        if not facets.in_chinese(record):
            continue
        for word in {w for w in language.split(record.title) if w.isascii() and w.isalpha() and len(w) > 3}:
            if word.lower() in elsewhere:
                continue
            found = index["terms"].get(language.stem(word), [])
            found = set(found) if isinstance(found, list) else {found}
            assert found, word  # indexed, on the record's own page
            assert find not in found, word
            checked += 1
    assert checked > 0


@pytest.mark.sphinx("html", testroot="basic")
def test_cards_are_stored_as_stubs_and_written_in_full(app) -> None:
    """A page's stored doctree keeps one small stub per card; the written page has the cards."""
    from llm_catalog.site.nodes import card_stub

    app.build()
    stored = app.env.get_doctree("pages/courses")
    stubs = [node["record"] for node in stored.findall(card_stub)]
    assert len(stubs) > 1
    assert not [n for n in stored.findall(nodes.container) if "llm-card" in n["classes"]]
    html = Path(app.outdir) / "pages" / "courses.html"
    page = soup(html)
    assert [card["id"].removeprefix("llm-") for card in page.select(".llm-card")] == stubs
    for card in page.select(".llm-card"):
        assert card.select_one(".sd-card-title").get_text(strip=True)
        assert card.select(".llm-card-links a[href]")
    assert "card_stub" not in html.read_text(encoding="utf-8")


def test_card_targets_are_what_each_card_links_to(catalog) -> None:
    """The ids a stub promises its card will link to (read by the domain when the page is read)
    are exactly the ids the built card links to, for every record, as a card and as a copy."""
    from sphinx import addnodes

    from llm_catalog.cards import stubs as cards

    linked_somewhere = 0
    for record in (*catalog.courses, *catalog.books, *catalog.resources):
        for copy in (False, True):
            stub = cards.stub(catalog, record, "here", copy=copy)
            card = cards.build(catalog, stub)
            linked = sorted(ref["reftarget"] for ref in card.findall(addnodes.pending_xref))
            assert linked == sorted(stub["llm-refs"]), record.id
            linked_somewhere += bool(linked) and not copy
    # A course's card links to its syllabus, if it has one; nothing else links from a card.
    assert linked_somewhere == sum(1 for course in catalog.courses if catalog.syllabus_of(course.id))


def test_search_segments_like_sphinx(site: Path) -> None:
    """Each distinct text is segmented once, into exactly the words Sphinx's Chinese search gives,
    and a text that says "from scratch" in any way also holds the first way (labels.FROM_SCRATCH)."""
    from llm_catalog.search.segment import SegmentOnce

    page = soup(site / "materials" / "llm-courses.html").select_one("article")
    texts = [text for text in page.find_all(string=True) if text.strip()]
    assert len(texts) > 50
    once, sphinx = SegmentOnce({}), SearchChinese({})
    for text in texts + texts:
        said = [labels.FROM_SCRATCH[0]] if searchwords.says_from_scratch(text) else []
        assert once.split(text) == sphinx.split(text) + said, text
    assert once.latin_terms == sphinx.latin_terms
    for way in labels.FROM_SCRATCH:
        assert labels.FROM_SCRATCH[0] in once.split(f"Let us build it {way.upper()}, step by step")


def test_each_record_is_in_the_search_index_once_as_utf8(site: Path, catalog) -> None:
    """A record's card is an object of the index (its title and search words); the general index's
    entries for the same card are left out of the search index (search/index.py), and the index
    is UTF-8, not ``\\u`` escapes."""
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    assert not re.search(r"\\u[0-9a-f]{4}", text)
    index = search_index(site)
    objects = {(entry[0], entry[3]) for entries in index["objects"].values() for entry in entries}
    cards = {f"llm-{record.id}" for record in catalog.records()}
    assert cards <= {anchor for _, anchor in objects}
    for entries in index["indexentries"].values():
        for doc, anchor, _main in entries:
            assert (doc, anchor) not in objects, anchor
    # The general index still lists every card.
    listed = {a["href"].partition("#")[2] for a in soup(site / "genindex.html").select("table.indextable a")}
    assert cards <= listed


def test_the_collector_is_relaxed_for_a_build_and_restored_after(make_app, root_copy: Path) -> None:
    """While pages are written the collector runs rarely and skips what the reading left
    alive; after the build the process has its own settings back and nothing stays frozen."""
    import gc

    from llm_catalog.site.collector import BUILD_THRESHOLDS

    before = gc.get_threshold()
    assert before != BUILD_THRESHOLDS
    app = make_app("html", srcdir=root_copy)
    seen: list[tuple[tuple[int, int, int], int]] = []
    app.connect(
        "doctree-resolved", lambda app, doctree, docname: seen.append((gc.get_threshold(), gc.get_freeze_count()))
    )
    app.build()
    assert seen
    assert all(threshold == BUILD_THRESHOLDS and frozen > 0 for threshold, frozen in seen)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


#: Two builds in one process, which says at its exit (after the extension's own exit handler, since
#: handlers run last-registered first and this one is registered before any build) what is frozen.
TWO_BUILDS = """
import atexit, gc, sys
from sphinx.cmd.build import main
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count()))
for run in (1, 2):
    assert main(["-q", "-E", "-b", "html", sys.argv[1], sys.argv[2] + str(run)]) == 0
    assert gc.get_freeze_count() == 0  # the build restored the process's collector
"""


def test_a_finished_process_skips_collecting_what_its_builds_left(root_copy: Path, tmp_path: Path) -> None:
    """At exit what is alive is frozen, so CPython's collections while it takes the process apart skip
    it (6 s at +5,000 records): the process exits cleanly, after its builds wrote every page."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", TWO_BUILDS, str(root_copy), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    frozen = int(result.stdout.rsplit("frozen at exit:", 1)[1])
    assert frozen > 0
    assert (tmp_path / "out1" / "index.html").exists() and (tmp_path / "out2" / "index.html").exists()

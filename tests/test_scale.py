"""What keeps a large catalog's build light: each record indexed for search once."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx.search.zh import SearchChinese

from conftest import REPO, soup
from llm_catalog import facets
from llm_catalog.load import load


def search_index(site: Path) -> dict:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"Search\.setIndex\((.*)\)\s*$", text, re.DOTALL).group(1))


def test_filter_listing_copies_are_not_indexed_for_search(site: Path) -> None:
    """The filter page repeats every card; search finds a course on its own category page only."""
    index = search_index(site)
    docnames = index["docnames"]
    find, home = docnames.index("find"), docnames.index("materials/nlp-courses")

    def pages_of(term: str) -> set[int]:
        found = index["terms"].get(term, [])
        return set(found) if isinstance(found, list) else {found}

    code = "cs224n"  # a course code: only on that course's card (and its copy in the filter listing)
    assert home in pages_of(code)
    assert find not in pages_of(code)


def test_chinese_table_rows_are_not_indexed_again(site: Path) -> None:
    """The table of what can be studied in Chinese repeats the cards' titles: search finds each
    record on its own page, not on the filter page again."""
    index = search_index(site)
    find = index["docnames"].index("find")
    page = soup(site / "find.html").select_one("article")
    table = page.select_one("table.llm-chinese-table")
    assert len(table.select("tbody tr")) > 0
    # Words the page shows outside the card copies and the table may rightly be found on it.
    for repeated in [table, *page.select(".no-search")]:
        repeated.decompose()
    elsewhere = page.get_text(" ").lower()
    language = SearchChinese({})
    catalog = load(REPO / "_data" / "catalog.yaml")
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

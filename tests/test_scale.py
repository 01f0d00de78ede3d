"""What keeps a large catalog's build light: each record indexed for search once."""

from __future__ import annotations

import json
import re
from pathlib import Path


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

"""What ``searchindex.js`` holds of the catalog: each record once, as an object of the ``llm`` domain.

A card also puts its title into the general index (``genindex.html``: the title, and 课程; title),
and Sphinx copies every general-index entry into the search index, where it finds the same card
as the record's object does, under a name that holds the same title. At +5,000 records those
copies were a third of the index; they are left out of the search index here (the general index
keeps them). The index is also written as UTF-8 rather than with ``\\u`` escapes, which took six
bytes for each Chinese character instead of three (:func:`..site.compat.write_search_index_with`).
"""

from __future__ import annotations

from typing import Any

#: The ``llm`` domain's object types in the index (``llm:course`` ...).
DOMAIN_PREFIX = "llm:"


def without_copies(frozen: dict[str, Any]) -> dict[str, Any]:
    """*frozen* (Sphinx's index before it is written) without the general-index entries that
    point where an object of the ``llm`` domain points."""
    ours = {number for number, name in frozen["objtypes"].items() if name.startswith(DOMAIN_PREFIX)}
    targets = {(entry[0], entry[3]) for entries in frozen["objects"].values() for entry in entries if entry[1] in ours}
    entries: dict[str, list[Any]] = {}
    for key, found in frozen["indexentries"].items():
        kept = [entry for entry in found if (entry[0], entry[1]) not in targets]
        if kept:
            entries[key] = kept
    return {**frozen, "indexentries": entries}

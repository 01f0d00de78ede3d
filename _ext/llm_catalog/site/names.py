"""Names shared between modules, the CSS and the scripts: node attributes, classes, ids, patterns.

A name here is an agreement: one module writes it and another (or a stylesheet, or a script)
reads it. The scripts get theirs from the page's one JSON configuration (:func:`script_config`),
so none is copied into JavaScript by hand.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes

from ..data import facets

# -- Attributes of doctree nodes -----------------------------------------------------------

#: On a card, a book or syllabus chapter or a path step: the id a reader marks as done.
PROGRESS_ID = "llm-progress-id"
#: Beside PROGRESS_ID: the title screen readers hear with the checkbox.
PROGRESS_TITLE = "llm-title"
#: Beside PROGRESS_ID: the box ends the element's first line (a book chapter).
PROGRESS_INLINE = "llm-progress-inline"
#: On what a count covers (a category's grid, a path's steps): ``[[id, hours or None], ...]``.
PROGRESS_ITEMS = "llm-progress-items"
#: On a card stub and its card: the page has a filter, so the card's column carries its facets.
FILTERABLE = "llm-filterable"
#: On a card (stub): the record it shows and that record's facets.
RECORD = "llm-record"
FACETS = "llm-facets"
#: On a stub: the record ids its built nodes will link to (read by the domain).
REFS = "llm-refs"
#: On a grid of cards: its number of columns in HTML.
COLUMNS = "llm-columns"
#: On the fold of related materials, and on a course's earlier offerings: how many it holds.
COUNT = "llm-count"
#: On the graphviz node of the prerequisite graph.
GRAPH = "llm-graph"
#: On a reference to a file the site writes beside index.html (the open data).
SITE_FILE = "llm-site-file"
#: On the plain container that keeps a card with its index entries and anchor (render.card_slot).
SLOT = "llm-slot"

# -- Classes -------------------------------------------------------------------------------

CARDS = "llm-cards"
#: One card (render.card); its title is its first paragraph.
CARD = "llm-card"
CARD_TITLE = "llm-card-title"
CARD_LINKS = "llm-card-links"
CARD_CHECKED = "llm-card-checked"
CARD_CHINESE = "llm-card-chinese"
#: A card's warning that its GitHub repository is archived or no longer updated.
CARD_REPOSITORY = "llm-card-repository"
#: Paragraphs of a card that sit in its footer in HTML.
CARD_FOOTER = frozenset({CARD_CHINESE, CARD_LINKS, CARD_CHECKED})
#: The table of what can be studied in Chinese (render.chinese_table).
CHINESE_TABLE = "llm-chinese-table"
#: In LaTeX, around a long table: each footnote on the page of its row (llm-catalog.sty).
NOTES_ON_PAGE = "llm-notes-on-page"
#: A course's offerings: all as plain text in print; on the web the newest (the first item) is
#: left out, as the card shows it, and the earlier ones fold under 往期 (``COUNT`` of them).
OFFERINGS = "llm-card-offerings"
OFFERINGS_TITLE = "llm-card-offerings-title"
OFFERING_NEWEST = "llm-card-offering-newest"
#: The note of a course's newest offering.
OFFERING_NOTE = "llm-card-offering-note"
#: A heading over a grid of cards; the filter hides it with its grid.
GROUP_TITLE = "llm-group-title"
#: The related materials after the best few, and the paragraph print leaves out.
RELATED_MORE = "llm-related-more"
RELATED_MORE_REST = "llm-related-more-rest"
PROGRESS_PANEL = "llm-progress-panel"
#: Sphinx's own class for what the search index skips (sphinx.search.WordCollector); the search
#: page's snippets skip it too (llm-search-zh.js): forms, the progress panel and 下一步.
NO_SEARCH = "no-search"
#: The filter page's listing of every record (HTML only).
FILTER_LISTING = "llm-filter-listing"
#: A list of the filter page's compact rows (one per record).
FILTER_ROWS = "llm-filter-rows"
#: The line of 最近收录 that links the open data.
OPEN_DATA_LINE = "llm-recent-feeds"

# -- What the scripts read -----------------------------------------------------------------

#: Id of the page's JSON configuration of the scripts.
CONFIG_ID = "llm-config"
#: A progress id: a record id, or one chapter of a book or syllabus (the schema's ``requirement``).
PROGRESS_ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*(#[1-9][0-9]*)?$"
#: Attribute prefix of a card column's facets, one per facet key (``data-llm-level`` ...).
FACET_ATTRIBUTE = "data-llm-"
#: After FACET_ATTRIBUTE, on a compact row: its facets as the numbers of the form's boxes.
FACET_CODES = "f"


def is_slot(node: nodes.Node) -> bool:
    """A card slot (render.card_slot): a container that only keeps a card with its anchor."""
    return isinstance(node, nodes.container) and bool(node.get(SLOT))


def has_progress_id(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and PROGRESS_ID in node


def mark_progress(element: nodes.Element, progress_id: str, title: str, *, inline: bool = False) -> None:
    """Let the reader mark *element* as done, under *progress_id*, announced with *title*."""
    element[PROGRESS_ID] = progress_id
    element[PROGRESS_TITLE] = title
    if inline:
        element[PROGRESS_INLINE] = True


def has_class(name: str) -> Any:
    """A ``findall`` condition: elements with the class *name*."""

    def condition(node: nodes.Node) -> bool:
        return isinstance(node, nodes.Element) and name in node["classes"]

    return condition


def script_config(words: dict[str, Any], search: dict[str, str] | None = None) -> str:
    """The page's one configuration of the scripts: names, facet keys, patterns and *words*.

    Written as JSON into a ``<script type="application/json">``; ``</`` is escaped so that no
    text of the data can end the element early.
    """
    config = {
        "facetKeys": list(facets.KEYS),
        "facetAttribute": FACET_ATTRIBUTE,
        "progressIdPattern": PROGRESS_ID_PATTERN,
        "groupTitle": GROUP_TITLE,
        "cards": CARDS,
        "rows": FILTER_ROWS,
        "facetCodes": FACET_CODES,
        "words": words,
    }
    if search:  # the search page: how records are named in the index (site/searchwords.py)
        config["search"] = search
    return json.dumps(config, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


#: The steps of a study path (an ordered list), and the pace box the web puts before them.
PATH_STEPS = "llm-path-steps"
PACE = "llm-pace"

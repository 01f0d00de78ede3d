"""Names shared between modules, the CSS and the scripts: node attributes, classes, ids, patterns.

A name here is an agreement between the core and the wings, or between two wings: one writes
it and another (or a stylesheet, or a script) reads it. A name only one wing uses lives in that
wing's own ``names.py``. The scripts get theirs from the page's one JSON configuration
(:mod:`.scripts`: a wing's script under ``names.<its key>``), so none is copied into JavaScript by
hand; the one name both sides know is :data:`CONFIG_ID`, the configuration's own id
(tests/test_script_names.py compares).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

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
#: A label before a paragraph's text (主题：, 课外：, 为什么在这里：).
LABEL = "llm-label"
#: What a course states beyond its lectures (课外), on its card and its path steps.
CARD_WORKLOAD = "llm-card-workload"
#: Paragraphs of a card that sit in its footer in HTML.
CARD_FOOTER = frozenset({CARD_CHINESE, CARD_LINKS, CARD_CHECKED})
#: The table of what can be studied in Chinese (render.chinese_table).
CHINESE_TABLE = "llm-chinese-table"
#: A heading over a grid of cards; the filter hides it with its grid.
GROUP_TITLE = "llm-group-title"
PROGRESS_PANEL = "llm-progress-panel"
#: A chapter's status word (已发布, 未发布 ...) on a syllabus card, with :func:`status_class`; the
#: progress script marks an unreleased step of 下一步 the same way.
STATUS = "llm-status"
#: Sphinx's own class for what the search index skips (sphinx.search.WordCollector); the search
#: page's snippets skip it too (llm-search-zh.js): forms, the progress panel and 下一步.
NO_SEARCH = "no-search"
#: A small link to where a fact was read (依据), on cards and path steps.
SOURCE = "llm-source"

# -- What the scripts read -----------------------------------------------------------------

#: Id of the page's JSON configuration of the scripts: the one name a script knows by heart (it
#: reads every other name from the configuration), written as ``CONFIG_ID`` in each script.
CONFIG_ID = "llm-config"
#: A progress id: a record id, or one chapter of a book or syllabus (the schema's ``requirement``).
PROGRESS_ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*(#[1-9][0-9]*)?$"
#: Attribute prefix of a card column's facets, one per facet key (``data-llm-level`` ...).
FACET_ATTRIBUTE = "data-llm-"


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


#: The steps of a study path (an ordered list); the progress wing puts its pace box before them.
PATH_STEPS = "llm-path-steps"


def status_class(status: str) -> str:
    """The class of a chapter's *status* word, beside :data:`STATUS` (``llm-status-unreleased``)."""
    return f"{STATUS}-{status}"


# -- Ids ------------------------------------------------------------------------------------


def anchor(record_id: str) -> str:
    """The HTML id / LaTeX label of a record's card."""
    return f"llm-{record_id}"


def chapter_anchor(syllabus_id: str, number: int) -> str:
    """The HTML id of a syllabus chapter on its syllabus' card."""
    return f"{anchor(syllabus_id)}-ch{number:02d}"

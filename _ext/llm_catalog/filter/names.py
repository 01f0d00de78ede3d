"""Names the filter writes into HTML (:mod:`.filtering`) for its script and its stylesheet.

The script (static/llm-filter.js) reads every one it needs from the page's configuration,
``names.filter`` (:data:`SCRIPT_NAMES`); none is written by hand in both. ``llm-filter-more``,
the button the script adds itself, lives in the script and the stylesheet only
(tests/test_script_names.py knows it).
"""

from __future__ import annotations

from ..site.names import CARDS, GROUP_TITLE

#: The directive's name, and the class of the form it leaves on the web.
FILTER = "llm-filter"
#: The form's parts: a facet's boxes; the count and 清除 (in one line); below them, what the
#: ticked boxes hide of the records whose value of a facet is unknown (另有 3 项费用未查或未确认,
#: filled by the script); the note on what the address asked for that no box offers; the hint;
#: the message when nothing matches.
FILTER_OPTIONS = "llm-filter-options"
#: In a long facet's boxes (the topics), the boxes after the first few, and the button that
#: shows them on a phone (更多; a wide screen shows every box and no button).
FILTER_REST = "llm-filter-rest"
FILTER_UNFOLD = "llm-filter-unfold"
FILTER_STATUS = "llm-filter-status"
FILTER_COUNT = "llm-filter-count"
FILTER_CLEAR = "llm-filter-clear"
FILTER_DROPPED = "llm-filter-dropped"
FILTER_NOTE = "llm-filter-note"
FILTER_HINT = "llm-filter-hint"
FILTER_EMPTY = "llm-filter-empty"
#: The filter page's listing of every record (HTML only).
FILTER_LISTING = "llm-filter-listing"
#: A list of the filter page's compact rows (one per record).
FILTER_ROWS = "llm-filter-rows"
#: After FACET_ATTRIBUTE, on a compact row: its facets as the numbers of the form's boxes.
FACET_CODES = "f"

#: The names the script reads, by their key in the configuration (``names.filter``).
SCRIPT_NAMES = {
    "form": FILTER,
    "count": FILTER_COUNT,
    "clear": FILTER_CLEAR,
    "rest": FILTER_REST,
    "unfold": FILTER_UNFOLD,
    "dropped": FILTER_DROPPED,
    "note": FILTER_NOTE,
    "empty": FILTER_EMPTY,
    # What the script shows and hides: card grids with their headings, and lists of rows.
    "cards": CARDS,
    "groupTitle": GROUP_TITLE,
    "rows": FILTER_ROWS,
    "facetCodes": FACET_CODES,
}

"""Names the progress wing writes into HTML (:mod:`.progress`) for its script and its stylesheet.

The script (static/llm-progress.js) reads every one it needs from the page's configuration,
``names.progress`` (:data:`SCRIPT_NAMES`); none is written by hand in both. The classes the
script makes up for its own elements (``llm-done``, ``llm-pace-input`` ...) live in the script
and the stylesheet only (tests/test_script_names.py knows the list).
"""

from __future__ import annotations

from ..site.names import STATUS, status_class

# -- Attributes of the hidden markers (HTML) -----------------------------------------------

#: On a checkbox slot, and on the checkbox the script makes of it: the progress id.
ID_ATTRIBUTE = "data-llm-progress"
#: On a checkbox slot: the title screen readers hear with the box.
TITLE_ATTRIBUTE = "data-llm-title"
#: On a count: what it covers, ``[[id, hours or None], ...]`` as JSON (a path's pace box, right
#: after its count, reads the count's).
ITEMS_ATTRIBUTE = "data-llm-items"

# -- Classes and ids -----------------------------------------------------------------------

#: The hidden element the script makes a checkbox.
SLOT = "llm-progress-slot"
#: What has a checkbox (a card, a chapter, a path step); the script marks it when done.
ITEM = "llm-progress-item"
#: The paragraph that holds a card's (or a step's) checkbox.
CARD_PROGRESS = "llm-card-progress"
#: The count of what is done, before what it counts.
SUMMARY = "llm-progress-summary"
#: The weeks a path takes at the reader's hours per week: after the path's count, before its steps.
PACE = "llm-pace"
#: Export and import of the progress (the paths page's panel).
TOOLS = "llm-progress-tools"
EXPORT = "llm-progress-export"
IMPORT = "llm-progress-import"
MESSAGE = "llm-progress-message"
#: Out of sight, but heard by screen readers (the file input; the title of each box).
VISUALLY_HIDDEN = "llm-visually-hidden"
#: 下一步: a goal (a select, by id), a status line and the list of what the goal still needs.
NEXT = "llm-next"
NEXT_GOAL = "llm-next-goal"
NEXT_STATUS = "llm-next-status"
NEXT_LIST = "llm-next-list"
#: In 下一步: the ``<script type="application/json">`` with the graph it walks and the goals it
#: offers (:func:`.progress.next_graph`); the script fills the select from it.
NEXT_DATA = "llm-next-data"

#: The names the script reads, by their key in the configuration (``names.progress``).
SCRIPT_NAMES = {
    "idAttribute": ID_ATTRIBUTE,
    "titleAttribute": TITLE_ATTRIBUTE,
    "itemsAttribute": ITEMS_ATTRIBUTE,
    "slot": SLOT,
    "item": ITEM,
    "summary": SUMMARY,
    "pace": PACE,
    "tools": TOOLS,
    "exportButton": EXPORT,
    "importButton": IMPORT,
    "message": MESSAGE,
    "visuallyHidden": VISUALLY_HIDDEN,
    "next": NEXT,
    "nextStatus": NEXT_STATUS,
    "nextData": NEXT_DATA,
    # An unreleased step of 下一步 is marked like an unreleased chapter on its syllabus card.
    "status": STATUS,
    "statusUnreleased": status_class("unreleased"),
}

"""The filter wing: ``llm-filter``'s form and rows on the web (:mod:`.filtering`), nothing in print.

It fills its form from the cards on its page, gives each card a column that carries its facets,
and lists every record as a compact row; its script reads the names of :mod:`.names` from the
page's configuration.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data import facets, labels
from ..site import builders, scripts
from . import filtering
from .directive import FilterDirective
from .names import FILTER, SCRIPT_NAMES

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"


def script_words() -> dict[str, Any]:
    """The filter's words (labels.py), for its script."""
    return {
        "count": labels.FILTER["count"],
        # Per facet: 另有 {count} 项费用未查或未确认 ...
        "dropped": {
            key: labels.FILTER["dropped"].replace("{unknown}", labels.facet_unknown(key)) for key in facets.KEYS
        },
        "include": labels.FILTER["include"],
        "unfold": labels.FILTER["unfold"],
        "fold": labels.FILTER["fold"],
        "ignored": labels.FILTER["ignored"],
        "more": labels.FILTER["more"],
        "pageSize": filtering.PAGE_SIZE,
        "separator": labels.LIST_SEPARATOR,
    }


SCRIPT = scripts.Script(
    key="filter",
    wanted=scripts.has_node(filtering.filter_panel),
    words=script_words,
    files=(("css", "llm-filter.css", {}), ("js", "llm-filter.js", {"loading_method": "defer"})),
    names=SCRIPT_NAMES,
    # The value of a facet the data does not state (its box: 未标注, 费用未查或未确认 ...).
    settings=lambda: {"unknown": facets.UNKNOWN},
)


def setup(app: Sphinx) -> None:
    app.add_directive(FILTER, FilterDirective)
    filtering.add_nodes(app)
    app.connect(builders.WEB_PAGE, filtering.fill_forms, priority=100)
    app.connect(builders.PRINT_PAGE, filtering.drop_for_print, priority=100)
    app.connect(builders.WEB_LAST, filtering.expand_rows, priority=300)
    app.connect(builders.CARD_COLUMN, filtering.facet_column)
    scripts.add_static(app, STATIC_DIR)
    scripts.add(app, SCRIPT)

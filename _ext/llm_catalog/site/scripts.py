"""The scripts a page gets, and the one JSON configuration Python writes for them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..data import labels
from . import searchwords
from .filtering import PAGE_SIZE, filter_panel
from .names import CONFIG_ID, script_config
from .progress import llm_data

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

FILTER_JS = "llm-filter.js"
FILTER_CSS = "llm-filter.css"
PROGRESS_JS = "llm-progress.js"
PROGRESS_CSS = "llm-progress.css"
SEARCH_JS = "llm-search-zh.js"

#: The filter's words (labels.py), for its script.
FILTER_WORDS = {
    "count": labels.FILTER["count"],
    "ignored": labels.FILTER["ignored"],
    "more": labels.FILTER["more"],
    "pageSize": PAGE_SIZE,
    "separator": labels.LIST_SEPARATOR,
}


def _has(doctree: nodes.document, node_class: type[nodes.Element]) -> bool:
    return next(iter(doctree.findall(node_class)), None) is not None


def add_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """The filter's, the progress' and the Chinese search's scripts, only on pages that use
    them, after the page's configuration of them."""
    words: dict[str, Any] = {}
    if pagename == "search" and app.config.language.startswith("zh"):
        words["search"] = labels.SEARCH  # segments queries like the index was segmented
    if doctree is None:
        _add(app, words)
        return
    if has_filter := _has(doctree, filter_panel):
        words["filter"] = FILTER_WORDS
    if has_progress := _has(doctree, llm_data):
        words["progress"] = labels.PROGRESS
    _add(app, words)
    if has_filter:
        app.add_css_file(FILTER_CSS)
        app.add_js_file(FILTER_JS, loading_method="defer")
    if has_progress:
        app.add_js_file(PROGRESS_JS)
        app.add_css_file(PROGRESS_CSS)


def _add(app: Sphinx, words: dict[str, Any]) -> None:
    if words:
        search = searchwords.script_settings() if "search" in words else None
        app.add_js_file(None, body=script_config(words, search), type="application/json", id=CONFIG_ID)
    if "search" in words:
        app.add_js_file(SEARCH_JS)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_scripts)

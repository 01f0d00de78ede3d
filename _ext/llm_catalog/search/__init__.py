"""The search wing: Sphinx's own search page, finding materials as well as pages, in Chinese.

Each record is an object of the ``llm`` domain, named by its title and its search words
(``site/words.py``); :mod:`.segment` segments each distinct text of the index once; :mod:`.index`
keeps each record in the index once; ``static/llm-search-zh.js`` segments the reader's query the
same way, finds the records that hold any of its words (those of the query's years only, newest
first when asked), ranks them above pages and shows a record's title as the link, its words after it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data import labels
from ..site import compat, scripts
from ..site.names import NO_SEARCH, anchor
from ..site.words import FROM_SCRATCH_PATTERN, SEPARATOR, WORD_SEPARATOR, YEAR_PATTERN
from .index import without_copies
from .segment import SegmentOnce

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static"


def script_settings(home: str | None = None) -> dict[str, str | None]:
    """What ``llm-search-zh.js`` needs to read the names (in the page's configuration): how a
    record's name is put together, what is no page text, how a year and "from scratch" are
    written, and the page to go back to (*home*, the root document) when nothing is found."""
    return {
        "separator": SEPARATOR,
        "wordSeparator": WORD_SEPARATOR,
        "pathWord": labels.SEARCH_PATH.partition("{")[0],
        "recordAnchor": "#" + anchor(""),
        "notText": f".{NO_SEARCH}, [hidden], form, select",
        "year": YEAR_PATTERN,
        "fromScratch": FROM_SCRATCH_PATTERN,
        "home": home,
    }


def _search_page(app: Sphinx, pagename: str, doctree: nodes.document | None) -> bool:
    """The search page of a Chinese site: queries are segmented like the index was."""
    return pagename == "search" and app.config.language.startswith("zh")


def _words() -> dict[str, Any]:
    return labels.SEARCH


SCRIPT = scripts.Script(
    key="search",
    wanted=_search_page,
    words=_words,
    files=(("js", "llm-search-zh.js", {}),),
    settings=script_settings,
)


def _script_for(config: Config) -> scripts.Script:
    """:data:`SCRIPT`, with the root document of the project whose *config* this is."""
    return dataclasses.replace(SCRIPT, settings=lambda: script_settings(config.root_doc))


def _write_index_once(app: Sphinx) -> None:
    compat.write_search_index_with(app.builder, without_copies)


def setup(app: Sphinx) -> None:
    app.add_search_language(SegmentOnce)
    scripts.add_static(app, STATIC_DIR)
    scripts.add(app, _script_for(app.config))
    app.connect("builder-inited", _write_index_once)

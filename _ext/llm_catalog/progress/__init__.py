"""The progress wing: the reader's checkboxes, counts, pace and 下一步, kept in the browser.

Other wings mark what a reader can finish (``names.PROGRESS_ID``) and what a count covers
(``names.PROGRESS_ITEMS``); on the web this wing turns the marks into hidden elements its script
reads (:mod:`.progress`), and fills the paths page's panel. Print gets none of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..data import labels
from ..site import builders, scripts
from . import progress
from .names import SCRIPT_NAMES

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"

SCRIPT = scripts.Script(
    key="progress",
    wanted=scripts.has_node(progress.llm_data),
    words=lambda: labels.PROGRESS,
    files=(("js", "llm-progress.js", {}), ("css", "llm-progress.css", {})),
    names=SCRIPT_NAMES,
)


def setup(app: Sphinx) -> None:
    progress.add_nodes(app)
    app.connect(builders.WEB_PAGE, progress.add_markers, priority=200)
    app.connect(builders.CARD_BUILT, progress.add_card_slots)
    app.connect(builders.PRINT_PAGE, progress.drop_for_print, priority=350)
    scripts.add_static(app, STATIC_DIR)
    scripts.add(app, SCRIPT)

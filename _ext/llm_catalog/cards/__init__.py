"""The cards wing: course, book and resource cards, the LLM101n syllabus, the catalog's tables.

Directives leave card stubs (:mod:`.stubs`); the web builds them last, print first. The web folds
what is long (related materials, earlier offerings), print trims it (:mod:`.folds`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..site import builders, scripts
from . import directives, facts, folds, stubs

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
#: The cards' look beside sphinx-design's (every HTML page: cards are on most of them).
CSS = "llm-catalog.css"


def setup(app: Sphinx) -> None:
    app.add_directive("llm-courses", directives.CoursesDirective)
    app.add_directive("llm-books", directives.BooksDirective)
    app.add_directive("llm-resources", directives.ResourcesDirective)
    app.add_directive("llm-syllabus", directives.SyllabusDirective)
    app.add_directive("llm-categories", directives.CategoriesDirective)
    app.add_directive("llm-chinese-table", directives.ChineseTableDirective)
    stubs.setup(app)
    app.connect(builders.WEB_PAGE, folds.fold_related, priority=300)
    app.connect(builders.WEB_LAST, folds.fold_offerings, priority=400)
    app.connect(builders.PRINT_PAGE, folds.trim_for_print, priority=360)
    app.connect(builders.PRINT_PAGE, facts.compact_notes, priority=250)
    scripts.add_static(app, STATIC_DIR)
    app.add_css_file(CSS)  # HTML builders only

"""The paper wing: what only the PDF needs (page numbers for references, a table's notes on its
pages, a card's label in its title line) and the cards' LaTeX style (``latex/llm-catalog.sty``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file

from ..site import builders
from . import paper

if TYPE_CHECKING:
    from sphinx.application import Sphinx

LATEX_STYLE = Path(__file__).parent / "latex" / "llm-catalog.sty"


def copy_latex_style(app: Sphinx, exception: Exception | None) -> None:
    """Put the cards' LaTeX look beside the .tex file that loads it (``add_latex_package``).

    The file is the extension's own: an edited style replaces the copy of an earlier build
    (without ``force`` Sphinx keeps the old one and warns, failing the strict build).
    """
    if exception is None and builders.is_latex(app.builder):
        copy_asset_file(LATEX_STYLE, app.outdir, force=True)


def setup(app: Sphinx) -> None:
    paper.add_nodes(app)
    app.connect(builders.REFERENCE, paper.with_page)
    app.connect(builders.PRINT_PAGE, paper.label_card_titles, priority=300)
    app.connect(builders.PRINT_PAGE, paper.keep_table_notes_on_their_pages, priority=310)
    app.add_latex_package(LATEX_STYLE.stem)
    app.connect("build-finished", copy_latex_style)

"""Toctree captions as complete ARIA headings (sphinx-doc/sphinx#14030).

Sphinx 8.2 writes a toctree caption as ``<p class="caption" role="heading">``. ARIA 1.2
requires ``aria-level`` with that role and axe-core reports its absence as critical, on every
page (the sidebar) and in the body of pages with a captioned toctree. The fix proposed upstream
(sphinx-doc/sphinx#14437) writes the level ARIA 1.1 implied, 2; this translator does the same
until Sphinx ships it. The sidebar is rendered with the builder's translator too, so one
override covers both places.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

#: The level ARIA 1.1 gave a heading without one: the exposed outline does not change.
CAPTION_LEVEL = "2"


class CaptionLevelTranslator(HTML5Translator):
    """Sphinx's HTML5 translator, with ``aria-level`` on toctree captions."""

    def visit_title(self, node: nodes.Element) -> None:
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            attributes = {"CLASS": "caption", "ROLE": "heading", "aria-level": CAPTION_LEVEL}
            self.body.append(self.starttag(node, "p", "", **attributes))
            self.body.append('<span class="caption-text">')
            self.context.append("</span></p>\n")
        else:
            super().visit_title(node)


def setup(app: Sphinx) -> None:
    # The builders that write this translator's HTML for readers (EPUB pages are XHTML too).
    for builder in ("html", "dirhtml", "singlehtml", "epub"):
        app.set_translator(builder, CaptionLevelTranslator)

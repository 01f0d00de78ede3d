"""The prerequisite graph per builder: links on its nodes, and what to install when dot is missing."""

from __future__ import annotations

import shutil
from html import escape
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.ext.graphviz import graphviz, html_visit_graphviz, latex_visit_graphviz
from sphinx.util import logging

from ..data import labels
from . import studyplan
from .compat import image_folder, svg_link
from .domain import WARNING_TYPE, catalog_domain
from .names import GRAPH
from .progress import card_uri, page_uri

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator


logger = logging.getLogger(__name__)

#: Said when Graphviz's dot is missing: sphinx.ext.graphviz itself would only print the dot
#: code into the page and say "check the graphviz_dot setting".
MISSING_DOT = (
    "the prerequisite graph needs the 'dot' program of Graphviz, and {dot!r} was not found; "
    "install the package 'graphviz' (Debian/Ubuntu: sudo apt-get install graphviz, or sudo make system-deps; "
    "macOS: brew install graphviz), or point the graphviz_dot setting at it"
)


def _is_graph(node: nodes.Node) -> bool:
    return isinstance(node, graphviz) and bool(node.get(GRAPH))


def replace_if_dot_missing(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Without Graphviz's dot: a located warning, and a note in place of the figure."""
    dot = app.config.graphviz_dot
    if shutil.which(dot):
        return
    for node in list(doctree.findall(_is_graph)):
        logger.warning(MISSING_DOT.format(dot=dot), type=WARNING_TYPE, subtype="graphviz_missing", location=node)
        text = labels.PATHS["graph_missing"]
        node.replace_self(nodes.paragraph(text, text, classes=["llm-graph-missing"]))


def link_nodes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Pages in HTML (the web, EPUB): a link on every node of the graph."""
    for node in list(doctree.findall(_is_graph)):
        node["code"] = studyplan.dot_code(catalog_domain(app.env).catalog, _urls(app, docname))


def _urls(app: Sphinx, docname: str) -> dict[str, str]:
    catalog = catalog_domain(app.env).catalog
    builder = app.builder
    drawn, topics, _ = studyplan.graph_nodes(catalog)
    urls = {node: card_uri(catalog, builder, docname, node) for node in drawn}
    here = page_uri(builder, docname, docname)
    urls.update({f"topic:{t}": f"{here}#{studyplan.topic_anchor(t)}" for t in topics})
    return {key: svg_link(url) for key, url in urls.items() if url}


def visit_graphviz_html(self: HTML5Translator, node: graphviz) -> None:
    """Sphinx's own HTML rendering, plus a text alternative on the <object> of our graph.

    sphinx.ext.graphviz puts the alt text only as fallback content inside <object>, which
    browsers (and screen readers) skip once the SVG loads; aria-label names it for them.
    """
    start = len(self.body)
    try:
        html_visit_graphviz(self, node)
    except nodes.SkipNode:
        if node.get(GRAPH):
            label = escape(node.get("alt", ""), quote=True)
            for i in range(start, len(self.body)):
                if self.body[i].startswith("<object "):
                    self.body[i] = self.body[i].replace("<object ", f'<object aria-label="{label}" ', 1)
        raise


#: Where the PDF figure goes in the LaTeX output: not beside the book, because Read the Docs
#: publishes the one *.pdf it finds at the top of that folder (and fails on two).
LATEX_FIGURES = "figures"


def visit_graphviz_latex(self: LaTeXTranslator, node: graphviz) -> None:
    if not node.get(GRAPH):
        latex_visit_graphviz(self, node)  # raises SkipNode, like every graphviz visitor
        return
    with image_folder(self.builder, LATEX_FIGURES):
        latex_visit_graphviz(self, node)


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    app.add_node(graphviz, override=True, html=(visit_graphviz_html, None), latex=(visit_graphviz_latex, None))

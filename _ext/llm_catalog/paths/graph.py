"""The prerequisite graph per builder: links on its nodes, and what to install when dot is missing."""

from __future__ import annotations

import shutil
import subprocess
from html import escape
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.ext.graphviz import graphviz, html_visit_graphviz, latex_visit_graphviz
from sphinx.util import logging

from ..data import labels
from ..site.builders import has_html_pages, is_epub
from ..site.compat import graphviz_svg_inline, image_folder, label_graphviz_object, svg_link
from ..site.domain import WARNING_TYPE, catalog_domain
from ..site.urls import card_uri, page_uri
from . import studyplan
from .studyplan import GRAPH

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
    if not has_html_pages(app.builder):
        return
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


#: The note shown under the graph on a phone only (llm-graph.css), where the drawing is fitted.
PHONE_NOTE = "llm-graph-phone-note"

#: Where a graph node's own id (the record or chapter it draws) is kept in the inline SVG.
NODE_ATTR = "data-llm-node"
#: How many CSS pixels one unit of Graphviz's drawing (a point) takes in the inline SVG: the
#: labels (11 units) are then 12 px, and a page narrower than the drawing scrolls it sideways in
#: its frame. Only on a phone does llm-graph.css fit it to the screen (an overview to zoom into).
SCALE = 1.1


def inline_svg(code: str, dot: str, args: list[str], label: str) -> str:
    """The graph drawn by dot as an ``<svg>`` element to write into the page itself.

    Inline, the page's stylesheet reaches it, so its colours follow the theme (light, dark, or
    the system's); an ``<object>`` is a document of its own that the page's CSS cannot style.
    How Graphviz's SVG is rewritten for the page is in :func:`..site.compat.graphviz_svg_inline`.
    """
    result = subprocess.run([dot, *args, "-Tsvg"], input=code.encode(), capture_output=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.decode(errors="replace"))
    return graphviz_svg_inline(result.stdout, label, scale=SCALE, node_attribute=NODE_ATTR, classes="llm-graph-svg")


def visit_graphviz_html(self: HTML5Translator, node: graphviz) -> None:
    """Our graph inline on web pages; Sphinx's own rendering elsewhere (and for other graphs).

    The EPUB keeps Sphinx's ``<object>``: EPUB 3 would need every page with inline SVG
    declared as such in its manifest. There, sphinx.ext.graphviz puts the alt text only as
    fallback content inside ``<object>``, which browsers (and screen readers) skip once the SVG
    loads; aria-label names it for them.
    """
    if node.get(GRAPH) and not is_epub(self.builder):
        config = self.builder.config
        label = node.get("alt", "")
        try:
            drawing = inline_svg(node["code"], config.graphviz_dot, list(config.graphviz_dot_args), label)
        except (OSError, RuntimeError) as exc:
            logger.warning("dot could not draw the prerequisite graph: %s", exc, type=WARNING_TYPE, location=node)
            raise nodes.SkipNode from exc
        # A region of its own that scrolls sideways (and takes the keyboard's arrows); on a phone
        # it is fitted to the screen, and the note before it (shown there only, llm-graph.css) says so.
        note = escape(labels.PATHS["graph_phone_note"].format(list=labels.PATHS["graph_list_title"]))
        self.body.append(
            f'<p class="{PHONE_NOTE}">{note}</p>\n'
            f'<div class="graphviz llm-graph-scroll" role="region" tabindex="0" '
            f'aria-label="{escape(label, quote=True)}">{drawing}</div>\n'
        )
        raise nodes.SkipNode
    start = len(self.body)
    try:
        html_visit_graphviz(self, node)
    except nodes.SkipNode:
        if node.get(GRAPH):
            label_graphviz_object(self.body, start, node.get("alt", ""))
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


#: The graph's colours for furo's schemes, its frame, and 回到顶部 kept clear of it.
GRAPH_CSS = "llm-graph.css"


def add_graph_css(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document) -> None:
    """The graph's stylesheet, on web pages that draw it inline (not in the EPUB)."""
    if doctree is None or is_epub(app.builder):
        return
    if next(iter(doctree.findall(_is_graph)), None) is not None:
        app.add_css_file(GRAPH_CSS)


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    app.connect("html-page-context", add_graph_css, priority=499)  # before the scripts' files
    app.add_node(graphviz, override=True, html=(visit_graphviz_html, None), latex=(visit_graphviz_latex, None))

"""Which builder gets what: the predicates, and the events through which each wing adds its stages.

A directive leaves builder-neutral nodes (card stubs, an empty filter form, progress
attributes, a graph). What each builder makes of them is decided here and only here; the wings
connect their stages to the events below (with a priority: lower runs first); where a wing
needs to know more (a LaTeX page, an EPUB, a builder that writes open data), it asks one of the
predicates here, never the builder's name or format itself:

- the **web** (html, dirhtml, singlehtml) runs :data:`WEB_PAGE` once Sphinx has resolved the
  page's references (the filter form, the progress markers, folding, the graph's links, the open
  data's links), then :data:`WEB_LAST` when the page's doctree is resolved, after every other
  handler: the cards are built there, so no transform walks their nodes; each card built is
  announced (:data:`CARD_BUILT`) and placed in a column that a wing may give (:data:`CARD_COLUMN`);
- **print** (every other builder: LaTeX, EPUB, text, the link checker ...) runs
  :data:`PRINT_PAGE` first of all post-transforms: it drops what only a browser can use and
  builds the cards as ordinary nodes before Sphinx resolves references, so cross-references,
  printed URLs and the link checker see them;
- a resolved reference to a record may be followed by more (:data:`REFERENCE`: in LaTeX, the
  page it points to).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.transforms.post_transforms import SphinxPostTransform

from .compat import fix_single_page_references
from .domain import REFERENCE_EVENT

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

#: Builders of the website, which runs the scripts; every other builder is print.
WEB_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})
#: Builders of a multi-page site whose root is published, where the open data is written.
OPEN_DATA_BUILDERS = frozenset({"html", "dirhtml"})

#: ``(doctree, docname)``: a web page's stages, after Sphinx's own post-transforms.
WEB_PAGE = "llm-catalog-web-page"
#: ``(doctree, docname)``: a printed page's stages, before every other post-transform.
PRINT_PAGE = "llm-catalog-print-page"
#: ``(doctree, docname)``: the web's last stages, when the page's doctree is resolved.
WEB_LAST = "llm-catalog-web-last"
#: ``(card)``: a card the web has just built (its progress boxes go in here).
CARD_BUILT = "llm-catalog-card-built"
#: ``(card, classes)``, first answer wins: the grid column of a card (the filter's carries facets).
CARD_COLUMN = "llm-catalog-card-column"
#: ``(builder, reference, docname, anchor)``, first answer wins: a resolved reference to a
#: record, with what follows it for this builder.
REFERENCE = REFERENCE_EVENT
EVENTS = (WEB_PAGE, PRINT_PAGE, WEB_LAST, CARD_BUILT, CARD_COLUMN, REFERENCE)


def is_web(builder: Builder) -> bool:
    return builder.name in WEB_BUILDERS


def is_print(builder: Builder) -> bool:
    return not is_web(builder)


def writes_open_data(builder: Builder) -> bool:
    return builder.name in OPEN_DATA_BUILDERS


def is_link_check(builder: Builder) -> bool:
    return builder.name == "linkcheck"


def is_latex(builder: Builder) -> bool:
    """The PDF's builder: page numbers, the cards' LaTeX style beside its .tex file."""
    return builder.format == "latex"


def has_html_pages(builder: Builder) -> bool:
    """The web and EPUB: pages in HTML, where the graph's nodes can be links."""
    return builder.format == "html"


def is_epub(builder: Builder) -> bool:
    """The EPUB, whose pages keep Sphinx's ``<object>`` for an SVG (see paths/graph.py)."""
    return builder.name.startswith("epub")


class WebChain(SphinxPostTransform):
    """The web's stages, once Sphinx has resolved the page's own references."""

    # After Sphinx's own post-transforms, which resolve references and only-nodes.
    default_priority = 190

    def is_supported(self) -> bool:
        return is_web(self.app.builder)

    def run(self, **kwargs: Any) -> None:
        self.app.emit(WEB_PAGE, self.document, self.env.docname)


class PrintChain(SphinxPostTransform):
    """Print's stages, first of all post-transforms: the cards are then ordinary nodes for
    Sphinx's reference resolver and for every builder's own transforms (LaTeX starts at 5)."""

    default_priority = 2

    def is_supported(self) -> bool:
        return is_print(self.app.builder)

    def run(self, **kwargs: Any) -> None:
        self.app.emit(PRINT_PAGE, self.document, self.env.docname)


def web_last(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The web's last stages (the cards, the filter's rows), then the single page's references.

    Connected to ``doctree-resolved`` after every other handler, so nothing walks the cards' nodes.
    """
    if not is_web(app.builder):
        return
    app.emit(WEB_LAST, doctree, docname)
    fix_single_page_references(app.builder, doctree)


#: Pages the single-page builder does not write, though the theme would link to them.
NOT_ON_THE_SINGLE_PAGE = frozenset({"genindex", "search"})


def link_only_written_pages(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """singlehtml writes no index and no search page: its page neither links nor searches there."""
    if app.builder.name != "singlehtml":
        return
    hasdoc = context["hasdoc"]
    context["hasdoc"] = lambda name: name not in NOT_ON_THE_SINGLE_PAGE and hasdoc(name)
    if context.get("sidebars"):
        context["sidebars"] = [name for name in context["sidebars"] if not name.endswith("/search.html")]


def setup(app: Sphinx) -> None:
    for event in EVENTS:
        app.add_event(event)
    app.connect("html-page-context", link_only_written_pages)
    app.add_post_transform(WebChain)
    app.add_post_transform(PrintChain)
    app.connect("doctree-resolved", web_last, priority=900)  # after every other handler

"""Which builder gets what: the predicates, and one chain of named stages for the web and for print.

A directive leaves builder-neutral nodes (card stubs, an empty filter form, progress
attributes, a graph). What each builder makes of them is decided here and only here:

- the **web** (html, dirhtml, singlehtml) fills the filter form, adds the progress markers,
  folds long lists, links the graph's nodes and the open data; the cards themselves are
  built last of all, when the page's doctree is resolved (:func:`build_cards_last`), so no
  transform walks their nodes (see :mod:`.cards`);
- **print** (every other builder: LaTeX, EPUB, text, the link checker ...) drops what only a
  browser can use and builds the cards as ordinary nodes before Sphinx resolves references,
  so cross-references, printed URLs and the link checker see them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sphinx.transforms.post_transforms import SphinxPostTransform

from . import cards, facts, filtering, graph, opendata, paper, progress
from .compat import design_grid, fix_single_page_references
from .domain import catalog_domain
from .names import has_progress_id

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

#: Builders of the website, which runs the scripts; every other builder is print.
WEB_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})
#: Builders of a multi-page site whose root is published, where the open data is written.
OPEN_DATA_BUILDERS = frozenset({"html", "dirhtml"})


def is_web(builder: Builder) -> bool:
    return builder.name in WEB_BUILDERS


def is_print(builder: Builder) -> bool:
    return not is_web(builder)


def writes_open_data(builder: Builder) -> bool:
    return builder.name in OPEN_DATA_BUILDERS


def is_link_check(builder: Builder) -> bool:
    return builder.name == "linkcheck"


def is_latex(builder: Builder) -> bool:
    """The PDF's builder, which needs the cards' LaTeX style beside its .tex file."""
    return builder.format == "latex"


def has_html_pages(builder: Builder) -> bool:
    """The web and EPUB: pages in HTML, where the graph's nodes can be links."""
    return builder.format == "html"


#: A stage of a chain: it changes the page's doctree for the builder.
Stage = Callable[["Sphinx", "nodes.document", str], None]


def _open_data_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Links to the open data where the builder writes it; elsewhere the line goes."""
    opendata.place_links(doctree, app.builder, docname, written=writes_open_data(app.builder))


def _graph_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if has_html_pages(app.builder):
        graph.link_nodes(app, doctree, docname)


WEB_STAGES: tuple[tuple[str, Stage], ...] = (
    ("fill the filter form", filtering.fill_forms),
    ("mark progress", progress.add_markers),
    ("fold related materials", progress.fold_related),
    ("draw the graph", graph.replace_if_dot_missing),
    ("link the graph", _graph_links),
    ("link the open data", _open_data_links),
)
PRINT_STAGES: tuple[tuple[str, Stage], ...] = (
    ("drop the filter", filtering.drop_for_print),
    ("build the cards", cards.expand_stubs),
    ("label the cards' titles", paper.label_card_titles),
    ("keep the table's notes on their pages", paper.keep_table_notes_on_their_pages),
    ("trim related materials", progress.trim_for_print),
    ("draw the graph", graph.replace_if_dot_missing),
    ("link the graph", _graph_links),
    ("link the open data", _open_data_links),
)


class _Chain(SphinxPostTransform):
    stages: tuple[tuple[str, Stage], ...] = ()

    def run(self, **kwargs: Any) -> None:
        for _, stage in self.stages:
            stage(self.app, self.document, self.env.docname)


class WebChain(_Chain):
    """The web's stages, once Sphinx has resolved the page's own references."""

    # After Sphinx's own post-transforms, which resolve references and only-nodes.
    default_priority = 190
    stages = WEB_STAGES

    def is_supported(self) -> bool:
        return is_web(self.app.builder)


class PrintChain(_Chain):
    """Print's stages, first of all post-transforms: the cards are then ordinary nodes for
    Sphinx's reference resolver and for every builder's own transforms (LaTeX starts at 5)."""

    default_priority = 2
    stages = PRINT_STAGES

    def is_supported(self) -> bool:
        return is_print(self.app.builder)


def build_cards_last(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The web's last stage: each grid's cards in sphinx-design's look, with their progress
    boxes and facets, then whatever else waits as a stub (the Chinese table's rows).

    Connected to ``doctree-resolved`` after every other handler, so nothing walks the cards'
    nodes; their few cross-references are resolved here (:func:`.cards.resolve_references`).
    """
    if not is_web(app.builder):
        return
    catalog = catalog_domain(app.env).catalog

    def card(node: cards.card_stub) -> nodes.Element:
        built = cards.build(catalog, node)
        cards.resolve_references(app, app.builder, built, docname)
        for element in list(built.findall(has_progress_id)):  # the card, a book's chapters
            progress.add_slot(element)
        facts.fold_notes(built)
        return built

    for grid in list(doctree.findall(cards.is_grid)):
        grid.replace_self(design_grid(grid, _is_card_stub, card, filtering.facet_column))
    cards.expand_stubs(app, doctree, docname, resolve=True)
    filtering.expand_rows(app, doctree, docname)
    progress.fold_offerings(doctree)
    fix_single_page_references(app.builder, doctree)


def write_open_data(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and writes_open_data(app.builder):
        opendata.write_files(app)


def announce_feed(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    if writes_open_data(app.builder):
        opendata.feed_link(app, context)


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
    app.connect("html-page-context", link_only_written_pages)
    app.connect("build-finished", write_open_data)
    app.connect("html-page-context", announce_feed)
    app.add_post_transform(WebChain)
    app.add_post_transform(PrintChain)
    app.connect("doctree-resolved", build_cards_last, priority=900)  # after every other handler


def _is_card_stub(node: nodes.Node) -> bool:
    return isinstance(node, cards.card_stub)

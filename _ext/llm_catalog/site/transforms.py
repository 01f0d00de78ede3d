"""HTML-only: build the cards and give them sphinx-design's grid and card look."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from docutils import nodes

from .cards import WEB_BUILDERS, build, card_stub, expand, is_stub, resolve_references
from .domain import catalog_domain
from .filtering import facet_div
from .progress import add_slot

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ROW = ["sd-row", "sd-row-cols-1", "sd-row-cols-xs-1", "sd-row-cols-sm-1"]
_GUTTER = ["sd-g-3", "sd-g-xs-3", "sd-g-sm-3", "sd-g-md-3", "sd-g-lg-3"]
_WIDE = {2: ["sd-row-cols-md-2", "sd-row-cols-lg-2"], 3: ["sd-row-cols-md-2", "sd-row-cols-lg-3"]}


def build_cards_last(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Web builders: build each card of an ``llm-cards`` grid and wrap it in sphinx-design's
    container/row/col/card structure, with its progress box and facets; then whatever else
    waits as a stub (the Chinese table's rows).

    Connected to ``doctree-resolved`` after everything else, so no transform and no other
    handler walks the cards' nodes (see :mod:`.cards`); their cross-references are resolved
    here. The other builders get the cards earlier, as neutral nodes
    (``cards.ExpandCardStubs``), which read as plain text entries with their links printed.
    """
    if app.builder.name not in WEB_BUILDERS:
        return
    catalog = catalog_domain(app.env).catalog

    def card(node: card_stub) -> nodes.container:
        built = build(catalog, node)
        resolve_references(app, app.builder, built, docname)
        for element in list(built.findall(nodes.Element)):  # the card, a book's chapters
            if "llm-progress-id" in element:
                add_slot(element)
        return built

    for grid in list(doctree.findall(_is_cards)):
        grid.replace_self(_design_grid(grid, card))
    for node in list(doctree.findall(is_stub)):
        built = expand(catalog, node)
        for element in built:
            resolve_references(app, app.builder, element, docname)
        node.replace_self(built)


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", build_cards_last, priority=900)


def _div(classes: list[str], ids: list[str] | None = None) -> nodes.container:
    # is_div makes sphinx-design's visitor write a bare <div> without docutils' "container" class.
    return nodes.container(classes=classes, ids=list(ids or []), is_div=True)


def _is_cards(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "llm-cards" in node["classes"]


def _design_grid(grid: nodes.container, card: Callable[[card_stub], nodes.container]) -> nodes.container:
    """The grid of *grid*'s cards, each built from its stub by *card*."""
    # The doctree here is this page's own copy for writing, so nodes are moved, not copied.
    outer = _div(["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "llm-cards"], ids=grid["ids"])
    row = _div([*_ROW, *_WIDE.get(grid.get("llm-columns", 2), []), *_GUTTER])
    outer += row
    pending: list[nodes.Node] = []  # index entries and anchors that precede their card
    for child in _unwrap_slots(grid.children):
        if not isinstance(child, card_stub):
            pending.append(child)
            continue
        built = card(child)
        column = _column(built)
        column.extend(pending)
        pending = []
        column += _design_card(built)
        row += column
    row.extend(pending)
    return outer


def _column(card: nodes.container) -> nodes.Element:
    """The grid column of a card; on a page with a filter it carries the card's facets."""
    classes = ["sd-col", "sd-d-flex-row"]
    if card.get("llm-filterable"):
        return facet_div(classes=classes, record=card["llm-record"], facets=card["llm-facets"])
    return _div(classes)


def _unwrap_slots(children: list[nodes.Node]) -> list[nodes.Node]:
    """The children of a grid with each card slot (see render.card_slot) replaced by its contents."""
    out: list[nodes.Node] = []
    for child in children:
        if isinstance(child, nodes.container) and not child["classes"]:
            out.extend(child.children)
        else:
            out.append(child)
    return out


def _design_card(card: nodes.container) -> nodes.container:
    styled = _div([*card["classes"], "sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm"], ids=card["ids"])
    body = _div(["sd-card-body"])
    styled += body
    footer: nodes.container | None = None
    for child in list(card.children):
        if isinstance(child, nodes.paragraph) and "llm-card-title" in child["classes"]:
            child["classes"] += ["sd-card-title", "sd-font-weight-bold"]
        elif isinstance(child, nodes.paragraph) and {"llm-card-chinese", "llm-card-links", "llm-card-checked"} & set(
            child["classes"]
        ):
            # The links sit in the card footer, as in sphinx-design's own cards.
            if footer is None:
                footer = _div(["sd-card-footer"])
                styled += footer
            child["classes"].append("sd-card-text")
            footer += child
            continue
        elif isinstance(child, nodes.Element):
            child["classes"].append("sd-card-text")
        body += child
    return styled

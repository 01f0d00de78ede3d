"""HTML-only polish: give the neutral card containers sphinx-design's grid and card look."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .filtering import facet_div

_ROW = ["sd-row", "sd-row-cols-1", "sd-row-cols-xs-1", "sd-row-cols-sm-1"]
_GUTTER = ["sd-g-3", "sd-g-xs-3", "sd-g-sm-3", "sd-g-md-3", "sd-g-lg-3"]
_WIDE = {2: ["sd-row-cols-md-2", "sd-row-cols-lg-2"], 3: ["sd-row-cols-md-2", "sd-row-cols-lg-3"]}


class CardsToDesignGrid(SphinxPostTransform):
    """Wrap ``llm-cards`` in sphinx-design's container/row/col/card structure.

    Runs for the web builders only: the EPUB and LaTeX outputs keep the neutral nodes,
    which read as plain text entries with their links printed.
    """

    default_priority = 200
    builders = ("html", "dirhtml", "singlehtml")

    def run(self, **kwargs: Any) -> None:
        for grid in list(self.document.findall(_is_cards)):
            grid.replace_self(_design_grid(grid))


def _div(classes: list[str], ids: list[str] | None = None) -> nodes.container:
    # is_div makes sphinx-design's visitor write a bare <div> without docutils' "container" class.
    return nodes.container(classes=classes, ids=list(ids or []), is_div=True)


def _is_cards(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "llm-cards" in node["classes"]


def _design_grid(grid: nodes.container) -> nodes.container:
    # The doctree here is this page's own copy for writing, so nodes are moved, not copied.
    outer = _div(["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "llm-cards"], ids=grid["ids"])
    row = _div([*_ROW, *_WIDE.get(grid.get("llm-columns", 2), []), *_GUTTER])
    outer += row
    pending: list[nodes.Node] = []  # index entries and anchors that precede their card
    for child in _unwrap_slots(grid.children):
        if not _is_card(child):
            pending.append(child)
            continue
        column = _column(child)
        column.extend(pending)
        pending = []
        column += _design_card(child)
        row += column
    row.extend(pending)
    return outer


def _column(card: nodes.container) -> nodes.Element:
    """The grid column of a card; on a page with a filter it carries the card's facets."""
    classes = ["sd-col", "sd-d-flex-row"]
    if card.get("llm-filterable"):
        return facet_div(classes=classes, record=card["llm-record"], facets=card["llm-facets"])
    return _div(classes)


def _is_card(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "llm-card" in node["classes"]


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

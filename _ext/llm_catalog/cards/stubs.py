"""Cards are built when a page is written, not when it is read.

A directive puts a :class:`card_stub` where each card goes: the record's id and the page that
shows it, a handful of bytes. The card's twenty-odd nodes are made from the data only when the
page is written, so the stored doctree stays small and the many transforms that walk every
node of a page (Sphinx's, docutils', every extension's) never see them. On a category page of
thousands of courses that is most of the build (see ``make benchmark``).

When the stubs become cards depends on the builder (see :mod:`..site.builders`):

- print builds the cards first of all post-transforms (:func:`expand_stubs`), so
  cross-references, printed URLs (LaTeX footnotes, EPUB), the link checker and the print-only
  stages see them as ordinary nodes;
- the web builds them last, when the page's doctree is resolved, which gives each its progress
  box, its facets and sphinx-design's look in the same pass and resolves its few
  cross-references itself (:func:`resolve_references`).

What a page's cards link to is known when the page is read (``names.REFS`` on the stub, from
:func:`.render.card_targets`), so the domain still re-writes a page whose cards link to a
record that moved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from ..data.records import Book, Course, Resource
from ..site import builders
from ..site.compat import design_grid
from ..site.domain import catalog_domain, warn_missing_reference
from ..site.names import CARDS, FILTERABLE, REFS
from ..site.nodes import card_stub
from . import facts, render, tables

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..data.records import Catalog


class rows_stub(nodes.General, nodes.Element):
    """Where the rows of the Chinese table go: ``refdoc`` (the page) and ``names.REFS`` (the
    records the rows link to). The table around it is built when the page is read."""


def chinese_rows_stub(catalog: Catalog, docname: str) -> rows_stub:
    return rows_stub(refdoc=docname, **{REFS: [record.id for record in tables.chinese_records(catalog)]})


def stub(catalog: Catalog, record: Course | Book | Resource, docname: str, *, copy: bool = False) -> card_stub:
    targets = render.card_targets(catalog, record, copy=copy)
    return card_stub(record=record.id, refdoc=docname, copy=copy, **{REFS: targets})


def build(catalog: Catalog, node: card_stub) -> nodes.container:
    """The card *node* stands for, as :mod:`.render` makes it."""
    record = catalog.get(node["record"])
    docname, copy = node["refdoc"], node["copy"]
    if isinstance(record, Course):
        card = render.course_card(catalog, record, docname, copy=copy)
    elif isinstance(record, Book):
        card = render.book_card(catalog, record, docname if copy else None)
    elif isinstance(record, Resource):
        card = render.resource_card(catalog, record, docname if copy else None)
    else:  # pragma: no cover - directives make stubs of these three kinds only
        raise TypeError(f"no card for {node['record']!r}")
    # The anchor that docutils moved from the target before the stub onto the stub.
    card["ids"] = list(node["ids"])
    if node.get(FILTERABLE):
        card[FILTERABLE] = True
    return card


def resolve_references(app: Sphinx, builder: Builder, card: nodes.Element, fromdocname: str) -> None:
    """Resolve the cross-references of a card (or row) built after Sphinx's resolver has run.

    They all point to catalog records, so the domain answers directly; one it cannot resolve
    gets the same warning as anywhere else and is left as its text, as Sphinx does.
    """
    domain = catalog_domain(builder.env)
    for ref in list(card.findall(addnodes.pending_xref)):
        contnode = ref[0].deepcopy()
        found = domain.resolve_xref(builder.env, fromdocname, builder, ref["reftype"], ref["reftarget"], ref, contnode)
        if found is None:
            warn_missing_reference(app, domain, ref)
            found = contnode
        ref.replace_self(found)


def is_stub(node: nodes.Node) -> bool:
    return isinstance(node, (card_stub, rows_stub))


def expand(catalog: Catalog, node: card_stub | rows_stub) -> list[nodes.Element]:
    if isinstance(node, rows_stub):
        return list(tables.chinese_rows(catalog, node["refdoc"]))
    return [build(catalog, node)]


def is_grid(node: nodes.Node) -> bool:
    """A run of cards (render.cards_grid)."""
    return isinstance(node, nodes.container) and CARDS in node["classes"]


def expand_stubs(app: Sphinx, doctree: nodes.document, docname: str, *, resolve: bool = False) -> None:
    """Every stub of *doctree* as its cards or rows; with *resolve*, their references resolved
    too (after Sphinx's own resolver has run)."""
    catalog = catalog_domain(app.env).catalog
    for node in list(doctree.findall(is_stub)):
        built = expand(catalog, node)
        if resolve:
            for element in built:
                resolve_references(app, app.builder, element, docname)
        node.replace_self(built)


def build_last(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The web's cards, built last: each grid's cards in sphinx-design's look, each announced as
    built (its progress boxes) and folded (its 查证说明), in the column a wing gives it (the
    filter's carries its facets); then whatever else waits as a stub (the Chinese table's rows).

    Their few cross-references are resolved here (:func:`resolve_references`).
    """
    catalog = catalog_domain(app.env).catalog

    def card(node: card_stub) -> nodes.Element:
        built = build(catalog, node)
        resolve_references(app, app.builder, built, docname)
        app.emit(builders.CARD_BUILT, built)
        facts.fold_notes(built)
        return built

    def column(card: nodes.Element, classes: list[str]) -> nodes.Element:
        found = app.emit_firstresult(builders.CARD_COLUMN, card, classes)
        return found if found is not None else nodes.container(classes=classes, is_div=True)

    for grid in list(doctree.findall(is_grid)):
        grid.replace_self(design_grid(grid, _is_card_stub, card, column))
    expand_stubs(app, doctree, docname, resolve=True)


def _is_card_stub(node: nodes.Node) -> bool:
    return isinstance(node, card_stub)


def build_for_print(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    expand_stubs(app, doctree, docname)


def setup(app: Sphinx) -> None:
    # No visitors: every builder replaces the stubs before a page is written (see builders.py).
    app.add_node(card_stub)
    app.add_node(rows_stub)
    app.connect(builders.WEB_LAST, build_last, priority=100)
    app.connect(builders.PRINT_PAGE, build_for_print, priority=200)

"""What only paper needs, in the PDF: page numbers for references, and tables' notes on their pages.

- Paper cannot follow a link, so in LaTeX every cross-reference of the ``llm`` domain is followed
  by the number of the page its target is printed on, "（见第 12 页）" (:func:`with_page`, called
  by the domain, ``builders.REFERENCE``). A card's label is moved into its title line (:func:`label_card_titles`):
  written before the card, as its target is, a page break could fall between the label and the
  title, and the number would name the page before.
- The Chinese table runs over pages, and each page carries the footnotes (link addresses) of its
  own rows (:func:`keep_table_notes_on_their_pages`, with llm-catalog.sty).

The web and the EPUB are unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..data import labels
from ..site.builders import is_latex
from ..site.compat import latex_label
from ..site.names import CARD, CHINESE_TABLE

#: In LaTeX, around a long table: each footnote on the page of its row (llm-catalog.sty).
NOTES_ON_PAGE = "llm-notes-on-page"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.latex import LaTeXTranslator


class page_reference(nodes.Inline, nodes.Element):
    """The words "（见第 N 页）" for ``label`` (``docname:anchor``, as the LaTeX writer names its labels)."""


def with_page(
    app: Sphinx, builder: Builder, reference: nodes.Element, docname: str, anchor: str
) -> nodes.Element | None:
    """*reference* (to *anchor* on *docname*), followed in LaTeX by the page of its target."""
    if not is_latex(builder):
        return None
    return nodes.inline("", "", reference, page_reference(label=f"{docname}:{anchor}"))


def visit_page_reference(self: LaTeXTranslator, node: page_reference) -> None:
    before, after = labels.PAGE_REFERENCE.split("{page}")
    label = latex_label(self, node["label"])
    self.body.append(rf"{self.encode(before)}\pageref{{{label}}}{self.encode(after)}")
    raise nodes.SkipNode


def _is_card(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and CARD in node["classes"] and bool(node["ids"])


def label_card_titles(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In LaTeX, each card's label moves from the target before the card into its title line."""
    if not is_latex(app.builder):
        return
    for card in list(doctree.findall(_is_card)):
        title = next(iter(card.findall(nodes.paragraph)), None)
        if title is None:  # pragma: no cover - every card starts with its title
            continue
        parent = card.parent
        for sibling in list(parent.children[: parent.index(card)]):
            if isinstance(sibling, nodes.target) and sibling.get("refid") in card["ids"]:
                parent.remove(sibling)
        for anchor in card["ids"]:
            title.insert(0, nodes.target("", "", refid=anchor))


def _is_chinese_table(node: nodes.Node) -> bool:
    return isinstance(node, nodes.table) and CHINESE_TABLE in node["classes"]


def keep_table_notes_on_their_pages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In LaTeX, the Chinese table is a longtable, which runs over pages (a tabulary is one box:
    taller than a page, it ran into the footer), in a container whose environment
    (llm-catalog.sty) sets each row's footnotes on the row's page, where Sphinx would hold them
    all to the table's end."""
    if not is_latex(app.builder):
        return
    for table in list(doctree.findall(_is_chinese_table)):
        table["classes"].append("longtable")
        table.replace_self(nodes.container("", table.deepcopy(), classes=[NOTES_ON_PAGE]))


def add_nodes(app: Sphinx) -> None:
    app.add_node(page_reference, latex=(visit_page_reference, None))

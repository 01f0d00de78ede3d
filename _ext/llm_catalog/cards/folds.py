"""What the web folds and print trims on the cards wing's pages.

The web folds a syllabus chapter's related materials after the best three under "更多", and a
course's earlier offerings under 往期（N 期）; print keeps at most RELATED_PRINTED related
materials per chapter, then says that the web has the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..data import labels
from ..site.elements import fold
from ..site.names import has_class
from . import syllabus
from .names import COUNT, OFFERING_NEWEST, OFFERINGS, OFFERINGS_TITLE, RELATED_MORE, RELATED_MORE_REST

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def fold_related(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The web: the related materials after the best three fold under "更多"."""
    for more in list(doctree.findall(_is_more)):
        summary = labels.PATHS["related_more"].format(count=more[COUNT])
        folded = fold("", *more.children, classes=[RELATED_MORE], summary=summary)
        more.replace_self(folded)


def fold_offerings(app: Sphinx, doctree: nodes.Element, docname: str) -> None:
    """The web: a course's newest offering is on the card itself, the earlier ones fold under
    往期（N 期）.

    A native ``<details>``: closed when the page loads (nothing moves), opened by keyboard and
    announced by screen readers without a script.
    """
    for offerings in list(doctree.findall(has_class(OFFERINGS))):
        for part in list(offerings.findall(has_class(OFFERINGS_TITLE))) + list(
            offerings.findall(has_class(OFFERING_NEWEST))
        ):
            part.parent.remove(part)
        if not offerings[COUNT]:
            offerings.parent.remove(offerings)
            continue
        summary = labels.PAST_OFFERINGS.format(count=offerings[COUNT])
        offerings.replace_self(fold("", *offerings.children, classes=[OFFERINGS], summary=summary))


def trim_for_print(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Print and e-books: at most RELATED_PRINTED related materials per chapter, then a note that
    the web version has the rest."""
    room = syllabus.RELATED_PRINTED - syllabus.RELATED_FIRST
    for more in list(doctree.findall(_is_more)):
        for rest in list(more.findall(_is_rest)):
            rest.parent.remove(rest)
        items = list(more.findall(nodes.list_item))
        for item in items[room:]:
            item.parent.remove(item)
        # Counted from all the related materials, not only those the doctree lists.
        left = more[COUNT] - room
        if left > 0:
            note = labels.PATHS["related_more_print"].format(count=left)
            more += nodes.paragraph(note, note, classes=["llm-related-more-note"])


def _is_rest(node: nodes.Node) -> bool:
    return isinstance(node, nodes.paragraph) and RELATED_MORE_REST in node["classes"]


def _is_more(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and RELATED_MORE in node["classes"]

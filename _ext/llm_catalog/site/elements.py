"""HTML elements docutils has no node for (forms, buttons, selects), as real doctree nodes.

The translator writes them, so every attribute and every text is escaped by it; they exist
only in the web's doctrees (see :mod:`.builders`), never in print.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: Elements without content or end tag.
VOID = frozenset({"input"})


class element(nodes.General, nodes.Element):
    """One HTML element: ``tag`` and ``attributes``; its children are its content."""


def html(
    tag: str,
    text: str = "",
    *children: nodes.Node,
    classes: list[str] | None = None,
    ids: list[str] | None = None,
    **attributes: str,
) -> element:
    """An element *tag* holding *text* and *children*; attribute names with dashes are passed
    as ``**{"aria-live": ...}``."""
    node = element("", tag=tag, attributes=attributes, classes=list(classes or []), ids=list(ids or []))
    if text:
        node += nodes.Text(text)
    node.extend(children)
    return node


def visit_element(self: HTML5Translator, node: element) -> None:
    if node["tag"] in VOID:
        self.body.append(self.emptytag(node, node["tag"], "", **node["attributes"]))
        raise nodes.SkipNode
    self.body.append(self.starttag(node, node["tag"], "", **node["attributes"]))


def depart_element(self: HTML5Translator, node: element) -> None:
    self.body.append(f"</{node['tag']}>")


class fold(nodes.General, nodes.Element):
    """What a reader unfolds: ``<details>`` with ``summary`` as its one visible line."""


def visit_fold(self: HTML5Translator, node: fold) -> None:
    self.body.append(self.starttag(node, "details", ""))
    self.body.append(f"<summary>{self.encode(node['summary'])}</summary>")


def depart_fold(self: HTML5Translator, node: fold) -> None:
    self.body.append("</details>")


def setup(app: Sphinx) -> None:
    app.add_node(element, html=(visit_element, depart_element))
    app.add_node(fold, html=(visit_fold, depart_fold))

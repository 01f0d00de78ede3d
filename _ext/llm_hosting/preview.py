"""Link previews describe a page by its first paragraph, written as Chinese is written.

sphinxext-opengraph builds ``og:description`` by walking the whole page: past the first
paragraph into the cards, with English ``:`` and ``.`` after titles and lists, and a space
between every inline piece (``参见 斯坦福 的课程``). This module hands it the first prose
paragraph instead, through the page-metadata override the extension reads (``og:description``),
and writes the same text as ``<meta name="description">`` for search engines.
"""

from __future__ import annotations

import html
import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

#: Containers whose paragraphs are not the page's own introduction.
_NOT_PROSE = (nodes.Admonition, nodes.Invisible, nodes.table, nodes.topic, nodes.sidebar, nodes.footnote)
#: A line break inside a paragraph: removed between two CJK characters, a space elsewhere.
_CJK = r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]"  # CJK characters and their punctuation
_CJK_BREAK = re.compile(rf"(?<={_CJK})\s*\n\s*(?={_CJK})")


def first_paragraph(doctree: nodes.document) -> str:
    """The text of the first paragraph of prose on the page, or '' if it has none."""
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph, addnodes.compact_paragraph):
            continue  # a toctree entry
        if not isinstance(paragraph.parent, (nodes.section, nodes.document)):
            continue  # inside a list, a card or a table
        if any(isinstance(ancestor, _NOT_PROSE) for ancestor in _ancestors(paragraph)):
            continue
        text = " ".join(_CJK_BREAK.sub("", paragraph.astext()).split())
        if text:
            return text
    return ""


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _describe_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    if doctree is None or app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    description = shorten(first_paragraph(doctree), app.config.ogp_description_length)
    if not description:
        return  # sphinxext-opengraph falls back to its own summary
    escaped = html.escape(description)
    # A copy: the page's metadata in the environment stays as the author wrote it.
    context["meta"] = {**(context.get("meta") or {}), "og:description": escaped}
    context["metatags"] = context.get("metatags", "") + f'<meta name="description" content="{escaped}" />\n'


def setup(app: Sphinx) -> None:
    # Before sphinxext-opengraph (priority 500), which reads both values.
    app.connect("html-page-context", _describe_page, priority=450)

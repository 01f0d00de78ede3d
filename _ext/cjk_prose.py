"""Chinese prose without stray spaces: a line break inside a Chinese sentence is no space.

Pages wrap long Chinese paragraphs over several source lines. Markdown turns each line break
into a space, which is right between English words and wrong between Chinese characters:
readers saw "学习路线， 每一步" in HTML and EPUB. This transform drops a line break whose
neighbours are both Chinese (ideographs or full-width punctuation) in every text node, before
any builder sees the doctree; a break next to a Latin word stays a space.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

#: Ideographs, CJK and full-width punctuation (、。，：；？！“”（） ...).
_CJK = re.compile(r"[\u2018-\u201d\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def _position(node: nodes.Node) -> int:
    # By identity: Text nodes are strings, so list.index (and Element.replace) would find the
    # first equal sibling, e.g. another "\n".
    return next(i for i, child in enumerate(node.parent.children) if child is node)


def _neighbour(node: nodes.Node, step: int) -> str:
    """The character just before (*step* -1) or after (+1) *node* among its siblings' text."""
    parent = node.parent
    index = _position(node) + step
    text = parent[index].astext() if 0 <= index < len(parent) else ""
    return text[-1:] if step < 0 else text[:1]


class JoinChineseLines(SphinxTransform):
    default_priority = 100  # early: before anything copies text (search index, summaries)

    def apply(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if "\n" not in text or isinstance(text.parent, nodes.FixedTextElement):
                continue  # code and literal blocks keep their lines
            value = str(text)

            def join(match: re.Match[str], value: str = value, text: nodes.Text = text) -> str:
                before = value[match.start() - 1] if match.start() else _neighbour(text, -1)
                after = value[match.end()] if match.end() < len(value) else _neighbour(text, 1)
                chinese = _CJK.match(before or " ") and _CJK.match(after or " ")
                return "" if chinese else match.group()

            joined = _BREAK.sub(join, value)
            if joined != value:
                text.parent[_position(text)] = nodes.Text(joined)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(JoinChineseLines)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

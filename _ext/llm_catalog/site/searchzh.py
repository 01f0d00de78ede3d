"""Chinese search: Sphinx's own index, with each distinct text segmented once.

Sphinx asks the search language to split the text of every node of a page, and jieba's
segmentation is the costliest part of indexing. Cards repeat the same words thousands of times
on a large site (the labels 主题：and 链接：, 网站, a facet line such as 免费 · 中文翻译 · 约 1
小时), and a text always splits into the same words, so each distinct text is segmented once.
Everything else (the dictionary option, the stemmer, the words kept) is Sphinx's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.search.zh import SearchChinese

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class SegmentOnce(SearchChinese):
    """``html_search_language = "zh"`` as Sphinx does it, remembering each text's words."""

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self._words: dict[str, tuple[str, ...]] = {}

    def split(self, input: str) -> list[str]:
        words = self._words.get(input)
        if words is None:
            # SearchChinese.split also notes the text's Latin words (latin_terms, a set):
            # once per text is enough.
            words = self._words[input] = tuple(super().split(input))
        return list(words)


def setup(app: Sphinx) -> None:
    app.add_search_language(SegmentOnce)

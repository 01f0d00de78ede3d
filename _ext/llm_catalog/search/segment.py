"""Chinese search: Sphinx's own index, with each distinct text segmented once.

Sphinx asks the search language to split the text of every node of a page, and jieba's
segmentation is the costliest part of indexing. Cards repeat the same words thousands of times
on a large site (the labels 主题：and 链接：, 网站, a facet line such as 免费 · 中文翻译 · 约 1
小时), and a text always splits into the same words, so each distinct text is segmented once.
Sphinx also loads jieba's own dictionary a second time on every build, which costs seconds and
changes only one number (:func:`..site.compat.init_chinese_search` does just that). Everything
else (a dictionary of the project's own, the stemmer, the words kept) is Sphinx's; each word's stem
is remembered, as each text's words are.

One word is added: a text that says "built from scratch" in any of the ways a learner says it (从零,
从 0, 从头, from scratch: ``labels.FROM_SCRATCH``) also holds the first of them, which is what the
search page's script makes of each of them in a query; so every way finds the same pages.
"""

from __future__ import annotations

from sphinx.search.zh import SearchChinese

from ..data import labels
from ..site.compat import init_chinese_search
from ..site.words import says_from_scratch


class SegmentOnce(SearchChinese):
    """``html_search_language = "zh"`` as Sphinx does it, remembering each text's words and each
    word's stem."""

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self._words: dict[str, tuple[str, ...]] = {}
        self._stems: dict[tuple[str, bool], str] = {}

    def init(self, options: dict[str, str]) -> None:
        # Sphinx reloads jieba's own dictionary on every build (seconds); the same effect, at once.
        if not init_chinese_search(self, options):
            super().init(options)

    def split(self, input: str) -> list[str]:
        words = self._words.get(input)
        if words is None:
            # SearchChinese.split also notes the text's Latin words (latin_terms, a set):
            # once per text is enough.
            words = tuple(super().split(input))
            if says_from_scratch(input):
                words += (labels.FROM_SCRATCH[0],)
            self._words[input] = words
        return list(words)

    def stem(self, word: str) -> str:
        # SearchChinese.stem depends on the word and on whether it is one of latin_terms.
        key = (word, word in self.latin_terms)
        stem = self._stems.get(key)
        if stem is None:
            stem = self._stems[key] = super().stem(word)
        return stem

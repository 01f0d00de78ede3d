"""The ``llm-recent`` directive: 最近收录."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..site.directive import CatalogDirective
from . import recent

if TYPE_CHECKING:
    from docutils.nodes import Node


class RecentDirective(CatalogDirective):
    """最近收录: records by their ``added`` date, newest first, each linking to its card."""

    def keys(self) -> list[str]:
        return ["recent"]

    def build(self) -> list[Node]:
        self.domain.note_recent_page(self.env.docname)
        return recent.recent(self.catalog, self.env.docname)

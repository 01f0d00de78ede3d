"""The ``llm-filter`` directive: the form, and with ``:all:`` a compact row for every record."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ..data import labels
from ..site.directive import CatalogDirective
from ..site.fingerprints import record_key
from ..site.names import GROUP_TITLE, NO_SEARCH
from . import filtering
from .names import FILTER_LISTING

if TYPE_CHECKING:
    from docutils.nodes import Node


class FilterDirective(CatalogDirective):
    """The browser filter for the cards on this page (HTML only; print drops it).

    ``:all:`` also lists every course, book and resource below the form, one compact row each
    (its title linking to its card, one line of facts; :func:`.filtering.expand_rows`), grouped
    by course category, then books, then resources. Print omits that listing too. Rows, not
    copies of the cards: the page stays light at thousands of records, and without JavaScript
    it still lists every record, one link away from its card.
    """

    option_spec: ClassVar[dict] = {"all": directives.flag}

    def keys(self) -> list[str]:
        if "all" not in self.options:
            return []
        catalog = self.catalog
        listed = (*catalog.courses, *catalog.books, *catalog.resources)
        return [*(f"courses:{c.id}" for c in catalog.categories), "books:*", "resources:*", *map(record_key, listed)]

    def build(self) -> list[Node]:
        out: list[Node] = [filtering.filter_panel()]
        if "all" not in self.options:
            return out
        here = self.env.docname
        catalog = self.catalog
        # The rows repeat what the cards say: Sphinx's "no-search" keeps them out of the index.
        listing = nodes.container(classes=[FILTER_LISTING, NO_SEARCH])
        groups = [(category.title, list(catalog.courses_in(category.id))) for category in catalog.categories]
        groups.append((labels.OBJECT_TYPES["book"], list(catalog.books)))
        groups.append((labels.OBJECT_TYPES["resource"], list(catalog.resources)))
        for title, records in groups:
            if not records:
                continue
            listing += nodes.rubric(title, title, classes=[GROUP_TITLE])
            listing += filtering.rows_stub(records, here)
        out.append(listing)
        return out

"""The directives' shared plumbing: the catalog, the page's dependency on the parts it shows,
registering what is shown, warnings, picking records by id. Each wing's directives build on it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..data.problems import suggest
from ..data.records import Book, Catalog, Category, Course, Record, Resource, Syllabus
from .domain import WARNING_TYPE, CatalogDomain, catalog_domain, note_data_dependency
from .names import anchor
from .nodes import index_entries, target

if TYPE_CHECKING:
    from docutils.nodes import Node

logger = logging.getLogger(__name__)

R = TypeVar("R", Course, Syllabus, Book, Resource)


def columns(argument: str | None) -> int:
    value = directives.positive_int(argument)
    if value > 3:
        raise ValueError("at most 3 columns")
    return value


class CatalogDirective(SphinxDirective):
    """Shared plumbing: the catalog, the dependency on its file, registering what is shown."""

    option_spec: ClassVar[dict] = {"no-index": directives.flag}
    #: Card columns in HTML when the directive has no ``:columns:`` option.
    default_columns: ClassVar[int] = 2

    @property
    def domain(self) -> CatalogDomain:
        return catalog_domain(self.env)

    @property
    def catalog(self) -> Catalog:
        return self.domain.catalog

    def run(self) -> list[Node]:
        note_data_dependency(self.env, *self.keys())
        return self.build()

    def keys(self) -> list[str]:
        """Fingerprint keys of what :meth:`build` shows (see .fingerprints): the page is re-read
        when one of them changes. Declared beside the code that shows it, in each directive."""
        return []

    def ids(self) -> list[str]:
        """The record ids given as the directive's argument."""
        return self.arguments[0].split() if self.arguments else []

    def build(self) -> list[Node]:  # pragma: no cover - abstract
        raise NotImplementedError

    def show(self, record: Record | Category, *index_keys: str) -> list[Node]:
        """Index entries and anchor for a record; nothing under ``:no-index:`` (shown elsewhere)."""
        anchor_id = anchor(record.id)
        if "no-index" in self.options:
            return []
        if not self.domain.note_object(record.id, record.record_type, record.title, anchor_id, self.get_location()):
            return []
        return [
            index_entries(record.title, record.record_type, anchor_id, *index_keys),
            target(anchor_id),
        ]

    @property
    def home(self) -> str | None:
        """Under ``:no-index:`` the cards are copies: their titles link to the records' own cards."""
        return self.env.docname if "no-index" in self.options else None

    def warn(self, message: str, subtype: str) -> None:
        logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=self.get_location())

    def pick(self, ids: list[str], record_class: type[R]) -> list[R]:
        """Records named in the directive's argument, warning about unknown ids and records of another type."""
        wanted = record_class.record_type
        found = []
        for record_id in ids:
            record = self.catalog.get(record_id)
            if isinstance(record, record_class):
                found.append(record)
                continue
            if record is None:
                known = [r.id for r in self.catalog.records() if isinstance(r, record_class)]
                self.warn(f"unknown {wanted} id {record_id!r}{suggest(record_id, known)}", "unknown_id")
            else:
                self.warn(f"{record_id!r} is a {record.record_type}, not a {wanted}", "wrong_kind")
        return found

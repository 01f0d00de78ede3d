"""Directives that place catalog records on a page."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..data import labels
from ..data.problems import suggest
from ..data.records import Book, Catalog, Category, Course, Record, Resource, Syllabus
from . import cards, filtering, render, studyplan
from .domain import WARNING_TYPE, CatalogDomain, catalog_domain, note_data_dependency
from .fingerprints import plain, record_key, shows
from .names import FILTER_LISTING, GROUP_TITLE, PROGRESS_ITEMS, PROGRESS_PANEL

if TYPE_CHECKING:
    from docutils.nodes import Node

logger = logging.getLogger(__name__)

R = TypeVar("R", Course, Syllabus, Book, Resource)


def _columns(argument: str | None) -> int:
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
        anchor_id = render.anchor(record.id)
        if "no-index" in self.options:
            return []
        if not self.domain.note_object(record.id, record.record_type, record.title, anchor_id, self.get_location()):
            return []
        return [
            render.index_entries(record.title, record.record_type, anchor_id, *index_keys),
            render.target(anchor_id),
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

    def grid(self, slots: list[tuple[list[Node], nodes.Element]]) -> nodes.container:
        grid = render.cards_grid(self.options.get("columns", self.default_columns))
        grid.extend(render.card_slot(prefix, card) for prefix, card in slots)
        return grid


@shows("courses")
def _courses(catalog: Catalog, category_id: str) -> object:
    category = catalog.category(category_id)
    if category is None:
        return None
    return (plain(category), tuple(c.id for c in catalog.courses_in(category_id)))


class CoursesDirective(CatalogDirective):
    """Course cards of one category (``:category:``) or of the ids given as arguments."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        **CatalogDirective.option_spec,
        "category": directives.unchanged_required,
        "columns": _columns,
    }

    def keys(self) -> list[str]:
        category_id = self.options.get("category")
        if not category_id:
            return [record_key(course_id) for course_id in self.ids()]
        return [f"courses:{category_id}", *map(record_key, self.catalog.courses_in(category_id))]

    def build(self) -> list[Node]:
        category_id = self.options.get("category")
        if bool(category_id) == bool(self.arguments):
            raise self.error("give either course ids as arguments or the :category: option, not both or neither")
        out: list[Node] = []
        if category_id:
            category = self.catalog.category(category_id)
            if category is None:
                known = [c.id for c in self.catalog.categories]
                self.warn(f"unknown category {category_id!r}{suggest(category_id, known)}", "unknown_category")
                return []
            courses = list(self.catalog.courses_in(category_id))
            out += self.show(category)
        else:
            courses = self.pick(self.ids(), Course)
        slots = []
        for course in courses:
            keys = [k for k in (course.institution, course.code) if k]
            slots.append(
                (
                    self.show(course, *keys),
                    cards.stub(self.catalog, course, self.env.docname, copy=self.home is not None),
                )
            )
        grid = self.grid(slots)
        if category_id:
            # A category page counts its progress (HTML only): 已完成 3/9 · 约 40/120 小时.
            grid[PROGRESS_ITEMS] = [[c.id, self.catalog.hours(c.id)] for c in courses]
        out.append(grid)
        return out


@shows("books")
def _books(catalog: Catalog, group_id: str) -> object:
    groups = catalog.book_groups if group_id == "*" else [g for g in catalog.book_groups if g.id == group_id]
    if not groups:
        return None
    return tuple((plain(g), tuple(b.id for b in catalog.books if b.group == g.id)) for g in groups)


class BooksDirective(CatalogDirective):
    """Book cards, grouped under their group titles; ``:group:`` shows one group only."""

    default_columns = 1
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        **CatalogDirective.option_spec,
        "group": directives.unchanged_required,
        "columns": _columns,
    }

    def keys(self) -> list[str]:
        if self.arguments:
            return [record_key(book_id) for book_id in self.ids()]
        group = self.options.get("group")
        shown = list(self.catalog.books_in(group)) if group else list(self.catalog.books)
        return [f"books:{group or '*'}", *map(record_key, shown)]

    def build(self) -> list[Node]:
        if self.arguments:
            books = self.pick(self.ids(), Book)
            return [self.grid([self._card(book) for book in books])]
        groups = list(self.catalog.book_groups)
        if "group" in self.options:
            group = self.catalog.book_group(self.options["group"])
            if group is None:
                known = [g.id for g in groups]
                self.warn(
                    f"unknown book group {self.options['group']!r}{suggest(self.options['group'], known)}",
                    "unknown_group",
                )
                return []
            groups = [group]
        out: list[Node] = []
        for group in groups:
            books = self.catalog.books_in(group.id)
            if not books:
                continue
            if "group" not in self.options:
                out.append(nodes.rubric(group.title, group.title, classes=[GROUP_TITLE]))
            out.append(self.grid([self._card(book) for book in books]))
        return out

    def _card(self, book: Book) -> tuple[list[Node], nodes.Element]:
        card = cards.stub(self.catalog, book, self.env.docname, copy=self.home is not None)
        return self.show(book, *book.authors), card


@shows("resources")
def _resources(catalog: Catalog, kind: str) -> object:
    return tuple(r.id for r in catalog.resources if kind in ("*", r.resource_kind))


class ResourcesDirective(CatalogDirective):
    """Resource cards, all or of one ``:kind:`` (list, research, video, wiki)."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        **CatalogDirective.option_spec,
        "kind": lambda arg: directives.choice(arg, list(labels.RESOURCE_KINDS)),
        "columns": _columns,
    }

    def keys(self) -> list[str]:
        if self.arguments:
            return [record_key(resource_id) for resource_id in self.ids()]
        wanted = self.options.get("kind")
        return [f"resources:{wanted or '*'}", *map(record_key, self._of_kind(wanted))]

    def _of_kind(self, wanted: str | None) -> list[Resource]:
        return list(self.catalog.resources_of(wanted))

    def build(self) -> list[Node]:
        wanted = self.options.get("kind")
        resources = self.pick(self.ids(), Resource) if self.arguments else self._of_kind(wanted)
        here, copy = self.env.docname, self.home is not None
        return [self.grid([(self.show(r), cards.stub(self.catalog, r, here, copy=copy)) for r in resources])]


class SyllabusDirective(CatalogDirective):
    """A syllabus: numbered chapters with their topics and related materials, then further topics."""

    required_arguments = 1

    def keys(self) -> list[str]:
        return [f"syllabus:{self.arguments[0]}", record_key(self.arguments[0])]

    def build(self) -> list[Node]:
        found = self.pick([self.arguments[0]], Syllabus)
        if not found:
            return []
        syl = found[0]
        body = nodes.container(classes=["llm-syllabus"])
        body.extend(render.syllabus(self.catalog, syl, self.env.docname))
        return [*self.show(syl, syl.author), body]


class CategoriesDirective(CatalogDirective):
    """A table of the kinds of course material: what each is, who made the slides, how to use it."""

    def keys(self) -> list[str]:
        return ["categories"]

    def build(self) -> list[Node]:
        return render.categories_table(self.catalog, self.env.docname)


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
        listing = nodes.container(classes=[FILTER_LISTING, "no-search"])
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


class ChineseTableDirective(CatalogDirective):
    """A table of the materials that can be studied in Chinese, with the Chinese aid for each."""

    option_spec: ClassVar[dict] = {}

    def keys(self) -> list[str]:
        return ["chinese"]

    def build(self) -> list[Node]:
        return render.chinese_table(self.catalog, [cards.chinese_rows_stub(self.catalog, self.env.docname)])


class RecentDirective(CatalogDirective):
    """最近收录: records by their ``added`` date, newest first, each linking to its card."""

    def keys(self) -> list[str]:
        return ["recent"]

    def build(self) -> list[Node]:
        self.domain.note_recent_page(self.env.docname)
        return render.recent(self.catalog, self.env.docname)


class PathsDirective(CatalogDirective):
    """Every study path of the data, one section each, after the reader's progress panel."""

    def keys(self) -> list[str]:
        return ["studyplan"]

    def build(self) -> list[Node]:
        if not self.catalog.paths:
            self.warn("the data file has no paths; add them under the top-level 'paths' list", "no_paths")
            return []
        # Empty in the cached doctree: the HTML post-transform fills it (export/import, 下一步).
        panel = nodes.container(classes=[PROGRESS_PANEL])
        out: list[Node] = [panel]
        for path in self.catalog.paths:
            self.domain.note_object(path.id, "path", path.title, studyplan.path_anchor(path.id), self.get_location())
            out.append(studyplan.path_section(self.catalog, path, self.env.docname))
        return out


class PrerequisiteGraphDirective(CatalogDirective):
    """The prerequisite graph drawn from the data, followed by the same relations as lists."""

    def keys(self) -> list[str]:
        return ["studyplan"]

    def build(self) -> list[Node]:
        return studyplan.graph_figure(self.catalog, self.env.docname)

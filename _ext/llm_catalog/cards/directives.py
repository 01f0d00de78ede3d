"""Directives that place cards, a syllabus and the catalog's tables on a page."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ..data import labels
from ..data.problems import suggest
from ..data.records import Book, Catalog, Course, Resource, Syllabus
from ..site.directive import CatalogDirective, columns
from ..site.fingerprints import plain, record_key, shows
from ..site.names import GROUP_TITLE, PROGRESS_ITEMS
from . import render, stubs, syllabus, tables

if TYPE_CHECKING:
    from docutils.nodes import Node


class CardsDirective(CatalogDirective):
    """A directive that shows cards in a grid, ``:columns:`` wide in HTML."""

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


class CoursesDirective(CardsDirective):
    """Course cards of one category (``:category:``) or of the ids given as arguments."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        **CatalogDirective.option_spec,
        "category": directives.unchanged_required,
        "columns": columns,
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
                    stubs.stub(self.catalog, course, self.env.docname, copy=self.home is not None),
                )
            )
        grid = self.grid(slots)
        if category_id:
            # A category page counts its progress (HTML only): 已完成 3/9 · 约 40/120 小时.
            # What cannot be studied yet has no box, and is not counted.
            counted = [c for c in courses if not self.catalog.unreleased(c.id)]
            grid[PROGRESS_ITEMS] = [[c.id, self.catalog.hours(c.id)] for c in counted]
        out.append(grid)
        return out


@shows("books")
def _books(catalog: Catalog, group_id: str) -> object:
    groups = catalog.book_groups if group_id == "*" else [g for g in catalog.book_groups if g.id == group_id]
    if not groups:
        return None
    return tuple((plain(g), tuple(b.id for b in catalog.books if b.group == g.id)) for g in groups)


class BooksDirective(CardsDirective):
    """Book cards, grouped under their group titles; ``:group:`` shows one group only."""

    default_columns = 1
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        **CatalogDirective.option_spec,
        "group": directives.unchanged_required,
        "columns": columns,
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
        card = stubs.stub(self.catalog, book, self.env.docname, copy=self.home is not None)
        return self.show(book, *book.authors), card


@shows("resources")
def _resources(catalog: Catalog, kind: str) -> object:
    return tuple(r.id for r in catalog.resources if kind in ("*", r.resource_kind))


class ResourcesDirective(CardsDirective):
    """Resource cards, all or of one ``:kind:`` (list, research, video, wiki)."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        **CatalogDirective.option_spec,
        "kind": lambda arg: directives.choice(arg, list(labels.RESOURCE_KINDS)),
        "columns": columns,
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
        return [self.grid([(self.show(r), stubs.stub(self.catalog, r, here, copy=copy)) for r in resources])]


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
        body.extend(syllabus.syllabus(self.catalog, syl, self.env.docname))
        return [*self.show(syl, syl.author), body]


class CategoriesDirective(CatalogDirective):
    """A table of the kinds of course material: what each is, who made the slides, how to use it."""

    def keys(self) -> list[str]:
        return ["categories"]

    def build(self) -> list[Node]:
        return tables.categories_table(self.catalog, self.env.docname)


class ChineseTableDirective(CatalogDirective):
    """A table of the materials that can be studied in Chinese, with the Chinese aid for each."""

    option_spec: ClassVar[dict] = {}

    def keys(self) -> list[str]:
        return ["chinese"]

    def build(self) -> list[Node]:
        return tables.chinese_table(self.catalog, [stubs.chinese_rows_stub(self.catalog, self.env.docname)])

"""Tables of the catalog: the kinds of course material, and what can be studied in Chinese."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from ..data import facets, labels
from ..data.records import Book, Catalog, Category, Course, Resource
from ..site.fingerprints import plain, shows
from ..site.names import CHINESE_TABLE, NO_SEARCH
from ..site.nodes import chinese_aids, xref


@shows("categories")
def _categories(catalog: Catalog, _: str) -> object:
    return tuple((plain(c), len(catalog.courses_in(c.id))) for c in catalog.categories)


def categories_table(catalog: Catalog, docname: str) -> list[nodes.Node]:
    """The table, preceded by a column spec that only LaTeX reads (ragged, fixed widths)."""
    # Justified CJK text in narrow LaTeX columns spreads characters apart; ragged-right reads better.
    spec = addnodes.tabular_col_spec(
        spec="".join(rf">{{\raggedright\arraybackslash}}\X{{{w}}}{{100}}" for _, w in labels.CATEGORY_COLUMNS)
    )
    headers = [name for name, _ in labels.CATEGORY_COLUMNS]
    table = nodes.table(classes=["llm-categories", "colwidths-given"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for _, width in labels.CATEGORY_COLUMNS:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for text in headers:
        row += nodes.entry("", nodes.paragraph(text, text))
    head += row
    body = nodes.tbody()
    group += body
    for number, category in enumerate(catalog.categories, start=1):
        body += _category_row(catalog, number, category, docname)
    return [spec, table]


def _category_row(catalog: Catalog, number: int, category: Category, docname: str) -> nodes.row:
    cells: list[list[nodes.Node]] = [
        [nodes.Text(f"{number}. "), xref(category.id, category.title, docname)],
        [nodes.Text(category.summary)],
        [nodes.Text(category.slides or labels.NONE)],
        [nodes.Text(labels.STUDY[category.study])],
        [nodes.Text(str(len(catalog.courses_in(category.id))))],
    ]
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", nodes.paragraph("", "", *cell))
    return row


CHINESE_COLUMNS = (36, 12, 52)


@shows("chinese")
def _chinese(catalog: Catalog, _: str) -> object:
    """The records of the table of what can be studied in Chinese."""
    return tuple(plain(r) for r in (*catalog.courses, *catalog.books, *catalog.resources) if facets.in_chinese(r))


def chinese_table(catalog: Catalog, rows: list[nodes.Node]) -> list[nodes.Node]:
    """The table of every course, book and resource that can be studied in Chinese, with its
    Chinese aids; *rows* fill its body (see :func:`chinese_rows`).

    The print counterpart of the filter's 可用中文学习 box; also shown on the web. Like the
    filter's listing it repeats what the cards say, so Sphinx's "no-search" keeps it out of the
    search index: each record is found on its own page, once.
    """
    spec = addnodes.tabular_col_spec(
        spec="".join(rf">{{\raggedright\arraybackslash}}\X{{{w}}}{{100}}" for w in CHINESE_COLUMNS)
    )
    table = nodes.table(classes=[CHINESE_TABLE, "colwidths-given", NO_SEARCH])
    group = nodes.tgroup(cols=len(CHINESE_COLUMNS))
    table += group
    for width in CHINESE_COLUMNS:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for text in labels.CHINESE_TABLE_COLUMNS:
        row += nodes.entry("", nodes.paragraph(text, text))
    head += row
    group += nodes.tbody("", *rows)
    return [spec, table]


def chinese_records(catalog: Catalog) -> list[Course | Book | Resource]:
    """The records of the Chinese table, in its order."""
    return [record for record in (*catalog.courses, *catalog.books, *catalog.resources) if facets.in_chinese(record)]


def chinese_rows(catalog: Catalog, docname: str) -> list[nodes.row]:
    """A row per record of :func:`chinese_records`: its title (linking to its card), type, aids."""
    out = []
    for record in chinese_records(catalog):
        checked = record.chinese.checked if record.chinese is not None else ""
        ways = chinese_aids(record.aids, [labels.IN_CHINESE] if record.language == "zh" else [], checked)
        cells = [
            [xref(record.id, record.title, docname)],
            [nodes.Text(labels.OBJECT_TYPES[record.record_type])],
            ways,
        ]
        row = nodes.row()
        for cell in cells:
            row += nodes.entry("", nodes.paragraph("", "", *cell))
        out.append(row)
    return out

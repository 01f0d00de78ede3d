"""The browser filter: a hidden form and data- attributes in HTML, nothing in print.

The ``llm-filter`` directive leaves a :class:`filter_panel` placeholder in the doctree. On the
web, :func:`fill_forms` fills it with the facet values of the cards (or rows) on the same page
and marks every card column with its facets (``data-llm-*``), which ``llm-filter.js`` reads.
The form is written with the ``hidden`` attribute, so without JavaScript it stays out of sight
and every card is shown. In print (LaTeX, EPUB, text ...) :func:`drop_for_print` removes the
panel and the filter page's listing: print gets the table of materials studyable in Chinese
instead (see ``cards/tables.py``). The core decides which runs where (site/builders.py).

The filter page (``:all:``) lists every record as one compact row (:func:`expand_rows`): the
title linking to the record's card and one line of facts, about 300 bytes where a copy of the
card was about 3,000, so ``find.html`` stays light at thousands of records (``make
benchmark``: its bytes at +50, +500 and +5,000 records). A row carries its facets as the
numbers of the form's boxes (``data-llm-f="0 4 9"``). Without JavaScript the rows are the
listing of every record, each one link from its card. The Chinese table grows with the
catalog too, so on the web it has its own page (``chinese.md``).

What ``llm-filter.js`` does (kept out of the script itself, which must stay small):

- Within one facet any ticked value matches; across facets every facet with a ticked value
  must match. A card whose facet is unknown carries the value ``unknown`` (“未标注”) and
  matches only that box. A card grid whose cards are all hidden hides with its heading.
- A facet with ticked boxes leaves out the records whose value of it is unknown (ticking 免费
  leaves out those whose cost is 未查 or 未确认). Below the count, one line per such facet says
  how many of them the other facets' boxes let through, in the words of the facet's unknown box
  (“另有 3 项费用未查或未确认”, :func:`labels.facet_unknown`), with 一并列出, which ticks that box
  and gives it the keyboard's focus. The lines are a polite live region, rewritten only when
  what they say changes.
- It lists the first :data:`PAGE_SIZE` matches; 再列出 adds as many again. A change touches
  only the rows that appear or disappear, so it costs the same at 50 records or 5,000
  (``make benchmark`` times it in headless Chromium). Printing (``beforeprint``) lists every
  match; the print stylesheet hides the form and 再列出, so the results are what is printed.
- After a change, when the first result (or the no-match message) is off the screen, the page
  scrolls just far enough to show it, and the count above it. On a phone a facet's boxes wrap
  beside its legend, none off the screen and nothing scrolling sideways; a long facet (more
  than :data:`SHORT_GROUP` boxes: the topics) shows its first :data:`FOLDED_SHOWS` and any
  ticked one, and 更多 (``aria-expanded``) shows the others and moves the focus to the first of
  them; a wide screen shows every box and no 更多. So the form stays short: the box just ticked,
  the count and the first results fit on one screen (tests/test_filter_phone.py). Every box
  with its label is a target of at least 24×24 CSS px (WCAG 2.2, 2.5.8).
- The state lives in the URL query, one key per ticked box (``?level=a&level=b&cost=free``),
  so a filtered view can be bookmarked and shared. A change *replaces* the current history
  entry rather than pushing a new one: Back leaves the page (it does not undo one click at a
  time), and coming back restores the filter from the URL (also from the back/forward cache
  via ``pageshow``; ``popstate`` re-reads the URL). Where ``replaceState`` is refused (some
  ``file://`` setups) the filter still works, only the address does not change.
- Parameters or values it does not know are ignored and named in a visible note, written as
  ``textContent`` only, so a crafted URL can never inject markup. ``highlight`` (Sphinx's
  search highlighting) is not ours but not an error either, and passes silently. A value
  repeated in the URL ticks its box once.
- The count (“符合条件 7 / 35 项”: the matches, listed or not) sits in a ``role="status"`` live
  region, so screen readers announce it after each change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import make_refnode

from ..data import facets, labels
from ..site.domain import catalog_domain
from ..site.elements import html
from ..site.names import FACET_ATTRIBUTE, FACETS, FILTERABLE, NO_SEARCH, RECORD, REFS, has_class
from ..site.nodes import card_stub
from ..site.words import of as words_of
from .names import (
    FACET_CODES,
    FILTER,
    FILTER_CLEAR,
    FILTER_COUNT,
    FILTER_DROPPED,
    FILTER_EMPTY,
    FILTER_HINT,
    FILTER_LISTING,
    FILTER_NOTE,
    FILTER_OPTIONS,
    FILTER_REST,
    FILTER_ROWS,
    FILTER_STATUS,
    FILTER_UNFOLD,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from ..data.records import Record


#: How many matches the script lists at first, and how many more each 再列出 adds.
PAGE_SIZE = 50
#: A facet with more boxes than this is long: on a phone it shows its first FOLDED_SHOWS boxes
#: (and any ticked one) and 更多, which unfolds the rest. A shorter one always shows every box.
SHORT_GROUP = 8
FOLDED_SHOWS = 6


class filter_panel(nodes.General, nodes.Element):
    """Where the filter form goes; filled by :class:`BuildFilterForm` (HTML only)."""


class listing_stub(nodes.General, nodes.Element):
    """Where one group of the filter page's rows goes: ``records`` (ids, in order), ``refdoc``
    (the page) and ``names.REFS``; built into a :class:`facet_list` when the page is written
    (:func:`expand_rows`), so, like the cards, its nodes never pass through the transforms."""


class facet_list(nodes.General, nodes.Element):
    """The ``<ul>`` of one group of compact rows (HTML only)."""


class facet_row(nodes.General, nodes.TextElement):
    """One compact row: an ``<li>`` carrying its record's id and facets (HTML only)."""


class facet_div(nodes.General, nodes.Element):
    """A card column carrying its record's id and facets as ``data-`` attributes (HTML only)."""


def _facet_attributes(node: facet_div) -> dict[str, str]:
    attrs = {f"{FACET_ATTRIBUTE}id": node["record"]}
    attrs.update({f"{FACET_ATTRIBUTE}{key}": " ".join(value) for key, value in node["facets"].items()})
    return attrs


def visit_facet_div(self: HTML5Translator, node: facet_div) -> None:
    # starttag escapes attribute values; the values are schema-checked ids anyway.
    self.body.append(self.starttag(node, "div", CLASS="docutils", **_facet_attributes(node)))


def depart_facet_div(self: HTML5Translator, node: facet_div) -> None:
    self.body.append("</div>\n")


def visit_facet_row(self: HTML5Translator, node: facet_row) -> None:
    """``<li data-llm-id=… data-llm-f=…><a href=…>title</a> <span>facts</span></li>``, written
    by hand: bytes count on a page of thousands of rows (no classes, no title attribute, the
    facets as the numbers of the form's boxes)."""
    attrs = f' {FACET_ATTRIBUTE}id="{self.attval(node["record"])}"'
    if node["codes"]:
        attrs += f' {FACET_ATTRIBUTE}{FACET_CODES}="{" ".join(map(str, node["codes"]))}"'
    title = node[0]
    text = self.encode(title.astext())
    if isinstance(title, nodes.reference):
        text = f'<a href="{self.attval(title["refuri"])}">{text}</a>'
    facts_line = f" <span>{self.encode(node['line'])}</span>" if node["line"] else ""
    self.body.append(f"<li{attrs}>{text}{facts_line}</li>\n")
    raise nodes.SkipNode


def visit_facet_list(self: HTML5Translator, node: facet_list) -> None:
    self.body.append(self.starttag(node, "ul"))


def depart_facet_list(self: HTML5Translator, node: facet_list) -> None:
    self.body.append("</ul>\n")


def visit_filter_panel(self: HTML5Translator, node: filter_panel) -> None:
    """The whole form, as nodes the translator writes (and escapes) when the page is written:
    it is never in the page's doctree, so its words stay out of the search index."""
    _form(node["options"]).walkabout(self)
    self.body.append("\n")
    raise nodes.SkipNode


def _form(options: list[tuple[str, list[tuple[str, str]]]]) -> nodes.Element:
    words = labels.FILTER
    # NO_SEARCH: the search page's snippets skip the form's labels (the index never sees them).
    form = html(
        "form", classes=[FILTER, NO_SEARCH], hidden="hidden", autocomplete="off", **{"aria-label": words["form"]}
    )
    for key, values in options:
        boxes = [
            html("label", "", html("input", type="checkbox", name=key, value=value), nodes.Text(f" {label}"))
            for value, label in values
        ]
        if len(boxes) > SHORT_GROUP:  # a long facet: its other boxes fold on a phone, behind 更多
            rest = html("span", "", *boxes[FOLDED_SHOWS:], classes=[FILTER_REST])
            more = words["unfold"].format(count=len(boxes) - FOLDED_SHOWS)
            unfold = html("button", more, classes=[FILTER_UNFOLD], type="button", **{"aria-expanded": "false"})
            boxes = [*boxes[:FOLDED_SHOWS], rest, unfold]
        choices = html("div", "", *boxes, classes=[FILTER_OPTIONS])
        form += html("fieldset", "", html("legend", words["facets"][key]), choices)
    count = html("p", classes=[FILTER_COUNT], role="status", **{"aria-live": "polite", "aria-atomic": "true"})
    clear = html("button", words["clear"], classes=[FILTER_CLEAR], type="button")
    form += html("div", "", count, clear, classes=[FILTER_STATUS])
    form += html("div", classes=[FILTER_DROPPED], **{"aria-live": "polite"})
    form += html("p", classes=[FILTER_NOTE], hidden="hidden")
    form += html("p", words["hint"], classes=[FILTER_HINT])
    form += html("p", words["empty"], classes=[FILTER_EMPTY], hidden="hidden")
    return form


def _options(
    cards: list[dict[str, tuple[str, ...]]], topic_titles: dict[str, str]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Per facet, the values that occur on the page's *cards* (their facets), in a stable order;
    facets that cannot narrow anything (a single value everywhere) are left out."""
    names: dict[str, dict[str, str]] = {
        "level": labels.LEVELS,
        "lang": {"zh": labels.FILTER["in-chinese"]},
        "format": labels.FACET_FORMATS,
        "cost": labels.COSTS,
        "topic": topic_titles,
        "fresh": labels.FRESHNESS,
    }
    # Years are the data's own, newest first.
    years = sorted({v for card in cards for v in card["year"] if v != facets.UNKNOWN}, reverse=True)
    names["year"] = {year: labels.FILTER["year"].format(year=year) for year in years}
    out = []
    for key in facets.KEYS:
        seen = {value for card in cards for value in card[key]}
        known = [(value, label) for value, label in names[key].items() if value in seen]
        if facets.UNKNOWN in seen:
            known.append((facets.UNKNOWN, labels.FILTER["unknown_of"].get(key, labels.FILTER["unknown"])))
        if key == "lang" and known and any(not card["lang"] for card in cards):
            out.append((key, known))  # a single yes/no box is useful when some cards are not Chinese
        elif len(known) > 1:
            out.append((key, known))
    return out


def fill_forms(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill the filter form from the cards (or rows) on its page and tag those cards with their
    facets."""
    panels = list(doctree.findall(filter_panel))
    if not panels:
        return
    catalog = catalog_domain(app.env).catalog
    stubs = list(doctree.findall(card_stub))
    ids = [stub["record"] for stub in stubs]
    ids += [record_id for rows in doctree.findall(listing_stub) for record_id in rows["records"]]
    topics = {topic.id: topic.title for topic in catalog.topics}
    known = words_of(catalog)
    options = _options([known.facets(catalog.get(record_id)) for record_id in ids], topics)
    for stub in stubs:
        stub[FILTERABLE] = True  # its column gets the facets when the card is built
    for panel in panels:
        panel["options"] = options


def drop_for_print(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Print and e-books have no filter: drop the form and the filter page's card listing
    (before the listing's cards are built)."""
    for node in list(doctree.findall(filter_panel)):
        node.parent.remove(node)
    for node in list(doctree.findall(has_class(FILTER_LISTING))):
        if node.parent is not None:
            node.parent.remove(node)


def rows_stub(records: list[Record], docname: str) -> listing_stub:
    ids = [record.id for record in records]
    return listing_stub(records=ids, refdoc=docname, **{REFS: ids})


def expand_rows(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The web: each :class:`listing_stub` as its rows, every title a link to the record's card.

    A row is about 300 bytes (title, one line of facts, its facets as the numbers of the form's
    boxes, in the order they are written: ``data-llm-f="0 4 9"``), where a copy of the card was
    about 3,000: the filter page stays light at thousands of records. A value no box offers
    cannot be ticked, so leaving it out changes no result.
    """
    domain = catalog_domain(app.env)
    catalog = domain.catalog
    known = words_of(catalog)
    panel = next(iter(doctree.findall(filter_panel)), None)
    options = panel["options"] if panel is not None else []
    code = {(key, value): n for n, (key, value) in enumerate((k, v) for k, values in options for v, _ in values)}
    for stub in list(doctree.findall(listing_stub)):
        rows = facet_list(classes=[FILTER_ROWS])
        for record_id in stub["records"]:
            record = catalog.get(record_id)
            shown = domain.objects.get(record_id)
            title: nodes.Node = nodes.Text(record.title)
            if shown is not None:  # else shown nowhere: the build has warned about it already
                title = make_refnode(app.builder, docname, shown.docname, shown.anchor, title)
            values = known.facets(record)
            codes = sorted(code[key, value] for key in facets.KEYS for value in values[key] if (key, value) in code)
            rows += facet_row("", "", title, record=record_id, codes=codes, line=known.row(record))
        stub.replace_self(rows)


def facet_column(app: Sphinx, card: nodes.Element, classes: list[str]) -> nodes.Element | None:
    """The grid column of a card on a page with a filter: it carries the card's facets."""
    if card.get(FILTERABLE):
        return facet_div(classes=classes, record=card[RECORD], facets=card[FACETS])
    return None


def add_nodes(app: Sphinx) -> None:
    app.add_node(filter_panel, html=(visit_filter_panel, None))
    app.add_node(facet_div, html=(visit_facet_div, depart_facet_div))
    app.add_node(facet_list, html=(visit_facet_list, depart_facet_list))
    app.add_node(facet_row, html=(visit_facet_row, None))
    app.add_node(listing_stub)

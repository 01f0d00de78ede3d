"""The browser filter: a hidden form and data- attributes in HTML, nothing in print.

The ``llm-filter`` directive leaves a :class:`filter_panel` placeholder in the doctree. On the
web, :func:`fill_forms` fills it with the facet values of the cards on the same page and marks
every card column with its facets (``data-llm-*``), which ``llm-filter.js`` reads. The form is
written with the ``hidden`` attribute, so without JavaScript it stays out of sight and every
card is shown. In print (LaTeX, EPUB, text ...) :func:`drop_for_print` removes the panel and
the filter page's duplicate card listing: print gets the table of materials studyable in
Chinese instead (see ``render.chinese_table``). :mod:`.builders` decides which runs where.

What ``llm-filter.js`` does (kept out of the script itself, which must stay small):

- Within one facet any ticked value matches; across facets every facet with a ticked value
  must match. A card whose facet is unknown carries the value ``unknown`` (“未标注”) and
  matches only that box. A card grid whose cards are all hidden hides with its heading.
- The state lives in the URL query, one key per ticked box (``?level=a&level=b&cost=free``),
  so a filtered view can be bookmarked and shared. A change *replaces* the current history
  entry rather than pushing a new one: Back leaves the page (it does not undo one click at a
  time), and coming back restores the filter from the URL (also from the back/forward cache
  via ``pageshow``; ``popstate`` re-reads the URL). Where ``replaceState`` is refused (some
  ``file://`` setups) the filter still works, only the address does not change.
- Parameters or values it does not know are ignored and named in a visible note, written as
  ``textContent`` only, so a crafted URL can never inject markup. ``highlight`` (Sphinx's
  search highlighting) is not ours but not an error either, and passes silently.
- The count (“显示 7 / 35 项”) sits in a ``role="status"`` live region, so screen readers
  announce it after each change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..data import facets, labels
from .cards import card_stub
from .domain import catalog_domain
from .elements import html
from .names import FACET_ATTRIBUTE, FACETS, FILTER_LISTING, FILTERABLE, NO_SEARCH, RECORD, has_class

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class filter_panel(nodes.General, nodes.Element):
    """Where the filter form goes; filled by :class:`BuildFilterForm` (HTML only)."""


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
        "form", classes=["llm-filter", NO_SEARCH], hidden="hidden", autocomplete="off", **{"aria-label": words["form"]}
    )
    for key, values in options:
        fieldset = html("fieldset", "", html("legend", words["facets"][key]))
        for value, label in values:
            fieldset += html(
                "label", "", html("input", type="checkbox", name=key, value=value), nodes.Text(f" {label}")
            )
        form += fieldset
    count = html("p", classes=["llm-filter-count"], role="status", **{"aria-live": "polite", "aria-atomic": "true"})
    clear = html("button", words["clear"], classes=["llm-filter-clear"], type="button")
    form += html("div", "", count, clear, classes=["llm-filter-status"])
    form += html("p", classes=["llm-filter-note"], hidden="hidden")
    form += html("p", words["hint"], classes=["llm-filter-hint"])
    form += html("p", words["empty"], classes=["llm-filter-empty"], hidden="hidden")
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
    out = []
    for key in facets.KEYS:
        seen = {value for card in cards for value in card[key]}
        known = [(value, label) for value, label in names[key].items() if value in seen]
        if facets.UNKNOWN in seen:
            known.append((facets.UNKNOWN, labels.FILTER["unknown"]))
        if key == "lang" and known and any(not card["lang"] for card in cards):
            out.append((key, known))  # a single yes/no box is useful when some cards are not Chinese
        elif len(known) > 1:
            out.append((key, known))
    return out


def fill_forms(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill the filter form from the cards on its page and tag those cards with their facets."""
    panels = list(doctree.findall(filter_panel))
    if not panels:
        return
    catalog = catalog_domain(app.env).catalog
    stubs = list(doctree.findall(card_stub))
    topics = {topic.id: topic.title for topic in catalog.topics}
    options = _options([facets.values(catalog.get(stub["record"])) for stub in stubs], topics)
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


def facet_column(card: nodes.Element, classes: list[str]) -> nodes.Element:
    """The grid column of a card; on a page with a filter it carries the card's facets."""
    if card.get(FILTERABLE):
        return facet_div(classes=classes, record=card[RECORD], facets=card[FACETS])
    return nodes.container(classes=classes, is_div=True)


def register(app: Sphinx) -> None:
    app.add_node(filter_panel, html=(visit_filter_panel, None))
    app.add_node(facet_div, html=(visit_facet_div, depart_facet_div))

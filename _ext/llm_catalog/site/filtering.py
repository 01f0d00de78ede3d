"""The browser filter: a hidden form and data- attributes in HTML, nothing in print.

The ``llm-filter`` directive leaves a :class:`filter_panel` placeholder in the doctree. For the
web builders, :class:`BuildFilterForm` fills it with the facet values of the cards on the same
page and marks every card column with its facets (``data-llm-*``), which ``llm-filter.js``
reads. The form is written with the ``hidden`` attribute, so without JavaScript it stays out of
sight and every card is shown. For every other builder (LaTeX, EPUB, text ...)
:class:`DropFilterForPrint` removes the panel and the filter page's duplicate card listing:
print gets the table of materials studyable in Chinese instead (see ``render.chinese_table``).

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

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..data import facets, labels
from .cards import WEB_BUILDERS, card_stub
from .domain import catalog_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: Class of the filter page's listing of every record (shown in HTML only).
LISTING_CLASS = "llm-filter-listing"

FILTER_JS = "llm-filter.js"
FILTER_CSS = "llm-filter.css"


class filter_panel(nodes.General, nodes.Element):
    """Where the filter form goes; filled by :class:`BuildFilterForm` (HTML only)."""


class facet_div(nodes.General, nodes.Element):
    """A card column carrying its record's id and facets as ``data-`` attributes (HTML only)."""


def _facet_attributes(node: facet_div) -> dict[str, str]:
    attrs = {"data-llm-id": node["record"]}
    attrs.update({f"data-llm-{key}": " ".join(value) for key, value in node["facets"].items()})
    return attrs


def visit_facet_div(self: HTML5Translator, node: facet_div) -> None:
    # starttag escapes attribute values; the values are schema-checked ids anyway.
    self.body.append(self.starttag(node, "div", CLASS="docutils", **_facet_attributes(node)))


def depart_facet_div(self: HTML5Translator, node: facet_div) -> None:
    self.body.append("</div>\n")


def visit_filter_panel(self: HTML5Translator, node: filter_panel) -> None:
    """The whole form; every text goes through the translator's escaping."""
    words = labels.FILTER
    esc = self.encode
    out = [
        self.starttag(
            node,
            "form",
            CLASS="llm-filter",
            hidden="hidden",
            autocomplete="off",
            **{
                "aria-label": words["form"],
                "data-count": words["count"],
                "data-ignored": words["ignored"],
                "data-separator": labels.LIST_SEPARATOR,
            },
        )
    ]
    for key, options in node["options"]:
        out.append(f"<fieldset><legend>{esc(words['facets'][key])}</legend>")
        for value, label in options:
            out.append(f'<label><input type="checkbox" name="{esc(key)}" value="{esc(value)}"> {esc(label)}</label>')
        out.append("</fieldset>")
    out.append(
        '<div class="llm-filter-status">'
        '<p class="llm-filter-count" role="status" aria-live="polite" aria-atomic="true"></p>'
        f'<button type="button" class="llm-filter-clear">{esc(words["clear"])}</button></div>'
        '<p class="llm-filter-note" hidden="hidden"></p>'
        f'<p class="llm-filter-hint">{esc(words["hint"])}</p>'
        f'<p class="llm-filter-empty" hidden="hidden">{esc(words["empty"])}</p>'
        "</form>\n"
    )
    self.body.append("".join(out))
    raise nodes.SkipNode


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


class BuildFilterForm(SphinxPostTransform):
    """Fill the filter form from the cards on its page and tag those cards with their facets."""

    default_priority = 190  # the cards are built later (transforms.build_cards_last)
    builders = WEB_BUILDERS

    def run(self, **kwargs: Any) -> None:
        panels = list(self.document.findall(filter_panel))
        if not panels:
            return
        catalog = catalog_domain(self.env).catalog
        stubs = list(self.document.findall(card_stub))
        topics = {topic.id: topic.title for topic in catalog.topics}
        options = _options([facets.values(catalog.get(stub["record"])) for stub in stubs], topics)
        for stub in stubs:
            stub["llm-filterable"] = True  # its column gets the facets (transforms.build_cards_last)
        for panel in panels:
            panel["options"] = options


class DropFilterForPrint(SphinxPostTransform):
    """Print and e-books have no filter: drop the form and the filter page's card listing."""

    default_priority = 2  # before cards.ExpandCardStubs (3) would build the listing's cards

    def is_supported(self) -> bool:
        return self.app.builder.name not in WEB_BUILDERS

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(filter_panel)):
            node.parent.remove(node)
        for node in list(self.document.findall(nodes.Element)):
            if LISTING_CLASS in node.get("classes", ()) and node.parent is not None:
                node.parent.remove(node)


def add_filter_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """The filter's script and style go only on pages that have a filter."""
    if doctree is not None and next(iter(doctree.findall(filter_panel)), None) is not None:
        app.add_css_file(FILTER_CSS)
        app.add_js_file(FILTER_JS, loading_method="defer")


def register(app: Sphinx) -> None:
    app.add_node(filter_panel, html=(visit_filter_panel, None))
    app.add_node(facet_div, html=(visit_facet_div, depart_facet_div))
    app.add_post_transform(BuildFilterForm)
    app.add_post_transform(DropFilterForPrint)
    app.connect("html-page-context", add_filter_assets)

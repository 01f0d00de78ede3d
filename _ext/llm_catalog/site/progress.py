"""Reader's progress in HTML: markers with ``data-`` attributes that static/llm-progress.js reads.

The cached doctree only carries plain attributes (``llm-progress-id`` on cards, path steps and
syllabus chapters; ``llm-progress-items`` on what a count covers). For the web builders a
post-transform turns them into empty, hidden elements; the script makes them checkboxes and
counts. EPUB and PDF get none of it: progress lives in a browser.
"""

from __future__ import annotations

import json
import posixpath
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..data import labels
from ..data.prereq import chapter_id, split_id
from ..data.records import Syllabus
from . import render, studyplan
from .cards import WEB_BUILDERS, card_stub
from .domain import catalog_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator

    from ..data.records import Catalog

SCRIPT = "llm-progress.js"
STYLE = "llm-progress.css"


class llm_data(nodes.General, nodes.Element):
    """An element the progress script reads: ``tag``, ``data`` (name -> value) and ``hidden``."""


def visit_llm_data(self: HTML5Translator, node: llm_data) -> None:
    attributes = {f"data-{name}": value for name, value in node["data"].items()}
    if node.get("hidden"):
        attributes["hidden"] = "hidden"
    self.body.append(self.starttag(node, node["tag"], "", **attributes))


def depart_llm_data(self: HTML5Translator, node: llm_data) -> None:
    self.body.append(f"</{node['tag']}>")


def _data(tag: str, classes: list[str], ids: list[str] | None = None, **data: str) -> llm_data:
    return llm_data("", classes=classes, ids=ids or [], tag=tag, data=data, hidden=True)


def card_uri(catalog: Catalog, builder: Builder, fromdoc: str, node: str) -> str | None:
    """Address of the card (or syllabus chapter) that shows *node*, relative to *fromdoc*."""
    record_id, number = split_id(node)
    shown = catalog_domain(builder.env).objects.get(record_id)
    if shown is None:
        return None
    anchor = shown.anchor
    if number is not None and isinstance(catalog.get(record_id), Syllabus):
        anchor = f"{render.anchor(record_id)}-ch{number:02d}"
    return f"{page_uri(builder, fromdoc, shown.docname)}#{anchor}"


def page_uri(builder: Builder, fromdoc: str, todoc: str) -> str:
    # Sphinx answers "" for a link to the same page; an SVG drawn in _images/ needs the name.
    return builder.get_relative_uri(fromdoc, todoc) or posixpath.basename(builder.get_target_uri(fromdoc))


def add_slot(element: nodes.Element) -> None:
    """The hidden element the script makes a checkbox, at the end of a card, chapter or step."""
    slot = _data("span", ["llm-progress-slot"], **{"llm-progress": element["llm-progress-id"]})
    slot["data"]["llm-title"] = element.get("llm-title", "")
    element["classes"].append("llm-progress-item")
    if element.get("llm-progress-inline"):  # a book chapter: the box ends its line
        slot["classes"].append("llm-progress-inline")
        element.next_node(nodes.paragraph).append(slot)
        return
    para = nodes.paragraph("", "", slot, classes=["llm-card-progress"])
    if isinstance(element, nodes.definition_list_item):
        element.next_node(nodes.definition).append(para)
    else:
        element.append(para)


class ProgressMarkers(SphinxPostTransform):
    """Checkbox slots, count markers and the progress panel, for the web builders only."""

    default_priority = 190  # the cards are built later (transforms.build_cards_last), each with its box
    builders = WEB_BUILDERS

    def run(self, **kwargs: Any) -> None:
        used = False
        for element in list(self.document.findall(nodes.Element)):
            if isinstance(element, card_stub):
                used = True  # the card gets its box when it is built (transforms.build_cards_last)
            elif "llm-progress-id" in element:
                add_slot(element)
                used = True
            if "llm-progress-items" in element:
                summary = _data(
                    "div", ["llm-progress-summary"], **{"llm-items": json.dumps(element["llm-progress-items"])}
                )
                element.parent.insert(element.parent.index(element), summary)
                used = True
        for panel in list(self.document.findall(_is_panel)):
            panel.replace_self(self._panel())
            used = True
        if used:
            words = json.dumps(labels.PROGRESS, ensure_ascii=False)
            config = _data("div", [], ids=["llm-progress-config"], **{"llm-words": words})
            self.document += config

    def _panel(self) -> nodes.Node:
        catalog = catalog_domain(self.env).catalog
        docname = self.env.docname
        words = labels.PROGRESS
        graph = next_graph(catalog, self.app.builder, docname)
        graph_json = json.dumps(graph, ensure_ascii=False, separators=(",", ":"))
        options = []
        groups: list[tuple[str, list[tuple[str, str]]]] = [
            (words["next_paths"], [(f"path:{p.id}", p.title) for p in catalog.paths]),
            *(
                (
                    s.title,
                    [
                        (f"{s.id}#{ch.number}", studyplan.node_title(catalog, f"{s.id}#{ch.number}"))
                        for ch in s.chapters
                    ],
                )
                for s in catalog.syllabi
            ),
            (words["next_records"], _record_goals(catalog)),
        ]
        for label, choices in groups:
            inner = "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in choices)
            options.append(f'<optgroup label="{escape(label)}">{inner}</optgroup>')
        html = (
            '<div class="llm-progress-tools" hidden>'
            f"<p><strong>{escape(words['tools_title'])}</strong></p>"
            f"<p>{escape(words['tools_note'])}</p>"
            f'<button type="button" class="llm-progress-export">{escape(words["export"])}</button>'
            f'<button type="button" class="llm-progress-import">{escape(words["import"])}</button>'
            '<input type="file" accept=".json,application/json" class="llm-visually-hidden" tabindex="-1" '
            f'aria-label="{escape(words["import"])}">'
            '<p class="llm-progress-message" role="status" aria-live="polite"></p>'
            "</div>"
            f'<div class="llm-next" hidden data-llm-graph="{escape(graph_json)}">'
            f"<p><strong>{escape(words['next_title'])}</strong></p>"
            f'<label for="llm-next-goal">{escape(words["next_label"])}</label>'
            f'<select id="llm-next-goal">{"".join(options)}</select>'
            '<p class="llm-next-status" role="status" aria-live="polite"></p>'
            '<ol class="llm-next-list"></ol>'
            "</div>"
        )
        return nodes.raw("", html, format="html")


def _record_goals(catalog: Catalog) -> list[tuple[str, str]]:
    """Every course, book (then each of its chapters) and resource, as a goal of 下一步."""
    goals: list[tuple[str, str]] = []
    for record in catalog.records():
        if isinstance(record, Syllabus):
            continue
        goals.append((record.id, record.title))
        for chapter in getattr(record, "chapters", ()):
            node = chapter_id(record.id, chapter.number)
            goals.append((node, studyplan.node_title(catalog, node)))
    return goals


def _is_panel(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "llm-progress-panel" in node["classes"]


def next_graph(catalog: Catalog, builder: Builder, docname: str) -> dict[str, Any]:
    """What "下一步" needs: each node's title, link, hours and requirements, and the paths as goals.

    A topic requirement becomes ``{"any": [materials, most specific first], "t": topic title}``.
    """
    graph = catalog.graph
    out: dict[str, dict[str, Any]] = {}
    for node in graph.order:
        reqs: list[Any] = list(graph.strict[node])
        for topic_id in graph.topics[node]:
            topic = catalog.topic(topic_id)
            reqs.append({"any": catalog.teachers(topic_id, exclude={node}), "t": topic.title if topic else topic_id})
        out[node] = {
            "t": studyplan.node_title(catalog, node),
            "u": card_uri(catalog, builder, docname, node),
            "h": catalog.hours(node),
            "r": reqs,
        }
    for path in catalog.paths:
        out[f"path:{path.id}"] = {"t": path.title, "goal": True, "r": [step.node for step in path.steps]}
    return {"nodes": out}


class FoldRelated(SphinxPostTransform):
    """HTML: the related materials after the best three fold under "更多" (<details>)."""

    default_priority = 200
    builders = WEB_BUILDERS

    def run(self, **kwargs: Any) -> None:
        for more in list(self.document.findall(_is_more)):
            summary = labels.PATHS["related_more"].format(count=more["llm-count"])
            opening = nodes.raw(
                "", f'<details class="llm-related-more"><summary>{escape(summary)}</summary>', format="html"
            )
            closing = nodes.raw("", "</details>", format="html")
            # Not replace_self(list): it would copy the container's classes onto the raw node.
            parent, index = more.parent, more.parent.index(more)
            parent.remove(more)
            for offset, node in enumerate([opening, *more.children, closing]):
                parent.insert(index + offset, node)


class ForPrint(SphinxPostTransform):
    """Print and e-books: no progress panel; at most RELATED_PRINTED related materials per
    chapter, then a note that the web version has the rest."""

    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        if self.app.builder.name in WEB_BUILDERS:
            return
        for panel in list(self.document.findall(_is_panel)):
            panel.parent.remove(panel)
        room = render.RELATED_PRINTED - render.RELATED_FIRST
        for more in list(self.document.findall(_is_more)):
            for rest in list(more.findall(_is_rest)):
                rest.parent.remove(rest)
            items = list(more.findall(nodes.list_item))
            for item in items[room:]:
                item.parent.remove(item)
            # Counted from all the related materials, not only those the doctree lists.
            left = more["llm-count"] - room
            if left > 0:
                note = labels.PATHS["related_more_print"].format(count=left)
                more += nodes.paragraph(note, note, classes=["llm-related-more-note"])


def _is_rest(node: nodes.Node) -> bool:
    return isinstance(node, nodes.paragraph) and "llm-related-more-rest" in node["classes"]


def _is_more(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "llm-related-more" in node["classes"]


def add_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None) -> None:
    """The script and its style only on pages that have progress markers."""
    if doctree is not None and any(True for _ in doctree.findall(llm_data)):
        app.add_js_file(SCRIPT)
        app.add_css_file(STYLE)


def setup(app: Sphinx) -> None:
    app.add_node(llm_data, html=(visit_llm_data, depart_llm_data))
    app.add_post_transform(ProgressMarkers)
    app.add_post_transform(FoldRelated)
    app.add_post_transform(ForPrint)
    app.connect("html-page-context", add_assets)

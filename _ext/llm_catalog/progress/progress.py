"""Reader's progress in HTML: markers with ``data-`` attributes that static/llm-progress.js reads.

The cached doctree only carries plain attributes (``names.PROGRESS_ID`` on cards, path steps
and syllabus chapters; ``names.PROGRESS_ITEMS`` on what a count covers). On the web,
:func:`add_markers` turns them into empty, hidden elements; the script makes them checkboxes
and counts. EPUB and PDF get none of it: progress lives in a browser (:func:`drop_for_print`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..data import labels
from ..data.prereq import chapter_id
from ..data.records import Syllabus
from ..site.domain import catalog_domain
from ..site.elements import html
from ..site.names import (
    NO_SEARCH,
    PATH_STEPS,
    PROGRESS_ID,
    PROGRESS_INLINE,
    PROGRESS_ITEMS,
    PROGRESS_PANEL,
    PROGRESS_TITLE,
    has_progress_id,
)
from ..site.nodes import card_stub
from ..site.urls import card_uri
from ..site.words import node_title
from .names import (
    CARD_PROGRESS,
    EXPORT,
    ID_ATTRIBUTE,
    IMPORT,
    ITEM,
    ITEMS_ATTRIBUTE,
    MESSAGE,
    NEXT,
    NEXT_DATA,
    NEXT_GOAL,
    NEXT_LIST,
    NEXT_STATUS,
    PACE,
    SLOT,
    SUMMARY,
    TITLE_ATTRIBUTE,
    TOOLS,
    VISUALLY_HIDDEN,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator

    from ..data.records import Catalog


class llm_data(nodes.General, nodes.Element):
    """An element the progress script reads: ``tag``, ``data`` (attribute -> value, the
    attributes of :mod:`.names`) and ``hidden``."""


def visit_llm_data(self: HTML5Translator, node: llm_data) -> None:
    attributes = dict(node["data"])
    if node.get("hidden"):
        attributes["hidden"] = "hidden"
    self.body.append(self.starttag(node, node["tag"], "", **attributes))


def depart_llm_data(self: HTML5Translator, node: llm_data) -> None:
    self.body.append(f"</{node['tag']}>")


def _data(tag: str, classes: list[str], data: dict[str, str]) -> llm_data:
    return llm_data("", classes=classes, ids=[], tag=tag, data=data, hidden=True)


def add_slot(element: nodes.Element) -> None:
    """The hidden element the script makes a checkbox, at the end of a card, chapter or step."""
    slot = _data("span", [SLOT], {ID_ATTRIBUTE: element[PROGRESS_ID], TITLE_ATTRIBUTE: element.get(PROGRESS_TITLE, "")})
    element["classes"].append(ITEM)
    if element.get(PROGRESS_INLINE):  # a book chapter: the box ends its line
        slot["classes"].append(PROGRESS_INLINE)  # the mark's name is the slot's class (the CSS)
        element.next_node(nodes.paragraph).append(slot)
        return
    para = nodes.paragraph("", "", slot, classes=[CARD_PROGRESS])
    if isinstance(element, nodes.definition_list_item):
        element.next_node(nodes.definition).append(para)
    else:
        element.append(para)


def add_markers(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Checkbox slots, count markers and the progress panel (the web only)."""
    for element in list(doctree.findall(nodes.Element)):
        if PROGRESS_ID in element and not isinstance(element, card_stub):
            add_slot(element)  # a card gets its box when it is built
        if PROGRESS_ITEMS in element:
            items = json.dumps(element[PROGRESS_ITEMS], separators=(",", ":"))
            summary = _data("div", [SUMMARY], {ITEMS_ATTRIBUTE: items})
            element.parent.insert(element.parent.index(element), summary)
            if PATH_STEPS in element["classes"]:
                # A path: the weeks it takes at the reader's pace, right after the count, whose
                # items the script reads (the page carries them once).
                element.parent.insert(element.parent.index(element), _data("div", [PACE], {}))
    for panel in list(doctree.findall(_is_panel)):
        # Tools and 下一步 (whose options name every path, chapter and record) are no page text:
        # neither the search index nor the search page's snippets take their words.
        panel.replace_self(html("div", "", *_panel(app, docname), classes=[PROGRESS_PANEL, NO_SEARCH]))


def _panel(app: Sphinx, docname: str) -> list[nodes.Node]:
    """The progress tools (export, import) and 下一步 (a goal and what it still needs), hidden
    until the script sets them up. 下一步's select is empty here: the script fills it from the
    JSON beside it (:func:`next_graph`), which names every goal once, with its title."""
    catalog = catalog_domain(app.env).catalog
    words = labels.PROGRESS
    graph = next_graph(catalog, app.builder, docname)
    # In a script element, not an attribute: no quote becomes &quot;. "</" is escaped so that no
    # title of the data can end the element early.
    graph_json = json.dumps(graph, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    status = {"role": "status", "aria-live": "polite"}
    tools = html("div", classes=[TOOLS], hidden="hidden")
    tools += nodes.paragraph("", "", nodes.strong(words["tools_title"], words["tools_title"]))
    tools += nodes.paragraph(words["tools_note"], words["tools_note"])
    tools += html("button", words["export"], classes=[EXPORT], type="button")
    tools += html("button", words["import"], classes=[IMPORT], type="button")
    tools += html(
        "input",
        classes=[VISUALLY_HIDDEN],
        type="file",
        accept=".json,application/json",
        tabindex="-1",
        **{"aria-label": words["import"]},
    )
    tools += html("p", classes=[MESSAGE], **status)
    upcoming = html("div", classes=[NEXT], hidden="hidden")
    data = f'<script type="application/json" class="{NEXT_DATA}">{graph_json}</script>'
    upcoming += nodes.raw("", data, format="html")
    upcoming += nodes.paragraph("", "", nodes.strong(words["next_title"], words["next_title"]))
    upcoming += html("label", words["next_label"], **{"for": NEXT_GOAL})
    upcoming += html("select", ids=[NEXT_GOAL])
    upcoming += html("p", classes=[NEXT_STATUS], **status)
    upcoming += html("ol", classes=[NEXT_LIST])
    return [tools, upcoming]


def goal_groups(catalog: Catalog) -> list[tuple[str, list[str]]]:
    """下一步's goals, grouped so that a reader finds their path's first: a group per path (the
    whole path, then its steps in order), then each syllabus' chapters and every course, book
    (then each of its chapters) and resource that no path has as a step."""
    words = labels.PROGRESS
    groups: list[tuple[str, list[str]]] = []
    on_paths: set[str] = set()
    for path in catalog.paths:
        steps = [step.node for step in path.steps]
        groups.append((words["next_path_group"].format(title=path.title), [f"path:{path.id}", *steps]))
        on_paths.update(steps)
    for syllabus in catalog.syllabi:
        chapters = [chapter_id(syllabus.id, ch.number) for ch in syllabus.chapters]
        groups.append((syllabus.title, [node for node in chapters if node not in on_paths]))
    groups.append((words["next_records"], [node for node in _record_goals(catalog) if node not in on_paths]))
    return [(label, goals) for label, goals in groups if goals]


def _record_goals(catalog: Catalog) -> list[str]:
    """Every course, book (then each of its chapters) and resource, as a goal of 下一步."""
    goals: list[str] = []
    for record in catalog.records():
        if isinstance(record, Syllabus):
            continue
        goals.append(record.id)
        goals.extend(chapter_id(record.id, chapter.number) for chapter in getattr(record, "chapters", ()))
    return goals


def _is_panel(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and PROGRESS_PANEL in node["classes"]


def next_graph(catalog: Catalog, builder: Builder, docname: str) -> dict[str, Any]:
    """What "下一步" needs: each node's title (``t``), link (``u``), hours (``h``, when known) and
    requirements (``r``, when any); the paths as goals; the goals to offer, by group.

    A requirement is a node's id, or a topic's: the index of ``{"t": topic title, "any":
    [materials, most specific first]}`` in ``any``, where each such list is written once however
    many nodes require it.
    """
    graph = catalog.graph
    out: dict[str, dict[str, Any]] = {}
    choices: list[dict[str, Any]] = []
    where: dict[str, int] = {}
    for node in graph.order:
        reqs: list[Any] = list(graph.strict[node])
        for topic_id in graph.topics[node]:
            topic = catalog.topic(topic_id)
            choice = {"t": topic.title if topic else topic_id, "any": catalog.teachers(topic_id, exclude={node})}
            key = json.dumps(choice, ensure_ascii=False, sort_keys=True)
            if key not in where:
                where[key] = len(choices)
                choices.append(choice)
            reqs.append(where[key])
        out[node] = {"t": node_title(catalog, node)}
        uri = card_uri(catalog, builder, docname, node)
        if uri:
            out[node]["u"] = uri
        hours = catalog.hours(node)
        if hours is not None:
            out[node]["h"] = hours
        if reqs:
            out[node]["r"] = reqs
        if catalog.unreleased(node):  # not to study now: "x", and what teaches it now, best first ("a")
            out[node]["x"] = True
            out[node]["a"] = [teacher.record for teacher in catalog.taught_now(node)]
    for path in catalog.paths:
        out[f"path:{path.id}"] = {"t": path.title, "goal": True, "r": [step.node for step in path.steps]}
    return {"nodes": out, "any": choices, "goals": goal_groups(catalog)}


def add_card_slots(app: Sphinx, card: nodes.Element) -> None:
    """A card just built on the web: a box for the card (and for each of a book's chapters)."""
    for element in list(card.findall(has_progress_id)):
        add_slot(element)


def drop_for_print(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Print and e-books: no progress panel (progress lives in a browser)."""
    for panel in list(doctree.findall(_is_panel)):
        panel.parent.remove(panel)


def add_nodes(app: Sphinx) -> None:
    app.add_node(llm_data, html=(visit_llm_data, depart_llm_data))

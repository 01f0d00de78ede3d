"""Study paths and the prerequisite graph as builder-neutral nodes (and the graph's dot code).

Like the cards, text from the data only becomes ``nodes.Text``. The graph is a
``sphinx.ext.graphviz`` node: HTML gets SVG, LaTeX a vector PDF figure, through Sphinx's own
visitors. Its code is written here without links; :mod:`.graph` rewrites it per builder with
each node's link to its card, which only the builder knows.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.ext.graphviz import graphviz

from ..data import labels
from ..data.prereq import split_id
from ..data.records import Catalog, Course, Material, Record, StudyPath
from ..site import nodes as shared
from ..site import words
from ..site.fingerprints import plain, shows
from ..site.names import CARD_CHINESE, PATH_STEPS, PROGRESS_ITEMS, mark_progress
from ..site.words import node_title

#: On the graphviz node of the prerequisite graph.
GRAPH = "llm-graph"

WORDS = labels.PATHS


def node_link(catalog: Catalog, node: str, docname: str) -> nodes.Node:
    """A link to the card that shows *node* (a chapter links to its record's card)."""
    record_id, _ = split_id(node)
    return shared.xref(record_id, node_title(catalog, node), docname)


def topic_anchor(topic_id: str) -> str:
    return f"llm-topic-{topic_id}"


def _topic_link(catalog: Catalog, topic_id: str) -> nodes.Node:
    topic = catalog.topic(topic_id)
    text = WORDS["any_topic"].format(topic=topic.title if topic else topic_id)
    return nodes.reference(text, text, refid=topic_anchor(topic_id), internal=True)


def requirement_links(catalog: Catalog, node: str, docname: str) -> list[nodes.Node]:
    """What *node* directly requires, as written: records and chapters, then topics."""
    found = catalog.chapter(node)
    if found is None:
        return []
    record, chapter = found
    written = getattr(chapter if chapter is not None else record, "requires", ())
    links: list[nodes.Node] = []
    for needed in written:
        if catalog.topic(needed) is not None:
            links.append(_topic_link(catalog, needed))
        else:
            links.append(node_link(catalog, needed, docname))
    return links


# -- Study paths -----------------------------------------------------------------------------


def path_anchor(path_id: str) -> str:
    return f"llm-path-{path_id}"


@shows("studyplan")
def _studyplan(catalog: Catalog, _: str) -> object:
    """The study paths and the prerequisite graph: the paths, and of every record what they show
    of it (title, language, hours, requirements, topics, chapters), with the topics' and categories' words."""

    def outline(record: Record) -> object:
        chapters = tuple(
            (
                ch.number,
                ch.title,
                getattr(ch, "requires", ()),
                ch.topics,
                # 下一步 marks an unreleased chapter and offers what teaches it now instead.
                getattr(ch, "status", None),
                tuple(t.record for t in getattr(ch, "taught_by", ())),
            )
            for ch in getattr(record, "chapters", ())
        )
        return (
            record.id,
            record.record_type,
            record.title,
            getattr(record, "language", None),  # a path step says what language it is in
            # Every fact (hours for the totals, 课外 ...): a step shows them.
            tuple((name, plain(fact)) for name, fact in record.facts()) if isinstance(record, Material) else (),
            plain(getattr(record, "chinese", None)),  # a step shows its Chinese aids
            getattr(record, "requires", ()),
            record.topics,
            getattr(record, "category", None),
            chapters,
        )

    return (
        plain(catalog.paths),
        tuple(outline(record) for record in catalog.records()),
        plain(catalog.topics),
        plain(catalog.categories),
    )


def path_section(catalog: Catalog, path: StudyPath, docname: str) -> nodes.section:
    section = nodes.section(ids=[path_anchor(path.id)], names=[path.title], classes=["llm-path"])
    section += nodes.title(path.title, path.title)
    section += nodes.paragraph(path.summary, path.summary, classes=["llm-path-summary"])
    if path.language:
        # Counted from the data, so the sentence stays true as records in the language are added.
        total = sum(1 for record in catalog.records() if record.language == path.language)
        used = len({split_id(step.node)[0] for step in path.steps})
        text = WORDS["language_count"].format(total=total, language=labels.LANGUAGES[path.language], used=used)
        section += nodes.paragraph(text, text, classes=["llm-path-language"])
    hours = [catalog.hours(step.node) for step in path.steps]
    section += nodes.paragraph("", "", nodes.Text(total_text(catalog, path)), classes=["llm-path-total"])
    if any(h is not None for h in hours):  # what the hours count, and what they leave out
        section += nodes.paragraph(labels.HOURS_COUNT, labels.HOURS_COUNT, classes=["llm-path-hours-note"])
    steps = nodes.enumerated_list(classes=[PATH_STEPS], enumtype="arabic", prefix="", suffix=".")
    steps[PROGRESS_ITEMS] = [[step.node, h] for step, h in zip(path.steps, hours, strict=True)]
    for step in path.steps:
        steps += _step(catalog, step.node, step.why, docname)
    section += steps
    return section


def total_text(catalog: Catalog, path: StudyPath) -> str:
    """共 6 步 · 合计约 42 小时视频 + 24 小时课堂时间 · 另有 900 页 · 1 步时长未知.

    Hours add up by their kind (video, class time, stated study time), never across kinds, and a
    range adds as a range (15–20 + 10 = 25–30);
    pages of the steps without hours are counted apart; what is left is named as unknown.
    """
    by_kind: dict[str, tuple[int, int]] = {}
    pages = 0
    unchecked = unconfirmed = 0
    for step in path.steps:
        record = catalog.get(step.node)  # a chapter step is None: nobody has looked at its hours
        effort = getattr(record, "effort", None)
        if effort is not None and effort.known:
            low, high = by_kind.get(effort.effort_kind, (0, 0))
            fewest, most = effort.span
            by_kind[effort.effort_kind] = (low + fewest, high + most)  # ranges add as ranges
        elif getattr(record, "pages", None) is not None:
            pages += record.pages.count  # type: ignore[union-attr]
        elif effort is not None:
            unconfirmed += 1
        else:
            unchecked += 1
    totals = [WORDS["total"].format(steps=len(path.steps))]
    if by_kind:
        kinds = [
            WORDS["total_kind"][kind].format(hours=words.span_text(*hours))
            for kind, hours in sorted(by_kind.items(), key=_kind_order)
        ]
        totals.append(WORDS["total_hours"].format(hours=WORDS["total_plus"].join(kinds)))
    if pages:
        totals.append(WORDS["total_pages"].format(pages=pages))
    if unchecked:
        totals.append(WORDS["total_unchecked"].format(count=unchecked))
    if unconfirmed:
        totals.append(WORDS["total_unconfirmed"].format(count=unconfirmed))
    return shared.SEP.join(totals)


def _kind_order(item: tuple[str, tuple[int, int]]) -> int:
    return list(WORDS["total_kind"]).index(item[0])


def step_hours(catalog: Catalog, node: str) -> str:
    """A step's hours with their kind (or its pages); a chapter's are unknown."""
    record = catalog.get(node)
    if record is None:
        return WORDS["hours_unknown"]
    pages = getattr(record, "pages", None)
    effort = getattr(record, "effort", None)
    if pages is not None and effort is None:
        return words.pages_text(pages)
    return words.effort_text(effort) if hasattr(record, "effort") else WORDS["hours_unknown"]


def _step(catalog: Catalog, node: str, why: str, docname: str) -> nodes.list_item:
    record = catalog.get(split_id(node)[0])
    head: list[nodes.Node] = [nodes.strong("", "", node_link(catalog, node, docname))]
    details = []
    if record is not None:
        details.append(labels.OBJECT_TYPES[record.record_type])
        if record.language:
            details.append(labels.LANGUAGES[record.language])
    details.append(step_hours(catalog, node))
    head.append(nodes.Text(shared.SEP + shared.SEP.join(details)))
    item = nodes.list_item(classes=["llm-path-step"])
    mark_progress(item, node, node_title(catalog, node))
    item += nodes.paragraph("", "", *head, classes=["llm-step-title"])
    item += nodes.paragraph("", "", *shared.labelled(WORDS["why"]), nodes.Text(why), classes=["llm-step-why"])
    if isinstance(record, Material):
        # The same Chinese aids as the record's card, or what was found when someone looked.
        aids = shared.aids_paragraph(record)
        if aids is None and record.language != "zh":
            # 中文资料未查 or 暂无中文资料: the state already names the fact, so no label before it.
            text = words.chinese_text(record)
            aids = nodes.paragraph("", "", nodes.Text(text), classes=[CARD_CHINESE])
        if aids is not None:
            item += aids
        item.extend(shared.fact_paragraphs(record))
    if isinstance(record, Course):
        # The seed's advice for this kind of course: study it, use its paper list, or pick as needed.
        category = catalog.category(record.category)
        if category is not None:
            advice = f"{labels.STUDY[category.study]}{labels.OPEN_PAREN}{category.title}{labels.CLOSE_PAREN}"
            item += nodes.paragraph(
                "", "", *shared.labelled(WORDS["study"]), nodes.Text(advice), classes=["llm-step-study"]
            )
    requires = requirement_links(catalog, node, docname)
    if requires:
        item += nodes.paragraph(
            "",
            "",
            *shared.labelled(WORDS["requires"]),
            *shared.join(requires, labels.LIST_SEPARATOR),
            classes=["llm-step-requires"],
        )
    return item


# -- The prerequisite graph ------------------------------------------------------------------


def graph_nodes(catalog: Catalog) -> tuple[list[str], list[str], list[tuple[str, str, bool]]]:
    """Records and chapters that take part in a written requirement, the topics required, and
    the edges ``(first, then, by_topic)``: the arrow points from what to study first."""
    drawn: list[str] = []
    topics: list[str] = []
    edges: list[tuple[str, str, bool]] = []
    for node in catalog.graph.order:
        found = catalog.chapter(node)
        if found is None:
            continue
        record, chapter = found
        for needed in getattr(chapter if chapter is not None else record, "requires", ()):
            by_topic = catalog.topic(needed) is not None
            edges.append((needed, node, by_topic))
            for item, bucket in ((needed, topics if by_topic else drawn), (node, drawn)):
                if item not in bucket:
                    bucket.append(item)
    drawn.sort(key=catalog.graph.order.__getitem__)
    return drawn, topics, edges


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _wrap(text: str, width: int = 10) -> str:
    """Break a long label into lines of about *width* wide characters (CJK counts double)."""
    lines: list[str] = []
    line = ""
    size = 0
    for word in text.replace(chr(0x3000), " ").split(" "):  # ideographic space
        weight = sum(2 if ord(ch) > 0x2E80 else 1 for ch in word) + 1
        if line and size + weight > width * 2:
            lines.append(line)
            line, size = "", 0
        line = f"{line} {word}" if line else word
        size += weight
    lines.append(line)
    return "\n".join(lines)


#: The graph's look; the fonts are named so the PDF figure has Chinese glyphs (fonts-noto-cjk).
#: These colours are the print's; on the web the SVG is inline and static/llm-graph.css recolours it
#: for the light and the dark scheme (topic nodes carry the class ``llm-topic`` for that).
GRAPH_STYLE = (
    'graph [rankdir=LR, bgcolor="transparent", nodesep=0.25, ranksep=0.3, fontname="Noto Sans CJK SC"];\n'
    'node [shape=box, style="rounded,filled", fillcolor="#eef3fb", color="#4a6fa5", '
    'fontname="Noto Sans CJK SC", fontsize=11, margin="0.12,0.06"];\n'
    'edge [color="#555555", arrowsize=0.7];\n'
)


def dot_code(catalog: Catalog, urls: dict[str, str] | None = None) -> str:
    """The graph in dot; with *urls* (node or ``topic:<id>`` -> address) every node links."""
    drawn, topics, edges = graph_nodes(catalog)
    lines = ["digraph prerequisites {", GRAPH_STYLE]

    def attrs(key: str, label: str, tooltip: str, extra: str = "") -> str:
        out = f"label={_quote(_wrap(label))}, tooltip={_quote(tooltip)}{extra}"
        if urls and key in urls:
            out += f', URL={_quote(urls[key])}, target="_top"'
        return out

    for node in drawn:
        title = node_title(catalog, node)
        lines.append(f"  {_quote(node)} [{attrs(node, title, title)}];")
    for topic_id in topics:
        topic = catalog.topic(topic_id)
        text = WORDS["topic_node"].format(title=topic.title if topic else topic_id)
        style = ', shape=ellipse, style="dashed,filled", fillcolor="#fdf6e3", color="#b58900", class="llm-topic"'
        lines.append(f"  {_quote('topic:' + topic_id)} [{attrs('topic:' + topic_id, text, text, style)}];")
    for first, then, by_topic in edges:
        source = f"topic:{first}" if by_topic else first
        lines.append(f"  {_quote(source)} -> {_quote(then)}{' [style=dashed]' if by_topic else ''};")
    lines.append("}")
    return "\n".join(lines) + "\n"


#: How many materials the text twin names per topic (the most specific first); the rest are counted.
TOPIC_TEACHERS_SHOWN = 20


def graph_figure(catalog: Catalog, docname: str) -> list[nodes.Node]:
    """The graph, then the same relations as text (for print, e-readers and screen readers)."""
    figure = nodes.container(classes=["llm-graph-figure"])
    node = graphviz()
    node["code"] = dot_code(catalog)
    node["options"] = {"docname": docname}
    node["alt"] = WORDS["graph_alt"]
    node["classes"] = ["llm-graph"]
    node[GRAPH] = True
    figure += node
    out: list[nodes.Node] = [figure]

    drawn, topics, _ = graph_nodes(catalog)
    out.append(nodes.rubric(WORDS["graph_list_title"], WORDS["graph_list_title"]))
    needs = nodes.bullet_list(classes=["llm-graph-list"])
    for node_id in drawn:
        links = requirement_links(catalog, node_id, docname)
        if links:
            para = nodes.paragraph("", "", node_link(catalog, node_id, docname), nodes.Text(WORDS["needs_arrow"]))
            para.extend(shared.labelled(WORDS["graph_list_needs"]))
            para.extend(shared.join(links, labels.LIST_SEPARATOR))
            needs += nodes.list_item("", para)
    out.append(needs)

    if topics:
        out.append(nodes.rubric(WORDS["topics_title"], WORDS["topics_title"]))
        listing = nodes.bullet_list(classes=["llm-topic-list"])
        for topic_id in topics:
            topic = catalog.topic(topic_id)
            title = topic.title if topic else topic_id
            para = nodes.paragraph("", "", nodes.target("", "", ids=[topic_anchor(topic_id)]))
            heading = WORDS["topic_heading"].format(title=title)
            para += nodes.strong(heading, heading)
            para.extend(shared.labelled(WORDS["topic_teachers"]))
            teachers = catalog.teachers(topic_id, exclude=set())
            shown = teachers[:TOPIC_TEACHERS_SHOWN]
            para.extend(shared.join([node_link(catalog, t, docname) for t in shown], labels.LIST_SEPARATOR))
            if len(teachers) > len(shown):
                rest = WORDS["topic_teachers_rest"].format(count=len(teachers) - len(shown))
                para += nodes.Text(rest)
            listing += nodes.list_item("", para)
        out.append(listing)
    return out

"""Nodes every wing makes of the data: anchors, links to cards, runs of text, lists, sources.

Everything here is generic docutils (paragraph, strong, reference, lists), so the same cached
doctree reads well in HTML, LaTeX and EPUB. Text from the data file only ever becomes
``nodes.Text``: it is never parsed as markup or passed through as HTML.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes

from ..data import labels
from .names import CARD_CHINESE, CARD_WORKLOAD, LABEL, SOURCE

if TYPE_CHECKING:
    from ..data.records import Book, ChineseAid, Course, Material, Resource

SEP = labels.SEPARATOR


class card_stub(nodes.General, nodes.Element):
    """Where a record's card goes: ``record`` (id), ``refdoc`` (the page), ``copy`` (a copy of a
    card shown elsewhere, whose title links there) and ``names.REFS`` (the ids the card links
    to, read by the domain). The cards wing builds it when the page is written; other wings
    (the filter, progress) find a page's cards by it."""


def xref(target: str, text: str, docname: str) -> addnodes.pending_xref:
    """An internal link to the card of a record or category, resolved by the domain."""
    ref = addnodes.pending_xref(
        "",
        refdomain="llm",
        reftype="ref",
        reftarget=target,
        refexplicit=True,
        refwarn=True,
        refdoc=docname,
    )
    ref += nodes.inline(text, text)
    return ref


def merged(items: Iterable[nodes.Node | str]) -> list[nodes.Node]:
    """*items* as nodes, each run of text (strings and Text nodes) one text node: fewer nodes to process."""
    out: list[nodes.Node] = []
    text: list[str] = []
    for item in items:
        if isinstance(item, str):  # a Text node is a str too
            text.append(str(item))
            continue
        if text:
            out.append(nodes.Text("".join(text)))
            text = []
        out.append(item)
    if text:
        out.append(nodes.Text("".join(text)))
    return out


def join(parts: Iterable[nodes.Node | str], sep: str = SEP) -> list[nodes.Node]:
    """*parts* with *sep* between them; runs of text become one text node."""
    items: list[nodes.Node | str] = []
    for part in parts:
        if items:
            items.append(sep)
        items.append(part)
    return merged(items)


def para(cls: str, *children: nodes.Node) -> nodes.paragraph:
    para = nodes.paragraph("", "", *children, classes=[cls])
    return para


def labelled(label: str, *children: nodes.Node) -> list[nodes.Node]:
    """*label* marked as a label (:data:`.names.LABEL`), then *children*."""
    return [nodes.inline(label, label, classes=[LABEL]), *children]


def index_entries(title: str, record_type: str, anchor_id: str, *extra: str) -> addnodes.index:
    """General-index entries: the title, and "type; title" so readers can browse by record type."""
    entries = [("single", title, anchor_id, "", None)]
    entries.append(("single", f"{labels.OBJECT_TYPES[record_type]}; {title}", anchor_id, "", None))
    entries.extend(("single", f"{key}; {title}", anchor_id, "", None) for key in extra)
    return addnodes.index(entries=entries)


def target(anchor_id: str) -> nodes.target:
    return nodes.target("", "", ids=[anchor_id])


def bullets(cls: str, items: Iterable[list[nodes.Node]]) -> nodes.bullet_list | None:
    found = [nodes.list_item("", nodes.paragraph("", "", *item)) for item in items]
    return nodes.bullet_list("", *found, classes=[cls]) if found else None


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def source_links(fact: str, sources: Iterable[str], checked: str) -> list[nodes.Node]:
    """A small link per source: 依据 (or 依据1, 依据2 ...), titled with the fact and the site."""
    sources = list(sources)
    out: list[nodes.Node] = []
    for n, url in enumerate(sources, start=1):
        text = labels.SOURCE if len(sources) == 1 else labels.SOURCE_NUMBERED.format(number=n)
        name = labels.SOURCE_NAME if checked else labels.SOURCE_NAME_UNDATED
        title = name.format(fact=fact, host=_host(url), checked=checked)
        out.append(nodes.reference(text, text, refuri=url, internal=False, reftitle=title, classes=[SOURCE]))
    return out


def aid_sources(aid: ChineseAid, checked: str = "") -> list[nodes.Node]:
    """Where an aid was found, when that is not the aid's own address; *checked* is the day the
    record's Chinese aids were looked for (``chinese.checked``)."""
    name = labels.AID_KINDS[aid.aid_kind]
    return source_links(name, aid.sources, checked) if aid.sources else []


def aid_nodes(aid: ChineseAid, checked: str = "") -> list[nodes.Node]:
    """The aid's name as a link, then who made it and which edition it follows."""
    name = labels.AID_KINDS[aid.aid_kind]
    details = [labels.AID_BY.format(by=aid.by)] if aid.by else []
    details += [labels.AID_FOLLOWS.format(follows=aid.follows)] if aid.follows else []
    out: list[nodes.Node] = [nodes.reference(name, name, refuri=aid.url, internal=False)]
    if details:
        out.append(nodes.Text(labels.AID_DETAILS.format(details=labels.AID_DETAIL_SEPARATOR.join(details))))
    out.extend(aid_sources(aid, checked))
    return out


def chinese_aids(aids: Iterable[ChineseAid], first: Iterable[str] = (), checked: str = "") -> list[nodes.Node]:
    """*first* words, then each aid, separated by AID_SEPARATOR: flat, with no wrapper per aid and
    adjacent text in one node (each node costs in every transform of a large page). *checked*:
    the day the aids were looked for, in their sources' titles."""
    items: list[nodes.Node | str] = []
    for part in [*first, *(aid_nodes(aid, checked) for aid in aids)]:
        if items:
            items.append(labels.AID_SEPARATOR)
        items.extend([part] if isinstance(part, str) else part)
    return merged(items)


def aids_paragraph(record: Course | Book | Resource) -> nodes.paragraph | None:
    """中文资料：each aid found, linked, with who made it and what it follows."""
    return (
        para(CARD_CHINESE, *labelled(labels.CHINESE_LABEL), *chinese_aids(record.aids, checked=_aids_checked(record)))
        if record.aids
        else None
    )


def _aids_checked(record: Course | Book | Resource) -> str:
    return record.chinese.checked if record.chinese is not None else ""


def fact_paragraphs(record: Material) -> list[nodes.paragraph]:
    """The facts too long for the facts line, each a paragraph of its own under it, on the record's
    card and on each path step that shows the record: a new kind of such fact is added here."""
    return [paragraph for paragraph in (workload_paragraph(record),) if paragraph is not None]


def workload_paragraph(record: Material) -> nodes.paragraph | None:
    """课外：what the material states beyond its lectures and videos, with its sources."""
    workload = record.workload
    if workload is None:
        return None
    label = labels.WORKLOAD_LABEL
    para = nodes.paragraph("", "", classes=[CARD_WORKLOAD])
    para.extend(labelled(label))
    para += nodes.Text(workload.says)
    para.extend(source_links(labels.WORKLOAD_FACT, workload.sources, workload.checked))
    return para

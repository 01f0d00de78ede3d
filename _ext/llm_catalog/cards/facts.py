"""A material's facts as a reader sees them: cost, hours or pages and Chinese access, each with
a link to where it was read ("依据") and, below the card, how each was checked (查证说明).

Builder-neutral nodes, like :mod:`render`: a source is an ordinary external reference (the
PDF prints its address as a footnote, the EPUB inline) whose title names the fact and the
site; the notes are a plain container in print, which the web folds under a ``<details>``
(:func:`fold_notes`, called as the web builds its cards).
"""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes

from ..data import derive, labels
from ..data.records import Cost, Fact, Material
from ..site.elements import fold
from ..site.nodes import source_links
from ..site.words import checked_text, chinese_text, cost_text, effort_text, fact_text, pages_text

#: Class of the facts line and of the notes container.
FACTS_LINE = "llm-card-facets"
NOTES = "llm-card-factnotes"
NOTES_TITLE = "llm-card-factnotes-title"
#: Separates the facts of the facts line.
SEP = labels.SEPARATOR


def _fact_part(text: str, fact: Fact | None) -> list[nodes.Node]:
    if fact is None or not fact.sources:
        return [nodes.Text(text)]
    return [nodes.Text(text), *source_links(text, fact.sources, fact.checked)]


def facts_line(record: Material) -> nodes.paragraph:
    """Cost · Chinese access · hours (or pages), every part present, each known fact with its
    sources, then once the month the facts were checked (the oldest check).

    A record with pages and no hours shows its pages in the place of the hours.
    """
    parts: list[list[nodes.Node]] = [_fact_part(cost_text(record.cost), record.cost)]
    parts.append([nodes.Text(chinese_text(record))])
    if record.effort is not None or record.pages is None:
        parts.append(_fact_part(effort_text(record.effort), record.effort))
    if record.pages is not None:
        parts.append(_fact_part(pages_text(record.pages), record.pages))
    para = nodes.paragraph("", "", classes=[FACTS_LINE])
    for n, part in enumerate(parts):
        if n:
            para += nodes.Text(SEP)
        para.extend(part)
    checked = checked_text(record)
    if checked:
        para += nodes.Text(checked)
    return para


def _notes(record: Material) -> Iterator[str]:
    """One line per fact: what it is, its note, and the day it was checked."""
    for name, fact in record.facts():
        text = fact_text(name, fact)
        if isinstance(fact, Cost) and fact.derived:
            reached = labels.DERIVED_REACHED.format(checked=fact.checked) if fact.checked else ""
            yield labels.FACT_NOTE.format(fact=text, note=derive.RULES_BY_ID[fact.derived].reason) + reached
            continue
        checked = labels.FACT_NOTE_CHECKED.format(checked=fact.checked)
        yield (labels.FACT_NOTE.format(fact=text, note=fact.note) if fact.note else text) + checked
    access = record.chinese
    if access is not None:
        # 中文资料：what was found, or (when nothing was) what was searched.
        found = access.note if access.note and not record.aids else chinese_text(record)
        text = labels.CHINESE_LABEL + found
        if access.note and record.aids:
            text = labels.FACT_NOTE.format(fact=text, note=access.note)
        if access.unconfirmed and not access.note:  # heard of, not confirmed (a note tells it better)
            candidates = labels.LIST_SEPARATOR.join(
                labels.CHINESE_CANDIDATE.format(kind=labels.AID_KINDS[aid.aid_kind], name=aid.name)
                for aid in access.unconfirmed
            )
            text = labels.FACT_NOTE.format(fact=text, note=labels.CHINESE_CANDIDATES.format(candidates=candidates))
        yield text + labels.FACT_NOTE_CHECKED.format(checked=access.checked)


def fact_notes(record: Material) -> nodes.container | None:
    """查证说明: every fact of the record with its checked date and note, or ``None`` if it has none."""
    lines = list(_notes(record))
    if not lines:
        return None
    items = [nodes.list_item("", nodes.paragraph(line, line)) for line in lines]
    notes = nodes.container(classes=[NOTES])
    notes += nodes.paragraph(labels.FACT_NOTES, labels.FACT_NOTES, classes=[NOTES_TITLE])
    notes += nodes.bullet_list("", *items)
    return notes


def compact_notes(app: object, doctree: nodes.document, docname: str) -> None:
    """Print: each card's 查证说明 as one paragraph (the title, then every line, separated), not a
    list of up to five lines: they are for checking, and on paper a list took half a page."""
    for notes in list(doctree.findall(_is_notes)):
        title, *rest = notes.children
        lines = [item.astext() for part in rest for item in part.findall(nodes.list_item)]
        text = labels.FACT_NOTES_INLINE.format(title=title.astext(), notes=labels.FACT_NOTES_SEPARATOR.join(lines))
        notes.replace_self(nodes.paragraph(text, text, classes=[NOTES]))


def fold_notes(card: nodes.Element) -> None:
    """The web's 查证说明: folded under a ``<details>`` whose summary is the title."""
    for notes in list(card.findall(_is_notes)):
        title, *rest = notes.children
        notes.replace_self(fold("", *rest, classes=[NOTES], summary=title.astext()))


def _is_notes(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and NOTES in node["classes"]

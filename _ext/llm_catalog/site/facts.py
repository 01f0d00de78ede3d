"""A material's facts as a reader sees them: cost, hours or pages and Chinese access, each with
a link to where it was read ("依据") and, below the card, how each was checked (查证说明).

Builder-neutral nodes, like :mod:`render`: a source is an ordinary external reference (the
PDF prints its address as a footnote, the EPUB inline) whose title names the fact and the
site; the notes are a plain container in print, which the web folds under a ``<details>``
(:func:`fold_notes`, called as the web builds its cards).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from docutils import nodes

from ..data import derive, labels
from ..data.records import ChineseAid, Cost, Effort, Fact, Material, Pages
from .elements import fold

#: Class of a source link, of the facts line and of the notes container.
SOURCE = "llm-source"
FACTS_LINE = "llm-card-facets"
NOTES = "llm-card-factnotes"
NOTES_TITLE = "llm-card-factnotes-title"
#: Separates the facts of the facts line.
SEP = labels.SEPARATOR


def month(day: str) -> str:
    """``2026-12`` of ``2026-12-01``: when a fact was looked at, as a card says it."""
    return day[:7]


def cost_text(cost: Cost | None) -> str:
    if cost is None:
        return labels.COST_UNKNOWN
    if cost.derived:
        return derive.RULES_BY_ID[cost.derived].words + labels.DERIVED
    text = labels.COST_VALUES[cost.value]
    return text if cost.known else text + labels.LOOKED_IN.format(month=month(cost.checked))


def span_text(low: int, high: int) -> str:
    """``15`` or ``15–20``: a number of hours, or a range of them."""
    return str(low) if low == high else labels.RANGE.format(low=low, high=high)


def duration_text(minutes: int) -> str:
    """``3 小时 31 分钟``, ``3 小时``, ``45 分钟``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return labels.DURATION_MINUTES.format(minutes=rest)
    if not rest:
        return labels.DURATION_HOURS.format(hours=hours)
    return labels.DURATION.format(hours=hours, minutes=rest)


def effort_text(effort: Effort | None) -> str:
    """The hours and their kind; a derived figure with its derivation (16 讲 × 90 分钟 ≈ ...), a
    range as a range (10 讲 × 90–120 分钟 ≈ 15–20 小时视频), videos added up as their total."""
    if effort is None:
        return labels.EFFORT_UNKNOWN
    if not effort.known:
        return labels.EFFORT_KINDS["unknown"] + labels.LOOKED_IN.format(month=month(effort.checked))
    hours = span_text(*effort.span)
    if effort.videos and effort.total_minutes:
        duration = duration_text(effort.total_minutes)
        if effort.videos == 1:
            return labels.EFFORT_ONE_VIDEO.format(duration=duration)
        return labels.EFFORT_VIDEOS.format(videos=effort.videos, duration=duration)
    if effort.lectures and effort.minutes:
        figure = labels.EFFORT_DERIVED_FIGURE[effort.effort_kind].format(hours=hours)
        minutes = span_text(effort.minutes, effort.minutes_to or effort.minutes)
        return labels.EFFORT_DERIVED.format(lectures=effort.lectures, minutes=minutes, figure=figure)
    return labels.EFFORT_KINDS[effort.effort_kind].format(hours=hours)


def pages_text(pages: Pages) -> str:
    return labels.PAGES.format(count=pages.count)


def chinese_text(record: Material) -> str:
    """中文原版, the kinds of aid found, 查过，暂无中文资料（month）, or 未查中文资料."""
    if record.language == "zh":
        return labels.IN_CHINESE
    if record.aids:
        return labels.LIST_SEPARATOR.join(dict.fromkeys(labels.AID_KINDS[aid.aid_kind] for aid in record.aids))
    if record.chinese is not None:
        return labels.NO_CHINESE_FOUND.format(month=month(record.chinese.checked))
    return labels.NO_CHINESE


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


def _fact_part(text: str, fact: Fact | None) -> list[nodes.Node]:
    if fact is None or not fact.sources:
        return [nodes.Text(text)]
    return [nodes.Text(text), *source_links(text, fact.sources, fact.checked)]


def facts_line(record: Material) -> nodes.paragraph:
    """Cost · Chinese access · hours (or pages), every part present, each known fact with its sources.

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
    return para


def aid_sources(aid: ChineseAid) -> list[nodes.Node]:
    """Where an aid was found, when that is not the aid's own address."""
    name = labels.AID_KINDS[aid.aid_kind]
    return source_links(name, aid.sources, "") if aid.sources else []


def _notes(record: Material) -> Iterator[str]:
    """One line per fact: what it is, its note, and the day it was checked."""
    named: list[tuple[str, Fact]] = []
    if record.cost is not None:
        named.append((cost_text(record.cost), record.cost))
    if record.effort is not None:
        named.append((effort_text(record.effort), record.effort))
    if record.pages is not None:
        named.append((pages_text(record.pages), record.pages))
    for text, fact in named:
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


def fold_notes(card: nodes.Element) -> None:
    """The web's 查证说明: folded under a ``<details>`` whose summary is the title."""
    for notes in list(card.findall(_is_notes)):
        title, *rest = notes.children
        notes.replace_self(fold("", *rest, classes=[NOTES], summary=title.astext()))


def _is_notes(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and NOTES in node["classes"]

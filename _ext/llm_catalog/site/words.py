"""A record in words: what the card, the filter's row, the search index, print and the open data
say of it, made here once.

The words of a fact (its cost, hours, pages, Chinese access), of a record's place in the
prerequisite graph (a chapter's title), its facets and its search words come from one place, in
the words of ``labels.py``. What depends only on the record is kept per catalog
(:func:`of`), so a page that shows a record as a card, a row and a search entry computes it once.

The search words: Sphinx's search page finds an object (here: a record's card) when the query is
part of the object's name, and shows that name as the result's link. Each record's name is
therefore its title, then :data:`SEPARATOR`, then the words of its facts and facets: people,
institution and code, level, cost, Chinese access, topics, and the study paths that recommend it
(:data:`~llm_catalog.data.labels.SEARCH_PATH`), with its years and terms and whether it is built from
scratch. ``llm-search-zh.js`` shows the title as the link and the words after it, and ranks records
above pages that merely mention them.
"""

from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING, Any

from ..data import derive, facets, freshness, labels
from .names import chapter_anchor

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..data.records import (
        Book,
        Catalog,
        Cost,
        Course,
        Effort,
        Fact,
        Material,
        Pages,
        Record,
        Resource,
        Syllabus,
        Workload,
    )

#: Between a record's title and its search words (full-width, so no title contains it).
SEPARATOR = labels.SEARCH_SEPARATOR
#: Between two search words.
WORD_SEPARATOR = labels.SEPARATOR


def _variant_pattern(variant: str) -> str:
    """*variant* as a pattern that Python's ``re`` and JavaScript's ``RegExp`` (flag ``u``) read
    alike: a space is any spacing or none, and a Latin letter or digit at either end is no part
    of a longer word or number."""
    tokens = [re.sub(r"[\^$\\.*+?()\[\]{}|/]", lambda m: "\\" + m.group(0), token) for token in variant.split()]
    pattern = r"\s*".join(tokens)
    if re.match(r"[A-Za-z0-9]", variant):
        pattern = r"(?<![A-Za-z0-9])" + pattern
    if re.search(r"[A-Za-z0-9]$", variant):
        pattern += r"(?![A-Za-z0-9])"
    return pattern


#: Any way of saying "built from scratch" (:data:`~llm_catalog.data.labels.FROM_SCRATCH`), ignoring
#: case: the search language reads it in pages, the search page's script in queries.
FROM_SCRATCH_PATTERN = "|".join(f"(?:{_variant_pattern(variant)})" for variant in labels.FROM_SCRATCH)
_FROM_SCRATCH = re.compile(FROM_SCRATCH_PATTERN, re.IGNORECASE)


def says_from_scratch(text: str) -> bool:
    """Does *text* say "built from scratch" in one of the ways a learner says it?"""
    return _FROM_SCRATCH.search(text) is not None


def from_scratch(record: Record) -> bool:
    """A record counts as built from scratch when its own title, note or workload says so."""
    workload = getattr(record, "workload", None)
    texts = (record.title, getattr(record, "note", None) or "", workload.says if workload is not None else "")
    return any(says_from_scratch(text) for text in texts)


#: A year at the start of a search word (as ``facets.years`` finds years: 19xx or 20xx, no digit
#: after it); the search page's script reads a record's years, and a query's, with it.
YEAR_PATTERN = r"^(?:19|20)[0-9]{2}(?![0-9])"
_LEADING_YEAR = re.compile(YEAR_PATTERN)


def time_words(record: Record) -> list[str]:
    """When the record was taught or published, as search words: a course's term and its
    offerings' terms as written (``2025 春``), then each of its years (``facets.years``) that no
    term begins with. A word that begins with a year names that year (``llm-search-zh.js`` reads
    a record's years so)."""
    terms = [getattr(record, "term", None), *(offering.term for offering in getattr(record, "offerings", ()))]
    words = [term for term in dict.fromkeys(terms) if term]
    begun = {match[0] for term in words if (match := _LEADING_YEAR.match(term))}
    words += [year for year in facets.years(record) if year not in begun]
    return words


def month(day: str) -> str:
    """``2026-12`` of ``2026-12-01``: when a fact was looked at, as a card says it."""
    return day[:7]


def cost_text(cost: Cost | None) -> str:
    if cost is None:
        return labels.COST_UNKNOWN
    if cost.derived:
        return derive.RULES_BY_ID[cost.derived].words + labels.DERIVED
    text = labels.COST_VALUES[cost.value]
    return text


def checked_text(record: Material) -> str:
    """（2026-12 查证）: the month of the oldest check of the record's facts, said once per card
    (each fact's own day is in its 查证说明); nothing when no fact was checked."""
    facts = [fact for _, fact in record.facts()] + ([record.chinese] if record.chinese is not None else [])
    # A derived cost was not looked at: its date is the day its link was last reached.
    days = [fact.checked for fact in facts if fact.checked and not getattr(fact, "derived", None)]
    return labels.FACTS_CHECKED.format(month=month(min(days))) if days else ""


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
        return labels.EFFORT_KINDS["unknown"]
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


def workload_text(workload: Workload) -> str:
    """课外: the name of the fact; what it says is a paragraph of its own (nodes.fact_paragraphs)."""
    return labels.WORKLOAD_FACT


#: Each fact's words by its field (records.FACT_KINDS): a new kind of fact adds its function here.
FACT_TEXT: dict[str, Any] = {"cost": cost_text, "effort": effort_text, "pages": pages_text, "workload": workload_text}


def fact_text(name: str, fact: Fact) -> str:
    """A fact of the field *name* in a reader's words (费用, hours, pages ...)."""
    return FACT_TEXT[name](fact)


def chinese_text(record: Material) -> str:
    """中文原版, the kinds of aid found, 查过，暂无中文资料（month）, or 未查中文资料."""
    if record.language == "zh":
        return labels.IN_CHINESE
    if record.aids:
        return labels.LIST_SEPARATOR.join(dict.fromkeys(labels.AID_KINDS[aid.aid_kind] for aid in record.aids))
    if record.chinese is not None and record.chinese.unconfirmed:
        return labels.CHINESE_UNCONFIRMED
    if record.chinese is not None:
        return labels.NO_CHINESE_FOUND
    return labels.NO_CHINESE


def repository_text(record: Course | Book | Resource) -> str | None:
    """仓库已归档, or 超过一年未更新（最近 2024-05）; nothing for a repository still updated or unchecked.

    "A year" is counted back from the day GitHub was asked (``repository.checked``), never
    from the day of the build, so the same data always gives the same page (see freshness.py).
    """
    found = freshness.state(record.repository)
    if found == freshness.ARCHIVED:
        return labels.REPOSITORY_ARCHIVED
    if found == freshness.STALE and record.repository is not None:
        return labels.REPOSITORY_STALE.format(month=record.repository.pushed[:7])
    return None


def node_title(catalog: Catalog, node: str, heading: str = labels.CHAPTER_HEADING) -> str:
    """A record or chapter as a reader names it: the record's title, and for a chapter the
    *heading* (第 N 章 and the chapter's title) after it; an unknown node is its own id."""
    found = catalog.chapter(node)
    if found is None:
        return node
    return chapter_title(*found, heading)


def chapter_title(record: Record, chapter: Any, heading: str = labels.CHAPTER_HEADING) -> str:
    """A record's title, and when *chapter* is given, *heading* (第 N 章 and its title) after it."""
    if chapter is None:
        return record.title
    return f"{record.title} {heading.format(number=chapter.number, title=chapter.title)}"


#: 第 N 章 and a chapter's title with a plain space between them (a material of 现在可以学, a related one).
TEACHER_HEADING = labels.CHAPTER + " {title}"


def teacher_title(catalog: Catalog, node: str) -> str:
    """A material of 现在可以学: 第 N 章 and the title with a plain space between them."""
    return node_title(catalog, node, TEACHER_HEADING)


def row_text(record: Record, values: dict[str, tuple[str, ...]], *, unreleased: bool = False) -> str:
    """The filter row's one line: 未发布 for what cannot be studied yet, who made it (a course's
    institution), its newest year, its level, its cost and length in its card's words (unknown
    included: 费用未查, 时长未确认 ...), its formats and whether it can be studied in Chinese
    (*values*: the record's ``facets.values``).

    The length is short: a known number of hours or pages, else the hours' state. A derived figure
    leaves its derivation on the card (16 讲 × 90 分钟 ≈ 24 小时课堂时间) and keeps its result, in the
    words a card gives hours of that kind (约 24 小时课堂时间).
    """
    parts = [labels.CHAPTER_STATUS["unreleased"] if unreleased else ""]
    parts.append(getattr(record, "institution", None) or "")
    parts += [labels.FILTER["year"].format(year=year) for year in values["year"][:1] if year != facets.UNKNOWN]
    parts += [labels.LEVELS.get(value, "") for value in values["level"]]
    effort, pages = getattr(record, "effort", None), getattr(record, "pages", None)
    parts.append(cost_text(getattr(record, "cost", None)))
    lengths = []
    if effort is not None and effort.known:
        derivation = effort.lectures and effort.minutes and not (effort.videos and effort.total_minutes)
        hours = labels.EFFORT_KINDS[effort.effort_kind].format(hours=span_text(*effort.span))
        lengths.append(hours if derivation else effort_text(effort))
    if pages is not None:
        lengths.append(pages_text(pages))
    parts += lengths or [effort_text(effort)]
    parts.append(labels.LIST_SEPARATOR.join(labels.FACET_FORMATS[f] for f in values["format"] if f != facets.UNKNOWN))
    if values["lang"]:
        parts.append(labels.FILTER["in-chinese"])
    return labels.SEPARATOR.join(part for part in parts if part)


def search_words(catalog: Catalog, record: Record) -> tuple[str, ...]:
    """The record's search words, each once, in the order a card shows them: first what it is
    (课程, 课本, 资源 and a resource's kind), which every record has, so no record is named by its
    title alone; then when (its terms and years), who, and what it offers."""
    words: list[str] = [labels.OBJECT_TYPES[record.record_type]]
    if catalog.unreleased(record.id):
        words.append(labels.CHAPTER_STATUS["unreleased"])
    kind = getattr(record, "resource_kind", None)
    if kind:
        words.append(labels.RESOURCE_KINDS[kind])
    words.extend(time_words(record))
    people = (
        *getattr(record, "instructors", ()),
        *getattr(record, "authors", ()),
        *([record.author] if getattr(record, "author", None) else []),
    )
    words.extend(people)
    for field in ("institution", "code", "publisher"):
        value = getattr(record, field, None)
        if value:
            words.append(str(value))
    level = getattr(record, "level", None)
    if level:
        words.append(labels.LEVELS[level])
        if level in labels.BEGINNER_LEVELS:
            words.append(labels.BEGINNER)
    cost = getattr(record, "cost_value", None)
    if cost:
        words.append(labels.COSTS[cost])
    if getattr(record, "language", None) == "zh":
        words.append(labels.IN_CHINESE)
    for aid in getattr(record, "aids", ()):
        words.append(labels.AID_KINDS[aid.aid_kind])
    if record.record_type != "syllabus" and facets.in_chinese(record):
        words.append(labels.FILTER["in-chinese"])
    if from_scratch(record):
        words.append(labels.FROM_SCRATCH_WORD)
    for topic_id in record.topics:
        topic = catalog.topic(topic_id)
        if topic is not None:
            words.append(topic.title)
    for path in catalog.paths:
        if any(step.record == record.id for step in path.steps):
            words.append(labels.SEARCH_PATH.format(title=path.title))
    return tuple(dict.fromkeys(word for word in words if SEPARATOR not in word))


def search_name(catalog: Catalog, record_id: str, title: str) -> str:
    """The name of a record's entry in the search index: its title and its search words."""
    record = catalog.get(record_id)
    words = search_words(catalog, record) if record is not None else ()
    return f"{title}{SEPARATOR}{WORD_SEPARATOR.join(words)}" if words else title


def chapter_entries(catalog: Catalog, syllabus: Syllabus) -> Iterator[tuple[str, str, str]]:
    """Each chapter of *syllabus* as a search entry: its id (``llm101n#3``), its name (the
    chapter heading, then the syllabus' title, the chapter's own keywords, status and topics)
    and its anchor on the syllabus' card."""
    for chapter in syllabus.chapters:
        heading = labels.CHAPTER_HEADING.format(number=chapter.number, title=chapter.title)
        words = [syllabus.title]
        if chapter.keywords:
            words.append(chapter.keywords)
        if chapter.status:
            words.append(labels.CHAPTER_STATUS[chapter.status])
        words.extend(topic.title for topic_id in chapter.topics if (topic := catalog.topic(topic_id)) is not None)
        words = [word for word in dict.fromkeys(words) if SEPARATOR not in word and WORD_SEPARATOR not in word]
        name = f"{heading}{SEPARATOR}{WORD_SEPARATOR.join(words)}"
        yield f"{syllabus.id}#{chapter.number}", name, chapter_anchor(syllabus.id, chapter.number)


class Words:
    """What one catalog's records say, each computed once (the catalog lives for one build)."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = weakref.ref(catalog)  # not kept alive by its own words (see _WORDS)
        self._facets: dict[str, dict[str, tuple[str, ...]]] = {}
        self._search: dict[str, tuple[str, ...]] = {}

    @property
    def catalog(self) -> Catalog:
        catalog = self._catalog()
        assert catalog is not None, "the words of a catalog outlived it"
        return catalog

    def facets(self, record: Record) -> dict[str, tuple[str, ...]]:
        """The record's facets (``facets.values``), computed once per record."""
        found = self._facets.get(record.id)
        if found is None:
            found = self._facets[record.id] = facets.values(record)
        return found

    def search(self, record: Record) -> tuple[str, ...]:
        found = self._search.get(record.id)
        if found is None:
            found = self._search[record.id] = search_words(self.catalog, record)
        return found

    def row(self, record: Record) -> str:
        """The filter row's one line: who made it, its year, level, cost, length and formats."""
        return row_text(record, self.facets(record), unreleased=self.catalog.unreleased(record.id))


#: Each catalog's words by the catalog's identity. Not a WeakKeyDictionary: a catalog is a frozen
#: dataclass, whose hash walks every record, so each lookup took time in proportion to the records
#: and a build of 5,000 took minutes. The entry goes when its catalog does.
_WORDS: dict[int, Words] = {}


def of(catalog: Catalog) -> Words:
    """The words of *catalog*'s records, made once per catalog."""
    found = _WORDS.get(id(catalog))
    if found is None or found._catalog() is not catalog:
        found = _WORDS[id(catalog)] = Words(catalog)
        weakref.finalize(catalog, _WORDS.pop, id(catalog), None)
    return found

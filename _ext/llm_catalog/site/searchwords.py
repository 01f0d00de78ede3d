"""The words a learner searches for a record, carried by its entry in the search index.

Sphinx's search page finds an object (here: a record's card) when the query is part of the
object's name, and shows that name as the result's link. Each record's name is therefore its
title, then :data:`SEPARATOR`, then the words of its facts and facets: people, institution and
code, level, cost, Chinese access, topics, and the study paths that recommend it
(:data:`~llm_catalog.data.labels.SEARCH_PATH`). ``llm-search-zh.js`` shows the title as the link and
the words after it, and ranks records above pages that merely mention them. Everything here is
derived from the record's own fields, in the words its card and the filter use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..data import facets, labels
from .names import NO_SEARCH
from .render import anchor, chapter_anchor

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..data.records import Catalog, Record, Syllabus

#: Between a record's title and its search words (full-width, so no title contains it).
SEPARATOR = labels.SEARCH_SEPARATOR
#: Between two search words.
WORD_SEPARATOR = labels.SEPARATOR


def script_settings() -> dict[str, str]:
    """What ``llm-search-zh.js`` needs to read the names (in the page's configuration)."""
    return {
        "separator": SEPARATOR,
        "wordSeparator": WORD_SEPARATOR,
        "pathWord": labels.SEARCH_PATH.partition("{")[0],
        "recordAnchor": "#" + anchor(""),
        "notText": f".{NO_SEARCH}, [hidden], form, select",
    }


def search_words(catalog: Catalog, record: Record) -> tuple[str, ...]:
    """The record's search words, each once, in the order a card shows them: first what it is
    (课程, 课本, 资源 and a resource's kind), which every record has, so no record is named by its
    title alone."""
    words: list[str] = [labels.OBJECT_TYPES[record.record_type]]
    kind = getattr(record, "resource_kind", None)
    if kind:
        words.append(labels.RESOURCE_KINDS[kind])
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

"""Open data published with the HTML site: ``catalog.json`` with its JSON Schema, and ``feed.xml``.

Both are written by the multi-page web builds (html, dirhtml; see :mod:`.builders`) beside
``index.html``, so Read the Docs publishes them at stable addresses, from the data file as read
and the cards the pages show:

- ``catalog.json``: every record with its id, type, card address, every field exactly as the
  data file has it (so a field added to the schema flows in without code here), the facts the
  stated rules derived (``derived``, see derive.py) and its facets
  exactly as the site's filter derives them (facets.py: level, Chinese access, format, cost,
  topic; "unknown" where the data says nothing);
- ``catalog-schema.json``: the JSON Schema of ``catalog.json``, built from the data file's own
  schema, so each record's fields are checked by the same definitions as the data file;
- ``feed.xml``: an Atom feed (RFC 4287) of the newest records with an ``added`` date (as many as
  the 最近收录 page shows, RECENT_SHOWN), newest first, each with its type as a category; it names
  ``feed.xsl`` (:mod:`.feedstyle`), which lays it out as a Chinese page in a browser.

Where the site's canonical address is known (``html_baseurl``; conf.py sets it on Read the Docs),
catalog.json gives it as ``site`` and each record's absolute ``url``, and every link of the feed
is absolute (the feed's ``xml:base`` is that address); a local build says ``site: null`` and
keeps the feed's links relative to the feed, which lives at the site root.
"""

from __future__ import annotations

import html
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from docutils import nodes
from sphinx.util.osutil import relative_uri

from ..data import derive, labels
from ..data.records import RECORD_TYPES, Catalog, Record, Syllabus
from ..data.validate import read_schema
from ..site import __version__
from ..site.domain import catalog_domain
from ..site.names import has_class
from ..site.words import Words
from ..site.words import of as words_of
from . import feedstyle
from . import recent as shown_recently
from .recent import OPEN_DATA_ONLY, SITE_FILE

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

CATALOG_JSON = "catalog.json"
CATALOG_SCHEMA = "catalog-schema.json"
FEED = "feed.xml"
FORMAT_VERSION = 1

ATOM = "http://www.w3.org/2005/Atom"
XML = "http://www.w3.org/XML/1998/namespace"


def _facets(words: Words, record: Record) -> dict[str, Any]:
    """The record's facets as the site's filter sees them (facets.py), plus its type.

    A syllabus is not filtered on the site; its topics (from its chapters) are its one facet.
    """
    found: dict[str, Any] = {"type": record.record_type}
    if isinstance(record, Syllabus):
        found["topic"] = list(record.topics)
    else:
        found.update({key: list(value) for key, value in words.facets(record).items()})
    return found


def _derived(record: Record) -> dict[str, Any]:
    """The facts the stated rules derived (derive.py), which ``fields`` does not hold."""
    cost = getattr(record, "cost", None)
    if cost is None or not cost.derived:
        return {}
    rule = derive.RULES_BY_ID[cost.derived]
    return {"derived": {"cost": {"value": cost.value, "rule": rule.id, "words": rule.words, "source": cost.sources[0]}}}


def card_address(app: Sphinx, record_id: str) -> str | None:
    """The record's card, relative to the site root (``materials/x.html#llm-id``)."""
    shown = catalog_domain(app.env).objects.get(record_id)
    if shown is None:
        return None
    return f"{app.builder.get_target_uri(shown.docname)}#{shown.anchor}"


def site_address(app: Sphinx) -> str | None:
    """The site's canonical address, ending in ``/``, when it is known: ``html_baseurl``, which
    conf.py sets from Read the Docs' ``READTHEDOCS_CANONICAL_URL``. None for a local build."""
    base = app.config.html_baseurl
    return f"{base.rstrip('/')}/" if base else None


def _absolute(app: Sphinx, relative: str) -> str:
    """*relative* (to the site root) at the site's canonical address; as it is where none is known."""
    site = site_address(app)
    return f"{site}{relative}" if site else relative


def catalog_export(app: Sphinx, catalog: Catalog, schema: dict) -> dict[str, Any]:
    records = []
    words = words_of(catalog)
    site = site_address(app)
    for record_type in RECORD_TYPES:
        definition = record_type.record_type  # also the name of its definition in the schema
        for fields in catalog.source.get(record_type.section) or []:
            record = catalog.get(fields["id"])
            assert record is not None  # the loader built one record per item
            card = card_address(app, record.id)
            records.append(
                {
                    "id": record.id,
                    "type": definition,
                    "title": record.title,
                    "card": card,
                    # Absolute only where the site's address is known (html_baseurl, set on Read the Docs).
                    "url": _absolute(app, card) if card and site else None,
                    "fields": fields,
                    "facets": _facets(words, record),
                    **_derived(record),
                }
            )
    source = catalog.source
    return {
        "format_version": FORMAT_VERSION,
        "title": app.config.project,
        "site": site,
        "generator": f"llm_catalog {__version__}",
        "schema": CATALOG_SCHEMA,
        "categories": source.get("categories", []),
        "topics": source.get("topics", []),
        "book_groups": source.get("book_groups", []),
        "records": records,
    }


def export_schema(schema: dict) -> dict[str, Any]:
    """The JSON Schema of catalog.json: the data file's definitions plus the export's frame."""
    record_types = [record_type.record_type for record_type in RECORD_TYPES]
    by_type = [
        {
            "if": {"properties": {"type": {"const": t}}},
            "then": {"properties": {"fields": {"$ref": f"#/definitions/{t}"}}},
        }
        for t in record_types
    ]
    facet = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    nullable_text = {"type": ["string", "null"]}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "catalog.json of the LLM study guide",
        "description": (
            "Every record of the guide. `fields` holds the record exactly as the data file "
            "_data/catalog.yaml has it (the same definitions validate it); `facets` lists the "
            "values a reader can filter by; `card` is the record's card relative to the site root. "
            "`site` is the site's canonical address and each record's `url` its card's absolute "
            "address, where the build knew that address (null otherwise)."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["format_version", "title", "records", "categories", "topics", "book_groups"],
        "properties": {
            "format_version": {"const": FORMAT_VERSION},
            "title": {"type": "string"},
            "site": nullable_text,
            "generator": {"type": "string"},
            "schema": {"type": "string"},
            "categories": {"type": "array", "items": {"$ref": "#/definitions/category"}},
            "topics": {"type": "array", "items": {"$ref": "#/definitions/topic"}},
            "book_groups": {"type": "array", "items": {"$ref": "#/definitions/bookGroup"}},
            "records": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "type", "title", "card", "url", "fields", "facets"],
                    "properties": {
                        "id": {"$ref": "#/definitions/id"},
                        "type": {"enum": record_types},
                        "title": {"type": "string"},
                        "card": nullable_text,
                        "url": nullable_text,
                        "fields": {"type": "object"},
                        "derived": {
                            "description": (
                                "Facts derived by the guide's stated rules rather than read (a public "
                                "video is free to watch ...): the value, the rule's id and words, and the "
                                "link it was derived from. Present only when a rule applied."
                            ),
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {
                                "cost": {
                                    "type": "object",
                                    "additionalProperties": False,
                                    "required": ["value", "rule", "words", "source"],
                                    "properties": {
                                        "value": {"type": "string"},
                                        "rule": {"enum": [rule.id for rule in derive.COST_RULES]},
                                        "words": {"type": "string"},
                                        "source": {"type": "string"},
                                    },
                                }
                            },
                        },
                        "facets": {
                            "type": "object",
                            "required": ["type"],
                            "additionalProperties": facet,
                        },
                    },
                    "allOf": by_type,
                },
            },
        },
        "definitions": schema["definitions"],
    }


def _iso(day: str) -> str:
    return f"{day}T00:00:00Z"


def _entry_id(record_id: str) -> str:
    """A stable, absolute id per record (Atom requires an IRI), independent of where the site lives."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"llm-study-guide:record:{record_id}").urn


def recent(catalog: Catalog) -> list[Record]:
    """The newest records with an ``added`` date (shown_recently.RECENT_SHOWN), newest first, as 最近收录 shows them.

    A feed reader wants what is new; every record, dated or not, is in catalog.json.
    """
    return catalog.dated()[: shown_recently.RECENT_SHOWN]


def atom_feed(app: Sphinx, catalog: Catalog) -> bytes:
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    records = recent(catalog)
    feed = ET.Element(f"{{{ATOM}}}feed")
    feed.set(f"{{{XML}}}lang", "zh-CN")
    # Every link is absolute where the site's address is known, and the feed says where it lives;
    # a local build keeps links relative to the feed itself (beside index.html).
    site = site_address(app)
    if site:
        feed.set(f"{{{XML}}}base", site)
    sub(feed, "id", uuid.uuid5(uuid.NAMESPACE_URL, "llm-study-guide:feed").urn)
    sub(feed, "title", labels.FEED_TITLE.format(project=app.config.project))
    sub(feed, "subtitle", labels.FEED_SUBTITLE)
    # With no dated record the feed is still valid: it was last changed when it was built.
    newest = records[0].added if records and records[0].added else datetime.now(UTC).date().isoformat()
    sub(feed, "updated", _iso(newest))
    author = sub(feed, "author")
    sub(author, "name", app.config.author)
    sub(feed, "link", rel="self", type="application/atom+xml", href=_absolute(app, FEED))
    recent_page = catalog_domain(app.env).recent_page
    if recent_page:
        sub(
            feed,
            "link",
            rel="alternate",
            type="text/html",
            href=_absolute(app, app.builder.get_target_uri(recent_page)),
        )
    sub(feed, "generator", "llm_catalog", version=__version__)
    for record in records:
        entry = sub(feed, "entry")
        sub(entry, "id", _entry_id(record.id))
        sub(entry, "title", record.title)
        sub(entry, "published", _iso(record.added or ""))
        sub(entry, "updated", _iso(record.added or ""))
        card = card_address(app, record.id)
        if card:
            sub(entry, "link", rel="alternate", type="text/html", href=_absolute(app, card))
        note = getattr(record, "note", None)
        type_word = labels.OBJECT_TYPES[record.record_type]
        sub(entry, "summary", labels.FEED_SUMMARY.format(type=type_word, note=note) if note else type_word)
        # The record's type, for readers that list categories and for feed.xsl.
        sub(entry, "category", term=record.record_type, scheme=feedstyle.TYPE_SCHEME, label=type_word)
        for topic_id in record.topics:
            topic = catalog.topic(topic_id)
            if topic:
                sub(entry, "category", term=topic.id, label=topic.title)
    ET.indent(feed)
    # A browser lays the feed out as a page with feed.xsl (feedstyle.py); feed readers ignore it.
    head = f"<?xml version='1.0' encoding='utf-8'?>\n{feedstyle.STYLESHEET_PI}\n"
    return head.encode("utf-8") + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"


def write_files(app: Sphinx) -> None:
    """catalog.json, its schema, feed.xml and its stylesheet feed.xsl beside index.html."""
    domain = catalog_domain(app.env)
    schema_file = app.config.llm_catalog_schema or str(
        Path(app.config.llm_catalog_file).with_name("catalog.schema.json")
    )
    schema_path = Path(app.confdir, schema_file)
    schema = read_schema(str(schema_path.resolve()))
    out = Path(app.outdir)
    data = catalog_export(app, domain.catalog, schema)
    (out / CATALOG_JSON).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / CATALOG_SCHEMA).write_text(
        json.dumps(export_schema(schema), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    (out / FEED).write_bytes(atom_feed(app, domain.catalog))
    (out / feedstyle.FEED_STYLE).write_bytes(feedstyle.stylesheet(shown_recently.RECENT_SHOWN))


def feed_link(app: Sphinx, context: dict) -> None:
    """A page announces the feed, so feed readers find it from any page."""
    href = context["pathto"](FEED, 1)
    title = html.escape(labels.FEED_TITLE.format(project=app.config.project))
    context["metatags"] = (
        context.get("metatags", "")
        + f'\n<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}" />'
    )


def place_links(doctree: nodes.document, builder: Builder, docname: str, *, written: bool) -> None:
    """Where the open data is *written*, its links point to it from the page; elsewhere (a
    single page, print) what speaks of it (the line that links it, the clause naming catalog.json
    in the note on a cut list) goes."""
    for part in list(doctree.findall(has_class(OPEN_DATA_ONLY))):
        if not written:
            part.parent.remove(part)
            continue
        for reference in part.findall(nodes.reference):
            if SITE_FILE in reference:
                reference["refuri"] = relative_uri(builder.get_target_uri(docname), reference[SITE_FILE])

"""Edits of the data file's text as a contributor makes them: add a record, make room for one."""

from __future__ import annotations

import re

import yaml

# The duplicate-address rule's own comparison: make_room takes out what check would call the same.
from llm_catalog.rules.checks import _same_address as same_address

#: The lists of records, the sections of the data file whose items share one id namespace.
RECORD_SECTIONS = ("courses", "syllabi", "books", "resources")


def without_records(text: str, ids: set[str]) -> str:
    """The data file's text without the records whose id is in *ids* (as a contributor would delete them).

    Tests that add example records first take out any record with the same id, so they keep
    passing after a contributor adds that very record to the real catalog.
    """
    out: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        if line.startswith("  - "):
            skipping = line.startswith("  - id: ") and line[len("  - id: ") :].strip() in ids
        elif not line.startswith("    ") and line.strip():
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


def _identity(record: dict) -> tuple[set[str], tuple[str, str] | None]:
    """What makes two records the same material for `make check`: their addresses, and for a
    course its institution and title."""
    owners = [record, *(o for o in record.get("offerings") or [] if isinstance(o, dict))]  # a course's offerings
    links = [link for owner in owners for link in owner.get("links") or []]
    urls = {same_address(link["url"]) for link in links if isinstance(link, dict) and "url" in link}
    named = None
    if "category" in record and record.get("institution") and record.get("title"):
        named = (str(record["institution"]).strip().casefold(), str(record["title"]).strip().casefold())
    return urls, named


def same_material(text: str, snippet: str) -> list[str]:
    """The ids of the records of *text* that are the same material as the record *snippet*."""
    data = yaml.load(text, Loader=yaml.BaseLoader)
    existing = [item for key in RECORD_SECTIONS for item in data.get(key) or [] if isinstance(item, dict)]
    (record,) = yaml.load(snippet, Loader=yaml.BaseLoader)
    urls, named = _identity(record)
    return [
        item["id"]
        for item in existing
        if item.get("id") == record["id"]
        or urls & _identity(item)[0]
        or (named is not None and named == _identity(item)[1])
    ]


def make_room(text: str, *snippets: str) -> tuple[str, list[str]]:
    """The data file's text ready for *snippets* (records as a contributor writes them) to be added.

    A record that is the same material as one of the snippets is taken out first: the same id,
    any of the same addresses, or (courses) the same institution and title. So a test that adds
    a real example material keeps passing after a contributor adds that very material, under any
    id. When the material was there under another id, the snippet takes that id, so the study
    paths and requirements that name it still hold. Returns the text and the snippets as added.
    """
    remove: set[str] = set()
    added: list[str] = []
    for snippet in snippets:
        (record,) = yaml.load(snippet, Loader=yaml.BaseLoader)
        same = same_material(text, snippet)
        remove.update(same)
        if same and record["id"] not in same:
            snippet = re.sub(rf"^(  - id: ){re.escape(record['id'])}$", rf"\g<1>{same[0]}", snippet, flags=re.M)
        added.append(snippet)
    return without_records(text, remove), added


def add_to_section(text: str, section: str, snippet: str) -> str:
    """*snippet* (records in the file's block style) at the end of the list *section*, as a
    contributor adds them: before the next top-level key and its blank line, or at the end."""
    lines = text.splitlines(keepends=True)
    start = lines.index(f"{section}:\n")
    end = next((n for n in range(start + 1, len(lines)) if re.match(r"[a-z_]+:", lines[n])), len(lines))
    while end > start + 1 and not lines[end - 1].strip():  # keep the blank line between sections
        end -= 1
    if lines[end - 1] == f"{section}: []\n" or not lines[end - 1].endswith("\n"):
        lines[end - 1] = lines[end - 1].rstrip("\n").removesuffix(" []") + "\n"
    lines.insert(end, snippet if snippet.endswith("\n") else snippet + "\n")
    return "".join(lines)


def record_id(snippet: str) -> str:
    """The id of the record *snippet* (as :func:`make_room` returned it)."""
    return re.search(r"^  - id: (\S+)$", snippet, re.MULTILINE).group(1)


def block(item: dict) -> str:
    """A record as a contributor writes it: a block item of its list, two spaces in."""
    text = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=1_000_000)
    return "".join(f"  {line}" if line.strip() else line for line in text.splitlines(keepends=True))

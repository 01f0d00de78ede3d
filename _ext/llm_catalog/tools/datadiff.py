"""``python -m llm_catalog diff BASE HEAD``: what a change to the data file adds, removes and changes."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..data.problems import CatalogInvalid, print_problems
from ..data.records import Catalog
from ..rules.load import load
from . import pagescan

#: The data file's lists of items with an id: (top-level key, word for one item, key of its pages).
KINDS: tuple[tuple[str, str, str | None], ...] = (
    ("categories", "category", "category"),
    ("topics", "topic", None),
    ("book_groups", "book group", "book_group"),
    ("courses", "course", "record"),
    ("syllabi", "syllabus", "record"),
    ("books", "book", "record"),
    ("resources", "resource", "record"),
    ("paths", "path", "path"),
)

#: What tells the items of a list of mappings apart, so that an edited item reads as changed
#: rather than as one removed and one added (a link is its address, a chapter its number).
ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "links": ("url",),
    "chinese": ("url",),
    "chapters": ("number",),
    "parts": ("title",),
    # A course's offering is its term (each is listed once: checks.offering_terms_are_unique).
    "offerings": ("term",),
    "further": ("title",),
    # A path's step is its record, or one chapter of it (as the graph names it: slp3#10).
    "steps": ("record", "chapter"),
}

NOT_SHOWN = "(not shown on any page)"


class _Absent:
    def __repr__(self) -> str:
        return "(none)"


#: A field that one of the two versions does not have.
ABSENT = _Absent()


@dataclass(frozen=True)
class FieldChange:
    """One difference inside an item: a value set, or an item added to, removed from or moved in a list."""

    field: str
    action: Literal["set", "added", "removed", "reordered"]
    old: object = ABSENT
    new: object = ABSENT


@dataclass(frozen=True)
class ItemChange:
    kind: str
    id: str
    title: str
    #: Pages in the version the item is in (the head's, for a changed item).
    pages: tuple[str, ...] | None
    #: For a changed item whose pages moved: the pages in the base version.
    old_pages: tuple[str, ...] | None = None
    fields: tuple[FieldChange, ...] = ()


@dataclass
class DataDiff:
    base: str
    head: str
    added: list[ItemChange] = field(default_factory=list)
    removed: list[ItemChange] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def summary(self) -> str:
        """``2 added, 1 removed, 3 changed (course +1 ~2, book -1 ...)``."""
        per_kind: dict[str, list[str]] = {}
        for sign, items in (("+", self.added), ("-", self.removed), ("~", self.changed)):
            counts: dict[str, int] = {}
            for item in items:
                counts[item.kind] = counts.get(item.kind, 0) + 1
            for kind, count in counts.items():
                per_kind.setdefault(kind, []).append(f"{sign}{count}")
        order = [word for _, word, _ in KINDS]
        detail = ", ".join(f"{kind} {' '.join(per_kind[kind])}" for kind in order if kind in per_kind)
        return f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed ({detail})"


# -- Comparing -------------------------------------------------------------------------------


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _diff_value(name: str, old: object, new: object) -> Iterator[FieldChange]:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        yield from _diff_mapping(old, new, f"{name}.")
    elif isinstance(old, list) and isinstance(new, list):
        yield from _diff_list(name, old, new)
    else:
        yield FieldChange(name, "set", old, new)


def _diff_mapping(old: dict, new: dict, prefix: str = "") -> Iterator[FieldChange]:
    for key in [*new, *(k for k in old if k not in new)]:
        yield from _diff_value(f"{prefix}{key}", old.get(key, ABSENT), new.get(key, ABSENT))


def _key_fields(name: str) -> tuple[str, ...] | None:
    """The :data:`ITEM_KEYS` entry of a list field, by its last name (``chapters[3].links`` is ``links``)."""
    return ITEM_KEYS.get(name.rsplit(".", 1)[-1].split("[", 1)[0])


def _item_key(fields: tuple[str, ...], item: object) -> str | None:
    if not isinstance(item, dict) or item.get(fields[0]) is None:
        return None
    return "#".join(str(item[f]) for f in fields if item.get(f) is not None)


def _item_keys(name: str, items: list) -> list[Hashable] | None:
    """Keys of a list's items; ``None`` when they do not tell every item apart (then whole items are compared)."""
    fields = _key_fields(name)
    if fields is None:
        return None
    keys = [_item_key(fields, item) for item in items]
    if None in keys or len(set(keys)) != len(keys):
        return None
    return keys


def _diff_list(name: str, old: list, new: list) -> Iterator[FieldChange]:
    old_keys, new_keys = _item_keys(name, old), _item_keys(name, new)
    keyed = old_keys is not None and new_keys is not None
    if not keyed:
        old_keys, new_keys = [_canonical(v) for v in old], [_canonical(v) for v in new]
        if len(set(old_keys)) != len(old_keys) or len(set(new_keys)) != len(new_keys):
            # Repeated values cannot be matched one to one: show the whole list before and after.
            yield FieldChange(name, "set", old, new)
            return
    assert old_keys is not None and new_keys is not None
    old_by, new_by = dict(zip(old_keys, old, strict=True)), dict(zip(new_keys, new, strict=True))
    for key, item in old_by.items():
        if key not in new_by:
            yield FieldChange(name, "removed", old=item)
    for key, item in new_by.items():
        if key not in old_by:
            yield FieldChange(name, "added", new=item)
    if keyed:
        for key, item in new_by.items():
            if key in old_by:
                yield from _diff_value(f"{name}[{key}]", old_by[key], item)
    kept_old = [k for k in old_keys if k in new_by]
    kept_new = [k for k in new_keys if k in old_by]
    if kept_old != kept_new:
        # Items with a key are named by it (a path's steps by record); plain values by themselves.
        if keyed:
            yield FieldChange(name, "reordered", kept_old, kept_new)
        else:
            yield FieldChange(name, "reordered", [old_by[k] for k in kept_old], [new_by[k] for k in kept_new])


def _items(data: dict, key: str) -> dict[str, dict]:
    return {item["id"]: item for item in data.get(key) or () if isinstance(item, dict) and "id" in item}


Pages = dict[pagescan.Key, list[str]]


def compare(base: Catalog, head: Catalog, base_pages: Pages | None = None, head_pages: Pages | None = None) -> DataDiff:
    """The differences between two checked versions of the data; *_pages* as :func:`pagescan.pages` gives."""
    diff = DataDiff(base.path, head.path)
    base_pages, head_pages = base_pages or {}, head_pages or {}

    def pages_of(where: Pages, page_key: str | None, item_id: str) -> tuple[str, ...] | None:
        return None if page_key is None else tuple(where.get((page_key, item_id), ()))

    for key, word, page_key in KINDS:
        old_items, new_items = _items(base.source, key), _items(head.source, key)
        for item_id, item in old_items.items():
            if item_id not in new_items:
                pages = pages_of(base_pages, page_key, item_id)
                diff.removed.append(ItemChange(word, item_id, str(item.get("title", "")), pages))
        for item_id, item in new_items.items():
            pages = pages_of(head_pages, page_key, item_id)
            if item_id not in old_items:
                diff.added.append(ItemChange(word, item_id, str(item.get("title", "")), pages))
                continue
            fields = tuple(_diff_mapping(old_items[item_id], item))
            if fields:
                old_pages = pages_of(base_pages, page_key, item_id)
                moved = old_pages if old_pages != pages else None
                diff.changed.append(ItemChange(word, item_id, str(item.get("title", "")), pages, moved, fields))
    return diff


# -- Writing: plain text ---------------------------------------------------------------------


def _plain(value: object) -> str:
    """A value as it reads in a diff: text quoted, lists and mappings in YAML's flow style."""
    if value is ABSENT:
        return "(none)"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False, default=str)


def _item(name: str, value: object) -> str:
    """An item of a list field: a link by its address, a chapter by its number, then its other fields."""
    fields = _key_fields(name)
    if fields and isinstance(value, dict) and (key := _item_key(fields, value)) is not None:
        rest = {k: v for k, v in value.items() if k not in fields}
        return f"{key} {_plain(rest)}" if rest else key
    return value if isinstance(value, str) else _plain(value)


def _order(change: FieldChange, items: object) -> str:
    """The items of a reordered list, in their order."""
    return ", ".join(_item(change.field, v) for v in items) if isinstance(items, list) else _plain(items)


def _pages_text(item: ItemChange) -> str:
    if item.pages is None:
        return ""
    now = ", ".join(item.pages) or NOT_SHOWN
    if item.old_pages is not None:
        return f" — page {', '.join(item.old_pages) or NOT_SHOWN} → {now}"
    return f" — page {now}" if item.pages else f" — {NOT_SHOWN}"


def _change_text(change: FieldChange) -> str:
    match change.action:
        case "set":
            return f"{change.field}: {_plain(change.old)} → {_plain(change.new)}"
        case "added":
            return f"{change.field}: added {_item(change.field, change.new)}"
        case "removed":
            return f"{change.field}: removed {_item(change.field, change.old)}"
        case _:
            return f"{change.field}: order changed: {_order(change, change.old)} → {_order(change, change.new)}"


def text(diff: DataDiff) -> str:
    lines = [f"Data file {diff.head} compared with {diff.base}: {diff.summary()}"]
    for heading, sign, items in (("Added", "+", diff.added), ("Removed", "-", diff.removed)):
        if items:
            lines += ["", f"{heading}:"]
            lines += [f"  {sign} {i.kind} {i.id} {_plain(i.title)}{_pages_text(i)}" for i in items]
    if diff.changed:
        lines += ["", "Changed:"]
        for item in diff.changed:
            lines.append(f"  ~ {item.kind} {item.id}{_pages_text(item)}")
            lines += [f"      {_change_text(change)}" for change in item.fields]
    return "\n".join(lines) + "\n"


# -- Writing: Markdown -----------------------------------------------------------------------

#: Characters that Markdown (GitHub's included) may read as markup, escaped with a backslash.
_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:@])")


def md_text(value: object) -> str:
    """Data as literal Markdown text: no markup, link, HTML or table cell border can come from it."""
    raw = value if isinstance(value, str) else _plain(value)
    raw = raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _MARKUP.sub(r"\\\1", raw)
    # A line break inside a table cell would end the row.
    return re.sub(r"\r\n|\r|\n", "<br>", escaped)


def md_code(value: str) -> str:
    """*value* as a code span that a backtick or ``|`` inside cannot break (ids, pages, field names)."""
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    # GitHub splits table cells at "|" even inside code spans, unless it is escaped.
    return f"{fence}{pad}{value.replace('|', chr(92) + '|')}{pad}{fence}"


def _md_pages(pages: tuple[str, ...] | None) -> str:
    if pages is None:
        return "—"
    return ", ".join(md_code(p) for p in pages) if pages else md_text(NOT_SHOWN)


def _md_value(change: FieldChange, value: object) -> str:
    if value is ABSENT:
        return "*(none)*"
    if change.action == "reordered":
        return md_text(_order(change, value))
    if change.action in ("added", "removed"):
        return md_text(_item(change.field, value))
    return md_text(_plain(value))


def markdown(diff: DataDiff) -> str:
    out = [
        "### Catalog data changes",
        "",
        f"**{md_text(diff.summary())}** — {md_code(diff.head)} compared with {md_code(diff.base)}.",
    ]
    for heading, items in (("Added", diff.added), ("Removed", diff.removed)):
        if not items:
            continue
        out += ["", f"#### {heading} ({len(items)})", "", "| Kind | Id | Title | Page |", "| --- | --- | --- | --- |"]
        out += [f"| {i.kind} | {md_code(i.id)} | {md_text(i.title)} | {_md_pages(i.pages)} |" for i in items]
    if diff.changed:
        out += ["", f"#### Changed ({len(diff.changed)})"]
        for item in diff.changed:
            where = _md_pages(item.pages)
            if item.old_pages is not None:
                where = f"{_md_pages(item.old_pages)} → {where}"
            page = "" if item.pages is None else f" — page {where}"
            out += ["", f"**{item.kind} {md_code(item.id)}**{page}", ""]
            out += ["| Field | Change | Before | After |", "| --- | --- | --- | --- |"]
            for change in item.fields:
                before = "" if change.action == "added" else _md_value(change, change.old)
                after = "" if change.action == "removed" else _md_value(change, change.new)
                action = {"set": "changed", "reordered": "order changed"}.get(change.action, change.action)
                out.append(f"| {md_code(change.field)} | {action} | {before} | {after} |")
    return "\n".join(out) + "\n"


# -- Command ---------------------------------------------------------------------------------


#: Said (on stderr) when today's rules refuse the base, which is then compared as it is.
BASE_REFUSED = (
    "the base {base} does not pass today's rules (added since it was written?); it is compared as it is, "
    "held to its schema only. What today's rules say of it:"
)


def add_command(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser(
        "diff",
        help="records added, removed and changed between two versions of the data file, with their pages",
    )
    cmd.add_argument("base", type=Path, help="the data file before the change (e.g. main's)")
    cmd.add_argument("head", type=Path, help="the data file after the change")
    cmd.add_argument("--markdown", action="store_true", help="write Markdown (for a GitHub job summary)")
    cmd.add_argument("--schema", type=Path, default=None, help="JSON Schema for both (default: beside each file)")
    cmd.add_argument("--base-label", default=None, help="name the base by this in the output (e.g. origin/main)")
    cmd.set_defaults(run=run)


def _read(path: Path, schema: Path | None, *, rules: bool = True) -> tuple[Catalog | None, list]:
    try:
        return load(path, schema, rules=rules), []
    except CatalogInvalid as exc:
        return None, exc.problems


def run(args: argparse.Namespace) -> int:
    for which, path in (("BASE", args.base), ("HEAD", args.head)):
        if not path.is_file():
            state = "is not a file" if path.exists() else "does not exist"
            print(f"ERROR: {which} file {str(path)!r} {state}; give the path of a catalog data file", file=sys.stderr)
            return 2
    base, base_problems = _read(args.base, args.schema)
    if base is None:
        # The base was accepted by the rules of its day: a rule added since (in this very change,
        # say) refuses it. Held to its schema only, it is compared as it is, and the note says so.
        base, schema_problems = _read(args.base, args.schema, rules=False)
        if base is not None:
            print(f"note: {BASE_REFUSED.format(base=args.base)}", file=sys.stderr)
            print_problems(base_problems)
            base_problems = schema_problems
    head, head_problems = _read(args.head, args.schema)
    problems = base_problems + head_problems
    if base is None or head is None:
        print_problems(problems)
        return 1
    # The data file's folder's parent is the project whose pages show the records.
    base_pages = pagescan.pages(base, pagescan.scan(args.base.resolve().parent.parent))
    head_pages = pagescan.pages(head, pagescan.scan(args.head.resolve().parent.parent))
    diff = compare(base, head, base_pages, head_pages)
    if args.base_label:
        diff.base = args.base_label
    if not diff:
        if args.markdown:
            same = f"No change: {md_code(diff.head)} holds the same data as {md_code(diff.base)}."
            print(f"### Catalog data changes\n\n{same}")
        else:
            print(f"No change: {diff.head} holds the same data as {diff.base}.")
        return 0
    print(markdown(diff) if args.markdown else text(diff), end="")
    return 0

"""What a page shows of the data, as keys whose fingerprints change only when that part changes.

A page notes a key for everything it renders from the catalog (``record:<id>`` for a card,
``courses:<category>`` for the list of a category's courses ...): each directive declares its
keys (``CatalogDirective.keys``), and what each kind of key names is registered with
:func:`shows` beside the code that shows it. Before the next build
reads any page, the fingerprint of each noted key is computed again on the new catalog; a
page is re-read only when one of its keys changed, so an edit to one record re-reads only
the pages that show it, and a new record only the pages that list its category or topics.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable

from ..data.records import Catalog, Category, Record

#: A fingerprint: a short hash, or ``None`` when the key names nothing in the catalog.
Fingerprint = str | None

_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(value: object) -> object:
    """Records as nested tuples, without their line numbers (moving a record is no change)."""
    if dataclasses.is_dataclass(value):
        names = _FIELDS.get(type(value))
        if names is None:
            names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value) if f.name != "line")
        return (type(value).__name__, *(plain(getattr(value, name)) for name in names))
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    return value


def _hash(value: object) -> str:
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=10).hexdigest()


#: What each kind of key names, as a function of the catalog and the key's argument. Each is
#: registered with :func:`shows` beside the code that shows that part of the data.
SHOWN: dict[str, Callable[[Catalog, str], object]] = {}


def shows(kind: str) -> Callable[[Callable[[Catalog, str], object]], Callable[[Catalog, str], object]]:
    """Register what keys ``<kind>:<argument>`` name: a value that changes when what is shown changes."""

    def register(describe: Callable[[Catalog, str], object]) -> Callable[[Catalog, str], object]:
        SHOWN[kind] = describe
        return describe

    return register


def record_key(record: Record | Category | str) -> str:
    return f"record:{record if isinstance(record, str) else record.id}"


class Fingerprints:
    """Fingerprints of one catalog, each computed once."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._memo: dict[str, Fingerprint] = {}

    def __getitem__(self, key: str) -> Fingerprint:
        try:
            return self._memo[key]
        except KeyError:
            pass
        kind, _, arg = key.partition(":")
        value = SHOWN[kind](self.catalog, arg)
        found = self._memo[key] = None if value is None else _hash(value)
        return found

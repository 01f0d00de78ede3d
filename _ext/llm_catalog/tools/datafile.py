"""Round-trip edits of ``_data/catalog.yaml`` by the link tools: only the touched lines change.

The commands that write to the data file (``archive``, ``linkstate``) go through
:class:`DataFile`: it refuses a file that does not pass ``make check``, keeps comments, key
order and quoting (ruamel.yaml round-trip mode), checks the edited text again before it
replaces the file, and never lets an edit add, remove or change a link's own address.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..data.problems import CatalogInvalid
from ..data.records import SECTIONS
from ..rules.load import load

#: Top-level lists whose items are records with ``links``.
RECORD_SECTIONS = SECTIONS


class DataFileError(Exception):
    """The data file cannot be edited; ``lines`` say why, for a person."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class LinkEntry:
    """One item of a record's ``links`` list, editable in place."""

    record: str
    #: Line of the link in the file (1-based), for reports.
    line: int
    data: CommentedMap

    @property
    def url(self) -> str:
        return str(self.data["url"])

    def get(self, key: str) -> str | None:
        value = self.data.get(key)
        return None if value is None else str(value)

    def set(self, key: str, value: str) -> bool:
        """Set a field, written double-quoted like the file's addresses; True if it changed."""
        if key == "url":
            raise ValueError("the link tools never rewrite a link's address")
        if self.get(key) == value:
            return False
        self.data[key] = DoubleQuotedScalarString(value)
        return True

    def drop(self, key: str) -> bool:
        if key in ("url", "kind") or key not in self.data:
            return False
        del self.data[key]
        return True


@dataclass
class RecordEntry:
    """One record of a section (``courses`` ...), editable in place."""

    section: str
    #: Position of the record in its section.
    index: int
    record: str
    data: CommentedMap

    def link_lines(self) -> list[tuple[str, int]]:
        """Each link's address with its line in the file (1-based)."""
        return [(str(link["url"]), link.lc.line + 1) for link in self.data.get("links") or []]


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 1 << 20  # never re-wrap a long line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


class DataFile:
    """The data file opened for editing; :meth:`save` writes it back only if it changed."""

    def __init__(self, path: Path, schema: Path | None = None) -> None:
        self.path = Path(path)
        self.schema = schema
        try:
            load(self.path, schema)
        except CatalogInvalid as exc:
            raise DataFileError(
                [str(problem) for problem in exc.problems]
                + [f"{self.path}: not changed, because it does not pass `make check`; fix the problems above first."]
            ) from None
        self.original = self.path.read_text(encoding="utf-8")
        self._yaml = _yaml()
        self.doc = self._yaml.load(self.original)
        self._addresses = self._all_addresses()

    def links(self) -> Iterator[LinkEntry]:
        for section in RECORD_SECTIONS:
            for record in self.doc.get(section) or []:
                # A course's offerings have links of their own, edited the same way.
                owners = [record, *(record.get("offerings") or [])]
                for owner in owners:
                    for link in owner.get("links") or []:
                        yield LinkEntry(str(record["id"]), link.lc.line + 1, link)

    def records(self, sections: tuple[str, ...] = RECORD_SECTIONS) -> Iterator[RecordEntry]:
        for section in sections:
            for index, record in enumerate(self.doc.get(section) or []):
                yield RecordEntry(section, index, str(record["id"]), record)

    def links_to(self, url: str) -> list[LinkEntry]:
        return [entry for entry in self.links() if entry.url == url]

    def _all_addresses(self) -> list[str]:
        return [entry.url for entry in self.links()]

    def text(self) -> str:
        out = io.StringIO()
        self._yaml.dump(self.doc, out)
        return out.getvalue()

    def save(self) -> bool:
        """Write the edits; True if the file changed. The new text must pass ``make check``."""
        text = self.text()
        if text == self.original:
            return False
        if self._all_addresses() != self._addresses:  # pragma: no cover - guarded by LinkEntry.set
            raise DataFileError([f"{self.path}: an edit changed a link's address; nothing was written."])
        handle, temporary = tempfile.mkstemp(prefix=".catalog-", suffix=".yaml", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
            try:
                load(Path(temporary), self.schema or self.path.with_name("catalog.schema.json"))
            except CatalogInvalid as exc:
                raise DataFileError(
                    [str(problem) for problem in exc.problems]
                    + [f"{self.path}: not changed, because the edited data would not pass `make check`."]
                ) from None
            os.chmod(temporary, self.path.stat().st_mode & 0o777)
            os.replace(temporary, self.path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        self.original = text
        return True

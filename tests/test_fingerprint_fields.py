"""No field is shown without being fingerprinted: after any one field changes, an incremental
build writes exactly the pages a fresh build writes.

Each field of the record model (and of what a record holds: links, Chinese aids, chapters ...)
is changed in turn in the ``fields`` root, which sets every field and uses every directive. A
page that shows the field but did not note a fingerprint key covering it would keep its old
output in the incremental build, and differ from the fresh one.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import shutil
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sphinx.testing.util import SphinxTestApp

from llm_catalog.data import records

ROOT = Path(__file__).parent / "roots" / "test-fields"
#: Fields that name a thing rather than describe it: changing them is another record.
IDENTITY = {"id", "line", "number", "record"}
#: The records of the root, by the model's class: (data-file list, index).
SUBJECTS: dict[type, tuple[str, int]] = {
    records.Course: ("courses", 0),
    records.Syllabus: ("syllabi", 0),
    records.Book: ("books", 0),
    records.Resource: ("resources", 0),
    records.Category: ("categories", 0),
    records.StudyPath: ("paths", 0),
}
#: New values where appending to the old one would not be valid.
CHOICES: dict[str, list[Any]] = {
    "category": ["core", "extra"],
    "group": ["basics", "more"],
    "course": ["alpha", "beta"],
    "level": ["graduate", "general"],
    "format": ["course", "event"],
    "language": ["en", "zh"],
    "value": ["free", "paid"],
    "status": ["released", "unreleased"],
    "study": ["main", "reference"],
    "topics": [["lm"], ["attn"]],
    "requires": [["attn"], ["lm"]],
    "added": ["2026-11-02", "2026-09-09"],
    "checked": ["2026-11-01", "2026-09-09"],
    "broken": ["2026-11-20", "2026-11-25"],
    "start": ["2024-09", "2024-02"],
    "pushed": ["2024-05-01", "2025-12-01"],
}
KINDS = {
    records.Link: ["site", "slides"],
    records.ChineseAid: ["subtitles", "video-mirror"],
    records.Effort: ["video", "class"],
    records.Resource: ["list", "wiki"],
}


def _new(name: str, old: Any, owner: type) -> Any:
    if name == "kind":
        choices = KINDS[owner]
        return choices[1] if old == choices[0] else choices[0]
    if name == "sources":
        return [*(old or []), "https://changed.example.org/source"]
    if name in CHOICES:
        first, second = CHOICES[name]
        return second if old == first else first
    if name in ("url", "archive"):
        return f"https://changed.example.org/{name}"
    if isinstance(old, bool):
        return not old
    if isinstance(old, int):
        return old + 1
    if isinstance(old, list) and old and isinstance(old[0], dict):  # links of an offering
        return [*old, {"kind": "video", "url": f"https://changed.example.org/{name}"}]
    if isinstance(old, list):
        return [*old, "新增"]
    if old is None:
        return "新写的" if name not in ("hours", "year") else 7
    return f"{old}改"


def _fields(cls: type) -> list[tuple[str, str, Any]]:
    """(field, key in the file, type) of a model class, without identities and derived fields."""
    hints = typing.get_type_hints(cls)
    return [
        (f.name, f.metadata.get("key", f.name), hints[f.name])
        for f in dataclasses.fields(cls)
        if f.name not in IDENTITY and not f.metadata.get("derived")
    ]


def _nested(hint: Any) -> type | None:
    """The model class a field holds (one, or a tuple of them), if any."""
    for arg in (hint, *typing.get_args(hint)):
        if dataclasses.is_dataclass(arg):
            return arg  # type: ignore[return-value]
        inner = typing.get_args(arg)
        if inner and dataclasses.is_dataclass(inner[0]):
            return inner[0]
    return None


def _at(data: Any, path: tuple) -> Any:
    for key in path:
        data = data[key]
    return data


def _consistent(target: dict, key: str) -> None:
    """Keep a derived figure right after one of its parts changed: lectures × minutes = hours."""
    if not {"lectures", "minutes", "hours"} <= target.keys():
        return
    if key == "hours":
        target["minutes"] = round(target["hours"] * 60 / target["lectures"])
    else:
        target["hours"] = (target["lectures"] * target["minutes"] + 30) // 60


def mutations(data: dict) -> Iterator[tuple[str, dict]]:
    """(what changed, the changed data) for every field of every subject, and of the classes they
    hold (a Chinese aid inside a record's Chinese access ...); a class met again changes once."""
    seen_nested: set[type] = set()
    for cls, path in SUBJECTS.items():
        yield from _mutations(data, path, cls, cls.__name__, seen_nested)


def _mutations(data: dict, path: tuple, cls: type, label: str, seen: set[type]) -> Iterator[tuple[str, dict]]:
    item = _at(data, path)
    for name, key, hint in _fields(cls):
        nested = _nested(hint)
        if nested is None:
            changed = copy.deepcopy(data)
            target = _at(changed, path)
            target[key] = _new(key, item.get(key), cls)
            _consistent(target, key)
            yield f"{label}.{name}", changed
            continue
        if key not in item:
            continue  # not set on this subject: another subject sets it (see the test of coverage)
        sub = (*path, key) if isinstance(item[key], dict) else (*path, key, 0)
        again = nested in seen
        seen.add(nested)
        found = list(_mutations(data, sub, nested, f"{label}.{name}", seen))
        yield from found[:1] if again else found


def dump(data: dict, path: Path) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build(srcdir: Path, outdir: Path, *, fresh: bool) -> tuple[dict[str, str], list[str]]:
    """The HTML pages of a build, and the documents it read."""
    warnings = io.StringIO()
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        builddir=outdir,
        freshenv=fresh,
        status=io.StringIO(),
        warning=warnings,
        # Loading jieba's dictionary is most of a small build; the pages are the same without it.
        confoverrides={"html_search_language": "en"},
    )
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings.getvalue() == ""
    html = Path(app.outdir)
    return {str(p.relative_to(html)): p.read_text(encoding="utf-8") for p in sorted(html.rglob("*.html"))}, read


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    """The root built once at ``work`` (Sphinx re-reads everything when its folder moves), and a
    pristine copy of it to restore before each change."""
    top = tmp_path_factory.mktemp("fields")
    work = top / "work"
    shutil.copytree(ROOT, work)
    data = yaml.safe_load((ROOT / "_data" / "catalog.yaml").read_text(encoding="utf-8"))
    dump(data, work / "_data" / "catalog.yaml")  # the same writer as every changed copy
    build(work, work / "_build", fresh=True)
    shutil.copytree(work, top / "pristine")
    return work, top / "pristine", data


def test_every_field_of_the_model_is_changed() -> None:
    data = yaml.safe_load((ROOT / "_data" / "catalog.yaml").read_text(encoding="utf-8"))
    changed = {what for what, _ in mutations(data)}
    shared = {name for name, _, _ in _fields(records.Material)}
    for cls in (*records.RECORD_TYPES, records.Category, records.StudyPath):
        for name, _, _ in _fields(cls):
            # A field every material has is shown by the same code for each: one subject sets it.
            owners = [c.__name__ for c in records.RECORD_TYPES] if name in shared else [cls.__name__]
            assert any(what.startswith(f"{owner}.{name}") for owner in owners for what in changed), (cls, name)
    for nested in (records.Cost, records.Effort, records.Pages, records.ChineseAccess, records.ChineseAid):
        for name, _, _ in _fields(nested):
            assert any(f".{name}." in f"{what}." for what in changed), (nested, name)


def test_incremental_build_after_a_field_change_equals_a_fresh_one(base: tuple[Path, Path, dict]) -> None:
    work, pristine, data = base
    stale: list[str] = []
    partial = 0  # builds that re-read some pages only: proof the fingerprints were asked
    for what, changed in mutations(data):
        shutil.rmtree(work)
        shutil.copytree(pristine, work)
        dump(changed, work / "_data" / "catalog.yaml")
        before, read = build(work, work / "_build", fresh=False)
        after, everything = build(work, work / "_fresh", fresh=True)
        partial += len(read) < len(everything)
        differing = sorted(page for page in after if before.get(page) != after[page])
        if differing:
            stale.append(f"{what}: {', '.join(differing)}")
    assert stale == []
    assert partial > 40

"""No field is shown without being fingerprinted: after any one field changes, an incremental
build writes exactly the pages a fresh build writes.

Each field of the record model (and of what a record holds: links, Chinese aids, chapters ...)
is changed in turn in the ``fields`` root, which sets every field and uses every directive. A
page that shows the field but did not note a fingerprint key covering it would keep its old
output in the incremental build, and differ from the fresh one.

Each change gets one incremental build from the root's warm environment. The fresh builds that
say what the pages should be are shared: changes whose incremental builds changed the same pages
are applied together in one fresh build, and every page outside those must then be what it was.
When a group fails, each of its changes gets a fresh build of its own, so the failure names the
field. A group of one change is compared page for page, as before.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import shutil
import tempfile
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sphinx.testing.util import SphinxTestApp

from conftest import REPO
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
#: Fields that cannot join a figure derived another way: an effort's videos and their total are
#: not written beside lectures × minutes, so the subject that sets them is the one that changes them.
EXCLUSIVE_PARTS: dict[type, set[str]] = {records.Effort: {"videos", "total_minutes"}}
KINDS = {
    records.Link: ["site", "slides"],
    records.ChineseAid: ["subtitles", "video-mirror"],
    records.UnconfirmedAid: ["notes", "translation"],
    records.Effort: ["video", "class"],
    records.Resource: ["list", "wiki"],
}


def _new(name: str, old: Any, owner: type) -> Any:
    if name == "kind":
        choices = KINDS[owner]
        return choices[1] if old == choices[0] else choices[0]
    if name == "sources":
        return [*(old or []), "https://changed.example.org/source"]
    if name in CHOICES and not isinstance(old, int):  # a year's value is a number, a cost's a word
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
    """Keep a derived figure right after one of its parts changed: lectures × minutes (to
    minutes_to) = hours (to hours_to), the videos' total minutes = hours."""
    if {"videos", "total_minutes", "hours"} <= target.keys():
        if key == "hours":
            target["total_minutes"] = target["hours"] * 60
        else:
            target["hours"] = max(1, (target["total_minutes"] + 30) // 60)
    if not {"lectures", "minutes", "hours"} <= target.keys():
        return
    if key == "hours":
        target["minutes"] = round(target["hours"] * 60 / target["lectures"])
    elif key == "hours_to":
        target["minutes_to"] = round(target["hours_to"] * 60 / target["lectures"])
    else:
        target["hours"] = (target["lectures"] * target["minutes"] + 30) // 60
        if "minutes_to" in target:
            target["hours_to"] = (target["lectures"] * target["minutes_to"] + 30) // 60


def mutations(data: dict) -> Iterator[tuple[str, dict]]:
    """(what changed, the changed data) for every field of every subject, and of the classes they
    hold (a Chinese aid inside a record's Chinese access ...); a class met again changes once,
    and in the fields no earlier change of it covered (an effort's videos, set on another subject)."""
    seen_nested: dict[type, set[str]] = {}
    for cls, path in SUBJECTS.items():
        yield from _mutations(data, path, cls, cls.__name__, seen_nested)


def _mutations(
    data: dict, path: tuple, cls: type, label: str, seen: dict[type, set[str]]
) -> Iterator[tuple[str, dict]]:
    item = _at(data, path)
    for name, key, hint in _fields(cls):
        nested = _nested(hint)
        if nested is None and key not in item and cls in EXCLUSIVE_PARTS and key in EXCLUSIVE_PARTS[cls]:
            continue  # a part of another derivation: set on the subject that derives it that way
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
        covered = seen.get(nested)
        found = list(_mutations(data, sub, nested, f"{label}.{name}", seen))
        if covered is None:
            seen[nested] = {what.rsplit(".", 1)[1] for what, _ in found}
            yield from found
            continue
        new = [(what, changed) for what, changed in found if what.rsplit(".", 1)[1] not in covered]
        covered.update(what.rsplit(".", 1)[1] for what, _ in new)
        yield from found[:1] + [change for change in new if change[0] != found[0][0]]


def dump(data: dict, path: Path) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


#: The configuration of every build here: loading jieba's dictionary is most of a small build's
#: time, and the pages are the same without it.
CONF = {"html_search_language": "en"}


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
        confoverrides=CONF,
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


def differences(base: Any, changed: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """Where *changed* differs from *base*: (path of keys and indexes, new value), as deep as the
    shapes agree (a list of another length is new as a whole)."""
    if isinstance(base, dict) and isinstance(changed, dict):
        out = [((*path, key), value) for key, value in changed.items() if key not in base]
        for key in base.keys() & changed.keys():
            out += differences(base[key], changed[key], (*path, key))
        return out
    if isinstance(base, list) and isinstance(changed, list) and len(base) == len(changed):
        return [
            found for n, pair in enumerate(zip(base, changed, strict=True)) for found in differences(*pair, (*path, n))
        ]
    return [] if base == changed else [(path, changed)]


def combine(data: dict, changes: list[tuple[str, dict]]) -> dict:
    """*data* with every change of *changes* (each a whole changed copy of *data*) applied together."""
    out = copy.deepcopy(data)
    for change in changes:
        for path, value in differences(data, change[1]):
            _at(out, path[:-1])[path[-1]] = copy.deepcopy(value)
    return out


@pytest.fixture(scope="module")
def warm_fields(warm) -> tuple[Any, dict, dict[str, str]]:
    """The root's warm environment (restored for each change), its data and its pages."""
    work = warm.restore("fields", **CONF)
    data = yaml.safe_load((ROOT / "_data" / "catalog.yaml").read_text(encoding="utf-8"))
    dump(data, work / "_data" / "catalog.yaml")  # the same writer as every changed copy
    pages, _ = build(work, work / "_build", fresh=False)
    return warm, data, pages


def test_every_field_of_the_model_is_changed() -> None:
    data = yaml.safe_load((ROOT / "_data" / "catalog.yaml").read_text(encoding="utf-8"))
    changed = {what for what, _ in mutations(data)}
    shared = {name for name, _, _ in _fields(records.Material)}
    for cls in (*records.RECORD_TYPES, records.Category, records.StudyPath):
        for name, _, _ in _fields(cls):
            # A field every material has is shown by the same code for each: one subject sets it.
            owners = [c.__name__ for c in records.RECORD_TYPES] if name in shared else [cls.__name__]
            assert any(what.startswith(f"{owner}.{name}") for owner in owners for what in changed), (cls, name)
    nested_classes = (
        records.Cost,
        records.Effort,
        records.Pages,
        records.Year,
        records.ChineseAccess,
        records.ChineseAid,
        records.UnconfirmedAid,
    )
    for nested in nested_classes:
        for name, _, _ in _fields(nested):
            assert any(f".{name}." in f"{what}." for what in changed), (nested, name)


def batches(data: dict, changes: list) -> list[list]:
    """*changes* (``(what, changed, ...)``) in batches whose changes touch different fields and
    whose combination `make check` accepts (a change may adjust a second field: hours and minutes)."""
    from llm_catalog.data.problems import CatalogInvalid
    from llm_catalog.rules.load import load

    out: list[tuple[list, set]] = []
    for change in changes:
        paths = {path for path, _ in differences(data, change[1])}
        for batch, touched in out:
            if paths.isdisjoint(touched):
                batch.append(change)
                touched.update(paths)
                break
        else:
            out.append(([change], paths))
    with tempfile.TemporaryDirectory() as folder:

        def accepted(batch: list) -> list[list]:
            """*batch* if check accepts its combination, else its halves' accepted batches."""
            path = Path(folder) / "catalog.yaml"
            dump(combine(data, batch), path)
            try:
                load(path, REPO / "_data" / "catalog.schema.json")
            except CatalogInvalid:
                if len(batch) == 1:
                    raise
                half = len(batch) // 2
                return accepted(batch[:half]) + accepted(batch[half:])
            return [batch]

        return [part for batch, _ in out for part in accepted(batch)]


def test_changes_combine_into_one_data_file() -> None:
    """Changes applied together keep each (what the shared fresh builds rely on)."""
    data = yaml.safe_load((ROOT / "_data" / "catalog.yaml").read_text(encoding="utf-8"))
    changes = list(mutations(data))
    for what, changed in changes:
        assert combine(data, [(what, changed)]) == changed, what  # one change alone is that change
    together = batches(data, changes)
    assert len(together) < len(changes)
    for batch in together:
        combined = combine(data, batch)
        for what, changed in batch:
            for path, value in differences(data, changed):  # every change is in the combination
                assert _at(combined, path) == value, (what, path)


#: The changes in two halves of about the same size (by the subject they change), so the two
#: workers of `make test` share them; which class a nested change counts as is decided over all.
HALVES = {"course": ("Course",), "others": ("Syllabus", "Book", "Resource", "Category", "StudyPath")}


def test_the_halves_hold_every_change_once() -> None:
    data = yaml.safe_load((ROOT / "_data" / "catalog.yaml").read_text(encoding="utf-8"))
    owners = [what.split(".")[0] for what, _ in mutations(data)]
    assert sorted(owners) == sorted(owner for owner in owners for half in HALVES.values() if owner in half)
    assert {name for half in HALVES.values() for name in half} == {cls.__name__ for cls in SUBJECTS}


@pytest.mark.slow  # one incremental build per change, over a hundred changes
@pytest.mark.parametrize("half", HALVES)
def test_incremental_build_after_a_field_change_equals_a_fresh_one(warm_fields, tmp_path: Path, half: str) -> None:
    warm, data, base = warm_fields
    partial = 0  # builds that re-read some pages only: proof the fingerprints were asked
    groups: dict[frozenset[str], list[tuple[str, dict, dict[str, str]]]] = {}
    changes = [(what, changed) for what, changed in mutations(data) if what.split(".")[0] in HALVES[half]]
    for what, changed in changes:
        work = warm.restore("fields", **CONF)
        dump(changed, work / "_data" / "catalog.yaml")
        pages, read = build(work, work / "_build", fresh=False)
        partial += len(read) < len(base)
        differing = frozenset(page for page in pages if pages[page] != base.get(page))
        groups.setdefault(differing, []).append((what, changed, pages))

    def fresh(changes: list[tuple[str, dict]], name: str) -> dict[str, str]:
        src = tmp_path / name
        shutil.copytree(ROOT, src)
        dump(combine(data, changes), src / "_data" / "catalog.yaml")
        return build(src, src / "_build", fresh=True)[0]

    stale: list[str] = []
    shared = 0
    for number, (differing, changes) in enumerate(groups.items()):
        for part, batch in enumerate(batches(data, changes)):
            name = f"group-{number}-{part}"
            expected = fresh([(what, changed) for what, changed, _ in batch], name)
            if len(batch) == 1:  # one change: every page as the fresh build writes it
                (what, _, pages) = batch[0]
                wrong = sorted(page for page in expected if pages.get(page) != expected[page])
                stale += [f"{what}: {', '.join(wrong)}"] if wrong else []
                continue
            shared += 1
            # Pages no incremental build of the batch changed must be unchanged by all its changes.
            if all(expected[page] == base.get(page) for page in expected if page not in differing):
                continue
            for n, (what, changed, pages) in enumerate(batch):  # name the field: a fresh build each
                alone = fresh([(what, changed)], f"{name}-{n}")
                wrong = sorted(page for page in alone if pages.get(page) != alone[page])
                stale += [f"{what}: {', '.join(wrong)}"] if wrong else []
    assert stale == []
    assert partial * 2 > len(changes)  # most changes re-read only the pages that show them
    assert shared > 0  # fresh builds were shared

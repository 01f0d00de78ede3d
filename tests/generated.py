"""The ``generated`` variant: records drawn from the data file's own JSON Schema, plus edge cases.

Hypothesis (with hypothesis-jsonschema) draws courses, books and resources from the schema, points
their references at categories, topics and book groups that exist (the schema cannot know them)
and keeps those `make check` accepts. ``make test`` draws with ``derandomize``: the same records on
every run and every machine, so the suite's result never depends on the draw. ``make explore``
draws new ones from a seed (``LLM_EXPLORE_SEED``) that its report names, so a failure found there
is reproduced with the same seed. Hand-written edge cases (records with only the required fields,
the shape the first exploration found breaking search) are always added.

All examples go into one copy of the catalog, built once; every test that reads a site runs on it
(see :mod:`sites`).
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, given, reject, settings
from hypothesis import seed as with_seed
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from datafile import add_to_section, block
from sites import REPO, SharedFailure, copy_project, git_snapshot

#: How many drawn examples (each one to four records) the variant holds.
EXAMPLES = 6
SECTIONS = {"course": "courses", "book": "books", "resource": "resources"}


def narrowed(definitions: dict) -> dict:
    """The schema's definitions with addresses and dates drawn from a realistic part of what it
    allows: a host with a dot and a past, real day. Every value drawn is still valid under the real
    schema; the rest (text, numbers, lists, optional fields) is drawn from the schema as it is."""
    out = copy.deepcopy(definitions)
    out["url"] = {**out["url"], "pattern": r"^https?://[a-z]{1,12}\.example\.(org|com)(/[!-~]{0,30})?$"}
    out["date"] = {**out["date"], "pattern": r"^20(0[0-9]|1[0-9]|2[0-4])-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$"}
    out["month"] = {**out["month"], "pattern": r"^20(0[0-9]|1[0-9]|2[0-4])(-(0[1-9]|1[0-2]))?$"}
    _bounded(out)
    return out


#: The longest text and the most items a drawn record holds: long enough for every shape (a
#: line that wraps, a list of several), short enough that a draw takes seconds, not minutes.
TEXT_LIMIT = 120
ITEMS_LIMIT = 4


def _bounded(node: object) -> None:
    """Cap the lengths of texts and lists the schema leaves long (still within what it allows)."""
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("maxLength", TEXT_LIMIT + 1) > TEXT_LIMIT:
            node["maxLength"] = max(TEXT_LIMIT, node.get("minLength", 0))
        if node.get("type") == "array" and node.get("maxItems", ITEMS_LIMIT + 1) > ITEMS_LIMIT:
            node["maxItems"] = max(ITEMS_LIMIT, node.get("minItems", 0))
        for value in node.values():
            _bounded(value)
    elif isinstance(node, list):
        for value in node:
            _bounded(value)


def printable(value: object) -> object:
    """*value* with every character no output can show (`make check` refuses them: private use,
    unassigned, emoji; ``text_is_printable``) replaced by a question mark, which any text may hold,
    and no space at either end.
    Drawn as they are, most records would be refused for one such character."""
    from llm_catalog.rules.checks import _unprintable

    if isinstance(value, str):
        while (found := _unprintable(value)) is not None:
            value = value.replace(found[0], "?")
        return value.strip() or "?"  # no text starts or ends with a space (text_has_no_outer_spaces)
    if isinstance(value, dict):
        return {key: printable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [printable(item) for item in value]
    return value


def _hours(minutes: int) -> int:
    return (minutes + 30) // 60


def consistent_facts(item: dict) -> None:
    """Make a drawn record's facts add up the way `make check` wants (the schema cannot say it):
    an effort's figure is what its parts give (lectures × minutes, to minutes_to; videos' total
    minutes), a range rises, an unknown effort states no figure, a quote has its sources, a
    resource's year is not after the day its source was read. Drawn as they are, nearly every
    effort would be refused and the draw would spend minutes rejecting."""
    for name in ("cost", "effort", "pages", "year"):
        fact = item.get(name)
        if isinstance(fact, dict) and "quote" in fact and "sources" not in fact:
            del fact["quote"]
    year = item.get("year")
    if isinstance(year, dict):  # a resource's year: not after the day its source was read
        year["value"] = min(year["value"], int(year["checked"][:4]))
    effort = item.get("effort")
    if not isinstance(effort, dict):
        return
    figures = ("hours", "hours_to", "lectures", "minutes", "minutes_to", "videos", "total_minutes")
    if effort["kind"] == "unknown":
        for key in figures:
            effort.pop(key, None)
        return
    if ("lectures" in effort) != ("minutes" in effort) or "videos" in effort:
        for key in ("lectures", "minutes", "minutes_to"):
            effort.pop(key, None)
    if ("videos" in effort) != ("total_minutes" in effort):
        effort.pop("videos", None)
        effort.pop("total_minutes", None)
    if "videos" in effort:
        effort.pop("hours_to", None)
        effort["hours"] = max(1, _hours(effort["total_minutes"]))
        return
    if "lectures" in effort:
        low = _hours(effort["lectures"] * effort["minutes"])
        high = (
            _hours(effort["lectures"] * effort["minutes_to"]) if effort.get("minutes_to", 0) > effort["minutes"] else 0
        )
        if not 1 <= low <= 2000 or high > 2000 or (high and high <= low):
            for key in ("lectures", "minutes", "minutes_to"):
                effort.pop(key, None)
        else:
            effort["hours"] = low
            effort.pop("minutes_to", None) if not high else None
            effort.pop("hours_to", None)
            if high:
                effort["hours_to"] = high
            return
    effort.pop("minutes_to", None)
    effort.setdefault("hours", 1)
    if "hours_to" in effort and effort["hours_to"] <= effort["hours"]:
        if effort["hours"] < 2000:
            effort["hours_to"] = effort["hours"] + 1
        else:
            del effort["hours_to"]


def strategy(schema: dict, data: dict) -> st.SearchStrategy[list[tuple[str, dict]]]:
    """Lists of one to four (kind, record) whose references name things *data* has."""
    definitions = narrowed(schema["definitions"])

    def ids(key: str) -> list[str]:
        return [item["id"] for item in data[key]]

    # Made once: resolving the schema is most of the cost of a draw.
    kinds = {kind: from_schema({"$ref": f"#/definitions/{kind}", "definitions": definitions}) for kind in SECTIONS}

    @st.composite
    def record(draw: st.DrawFn, kind: str) -> dict:
        item = draw(kinds[kind])
        item = printable(item)
        consistent_facts(item)
        item["id"] = "gen-" + item["id"][:40]  # never one of the catalog's own ids
        if "category" in item:
            item["category"] = draw(st.sampled_from(ids("categories")))
        if "group" in item:
            item["group"] = draw(st.sampled_from(ids("book_groups")))
        if "offerings" in item:  # newest first, each term once, as `make check` wants them
            terms = {"".join(o["term"].split()).casefold(): o for o in item["offerings"]}
            item["offerings"] = sorted(terms.values(), key=lambda o: o["start"], reverse=True)
        if "repository" in item:  # what `make freshness` writes: about the record's GitHub repository
            repository = item["repository"]
            repository["pushed"], repository["checked"] = sorted((repository["pushed"], repository["checked"]))
            item.setdefault("links", []).append({"kind": "code", "url": f"https://github.com/gen/{item['id']}"})
        topics = st.lists(st.sampled_from(ids("topics")), unique=True, max_size=3)
        for part in [item, *item.get("chapters", [])]:
            part.pop("requires", None)  # requirements are the paths' business, tested in test_paths.py
            if "topics" in part:
                part["topics"] = draw(topics)
        return item

    return st.lists(
        st.sampled_from(list(SECTIONS)).flatmap(lambda kind: record(kind).map(lambda r: (kind, r))),
        min_size=1,
        max_size=4,
    )


def with_records(text: str, records: Iterable[tuple[str, dict]]) -> str:
    for kind, item in records:
        text = add_to_section(text, SECTIONS[kind], block(item))
    return text


def accepted(text: str, schema_file: Path) -> bool:
    """Whether `make check` accepts the data file *text*."""
    from llm_catalog.data.problems import CatalogInvalid
    from llm_catalog.rules.load import load

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalog.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            load(path, schema_file)
        except CatalogInvalid:
            return False
    return True


def draw(text: str, schema_file: Path, count: int = EXAMPLES, seed: int | None = None) -> list[list[tuple[str, dict]]]:
    """*count* examples (lists of records) that `make check` accepts, each added alone to *text*.

    Without *seed* the draw is derandomised (the same examples every run); with one it explores.
    Each draw runs in a fresh Python process: in a process that has already drawn (an xdist
    worker that ran another test first), Hypothesis draws other examples from the same seed, so
    the variant would depend on which worker built it.
    """
    request = json.dumps({"text": text, "schema": str(schema_file), "count": count, "seed": seed})
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), str(REPO / "_ext")])}
    env["PYTHONHASHSEED"] = "0"
    result = subprocess.run(
        [sys.executable, "-c", "import generated; generated.draw_from_stdin()"],
        input=request,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        raise SharedFailure(f"drawing records failed:\n{result.stderr}")
    return [[(kind, record) for kind, record in example] for example in json.loads(result.stdout)]


def draw_from_stdin() -> None:
    """The child of :func:`draw`: its request on stdin, the examples on stdout as JSON."""
    request = json.loads(sys.stdin.read())
    found = _draw_here(request["text"], Path(request["schema"]), request["count"], request["seed"])
    json.dump(found, sys.stdout, ensure_ascii=False)


def _draw_here(text: str, schema_file: Path, count: int, seed: int | None) -> list[list[tuple[str, dict]]]:
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    data = yaml.load(text, Loader=yaml.BaseLoader)
    found: list[list[tuple[str, dict]]] = []

    @settings(
        max_examples=count,
        derandomize=seed is None,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(records=strategy(schema, data))
    def collect(records: list[tuple[str, dict]]) -> None:
        if not accepted(with_records(text, records), schema_file):
            reject()
        found.append(records)

    if seed is not None:
        collect = with_seed(seed)(collect)
    collect()
    return found


#: Edge cases written by hand: only the required fields (no topics, no cost, no level, no year:
#: the shape exploration first found breaking search), and a title holding the search separator.
EDGE_CASES: list[tuple[str, dict]] = [
    (
        "course",
        {
            "id": "gen-edge-bare-course",
            "category": "{category}",
            "title": "A Course With Only Its Required Fields",
            "language": "en",
            "note": "只有必填字段的课程。",
            "links": [{"kind": "site", "url": "https://bare.example.org/course"}],
        },
    ),
    (
        "book",
        {
            "id": "gen-edge-bare-book",
            "group": "{group}",
            "authors": ["Only Required"],
            "title": "A Book With Only Its Required Fields",
            "language": "zh",
            "note": "只有必填字段的课本。",
        },
    ),
    (
        "resource",
        {
            "id": "gen-edge-separator-title",
            "kind": "list",
            "title": "Separatrix ｜ A Title Holding The Search Separator",
            "note": "标题里有全角竖线，搜索结果仍显示完整标题。",
            "links": [{"kind": "site", "url": "https://bare.example.org/separator"}],
        },
    ),
    (
        "resource",
        {
            "id": "gen-edge-bare-resource",
            "kind": "video",
            "title": "A Resource With Only Its Required Fields",
            "note": "只有必填字段的资源。",
            "links": [{"kind": "video", "url": "https://bare.example.org/video"}],
        },
    ),
]


def edge_cases(data: dict) -> list[tuple[str, dict]]:
    """:data:`EDGE_CASES` pointed at a category and a book group the catalog has."""
    out = []
    for kind, item in EDGE_CASES:
        item = dict(item)
        if item.get("category") == "{category}":
            item["category"] = data["categories"][-1]["id"]
        if item.get("group") == "{group}":
            item["group"] = data["book_groups"][-1]["id"]
        out.append((kind, item))
    return out


def combined(text: str, schema_file: Path, seed: int | None = None) -> tuple[str, list[tuple[str, dict]]]:
    """The data file *text* with the edge cases and every drawn example that still fits beside the
    others (each example is renamed to ids of its own); returns the text and the records added."""
    data = yaml.load(text, Loader=yaml.BaseLoader)
    examples = [edge_cases(data), *draw(text, schema_file, seed=seed)]
    added: list[tuple[str, dict]] = []
    for number, records in enumerate(examples):
        renamed = []
        for n, (kind, item) in enumerate(records):
            item = copy.deepcopy(item)
            if not item["id"].startswith("gen-edge-"):
                item["id"] = f"gen-{number}-{n}-{item['id'].removeprefix('gen-')}"[:60].rstrip("-")
            renamed.append((kind, item))
        candidate = with_records(text, renamed)
        if accepted(candidate, schema_file):  # two examples may claim the same address: keep the first
            text = candidate
            added.extend(renamed)
    return text, added


def make_generated(destination: Path, seed: int | None = None) -> list[tuple[str, dict]]:
    """A copy of the project at *destination* with the generated records, committed."""
    copy_project(destination, REPO)
    data = destination / "_data" / "catalog.yaml"
    text, added = combined(data.read_text(encoding="utf-8"), destination / "_data" / "catalog.schema.json", seed)
    if not added:
        raise SharedFailure("no generated record was accepted by `make check`; see tests/generated.py")
    data.write_text(text, encoding="utf-8")
    (destination.parent / "records.yaml").write_text(
        yaml.safe_dump([{"kind": k, "record": r} for k, r in added], allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    git_snapshot(destination, "Generated records")
    return added

"""Load the data file: read it strictly, validate it, check its rules, build the records."""

from __future__ import annotations

from pathlib import Path

from ..data import yamlsource
from ..data.derive import with_derived_facts
from ..data.problems import CatalogInvalid, Problem, field_name
from ..data.records import RECORD_TYPES, BookGroup, Catalog, Category, Material, StudyPath, Topic, build_all
from ..data.validate import read_schema, schema_problems
from ..data.yamlsource import Document
from .checks import rule_problems

#: Where the data file lives, relative to the project (conf.py's folder); its JSON Schema is
#: ``catalog.schema.json`` beside it.
DEFAULT_FILE = "_data/catalog.yaml"
DEFAULT_SCHEMA = "catalog.schema.json"


def load(path: Path, schema_path: Path | None = None, *, rules: bool = True) -> Catalog:
    """Read and check *path*; raise :class:`CatalogInvalid` listing every problem.

    ``rules=False`` holds the file to its schema only, not to today's rules: for a version of
    the data that was accepted when it was written (``make diff``'s base), which a rule added
    since may refuse.
    """
    path = Path(path)
    shown = _shown_path(path)
    schema_path = schema_path or path.with_name(DEFAULT_SCHEMA)
    try:
        schema = read_schema(str(Path(schema_path).resolve()))
    except (OSError, ValueError) as exc:
        raise CatalogInvalid([Problem(str(schema_path), None, "", f"cannot read the JSON Schema: {exc}")]) from None
    try:
        doc = yamlsource.read(path)
    except yamlsource.YamlProblem as exc:
        raise CatalogInvalid([Problem(shown, exc.line, "", exc.message)]) from None
    problems = [Problem(shown, line, field_name(p, doc.data), msg) for p, line, msg in doc.problems]
    broken = rule_problems(doc, shown) if rules else []
    # A rule that names what is wrong with a value (an unknown category, say) speaks for that
    # field; the schema's more general complaint about the same value would only repeat it.
    spoken_for = {(p.line, p.field) for p in broken}
    problems += [p for p in schema_problems(doc, schema, shown) if (p.line, p.field) not in spoken_for]
    problems += broken
    if problems:
        raise CatalogInvalid(sorted(set(problems), key=lambda p: (p.line or 0, p.field, p.message)))
    try:
        return _build(doc.data, doc, shown)  # type: ignore[arg-type]
    except (TypeError, ValueError, AttributeError) as exc:
        # Valid under the schema it was checked with, yet not buildable: a file of another version of
        # the data format (e.g. an older commit's file with its own older schema, as `make diff` reads).
        raise CatalogInvalid(
            [
                Problem(
                    shown,
                    1,
                    "(whole file)",
                    "this file is written in another version of the data format than this version of the "
                    f"guide reads ({exc}); check it with this version's schema (make check)",
                )
            ]
        ) from None


def _shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _build(data: dict, doc: Document, shown: str) -> Catalog:
    sections = {}
    for record_type in RECORD_TYPES:
        built = build_all(record_type, data, record_type.section, doc)
        if issubclass(record_type, Material):  # facts derived by the stated rules (derive.py)
            built = tuple(with_derived_facts(record) for record in built)
        sections[record_type.section] = built
    return Catalog(
        path=shown,
        source=data,
        categories=build_all(Category, data, "categories", doc),
        topics=build_all(Topic, data, "topics", doc),
        book_groups=build_all(BookGroup, data, "book_groups", doc),
        **sections,
        paths=build_all(StudyPath, data, "paths", doc),
    )

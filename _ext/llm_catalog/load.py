"""Load the data file: read it strictly, validate it, check its rules, build the records."""

from __future__ import annotations

from pathlib import Path

from . import yamlsource
from .checks import rule_problems
from .problems import CatalogInvalid, Problem, field_name
from .records import (
    Book,
    BookChapter,
    BookGroup,
    Catalog,
    Category,
    Chapter,
    ChineseAid,
    Course,
    Effort,
    FurtherTopic,
    Link,
    Part,
    PathStep,
    Resource,
    StudyPath,
    Syllabus,
    Topic,
)
from .validate import read_schema, schema_problems
from .yamlsource import DataPath, Document

DEFAULT_SCHEMA = "catalog.schema.json"


def load(path: Path, schema_path: Path | None = None) -> Catalog:
    """Read and check *path*; raise :class:`CatalogInvalid` listing every problem."""
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
    rules = rule_problems(doc, shown)
    # A rule that names what is wrong with a value (an unknown category, say) speaks for that
    # field; the schema's more general complaint about the same value would only repeat it.
    spoken_for = {(p.line, p.field) for p in rules}
    problems += [p for p in schema_problems(doc, schema, shown) if (p.line, p.field) not in spoken_for]
    problems += rules
    if problems:
        raise CatalogInvalid(sorted(set(problems), key=lambda p: (p.line or 0, p.field, p.message)))
    return _build(doc.data, doc, shown)  # type: ignore[arg-type]


def _shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _links(raw: list[dict] | None, doc: Document, path: DataPath) -> tuple[Link, ...]:
    return tuple(
        Link(
            link_kind=item["kind"],
            url=item["url"],
            label=item.get("label"),
            language=item.get("language"),
            checked=item.get("checked"),
            archive=item.get("archive"),
            broken=item.get("broken"),
            line=doc.line_of((*path, "links", index, "url"), key=True),
        )
        for index, item in enumerate(raw or ())
    )


def _facets(item: dict, doc: Document, path: DataPath) -> dict:
    """The optional facet fields of a course, book or resource."""
    effort = item.get("effort")
    return {
        "cost": item.get("cost"),
        "effort": Effort(effort["hours"], effort["basis"]) if effort else None,
        "chinese": tuple(
            ChineseAid(
                aid_kind=aid["kind"],
                url=aid["url"],
                by=aid.get("by"),
                follows=aid.get("follows"),
                line=doc.line_of((*path, "chinese", n, "url"), key=True),
            )
            for n, aid in enumerate(item.get("chinese", ()))
        ),
    }


def _build(data: dict, doc: Document, shown: str) -> Catalog:
    def line(key: str, index: int) -> int:
        return doc.line_of((key, index))

    return Catalog(
        path=shown,
        source=data,
        categories=tuple(
            Category(c["id"], c["title"], c["summary"], c["study"], c.get("slides"), line("categories", i))
            for i, c in enumerate(data["categories"])
        ),
        topics=tuple(Topic(t["id"], t["title"]) for t in data["topics"]),
        book_groups=tuple(BookGroup(g["id"], g["title"]) for g in data["book_groups"]),
        courses=tuple(
            Course(
                id=c["id"],
                category=c["category"],
                title=c["title"],
                language=c["language"],
                note=c["note"],
                links=_links(c["links"], doc, ("courses", i)),
                line=line("courses", i),
                institution=c.get("institution"),
                code=c.get("code"),
                format=c.get("format", "course"),
                term=c.get("term"),
                instructors=tuple(c.get("instructors", ())),
                level=c.get("level"),
                parts=tuple(Part(p["title"], p.get("note")) for p in c.get("parts", ())),
                topics=tuple(c.get("topics", ())),
                **_facets(c, doc, ("courses", i)),
                added=c.get("added"),
                requires=tuple(c.get("requires", ())),
            )
            for i, c in enumerate(data["courses"])
        ),
        syllabi=tuple(
            Syllabus(
                id=s["id"],
                title=s["title"],
                author=s["author"],
                links=_links(s["links"], doc, ("syllabi", i)),
                chapters=tuple(
                    Chapter(
                        ch["number"], ch["title"], ch.get("keywords"), tuple(ch.get("topics", ())), ch.get("status")
                    )
                    for ch in s["chapters"]
                ),
                line=line("syllabi", i),
                further=tuple(FurtherTopic(f["title"], f.get("detail")) for f in s.get("further", ())),
                course=s.get("course"),
                topics=tuple(dict.fromkeys(t for ch in s["chapters"] for t in ch.get("topics", ()))),
                added=s.get("added"),
            )
            for i, s in enumerate(data["syllabi"])
        ),
        books=tuple(
            Book(
                id=b["id"],
                group=b["group"],
                authors=tuple(b["authors"]),
                title=b["title"],
                language=b["language"],
                note=b["note"],
                line=line("books", i),
                edition=b.get("edition"),
                publisher=b.get("publisher"),
                year=b.get("year"),
                topics=tuple(b.get("topics", ())),
                links=_links(b.get("links"), doc, ("books", i)),
                chapters=tuple(
                    BookChapter(
                        ch["number"],
                        ch["title"],
                        tuple(ch.get("slides", ())),
                        tuple(ch.get("topics", ())),
                        tuple(ch.get("requires", ())),
                    )
                    for ch in b.get("chapters", ())
                ),
                **_facets(b, doc, ("books", i)),
                added=b.get("added"),
                requires=tuple(b.get("requires", ())),
            )
            for i, b in enumerate(data["books"])
        ),
        resources=tuple(
            Resource(
                id=r["id"],
                resource_kind=r["kind"],
                title=r["title"],
                note=r["note"],
                links=_links(r["links"], doc, ("resources", i)),
                line=line("resources", i),
                author=r.get("author"),
                language=r.get("language"),
                topics=tuple(r.get("topics", ())),
                **_facets(r, doc, ("resources", i)),
                added=r.get("added"),
                requires=tuple(r.get("requires", ())),
            )
            for i, r in enumerate(data["resources"])
        ),
        paths=tuple(
            StudyPath(
                id=p["id"],
                title=p["title"],
                summary=p["summary"],
                steps=tuple(PathStep(s["record"], s["why"], s.get("chapter")) for s in p["steps"]),
                line=line("paths", i),
                language=p.get("language"),
            )
            for i, p in enumerate(data.get("paths", ()))
        ),
    )

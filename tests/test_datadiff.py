"""``python -m llm_catalog diff``: two versions of the real data, edited here, compared by the command.

The data is each variant's (the ``data`` fixture); the edited files are written into a copy of the
variant's project, never into the checkout.
"""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sphinx.config import Config
from sphinx.util.matching import get_matching_files

from conftest import EXT_DIR, REPO, copy_project
from llm_catalog.tools import pagescan
from sites import Project

#: Addresses and ids no real record has: the records these tests add cannot collide with one.
NEW_ID = "zz-diff-test-course"
NEW_URL = "https://example.org/zz-diff-test/course"
EXTRA_URL = "https://example.org/zz-diff-test/extra"
GONE_ID = "zz-diff-test-resource"
GONE_URL = "https://example.org/zz-diff-test/resource"


@pytest.fixture(scope="module")
def workdir(project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the variant's project (pages, conf.py, data): the edited data files are written
    into its _data/."""
    return copy_project(tmp_path_factory.mktemp("datadiff") / "project", project.root)


def write(project: Path, name: str, data: dict) -> Path:
    path = project / "_data" / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "llm_catalog", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(EXT_DIR), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def diff(base: Path, head: Path, *options: str) -> subprocess.CompletedProcess[str]:
    result = run("diff", *options, base, head, cwd=base.parent.parent)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def sections(output: str) -> dict[str, list[str]]:
    """The plain-text output's sections (``Added``, ``Removed``, ``Changed``) and their lines."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in output.splitlines():
        if re.fullmatch(r"(Added|Removed|Changed):", line):
            current = found.setdefault(line[:-1], [])
        elif line.strip() and current is not None:
            current.append(line)
    return found


def entries(lines: list[str]) -> dict[str, list[str]]:
    """A "Changed" section as {header line: its field lines}."""
    out: dict[str, list[str]] = {}
    header = ""
    for line in lines:
        if line.startswith("  ~ "):
            header = line.strip()
            out[header] = []
        else:
            out[header].append(line.strip())
    return out


def entry(lines: list[str], kind: str, record_id: str) -> str:
    """The line of a section that names the item *record_id* of *kind*."""
    found = [line for line in lines if re.match(rf"\s+[-+~] {kind} {re.escape(record_id)}(\s|$)", line)]
    assert len(found) == 1, lines
    return found[0]


def built_pages(root: Path = REPO) -> list[Path]:
    """The pages Sphinx builds, as the project's conf.py selects them (Sphinx's own matching)."""
    config = Config.read(root)
    return [root / name for name in get_matching_files(root, config.include_patterns, config.exclude_patterns)]


def category_page(root: Path, category: str) -> str:
    """The docname of the built page whose MyST source holds the course directive of *category*."""
    directive = re.compile(
        rf"^(`{{3,}}|:{{3,}})\{{llm-courses\}}[ \t]*\n:category:[ \t]+{re.escape(category)}[ \t]*$", re.M
    )
    found = [p for p in built_pages(root) if p.suffix == ".md" and directive.search(p.read_text(encoding="utf-8"))]
    assert len(found) == 1, found
    return found[0].relative_to(root).with_suffix("").as_posix()


def test_identical_data_is_no_change(workdir: Path, data: dict) -> None:
    base = workdir / "_data" / "catalog.yaml"
    # The same data written out again: other quoting, no comments, other layout.
    head = write(workdir, "same", data)
    assert head.read_text(encoding="utf-8") != base.read_text(encoding="utf-8")
    for options in ((), ("--markdown",)):
        result = diff(base, head, *options)
        assert result.returncode == 0, result.stderr
        assert "No change" in result.stdout
        assert not re.search(r"^\s*[-+~] ", result.stdout, re.M)
    assert diff(base, base).stdout.startswith("No change")


def test_added_removed_and_changed_records_with_their_pages(workdir: Path, data: dict) -> None:
    # Removed: a resource nothing refers to, in the base only (whatever the data holds, one can go
    # without breaking a rule).
    gone = {
        "id": GONE_ID,
        "kind": "list",
        "title": "Diff Test Resource",
        "note": "差异测试用的资源。",
        "links": [{"kind": "site", "url": GONE_URL}],
    }
    key, kind = "resources", "resource"
    base_data = copy.deepcopy(data)
    base_data[key].append(gone)
    base = write(workdir, "base", base_data)
    assert run("check", base, cwd=workdir).returncode == 0, run("check", base, cwd=workdir).stderr
    head_data = copy.deepcopy(data)
    courses = head_data["courses"]

    # Added: a copy of a course under a new id, title and address (no Chinese aids: their
    # addresses would be another record's).
    source = courses[0]
    source_category = source["category"]
    added = {k: v for k, v in copy.deepcopy(source).items() if k not in ("chinese", "requires")}
    added |= {"id": NEW_ID, "title": "Diff Test Course", "links": [{"kind": "site", "url": NEW_URL}]}
    courses.append(added)

    # Changed: another course (the last of the file's; the same one when the file has only one)
    # gets a new note, one more link and, where there is another category with a page, that category.
    changed = courses[-2]
    old_note, old_category = changed["note"], changed["category"]
    changed["note"] = "A note rewritten by the diff test."
    changed["links"].append({"kind": "video", "url": EXTRA_URL})
    other = [c["id"] for c in head_data["categories"] if c["id"] != old_category]
    new_category = other[0] if other else old_category
    changed["category"] = new_category

    head = write(workdir, "head", head_data)
    assert run("check", head, cwd=workdir).returncode == 0, run("check", head, cwd=workdir).stderr
    result = diff(base, head)
    assert result.returncode == 0, result.stderr
    found = sections(result.stdout)
    assert set(found) == {"Added", "Removed", "Changed"}, result.stdout

    assert entry(found["Added"], "course", NEW_ID).endswith(f"— page {category_page(workdir, source_category)}")
    assert entry(found["Removed"], kind, gone["id"])
    assert gone["title"] in entry(found["Removed"], kind, gone["id"])

    changes = entries(found["Changed"])
    header = next(h for h in changes if h.startswith(f"~ course {changed['id']} "))
    old_page, new_page = category_page(workdir, old_category), category_page(workdir, new_category)
    assert header.endswith(f"— page {old_page} → {new_page}" if old_page != new_page else f"— page {new_page}")
    fields = changes[header]
    quoted = lambda text: json.dumps(text, ensure_ascii=False)  # noqa: E731 - how the text output quotes text
    assert f"note: {quoted(old_note)} → {quoted(changed['note'])}" in fields
    assert any(line.startswith(f"links: added {EXTRA_URL} ") for line in fields), fields
    if new_category != old_category:
        assert f"category: {quoted(old_category)} → {quoted(new_category)}" in fields
    # Only what was edited: the other records are not listed.
    assert len(found["Added"]) == 1 and len(found["Removed"]) == 1 and len(changes) == 1


def test_items_of_lists_are_told_apart_by_address_and_number(workdir: Path, data: dict) -> None:
    base = write(workdir, "base-lists", data)
    head_data = copy.deepcopy(data)
    course = next(c for c in head_data["courses"] if c["links"])
    link = course["links"][0]
    old_checked = link.get("checked")
    link["checked"] = "2000-01-02" if old_checked != "2000-01-02" else "2000-01-03"
    book = next((b for b in head_data["books"] if b.get("chapters")), None)
    if book is not None:
        chapter = book["chapters"][-1]
        old_title = chapter["title"]
        chapter["title"] = "Retitled by the diff test"
    # Order matters in a list (a path's steps, the topics a card shows first): a new order is a change.
    resource = next((r for r in head_data["resources"] if len(r.get("topics", ())) >= 2), None)
    if resource is not None:
        old_topics = list(resource["topics"])
        resource["topics"].reverse()
    head = write(workdir, "head-lists", head_data)

    changes = entries(sections(diff(base, head).stdout)["Changed"])
    fields = next(f for h, f in changes.items() if h.startswith(f"~ course {course['id']} "))
    before = "(none)" if old_checked is None else f'"{old_checked}"'
    assert fields == [f'links[{link["url"]}].checked: {before} → "{link["checked"]}"']
    if resource is not None:
        fields = next(f for h, f in changes.items() if h.startswith(f"~ resource {resource['id']} "))
        assert fields == [f"topics: order changed: {', '.join(old_topics)} → {', '.join(resource['topics'])}"]
    if book is not None:
        fields = next(f for h, f in changes.items() if h.startswith(f"~ book {book['id']} "))
        assert fields == [
            f"chapters[{chapter['number']}].title: {json.dumps(old_title, ensure_ascii=False)} → "
            '"Retitled by the diff test"'
        ]


def test_record_on_no_page_says_so(workdir: Path, data: dict) -> None:
    base = write(workdir, "base-nopage", data)
    head_data = copy.deepcopy(data)
    head_data["categories"].append(
        {"id": "zz-diff-test-category", "title": "Diff test", "summary": "No page has it.", "study": "supplementary"}
    )
    course = {k: v for k, v in copy.deepcopy(head_data["courses"][0]).items() if k not in ("chinese", "requires")}
    course |= {
        "id": NEW_ID,
        "title": "Diff Test Course",
        "category": "zz-diff-test-category",
        "links": [{"kind": "site", "url": NEW_URL}],
    }
    head_data["courses"].append(course)
    head = write(workdir, "head-nopage", head_data)

    added = sections(diff(base, head).stdout)["Added"]
    assert entry(added, "course", NEW_ID).endswith("(not shown on any page)")
    assert entry(added, "category", "zz-diff-test-category").endswith("(not shown on any page)")


def test_markdown_escapes_what_the_data_says(workdir: Path, data: dict) -> None:
    base = write(workdir, "base-md", data)
    head_data = copy.deepcopy(data)
    course = head_data["courses"][0]
    title = "Pipes | and <b>bold</b> [link](https://example.org) *stars*"
    old_title, course["title"] = course["title"], title
    head = write(workdir, "head-md", head_data)

    result = diff(base, head, "--markdown")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("#")
    assert re.search(r"\*\*0 added, 0 removed, 1 changed", result.stdout)
    assert f"`{course['id']}`" in result.stdout
    assert "<b>" not in result.stdout and "&lt;b&gt;" in result.stdout
    assert "](https" not in result.stdout
    row = next(line for line in lines if line.startswith("| `title`"))
    # Four cells: the "|" of the title is escaped, so it does not open a fifth.
    cells = re.split(r"(?<!\\)\|", row)[1:-1]
    assert len(cells) == 4, row

    # The cells read as the data once Markdown's backslash escapes and HTML's entities are undone.
    def shown(cell: str) -> str:
        return html.unescape(re.sub(r"\\(.)", r"\1", cell.strip()))

    assert shown(cells[2]) == json.dumps(old_title, ensure_ascii=False)
    assert shown(cells[3]) == json.dumps(title, ensure_ascii=False)


def test_invalid_file_is_reported_as_check_reports_it(workdir: Path, data: dict) -> None:
    good = workdir / "_data" / "catalog.yaml"
    text = good.read_text(encoding="utf-8")
    course = data["courses"][0]
    lines = text.splitlines(keepends=True)
    start = next(n for n, line in enumerate(lines) if line.strip() == f"- id: {course['id']}")
    line_no = next(n for n in range(start, len(lines)) if lines[n].strip().startswith("category:"))
    lines[line_no] = lines[line_no].replace(course["category"], "zz-no-such-category")
    bad = workdir / "_data" / "bad.yaml"
    bad.write_text("".join(lines), encoding="utf-8")

    check = run("check", bad, cwd=workdir)
    assert check.returncode == 1
    result = diff(good, bad)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == check.stderr
    # A base today's rules refuse (a rule added since it was written) is compared as it is; the
    # note says so and what the rules say of it.
    result = diff(bad, good)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("note: the base ") and check.stderr.splitlines()[0] in result.stderr
    assert f"~ {course['id']}" in result.stdout or course["id"] in result.stdout
    first = check.stderr.splitlines()[0]
    assert first.startswith(f"_data/bad.yaml:{line_no + 1}: ERROR: courses[{course['id']}].category: ")
    assert "zz-no-such-category" in first


def test_missing_file_is_named(workdir: Path) -> None:
    good = workdir / "_data" / "catalog.yaml"
    missing = workdir / "_data" / "missing.yaml"
    for base, head in ((missing, good), (good, missing)):
        result = diff(base, head)
        assert result.returncode != 0
        assert result.stdout == ""
        assert str(missing) in result.stderr and "does not exist" in result.stderr


def test_pages_are_read_as_sphinx_selects_them() -> None:
    """The scan reads exactly the pages Sphinx builds (conf.py's include and exclude patterns)."""
    scanned = {path for _, path in pagescan.page_files(REPO)}
    assert scanned == {p for p in built_pages() if p.suffix == ".md"}


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("```{llm-courses}\n:category: a\n```\n", [("llm-courses", "", {"category": "a"})]),
        # An example in a code block is not a directive, nor one in a literal directive.
        ("````md\n```{llm-courses}\n:category: a\n```\n````\n", []),
        ("```{code-block} md\n:linenos:\n```{llm-books}\n```\n", [("code-block", "md", {"linenos": ""})]),
        # A directive inside another (a tab, say) is one.
        (
            "::::{tab-item} T\n:::{llm-resources}\n:kind: video\n:::\n::::\n",
            [("tab-item", "T", {}), ("llm-resources", "", {"kind": "video"})],
        ),
        ("```{llm-syllabus} llm101n\n---\nno-index:\n---\n```\n", [("llm-syllabus", "llm101n", {"no-index": ""})]),
    ],
)
def test_directives_are_found_as_myst_reads_them(page: str, expected: list) -> None:
    found = [(d.name, d.argument, d.options) for d in pagescan.directives(page, "p")]
    assert found == expected


def make_diff(base: str) -> subprocess.CompletedProcess[str]:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    # The environment running the tests serves make too, and -o keeps make from installing
    # into it: the checkout (or a copy of it, which has no .venv) needs no network here.
    venv = Path(sys.prefix)
    if not (venv / "bin" / "python").exists():
        pytest.skip("run the tests from a virtual environment (make test uses .venv)")
    return subprocess.run(
        [make, "-s", f"VENV={venv}", "-o", f"{venv}/.docs-installed", "diff", f"DIFF_BASE={base}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def test_make_diff_names_a_missing_base() -> None:
    result = make_diff("zz-no-such-branch")
    assert result.returncode != 0
    assert "'zz-no-such-branch'" in result.stderr and "make diff DIFF_BASE=" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_diff_compares_with_a_commit() -> None:
    result = make_diff("HEAD")
    assert result.returncode == 0, result.stderr
    # The working file may hold uncommitted edits; either way the base is named as given.
    assert re.match(
        r"(No change: _data/catalog.yaml holds the same data as HEAD\.|Data file .* compared with HEAD:)", result.stdout
    )


def test_pages_are_those_the_built_site_gives_the_cards(site: Path, project: Project, catalog) -> None:
    """Every record, category and path is on the page where the real build put its card's anchor."""
    anchors: dict[str, set[str]] = {}
    for page in site.rglob("*.html"):
        docname = page.relative_to(site).with_suffix("").as_posix()
        for anchor in re.findall(r'\bid="(llm-[^"]+)"', page.read_text(encoding="utf-8")):
            anchors.setdefault(anchor, set()).add(docname)
    pages = pagescan.pages(catalog, pagescan.scan(project.root))
    items = [
        *((("record", r.id), f"llm-{r.id}") for r in catalog.records()),
        *((("category", c.id), f"llm-{c.id}") for c in catalog.categories),
        *((("path", p.id), f"llm-path-{p.id}") for p in catalog.paths),
    ]
    for key, anchor in items:
        # The strict build shows everything, so each has a page to compare with.
        assert anchors.get(anchor), anchor
        assert set(pages.get(key, ())) == anchors[anchor], key

"""Incremental builds follow the records: a data edit re-reads only the pages that show what changed.

Each case starts from the ``basic`` root's warm environment (built once per worker, see
conftest.WarmRoots), edits its data file, rebuilds, and counts the documents Sphinx re-read;
serially and with two parallel readers (whose per-page bookkeeping must be merged back for the
next build to be right).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import soup

NEW_COURSE = """  - id: delta-new
    category: extra
    title: Delta New
    language: en
    note: 新加的课程。
    topics: [attn]
    links:
      - {kind: site, url: "https://delta.example.org/"}
"""


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


EDITS = {
    # A course's title: its card's page and the syllabus that lists it under a chapter. The
    # index only links to it ({llm:course}): written again with the new title, not re-read.
    "course-title": (
        lambda text: replace(text, "title: Beta Attention", "title: Beta 注意力"),
        ["pages/courses", "pages/syllabus"],
    ),
    # A book's note is on its card only; the syllabus lists the book by title and chapter.
    "book-note": (lambda text: replace(text, "note: 一本书。", "note: 一本好书。"), ["pages/books"]),
    # A topic's title shows on every card with that topic.
    "topic-title": (
        lambda text: replace(text, "{id: attn, title: 注意力}", "{id: attn, title: 注意力机制}"),
        ["pages/books", "pages/courses"],
    ),
    # A new course: its category's page (list and count table), the syllabus chapter of its
    # topic, and the index, which prints the number of courses.
    "course-added": (
        lambda text: replace(text, "syllabi:\n", NEW_COURSE + "syllabi:\n"),
        ["index", "pages/courses", "pages/syllabus"],
    ),
    # Moving a course to another category changes both lists (one page here) and the counts.
    "course-moved": (
        lambda text: replace(text, "category: core\n    title: Beta", "category: extra\n    title: Beta"),
        ["index", "pages/courses"],
    ),
    # Comments, order of fields and line numbers are not content.
    "comment-only": (
        lambda text: (
            "# 注释\n"
            + replace(text, "language: en\n    note: 讲注意力机制。", "note: 讲注意力机制。\n    language: en")
        ),
        [],
    ),
}


def rebuild(make_app, srcdir: Path, parallel: int, edit) -> tuple[list[str], object]:
    """Edit the data file of the warm root *srcdir*, build it again; the documents re-read and the app."""
    data = srcdir / "_data" / "catalog.yaml"
    data.write_text(edit(data.read_text(encoding="utf-8")), encoding="utf-8")
    app = make_app("html", srcdir=srcdir, parallel=parallel)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    return sorted(read), app


def warnings_of(app) -> list[str]:
    """The build's warnings, without those of a second app made in the same process."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if line and "is already registered" not in line]


@pytest.mark.parametrize("parallel", [1, 2], ids=["serial", "j2"])
@pytest.mark.parametrize("case", list(EDITS))
def test_one_edit_rereads_only_the_pages_that_show_it(make_app, warm, case: str, parallel: int) -> None:
    edit, expected = EDITS[case]
    read, app = rebuild(make_app, warm.restore("basic", parallel=parallel), parallel, edit)
    assert read == expected
    assert warnings_of(app) == []


@pytest.mark.parametrize("parallel", [1, 2], ids=["serial", "j2"])
def test_pages_not_reread_still_show_the_new_title(make_app, warm, parallel: int) -> None:
    """Cross-references resolve when written: the index links to the renamed course by its new title."""
    edit = EDITS["course-title"][0]
    read, app = rebuild(make_app, warm.restore("basic", parallel=parallel), parallel, edit)
    assert "index" not in read
    index = soup(Path(app.outdir) / "index.html")
    link = index.select_one("a[href$='#llm-beta-course']")
    assert link is not None and link.get_text(strip=True) == "Beta 注意力"
    course = soup(Path(app.outdir) / "pages" / "courses.html").find(id="llm-beta-course")
    assert course.select_one(".sd-card-title").get_text(strip=True) == "Beta 注意力"
    related = [a.get_text(strip=True) for a in soup(Path(app.outdir) / "pages" / "syllabus.html").select("a")]
    assert "Beta 注意力" in related


@pytest.mark.parametrize("parallel", [1, 2], ids=["serial", "j2"])
def test_a_moved_card_is_linked_at_its_new_place(make_app, warm, parallel: int) -> None:
    """The syllabus is moved to another page: pages linking to it are written again, not re-read."""
    root_copy = warm.restore("basic", parallel=parallel)
    page = root_copy / "pages" / "syllabus.md"
    moved = root_copy / "pages" / "notes-c.md"
    syllabus_directive = "```{llm-syllabus} gamma-syllabus\n```\n"
    page.write_text(replace(page.read_text(encoding="utf-8"), syllabus_directive, ""), encoding="utf-8")
    moved.write_text(moved.read_text(encoding="utf-8") + "\n" + syllabus_directive, encoding="utf-8")
    app = make_app("html", srcdir=root_copy, parallel=parallel)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    assert sorted(read) == ["pages/notes-c", "pages/syllabus"]
    # The course card of gamma-build (pages/courses, not re-read) links to the syllabus.
    courses = soup(Path(app.outdir) / "pages" / "courses.html")
    links = [a["href"] for a in courses.find(id="llm-gamma-build").select("a") if "gamma-syllabus" in a["href"]]
    assert links == ["notes-c.html#llm-gamma-syllabus"]


@pytest.mark.parametrize("parallel", [1, 2], ids=["serial", "j2"])
def test_successive_edits_keep_tracking(make_app, warm, parallel: int) -> None:
    """The bookkeeping of re-read pages is renewed (and merged from parallel readers) each build."""
    root = warm.restore("basic", parallel=parallel)
    read, _ = rebuild(make_app, root, parallel, EDITS["course-added"][0])
    assert read == EDITS["course-added"][1]
    read, app = rebuild(make_app, root, parallel, lambda text: replace(text, "title: Delta New", "title: Delta 新课"))
    assert read == ["pages/courses", "pages/syllabus"]
    assert warnings_of(app) == []


@pytest.mark.parametrize("parallel", [1, 2], ids=["serial", "j2"])
def test_the_study_paths_page_follows_the_records_of_its_steps(make_app, warm, parallel: int) -> None:
    """学习路线 shows step titles, hours and the prerequisite graph: a step's edit re-reads it."""
    root = warm.restore("paths", parallel=parallel)
    read, app = rebuild(make_app, root, parallel, lambda text: replace(text, "title: Intro to LMs", "title: 入门讲座"))
    assert "pages/paths" in read
    assert "index" not in read  # the home page shows no record
    assert "入门讲座" in soup(Path(app.outdir) / "pages" / "paths.html").get_text()
    assert warnings_of(app) == []

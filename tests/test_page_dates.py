"""Page dates come from git history: a page's own commits and those of the data it shows.

Each test works in its own temporary git repository holding a copy of the site, with commits
at known dates, and builds it strictly: builds of their own, since the dates come from the
copy's own history (conf.py's hosting section, which no test root has).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO, copy_project, soup, sphinx_build

#: Each test builds a copy of the whole project in a git repository of its own.
pytestmark = pytest.mark.site

#: A page without catalog data: its date is its own.
PLAIN_PAGE = "resources/plain.md"


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit(repo: Path, message: str, date: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def build(src: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return sphinx_build(src, out / "html", "-n", "-W", "--keep-going", "-d", str(out / "doctrees"))


def shown_date(out: Path, page: str) -> str | None:
    """The date the reader sees at the foot of the page, and the one in its metadata."""
    html = soup(out / "html" / page)
    footer = html.select_one(".last-updated")
    modified = html.find("meta", property="article:modified_time")
    if footer is None:
        assert modified is None
        return None
    words, date = footer.get_text(" ", strip=True).rsplit(" ", 1)
    assert words == "最后更新于"
    assert modified["content"].startswith(date + "T"), (modified, date)
    return date


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = copy_project(tmp_path / "site")
    plain = "---\norphan: true\n---\n\n# 说明\n\n这一页只有文字，不显示数据。\n"
    (repo / PLAIN_PAGE).write_text(plain, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    # Dates in China Standard Time, as the site shows them (conf.py): 23:30 UTC is the next day.
    commit(repo, "first", "2026-01-10T23:30:00+00:00")
    return repo


def test_a_page_shows_its_last_commit_and_the_data_counts(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    page = repo / "materials" / "llm101n.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n补充一句说明。\n", encoding="utf-8")
    commit(repo, "edit one page", "2026-03-05T10:00:00+08:00")
    result = build(repo, out)
    assert result.returncode == 0, result.stderr
    assert shown_date(out, "materials/llm101n.html") == "2026-03-05"
    for other in ("index.html", "textbooks/index.html", "resources/plain.html"):
        assert shown_date(out, other) == "2026-01-11", other
    for other in sorted((out / "html" / "materials").glob("*.html")):  # every page of the first commit
        if other.name != "llm101n.html":
            assert shown_date(out, f"materials/{other.name}") == "2026-01-11", other.name

    # A data edit re-dates the pages that show the edited record (its card; a syllabus whose
    # chapters list it), and only those: pages are re-read per record they show.
    data = repo / "_data" / "catalog.yaml"
    text = data.read_text(encoding="utf-8")
    record = yaml.safe_load(text)["courses"][0]
    pages = {str(p.relative_to(out / "html")): soup(p) for p in (out / "html").rglob("*.html")}
    (card_page,) = [name for name, html in pages.items() if html.find(id=f"llm-{record['id']}")]
    related = f".llm-chapter-related a[href$='#llm-{record['id']}']"
    listing = [name for name, html in pages.items() if html.select(related)]
    # Pages that neither show the record nor link to it keep the date of their own last commit.
    unrelated = [
        name
        for name, html in pages.items()
        if name not in (card_page, *listing, "materials/llm101n.html", "genindex.html", "search.html")
        and not html.select(f"a[href*='#llm-{record['id']}']")
        and shown_date(out, name) is not None
    ]
    data.write_text(text.replace(f"title: {record['title']}", f"title: {record['title']}（修订）", 1), encoding="utf-8")
    commit(repo, "edit the data", "2026-04-20T09:00:00+08:00")
    result = build(repo, out)
    assert result.returncode == 0, result.stderr
    for shown in (card_page, *listing):
        assert shown_date(out, shown) == "2026-04-20", shown
    assert "resources/plain.html" in unrelated
    for other in unrelated:
        assert shown_date(out, other) == "2026-01-11", other

    # Code of the catalog extension changes how cards look, not what they say.
    module = next((repo / "_ext" / "llm_catalog").glob("*.py"))
    module.write_text(module.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    commit(repo, "edit the extension", "2026-05-01T09:00:00+08:00")
    result = build(repo, out)
    assert result.returncode == 0, result.stderr
    assert shown_date(out, card_page) == "2026-04-20"


def test_shallow_clone_fails_until_read_the_docs_fetches_the_history(repo: Path, tmp_path: Path) -> None:
    page = repo / "textbooks" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n补充一句说明。\n", encoding="utf-8")
    commit(repo, "second", "2026-02-02T10:00:00+08:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    # Read the Docs' clone: dates from the one commit it has would be wrong, so the strict build fails.
    result = build(clone, tmp_path / "shallow")
    assert result.returncode != 0
    assert "too shallow" in result.stderr

    # The post_checkout command of .readthedocs.yaml, run as Read the Docs runs it.
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    for command in config["build"]["jobs"]["post_checkout"]:
        subprocess.run(command, shell=True, cwd=clone, check=True, capture_output=True)
    out = tmp_path / "full"
    result = build(clone, out)
    assert result.returncode == 0, result.stderr
    assert shown_date(out, "textbooks/index.html") == "2026-02-02"
    assert shown_date(out, "resources/plain.html") == "2026-01-11"


def test_a_copy_outside_git_builds_without_dates(tmp_path: Path) -> None:
    src = copy_project(tmp_path / "src")
    if subprocess.run(["git", "rev-parse"], cwd=src, capture_output=True, check=False).returncode == 0:
        pytest.skip("the temporary folder lies inside a git checkout")
    result = build(src, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert shown_date(tmp_path / "out", "index.html") is None

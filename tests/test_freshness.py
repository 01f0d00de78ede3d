"""`make freshness` edits the data file in place against a loopback GitHub API stand-in, and the
site shows what it wrote: 仓库已归档, 超过一年未更新（最近 YYYY-MM）, the 仍在更新 facet."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO, run_tool, soup, sphinx_build, tool_folder
from standin import Answer, Request, StandIn

#: A fixed data file: the real catalog changes with every contribution, and these tests compare lines.
FIXED = REPO / "tests" / "data" / "freshness" / "catalog.yaml"
FIELDS_ROOT = REPO / "tests" / "roots" / "test-fields"
TODAY = "2026-11-30"


def repo(name: str, *, archived: bool = False, pushed_at: str | None = "2026-10-01T12:34:56Z") -> dict:
    answer: dict = {"id": 1, "full_name": name, "archived": archived, "private": False}
    if pushed_at is not None:
        answer["pushed_at"] = pushed_at
    return answer


#: How the stand-in answers ``GET /repos/OWNER/REPO``, by ``OWNER/REPO`` in lowercase.
BEHAVIOUR: dict[str, str] = {
    "good/active": "active",
    "bad/malformed": "malformed",
    "good/stale": "stale",
    "bad/gone": "404",
    "good/archived": "archived",
    "bad/error": "500",
    "good/old-name": "renamed",
    "bad/slow": "slow",
    "bad/missing": "missing",
    "good/last": "active",
}


def github_answer(request: Request) -> Answer:
    """GitHub's answer for ``GET /api/repos/OWNER/REPO``, as :data:`BEHAVIOUR` says."""
    name = request.path.removeprefix("/api/repos/")
    behaviour = BEHAVIOUR.get(name.lower(), "404")
    status, body, headers, delay = 200, None, {}, 0.0
    if behaviour == "active":
        body = repo(name)
    elif behaviour == "stale":
        body = repo(name, pushed_at="2024-05-21T23:59:59Z")
    elif behaviour == "archived":
        body = repo(name, archived=True, pushed_at="2023-03-04T05:06:07Z")
    elif behaviour == "renamed":
        body = repo("good/new-name", pushed_at="2026-11-29T08:00:00Z")
    elif behaviour == "missing":
        body = {"full_name": name, "archived": False}
    elif behaviour == "slow":
        body, delay = repo(name), 3.0
    elif behaviour == "404":
        status, body = 404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}
    elif behaviour == "500":
        status, body = 500, {"message": "Server Error"}
    elif behaviour == "rate-limited":
        status = 403
        body = {"message": "API rate limit exceeded for 127.0.0.1."}
        headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1796000000"}
    elif behaviour == "malformed":
        body = b'{"archived": fal'
    return Answer(status, body, "application/json; charset=utf-8", headers, delay)


@pytest.fixture
def github_api(standin) -> StandIn:
    return standin(fallback=github_answer)


@pytest.fixture
def api(github_api: StandIn) -> str:
    return f"{github_api.url}/api"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tool_folder(tmp_path, FIXED)


def run(workdir: Path, *args: str, token: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_tool(workdir, *args, env={"GITHUB_TOKEN": token} if token is not None else None)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def fresh(workdir: Path, api: str, *more: str, token: str | None = None) -> subprocess.CompletedProcess[str]:
    return run(
        workdir, "freshness", "--api", api, "--today", TODAY, "--timeout", "1", "--delay", "0", *more, token=token
    )


def test_writes_what_github_said_and_touches_no_other_line(workdir: Path, api: str, github_api: StandIn) -> None:
    data = workdir / "_data" / "catalog.yaml"
    before = data.read_text(encoding="utf-8")
    result = fresh(workdir, api)
    after = data.read_text(encoding="utf-8")
    assert "Traceback" not in result.stdout + result.stderr

    # Any failure makes the command fail, after writing what it could.
    assert result.returncode == 1
    assert "5 record(s) could not be checked" in result.stderr

    # Removing the new lines gives the old file back byte for byte, but for gamma's rewritten line.
    inserted = {
        "alpha-active": '    repository: {archived: false, pushed: "2026-10-01", checked: "2026-11-30"}',
        "epsilon-archived": '    repository: {archived: true, pushed: "2023-03-04", checked: "2026-11-30"}',
        "eta-renamed": '    repository: {archived: false, pushed: "2026-11-29", checked: "2026-11-30"}',
        "epsilon-book": '    repository: {archived: true, pushed: "2023-03-04", checked: "2026-11-30"}',
        "lambda-list": '    repository: {archived: false, pushed: "2026-10-01", checked: "2026-11-30"}',
    }
    old_gamma = '    repository: {archived: false, pushed: "2023-01-02", checked: "2025-01-06"}'
    new_gamma = '    repository: {archived: false, pushed: "2024-05-21", checked: "2026-11-30"}'
    lines = after.splitlines(keepends=True)
    kept = [line for line in lines if line.rstrip("\n") not in inserted.values()]
    assert len(lines) - len(kept) == len(inserted)
    assert "".join(kept) == before.replace(old_gamma, new_gamma)
    # Each new line sits just before its record's links; a comment over the links stays with them.
    for record, line in inserted.items():
        links = lines.index("    links:\n", lines.index(f"  - id: {record}\n"))
        above = lines[links - 1] if not lines[links - 1].startswith("    # ") else lines[links - 2]
        assert above == line + "\n", record
    at = lines.index(inserted["alpha-active"] + "\n")
    assert lines[at - 1 : at + 3] == [
        "    topics: [lm]\n",
        inserted["alpha-active"] + "\n",
        "    # Source: the course site links to its code.\n",
        "    links:\n",
    ]

    # One request per repository, in the file's order (the book shares epsilon's); none for the
    # syllabus, GitHub Pages or GitHub's own pages.
    asked = [r.path for r in github_api.requests]
    assert asked == [f"/api/repos/{name}" for name in BEHAVIOUR]

    # Every failure is reported with the record id and the line of its GitHub link, as the file is now.
    out = result.stdout

    def reported(record: str, url: str) -> str:
        return f"- line {line_of(after, url)}, `{record}`: "

    assert "6 checked, 5 failed, 0 not asked." in out
    assert (
        reported("beta-malformed", "github.com/bad/malformed") + "bad/malformed (the answer is not valid JSON)" in out
    )
    assert reported("delta-gone", "github.com/bad/gone") + "bad/gone (GitHub has no such repository (HTTP 404): " in out
    assert "it may have been renamed, made private or deleted; check the link" in out
    assert reported("zeta-error", "github.com/bad/error") + "bad/error (the API answered HTTP 500)" in out
    assert reported("theta-slow", "github.com/bad/slow") + "bad/slow (no answer within 1 s)" in out
    assert reported("iota-missing", "github.com/bad/missing") + "bad/missing (the answer has no 'pushed_at'" in out
    assert reported("eta-renamed", "old-name.git") + "good/old-name: not archived, last push 2026-11-29 " in out
    assert "(GitHub now calls it good/new-name; update the link)" in out
    assert out.rstrip().endswith("_data/catalog.yaml: updated")

    # The file still passes `make check`.
    assert run(workdir, "check", "_data/catalog.yaml").returncode == 0


def test_headers_and_token(workdir: Path, api: str, github_api: StandIn, monkeypatch) -> None:
    for name in BEHAVIOUR:
        monkeypatch.setitem(BEHAVIOUR, name, "active")
    result = fresh(workdir, api, token="ghs_secret123")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ghs_secret123" not in result.stdout + result.stderr
    assert len(github_api.requests) == 10
    for r in github_api.requests:
        assert r.headers["Accept"] == "application/vnd.github+json"
        assert r.headers["Authorization"] == "Bearer ghs_secret123"
    github_api.requests.clear()
    # A second run the same day changes nothing; without a token no Authorization is sent.
    data = workdir / "_data" / "catalog.yaml"
    before = data.read_bytes()
    again = fresh(workdir, api)
    assert again.returncode == 0, again.stdout + again.stderr
    assert data.read_bytes() == before
    assert "Already recorded today" in again.stdout and again.stdout.rstrip().endswith(": unchanged")
    assert github_api.requests and all("Authorization" not in r.headers for r in github_api.requests)


def test_rate_limit_stops_the_run_and_says_what_to_do(
    workdir: Path, api: str, github_api: StandIn, monkeypatch
) -> None:
    monkeypatch.setitem(BEHAVIOUR, "bad/malformed", "rate-limited")
    data = workdir / "_data" / "catalog.yaml"
    before = data.read_text(encoding="utf-8")
    result = fresh(workdir, api)
    assert result.returncode == 1
    assert len(github_api.requests) == 2  # alpha's answer, then the refusal: nothing more is asked
    out = result.stdout
    assert "rate-limited by GitHub (HTTP 403) until 2026-11-30 " in out
    assert "set GITHUB_TOKEN to a token for a higher limit" in out
    assert out.count("not asked: GitHub's rate limit was reached; run again later or with GITHUB_TOKEN") == 9
    assert "Stopped early" in out
    # Only alpha (answered before the limit) is written.
    after = data.read_text(encoding="utf-8")
    alpha = '    repository: {archived: false, pushed: "2026-10-01", checked: "2026-11-30"}\n'
    assert after.count(alpha) == 1 and after.replace(alpha, "") == before
    # With a token the hint is not repeated.
    github_api.requests.clear()
    assert "set GITHUB_TOKEN" not in fresh(workdir, api, token="t").stdout


def test_an_api_that_is_not_there_is_reported_and_nothing_is_written(workdir: Path, dead_host: str) -> None:
    data = workdir / "_data" / "catalog.yaml"
    before = data.read_bytes()
    result = fresh(workdir, f"http://{dead_host}")
    assert result.returncode == 1
    assert data.read_bytes() == before
    out = result.stdout
    assert out.count("cannot reach the API: ConnectionError") == 3
    assert out.count("not asked: the API failed 3 times in a row") == 8
    assert "Stopped early: the API failed 3 times in a row." in out
    assert f"- line {line_of(before.decode(), 'github.com/good/active')}, `alpha-active`: good/active" in out
    assert "Traceback" not in out + result.stderr


def test_it_asks_one_at_a_time_with_the_delay(workdir: Path, api: str, github_api: StandIn, monkeypatch) -> None:
    for name in BEHAVIOUR:
        monkeypatch.setitem(BEHAVIOUR, name, "active")
    result = run(workdir, "freshness", "--api", api, "--today", TODAY, "--delay", "0.3")
    assert result.returncode == 0, result.stdout + result.stderr
    times = [r.time for r in github_api.requests]
    assert len(times) == 10
    assert all(b - a >= 0.3 for a, b in itertools.pairwise(times))


def test_give_up_after_is_an_option(workdir: Path, api: str, github_api: StandIn, monkeypatch) -> None:
    for name in BEHAVIOUR:
        monkeypatch.setitem(BEHAVIOUR, name, "500")
    result = fresh(workdir, api, "--give-up-after", "2")
    assert result.returncode == 1
    assert len(github_api.requests) == 2
    assert "Stopped early: the API failed 2 times in a row." in result.stdout


def test_a_data_file_that_fails_check_is_never_written(workdir: Path, api: str, github_api: StandIn) -> None:
    data = workdir / "_data" / "catalog.yaml"
    text = data.read_text(encoding="utf-8").replace("category: core\n", "category: kore\n", 1)
    data.write_text(text, encoding="utf-8")
    result = fresh(workdir, api)
    assert result.returncode == 1
    assert "'kore'" in result.stderr and "not changed" in result.stderr
    assert github_api.requests == []
    assert data.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--today", "30.11.2026"), "write the date as YYYY-MM-DD"),
        (("--delay", "soon"), "is not a number of seconds"),
        (("--give-up-after", "0"), "give a number of 1 or more"),
    ],
)
def test_bad_options_are_said_in_words(
    workdir: Path, api: str, github_api: StandIn, args: tuple[str, ...], message: str
) -> None:
    result = run(workdir, "freshness", "--api", api, *args)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr
    assert github_api.requests == []


# -- What readers see ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def fields_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fields root (alpha: last push 2024-05, checked 2026-11-01; the book archived; the
    resource pushed a month before its check; beta without repository data), as HTML and LaTeX."""
    top = tmp_path_factory.mktemp("fresh-site")
    src = Path(shutil.copytree(FIELDS_ROOT, top / "src"))
    html, latex = top / "html", top / "latex"
    for builder, out in (("html", html), ("latex", latex)):
        result = sphinx_build(src, out, "-q", "-D", "html_search_language=en", builder=builder)
        assert result.returncode == 0, result.stderr
    return html, latex


def test_cards_say_archived_or_not_updated_for_a_year(fields_site: tuple[Path, Path]) -> None:
    html, _ = fields_site
    courses = soup(html / "pages" / "courses.html")
    alpha = courses.find(id="llm-alpha")
    assert alpha.select_one(".llm-card-repository").get_text() == "超过一年未更新（最近 2024-05）"
    assert courses.find(id="llm-beta").select_one(".llm-card-repository") is None  # no repository data
    books = soup(html / "pages" / "books.html")
    assert books.find(id="llm-book").select_one(".llm-card-repository").get_text() == "仓库已归档"
    assert books.find(id="llm-res").select_one(".llm-card-repository") is None  # still updated


def test_the_filter_offers_still_updated(fields_site: tuple[Path, Path]) -> None:
    html, _ = fields_site
    page = soup(html / "pages" / "find.html")
    boxes = page.select("form.llm-filter input[name=fresh]")
    labels = {box["value"]: box.parent.get_text(strip=True) for box in boxes}
    assert labels == {"active": "仍在更新", "stale": "超过一年未更新", "archived": "仓库已归档", "unknown": "未标注"}
    legend = boxes[0].find_parent("fieldset").legend.get_text()
    assert legend == "仓库"
    # The listing's compact rows number the boxes they match (data-llm-f); decode the 仓库 ones.
    every_box = [(box["name"], box["value"]) for box in page.select("form.llm-filter input[type=checkbox]")]
    rows = {
        row["data-llm-id"]: {
            value for name, value in (every_box[int(n)] for n in row["data-llm-f"].split()) if name == "fresh"
        }
        for row in page.select(".llm-filter-listing [data-llm-id]")
    }
    assert rows == {"alpha": {"stale"}, "beta": {"unknown"}, "book": {"archived"}, "res": {"active"}}


def test_print_shows_the_same_words(fields_site: tuple[Path, Path]) -> None:
    _, latex = fields_site
    (tex,) = latex.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    assert "\n超过一年未更新（最近 2024\\sphinxhyphen{}05）\n" in text  # a paragraph of its own
    assert "\n仓库已归档\n" in text


def test_a_year_is_counted_back_from_the_checked_day() -> None:
    from llm_catalog.data.freshness import state, year_before
    from llm_catalog.data.records import Repository

    def of(pushed: str, checked: str, archived: bool = False) -> str | None:
        return state(Repository(archived=archived, pushed=pushed, checked=checked))

    assert of("2025-11-30", "2026-11-30") == "active"  # exactly a year: not more than a year
    assert of("2025-11-29", "2026-11-30") == "stale"
    assert of("2026-11-30", "2026-11-30", archived=True) == "archived"
    assert year_before(date(2024, 2, 29)) == date(2023, 2, 28)
    assert state(None) is None


@pytest.mark.parametrize(
    ("url", "repository"),
    [
        ("https://github.com/karpathy/LLM101n", "karpathy/LLM101n"),
        ("https://github.com/owner/repo.git", "owner/repo"),
        ("https://www.github.com/owner/repo/tree/main/docs", "owner/repo"),
        ("https://github.com/owner", None),
        ("https://github.com/orgs/owner/repositories", None),
        ("https://github.com/topics/llm", None),
        ("https://owner.github.io/repo/", None),
        ("https://gist.github.com/owner/abc", None),
        ("https://github.example.org/owner/repo", None),
    ],
)
def test_which_address_is_a_repository(url: str, repository: str | None) -> None:
    from llm_catalog.data.freshness import repository_of

    assert repository_of(url) == repository


def test_open_data_carries_the_field_and_the_facet(fields_site: tuple[Path, Path]) -> None:
    html, _ = fields_site
    records = {r["id"]: r for r in json.loads((html / "catalog.json").read_text(encoding="utf-8"))["records"]}
    assert records["alpha"]["fields"]["repository"] == {
        "archived": False,
        "pushed": "2024-05-01",
        "checked": "2026-11-01",
    }
    assert {rid: records[rid]["facets"]["fresh"] for rid in ("alpha", "beta", "book", "res")} == {
        "alpha": ["stale"],
        "beta": ["unknown"],
        "book": ["archived"],
        "res": ["active"],
    }
    assert "fresh" not in records["syl"]["facets"]  # a syllabus is not filtered

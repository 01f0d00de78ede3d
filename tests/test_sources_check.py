"""`python -m llm_catalog sources` re-reads the pages the facts cite, against a loopback stand-in web
server: gone pages, pages not read, quotes no longer there. It never writes the data file."""

from __future__ import annotations

import itertools
import re
import socket
import subprocess
from pathlib import Path

import pytest
import requests
import urllib3

from conftest import run_tool as run
from conftest import tool_folder
from llm_catalog.data import records
from llm_catalog.tools import sources
from standin import Answer, Request, StandIn

QUOTE = "All videos are free"

#: The quote split across tags and lines, in other cases, widths and spaces; and a Chinese one
#: broken across a line (a browser shows no space there).
QUOTED_PAGE = """<!doctype html>
<html><head><title>Course</title><style>p { color: red }</style></head>
<body><nav>Home</nav>
<p>Twelve lectures.  ＡＬＬ <b>Videos</b>
     are\u00a0<i>FREE</i>, forever.</p>
<div>全部
视频<span>免费</span></div>
</body></html>
"""
#: The quote no longer shown: only in a script, a style, a comment and an attribute; the text changed.
CHANGED_PAGE = """<!doctype html>
<html><head><title>Course</title><style>/* All videos are free */</style>
<script>var note = "All videos are free";</script></head>
<body><!-- All videos are free -->
<p title="All videos are free">Videos now need a subscription.</p>
<p>All videos are <em>not</em> free any more.</p>
</body></html>
"""
PLAIN_PAGE = "# Course notes\n\nall   VIDEOS\nare free (see the playlist).\n"


QUOTED = Answer(body=QUOTED_PAGE, content_type="text/html; charset=utf-8")
#: The pages of the stand-in web site by path; ``/status/NNN`` answers NNN, anything else 404.
PAGES = {
    "/quoted": QUOTED,
    "/moved-here": QUOTED,
    "/changed": Answer(body=CHANGED_PAGE, content_type="text/html"),
    "/plain.md": Answer(body=PLAIN_PAGE, content_type="text/plain; charset=utf-8"),
    "/paper.pdf": Answer(body=b"%PDF-1.7\n% All videos are free\n", content_type="application/pdf"),
    "/moved": Answer(301, headers={"Location": "/moved-here"}),
    "/slow": Answer(body=QUOTED_PAGE, content_type="text/html", delay=3.0),
}


def status_or_missing(request: Request) -> Answer:
    if m := re.fullmatch(r"/status/(\d+)", request.path):
        return Answer(int(m.group(1)), "<html><body>All videos are free</body></html>", "text/html")
    return Answer(404, "not found", "text/plain")


@pytest.fixture
def website(standin) -> StandIn:
    return standin(PAGES, fallback=status_or_missing)


@pytest.fixture
def web(website: StandIn) -> str:
    return website.url


@pytest.fixture
def dead(dead_host: str) -> str:
    """An address on loopback where nothing listens."""
    return f"http://{dead_host}"


def catalog_text(web: str, dead: str) -> str:
    """A data file that passes `check`: each record's facts cite the stand-in's pages (WEB)."""
    return f"""\
categories:
  - {{id: core, title: 核心, summary: 主线。, study: main}}
topics:
  - {{id: lm, title: 语言建模}}
book_groups:
  - {{id: basics, title: 基础}}
courses:
  - id: alpha
    category: core
    title: Alpha
    language: en
    note: 引文在页面上，跨标签、换行、大小写和全角。
    cost: {{value: free, sources: ["WEB/quoted"], quote: "all videos are free", checked: "2026-11-01"}}
    effort:
      kind: video
      hours: 12
      sources: ["WEB/quoted"]
      quote: "Twelve lectures"
      checked: "2026-11-01"
    links:
      - {{kind: site, url: "https://alpha.example.org/"}}
  - id: beta
    category: core
    title: Beta
    language: en
    note: 页面不再写着引文。
    cost: {{value: free, sources: ["WEB/changed"], quote: "All videos are free", checked: "2026-11-01"}}
    links:
      - {{kind: site, url: "https://beta.example.org/"}}
  - id: gamma
    category: core
    title: Gamma
    language: en
    note: 页面没了（404），没有引文。
    effort: {{kind: class, hours: 30, sources: ["WEB/status/404"], checked: "2026-11-01"}}
    links:
      - {{kind: site, url: "https://gamma.example.org/"}}
  - id: delta
    category: core
    title: Delta
    language: en
    note: 页面没了（410），有引文。
    cost:
      value: paid
      sources: ["WEB/status/410"]
      quote: "All videos are free"
      checked: "2026-11-01"
    links:
      - {{kind: site, url: "https://delta.example.org/"}}
  - id: epsilon
    category: core
    title: Epsilon
    language: en
    note: 服务器出错（500）和拒绝机器人（403）。
    cost: {{value: free-to-audit, sources: ["WEB/status/500"], quote: "All videos are free", checked: "2026-11-01"}}
    effort: {{kind: stated, hours: 15, hours_to: 20, sources: ["WEB/status/403"], checked: "2026-11-01"}}
    links:
      - {{kind: site, url: "https://epsilon.example.org/"}}
  - id: zeta
    category: core
    title: Zeta
    language: en
    note: 页面太慢。
    cost: {{value: free, sources: ["WEB/slow"], quote: "All videos are free", checked: "2026-11-01"}}
    links:
      - {{kind: site, url: "https://zeta.example.org/"}}
  - id: eta
    category: core
    title: Eta
    language: en
    note: 页面搬家了，新地址写着引文；中文引文跨行。
    cost: {{value: free, sources: ["WEB/moved"], quote: "全部视频免费", checked: "2026-11-01"}}
    links:
      - {{kind: site, url: "https://eta.example.org/"}}
  - id: kappa
    category: core
    title: Kappa
    language: en
    note: 两个来源，一个没了，一个写着引文；另一条事实引文只在其中一个来源里。
    cost: {{value: free, sources: ["WEB/status/404", "WEB/quoted"], quote: "{QUOTE}", checked: "2026-11-01"}}
    effort: {{kind: video, hours: 3, sources: ["WEB/changed", "WEB/quoted"], quote: "{QUOTE}", checked: "2026-11-01"}}
    links:
      - {{kind: site, url: "https://kappa.example.org/"}}
  - id: unknown-cost
    category: core
    title: Unknown
    language: en
    note: 没有来源的事实不检查。
    cost: {{value: unknown, note: 两处来源说法不一。, checked: "2026-11-01"}}
    links:
      - {{kind: site, url: "https://unknown.example.org/"}}
syllabi: []
books:
  - id: iota
    group: basics
    authors: [Someone]
    title: Iota
    language: en
    note: 出版社的网站连不上；PDF 写着页数，但不读 PDF。
    pages: {{count: 300, sources: ["DEAD/book"], checked: "2026-11-01"}}
    effort: {{kind: stated, hours: 40, sources: ["WEB/paper.pdf"], quote: "{QUOTE}", checked: "2026-11-01"}}
  - id: lambda
    group: basics
    authors: [Someone]
    title: Lambda
    language: en
    note: 没有引文的 PDF：页面在就够了。
    pages: {{count: 120, sources: ["WEB/paper.pdf"], checked: "2026-11-01"}}
resources:
  - id: theta
    kind: list
    title: Theta
    note: 纯文本（Markdown）页面写着引文。
    cost: {{value: free, sources: ["WEB/plain.md"], quote: "{QUOTE}", checked: "2026-11-01"}}
    links:
      - {{kind: site, url: "https://theta.example.org/"}}
""".replace("WEB", web).replace("DEAD", dead)


@pytest.fixture
def workdir(tmp_path: Path, web: str, dead: str) -> Path:
    return tool_folder(tmp_path, catalog_text(web, dead))


def check_sources(workdir: Path, *more: str) -> subprocess.CompletedProcess[str]:
    return run(workdir, "sources", "--timeout", "1", "--delay", "0", *more)


def line_of(text: str, needle: str, after: str = "") -> int:
    """The first line holding *needle* (after the first line holding *after*)."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if after in line) if after else 0
    return next(n for n, line in enumerate(lines[start:], start + 1) if needle in line)


def tables(markdown: str) -> dict[str, list[dict[str, str]]]:
    """The report's tables by their bold title, each row as {column: cell}."""
    found: dict[str, list[dict[str, str]]] = {}
    title = ""
    header: list[str] = []
    for line in markdown.splitlines():
        if m := re.fullmatch(r"\*\*(.+?)\*\*", line):
            title, header = m.group(1), []
        elif line.startswith("|"):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if not header:
                header = cells
            elif not set("".join(cells)) <= set("-: "):
                found.setdefault(title, []).append(dict(zip(header, cells, strict=True)))
    return found


def by_category(markdown: str) -> dict[str, set[tuple[str, int, str, str]]]:
    """{gone / quote missing / not read: {(record, line, fact, address)}} from the report's tables."""
    names = {sources.TITLES[c]: c for c in sources.TITLES}
    return {
        names[title]: {(r["Record"].strip("`"), int(r["Line"]), r["Fact"], r["Address"]) for r in rows}
        for title, rows in tables(markdown).items()
    }


def detail(markdown: str, record: str, address: str) -> str:
    rows = [r for rows in tables(markdown).values() for r in rows]
    (row,) = [r for r in rows if r["Record"] == f"`{record}`" and r["Address"] == address]
    return row["What happened"]


def test_each_fact_lands_in_its_category_with_its_line(workdir: Path, website: StandIn, web: str, dead: str) -> None:
    data = workdir / "_data" / "catalog.yaml"
    assert run(workdir, "check", "_data/catalog.yaml").returncode == 0  # the file is a valid one
    before = data.read_bytes()
    text = before.decode()

    result = check_sources(workdir, "--report", "_build/sources.md")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1  # pages gone and a quote missing
    assert data.read_bytes() == before  # nothing written

    report = (workdir / "_build" / "sources.md").read_text(encoding="utf-8")
    assert report.startswith("### Sources of facts\n")
    found = by_category(report)

    def at(record: str, needle: str) -> int:
        return line_of(text, needle, after=f"- id: {record}")

    assert found == {
        "gone": {
            ("gamma", at("gamma", "effort:"), "effort: 30 hours (class)", f"{web}/status/404"),
            ("delta", at("delta", "value: paid"), "cost: paid", f"{web}/status/410"),
            ("kappa", at("kappa", "cost:"), "cost: free", f"{web}/status/404"),
            ("iota", at("iota", "pages:"), "pages: 300", f"{dead}/book"),
        },
        "quote missing": {
            ("beta", at("beta", "cost:"), "cost: free", f"{web}/changed"),
        },
        "not read": {
            ("epsilon", at("epsilon", "cost:"), "cost: free-to-audit", f"{web}/status/500"),
            ("epsilon", at("epsilon", "effort:"), "effort: 15–20 hours (stated)", f"{web}/status/403"),
            ("zeta", at("zeta", "cost:"), "cost: free", f"{web}/slow"),
            ("iota", at("iota", "effort:"), "effort: 40 hours (stated)", f"{web}/paper.pdf"),
        },
    }
    # alpha (split quote), eta (redirect, Chinese quote over a line break), theta (plain text),
    # lambda (a PDF without quote), kappa's effort (the quote on one of two pages): nothing to say.
    assert detail(report, "gamma", f"{web}/status/404") == "HTTP 404"
    assert detail(report, "delta", f"{web}/status/410") == "HTTP 410"
    assert "connection refused" in detail(report, "iota", f"{dead}/book")
    assert detail(report, "epsilon", f"{web}/status/500") == "HTTP 500"
    assert "HTTP 403" in detail(report, "epsilon", f"{web}/status/403")
    assert detail(report, "zeta", f"{web}/slow") == "no answer within 1 s"
    assert detail(report, "iota", f"{web}/paper.pdf") == "not read (PDF)"
    assert f"“{QUOTE}”" in detail(report, "beta", f"{web}/changed")

    # One request per address, however many facts and records cite it; the redirect is followed.
    asked = [r.path for r in website.requests]
    assert sorted(asked) == sorted(
        [
            "/quoted",  # alpha's cost and effort, kappa's cost and effort
            "/changed",  # beta, kappa
            "/status/404",  # gamma, kappa
            "/status/410",
            "/status/500",
            "/status/403",
            "/slow",
            "/moved",
            "/moved-here",
            "/paper.pdf",  # iota, lambda
            "/plain.md",
        ]
    )
    assert all(r.headers["User-Agent"].startswith("llm-study-guide-sources/") for r in website.requests)

    # The plain summary: counts first, then each finding at its file:line.
    out = result.stdout
    assert out.splitlines()[0] == (
        "facts checked: 15, sources read: 5 of 11 addresses, gone: 4, not read: 4, quotes missing: 1"
    )
    assert f"_data/catalog.yaml:{at('beta', 'cost:')}: beta, cost: free: {web}/changed (the quote " in out
    assert f"_data/catalog.yaml:{at('iota', 'pages:')}: iota, pages: 300: {dead}/book (connection refused" in out
    assert report.splitlines()[2] == (
        "Facts checked: 15, sources read: 5 of 11 addresses, gone: 4, not read: 4, quotes missing: 1."
    )


def test_pages_not_read_are_listed_and_do_not_fail(workdir: Path, website: StandIn, web: str) -> None:
    data = workdir / "_data" / "catalog.yaml"
    before = data.read_bytes()
    result = check_sources(workdir, "--only", "epsilon", "--only", "zeta", "--markdown", "report.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert data.read_bytes() == before
    assert sorted(r.path for r in website.requests) == ["/slow", "/status/403", "/status/500"]
    found = by_category((workdir / "report.md").read_text(encoding="utf-8"))
    assert set(found) == {"not read"}
    assert {(record, address) for record, _, _, address in found["not read"]} == {
        ("epsilon", f"{web}/status/500"),
        ("epsilon", f"{web}/status/403"),
        ("zeta", f"{web}/slow"),
    }
    assert "not read: 3, quotes missing: 0" in result.stdout


def test_quotes_found_through_tags_redirects_and_plain_text_exit_0(workdir: Path, website: StandIn) -> None:
    result = check_sources(workdir, "--only", "alpha", "--only", "eta", "--only", "theta", "--report", "r.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == (
        "facts checked: 4, sources read: 3 of 3 addresses, gone: 0, not read: 0, quotes missing: 0\n"
    )
    report = (workdir / "r.md").read_text(encoding="utf-8")
    assert tables(report) == {}
    assert "Every cited page is there, and every quote is on its page." in report
    assert [r.path for r in website.requests].count("/quoted") == 1  # alpha's two facts


def test_one_request_at_a_time_with_the_delay(workdir: Path, website: StandIn) -> None:
    result = run(workdir, "sources", "--only", "alpha", "--only", "beta", "--only", "theta", "--delay", "0.3")
    assert result.returncode == 1  # beta's quote
    times = [r.time for r in website.requests]
    assert len(times) == 3
    assert all(b - a >= 0.3 for a, b in itertools.pairwise(times))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--only", "nosuch"), "--only nosuch: no course, book or resource has this id"),
        (("--only", "alpha", "--only", "unknown-cost", "--only", "ghost"), "--only ghost: "),
        (("--timeout", "0"), "--timeout 0: give a number of seconds above 0"),
        (("--delay", "soon"), "is not a number of seconds"),
    ],
)
def test_wrong_options_exit_2_and_ask_nothing(
    workdir: Path, website: StandIn, args: tuple[str, ...], message: str
) -> None:
    result = run(workdir, "sources", *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert website.requests == []


def test_a_data_file_that_fails_check_is_not_read(workdir: Path, website: StandIn) -> None:
    data = workdir / "_data" / "catalog.yaml"
    text = data.read_text(encoding="utf-8").replace("category: core\n", "category: kore\n", 1)
    data.write_text(text, encoding="utf-8")
    result = check_sources(workdir)
    assert result.returncode == 2
    assert "'kore'" in result.stderr
    assert website.requests == []
    assert data.read_text(encoding="utf-8") == text


# -- The pieces ------------------------------------------------------------------------------


def test_visible_text_leaves_out_what_is_not_shown() -> None:
    text = sources.normalise(sources.visible_text(CHANGED_PAGE.encode()))
    assert text == "course videos now need a subscription. all videos are not free any more."
    shown = sources.normalise(sources.visible_text(QUOTED_PAGE.encode()))
    assert "all videos are free, forever." in shown and "全部视频免费" in shown
    assert sources.normalise("Ｆｕｌｌ\u3000width\n\tWORDS") == "full width words"


def _dns_failure(errno: int) -> requests.ConnectionError:
    """What requests raises when the host name cannot be looked up (urllib3 2: NameResolutionError)."""
    cause = socket.gaierror(errno, "Name or service not known")
    resolution = urllib3.exceptions.NameResolutionError("nosuch.example", None, cause)  # type: ignore[arg-type]
    resolution.__cause__ = cause
    retry = urllib3.exceptions.MaxRetryError(None, "/", reason=resolution)  # type: ignore[arg-type]
    return requests.ConnectionError(retry)


def test_a_host_name_that_does_not_exist_is_gone_and_a_dns_hiccup_is_not() -> None:
    assert sources.unreachable(_dns_failure(socket.EAI_NONAME), 1).state == sources.GONE
    again = sources.unreachable(_dns_failure(socket.EAI_AGAIN), 1)
    assert again.state == sources.NOT_READ and "DNS" in again.detail


@pytest.mark.parametrize(
    ("name", "fact", "expected"),
    [
        ("workload", records.Workload(says="每周作业约 10 小时", checked="2026-12-01"), "workload: 每周作业约 10 小时"),
        ("year", records.Year(value=2024, checked="2026-12-01"), "year: 2024"),
        ("pages", records.Pages(count=587, checked="2026-12-01"), "pages: 587"),
    ],
)
def test_every_kind_of_fact_is_named_by_what_it_says(name: str, fact: records.Fact, expected: str) -> None:
    """A report line names the fact by its own value (Fact.WHAT), whatever kind it is: never ``None``."""
    assert sources.fact_text(name, fact) == expected

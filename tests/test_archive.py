"""`make archive` and `linkstate` edit the data file in place, against a loopback Wayback stand-in."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest
import test_linkcheck

from conftest import REPO, soup, tool_folder
from conftest import run_tool as run
from standin import Answer, Request, StandIn

#: A fixed data file of a few real records: the real catalog changes with every contribution and
#: every weekly link check, and these tests edit and compare exact lines.
FIXED = REPO / "tests" / "data" / "archive" / "catalog.yaml"
SCHEMA = REPO / "_data" / "catalog.schema.json"
#: The loopback web server of the link-check tests, for the end-to-end test.
live_server = test_linkcheck.live_server

#: Links of the fixed data file, each answered differently by the stand-in API.
BEHAVIOUR = {  # in an order that never has three failures in a row (the command gives up then)
    "https://stanford-cs324.github.io/winter2022": "slow",
    "https://web.stanford.edu/class/cs224n/": "live",
    "https://self-supervised.cs.jhu.edu/sp2024/": "error",
    "https://web.stanford.edu/class/cs329x/": "dead",
    "https://self-supervised.cs.jhu.edu/sp2023/": "malformed",
    "https://github.com/cgpotts/cs224u": "live-old-http",
    "https://cs.uwaterloo.ca/~wenhuche/teaching/cs886/": "not-http",
    "https://www.cs.princeton.edu/courses/archive/fall22/cos597G/": "error-page-snapshot",
    "https://self-supervised.cs.jhu.edu/fa2022/": "wrong-shape",
}


def snapshot_of(url: str, stamp: str = "20240102030405") -> str:
    return f"https://web.archive.org/web/{stamp}/{url}"


def wayback_answer(request: Request) -> Answer:
    """The availability API's answer for the address asked about, as :data:`BEHAVIOUR` says."""
    url = request.query.get("url", [""])[0]
    behaviour = BEHAVIOUR.get(url, "dead")
    closest = {"available": True, "url": snapshot_of(url), "timestamp": "20240102030405", "status": "200"}
    delay = 3.0 if behaviour == "slow" else 0.0
    if behaviour == "error":
        return Answer(503)
    body: object = {"archived_snapshots": {"closest": closest}}
    if behaviour == "live-old-http":
        closest["url"] = snapshot_of(url).replace("https://", "http://", 1)
    elif behaviour == "dead":
        body = {"archived_snapshots": {}}
    elif behaviour == "not-http":
        closest["url"] = "javascript:alert(1)"
    elif behaviour == "error-page-snapshot":
        closest["status"] = "404"
    elif behaviour == "wrong-shape":
        body = ["archived_snapshots"]
    elif behaviour == "malformed":
        body = b'{"archived_snapshots": {"closest": '
    return Answer(body=body, content_type="application/json", delay=delay)


@pytest.fixture
def wayback_api(standin) -> StandIn:
    return standin({"/wayback/available": wayback_answer})


@pytest.fixture
def api(wayback_api: StandIn) -> str:
    return f"{wayback_api.url}/wayback/available"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tool_folder(tmp_path, FIXED)


def line_of(text: str, url: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if f'url: "{url}"' in line)


def linkcheck_report(workdir: Path, urls: list[str], text: str) -> Path:
    """A catalog-links.json as linkreport.py writes it after `make linkcheck`."""
    rows = [
        {
            "file": "_data/catalog.yaml",
            "line": line_of(text, url),
            "record": "?",
            "field": "url",
            "uri": url,
            "status": "broken",
            "code": 404,
            "info": "404 Client Error",
        }
        for url in urls
    ]
    path = workdir / "_build" / "linkcheck" / "catalog-links.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return path


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """Pairs (old line, new line) of a diff that only replaces lines one for one."""
    pairs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        assert tag == "replace" and i2 - i1 == j2 - j1, (tag, before.splitlines()[i1:i2], after.splitlines()[j1:j2])
        pairs += zip(before.splitlines()[i1:i2], after.splitlines()[j1:j2], strict=True)
    return pairs


def test_archive_writes_found_snapshots_and_touches_nothing_else(workdir: Path, api: str) -> None:
    data = workdir / "_data" / "catalog.yaml"
    before = data.read_text(encoding="utf-8")
    linkcheck_report(workdir, list(BEHAVIOUR), before)

    result = run(workdir, "archive", "--api", api, "--timeout", "1", "--delay", "0.2")
    assert result.returncode == 0, result.stderr
    after = data.read_text(encoding="utf-8")

    # Exactly the two links with a usable snapshot changed, each by one appended field.
    pairs = changed_lines(before, after)
    assert len(pairs) == 2, pairs
    for url in ("https://web.stanford.edu/class/cs224n/", "https://github.com/cgpotts/cs224u"):
        old = before.splitlines()[line_of(before, url) - 1]
        new = after.splitlines()[line_of(before, url) - 1]
        # http:// snapshots are written as https:// (the same Wayback page).
        assert new == old[: -len("}")] + f', archive: "{snapshot_of(url)}"' + "}", new
    # Everything the stand-in answered badly is reported, once per link, and nothing else changed.
    out = result.stdout
    assert "2 found, 2 not found, 5 failed, 0 kept." in out
    assert "no answer within 1 s" in out
    assert "HTTP 503" in out
    assert "not valid JSON" in out
    assert "not an http(s) address" in out
    assert "documented JSON object" in out
    assert f"line {line_of(before, 'https://web.stanford.edu/class/cs329x/')}, `stanford-cs329x`" in out
    assert out.rstrip().endswith("_data/catalog.yaml: updated")

    # The data file still passes `make check`.
    assert run(workdir, "check", "_data/catalog.yaml").returncode == 0


def test_archive_asks_politely_one_at_a_time(workdir: Path, api: str, wayback_api: StandIn) -> None:
    data = workdir / "_data" / "catalog.yaml"
    text = data.read_text(encoding="utf-8").replace(
        '{kind: site, url: "https://web.stanford.edu/class/cs224n/"}',
        '{kind: site, url: "https://web.stanford.edu/class/cs224n/", checked: "2025-03-04"}',
    )
    data.write_text(text, encoding="utf-8")
    urls = ["https://web.stanford.edu/class/cs224n/", "https://web.stanford.edu/class/cs329x/", "https://x.invalid/"]
    linkcheck_report(workdir, urls[:2], text)
    result = run(workdir, "archive", "--api", api, "--delay", "0.4")
    assert result.returncode == 0, result.stderr
    times = [r.time for r in wayback_api.requests]
    assert len(times) == 2
    assert times[1] - times[0] >= 0.4
    # The snapshot closest to the day the link was last seen working is asked for.
    first = wayback_api.requests[0].query
    assert first["url"] == [urls[0]] and first["timestamp"] == ["20250304"]
    assert "timestamp" not in wayback_api.requests[1].query


def test_existing_archive_is_kept_and_all_option_fills_the_rest(
    workdir: Path, api: str, wayback_api: StandIn, monkeypatch
) -> None:
    for url, behaviour in BEHAVIOUR.items():
        if not behaviour.startswith("live"):
            monkeypatch.setitem(BEHAVIOUR, url, "dead")
    data = workdir / "_data" / "catalog.yaml"
    mine = "https://web.archive.org/web/2019/https://web.stanford.edu/class/cs224n/"
    text = data.read_text(encoding="utf-8").replace(
        '{kind: site, url: "https://web.stanford.edu/class/cs224n/"}',
        f'{{kind: site, url: "https://web.stanford.edu/class/cs224n/", archive: "{mine}"}}',
    )
    data.write_text(text, encoding="utf-8")
    # No link-check report at all: --all alone asks about every link without a copy.
    result = run(workdir, "archive", "--all", "--api", api, "--timeout", "1", "--delay", "0")
    assert result.returncode == 0, result.stderr
    after = data.read_text(encoding="utf-8")
    assert f'archive: "{mine}"' in after
    asked = [r.query["url"][0] for r in wayback_api.requests]
    assert "https://web.stanford.edu/class/cs224n/" not in asked
    assert "https://github.com/cgpotts/cs224u" in asked
    assert len(asked) == len(set(asked))  # an address used twice is asked about once
    assert after.count('archive: "https://web.archive.org/web/20240102030405/https://github.com/cgpotts/cs224u"}') == 1
    assert "https://github.com/karpathy/LLM101n" in asked  # the last course link of the file


def test_a_data_file_that_fails_check_is_never_written(workdir: Path, api: str, wayback_api: StandIn) -> None:
    data = workdir / "_data" / "catalog.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("category: nlp-courses\n", "category: nlp-coursez\n", 1)
    data.write_text(text, encoding="utf-8")
    linkcheck_report(workdir, ["https://web.stanford.edu/class/cs224n/"], text)
    stamp = data.stat().st_mtime_ns
    result = run(workdir, "archive", "--api", api)
    assert result.returncode == 1
    assert "nlp-coursez" in result.stderr and "not changed" in result.stderr
    assert wayback_api.requests == []
    assert data.read_text(encoding="utf-8") == text and data.stat().st_mtime_ns == stamp


def test_without_a_link_check_report_archive_says_what_to_run(workdir: Path, api: str) -> None:
    result = run(workdir, "archive", "--api", api)
    assert result.returncode == 1
    assert "run `make linkcheck` first" in result.stderr
    assert "Traceback" not in result.stderr


def test_linkstate_records_checked_and_broken_dates(workdir: Path) -> None:
    data = workdir / "_data" / "catalog.yaml"
    text = data.read_text(encoding="utf-8").replace(
        '{kind: site, url: "https://web.stanford.edu/class/cs329x/"}',
        '{kind: site, url: "https://web.stanford.edu/class/cs329x/", checked: "2026-01-05", broken: "2026-02-01"}',
    )
    data.write_text(text, encoding="utf-8")
    results = [
        {"uri": "https://web.stanford.edu/class/cs224n/", "status": "working", "info": ""},
        {"uri": "https://web.stanford.edu/class/cs329x/", "status": "working", "info": ""},  # back again
        {"uri": "https://github.com/cgpotts/cs224u", "status": "broken", "info": "404 Client Error"},
        {"uri": "https://stanford-cs324.github.io/winter2022", "status": "timeout", "info": ""},
        {"uri": "https://self-supervised.cs.jhu.edu/sp2024/", "status": "redirected", "info": "https://elsewhere/"},
        {"uri": "https://mp.weixin.qq.com/s/mt9W8Mf0LbZjbuRObyeWeQ", "status": "ignored", "info": ""},
    ]
    output = workdir / "_build" / "linkcheck" / "output.json"
    output.parent.mkdir(parents=True)
    output.write_text("".join(json.dumps(r) + "\n" for r in results), encoding="utf-8")

    result = run(workdir, "linkstate", "--today", "2026-11-20")
    assert result.returncode == 0, result.stderr
    after = data.read_text(encoding="utf-8")
    pairs = changed_lines(text, after)
    assert sorted(new for _, new in pairs) == sorted(
        [
            '      - {kind: site, url: "https://web.stanford.edu/class/cs224n/", checked: "2026-11-20"}',
            '      - {kind: site, url: "https://web.stanford.edu/class/cs329x/", checked: "2026-11-20"}',
            '      - {kind: code, url: "https://github.com/cgpotts/cs224u", broken: "2026-11-20"}',
        ]
    )
    assert "Working again" in result.stdout and "timeout" in result.stdout and "redirected" in result.stdout

    # A week later the link is still broken: the first day it was found dead is kept.
    output.write_text(json.dumps(results[2]) + "\n", encoding="utf-8")
    assert run(workdir, "linkstate", "--today", "2026-11-27").returncode == 0
    assert 'broken: "2026-11-20"' in data.read_text(encoding="utf-8")
    assert re.search(r"cs224u\", broken: \"2026-11-20\"\}", data.read_text(encoding="utf-8"))


def test_archive_gives_up_when_the_api_keeps_failing(
    workdir: Path, api: str, wayback_api: StandIn, monkeypatch
) -> None:
    data = workdir / "_data" / "catalog.yaml"
    before = data.read_text(encoding="utf-8")
    urls = [u for u, b in BEHAVIOUR.items() if b != "slow"]
    for url in urls:
        monkeypatch.setitem(BEHAVIOUR, url, "error")
    linkcheck_report(workdir, urls, before)
    result = run(workdir, "archive", "--api", api, "--delay", "0")
    assert result.returncode == 0, result.stderr
    assert len(wayback_api.requests) == 3
    assert result.stdout.count("not asked: the API failed 3 times in a row") == len(urls) - 3
    assert data.read_text(encoding="utf-8") == before
    assert result.stdout.rstrip().endswith("_data/catalog.yaml: unchanged")


@pytest.mark.sphinx("linkcheck", testroot="linkcheck", freshenv=True)
def test_weekly_steps_end_to_end(make_app, app_params, live_server, dead_host, api, monkeypatch) -> None:
    """linkcheck -> linkstate -> archive on a root, then the HTML shows what they wrote."""
    from datetime import UTC, datetime

    args, kwargs = app_params
    src = Path(kwargs["srcdir"])
    data = src / "_data" / "catalog.yaml"
    template = (src / "_data" / "catalog.yaml.in").read_text(encoding="utf-8")
    data.write_text(template.replace("LIVE", live_server).replace("DEAD", dead_host), encoding="utf-8")
    dead_list = f"http://{dead_host}/list"
    monkeypatch.setitem(BEHAVIOUR, dead_list, "live")
    app = make_app(*args, **kwargs)
    app.build()
    out = Path(app.outdir)
    schema = str(SCHEMA)
    today = datetime.now(UTC).date().isoformat()
    before = data.read_text(encoding="utf-8")

    state = run(src, "linkstate", "--schema", schema, "--output", str(out / "output.json"), "--today", today)
    assert state.returncode == 0, state.stderr
    found = run(src, "archive", "--schema", schema, "--report", str(out / "catalog-links.json"), "--api", api)
    assert found.returncode == 0, found.stderr
    assert "1 found, 0 not found, 0 failed, 1 kept." in found.stdout

    after = data.read_text(encoding="utf-8")
    pairs = dict(changed_lines(before, after))
    assert sorted(pairs.values()) == sorted(
        [
            f'      - {{kind: site, url: "http://{live_server}/ok", checked: "{today}"}}',
            f'      - {{kind: site, url: "http://{live_server}/ok-gone", checked: "{today}"}}',
            f'      - {{kind: slides, url: "http://{live_server}/missing", archive: "http://{live_server}/ok-archive", '
            f'broken: "{today}"}}',
            f'      - {{kind: site, url: "{dead_list}", broken: "{today}", archive: "{snapshot_of(dead_list)}"}}',
        ]
    )
    # The reader now sees the archived copy first.
    html = make_app("html", srcdir=src, builddir=src / "_build-html")
    html.build()
    page = soup(Path(html.outdir) / "index.html")
    dead = page.find(id="llm-dead-host").select_one(".llm-link-dead")
    assert [a["href"] for a in dead.find_all("a")] == [snapshot_of(dead_list), dead_list]

"""`python -m llm_catalog video-lengths` writes `effort` from the lengths a loopback YouTube Data
API stand-in serves: only the effort lines change, a read fact is never overwritten, every failure is
named with its record and line, and a used-up quota or a refused key stops the run."""

from __future__ import annotations

import difflib
import itertools
import re
import subprocess
import time
from pathlib import Path

import pytest

from conftest import REPO, run_tool, tool_folder
from standin import Answer, Request, StandIn

#: A fixed data file: the tests compare its lines.
FIXED = REPO / "tests" / "data" / "video-lengths" / "catalog.yaml"
TODAY = "2026-11-29"
KEY = "AIzaTEST-secret+key/0123456789"

BIG = [f"bigVid{n:05d}" for n in range(120)]
#: The pages of each playlist the stand-in knows (``playlistItems``), by playlist id; a string
#: says how it misbehaves instead.
PLAYLISTS: dict[str, list[list[dict]] | str] = {
    "PLtwopages": [[{"contentDetails": {"videoId": "alphaVid001"}}], [{"contentDetails": {"videoId": "alphaVid002"}}]],
    "PLgone": "404",
    "PLempty": [[]],
    "PLprivate": [
        [
            {"snippet": {"title": "Epsilon 1"}, "contentDetails": {"videoId": "epsVid00001"}},
            {"snippet": {"title": "Private video"}, "contentDetails": {"videoId": "epsPrivate1"}},
            {"snippet": {"title": "Deleted video"}, "contentDetails": {}},
        ]
    ],
    "PLmalformed": "malformed",
    "PLbook": [[{"contentDetails": {"videoId": "bookVid0001"}}]],
    "PLbig": [[{"contentDetails": {"videoId": v}} for v in BIG[n : n + 50]] for n in (0, 50, 100)],
}
#: The durations ``videos`` returns; a video not listed is private or deleted (not returned).
DURATIONS = {
    "alphaVid001": "PT1H2M3S",
    "alphaVid002": "PT30M",
    "betaVid0001": "PT45S",
    "betaVid0002": "P1DT2H",
    "epsVid00001": "PT10M",
    "slowVid0001": "PT5M",
    "againVid001": "PT50M",
    "bookVid0001": "PT2H29M30S",
    "muVid000001": "PT29M29S",
    "xiVid000001": "PT3M",
    "omicronVid1": "1:02:03",
    **dict.fromkeys(BIG, "PT1M"),
}
#: Set by a test: every request is answered with this (status, reason, message) error.
REFUSE: list[tuple[int, str, str]] = []
#: Set by a test: a playlist or video id answered with this (status, JSON body) as it is.
ANSWERS: dict[str, tuple[int, object]] = {}


def error(status: int, reason: str, message: str) -> dict:
    return {"error": {"code": status, "message": message, "errors": [{"reason": reason, "message": message}]}}


def youtube_answer(request: Request) -> Answer:
    """The API's answer from :data:`PLAYLISTS` and :data:`DURATIONS`, or :data:`REFUSE` and :data:`ANSWERS`."""
    query = {k: v[0] for k, v in request.query.items()}
    status, body, delay = 200, None, 0.0
    if REFUSE:
        status, reason, message = REFUSE[0]
        body = error(status, reason, message.replace("URL", request.path))
    elif query.get("playlistId", query.get("id")) in ANSWERS:
        status, body = ANSWERS[query.get("playlistId", query.get("id"))]
    elif request.route == "/yt/playlistItems":
        pages = PLAYLISTS.get(query["playlistId"], "404")
        if pages == "404":
            status, body = 404, error(404, "playlistNotFound", "The playlist cannot be found.")
        elif pages == "quota":
            status, body = 403, error(403, "quotaExceeded", "The request cannot be completed: quota.")
        elif pages != "malformed":
            page = int(query.get("pageToken", "page0").removeprefix("page"))
            body = {"kind": "youtube#playlistItemListResponse", "items": pages[page]}
            if page + 1 < len(pages):
                body["nextPageToken"] = f"page{page + 1}"
    elif request.route == "/yt/videos":
        ids = query["id"].split(",")
        delay = 3.0 if "slowVid0001" in ids else 0.0
        items = [{"id": v, "contentDetails": {"duration": DURATIONS[v]}} for v in ids if v in DURATIONS]
        body = {"kind": "youtube#videoListResponse", "items": items}
    return Answer(status, b'{"items": [{"contentDetails": ' if body is None else body, delay=delay)


@pytest.fixture
def youtube_api(standin) -> StandIn:
    REFUSE.clear()
    ANSWERS.clear()
    return standin(fallback=youtube_answer)


@pytest.fixture
def api(youtube_api: StandIn) -> str:
    return f"{youtube_api.url}/yt"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tool_folder(tmp_path, FIXED)


def run(workdir: Path, *args: str, key: str | None = KEY) -> subprocess.CompletedProcess[str]:
    return run_tool(workdir, *args, env={"YOUTUBE_API_KEY": key} if key is not None else None, timeout=60)


def measure(workdir: Path, api: str, *more: str, key: str | None = KEY) -> subprocess.CompletedProcess[str]:
    return run(
        workdir, "video-lengths", "--api", api, "--today", TODAY, "--timeout", "1", "--delay", "0", *more, key=key
    )


def asked(youtube_api: StandIn) -> list[str]:
    """Each request as ``endpoint: playlist or ids``, in order."""
    out = []
    for request in youtube_api.requests:
        query = request.query
        what = query["playlistId"][0] if "playlistId" in query else query["id"][0]
        out.append(
            f"{request.route.removeprefix('/yt/')}: {what}"
            + (f" {query['pageToken'][0]}" if "pageToken" in query else "")
        )
    return out


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def link_line(text: str, url: str) -> int:
    """The line of the link to *url* (not of an effort's sources)."""
    return line_of(text, 'url: "' + url + '"}')


def changes(before: str, after: str) -> list[tuple[list[str], list[str]]]:
    """Each changed block as (old lines, new lines)."""
    old, new = before.splitlines(), after.splitlines()
    return [
        (old[i1:i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
        if tag != "equal"
    ]


def effort(*lines: str) -> list[str]:
    return [f"      {line}" for line in lines]


def written(hours: int, videos: int, minutes: int, *sources: str, today: str = TODAY) -> list[str]:
    """The lines of an effort the command writes."""
    return [
        "    effort:",
        *effort(
            "kind: video",
            f"hours: {hours}",
            f"videos: {videos}",
            f"total_minutes: {minutes}",
            "sources: [" + ", ".join(f'"{url}"' for url in sources) + "]",
            f'checked: "{today}"',
        ),
    ]


PLAYLIST = "https://www.youtube.com/playlist?list="
#: What the full run changes, block by block in the file's order: (old lines, new lines).
EXPECTED_CHANGES = [
    # alpha: PT1H2M3S + PT30M (two pages) = 92 min 3 s -> 92 min -> 2 h; inserted after `cost`.
    ([], written(2, 2, 92, PLAYLIST + "PLtwopages")),
    # beta: PT45S + P1DT2H (the video linked twice counts once) = 1560 min 45 s -> 1561 min -> 26 h.
    (
        effort('kind: "unknown"', 'checked: "2025-01-06"', 'note: "视频时长未知。"'),
        written(26, 2, 1561, "https://youtu.be/betaVid0001", "https://www.youtube.com/live/betaVid0002")[1:],
    ),
    # iota: its own earlier result, now PT50M.
    (effort("total_minutes: 45"), effort("total_minutes: 50")),
    (effort('checked: "2025-01-06"'), effort(f'checked: "{TODAY}"')),
    # lambda: PT2H29M30S = 149.5 min -> 150 min = 2.5 h -> 3 h, written in the flow style it had.
    (
        ['    effort: {kind: unknown, checked: "2025-01-06", note: 没有查到。}'],
        [
            "    effort: {kind: video, hours: 3, videos: 1, total_minutes: 150, sources: "
            f'["https://www.youtube.com/watch?v=bookVid0001&list=PLbook&index=1"], checked: "{TODAY}"}}'
        ],
    ),
    # mu: PT29M29S -> 29 min -> under half an hour, so 1 h (at least 1); inserted before `chinese`.
    ([], written(1, 1, 29, "https://youtube.com/embed/muVid000001")),
    # nu: 120 videos of PT1M over three pages -> 120 min -> 2 h; inserted before `links`.
    ([], written(2, 120, 120, PLAYLIST + "PLbig")),
]


def test_writes_the_lengths_and_touches_no_other_line(workdir: Path, api: str, youtube_api: StandIn) -> None:
    data = workdir / "_data" / "catalog.yaml"
    before = data.read_text(encoding="utf-8")
    report = workdir / "report" / "video-lengths.md"
    result = measure(workdir, api, "--markdown", str(report))
    after = data.read_text(encoding="utf-8")
    out = result.stdout
    assert "Traceback" not in out + result.stderr

    # Any failure makes the command fail, after writing what it could.
    assert result.returncode == 1
    assert result.stderr == "7 record(s) could not be measured; nothing was written for them (see above).\n"

    # Only the effort lines change; comments, order and quoting stay.
    assert changes(before, after) == EXPECTED_CHANGES
    lines = after.splitlines()
    at = lines.index("    effort:", line_of(after, "id: alpha-pages"))
    assert lines[at - 1] == '      checked: "2025-01-06"  # the day the site was read'  # cost's own comment
    assert lines[at + 7 : at + 9] == ["    # Source: the course site links to its videos.", "    chinese:"]
    at = lines.index("    effort:", line_of(after, "id: beta-videos"))
    assert lines[at + 7 : at + 9] == ["    # A comment that closes beta's effort.", "    links:"]

    # One request per page and per 50 videos, in the file's order; none for the read fact
    # (theta), the search and channel pages (kappa), a syllabus, or alpha's single video.
    assert asked(youtube_api) == [
        "playlistItems: PLtwopages",
        "playlistItems: PLtwopages page1",
        "videos: alphaVid001,alphaVid002",
        "videos: betaVid0001,betaVid0002",
        "playlistItems: PLgone",
        "playlistItems: PLempty",
        "playlistItems: PLprivate",
        "videos: epsVid00001,epsPrivate1",
        "playlistItems: PLmalformed",
        "videos: slowVid0001",
        "videos: againVid001",
        "playlistItems: PLbook",
        "videos: bookVid0001",
        "videos: muVid000001",
        "playlistItems: PLbig",
        "playlistItems: PLbig page1",
        "playlistItems: PLbig page2",
        "videos: " + ",".join(BIG[:50]),
        "videos: " + ",".join(BIG[50:100]),
        "videos: " + ",".join(BIG[100:]),
        "videos: xiVid000001,xiPrivate01",
        "videos: omicronVid1",
    ]
    paths = [r.path for r in youtube_api.requests]
    key = "AIzaTEST-secret%2Bkey%2F0123456789"
    assert paths[:3] == [
        f"/yt/playlistItems?part=contentDetails&playlistId=PLtwopages&maxResults=50&key={key}",
        f"/yt/playlistItems?part=contentDetails&playlistId=PLtwopages&maxResults=50&key={key}&pageToken=page1",
        f"/yt/videos?part=contentDetails&id=alphaVid001,alphaVid002&key={key}",
    ]

    # Every record is reported with its id and the line of its YouTube link, as the file is now.
    def reported(record: str, url: str) -> str:
        return f"- line {link_line(after, url)}, `{record}`: {url}"

    for record, url, detail in [
        ("alpha-pages", PLAYLIST + "PLtwopages", ": 2 videos, 1 h 32 min 3 s → total_minutes 92, hours 2"),
        (
            "beta-videos",
            "https://youtu.be/betaVid0001",
            ": 2 videos, 26 h 0 min 45 s → total_minutes 1561, hours 26 (replaced an unknown effort)",
        ),
        ("iota-again", "https://www.youtube.com/watch?v=againVid001", ": 1 video, 0 h 50 min 0 s"),
        ("nu-big", PLAYLIST + "PLbig", ": 120 videos, 2 h 0 min 0 s → total_minutes 120, hours 2"),
        (
            "gamma-gone",
            PLAYLIST + "PLgone",
            " (YouTube has no such playlist (HTTP 404 playlistNotFound): it may have been made private or "
            "deleted; check the link",
        ),
        ("delta-empty", "https://youtube.com/playlist?list=PLempty", " (the playlist has no videos (an answer with no"),
        (
            "epsilon-private",
            PLAYLIST + "PLprivate",
            " (2 video(s) private, deleted or without a length, so the sum is incomplete: "
            "epsPrivate1, item 3 (Deleted video))",
        ),
        ("zeta-malformed", PLAYLIST + "PLmalformed", " (the answer is not valid JSON)"),
        ("eta-slow", "https://www.youtube.com/watch?v=slowVid0001", " (no answer within 1 s)"),
        (
            "xi-private-video",
            "https://youtu.be/xiVid000001",
            " (1 video(s) private, deleted or without a length, so the sum is incomplete: "
            f"xiPrivate01 (line {link_line(after, 'https://youtu.be/xiPrivate01')}))",
        ),
        (
            "omicron-duration",
            "https://www.youtube.com/watch?v=omicronVid1",
            " (video omicronVid1 has a duration that is not ISO 8601: '1:02:03')",
        ),
        (
            "theta-read",
            PLAYLIST + "PLread",
            " (has effort read from https://theta.example.org/schedule; not overwritten)",
        ),
    ]:
        assert reported(record, url) + detail in out, record
    assert "kappa-not-video" not in out and "alpha-syllabus" not in out
    assert out.endswith("6 written, 0 unchanged, 1 skipped, 7 failed.\n_data/catalog.yaml: updated\n")

    # The Markdown report is the same text, for the pull request's body; the key is nowhere.
    assert out.startswith("### Video lengths (YouTube)\n")
    assert report.read_text(encoding="utf-8") == out.removesuffix("_data/catalog.yaml: updated\n")
    for text in (out, result.stderr, after):
        assert "secret" not in text

    # The file still passes `make check`, and a read fact (theta) is the same as before.
    assert run(workdir, "check", "_data/catalog.yaml").returncode == 0

    def theta(text: str) -> str:
        return text[text.index("  - id: theta-read") : text.index("  - id: iota-again")]

    assert theta(after) == theta(before) and "    effort:\n      kind: class\n      hours: 24\n" in theta(after)


def test_a_second_run_changes_nothing_and_a_later_one_only_the_dates(workdir: Path, api: str) -> None:
    data = workdir / "_data" / "catalog.yaml"
    measure(workdir, api)
    once = data.read_text(encoding="utf-8")
    again = measure(workdir, api)
    assert again.returncode == 1  # the same seven records still fail
    assert data.read_text(encoding="utf-8") == once
    assert "**Already recorded today (nothing changed)**" in again.stdout
    assert again.stdout.endswith("0 written, 6 unchanged, 1 skipped, 7 failed.\n_data/catalog.yaml: unchanged\n")
    later = measure(workdir, api, "--today", "2026-11-30")
    assert later.stdout.endswith("6 written, 0 unchanged, 1 skipped, 7 failed.\n_data/catalog.yaml: updated\n")
    blocks = changes(once, data.read_text(encoding="utf-8"))
    assert len(blocks) == 6
    for old, new in blocks:
        assert len(old) == len(new) == 1 and 'checked: "2026-11-29"' in old[0]
        assert new == [old[0].replace('checked: "2026-11-29"', 'checked: "2026-11-30"')]


@pytest.mark.parametrize(
    ("old", "new", "source"),
    [
        # Another address: a fact read elsewhere, even of kind video.
        (
            '      sources: ["https://www.youtube.com/watch?v=againVid001"]\n',
            '      sources: ["https://iota.example.org/videos"]\n',
            "https://iota.example.org/videos",
        ),
        # The same address but no total_minutes: a person read it, not this command.
        ("      videos: 1\n      total_minutes: 45\n", "", None),
        # Stated by the material.
        (
            "      kind: video\n      hours: 1\n      videos: 1\n      total_minutes: 45\n",
            "      kind: stated\n      hours: 1\n",
            None,
        ),
    ],
    ids=["another-address", "no-total-minutes", "stated"],
)
def test_a_read_effort_is_never_overwritten(
    workdir: Path, api: str, youtube_api: StandIn, old: str, new: str, source: str | None
) -> None:
    data = workdir / "_data" / "catalog.yaml"
    text = data.read_text(encoding="utf-8")
    start, end = text.index("  - id: iota-again"), text.index("  - id: kappa-not-video")
    assert old in text[start:end]
    iota = text[start:end].replace(old, new)
    data.write_text(text[:start] + iota + text[end:], encoding="utf-8")
    result = measure(workdir, api)
    after = data.read_text(encoding="utf-8")
    assert after[after.index("  - id: iota-again") : after.index("  - id: kappa-not-video")] == iota  # untouched
    assert "videos: againVid001" not in asked(youtube_api)
    shown = source or "https://www.youtube.com/watch?v=againVid001"
    url = "https://www.youtube.com/watch?v=againVid001"
    line = link_line(after, url)
    assert f"- line {line}, `iota-again`: {url} (has effort read from {shown}; not overwritten)" in result.stdout
    assert result.stdout.endswith("5 written, 0 unchanged, 2 skipped, 7 failed.\n_data/catalog.yaml: updated\n")


def test_a_used_up_quota_stops_the_run_and_nothing_more_is_asked(
    workdir: Path, api: str, youtube_api: StandIn, monkeypatch
) -> None:
    monkeypatch.setitem(PLAYLISTS, "PLgone", "quota")
    data = workdir / "_data" / "catalog.yaml"
    before = data.read_text(encoding="utf-8")
    result = measure(workdir, api, "--delay", "0.15")
    assert result.returncode == 1
    # alpha's two pages and its videos, beta's videos, gamma's refusal: nothing after it.
    assert asked(youtube_api) == [
        "playlistItems: PLtwopages",
        "playlistItems: PLtwopages page1",
        "videos: alphaVid001,alphaVid002",
        "videos: betaVid0001,betaVid0002",
        "playlistItems: PLgone",
    ]
    times = [r.time for r in youtube_api.requests]
    assert all(b - a >= 0.15 for a, b in itertools.pairwise(times))  # one at a time, with the delay
    # What was read before the refusal is written.
    after = data.read_text(encoding="utf-8")
    assert changes(before, after) == EXPECTED_CHANGES[:2]
    out = result.stdout
    url = PLAYLIST + "PLgone"
    assert (
        f"- line {link_line(after, url)}, `gamma-gone`: {url} (YouTube refused the request (HTTP 403 quotaExceeded): "
        'the API key\'s daily quota is used up; YouTube said: "The request cannot be completed: quota.")'
    ) in out
    assert out.count("(not asked: the run stopped at `gamma-gone`)") == 10
    assert "`theta-read`: https://www.youtube.com/playlist?list=PLread (has effort read from" in out
    assert "Stopped early: YouTube refused the request for `gamma-gone`, so nothing more was asked" in out
    assert out.endswith("2 written, 0 unchanged, 11 skipped, 1 failed.\n_data/catalog.yaml: updated\n")
    assert result.stderr.startswith("11 record(s) could not be measured")


@pytest.mark.parametrize(
    ("status", "reason", "meaning"),
    [
        (400, "keyInvalid", "the API key is not valid; check YOUTUBE_API_KEY"),
        (403, "forbidden", "the API key may not read the YouTube Data API; check YOUTUBE_API_KEY"),
        (403, "dailyLimitExceeded", "the API key's daily limit is reached"),
        (429, "rateLimitExceeded", "too many requests"),
    ],
)
def test_a_refused_key_or_rate_stops_at_once_and_the_key_is_never_shown(
    workdir: Path, api: str, youtube_api: StandIn, tmp_path: Path, status: int, reason: str, meaning: str
) -> None:
    # The stand-in's error message repeats the request's address, key and all.
    REFUSE.append((status, reason, "Refused: URL"))
    data = workdir / "_data" / "catalog.yaml"
    before = data.read_bytes()
    report = tmp_path / "report.md"
    result = measure(workdir, api, "--markdown", str(report))
    assert result.returncode == 1
    assert len(youtube_api.requests) == 1
    assert "secret" in youtube_api.requests[0].path  # the key was sent ...
    for text in (result.stdout, result.stderr, report.read_text(encoding="utf-8")):
        assert "secret" not in text  # ... and is never shown
    assert data.read_bytes() == before
    url = PLAYLIST + "PLtwopages"
    line = link_line(before.decode(), url)
    said = (
        'YouTube said: "Refused: /yt/playlistItems?part=contentDetails&playlistId=PLtwopages&maxResults=50&key=[key]"'
    )
    assert (
        f"- line {line}, `alpha-pages`: {url} (YouTube refused the request (HTTP {status} {reason}): {meaning}; {said})"
    ) in result.stdout
    assert result.stdout.count("(not asked: the run stopped at `alpha-pages`)") == 12


@pytest.mark.parametrize("key", [None, "  "])
def test_without_a_key_it_says_so_and_writes_nothing(
    workdir: Path, api: str, youtube_api: StandIn, tmp_path: Path, key: str | None
) -> None:
    data = workdir / "_data" / "catalog.yaml"
    before = data.read_bytes()
    report = tmp_path / "report.md"
    result = measure(workdir, api, "--markdown", str(report), key=key)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "YOUTUBE_API_KEY is not set: give a YouTube Data API v3 key in it; nothing was written.\n"
    assert youtube_api.requests == []
    assert data.read_bytes() == before and not report.exists()


def test_an_api_that_is_not_there_is_reported_and_nothing_is_written(workdir: Path, dead_host: str) -> None:
    data = workdir / "_data" / "catalog.yaml"
    before = data.read_bytes()
    result = measure(workdir, f"http://{dead_host}/yt")
    assert result.returncode == 1
    assert data.read_bytes() == before
    out = result.stdout
    assert out.count("(cannot reach the API: ConnectionError)") == 13  # every record but the read fact
    url = PLAYLIST + "PLtwopages"
    assert f"- line {link_line(before.decode(), url)}, `alpha-pages`: {url} (cannot reach the API" in out
    assert out.endswith("0 written, 0 unchanged, 1 skipped, 13 failed.\n_data/catalog.yaml: unchanged\n")
    assert "secret" not in out + result.stderr and "Traceback" not in result.stderr


def test_a_data_file_that_fails_check_is_never_written(workdir: Path, api: str, youtube_api: StandIn) -> None:
    data = workdir / "_data" / "catalog.yaml"
    text = data.read_text(encoding="utf-8").replace("category: core\n", "category: kore\n", 1)
    data.write_text(text, encoding="utf-8")
    result = measure(workdir, api)
    assert result.returncode == 1
    assert "'kore'" in result.stderr and "not changed" in result.stderr
    assert youtube_api.requests == []
    assert data.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--today", "30.11.2026"), "write the date as YYYY-MM-DD"),
        (("--delay", "soon"), "is not a number of seconds"),
        (("--timeout", "-1"), "is not a number of seconds (0 or more)"),
    ],
)
def test_bad_options_are_said_in_words(
    workdir: Path, api: str, youtube_api: StandIn, args: tuple[str, ...], message: str
) -> None:
    result = run(workdir, "video-lengths", "--api", api, *args)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr
    assert youtube_api.requests == []


# -- The parts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "address"),
    [
        (
            "https://www.youtube.com/playlist?list=PLoROMvodv4rOY23Y0BoGoBGgQ1zmU_MT_",
            "playlist PLoROMvodv4rOY23Y0BoGoBGgQ1zmU_MT_",
        ),
        (
            "https://youtube.com/playlist?list=PLo2EIpI_JMQvWfQndUesu0nPBAtZ9gP1o",
            "playlist PLo2EIpI_JMQvWfQndUesu0nPBAtZ9gP1o",
        ),
        ("https://m.youtube.com/playlist?list=PLabc-_9&si=x", "playlist PLabc-_9"),
        ("https://www.youtube.com/watch?v=zjkBMFhNj_g", "video zjkBMFhNj_g"),
        ("https://youtube.com/watch?v=zjkBMFhNj_g&t=42s", "video zjkBMFhNj_g"),
        ("http://m.youtube.com/watch?feature=share&v=zjkBMFhNj_g", "video zjkBMFhNj_g"),
        ("HTTPS://WWW.YOUTUBE.COM/watch?v=zjkBMFhNj_g", "video zjkBMFhNj_g"),
        ("https://www.youtube.com/watch?v=zjkBMFhNj_g&list=PLabc&index=3", "playlist PLabc"),
        ("https://www.youtube.com/watch?v=zjkBMFhNj_g&list=", "video zjkBMFhNj_g"),
        ("https://youtu.be/lnA9DMvHtfI", "video lnA9DMvHtfI"),
        ("https://youtu.be/lnA9DMvHtfI?si=abc&t=10", "video lnA9DMvHtfI"),
        ("https://youtu.be/lnA9DMvHtfI?list=PLabc", "playlist PLabc"),
        ("https://www.youtube.com/live/J5OmmgAdNg8", "video J5OmmgAdNg8"),
        ("https://youtube.com/live/J5OmmgAdNg8?feature=shared", "video J5OmmgAdNg8"),
        ("https://www.youtube.com/embed/J5OmmgAdNg8", "video J5OmmgAdNg8"),
        ("https://www.youtube.com/embed/videoseries?list=PLabc", "playlist PLabc"),
        ("https://www.youtube.com/embed/videoseries", None),
        ("https://www.youtube.com/results?search_query=Andrej+Karpathy", None),
        ("https://www.youtube.com/@AndrejKarpathy", None),
        ("https://www.youtube.com/channel/UCXUPKJO5MZQN11PqgIvyuvQ", None),
        ("https://www.youtube.com/shorts/zjkBMFhNj_g", None),
        ("https://www.youtube.com/playlist", None),
        ("https://www.youtube.com/watch", None),
        ("https://www.youtube.com/watch?v=short", None),
        ("https://www.youtube.com/watch?v=zjkBMFhNj_g_toolong", None),
        ("https://www.youtube.com/playlist?list=PL%3Cscript%3E", None),
        ("https://youtu.be/", None),
        ("https://youtu.be/lnA9DMvHtfI/extra", None),
        ("https://youtube.com.example.org/watch?v=zjkBMFhNj_g", None),
        ("https://notyoutube.com/watch?v=zjkBMFhNj_g", None),
        ("ftp://www.youtube.com/watch?v=zjkBMFhNj_g", None),
        ("https://[bad/watch?v=zjkBMFhNj_g", None),
        ("https://www.bilibili.com/video/BV1x", None),
    ],
)
def test_which_address_is_a_youtube_playlist_or_video(url: str, address: str | None) -> None:
    from llm_catalog.tools.videolengths import youtube_address

    assert youtube_address(url) == (tuple(address.split()) if address else None)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("PT1H2M3S", 3723),
        ("P1DT2H", 93600),
        ("PT45S", 45),
        ("PT30M", 1800),
        ("PT2H29M30S", 8970),
        ("PT100M", 6000),  # not normalised
        ("PT36H", 129600),
        ("P2D", 172800),
        ("P1W", 604800),
        ("P1W1DT1S", 8 * 86400 + 1),
        ("P0D", 0),  # a live stream or premiere
        ("PT0S", 0),
        ("PT007S", 7),
    ],
)
def test_iso_8601_durations(text: str, seconds: int) -> None:
    from llm_catalog.tools.videolengths import duration_seconds

    assert duration_seconds(text) == seconds


@pytest.mark.parametrize(
    "text",
    [
        *("", "P", "PT", "P1DT", "PT1H2M3", "1:02:03", "3723", "PT1.5S", "PT1,5S", "P1Y", "P1M", "P1Y2M", "PT-1S"),
        *("-PT1S", "pt1h", "PT1S ", " PT1S", "PT1M1H", "PT1S1S", "PT\u0661S", "P1DT2H\n", None, 3723),
    ],
)
def test_what_is_not_an_iso_8601_duration(text: object) -> None:
    from llm_catalog.tools.videolengths import duration_seconds

    with pytest.raises(ValueError, match="not an ISO 8601 duration"):
        duration_seconds(text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("seconds", "total_minutes", "hours"),
    [
        (30, 1, 1),  # half a minute rounds up; under half an hour still counts as 1 hour
        (89, 1, 1),
        (90, 2, 1),
        (29 * 60 + 29, 29, 1),
        (89 * 60 + 29, 89, 1),
        (89 * 60 + 30, 90, 2),  # 1.5 hours rounds half up
        (92 * 60 + 3, 92, 2),
        (149 * 60 + 30, 150, 3),
        (26 * 3600 + 45, 1561, 26),
    ],
)
def test_minutes_and_hours_round_half_up(seconds: int, total_minutes: int, hours: int) -> None:
    from llm_catalog.tools.videolengths import Figures

    figures = Figures(1, seconds)
    assert (figures.total_minutes, figures.hours) == (total_minutes, hours)
    assert hours == max(1, (total_minutes + 30) // 60)  # the rule `make check` enforces


def test_a_sum_under_half_a_minute_is_not_written() -> None:
    from llm_catalog.tools.videolengths import LookupFailed, _Target, measure

    class Short:
        def lengths(self, ids: list[str]) -> dict[str, int]:
            return dict.fromkeys(ids, 29)

    target = _Target(None, None, {"zjkBMFhNj_g": 0}, ["https://youtu.be/zjkBMFhNj_g"], 0)  # type: ignore[arg-type]
    with pytest.raises(LookupFailed, match="outside what `make check` allows"):
        measure(Short(), target)  # type: ignore[arg-type]


def item(video: object) -> dict:
    return {"contentDetails": {"videoId": video}}


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (200, {"items": [item("zjkBMFhNj_g")]}, None),
        (200, [], "the answer is not a JSON object"),
        (200, {"kind": "youtube#playlistItemListResponse"}, "the answer has no 'items' list"),
        (200, {"items": {"videoId": "zjkBMFhNj_g"}}, "the answer has no 'items' list"),
        (200, {"items": ["zjkBMFhNj_g"]}, "the answer has no 'items' list"),
        (200, {"items": [{"snippet": {"title": "A talk"}}]}, "a playlist item has no contentDetails.videoId"),
        (200, {"items": [item(42)]}, "a playlist item has no contentDetails.videoId"),
        (200, {"items": [item("not an id")]}, "a playlist item has no contentDetails.videoId"),
        (200, {"items": [item("zjkBMFhNj_g")], "nextPageToken": 2}, "nextPageToken does not lead to a next page"),
        (
            500,
            {"error": {"code": 500, "message": "Backend Error"}},
            'the API answered HTTP 500; YouTube said: "Backend',
        ),
        (403, error(403, "playlistItemsNotAccessible", "No."), "the playlist is private (HTTP 403 playlistItemsNot"),
    ],
)
def test_answers_that_are_not_a_playlist(api: str, status: int, body: object, message: str | None) -> None:
    from llm_catalog.tools.videolengths import LookupFailed, Stop, YouTube

    ANSWERS["PLx"] = (status, body)
    youtube = YouTube(api, KEY, timeout=0.5, delay=0, sleep=time.sleep)
    if message is None:
        assert youtube.playlist("PLx") == ["zjkBMFhNj_g"]
        return
    with pytest.raises(LookupFailed, match=re.escape(message)) as failure:
        youtube.playlist("PLx")
    assert not isinstance(failure.value, Stop)  # the other records go on


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([{"id": "zjkBMFhNj_g", "contentDetails": {"duration": 3723}}], "has no id or no contentDetails.duration"),
        ([{"id": "zjkBMFhNj_g", "contentDetails": {}}], "has no id or no contentDetails.duration"),
        ([{"id": "zjkBMFhNj_g"}], "has no id or no contentDetails.duration"),
        ([{"contentDetails": {"duration": "PT1S"}}], "has no id or no contentDetails.duration"),
        ([{"id": "zjkBMFhNj_g", "contentDetails": {"duration": "PT1H 2M"}}], "is not ISO 8601: 'PT1H 2M'"),
    ],
)
def test_answers_that_are_not_videos(api: str, items: list, message: str) -> None:
    from llm_catalog.tools.videolengths import LookupFailed, YouTube

    ANSWERS["zjkBMFhNj_g"] = (200, {"items": items})
    youtube = YouTube(api, KEY, timeout=0.5, delay=0, sleep=time.sleep)
    with pytest.raises(LookupFailed, match=re.escape(message)):
        youtube.lengths(["zjkBMFhNj_g"])

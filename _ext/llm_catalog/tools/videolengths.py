"""``python -m llm_catalog video-lengths``: add up the lengths of a record's YouTube videos.

For every course, book and resource whose own ``links`` include a YouTube playlist or video (see
:func:`youtube_address`), ask the YouTube Data API v3 (key in ``YOUTUBE_API_KEY``) how long the
videos are and write the record's ``effort`` in place::

    effort:
      kind: video
      hours: 2
      videos: 3
      total_minutes: 92
      sources: ["https://www.youtube.com/playlist?list=PL..."]
      checked: "2026-11-30"

A record that links a playlist is measured by its first playlist (``playlistItems``, page by
page); otherwise its single video links are added up (each id once). ``total_minutes`` is the sum
of the durations in seconds rounded half up to minutes, ``hours`` is ``total_minutes`` rounded
half up to hours and at least 1, as ``make check`` requires. The data file is edited like the
``freshness`` step does it: comments, order and quoting are kept and only the ``effort`` lines
change.

A read fact is never overwritten: an effort of kind ``video``, ``class`` or ``stated`` stays, unless
it is this command's own earlier result (kind ``video`` with the same ``sources`` and a
``total_minutes``); an absent effort or one of kind ``unknown`` is replaced.

Every answer that does not give the whole sum (a playlist that is missing or empty, a video that is
private or deleted, an answer that is not the documented JSON, a timeout, nothing listening) is
reported with the record's id and the line of its YouTube link and writes nothing for that record;
the other records go on. A used-up quota or a key YouTube refuses stops the run at once. Any
failure makes the command exit with status 1. The key is never printed.
"""

from __future__ import annotations

import contextlib
import difflib
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qs, quote, quote_plus, urlencode, urlsplit

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from ..data.records import RECORD_TYPES, Material
from .datafile import DataFile, DataFileError, RecordEntry, _yaml
from .polite import LookupFailed, Outcome, Polite, Report, Stop, ask_each, json_of

DEFAULT_API = "https://www.googleapis.com/youtube/v3"
KEY_VARIABLE = "YOUTUBE_API_KEY"
USER_AGENT = "llm-study-guide-video-lengths/1 (weekly check of a study guide; one request at a time)"
#: Sections whose records can carry ``effort`` (what a reader studies: courses, books, resources).
SECTIONS = tuple(t.section for t in RECORD_TYPES if issubclass(t, Material))
FIELD = "effort"
#: The API's largest page (``maxResults``) and the most ids one ``videos`` request takes.
PAGE = 50
#: The schema's upper limits of ``videos`` and ``total_minutes``.
MOST_VIDEOS, MOST_MINUTES = 5000, 120000

_YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com"})
_SHORT_HOSTS = frozenset({"youtu.be", "www.youtu.be"})
_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_PLAYLIST_ID = re.compile(r"[A-Za-z0-9_-]{2,64}")
_DURATION = re.compile(r"P(?:([0-9]+)W)?(?:([0-9]+)D)?(?:T(?=[0-9])(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)S)?)?")
#: Error reasons after which no request is sent any more, and what they mean.
_STOPPING = {
    "quotaExceeded": "the API key's daily quota is used up",
    "dailyLimitExceeded": "the API key's daily limit is reached",
    "rateLimitExceeded": "too many requests",
    "userRateLimitExceeded": "too many requests",
    "keyInvalid": f"the API key is not valid; check {KEY_VARIABLE}",
    "API_KEY_INVALID": f"the API key is not valid; check {KEY_VARIABLE}",
    "keyExpired": f"the API key has expired; check {KEY_VARIABLE}",
    "forbidden": f"the API key may not read the YouTube Data API; check {KEY_VARIABLE}",
    "accessNotConfigured": "the YouTube Data API is not enabled for the API key's project",
}
#: Titles YouTube gives a playlist item whose video cannot be watched.
_UNAVAILABLE_TITLES = frozenset({"Private video", "Deleted video"})


def youtube_address(url: str) -> tuple[str, str] | None:
    """``("playlist", ID)`` or ``("video", ID)`` for a YouTube address, ``None`` for anything else.

    Understood: ``youtube.com/playlist?list=ID``, ``youtube.com/watch?v=ID``, ``youtu.be/ID``,
    ``youtube.com/live/ID`` and ``youtube.com/embed/ID``, over http or https, with or without
    ``www.`` or ``m.``. A ``list=`` parameter in a video's address means the playlist. Ids must
    have YouTube's form (11 characters for a video); channels, searches and the like are ``None``.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ("http", "https") or host not in _YOUTUBE_HOSTS | _SHORT_HOSTS:
        return None
    query = parse_qs(parts.query)
    playlist = (query.get("list") or [""])[0]
    segments = [s for s in parts.path.split("/") if s]
    if host in _SHORT_HOSTS:
        video = segments[0] if len(segments) == 1 else ""
    elif segments == ["playlist"]:
        video = ""
        if not playlist:
            return None
    elif segments == ["watch"]:
        video = (query.get("v") or [""])[0]
    elif len(segments) == 2 and segments[0] in ("live", "embed"):
        video = "" if segments[1] == "videoseries" else segments[1]  # embed/videoseries?list=ID
    else:
        return None
    if playlist:
        return ("playlist", playlist) if _PLAYLIST_ID.fullmatch(playlist) else None
    return ("video", video) if _VIDEO_ID.fullmatch(video) else None


def duration_seconds(text: str) -> int:
    """Seconds of an ISO 8601 duration as YouTube writes it (``PT1H2M3S``, ``P1DT2H``, ``PT45S``,
    ``P0D``); :class:`ValueError` for anything else (years and months, fractions, signs, spaces)."""
    match = _DURATION.fullmatch(text) if isinstance(text, str) and text != "P" else None
    if match is None:
        raise ValueError(f"not an ISO 8601 duration: {text!r}")
    weeks, days, hours, minutes, seconds = (int(n) if n else 0 for n in match.groups())
    return (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds


def _redact(text: str, key: str) -> str:
    """*text* without the API key, also as a URL carries it."""
    for form in sorted({key, quote(key, safe=""), quote(key), quote_plus(key)}, key=len, reverse=True):
        if form:
            text = text.replace(form, "[key]")
    return text


class YouTube:
    """The two API calls, one request at a time with *delay* seconds between them."""

    def __init__(self, api: str, key: str, *, timeout: float, delay: float, sleep: Callable[[float], None]) -> None:
        self.api, self.key = api.rstrip("/"), key
        self.polite = Polite(USER_AGENT, timeout=timeout, delay=delay, sleep=sleep)

    def get(self, endpoint: str, params: dict[str, str], page: str = "") -> dict[str, Any]:
        """``GET {api}/{endpoint}?{params}&key=KEY[&pageToken=page]``: the answer's JSON object, or
        :class:`LookupFailed` (:class:`Stop` when YouTube refuses further requests)."""
        pairs = [*params.items(), ("key", self.key), *([("pageToken", page)] if page else [])]
        query = urlencode(pairs, safe=",")
        response = self.polite.get(f"{self.api}/{endpoint}?{query}", headers={"Accept": "application/json"})
        answer = None
        with contextlib.suppress(LookupFailed):
            answer = json_of(response)
        if response.status_code != 200:
            raise self._refusal(endpoint, response.status_code, answer)
        if not isinstance(answer, dict):
            raise LookupFailed("the answer is not valid JSON" if answer is None else "the answer is not a JSON object")
        return answer

    def _refusal(self, endpoint: str, status: int, answer: Any) -> LookupFailed:
        error = answer.get("error") if isinstance(answer, dict) else None
        error = error if isinstance(error, dict) else {}
        reasons = [
            str(item.get("reason"))
            for key in ("errors", "details")
            for item in (error.get(key) if isinstance(error.get(key), list) else [])
            if isinstance(item, dict) and item.get("reason")
        ]
        message = _redact(str(error.get("message") or ""), self.key)[:200]
        said = f'; YouTube said: "{message}"' if message else ""
        named = f"HTTP {status}" + (f" {reasons[0]}" if reasons else "")
        stopping = next((r for r in reasons if r in _STOPPING), None)
        if stopping or status == 429 or (status == 403 and "playlistItemsNotAccessible" not in reasons):
            meaning = _STOPPING.get(stopping or "", "YouTube refuses the requests")
            return Stop(f"YouTube refused the request ({named}): {meaning}{said}")
        if status == 404 and endpoint == "playlistItems":
            return LookupFailed(
                f"YouTube has no such playlist ({named}): it may have been made private or deleted; check the link"
            )
        if status == 403:
            return LookupFailed(f"the playlist is private ({named})")
        return LookupFailed(f"the API answered {named}{said}")

    def playlist(self, playlist: str) -> list[str]:
        """The ids of the playlist's videos in its order (each once); items without one are named
        ``item N`` by their place in the playlist (a deleted video YouTube no longer names)."""
        found: list[str] = []
        token, tokens, position = "", set(), 0
        while True:
            params = {"part": "contentDetails", "playlistId": playlist, "maxResults": str(PAGE)}
            answer = self.get("playlistItems", params, token)
            for item in _items(answer):
                position += 1
                details, snippet = item.get("contentDetails"), item.get("snippet")
                video = details.get("videoId") if isinstance(details, dict) else None
                title = snippet.get("title") if isinstance(snippet, dict) else None
                if not isinstance(video, str) and title in _UNAVAILABLE_TITLES:
                    video = f"item {position} ({title})"
                elif not isinstance(video, str) or not _VIDEO_ID.fullmatch(video):
                    raise LookupFailed("a playlist item has no contentDetails.videoId")
                if video not in found:
                    found.append(video)
            token = answer.get("nextPageToken")
            if token is None:
                break
            if not isinstance(token, str) or not token or token in tokens or len(found) > MOST_VIDEOS:
                raise LookupFailed("the answer's nextPageToken does not lead to a next page")
            tokens.add(token)
        if not found:
            raise LookupFailed("the playlist has no videos (an answer with no items): it may be empty or private")
        return found

    def lengths(self, ids: list[str]) -> dict[str, int]:
        """Seconds of each video YouTube returns; private and deleted videos are not returned."""
        asked = [video for video in ids if _VIDEO_ID.fullmatch(video)]
        seconds: dict[str, int] = {}
        for start in range(0, len(asked), PAGE):
            chunk = asked[start : start + PAGE]
            answer = self.get("videos", {"part": "contentDetails", "id": ",".join(chunk)})
            for item in _items(answer):
                video, details = item.get("id"), item.get("contentDetails")
                duration = details.get("duration") if isinstance(details, dict) else None
                if not isinstance(video, str) or not isinstance(duration, str):
                    raise LookupFailed("a video in the answer has no id or no contentDetails.duration")
                try:
                    seconds[video] = duration_seconds(duration)
                except ValueError:
                    raise LookupFailed(
                        f"video {video} has a duration that is not ISO 8601: {duration[:40]!r}"
                    ) from None
        return {video: seconds[video] for video in ids if video in seconds}

    def close(self) -> None:
        self.polite.close()


def _items(answer: dict[str, Any]) -> Iterator[dict[str, Any]]:
    items = answer.get("items")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise LookupFailed("the answer has no 'items' list")
    yield from items


# -- Which records, and what they say now --------------------------------------------------------


@dataclass
class _Target:
    entry: RecordEntry
    #: The playlist measured, or ``None`` when single videos are added up.
    playlist: str | None
    #: Distinct video ids (single videos), each with the index of its link.
    videos: dict[str, int]
    #: The addresses measured, as written in the links, and the index of the first one's link.
    sources: list[str]
    link: int


def targets(data: DataFile) -> list[_Target]:
    """Every course, book and resource whose own links include a YouTube playlist or video."""
    found = []
    for entry in data.records(SECTIONS):
        urls = [url for url, _ in entry.link_lines()]
        addresses = [(n, youtube_address(url)) for n, url in enumerate(urls)]
        playlists = [(n, a[1]) for n, a in addresses if a and a[0] == "playlist"]
        if playlists:
            n, playlist = playlists[0]
            found.append(_Target(entry, playlist, {}, [urls[n]], n))
            continue
        videos: dict[str, int] = {}
        for n, address in addresses:
            if address and address[1] not in videos:
                videos[address[1]] = n
        if videos:
            found.append(_Target(entry, None, videos, [urls[n] for n in videos.values()], next(iter(videos.values()))))
    return found


def read_fact(effort: Any, sources: list[str]) -> str | None:
    """The sources of an effort that was read by a person (never overwritten), else ``None``."""
    if not isinstance(effort, dict) or effort.get("kind") == "unknown":
        return None
    own = effort.get("kind") == "video" and list(effort.get("sources") or []) == sources
    if own and "total_minutes" in effort:
        return None
    return ", ".join(str(s) for s in effort.get("sources") or []) or "no source"


@dataclass(frozen=True)
class Figures:
    videos: int
    seconds: int

    @property
    def total_minutes(self) -> int:
        return (self.seconds + 30) // 60

    @property
    def hours(self) -> int:
        return max(1, (self.total_minutes + 30) // 60)

    def __str__(self) -> str:
        h, m, s = self.seconds // 3600, self.seconds // 60 % 60, self.seconds % 60
        return (
            f"{self.videos} video{'s' if self.videos != 1 else ''}, {h} h {m} min {s} s "
            f"→ total_minutes {self.total_minutes}, hours {self.hours}"
        )


def measure(youtube: YouTube, target: _Target) -> tuple[Figures | None, list[tuple[str, int | None]]]:
    """The figures; or ``None`` and the videos missing from the sum (private, deleted, or a live
    stream without a length yet), each with the index of its link when it has one."""
    ids = youtube.playlist(target.playlist) if target.playlist else list(target.videos)
    seconds = youtube.lengths(ids)
    missing = [(video, target.videos.get(video)) for video in ids if not seconds.get(video)]
    if missing:
        return None, missing
    figures = Figures(len(ids), sum(seconds.values()))
    if figures.total_minutes < 1 or figures.videos > MOST_VIDEOS or figures.total_minutes > MOST_MINUTES:
        raise LookupFailed(f"{figures} is outside what `make check` allows; not written")
    return figures, []


# -- Writing --------------------------------------------------------------------------------------


def _detach_trailing_comment(parent: CommentedMap, key: str) -> CommentToken | None:
    """Take the whole-line comments that follow ``parent[key]``'s last line (they belong to what
    comes after it); a comment at the end of that line stays."""
    holder, slot = parent, key
    while isinstance(holder[slot], CommentedMap) and holder[slot] and not holder[slot].fa.flow_style():
        holder, slot = holder[slot], list(holder[slot])[-1]
    entry = holder.ca.items.get(slot)
    token = entry[2] if entry and len(entry) > 2 else None
    if token is None or isinstance(holder[slot], CommentedSeq | CommentedMap):
        return None
    eol, _, rest = token.value.partition("\n")
    if not rest.strip():
        return None
    entry[2] = CommentToken(eol + "\n", token.start_mark, None) if eol.strip() else None
    return CommentToken("\n" + rest, token.start_mark, None)


def _effort(figures: Figures, sources: list[str], today: str, flow: bool) -> CommentedMap:
    seq = CommentedSeq([DoubleQuotedScalarString(url) for url in sources])
    seq.fa.set_flow_style()
    mapping = CommentedMap(
        [
            ("kind", "video"),
            ("hours", figures.hours),
            ("videos", figures.videos),
            ("total_minutes", figures.total_minutes),
            ("sources", seq),
            ("checked", DoubleQuotedScalarString(today)),
        ]
    )
    if flow:
        mapping.fa.set_flow_style()
    return mapping


def write(entry: RecordEntry, figures: Figures, sources: list[str], today: str) -> tuple[str, str]:
    """Set the record's effort: ``written`` or ``unchanged``, and what it replaced."""
    record, current = entry.data, entry.data.get(FIELD)
    if isinstance(current, CommentedMap) and current.get("kind") == "video":  # this command's own earlier result
        values = {"hours": figures.hours, "videos": figures.videos, "total_minutes": figures.total_minutes}
        changed = False
        for key, value in [*values.items(), ("checked", DoubleQuotedScalarString(today))]:
            if current.get(key) != value:
                current[key] = value
                changed = True
        return ("written" if changed else "unchanged"), ""
    keys = list(record)
    if isinstance(current, CommentedMap):
        mapping = _effort(figures, sources, today, bool(current.fa.flow_style()))
        comment = _detach_trailing_comment(record, FIELD)
        record[FIELD] = mapping
        how = "replaced an unknown effort"
    else:
        mapping = _effort(figures, sources, today, False)
        after = [key for key in ("pages", "chinese", "links") if key in keys]
        at = keys.index("cost") + 1 if "cost" in keys else keys.index(after[0]) if after else len(keys)
        comment = _detach_trailing_comment(record, keys[at - 1]) if at else None
        record.insert(at, FIELD, mapping)
        how = ""
    if comment is not None and not mapping.fa.flow_style():
        mapping.ca.items["checked"] = [None, None, comment, None]
    return "written", how


#: Lines an edit may add: the field and its keys.
_OWN_LINES = (f"{FIELD}:", "kind:", "hours:", "videos:", "total_minutes:", "sources:", "checked:")


def _without_effort(text: str) -> Any:
    doc = yaml.safe_load(text)
    for section in SECTIONS:
        for record in doc.get(section) or []:
            record.pop(FIELD, None)
    return doc


def _only_effort_lines(before: str, after: str) -> bool:
    """The edit changed ``effort`` and nothing else: every added line is one of its keys, and
    without the efforts the data is the same."""
    old, new = before.splitlines(), after.splitlines()
    for tag, _, _, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag in ("insert", "replace") and not all(line.lstrip(" {").startswith(_OWN_LINES) for line in new[j1:j2]):
            return False
    return _without_effort(before) == _without_effort(after)


# -- The run ----------------------------------------------------------------------------------------


class VideoLengthsReport(Report):
    """Results: ``written``, ``unchanged``, ``kept`` (a read fact), ``failed`` or ``not asked``."""

    HEADING = "### Video lengths (YouTube)"
    TITLES = {
        "failed": "YouTube did not give the whole sum (nothing written for these records)",
        "not asked": "Not asked (nothing written for these records)",
        "written": "Written (`effort` from the videos' lengths)",
        "kept": "Not overwritten (effort read from a source)",
        "unchanged": "Already recorded today (nothing changed)",
    }
    FAILING = ("failed", "not asked")

    def summary(self) -> str:
        return (
            f"{len(self.of('written'))} written, {len(self.of('unchanged'))} unchanged, "
            f"{len(self.of('kept', 'not asked'))} skipped, {len(self.of('failed'))} failed."
        )

    def ending(self) -> list[str]:
        return [self.summary()]


def _link_lines(text: str, items: list[_Target]) -> dict[tuple[str, int], list[int]]:
    """The line of each link of the measured records in *text* (lines move when lines are added)."""
    doc = _yaml().load(text)
    found = {}
    for item in items:
        links = doc[item.entry.section][item.entry.index].get("links") or []
        found[(item.entry.section, item.entry.index)] = [link.lc.line + 1 for link in links]
    return found


def video_lengths(
    data: DataFile,
    *,
    key: str,
    api: str = DEFAULT_API,
    today: str | None = None,
    timeout: float = 20.0,
    delay: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
) -> VideoLengthsReport:
    """Measure each record's videos and write its effort; the report says what happened."""
    today = today or datetime.now(UTC).date().isoformat()
    date.fromisoformat(today)
    report = VideoLengthsReport()
    items = targets(data)
    youtube = YouTube(api, key, timeout=timeout, delay=delay, sleep=sleep)
    #: (target, result, detail, figures, missing videos with their link's index)
    results: list[tuple[_Target, str, str, Figures | None, list[tuple[str, int | None]]]] = []

    def to_measure() -> Iterator[_Target]:
        """The records without an effort read from a source (those are kept)."""
        for item in items:
            kept = read_fact(item.entry.data.get(FIELD), item.sources)
            if kept is None:
                yield item
            else:
                results.append((item, "kept", f"has effort read from {kept}; not overwritten", None, []))

    replies = ask_each(
        to_measure(),
        lambda item: measure(youtube, item),
        stop_reason=lambda item: f"not asked: the run stopped at `{item.entry.record}`",
    )
    for reply in replies:
        item = reply.item
        if reply.stops:
            report.notes.append(
                f"Stopped early: YouTube refused the request for `{item.entry.record}`, so nothing more was asked; "
                "run again when the quota is renewed (at midnight Pacific time) or with a working key."
            )
        if reply.failure is not None:
            result = "failed" if reply.asked else "not asked"
            results.append((item, result, _redact(reply.failure, key) if reply.asked else reply.failure, None, []))
            continue
        figures, missing = reply.value
        if figures is None:
            results.append((item, "failed", "", None, missing))
            continue
        result, detail = write(item.entry, figures, item.sources, today)
        results.append((item, result, detail, figures, []))
    youtube.close()
    after = data.text()
    if not _only_effort_lines(data.original, after):  # pragma: no cover - a guard, not a path
        raise DataFileError([f"{data.path}: the edit would change other lines than `effort`; nothing written."])
    report.written = data.save()
    lines = _link_lines(data.original, items)
    for item, result, detail, figures, missing in results:
        at = lines[(item.entry.section, item.entry.index)]
        if missing:
            named = ", ".join(video if n is None else f"{video} (line {at[n]})" for video, n in missing)
            detail = f"{len(missing)} video(s) private, deleted or without a length, so the sum is incomplete: {named}"
        report.outcomes.append(Outcome(item.entry.record, at[item.link], item.sources[0], result, detail, figures))
    return report

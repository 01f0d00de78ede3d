"""Facts derived by a stated rule (data/derive.py), and lengths as ranges and video totals.

Each rule of derive.py is tried on the links it takes and on look-alikes it must not take. A copy
of the basic test root then gets records of every case, and its web and print output is read:
the card says the derived fact as derived, with the link it was derived from as its source; a
read cost, a broken link, a course platform keep it from being derived; a range reads as one,
and a length added up from videos says so.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import soup
from llm_catalog.data import derive, labels
from llm_catalog.data.records import Link

#: Per rule: links it takes, and links that look alike but are not what it says.
CASES = {
    "public-video": (
        [
            ("video", "https://www.youtube.com/watch?v=zjkBMFhNj_g"),
            ("video", "https://m.youtube.com/watch?feature=share&v=abc"),
            ("video", "https://www.youtube.com/playlist?list=PLx"),
            ("video", "https://youtube.com/live/J5OmmgAdNg8"),
            ("video", "https://www.youtube.com/embed/abc"),
            ("video", "https://youtu.be/lnA9DMvHtfI"),
            ("video", "https://www.bilibili.com/video/BV11G411X7nZ"),
        ],
        [
            ("video", "https://www.youtube.com/results?search_query=Karpathy"),
            ("video", "https://www.youtube.com/@karpathy"),
            ("video", "https://www.youtube.com/watch"),
            ("video", "https://www.bilibili.com/"),
            ("video", "https://youtube.example.org/watch?v=abc"),
        ],
    ),
    "public-repository": (
        [("code", "https://github.com/karpathy/nanochat"), ("site", "https://github.com/a/b/blob/main/README.md")],
        [
            ("code", "https://github.com/karpathy"),
            ("site", "https://github.com/topics/llm"),
            ("code", "https://gitlab.com/a/b"),
        ],
    ),
    "arxiv-paper": (
        [("reading-list", "https://arxiv.org/abs/1706.03762"), ("slides", "https://arxiv.org/pdf/1706.03762")],
        [("site", "https://arxiv.org/"), ("site", "https://arxiv.org/list/cs.CL/recent")],
    ),
    "open-course-page": (
        [
            ("site", "https://web.stanford.edu/class/cs224n/"),
            ("site", "https://speech.ee.ntu.edu.tw/~hylee/ml/2025-spring.php"),
            ("site", "https://www.cs.ox.ac.uk/teaching/"),
        ],
        [
            ("slides", "https://web.stanford.edu/class/cs224n/slides.pdf"),  # a course's site only
            ("site", "https://cs.uwaterloo.ca/~x/cs886/"),  # not a host named as a university's
            ("site", "https://education.example.org/"),
        ],
    ),
}


def _link(kind: str, url: str, **more: str) -> Link:
    return Link(link_kind=kind, url=url, **more)


@pytest.mark.parametrize("rule", derive.COST_RULES, ids=lambda rule: rule.id)
def test_each_rule_takes_its_links_and_no_look_alike(rule: derive.Rule) -> None:
    takes, refuses = CASES[rule.id]
    for kind, url in takes:
        assert rule.applies(_link(kind, url)), url
    for kind, url in refuses:
        assert not rule.applies(_link(kind, url)), url


def test_every_rule_has_its_cases_words_and_reason() -> None:
    assert set(CASES) == set(derive.RULES_BY_ID) == set(labels.DERIVED_COSTS)
    for rule in derive.COST_RULES:
        assert rule.words and rule.reason and "（" not in rule.words  # the card adds 由链接推断


def test_a_derived_cost_names_its_rule_link_and_the_day_the_link_was_reached() -> None:
    links = [
        _link("site", "https://example.org/"),
        _link("video", "https://youtu.be/gone", checked="2026-10-01", broken="2026-11-01"),
        _link("code", "https://github.com/a/b", checked="2026-11-20"),
        _link("video", "https://youtu.be/later"),
    ]
    cost = derive.derived_cost(links)
    # The video rule comes first, but its one working video is later: a broken link derives nothing.
    assert (cost.value, cost.derived, cost.sources, cost.checked) == (
        "free",
        "public-video",
        ("https://youtu.be/later",),
        "",
    )
    assert derive.derived_cost(links[:3]).derived == "public-repository"
    assert derive.derived_cost(links[:3]).checked == "2026-11-20"
    assert derive.derived_cost(links[:2]) is None
    assert derive.derived_cost([*links, _link("platform", "https://www.coursera.org/learn/x")]) is None


RECORDS = """\
  - id: derived-video
    category: extra
    title: Derived Video
    language: en
    note: 一场公开讲座。
    cost: {value: unknown, checked: "2026-11-01", note: 视频页读不到。}
    links:
      - {kind: site, url: "https://talk.example.org/"}
      - {kind: video, url: "https://www.youtube.com/watch?v=abc", checked: "2026-11-20"}
  - id: read-cost
    category: extra
    title: Read Cost
    language: en
    note: 费用是读到的。
    cost: {value: paid, sources: ["https://paid.example.org/price"], checked: "2026-11-01"}
    links:
      - {kind: video, url: "https://www.youtube.com/watch?v=def"}
  - id: broken-video
    category: extra
    title: Broken Video
    language: en
    note: 视频链接失效。
    links:
      - {kind: video, url: "https://www.youtube.com/watch?v=ghi", checked: "2026-10-01", broken: "2026-11-01"}
  - id: on-a-platform
    category: extra
    title: On A Platform
    language: en
    note: 平台上的课。
    links:
      - {kind: video, url: "https://www.bilibili.com/video/BV1xx"}
      - {kind: platform, url: "https://www.coursera.org/learn/x"}
  - id: ranged
    category: extra
    title: Ranged
    language: en
    note: 每讲时长是一个范围。
    effort:
      {kind: video, hours: 15, hours_to: 20, lectures: 10, minutes: 90, minutes_to: 120,
       sources: ["https://ranged.example.org/"], quote: "10 lectures, 1.5 to 2 hours each", checked: "2026-11-01"}
    links:
      - {kind: site, url: "https://ranged.example.org/"}
  - id: added-up
    category: extra
    title: Added Up
    language: en
    note: 三个视频。
    effort:
      {kind: video, hours: 5, videos: 3, total_minutes: 290,
       sources: ["https://www.youtube.com/playlist?list=PLy"], checked: "2026-11-30"}
    links:
      - {kind: video, url: "https://www.youtube.com/playlist?list=PLy"}
  - id: one-talk
    category: extra
    title: One Talk
    language: en
    note: 一个视频。
    effort:
      {kind: video, hours: 1, videos: 1, total_minutes: 45, sources: ["https://youtu.be/talk"], checked: "2026-11-30"}
    links:
      - {kind: video, url: "https://youtu.be/talk"}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> dict[str, Path]:
    """A copy of the basic root with the cases above, built as HTML and as LaTeX (the PDF's source)."""
    import shutil

    src = Path(shutil.copytree(rootdir / "test-basic", tmp_path_factory.mktemp("derived") / "root"))
    data = src / "_data" / "catalog.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("syllabi:\n", RECORDS + "syllabi:\n", 1), encoding="utf-8")
    out = {}
    for builder in ("html", "latex"):
        app = SphinxTestApp(builder, srcdir=src, builddir=src / "_build", confoverrides={"html_search_language": "en"})
        try:
            app.build()
        finally:
            app.cleanup()
        out[builder] = Path(app.outdir)
    return out


def _card(built: dict[str, Path], rid: str):
    card = soup(built["html"] / "pages" / "courses.html").find(id=f"llm-{rid}")
    assert card is not None, rid
    return card


def _facts_line(card) -> str:
    """The card's facts, without the month they were checked (said once, at the line's end)."""
    return re.sub(r"（\d{4}-\d{2} 查证）$", "", card.select_one(".llm-card-facets").get_text())


def test_a_public_video_makes_the_cost_free_and_says_it_is_derived(built: dict[str, Path]) -> None:
    card = _card(built, "derived-video")
    line = card.select_one(".llm-card-facets")
    assert line.get_text().startswith("公开视频，免费观看（由链接推断）依据 · ")
    source = line.select_one("a.llm-source")
    assert source["href"] == "https://www.youtube.com/watch?v=abc"  # the link it was derived from
    assert source["title"] == "“公开视频，免费观看（由链接推断）”的依据：www.youtube.com（2026-11-20 查证）"
    # A link no check has reached yet names no day, and says it was not checked.
    untimed = _card(built, "one-talk").select_one(".llm-card-facets a.llm-source")
    assert untimed["title"] == "“公开视频，免费观看（由链接推断）”的依据：youtu.be（链接尚未核对）"
    notes = card.select_one("details.llm-card-factnotes").get_text()
    assert "公开视频，免费观看（由链接推断）：链接是视频网站上公开的视频或播放列表" in notes
    assert "（链接 2026-11-20 确认可用）" in notes
    assert "视频页读不到" not in notes  # the unknown cost's note no longer describes the card
    # The filter counts it as free, like a read free cost.
    column = soup(built["html"] / "pages" / "courses.html").select_one('[data-llm-id="derived-video"]')
    assert column is None or column["data-llm-cost"] == "free"


def test_a_read_cost_a_broken_link_and_a_platform_derive_nothing(built: dict[str, Path]) -> None:
    assert _facts_line(_card(built, "read-cost")).startswith("付费依据 · ")
    assert _facts_line(_card(built, "broken-video")).startswith("费用未查 · ")
    assert _facts_line(_card(built, "on-a-platform")).startswith("费用未查 · ")


def test_ranges_and_video_totals_read_as_such(built: dict[str, Path]) -> None:
    assert _facts_line(_card(built, "ranged")).endswith("10 讲 × 90–120 分钟 ≈ 15–20 小时视频依据")
    assert _facts_line(_card(built, "added-up")).endswith("3 个视频共 4 小时 50 分钟依据")
    assert _facts_line(_card(built, "one-talk")).endswith("视频时长 45 分钟依据")


def test_print_says_the_same(built: dict[str, Path]) -> None:
    (tex,) = built["latex"].glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    for words in (
        "公开视频，免费观看（由链接推断）",
        "10 讲 × 90–120 分钟 ≈ 15–20 小时视频",
        "3 个视频共 4 小时 50 分钟",
        "视频时长 45 分钟",
    ):
        assert words in text, words
    assert r"\url{https://www.youtube.com/watch?v=abc}" in text or "youtube.com/watch?v=abc" in text


def test_open_data_names_the_rule(built: dict[str, Path]) -> None:
    data = json.loads((built["html"] / "catalog.json").read_text(encoding="utf-8"))
    by_id = {record["id"]: record for record in data["records"]}
    assert by_id["derived-video"]["derived"] == {
        "cost": {
            "value": "free",
            "rule": "public-video",
            "words": "公开视频，免费观看",
            "source": "https://www.youtube.com/watch?v=abc",
        }
    }
    assert by_id["derived-video"]["fields"]["cost"]["value"] == "unknown"  # the file as written
    assert "derived" not in by_id["read-cost"] and "derived" not in by_id["broken-video"]

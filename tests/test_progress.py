"""Reader's progress in a real browser: checkboxes, counts, export/import, 下一步, keyboard, axe.

Pages are served by the worker's static server to the shared browser, whose stored progress is
cleared for each test (``fresh_storage``); one test opens the site from file://, as an offline
reader opens the downloaded HTML, where localStorage must work too. What each test ticks is
chosen from the variant's data.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import POLL, parsed, sphinx_build
from sites import Project, SharedFailure, failing_as_pytest

KEY = "llm-study-guide-progress"


def spanned(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def expected_summary(items: list[tuple[str, tuple[int, int] | None]], done: set[str]) -> str:
    """The count line as the issue words it: 已完成 3/9 · 约 40/120 小时; a range of hours (a step
    of 15–20 hours) adds as a range: 约 0/25–30 小时."""
    text = f"已完成 {sum(1 for i, _ in items if i in done)}/{len(items)}"
    known = [(i, h) for i, h in items if h is not None]
    unknown = len(items) - len(known)
    if known:
        total = spanned(sum(h[0] for _, h in known), sum(h[1] for _, h in known))
        finished = spanned(sum(h[0] for i, h in known if i in done), sum(h[1] for i, h in known if i in done))
        text += f" · 约 {finished}/{total} 小时"
    if unknown:
        text += f"（{unknown} 项时长未查或未确认）" if known else "（时长都未查或未确认）"
    return text


@dataclass(frozen=True)
class Plan:
    """What the tests tick on one variant's site, chosen from its data file (values as written)."""

    raw: dict
    site: Path
    #: A study path with a course on it, that course, and its category (which has a page).
    path: str
    course: str
    category: str
    #: Steps to tick on the paths page: that course, and a book chapter if a path has one.
    on_paths: list[tuple[str, str]]
    #: A syllabus with at least two chapters that no path step names, and the page of its card.
    syllabus_page: str
    chapters: tuple[str, str]

    @functools.cached_property
    def records(self) -> dict[str, dict]:
        return {r["id"]: r for key in ("courses", "syllabi", "books", "resources") for r in self.raw.get(key) or []}

    def stated_hours(self, node: str) -> tuple[int, int] | None:
        """A step's (fewest, most) hours as the data file states them (a record's effort; a chapter
        has none)."""
        effort = self.records.get(node, {}).get("effort")
        if not effort or "hours" not in effort or effort.get("kind") == "unknown":
            return None
        return int(effort["hours"]), int(effort.get("hours_to", effort["hours"]))

    def path_items(self, path_id: str) -> list[tuple[str, tuple[int, int] | None]]:
        (path,) = [p for p in self.raw["paths"] if p["id"] == path_id]
        return [(node, self.stated_hours(node)) for node in steps_of(path)]

    def category_items(self, category_id: str) -> list[tuple[str, tuple[int, int] | None]]:
        return [(c["id"], self.stated_hours(c["id"])) for c in self.raw["courses"] if c["category"] == category_id]


def steps_of(path: dict) -> list[str]:
    return [f"{s['record']}#{s['chapter']}" if "chapter" in s else s["record"] for s in path["steps"]]


def make_plan(project: Project, site: Path) -> Plan:
    raw = project.text_data
    records = {r["id"]: r for key in ("courses", "syllabi", "books", "resources") for r in raw.get(key) or []}
    path, course = next(
        (
            (p["id"], s["record"])
            for p in raw["paths"]
            for s in p["steps"]
            if "chapter" not in s
            and "category" in records.get(s["record"], {})
            and (project.root / "materials" / f"{records[s['record']]['category']}.md").is_file()
        ),
        (None, None),
    )
    if path is None:
        pytest.skip("no study path of this catalog has a course with a category page")
    chapter_steps = [(p["id"], node) for p in raw["paths"] for node in steps_of(p) if "#" in node]
    on_steps = {node for p in raw["paths"] for node in steps_of(p)}
    # Where the script puts a box (a slot in the HTML, or the box itself).
    boxes = {
        slot["data-llm-progress"]
        for page in sorted(site.rglob("*.html"))
        for slot in parsed(page).select("[data-llm-progress]")
    }
    # The page of each record's card (a syllabus' is a card of its own kind), by its anchor.
    cards = {
        element["id"]: page.relative_to(site).as_posix()
        for page in sorted(site.rglob("*.html"))
        for element in parsed(page).select("[id^='llm-']")
    }
    syllabus = next(
        (
            (cards[f"llm-{s['id']}"], (nodes[0], nodes[1]))
            for s in raw.get("syllabi") or []
            if f"llm-{s['id']}" in cards
            and len(nodes := [f"{s['id']}#{ch['number']}" for ch in s.get("chapters") or []]) >= 2
            and all(node in boxes and node not in on_steps for node in nodes[:2])
        ),
        None,
    )
    if syllabus is None:
        pytest.skip("no syllabus of this catalog has two chapters off the study paths")
    return Plan(
        raw,
        site,
        path,
        course,
        records[course]["category"],
        [(path, course), *chapter_steps[:1]],
        syllabus[0],
        syllabus[1],
    )


@pytest.fixture(scope="session")
def plan(project: Project, site: Path) -> Plan:
    return make_plan(project, site)


def open_page(driver, base: str, name: str) -> None:
    """Open *name* under *base* (the served site's address, or a folder's file:// address)."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{base}/{name}")
    WebDriverWait(driver, 20, poll_frequency=POLL).until(
        lambda d: d.execute_script("return document.querySelectorAll('input[type=checkbox][data-llm-progress]').length")
    )


def box(driver, node: str, scope: str = ""):
    """The checkbox of *node*, scrolled to the middle of the window (as a reader would see it)."""
    from selenium.webdriver.common.by import By

    found = driver.find_element(By.CSS_SELECTOR, f'{scope} input[type=checkbox][data-llm-progress="{node}"]'.strip())
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", found)
    return found


def text_of(driver, css: str) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css).text.strip()


def stored(driver) -> dict | None:
    raw = driver.execute_script(f"return window.localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else None


@pytest.fixture
def reader(fresh_storage) -> object:
    """The shared browser with no stored progress for the served site, downloads in the test's folder."""
    return fresh_storage


@pytest.fixture
def offline_reader(fresh_storage, site: Path) -> Iterator[object]:
    """As ``reader``, for pages opened from disk (file://): their stored data is cleared too."""

    def clear() -> None:
        fresh_storage.get((site / "index.html").as_uri())
        fresh_storage.execute_script("localStorage.clear(); sessionStorage.clear()")

    clear()
    try:
        yield fresh_storage
    finally:
        clear()
        fresh_storage.get("about:blank")


def test_a_tick_survives_reload_and_the_counts_follow(offline_reader, site: Path, plan: Plan) -> None:
    # From disk, as the offline reader opens the downloaded site: localStorage works there too.
    reader, base = offline_reader, site.as_uri()
    genai, in_path = plan.course, f"#llm-path-{plan.path}"
    open_page(reader, base, "paths.html")
    summary = f"{in_path} .llm-progress-summary"
    assert text_of(reader, summary) == expected_summary(plan.path_items(plan.path), set())
    box(reader, genai, in_path).click()
    assert text_of(reader, summary) == expected_summary(plan.path_items(plan.path), {genai})
    assert text_of(reader, summary).startswith("已完成 1/")
    # Every box for the same record follows, wherever it is on the page.
    assert all(b.is_selected() for b in reader.find_elements("css selector", f'input[data-llm-progress="{genai}"]'))

    reader.refresh()
    open_page(reader, base, "paths.html")
    assert box(reader, genai, in_path).is_selected()
    assert text_of(reader, summary) == expected_summary(plan.path_items(plan.path), {genai})

    # The category page counts the same progress: it is kept by record id, not by page.
    open_page(reader, base, f"materials/{plan.category}.html")
    assert box(reader, genai).is_selected()
    assert text_of(reader, ".llm-progress-summary") == expected_summary(plan.category_items(plan.category), {genai})
    box(reader, genai).click()
    assert text_of(reader, ".llm-progress-summary") == expected_summary(plan.category_items(plan.category), set())
    assert stored(reader)["done"] == {}


def test_keyboard_ticks_a_box_and_exports(reader, server: str, plan: Plan) -> None:
    from selenium.webdriver.common.keys import Keys

    node = plan.chapters[1]  # e.g. llm101n#3
    open_page(reader, server, plan.syllabus_page)
    chapter = box(reader, node)
    chapter.send_keys(Keys.SPACE)
    assert chapter.is_selected()
    assert reader.execute_script("return document.activeElement.getAttribute('data-llm-progress')") == node
    assert list(stored(reader)["done"]) == [node]
    # Tab order reaches the export button from the import/export panel on the paths page.
    open_page(reader, server, "paths.html")
    export = reader.find_element("css selector", ".llm-progress-export")
    export.send_keys(Keys.ENTER)
    assert text_of(reader, ".llm-progress-message") == "已导出 1 项进度。"


def wait_for_download(folder: Path) -> Path:
    for _ in range(100):
        found = [p for p in folder.glob("*.json")]
        if found and not list(folder.glob("*.crdownload")):
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"no download in {folder}: {list(folder.iterdir()) if folder.exists() else 'missing'}")


def test_export_then_import_on_a_fresh_profile_restores_the_state(
    reader, server: str, static, plan: Plan, tmp_path: Path
) -> None:
    on_paths = plan.on_paths
    chapter, other = plan.chapters  # e.g. llm101n#2, llm101n#3
    ticked = [node for _, node in on_paths] + [chapter]
    open_page(reader, server, "paths.html")
    for path, node in on_paths:
        box(reader, node, f"#llm-path-{path}").click()
    open_page(reader, server, plan.syllabus_page)
    box(reader, chapter).click()
    before = stored(reader)
    assert sorted(before["done"]) == sorted(ticked)
    open_page(reader, server, "paths.html")
    reader.find_element("css selector", ".llm-progress-export").click()
    exported = wait_for_download(tmp_path / "downloads")
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "llm-study-guide-progress" and data["done"] == before["done"]

    # A fresh profile: nothing stored for the site (as in another browser).
    reader.get("about:blank")
    reader.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": static.base, "storageTypes": "all"})
    fresh = reader
    open_page(fresh, server, "paths.html")
    assert stored(fresh) is None
    assert not any(box(fresh, node, f"#llm-path-{path}").is_selected() for path, node in on_paths)
    fresh.find_element("css selector", ".llm-progress-tools input[type=file]").send_keys(str(exported))
    _wait_text(fresh, ".llm-progress-message", f"已导入 {len(ticked)} 项进度。")
    assert stored(fresh)["done"] == before["done"]
    assert all(box(fresh, node, f"#llm-path-{path}").is_selected() for path, node in on_paths)
    open_page(fresh, server, plan.syllabus_page)
    assert box(fresh, chapter).is_selected() and not box(fresh, other).is_selected()


def _wait_text(driver, css: str, expected: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10, poll_frequency=POLL).until(lambda d: text_of(d, css) != "")
    assert text_of(driver, css) == expected


# The import's checks are the script's own, the same on every variant (the ids it knows come
# from the data: the export/import test above imports the data's own ids on every variant).
@pytest.mark.sites("real")
@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("this is not json", "这不是 JSON 文件"),
        ('{"some": "other app"}', "这不是本指南导出的进度文件"),
        ("[1, 2, 3]", "文件内容不是进度记录"),
        ('{"format": "llm-study-guide-progress", "version": 2, "done": {}}', "进度文件的版本不受支持"),
        (
            '{"format": "llm-study-guide-progress", "version": 1, "done": {"<script>": "2026-01-01"}}',
            "文件中有无法识别的条目 <script>",
        ),
        # A record of the catalog ({record}), but not with a date: e.g. {"slp3": true}.
        (
            '{"format": "llm-study-guide-progress", "version": 1, "done": {"{record}": true}}',
            "文件中有无法识别的条目 {record}",
        ),
    ],
    ids=["not-json", "other-app", "not-a-record", "version", "unknown-id", "not-a-date"],
)
def test_a_bad_or_foreign_file_is_refused_and_changes_nothing(
    reader, server: str, plan: Plan, tmp_path: Path, content: str, why: str
) -> None:
    record = next(iter(plan.records))
    content, why = content.replace("{record}", record), why.replace("{record}", record)
    open_page(reader, server, "paths.html")
    box(reader, plan.course, f"#llm-path-{plan.path}").click()
    before = stored(reader)
    bad = tmp_path / "progress.json"
    bad.write_text(content, encoding="utf-8")
    reader.find_element("css selector", ".llm-progress-tools input[type=file]").send_keys(str(bad))
    _wait_text(reader, ".llm-progress-message", f"无法导入：{why}。进度没有改变。")
    assert stored(reader) == before
    assert box(reader, plan.course, f"#llm-path-{plan.path}").is_selected()


@pytest.fixture(scope="session")
def paths_site(store, static) -> str:
    """The fixed catalog of tests/roots/test-paths, built once per session for every worker and
    served: 下一步's exact answers are its own. Its address."""
    root = Path(__file__).parent / "roots" / "test-paths"

    def make(folder: Path) -> None:
        args = ["-n", "-W", "--keep-going", "-d", str(folder / "doctrees")]
        result = sphinx_build(root, folder / "html", *args)
        if result.returncode != 0:
            raise SharedFailure(f"the build of {root} failed:\n{result.stderr[-4000:]}")

    with failing_as_pytest():
        folder = store.once("roots/test-paths", make)
    return static.url(folder / "html")


def test_next_step_lists_what_a_goal_still_needs_in_order(reader, paths_site: str) -> None:
    from selenium.webdriver.support.ui import Select

    def listed() -> list[str]:
        return [li.text for li in reader.find_elements("css selector", ".llm-next-list > li")]

    def choose(value: str) -> None:
        Select(reader.find_element("css selector", "#llm-next-goal")).select_by_value(value)

    # The fixed catalog: a syllabus read in order; deep requires intro and the book's chapter 2,
    # which requires chapter 1; apps-course requires the topic nn.
    open_page(reader, paths_site, "pages/paths.html")
    choose("syl#3")
    assert listed() == [
        "Tiny Syllabus 第 1 章　Language models",
        "Tiny Syllabus 第 2 章　Networks",
        "Tiny Syllabus 第 3 章　Apps",
    ]
    open_page(reader, paths_site, "pages/syllabus.html")
    box(reader, "syl#1").click()
    open_page(reader, paths_site, "pages/paths.html")  # the chosen goal is remembered
    assert reader.find_element("css selector", "#llm-next-goal").get_attribute("value") == "syl#3"
    assert listed() == ["Tiny Syllabus 第 2 章　Networks", "Tiny Syllabus 第 3 章　Apps"]

    # A record's requirements come before it, each chapter after the one it requires; a record's
    # stated hours follow its title (intro: 10, deep: 30–40 in the fixed catalog).
    intro, deep = "Intro to LMs（约 10 小时）", "Deep LMs（约 30–40 小时）"
    choose("deep")
    assert listed() == [intro, "The Book 第 1 章　Counting", "The Book 第 2 章　Neurons", deep]
    assert text_of(reader, ".llm-next-status").startswith("还需学完 4 项")
    # Ticking one takes it off the list.
    box(reader, "book#1", "#llm-path-main-line").click()
    assert listed() == [intro, "The Book 第 2 章　Neurons", deep]
    assert text_of(reader, ".llm-next-status").startswith("还需学完 3 项")
    # A path: its steps in order, without what is done.
    choose("path:main-line")
    assert listed() == [intro, "The Book 第 2 章　Neurons", deep]
    # A topic requirement offers the materials that teach it, as one choice.
    choose("apps-course")
    items = listed()
    assert items[0].startswith("任选其一") and items[-1] == "Building Apps", items


def test_next_step_offers_what_teaches_an_unreleased_chapter_before_it(reader, paths_site: str) -> None:
    from selenium.webdriver.support.ui import Select

    def listed() -> list[str]:
        return [li.text for li in reader.find_elements("css selector", ".llm-next-list > li")]

    def choose(value: str) -> None:
        Select(reader.find_element("css selector", "#llm-next-goal")).select_by_value(value)

    # The fixed catalog's syllabus "later" is not out: chapter 1 is taught now by the book's
    # chapter 1 (then intro), chapter 2 by deep (which requires intro and the book's chapter 2),
    # chapter 3 by nothing yet. Chapter 2 requires chapter 1 (a syllabus is read in order).
    open_page(reader, paths_site, "pages/paths.html")
    goal = reader.find_element("css selector", "#llm-next-goal option[value='later#2']")
    assert goal.text == "Later Course 第 2 章　Deep again（未发布）"
    choose("later#2")
    counting, neurons = "The Book 第 1 章　Counting", "The Book 第 2 章　Neurons"
    intro, deep = "Intro to LMs（约 10 小时）", "Deep LMs（约 30–40 小时）"
    assert listed() == [
        counting,
        "Later Course 第 1 章　Counting again 未发布（可先学：The Book 第 1 章　Counting）",
        intro,
        neurons,
        deep,
        "Later Course 第 2 章　Deep again 未发布（可先学：Deep LMs）",
    ]
    # Only what can be studied is counted; the unreleased chapters are named apart.
    assert text_of(reader, ".llm-next-status") == (
        "还需学完 4 项 · 约 40–50 小时（2 项时长未查或未确认）；另有 2 章未发布，它前面列出了现在可以先学的材料"
    )
    # Each unreleased chapter is marked, and its alternative links to that material's card.
    items = reader.find_elements("css selector", ".llm-next-list > li.llm-next-unreleased")
    assert [li.find_element("css selector", ".llm-status-unreleased").text for li in items] == ["未发布", "未发布"]
    links = [a.get_attribute("href") for a in items[1].find_elements("css selector", "a")]
    assert links[0].endswith("pages/later.html#llm-later-ch02")
    assert links[1].endswith("pages/courses.html#llm-deep")
    # Studying the alternative is what counts: with the book's chapter 1 done, chapter 1 of
    # "later" no longer needs anything.
    box(reader, "book#1", "#llm-path-main-line").click()
    assert listed() == [intro, neurons, deep, "Later Course 第 2 章　Deep again 未发布（可先学：Deep LMs）"]
    # A chapter nothing teaches yet is still shown, marked, and counts as nothing to study.
    choose("later#3")
    assert listed()[-1] == "Later Course 第 3 章　Unwritten 未发布（还没有可以替代的已发布材料）"


def goal_groups(driver) -> list[tuple[str, list[tuple[str, str]]]]:
    """下一步's goals as the reader sees them: each optgroup's label, its options' values and words."""
    return [
        (label, [tuple(option) for option in options])
        for label, options in driver.execute_script(
            """return [...document.querySelectorAll('#llm-next-goal > optgroup')].map((group) =>
                 [group.label, [...group.querySelectorAll('option')].map((o) => [o.value, o.text])]);"""
        )
    ]


def test_next_step_goals_are_grouped_by_path(reader, server: str, plan: Plan) -> None:
    """Issue 27: a group per path, in the data's order, holding the path as a whole and then exactly
    its steps, in order; then the rest, each goal once; every record and chapter is offered."""
    raw = plan.raw
    open_page(reader, server, "paths.html")
    groups = goal_groups(reader)
    paths = raw["paths"]
    assert [label for label, _ in groups[: len(paths)]] == [f"学习路线：{p['title']}" for p in paths]
    for path, (_, options) in zip(paths, groups, strict=False):
        assert [value for value, _ in options] == [f"path:{path['id']}", *steps_of(path)], path["id"]
        assert options[0][1] == f"{path['title']}（整条路线）"
        # A step is named by its record's title (and, for a chapter, the chapter's heading).
        for (value, text), step in zip(options[1:], path["steps"], strict=True):
            assert text.startswith(plan.records[step["record"]]["title"]), value
    on_paths = {node for path in paths for node in steps_of(path)}
    rest = [value for _, options in groups[len(paths) :] for value, _ in options]
    assert len(rest) == len(set(rest)) and not on_paths & set(rest)
    chapters = [
        f"{r['id']}#{c['number']}"
        for key in ("syllabi", "courses", "books", "resources")
        for r in raw.get(key) or []
        for c in r.get("chapters") or []
    ]
    records = [r["id"] for key in ("courses", "books", "resources") for r in raw.get(key) or []]
    assert set(rest) | on_paths == set(chapters) | set(records)
    # The goal chosen is remembered by value, whatever group holds it.
    from selenium.webdriver.support.ui import Select

    last = groups[len(paths) - 1][1][-1][0]
    Select(reader.find_element("css selector", "#llm-next-goal")).select_by_value(last)
    open_page(reader, server, "paths.html")
    assert reader.find_element("css selector", "#llm-next-goal").get_attribute("value") == last


PACE_KEY = "llm-study-guide-pace"


def pace_result(driver, path_id: str) -> str:
    return text_of(driver, f"#llm-path-{path_id} .llm-pace-result")


def pace_field(driver, path_id: str) -> object:
    field = driver.find_element("css selector", f"#llm-path-{path_id} input.llm-pace-input")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", field)
    return field


def clear_pace(driver, path_id: str) -> object:
    from selenium.webdriver.common.keys import Keys

    field = pace_field(driver, path_id)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    return field


def type_pace(driver, path_id: str, text: str) -> object:
    """Type *text* into a path's hours-per-week box and press Enter, as a keyboard user would."""
    from selenium.webdriver.common.keys import Keys

    field = clear_pace(driver, path_id)
    field.send_keys(text, Keys.ENTER)
    return field


def good_pace(text: str) -> int | None:
    """Hours per week as the box takes them: a whole number from 1 to 80, else None."""
    return int(text) if text.isdigit() and 1 <= int(text) <= 80 else None


def stored_after_typing(before: str, typed: str) -> str:
    """What the box has stored once *typed* is typed key by key: each good value as it is typed."""
    good = [prefix for n in range(1, len(typed) + 1) if good_pace(prefix := typed[:n]) is not None]
    return good[-1] if good else before


def weeks_text(per_week: int, hours: tuple[int, int], unknown: int) -> str:
    """The pace box's answer for a path with *hours* known left and *unknown* steps without."""
    weeks = spanned(-(-hours[0] // per_week), -(-hours[1] // per_week))
    rest = f"；另有 {unknown} 步时长未查或未确认，未计入" if unknown else ""
    return f"按每周 {per_week} 小时，剩下已知时长的 {spanned(*hours)} 小时约需 {weeks} 周{rest}。"


def test_pace_gives_the_weeks_a_path_takes_and_refuses_bad_hours(reader, paths_site: str) -> None:
    # main-line in the fixed catalog: intro 10 stated hours, two book chapters (unknown), deep 30–40
    # video hours (20 lectures of 90 to 120 minutes): the weeks are a range too.
    open_page(reader, paths_site, "pages/paths.html")
    field = reader.find_element("css selector", "#llm-path-main-line input.llm-pace-input")
    label = reader.find_element("css selector", f'label[for="{field.get_attribute("id")}"]')
    assert label.text == "每周学习小时数"
    assert pace_result(reader, "main-line") == ""  # nothing asked yet, nothing stored
    type_pace(reader, "main-line", "8")
    assert (
        pace_result(reader, "main-line")
        == "按每周 8 小时，剩下已知时长的 40–50 小时约需 5–7 周；另有 2 步时长未查或未确认，未计入。"
    )
    assert reader.execute_script(f"return localStorage.getItem('{PACE_KEY}')") == "8"
    # Every path follows the one pace: apps-line has no known hours at all.
    assert pace_result(reader, "apps-line") == "剩下的各步时长都未查或未确认，还无法估算周数。"

    # Progress counts: what is done no longer takes weeks.
    box(reader, "intro", "#llm-path-main-line").click()
    assert (
        pace_result(reader, "main-line")
        == "按每周 8 小时，剩下已知时长的 30–40 小时约需 4–5 周；另有 2 步时长未查或未确认，未计入。"
    )

    # Refused in place, the refused value not stored: out of 1-80, or not a whole number. Each
    # good value is stored as it is typed ("2" on the way to "2.5").
    kept = "8"
    for bad in ("0", "81", "2.5", "-3"):
        field = type_pace(reader, "main-line", bad)
        kept = stored_after_typing(kept, bad)
        assert field.get_attribute("aria-invalid") == "true", bad
        assert pace_result(reader, "main-line") == "请输入 1 到 80 之间的整数；没有保存。", bad
        assert reader.execute_script(f"return localStorage.getItem('{PACE_KEY}')") == kept, bad
    field = type_pace(reader, "main-line", "80")
    assert field.get_attribute("aria-invalid") is None
    assert pace_result(reader, "main-line").startswith("按每周 80 小时，剩下已知时长的 30–40 小时约需 1 周")

    # Kept in this browser: a reload shows the same pace and weeks.
    reader.refresh()
    open_page(reader, paths_site, "pages/paths.html")
    field = reader.find_element("css selector", "#llm-path-main-line input.llm-pace-input")
    assert field.get_attribute("value") == "80"
    assert pace_result(reader, "main-line").startswith("按每周 80 小时")
    result = reader.find_element("css selector", "#llm-path-main-line .llm-pace-result")
    assert result.get_attribute("aria-live") == "polite"
    assert result.get_attribute("id") in field.get_attribute("aria-describedby").split()


def test_pace_answers_each_key_as_it_is_typed(reader, server: str, plan: Plan) -> None:
    """Issue 27: the answer follows every key, without leaving the field or pressing Enter; a bad
    value is refused in place, the focus stays, and each good value is stored. The expected
    weeks are worked out from the variant's data (the path's steps and their stated hours)."""
    items = plan.path_items(plan.path)
    known = [h for _, h in items if h is not None]
    unknown = len(items) - len(known)
    hours = (sum(h[0] for h in known), sum(h[1] for h in known))

    def expected(per_week: int) -> str:
        if not known:
            return "剩下的各步时长都未查或未确认，还无法估算周数。"
        return weeks_text(per_week, hours, unknown)

    def focused() -> bool:
        return reader.execute_script("return document.activeElement === arguments[0]", field)

    def stored_pace() -> str | None:
        return reader.execute_script(f"return localStorage.getItem('{PACE_KEY}')")

    open_page(reader, server, "paths.html")
    field = clear_pace(reader, plan.path)
    for typed in ("1", "12", "120"):  # no Enter, no change of focus: one key at a time
        field.send_keys(typed[-1])
        assert focused(), typed
        if good_pace(typed) is None:
            assert field.get_attribute("aria-invalid") == "true", typed
            assert pace_result(reader, plan.path) == "请输入 1 到 80 之间的整数；没有保存。", typed
            assert stored_pace() == stored_after_typing("", typed), typed
        else:
            assert field.get_attribute("aria-invalid") is None, typed
            assert pace_result(reader, plan.path) == expected(int(typed)), typed
            assert stored_pace() == typed, typed
    # Deleting keys answers for what is left; an empty field is neither answered nor refused.
    from selenium.webdriver.common.keys import Keys

    for left in ("12", "1"):
        field.send_keys(Keys.BACKSPACE)
        assert field.get_attribute("aria-invalid") is None, left
        assert pace_result(reader, plan.path) == expected(int(left)) and stored_pace() == left
    field.send_keys(Keys.BACKSPACE)
    assert field.get_attribute("aria-invalid") is None and pace_result(reader, plan.path) == ""
    assert stored_pace() == "1" and focused()
    # Left empty, the value is refused (as before): nothing is stored in its place.
    field.send_keys(Keys.TAB)
    assert pace_result(reader, plan.path) == "请输入 1 到 80 之间的整数；没有保存。"
    assert stored_pace() == "1"


def test_phone_width_keeps_the_panel_usable(phone, server: str) -> None:
    open_page(phone, server, "paths.html")
    overflow = phone.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert phone.find_element("css selector", ".llm-progress-export").is_displayed()


#: The smallest tap target, in CSS px (WCAG 2.2, 2.5.8 Target Size (Minimum)).
TAP = 24


def test_phone_checkboxes_are_tap_targets_of_24_px(phone, server: str, plan: Plan) -> None:
    """Issue 27: at 390 px every 已学完 box, and the label that holds it (its words tick it too),
    is at least 24 x 24 CSS px: on the paths page, a category page, a syllabus' chapters and a
    book's chapters (whose boxes end a line of text), where the variant has a book with chapters."""
    books = [
        page.relative_to(plan.site).as_posix()
        for page in sorted(plan.site.rglob("*.html"))
        if parsed(page).select_one(".llm-progress-slot.llm-progress-inline")
    ]
    for page in ("paths.html", f"materials/{plan.category}.html", plan.syllabus_page, *books[:1]):
        open_page(phone, server, page)
        sizes = phone.execute_script(
            """return [...document.querySelectorAll('input[type=checkbox][data-llm-progress]')]
                 .filter((box) => box.getClientRects().length)
                 .map((box) => {
                   const own = box.getBoundingClientRect(), label = box.closest('label').getBoundingClientRect();
                   return [box.getAttribute('data-llm-progress'), own.width, own.height, label.width, label.height];
                 });"""
        )
        assert sizes, page
        small = [size for size in sizes if min(size[1:]) < TAP]
        assert small == [], (page, small[:5])

"""Reader's progress in a real browser: checkboxes, counts, export/import, 下一步, keyboard, axe.

Pages are opened from file:// (no server, no network): that is how an offline reader opens
the downloaded HTML, and localStorage must work there too.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conftest import REPO, sphinx_build, start_chromium
from llm_catalog.data.load import load

CATALOG = load(REPO / "_data" / "catalog.yaml")
KEY = "llm-study-guide-progress"


def expected_summary(items: list[tuple[str, int | None]], done: set[str]) -> str:
    """The count line as the issue words it: 已完成 3/9 · 约 40/120 小时."""
    text = f"已完成 {sum(1 for i, _ in items if i in done)}/{len(items)}"
    hours = sum(h for _, h in items if h is not None)
    unknown = sum(1 for _, h in items if h is None)
    if hours:
        text += f" · 约 {sum(h for i, h in items if i in done and h is not None)}/{hours} 小时"
    if unknown:
        text += f"（{unknown} 项时长未知）" if hours else "（时长均未知）"
    return text


RAW = yaml.load((REPO / "_data" / "catalog.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
RECORDS = {r["id"]: r for key in ("courses", "syllabi", "books", "resources") for r in RAW.get(key) or []}


def stated_hours(node: str) -> int | None:
    """A step's hours as the data file states them (a record's effort; a chapter has none)."""
    effort = RECORDS.get(node, {}).get("effort")
    return int(effort["hours"]) if effort and "hours" in effort else None


def path_items(path_id: str) -> list[tuple[str, int | None]]:
    (path,) = [p for p in RAW["paths"] if p["id"] == path_id]
    nodes = [f"{s['record']}#{s['chapter']}" if "chapter" in s else s["record"] for s in path["steps"]]
    return [(node, stated_hours(node)) for node in nodes]


def category_items(category_id: str) -> list[tuple[str, int | None]]:
    return [(c["id"], stated_hours(c["id"])) for c in RAW["courses"] if c["category"] == category_id]


#: A course on a study path and on its category's page, to tick in both places.
PATH, COURSE = next(
    (p["id"], s["record"])
    for p in RAW["paths"]
    for s in p["steps"]
    if "chapter" not in s and "category" in RECORDS.get(s["record"], {})
)
CATEGORY = RECORDS[COURSE]["category"]
#: Steps to tick on the paths page: that course, and a book chapter if a path has one.
CHAPTER_STEPS = [(p["id"], f"{s['record']}#{s['chapter']}") for p in RAW["paths"] for s in p["steps"] if "chapter" in s]
ON_PATHS = [(PATH, COURSE), *CHAPTER_STEPS[:1]]


def open_page(driver, site: Path, name: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get((site / name).as_uri())
    WebDriverWait(driver, 20).until(
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
def reader(tmp_path: Path) -> Iterator[object]:
    driver = start_chromium(tmp_path / "profile", tmp_path / "downloads")
    try:
        yield driver
    finally:
        driver.quit()


def test_a_tick_survives_reload_and_the_counts_follow(reader, site: Path) -> None:
    genai, in_path = COURSE, f"#llm-path-{PATH}"
    open_page(reader, site, "paths.html")
    summary = f"{in_path} .llm-progress-summary"
    assert text_of(reader, summary) == expected_summary(path_items(PATH), set())
    box(reader, genai, in_path).click()
    assert text_of(reader, summary) == expected_summary(path_items(PATH), {genai})
    assert text_of(reader, summary).startswith("已完成 1/")
    # Every box for the same record follows, wherever it is on the page.
    assert all(b.is_selected() for b in reader.find_elements("css selector", f'input[data-llm-progress="{genai}"]'))

    reader.refresh()
    open_page(reader, site, "paths.html")
    assert box(reader, genai, in_path).is_selected()
    assert text_of(reader, summary) == expected_summary(path_items(PATH), {genai})

    # The category page counts the same progress: it is kept by record id, not by page.
    open_page(reader, site, f"materials/{CATEGORY}.html")
    assert box(reader, genai).is_selected()
    assert text_of(reader, ".llm-progress-summary") == expected_summary(category_items(CATEGORY), {genai})
    box(reader, genai).click()
    assert text_of(reader, ".llm-progress-summary") == expected_summary(category_items(CATEGORY), set())
    assert stored(reader)["done"] == {}


def test_keyboard_ticks_a_box_and_exports(reader, site: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(reader, site, "materials/llm101n.html")
    chapter = box(reader, "llm101n#3")
    chapter.send_keys(Keys.SPACE)
    assert chapter.is_selected()
    assert reader.execute_script("return document.activeElement.getAttribute('data-llm-progress')") == "llm101n#3"
    assert list(stored(reader)["done"]) == ["llm101n#3"]
    # Tab order reaches the export button from the import/export panel on the paths page.
    open_page(reader, site, "paths.html")
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


def test_export_then_import_on_a_fresh_profile_restores_the_state(reader, site: Path, tmp_path: Path) -> None:
    on_paths = ON_PATHS
    ticked = [node for _, node in on_paths] + ["llm101n#2"]
    open_page(reader, site, "paths.html")
    for path, node in on_paths:
        box(reader, node, f"#llm-path-{path}").click()
    open_page(reader, site, "materials/llm101n.html")
    box(reader, "llm101n#2").click()
    before = stored(reader)
    assert sorted(before["done"]) == sorted(ticked)
    open_page(reader, site, "paths.html")
    reader.find_element("css selector", ".llm-progress-export").click()
    exported = wait_for_download(tmp_path / "downloads")
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "llm-study-guide-progress" and data["done"] == before["done"]

    fresh = start_chromium(tmp_path / "profile-2")
    try:
        open_page(fresh, site, "paths.html")
        assert stored(fresh) is None
        assert not any(box(fresh, node, f"#llm-path-{path}").is_selected() for path, node in on_paths)
        fresh.find_element("css selector", ".llm-progress-tools input[type=file]").send_keys(str(exported))
        _wait_text(fresh, ".llm-progress-message", f"已导入 {len(ticked)} 项进度。")
        assert stored(fresh)["done"] == before["done"]
        assert all(box(fresh, node, f"#llm-path-{path}").is_selected() for path, node in on_paths)
        open_page(fresh, site, "materials/llm101n.html")
        assert box(fresh, "llm101n#2").is_selected() and not box(fresh, "llm101n#3").is_selected()
    finally:
        fresh.quit()


def _wait_text(driver, css: str, expected: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(lambda d: text_of(d, css) != "")
    assert text_of(driver, css) == expected


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
        ('{"format": "llm-study-guide-progress", "version": 1, "done": {"slp3": true}}', "文件中有无法识别的条目 slp3"),
    ],
)
def test_a_bad_or_foreign_file_is_refused_and_changes_nothing(
    reader, site: Path, tmp_path: Path, content: str, why: str
) -> None:
    open_page(reader, site, "paths.html")
    box(reader, COURSE, f"#llm-path-{PATH}").click()
    before = stored(reader)
    bad = tmp_path / "progress.json"
    bad.write_text(content, encoding="utf-8")
    reader.find_element("css selector", ".llm-progress-tools input[type=file]").send_keys(str(bad))
    _wait_text(reader, ".llm-progress-message", f"无法导入：{why}。进度没有改变。")
    assert stored(reader) == before
    assert box(reader, COURSE, f"#llm-path-{PATH}").is_selected()


@pytest.fixture(scope="module")
def paths_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixed catalog of tests/roots/test-paths, built: 下一步's exact answers are its own."""
    out = tmp_path_factory.mktemp("paths-site")
    root = REPO / "tests" / "roots" / "test-paths"
    result = sphinx_build(root, out / "html", "-n", "-W", "--keep-going", "-d", str(out / "doctrees"))
    assert result.returncode == 0, result.stderr
    return out / "html"


def test_next_step_lists_what_a_goal_still_needs_in_order(reader, paths_site: Path) -> None:
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
    # stated hours follow its title (intro: 10, deep: 30 in the fixed catalog).
    intro, deep = "Intro to LMs（约 10 小时）", "Deep LMs（约 30 小时）"
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


def test_next_step_offers_what_teaches_an_unreleased_chapter_before_it(reader, paths_site: Path) -> None:
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
    intro, deep = "Intro to LMs（约 10 小时）", "Deep LMs（约 30 小时）"
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
        "还需学完 4 项 · 约 40 小时（2 项时长未知）；另有 2 章未发布，它前面列出了现在可以先学的材料"
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


PACE_KEY = "llm-study-guide-pace"


def pace_result(driver, path_id: str) -> str:
    return text_of(driver, f"#llm-path-{path_id} .llm-pace-result")


def type_pace(driver, path_id: str, text: str) -> object:
    """Type *text* into a path's hours-per-week box and press Enter, as a keyboard user would."""
    from selenium.webdriver.common.keys import Keys

    field = driver.find_element("css selector", f"#llm-path-{path_id} input.llm-pace-input")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", field)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    field.send_keys(text, Keys.ENTER)
    return field


def test_pace_gives_the_weeks_a_path_takes_and_refuses_bad_hours(reader, paths_site: Path) -> None:
    # main-line in the fixed catalog: intro 10 stated hours, two book chapters (unknown), deep 30 video hours.
    open_page(reader, paths_site, "pages/paths.html")
    field = reader.find_element("css selector", "#llm-path-main-line input.llm-pace-input")
    label = reader.find_element("css selector", f'label[for="{field.get_attribute("id")}"]')
    assert label.text == "每周学习小时数"
    assert pace_result(reader, "main-line") == ""  # nothing asked yet, nothing stored
    type_pace(reader, "main-line", "8")
    assert (
        pace_result(reader, "main-line")
        == "按每周 8 小时，剩下已知时长的 40 小时约需 5 周；另有 2 步时长未知，未计入。"
    )
    assert reader.execute_script(f"return localStorage.getItem('{PACE_KEY}')") == "8"
    # Every path follows the one pace: apps-line has no known hours at all.
    assert pace_result(reader, "apps-line") == "剩下的各步时长都未知，还无法估算周数。"

    # Progress counts: what is done no longer takes weeks.
    box(reader, "intro", "#llm-path-main-line").click()
    assert (
        pace_result(reader, "main-line")
        == "按每周 8 小时，剩下已知时长的 30 小时约需 4 周；另有 2 步时长未知，未计入。"
    )

    # Refused in place, nothing stored: out of 1-80, or not a whole number.
    for bad in ("0", "81", "2.5", "-3"):
        field = type_pace(reader, "main-line", bad)
        assert field.get_attribute("aria-invalid") == "true", bad
        assert pace_result(reader, "main-line") == "请输入 1 到 80 之间的整数；没有保存。", bad
        assert reader.execute_script(f"return localStorage.getItem('{PACE_KEY}')") == "8", bad
    field = type_pace(reader, "main-line", "80")
    assert field.get_attribute("aria-invalid") is None
    assert pace_result(reader, "main-line").startswith("按每周 80 小时，剩下已知时长的 30 小时约需 1 周")

    # Kept in this browser: a reload shows the same pace and weeks.
    reader.refresh()
    open_page(reader, paths_site, "pages/paths.html")
    field = reader.find_element("css selector", "#llm-path-main-line input.llm-pace-input")
    assert field.get_attribute("value") == "80"
    assert pace_result(reader, "main-line").startswith("按每周 80 小时")
    result = reader.find_element("css selector", "#llm-path-main-line .llm-pace-result")
    assert result.get_attribute("aria-live") == "polite"
    assert result.get_attribute("id") in field.get_attribute("aria-describedby").split()


def test_phone_width_keeps_the_panel_usable(tmp_path: Path, site: Path) -> None:
    phone = start_chromium(tmp_path / "phone", width=390)
    try:
        phone.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
        )
        open_page(phone, site, "paths.html")
        overflow = phone.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        assert phone.find_element("css selector", ".llm-progress-export").is_displayed()
    finally:
        phone.quit()

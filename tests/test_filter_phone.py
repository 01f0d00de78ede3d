"""The filter and the Chinese table on a 390 px phone screen, in headless Chromium.

What a learner with a phone needs (issue 21, item 2; issue 27, item 3): after each change the
count and the first result are on the screen; every box of a short facet is on the screen without
scrolling sideways, and a long one (the topics) shows its first boxes and 更多, which unfolds the
rest, by keyboard too; every box is a target of at least 24×24 CSS px (WCAG 2.2, 2.5.8); the
table of what can be studied in Chinese keeps readable columns; printing the filter page prints
the results, not the form. The no-JavaScript listing is tested in test_facets.py.
"""

from __future__ import annotations

import pytest

from conftest import POLL
from llm_catalog.filter.filtering import FOLDED_SHOWS, SHORT_GROUP

# The phone (conftest.PHONE, the shared browser emulating it for one test) and the variant's
# served site (server) come from conftest.py: the filter's boxes and the table's rows are the
# data's, so every variant of the site is checked.


def wait_ready(browser) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20, poll_frequency=POLL).until(
        lambda d: d.execute_script(
            "const f = document.querySelector('form.llm-filter');"
            "return f && !f.hidden && document.querySelector('.llm-filter-count').textContent !== '';"
        )
    )


#: Where an element is on the screen: its box and the viewport's size.
WHERE = (
    "const r = arguments[0].getBoundingClientRect();return [r.left, r.top, r.right, r.bottom, innerWidth, innerHeight];"
)


def in_view(browser, element) -> bool:
    """All of *element*'s height, and some of its width, is on the screen."""
    left, top, right, bottom, width, height = browser.execute_script(WHERE, element)
    return 0 <= top < bottom <= height and right > 0 and left < width


def starts_in_view(browser, element) -> bool:
    """*element* begins on the screen: all of it, or (a result taller than the screen, a long
    note) its top and at least a line of title below it."""
    left, top, right, bottom, width, height = browser.execute_script(WHERE, element)
    return top >= 0 and min(bottom, top + 48) <= height and right > 0 and left < width


def first_result(browser):
    from selenium.webdriver.common.by import By

    return next(e for e in browser.find_elements(By.CSS_SELECTOR, "[data-llm-id]") if e.is_displayed())


def facets_on(browser) -> list[tuple[object, list[object], object | None]]:
    """Each facet of the form: its fieldset, its boxes and its 更多 button (``None`` for a short one)."""
    from selenium.webdriver.common.by import By

    found = []
    for fieldset in browser.find_elements(By.CSS_SELECTOR, "form.llm-filter fieldset"):
        more = fieldset.find_elements(By.CSS_SELECTOR, "button")
        boxes = fieldset.find_elements(By.CSS_SELECTOR, "input[type=checkbox]")
        found.append((fieldset, boxes, more[0] if more else None))
    return found


def unfold_all(browser) -> None:
    """Press every 更多 (a reader who wants to see every box)."""
    for _, _, more in facets_on(browser):
        if more is not None and more.get_attribute("aria-expanded") == "false":
            browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", more)
            more.click()


def test_after_each_change_the_count_and_the_first_result_are_in_view(phone, server: str) -> None:
    from selenium.webdriver.common.by import By

    phone.get(f"{server}/find.html")
    wait_ready(phone)
    count = phone.find_element(By.CSS_SELECTOR, ".llm-filter-count")
    boxes = phone.find_elements(By.CSS_SELECTOR, "form.llm-filter input[type=checkbox]")
    # The first box of every facet and the last box shown; then, every facet unfolded, the last
    # box of all (the bottom of the longest form).
    shown = [box for box in boxes if box.is_displayed()]
    chosen = [*{box.get_attribute("name"): box for box in reversed(boxes)}.values(), shown[-1], None, boxes[-1]]
    for box in chosen:
        if box is None:
            unfold_all(phone)
            continue
        for _ in ("tick", "untick"):
            phone.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", box)
            before = count.text
            box.click()
            assert count.text != before or box.get_attribute("name") == "lang", "the change did nothing"
            name = f"{box.get_attribute('name')}={box.get_attribute('value')}"
            assert in_view(phone, count), f"after {name}, the count is off the screen"
            assert starts_in_view(phone, first_result(phone)), f"after {name}, the first result is off the screen"
            assert in_view(phone, box), f"after {name}, the box just ticked left the screen"


def test_every_box_of_a_short_facet_is_on_the_screen_without_scrolling_sideways(phone, server: str) -> None:
    """Every box of a facet with few of them (the levels, the costs, the years ...) is on the screen,
    its lines wrapping; a long facet (more than SHORT_GROUP boxes: the topics) shows its first
    FOLDED_SHOWS and 更多, and unfolded, all of them the same way. Nothing scrolls sideways."""
    phone.get(f"{server}/find.html")
    wait_ready(phone)
    facets = facets_on(phone)
    assert any(more is None and len(boxes) > 1 for _, boxes, more in facets), "no short facet to check"

    def on_screen(element) -> bool:
        left, _, right, _, width, _ = phone.execute_script(WHERE, element)
        return element.is_displayed() and 0 <= left < right <= width

    def labels(boxes: list) -> list:
        from selenium.webdriver.common.by import By

        return [box.find_element(By.XPATH, "./ancestor::label") for box in boxes]

    def nothing_scrolls_sideways() -> None:
        assert phone.execute_script("return document.documentElement.scrollWidth <= innerWidth")
        wide = phone.execute_script(
            "return [...document.querySelectorAll('form.llm-filter fieldset, form.llm-filter fieldset *')]"
            "  .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')"
            "  .map(e => e.outerHTML.slice(0, 80));"
        )
        assert wide == []

    nothing_scrolls_sideways()
    for fieldset, boxes, more in facets:
        legend = fieldset.text.split()[0]
        if more is None:
            assert len(boxes) <= SHORT_GROUP, f"{legend}: {len(boxes)} boxes and no 更多"
            assert all(on_screen(label) for label in labels(boxes)), f"{legend}: a box is off the screen"
            continue
        assert len(boxes) > SHORT_GROUP, legend
        first, rest = labels(boxes[:FOLDED_SHOWS]), labels(boxes[FOLDED_SHOWS:])
        assert all(on_screen(label) for label in first) and on_screen(more), legend
        assert not any(label.is_displayed() for label in rest), f"{legend}: folded, yet a box of the rest shows"
        assert more.get_attribute("aria-expanded") == "false" and more.text == f"更多（{len(rest)}）"
    unfold_all(phone)
    nothing_scrolls_sideways()
    for _, boxes, more in facets:
        assert all(on_screen(label) for label in labels(boxes))
        assert more is None or (more.get_attribute("aria-expanded") == "true" and more.text == "收起")


def test_on_a_wide_screen_every_box_shows_and_nothing_folds(browser, server: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/find.html")
    wait_ready(browser)
    assert all(box.is_displayed() for box in browser.find_elements(By.CSS_SELECTOR, "form.llm-filter input"))
    assert not any(b.is_displayed() for b in browser.find_elements(By.CSS_SELECTOR, "form.llm-filter fieldset button"))


def test_every_box_and_button_is_a_target_of_at_least_24_px(phone, server: str) -> None:
    from selenium.webdriver.common.by import By

    phone.get(f"{server}/find.html?cost=free")  # with a note below the count and its 一并列出
    wait_ready(phone)

    def targets_are_big_enough() -> None:
        selector = "form.llm-filter label, form.llm-filter button, .llm-filter-more"
        targets = [target for target in phone.find_elements(By.CSS_SELECTOR, selector) if target.is_displayed()]
        assert len(targets) > 10
        for target in targets:
            width, height = phone.execute_script(
                "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", target
            )
            assert width >= 24 and height >= 24, f"{target.text!r} is {width:.0f}×{height:.0f} px"
        # Wrapped in lines, no label is squeezed under its neighbour or its text.
        squeezed = phone.execute_script(
            "return [...document.querySelectorAll('form.llm-filter label')].filter(label => label.offsetParent)"
            "  .filter((label, i, all) => {"
            "  const r = label.getBoundingClientRect(), next = all[i + 1]?.getBoundingClientRect();"
            "  return label.scrollWidth > label.clientWidth + 1"
            "    || (next && next.top < r.bottom && r.top < next.bottom && next.left < r.right && r.left < next.right);"
            "}).map(label => label.textContent.trim());"
        )
        assert squeezed == []

    targets_are_big_enough()
    unfold_all(phone)
    targets_are_big_enough()
    for box in phone.find_elements(By.CSS_SELECTOR, "form.llm-filter input[type=checkbox]"):
        label = box.find_element(By.XPATH, "./ancestor::label")  # the box's clickable area
        assert label.is_displayed(), box.get_attribute("outerHTML")
        width, height = phone.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", label
        )
        assert width >= 24 and height >= 24, f"{label.text!r} is {width:.0f}×{height:.0f} px"


def test_more_unfolds_a_long_facet_by_keyboard(phone, server: str) -> None:
    """Tab reaches 更多 right after a long facet's first boxes (the folded ones take no Tab); Enter
    shows the rest and moves to the first of them; a box ticked there stays when Enter on 收起
    folds them again."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    phone.get(f"{server}/find.html")
    wait_ready(phone)
    long = [(boxes, more) for _, boxes, more in facets_on(phone) if more is not None]
    if not long:
        pytest.skip(f"no facet of this data has more than {SHORT_GROUP} values")
    boxes, more = long[0]
    count = phone.find_element(By.CSS_SELECTOR, ".llm-filter-count")

    def press(*keys: str) -> None:
        ActionChains(phone).send_keys(*keys).perform()

    boxes[0].send_keys("")  # the focus on the facet's first box
    for _ in range(FOLDED_SHOWS):
        press(Keys.TAB)
    assert phone.switch_to.active_element == more, "Tab went elsewhere than 更多 after the first boxes"
    press(Keys.ENTER)
    assert more.get_attribute("aria-expanded") == "true" and more.text == "收起"
    assert phone.switch_to.active_element == boxes[FOLDED_SHOWS], "the focus is not on the first box shown"
    assert all(box.find_element(By.XPATH, "./ancestor::label").is_displayed() for box in boxes)
    for _ in boxes[FOLDED_SHOWS + 1 :]:
        press(Keys.TAB)
    last = boxes[-1]
    assert phone.switch_to.active_element == last
    before = count.text
    press(Keys.SPACE)
    assert last.is_selected() and count.text != before
    assert in_view(phone, last), "the box just ticked left the screen"
    press(Keys.TAB)
    assert phone.switch_to.active_element == more
    press(Keys.ENTER)
    assert more.get_attribute("aria-expanded") == "false"
    assert more.text == f"更多（{len(boxes) - FOLDED_SHOWS - 1}）"
    shown = [box.find_element(By.XPATH, "./ancestor::label").is_displayed() for box in boxes]
    assert shown == [n < FOLDED_SHOWS or box == last for n, box in enumerate(boxes)], "a ticked box hid"


def test_chinese_table_columns_are_readable(phone, server: str) -> None:
    """The table fits the screen, no cell is narrower than two characters, and the type (课程,
    课本, 资源) is one line."""
    from selenium.webdriver.common.by import By

    phone.get(f"{server}/chinese.html")
    table = phone.find_element(By.CSS_SELECTOR, "table.llm-chinese-table")
    # Per cell: its width, its font size, its text, and the lines its text takes.
    cells = phone.execute_script(
        "return [...arguments[0].querySelectorAll('tr')].map(row => [...row.children].map(cell => {"
        "  const lines = new Set(), walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);"
        "  while (walk.nextNode()) { const range = document.createRange(); range.selectNodeContents(walk.currentNode);"
        "    [...range.getClientRects()].filter(r => r.width).forEach(r => lines.add(Math.round(r.bottom))); }"
        "  return [cell.getBoundingClientRect().width, parseFloat(getComputedStyle(cell).fontSize),"
        "          cell.textContent.trim(), lines.size]; }));",
        table,
    )
    assert len(cells) > 2
    width = phone.execute_script("return document.querySelector('article').getBoundingClientRect().width")
    assert phone.execute_script("return arguments[0].getBoundingClientRect().width", table) <= width + 1
    for row in cells:
        for width, font, text, _ in row:
            assert width >= 2 * font, f"{text[:20]!r} is {width:.0f} px wide"
        _, _, text, lines = row[1]
        assert lines == 1, f"the type {text!r} takes {lines} lines"


def test_printing_the_filter_page_prints_the_results_not_the_form(phone, server: str) -> None:
    from selenium.webdriver.common.by import By

    phone.get(f"{server}/find.html?lang=zh")
    wait_ready(phone)
    phone.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not phone.find_element(By.CSS_SELECTOR, "form.llm-filter").is_displayed()
        more = phone.find_elements(By.CSS_SELECTOR, "button.llm-filter-more")
        assert not any(button.is_displayed() for button in more)
        assert first_result(phone).is_displayed()
    finally:
        phone.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert phone.find_element(By.CSS_SELECTOR, "form.llm-filter").is_displayed()

"""The filter and the Chinese table on a 390 px phone screen, in headless Chromium.

What a learner with a phone needs (issue 21, item 2): after each change the count and the first
result are on the screen; every box is a target of at least 24×24 CSS px (WCAG 2.2, 2.5.8); the
table of what can be studied in Chinese keeps readable columns; printing the filter page prints
the results, not the form. The no-JavaScript listing is tested in test_facets.py.
"""

from __future__ import annotations

from conftest import POLL

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


def test_after_each_change_the_count_and_the_first_result_are_in_view(phone, server: str) -> None:
    from selenium.webdriver.common.by import By

    phone.get(f"{server}/find.html")
    wait_ready(phone)
    count = phone.find_element(By.CSS_SELECTOR, ".llm-filter-count")
    boxes = phone.find_elements(By.CSS_SELECTOR, "form.llm-filter input[type=checkbox]")
    # The first box of every facet, and the last box of all (the end of the longest line).
    chosen = [*{box.get_attribute("name"): box for box in reversed(boxes)}.values(), boxes[-1]]
    for box in chosen:
        for _ in ("tick", "untick"):
            phone.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", box)
            before = count.text
            box.click()
            assert count.text != before or box.get_attribute("name") == "lang", "the change did nothing"
            name = f"{box.get_attribute('name')}={box.get_attribute('value')}"
            assert in_view(phone, count), f"after {name}, the count is off the screen"
            assert starts_in_view(phone, first_result(phone)), f"after {name}, the first result is off the screen"
            assert in_view(phone, box), f"after {name}, the box just ticked left the screen"


def test_every_box_and_button_is_a_target_of_at_least_24_px(phone, server: str) -> None:
    from selenium.webdriver.common.by import By

    phone.get(f"{server}/find.html")
    wait_ready(phone)
    targets = phone.find_elements(By.CSS_SELECTOR, "form.llm-filter label, form.llm-filter button, .llm-filter-more")
    assert len(targets) > 10
    for target in targets:
        if not target.is_displayed():
            continue
        width, height = phone.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", target
        )
        assert width >= 24 and height >= 24, f"{target.text!r} is {width:.0f}×{height:.0f} px"
    # Side by side in a line that scrolls, no label is squeezed under its neighbour or its text.
    squeezed = phone.execute_script(
        "return [...document.querySelectorAll('form.llm-filter label')].filter((label, i, all) => {"
        "  const r = label.getBoundingClientRect(), next = all[i + 1]?.getBoundingClientRect();"
        "  return label.scrollWidth > label.clientWidth + 1"
        "    || (next && next.top < r.bottom && r.top < next.bottom && next.left < r.right && r.left < next.right);"
        "}).map(label => label.textContent.trim());"
    )
    assert squeezed == []
    for box in phone.find_elements(By.CSS_SELECTOR, "form.llm-filter input[type=checkbox]"):
        label = box.find_element(By.XPATH, "./ancestor::label")  # the box's clickable area
        phone.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", label)
        width, height = phone.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", label
        )
        assert width >= 24 and height >= 24, f"{label.text!r} is {width:.0f}×{height:.0f} px"


def test_a_box_at_the_end_of_its_line_is_reached_and_ticked_by_keyboard(phone, server: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    phone.get(f"{server}/find.html")
    wait_ready(phone)
    last = phone.find_elements(By.CSS_SELECTOR, "form.llm-filter input[name=topic]")[-1]
    phone.find_elements(By.CSS_SELECTOR, "form.llm-filter input[name=topic]")[0].send_keys("")  # focus the line
    for _ in range(60):
        if phone.switch_to.active_element == last:
            break
        ActionChains(phone).send_keys(Keys.TAB).perform()
    assert phone.switch_to.active_element == last
    ActionChains(phone).send_keys(Keys.SPACE).perform()
    assert last.is_selected()
    assert in_view(phone, last), "the focused box scrolled into its line"


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

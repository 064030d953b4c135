"""Keyboard reach: Tab from the top of the portfolio reaches every navigation link and the
grid's cells, each element it focuses drawn with a visible focus ring; Enter on a client's
cell opens its coverage."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from dashboards.app import nav_links
from graphx.db import Database
from tests.browser.conftest import PAGES, wait_for, wait_for_text
from tests.browser.seed import seed

MOST_TABS = 60
FOCUSED = """const e = document.activeElement, style = getComputedStyle(e);
return {
  label: (e.textContent || e.getAttribute('aria-label') || e.className).trim(),
  nav: e.matches('.gx-nav a'),
  grid: e.closest('#portfolio-table') !== null,
  cell: e.matches('#portfolio-table .ag-cell'),
  ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
        || style.boxShadow !== 'none',
};"""
"""What the browser has focused: its name, where it is, and whether a ring shows it."""


@pytest.fixture(scope="module", autouse=True)
def known_graph(_session_db: Database) -> Iterator[None]:
    seed(_session_db)
    yield


def test_the_keyboard_reaches_the_links_and_the_grid_with_a_visible_focus_and_opens_a_client(
    login: Callable[[str, str], WebDriver],
) -> None:
    browser = login("diana", "/")
    wait_for(browser, "#portfolio-table .ag-row")
    focused: list[dict[str, object]] = []
    while len(focused) < MOST_TABS and not (focused and focused[-1]["cell"]):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        focused.append(browser.execute_script(FOCUSED))
    shown = [link.label for link in nav_links() if not link.admin_only]  # diana directs
    assert [f["label"] for f in focused if f["nav"]] == shown
    assert focused[-1]["cell"], focused  # a cell of the grid, after its headers and filters
    assert [f["label"] for f in focused if not f["ring"]] == []
    assert focused[-1]["label"] == "Fabrikam"  # the most exposed client first
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait_for_text(browser, "#coverage-summary", "0 of 1 directors known")
    assert browser.current_url.endswith("/coverage?organisation=fabrikam")


DESCRIBE = """const describe = e => {
  const r = e.closest('.dash-dropdown-wrapper, .ag-root-wrapper') || e;
  return [r.tagName.toLowerCase(), r.id, r.getAttribute('aria-label'),
          r.getAttribute('placeholder'), (r.textContent || '').trim().slice(0, 40)].join('|');
};"""
CONTROLS = (
    DESCRIBE
    + """return [...new Set([...document.querySelectorAll(
  '.gx-main a[href], .gx-main button, .gx-main input, .gx-main select, .gx-main textarea, '
  + '.gx-main [tabindex]')]
  .filter(e => !e.disabled && e.offsetParent !== null && e.tabIndex >= 0).map(describe))];"""
)
"""Every control a page shows (enabled, visible, in the tab order), described; a dropdown or
a grid counts as one control, reached when anything in it has focus (a dropdown's focus
target hands focus on; the grid is one tab stop, its cells reached with the arrows)."""
FOCUS = DESCRIBE + "return describe(document.activeElement);"


@pytest.mark.parametrize("page", [p for p in PAGES if p != "not-found"])
def test_the_keyboard_alone_reaches_every_control_of_every_page(
    login: Callable[[str, str], WebDriver], page: str
) -> None:
    path, shown = PAGES[page]
    browser = login("diana", path)
    wait_for(browser, shown)
    controls = browser.execute_script(CONTROLS)
    reached: set[str] = set()
    for _ in range(len(controls) + MOST_TABS):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        reached.add(browser.execute_script(FOCUS))
    assert controls and sorted(set(controls) - reached) == []

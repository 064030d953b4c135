"""Keyboard reach: Tab from the top of the portfolio reaches every navigation link and the
grid's cells, each element it focuses drawn with a visible focus ring; Enter on a client's
cell opens its coverage."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from dashboards.app import NAV
from graphx.db import Database
from tests.browser.conftest import wait_for, wait_for_text
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
    assert [f["label"] for f in focused if f["nav"]] == [label for label, _ in NAV]
    assert focused[-1]["cell"], focused  # a cell of the grid, after its headers and filters
    assert [f["label"] for f in focused if not f["ring"]] == []
    assert focused[-1]["label"] == "Fabrikam"  # the most exposed client first
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait_for_text(browser, "#coverage-summary", "0 of 1 directors known")
    assert browser.current_url.endswith("/coverage?organisation=fabrikam")

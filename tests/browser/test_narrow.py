"""Every page on a phone (390 px wide): nothing wider than the screen, the answer in view."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from graphx.db import Database
from tests.browser.conftest import PAGES, save_screenshot, wait_for
from tests.browser.seed import seed

PHONE = 390


@pytest.fixture(scope="module", autouse=True)
def known_graph(_session_db: Database) -> Iterator[None]:
    seed(_session_db)
    yield


@pytest.fixture
def phone(browser: WebDriver) -> Iterator[None]:
    """The browser as wide as a phone for one test, then as wide as before."""
    before = browser.get_window_size()
    browser.set_window_size(PHONE, 900)
    yield
    browser.set_window_size(before["width"], before["height"])


@pytest.mark.parametrize(("path", "shown"), PAGES.values(), ids=PAGES.keys())
@pytest.mark.usefixtures("phone")
def test_a_page_fits_a_phone_without_scrolling_sideways(
    login: Callable[[str, str], WebDriver], path: str, shown: str
) -> None:
    browser = login("diana", path)
    wait_for(browser, shown)
    width, scroll_width = browser.execute_script(
        "return [window.innerWidth, document.documentElement.scrollWidth]"
    )
    assert width == PHONE
    assert scroll_width <= width
    assert browser.find_element(By.CSS_SELECTOR, "h1").is_displayed()
    assert browser.find_element(By.CSS_SELECTOR, shown).is_displayed()
    cut = browser.execute_script(
        "return [...document.querySelectorAll('.gx-header > *, .gx-card, .gx-kpi')]"
        ".filter(e => { const r = e.getBoundingClientRect();"
        " return r.left < 0 || r.right > window.innerWidth; })"
        ".map(e => e.className + ' ' + (e.id || e.textContent.slice(0, 30)))"
    )
    assert cut == []  # each card, and the header's parts, inside the screen
    save_screenshot(browser, f"phone-{path.strip('/').split('?')[0] or 'portfolio'}")

"""The Requests view and the Introductions page's Ask buttons in Chromium, on seed.py's graph
and its three requests (r1 Sam asks Ann for Fay, r2 Ann asks Dewi for Rosa, stale, r3 Dewi
asks Ann for Fay, introduced)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from graphx.db import Database
from graphx.intro_requests import list_requests
from tests.browser.conftest import console_errors, save_screenshot, wait_for, wait_for_text
from tests.browser.seed import seed

TODAY = date.today()
DOCS = Path(__file__).parents[2] / "docs" / "screenshots"


@pytest.fixture(autouse=True)
def known_graph(_session_db: Database) -> Iterator[None]:
    seed(_session_db)  # every test starts from the same three requests
    yield


def _rows(browser: WebDriver, grid: str) -> list[list[str]]:
    """The grid's rows as the cells' texts, in display order (pinned column first)."""
    rows: dict[str, list[str]] = {}
    for cell in browser.find_elements(By.CSS_SELECTOR, f"#{grid} .ag-row .ag-cell"):
        row = cell.find_element(By.XPATH, "./ancestor::div[contains(@class, 'ag-row')][1]")
        rows.setdefault(row.get_attribute("row-index") or "", []).append(cell.text)
    return [rows[k] for k in sorted(rows, key=int)]


def _choose(browser: WebDriver, dropdown: str, text: str) -> None:
    """Open the dropdown and click its option ``text``."""
    browser.find_element(By.ID, dropdown).click()

    def option(b: WebDriver) -> WebElement | None:
        found = b.find_elements(By.CSS_SELECTOR, "[role=option]")
        return next((o for o in found if o.text == text), None)

    WebDriverWait(browser, 10).until(option).click()


def test_a_director_sees_the_asks_waiting_on_them_and_their_own(
    login: Callable[[str, str], WebDriver],
) -> None:
    browser = login("diana", "/requests")
    wait_for(browser, "#requests-waiting .ag-row")
    wait_for(browser, "#requests-mine .ag-row")
    assert browser.find_element(By.CSS_SELECTOR, "#requests-waiting-card h2").text == (
        "Waiting on you: 1"
    )
    asked = (TODAY - timedelta(days=35)).isoformat()
    assert _rows(browser, "requests-waiting") == [
        ["r2", "Ann Bakker", "Rosa Meijer", "asked", asked, "stale, 35 days",
         "mentioned it at lunch"],
    ]  # fmt: skip
    introduced = (TODAY - timedelta(days=3)).isoformat()
    assert _rows(browser, "requests-mine") == [
        ["r3", "Ann Bakker", "Fay Brown", "introduced", introduced, "",
         "Dewi Visser → Ann Bakker → Fay Brown"],
    ]  # fmt: skip
    assert console_errors(browser) == []
    _save(browser, "requests")


def _save(browser: WebDriver, name: str) -> None:
    """Keep the page for docs/screenshots/ when GRAPHX_DOCS_SCREENSHOTS is set, and in
    $GRAPHX_SCREENSHOTS (conftest) for a look."""
    save_screenshot(browser, name)
    if os.environ.get("GRAPHX_DOCS_SCREENSHOTS"):
        browser.save_screenshot(str(DOCS / f"{name}.png"))


def test_moving_a_request_on_updates_the_view_and_the_graph(
    login: Callable[[str, str], WebDriver], _session_db: Database
) -> None:
    browser = login("diana", "/requests")
    wait_for(browser, "#requests-waiting .ag-row")
    _choose(browser, "requests-move-id", "r2")
    wait_for_text(browser, "#requests-move-status", "introduced")
    note = browser.find_element(By.ID, "requests-move-note")
    note.send_keys("at the energy dinner")
    browser.find_element(By.ID, "requests-move").click()
    wait_for_text(browser, "#requests-moved", f"r2 is introduced as of {TODAY.isoformat()}.")
    wait_for(browser, "#requests-waiting-empty")
    assert browser.find_element(By.CSS_SELECTOR, "#requests-waiting-card h2").text == (
        "Waiting on you: 0"
    )
    (r2,) = [r for r in list_requests(_session_db, TODAY) if r.id == "r2"]
    assert (r2.status, r2.updated, r2.steps[-1].note) == (
        "introduced", TODAY, "at the energy dinner"
    )  # fmt: skip


def test_each_chain_has_an_ask_button_that_records_the_request(
    login: Callable[[str, str], WebDriver], _session_db: Database
) -> None:
    browser = login("diana", "/intro?me=c-dewi&target=d-fay")
    wait_for(browser, "#intro-suggestion")
    button = browser.find_element(By.CSS_SELECTOR, "#intro-chain-1")
    ask = browser.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Ask ')]")
    assert ask.text == "Ask Ann Bakker" and button.is_displayed()
    _save(browser, "intro-ask")
    ask.click()
    wait_for_text(
        browser,
        "#intro-asked",
        "Request r4 recorded: Dewi Visser asks Ann Bakker to introduce them to Fay Brown.",
    )
    (r4,) = [r for r in list_requests(_session_db, TODAY) if r.id == "r4"]
    assert (r4.chain, r4.status, r4.created) == (("c-dewi", "c-ann", "d-fay"), "requested", TODAY)
    browser.find_element(By.LINK_TEXT, "See your requests").click()
    wait_for_text(browser, "#requests-mine-card h2", "Your asks: 2")


def test_a_sales_user_sees_only_their_own_requests(
    login: Callable[[str, str], WebDriver],
) -> None:
    browser = login("sam", "/requests?person=c-dewi")
    wait_for(browser, "#requests-mine .ag-row")
    assert _rows(browser, "requests-mine")[0][:4] == ["r1", "Ann Bakker", "Fay Brown", "requested"]
    assert browser.find_element(By.ID, "requests-waiting-empty").text == (
        "Nobody is waiting on you for an introduction."
    )
    picker = browser.find_element(By.ID, "requests-person")
    assert picker.get_attribute("disabled") == "true"
    assert picker.text == "Sam Lee, Graphx Partners"
    assert console_errors(browser) == []


@pytest.fixture
def phone(browser: WebDriver) -> Iterator[None]:
    before = browser.get_window_size()
    browser.set_window_size(390, 1400)
    yield
    browser.set_window_size(before["width"], before["height"])


@pytest.mark.usefixtures("phone")
def test_the_requests_view_on_a_phone(login: Callable[[str, str], WebDriver]) -> None:
    browser = login("diana", "/requests")
    wait_for(browser, "#requests-mine .ag-row")
    _save(browser, "requests-390")

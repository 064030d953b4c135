from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from graphx.db import Database
from tests.browser.conftest import console_errors, save_screenshot, wait_for, wait_for_text
from tests.browser.seed import seed


@pytest.fixture(scope="module", autouse=True)
def known_graph(_session_db: Database) -> Iterator[None]:
    seed(_session_db)
    yield


def test_a_director_reads_the_timeline_and_the_explanation_of_a_trusted_tie(
    login: Callable[[str, str], WebDriver],
) -> None:
    browser = login("diana", "/relationship?a=c-dewi&b=d-rosa")
    wait_for_text(browser, "#relationship-level", "Level today: trusted")
    components = browser.find_element(By.ID, "relationship-components").text
    assert "30 personal" in components
    wait_for(browser, "#relationship-timeline .scatterlayer")
    points = browser.execute_script(
        "return document.getElementById('relationship-timeline')"
        ".querySelectorAll('.scatterlayer .point').length"
    )
    assert points == 30
    save_screenshot(browser, "relationship-test")
    assert console_errors(browser) == []


def test_sales_cannot_open_a_relationship_between_other_colleagues_and_a_client(
    login: Callable[[str, str], WebDriver],
) -> None:
    browser = login("sam", "/relationship?a=c-dewi&b=d-rosa")
    wait_for_text(browser, "#relationship-forbidden", "only relationships you are part of")
    assert browser.find_elements(By.ID, "relationship-timeline") == []


def test_sales_opens_their_own_relationship(login: Callable[[str, str], WebDriver]) -> None:
    browser = login("sam", "/relationship?a=c-sam&b=d-piet")
    wait_for_text(browser, "#relationship-level", "Level today: met")

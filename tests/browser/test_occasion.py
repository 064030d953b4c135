"""The occasion planner and "my network" pages on the small graph of planning_seed.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from graphx.db import Database
from tests.browser.conftest import console_errors, save_screenshot, wait_for, wait_for_text
from tests.browser.planning_seed import seed

Login = Callable[[str, str], WebDriver]


@pytest.fixture(scope="module", autouse=True)
def known_graph(_session_db: Database) -> Iterator[None]:
    seed(_session_db)
    yield


def _text(browser: WebDriver, element_id: str) -> str:
    return str(browser.find_element(By.ID, element_id).text)


def test_the_planner_ranks_the_exposed_clients_directors_first_with_their_hosts(
    login: Login,
) -> None:
    browser = login("diana", "/occasion?interest=golf")
    today = date.today().isoformat()
    wait_for_text(browser, "#occasion-summary", f"2 guests for golf on {today}")
    first, second = _text(browser, "occasion-guest-1"), _text(browser, "occasion-guest-2")
    assert "Fay Brown" in first and "Fabrikam (0% covered)" in first
    assert "host: Ann Bakker, who knows them through business and likes golf too." in first
    assert "Piet Kok" in second and "Contoso (33% covered)" in second
    assert "met only once, at events, by Sam Lee" in second
    assert "Olga" not in browser.page_source
    save_screenshot(browser, "occasion-test")
    assert console_errors(browser) == []


def test_typing_an_interest_plans_the_occasion_and_keeps_it_in_the_address(
    login: Login,
) -> None:
    browser = login("diana", "/occasion")
    wait_for_text(browser, "#occasion-content", "Choose the occasion's interest.")
    field = browser.find_element(By.ID, "occasion-interest")
    field.send_keys("Sailing", Keys.ENTER)
    wait_for_text(browser, "#occasion-summary", "1 guests for sailing")
    assert "Rosa Meijer" in _text(browser, "occasion-guest-1")
    assert "Dewi Visser" in _text(browser, "occasion-guest-1")
    assert "interest=Sailing" in browser.current_url
    assert console_errors(browser) == []


def test_my_network_puts_the_overdue_tie_first(login: Login) -> None:
    browser = login("diana", "/me")
    wait_for(browser, "#me-contact-1")
    contact = _text(browser, "me-contact-1")
    assert contact.startswith("overdue Rosa Meijer (CFO, Contoso)")
    assert "They like sailing: an occasion around that suits them." in contact
    assert "Rosa Meijer" in _text(browser, "me-level-4")
    save_screenshot(browser, "my-network-test")
    assert console_errors(browser) == []


def test_a_salesperson_sees_their_own_network_and_cannot_pick_another(login: Login) -> None:
    browser = login("sam", "/me?person=c-dewi")
    wait_for(browser, "#me-contact-1")
    assert _text(browser, "me-contact-1").startswith("deepen Piet Kok (Chair, Contoso)")
    assert "Rosa Meijer" not in browser.page_source
    picker = browser.find_element(By.ID, "me-person")
    assert picker.get_attribute("disabled") == "true"
    assert picker.text == "Sam Lee, Graphx Partners"
    assert console_errors(browser) == []


def test_a_director_views_a_colleagues_network(login: Login) -> None:
    browser = login("diana", "/me?person=c-ann")
    wait_for_text(browser, "#me-content", "Ann Bakker: whom to contact this month")
    assert "Fay Brown" in _text(browser, "me-ties")
    assert console_errors(browser) == []

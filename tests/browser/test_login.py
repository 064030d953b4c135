from __future__ import annotations

from collections.abc import Callable

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser.conftest import LiveApp, console_errors, wait_for, wait_for_text


def test_an_anonymous_visitor_is_sent_to_the_login_page(
    browser: WebDriver, live_app: LiveApp
) -> None:
    browser.delete_all_cookies()
    browser.get(f"{live_app.url}/coverage?organisation=o1&as_of=2026-09-30")
    wait_for(browser, "#login-submit")
    assert (
        browser.current_url
        == f"{live_app.url}/login?next=%2Fcoverage%3Forganisation%3Do1%26as_of%3D2026-09-30"
    )


def test_a_wrong_password_is_refused_with_a_message(browser: WebDriver, live_app: LiveApp) -> None:
    browser.delete_all_cookies()
    browser.get(f"{live_app.url}/login")
    wait_for(browser, "#username").send_keys("diana")  # type: ignore[attr-defined]
    browser.find_element(By.ID, "password").send_keys("not the password")
    browser.find_element(By.ID, "login-submit").click()
    wait_for_text(browser, "#login-error", "Wrong name or password.")


def test_an_unknown_address_shows_the_not_found_page_without_console_errors(
    login: Callable[[str, str], WebDriver], live_app: LiveApp
) -> None:
    browser = login("diana", "/no/such/page")
    wait_for_text(browser, "#notfound-title", "Page not found")
    assert console_errors(browser) == []

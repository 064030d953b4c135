"""The Sources panel: admins see each live source's last sync, counts and error; no one else."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from graphx.db import Database, apply_schema
from graphx.sources.registry import add_source, finish
from graphx.sources.spec import make_spec
from tests.browser.conftest import PASSWORD, LiveApp, save_screenshot, wait_for, wait_for_text
from tests.browser.test_accessibility import serious_violations

Login = Callable[[str, str], WebDriver]
NAV = [
    ("Portfolio", "/"), ("Coverage", "/coverage"), ("Explorer", "/explorer"),
    ("Introductions", "/intro"), ("Requests", "/requests"), ("Relationship", "/relationship"),
    ("Gaps", "/gaps"), ("Occasions", "/occasion"), ("My network", "/me"),
]  # fmt: skip
"""The header's links everyone sees, in order (the page registry lists them)."""


def shown_nav(browser: WebDriver) -> list[tuple[str, str]]:
    """The header's visible links: their text and address."""
    links = browser.find_elements(By.CSS_SELECTOR, ".gx-nav a.gx-nav-link")
    return [
        (a.text, urlparse(a.get_attribute("href") or "").path) for a in links if a.is_displayed()
    ]


@pytest.fixture(scope="module", autouse=True)
def sources(_session_db: Database) -> Iterator[None]:
    """Two sources: a mailbox whose last sync went well, a calendar refused its login."""
    apply_schema(_session_db)
    _session_db.write("sources.remove", name="ann-mail")
    _session_db.write("sources.remove", name="ann-cal")
    mail = make_spec(
        "ann-mail", "imap", "imaps://mail.ourco.example", user="ann@ourco.example",
        password_env="ANN_MAIL", folders=("INBOX", "Sent"),
    )  # fmt: skip
    calendar = make_spec(
        "ann-cal", "caldav", "https://dav.ourco.example/dav/", user="ann",
        password_env="ANN_CAL",
    )  # fmt: skip
    add_source(_session_db, mail)
    add_source(_session_db, calendar)
    counts = {"fetched": 120, "conversations_created": 97, "conversations_updated": 2,
              "conversations_removed": 0}  # fmt: skip
    finish(_session_db, "ann-mail", counts, None)
    refused = "source ann-cal: https://dav.ourco.example/dav/: the server refused the login of ann"
    finish(_session_db, "ann-cal", {}, refused)
    yield
    _session_db.write("sources.remove", name="ann-mail")
    _session_db.write("sources.remove", name="ann-cal")


@pytest.fixture
def admin(live_app: LiveApp) -> str:
    live_app.users.add("ops", "admin", PASSWORD)
    return "ops"


def test_an_admin_sees_every_source_with_its_counts_and_last_error(
    login: Login, admin: str
) -> None:
    browser = login(admin, "/sources")
    wait_for(browser, "#sources-grid .ag-row")
    wait_for_text(browser, "#sources-content", "1 of 2 sources failed their last sync:")
    banner = browser.find_element(By.CSS_SELECTOR, "#sources-content .gx-banner").text
    assert banner.splitlines() == [
        "1 of 2 sources failed their last sync:",
        "source ann-cal: https://dav.ourco.example/dav/: the server refused the login of ann",
    ]
    cells = {}
    for index in ("0", "1"):
        found = browser.find_elements(
            By.CSS_SELECTOR, f'#sources-grid .ag-row[row-index="{index}"] .ag-cell'
        )
        cells[found[0].text] = [c.text for c in found[1:]]
    assert sorted(cells) == ["ann-cal", "ann-mail"]
    assert cells["ann-mail"][:1] + cells["ann-mail"][2:10] == [
        "ok", "97", "2", "0", "120", "0", "imap",
        "ann@ourco.example at imaps://mail.ourco.example", "INBOX, Sent",
    ]  # fmt: skip
    assert cells["ann-cal"][0] == "error"
    assert cells["ann-cal"][-1].startswith("source ann-cal: https://dav.ourco.example/dav/")
    assert browser.find_element(By.ID, "nav-sources").is_displayed()
    assert shown_nav(browser) == [*NAV, ("Sources", "/sources")]
    save_screenshot(browser, "sources")
    assert serious_violations(browser) == []


@pytest.mark.parametrize("name", ["diana", "sam"])
def test_directors_and_sales_see_neither_the_panel_nor_its_link(login: Login, name: str) -> None:
    browser = login(name, "/sources")
    wait_for_text(browser, ".gx-main", "Only administrators see the live sources.")
    assert browser.find_elements(By.ID, "sources-grid") == []
    assert "ann-mail" not in browser.find_element(By.TAG_NAME, "body").text
    assert not browser.find_element(By.ID, "nav-sources").is_displayed()
    assert shown_nav(browser) == NAV

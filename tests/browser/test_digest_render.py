"""The digest as a colleague's mail program shows it: delivered to a real SMTP server on
loopback, its HTML part rendered in headless Chromium (seed.py's graph and requests)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from graphx.agenda import agenda
from graphx.db import Database
from graphx.digest import Smtp, digests, send
from tests.browser.conftest import save_screenshot
from tests.browser.seed import seed
from tests.integration.smtp_inbox import parts, smtp_inbox

DOCS = Path(__file__).parents[2] / "docs" / "screenshots"


def test_the_received_digest_renders_with_its_sections(
    _session_db: Database, browser: WebDriver, tmp_path: Path
) -> None:
    seed(_session_db)
    _session_db.driver.execute_query(
        "MATCH (p:Person {id: 'c-dewi'}) CREATE (p)-[:HAS_EMAIL]->(:Email {address: $a})",
        a="dewi@graphx.example",
    )
    with smtp_inbox() as inbox:
        send(digests(_session_db, date.today()), Smtp("127.0.0.1", inbox.port))
    (message,) = inbox.messages
    assert message["To"] == "dewi@graphx.example"
    _, html = parts(message)
    page = tmp_path / "digest.html"
    page.write_text(html, encoding="utf-8")
    browser.get(page.as_uri())
    assert browser.find_element(By.TAG_NAME, "h1").text == "Your week, Dewi Visser"
    headings = [h.text for h in browser.find_elements(By.TAG_NAME, "h2")]
    contacts = len(agenda(_session_db, "c-dewi", date.today()).contacts)
    assert headings == [
        f"To contact ({contacts})",
        "Waiting on you (1)",
        "Your open asks (1)",
        "Alerts (0)",
    ]
    waiting = browser.find_element(By.ID, "waiting").text
    assert "r2 Ann Bakker asks you to introduce them to Rosa Meijer: asked since" in waiting
    assert "stale, 35 days: chase it or drop it." in waiting
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= browser.execute_script("return window.innerWidth")
    save_screenshot(browser, "digest")
    if os.environ.get("GRAPHX_DOCS_SCREENSHOTS"):
        browser.save_screenshot(str(DOCS / "digest.png"))

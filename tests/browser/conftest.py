"""A live dashboard served by waitress on a free port, and headless Chromium to drive it.

Chromium and chromedriver come from Debian (installed by .ci/run); the tests fail, never
skip, when they are missing.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from waitress.server import create_server

from dashboards.app import create_app
from graphx.db import Database
from graphx.users import UserStore

PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class LiveApp:
    url: str
    users: UserStore


@pytest.fixture(scope="module")
def live_app(
    _session_db: Database, browser: WebDriver, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveApp]:
    users = UserStore(tmp_path_factory.mktemp("users") / "users.json")
    users.add("diana", "director", PASSWORD, person_id="c-dewi")
    users.add("sam", "sales", PASSWORD, person_id="c-sam")
    app = create_app(_session_db, users, secret_key="test-secret")
    server = create_server(app.server, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield LiveApp(url=f"http://127.0.0.1:{server.effective_port}", users=users)
    browser.delete_all_cookies()  # cookies are per host, not per port: sign out first
    browser.get("about:blank")
    # stop the task threads and close every channel (the browser's keep-alive one too) from
    # the server's own loop, so no page left open keeps calling this app's callbacks during
    # later tests and the loop, its map empty, ends
    server.task_dispatcher.shutdown()
    server.trigger.pull_trigger(lambda: [c.close() for c in list(server._map.values())])
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser saves what a page downloads."""
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def browser(downloads: Path) -> Iterator[WebDriver]:
    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not chromedriver:
        pytest.fail("headless Chromium is needed: apt install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--window-size=1440,1000",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.implicitly_wait(0)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    yield driver
    driver.quit()


PAGES = {
    "portfolio": ("/", "#portfolio-table .ag-row"),
    "coverage": ("/coverage?organisation=contoso", "#coverage-heatmap .js-plotly-plot"),
    "explorer": ("/explorer?person=c-dewi", "#explorer-summary:not(:empty)"),
    "intro": ("/intro?me=c-dewi&target=d-fay", "#intro-suggestion"),
    "requests": ("/requests", "#requests-waiting .ag-row"),
    "relationship": ("/relationship?a=c-dewi&b=d-rosa", "#relationship-level"),
    "gaps": ("/gaps", "#gaps-uncovered h2"),
    "occasion": ("/occasion?interest=golf", "#occasion-summary"),
    "my-network": ("/me", "#me-ties"),
    "not-found": ("/no-such-page", "#notfound-title"),
}
"""Every page of the dashboard on the graph of seed.py: its address and a selector present
once the page has drawn its answer."""


def wait_for(browser: WebDriver, css: str, timeout: float = 15) -> object:
    return WebDriverWait(browser, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def wait_for_text(browser: WebDriver, css: str, text: str, timeout: float = 15) -> None:
    WebDriverWait(browser, timeout).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text)
    )


def console_errors(browser: WebDriver) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


@pytest.fixture
def login(browser: WebDriver, live_app: LiveApp) -> Callable[[str, str], WebDriver]:
    """Sign in as ``name`` and open ``path``."""

    def sign_in(name: str, path: str = "/") -> WebDriver:
        browser.delete_all_cookies()
        browser.get(f"{live_app.url}/login?{urlencode({'next': path})}")
        wait_for(browser, "#username")
        browser.find_element(By.ID, "username").send_keys(name)
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        browser.find_element(By.ID, "login-submit").click()
        wait_for(browser, ".gx-header")
        browser.get_log("browser")  # start each test with an empty console
        return browser

    return sign_in


def save_screenshot(browser: WebDriver, name: str) -> Path | None:
    """Keep a screenshot in $GRAPHX_SCREENSHOTS when it is set (to look at a test's page)."""
    folder = os.environ.get("GRAPHX_SCREENSHOTS")
    if not folder:
        return None
    path = Path(folder) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(path))
    return path

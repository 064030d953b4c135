"""First useful paint and callback round trips of every dashboard page, in headless Chromium.

    GRAPHX_HOME=/tmp/gx-large .venv/bin/python -m benchmarks.bench_pages --reps 10

Serves the app (waitress, in this process) over the configured database, signs in a
throw-away director, picks real ids with the library (the client with most directors, its
best-known director and the colleague who knows them best), then opens each page ``--reps``
times in a fresh navigation. *Paint* is the time from navigation start until the page's
answer is on screen; *callbacks* are the browser's own resource timings of every
``/_dash-update-component`` request during that load. The app is served as ``graphx serve``
serves it: its warmer (``dashboards.answers``) computes the most asked answers before the
first navigation, as it does after every change of the graph. The first load of a page is
reported apart: it computes what the dashboard then shares (``dashboards.cache``) unless the
warmer did, and it is the browser's first fetch of that page's scripts; later loads show what
every other user of the same question sees.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait
from waitress.server import create_server

from dashboards.answers import POLL_SECONDS
from dashboards.app import create_app
from graphx.config import load_settings
from graphx.coverage import coverage, portfolio
from graphx.db import Database, connect
from graphx.users import UserStore

PASSWORD = "benchmark password 1"
CALLBACKS = """return performance.getEntriesByType('resource')
  .filter(e => e.name.includes('_dash-update-component')).map(e => e.duration)"""


def chromium() -> WebDriver:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1440,1000"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def pages(db: Database, today: date) -> dict[str, tuple[str, str, str]]:
    """Each page's address and what shows its answer: (path, css selector, text in it)."""
    client = max(portfolio(db, today, trend=False), key=lambda row: row.directors)
    found = coverage(db, client.organisation_id, today)
    director = max(found.directors, key=lambda d: (d.best_level, len(d.known_by)))
    colleague = director.known_by[0].id
    org = client.organisation_id
    return {
        "portfolio": ("/", "#portfolio-chart .js-plotly-plot", ""),
        "coverage": (f"/coverage?organisation={org}", "#coverage-heatmap .js-plotly-plot", ""),
        "relationship": (
            f"/relationship?a={colleague}&b={director.id}",
            "#relationship-level",
            "Level today",
        ),
        "intro": (f"/intro?me={colleague}&target={director.id}", "#intro-suggestion", " "),
        "explorer": (f"/explorer?person={director.id}", "#explorer-summary", "shown"),
        "gaps": ("/gaps", "#gaps-uncovered h2", "Uncovered"),
        "gaps, one client": (f"/gaps?organisation={org}", "#gaps-uncovered h2", "Uncovered"),
        "my network": (f"/me?person={colleague}", "#me-content", "whom to contact"),
    }


def shown(css: str, text: str) -> Callable[[WebDriver], bool]:
    def condition(browser: WebDriver) -> bool:
        found = browser.find_elements(By.CSS_SELECTOR, css)
        return bool(found) and text in found[0].text

    return condition


def load(browser: WebDriver, url: str, css: str, text: str) -> tuple[float, list[float]]:
    """Paint (ms since navigation start) and the callbacks' durations (ms) of one load."""
    browser.get(url)
    WebDriverWait(browser, 120, poll_frequency=0.01).until(shown(css, text))
    painted = float(browser.execute_script("return performance.now()"))
    return painted, [float(d) for d in browser.execute_script(CALLBACKS)]


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=10)
    args = parser.parse_args()
    with connect(load_settings()) as db, tempfile.TemporaryDirectory() as tmp:
        targets = pages(db, date.today())
        users = UserStore(Path(tmp) / "users.json")
        users.add("bench", "director", PASSWORD)
        app = create_app(db, users, secret_key="benchmark", warm_every=POLL_SECONDS)
        started = time.perf_counter()
        app.server.config["GRAPHX_WARMER"].warmed.wait()
        print(f"warmer: the shared answers took {time.perf_counter() - started:.1f} s")
        server = create_server(app.server, host="127.0.0.1", port=0, threads=8)
        threading.Thread(target=server.run, daemon=True).start()
        base = f"http://127.0.0.1:{server.effective_port}"
        browser = chromium()
        try:
            browser.get(f"{base}/login?{urlencode({'next': '/'})}")
            WebDriverWait(browser, 30).until(shown("#login-submit", ""))
            browser.find_element(By.ID, "username").send_keys("bench")
            browser.find_element(By.ID, "password").send_keys(PASSWORD)
            browser.find_element(By.ID, "login-submit").click()
            WebDriverWait(browser, 120).until(shown(".gx-header", ""))
            print("| page | first load: paint (ms) | slowest callback (ms) | later loads:"
                  " paint median / p95 (ms) | callbacks median / p95 (ms) |")  # fmt: skip
            print("|---|---|---|---|---|")
            for name, (path, css, text) in targets.items():
                first, first_calls = load(browser, base + path, css, text)
                runs = [load(browser, base + path, css, text) for _ in range(args.reps)]
                paints = [paint for paint, _ in runs]
                calls = [d for _, durations in runs for d in durations]
                print(f"| {name} | {first:,.0f} | {max(first_calls, default=0):,.0f} |"
                      f" {statistics.median(paints):,.0f} / {p95(paints):,.0f} |"
                      f" {statistics.median(calls):,.0f} / {p95(calls):,.0f} |")  # fmt: skip
        finally:
            browser.quit()
            server.close()


if __name__ == "__main__":
    main()

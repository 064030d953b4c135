"""axe-core (bundled by axe-selenium-python) in Chromium: no serious or critical violation on
the pages that have none left. The others' known violations are in the session's closing note
(ag-grid's own containers and filter inputs, the dropdowns' and the slider's inner controls)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.remote.webdriver import WebDriver

from graphx.db import Database
from tests.browser.conftest import wait_for
from tests.browser.seed import seed


@pytest.fixture(scope="module", autouse=True)
def known_graph(_session_db: Database) -> Iterator[None]:
    seed(_session_db)
    yield


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/intro?me=c-dewi&target=d-fay", "#intro-suggestion"),
        ("/relationship?a=c-dewi&b=d-rosa", "#relationship-level"),
        ("/gaps?organisation=contoso", "#gaps-uncovered h2"),
        ("/me", "#me-content"),
    ],
)
def test_no_serious_or_critical_accessibility_violation(
    login: Callable[[str, str], WebDriver], path: str, shown: str
) -> None:
    browser = login("diana", path)
    wait_for(browser, shown)
    axe = Axe(browser)
    axe.inject()
    found = axe.run()["violations"]
    serious = [(v["id"], [n["target"] for n in v["nodes"]]) for v in found
               if v["impact"] in ("serious", "critical")]  # fmt: skip
    assert serious == []

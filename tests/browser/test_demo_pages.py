"""The pages on the demo company (``graphx demo``), as a new user first sees them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from graphx.db import Database, delete_all
from graphx.demo import load_demo_data
from graphx.repository.people import busiest_colleague
from tests.browser.conftest import PASSWORD, LiveApp, wait_for, wait_for_text
from tests.browser.test_explorer import LABEL_BOXES, _overlapping


@pytest.fixture(scope="module", autouse=True)
def demo_company(_session_db: Database) -> Iterator[None]:
    delete_all(_session_db)
    load_demo_data(_session_db)
    yield


@pytest.fixture(scope="module")
def busiest(_session_db: Database, live_app: LiveApp) -> str:
    """The colleague with the most ties, signed in as ``demo`` (as ``graphx demo`` does)."""
    found = busiest_colleague(_session_db, date.today())
    assert found is not None
    live_app.users.add("demo", "director", PASSWORD, person_id=found.id)
    return found.id


@pytest.mark.parametrize("min_level", [1, 2, 3, 4])
def test_no_two_names_overlap_around_the_busiest_colleague_at_any_minimum_level(
    login: Callable[[str, str], WebDriver], busiest: str, min_level: int
) -> None:
    browser = login("demo", f"/explorer?person={busiest}&min_level={min_level}")
    wait_for_text(browser, "#explorer-summary", "ties shown", timeout=60)
    boxes = browser.execute_script(LABEL_BOXES)
    assert len(boxes) >= 2
    assert _overlapping(boxes) == []


def test_the_portfolio_shows_a_spread_of_coverage(
    login: Callable[[str, str], WebDriver], busiest: str
) -> None:
    browser = login("demo", "/")
    wait_for(browser, "#portfolio-table .ag-row", timeout=60)
    coverage = browser.execute_script(
        "return [...document.querySelectorAll('#portfolio-table .ag-center-cols-container "
        ".ag-row [col-id=coverage]')].map(c => parseFloat(c.textContent))"
    )
    assert len(coverage) == 24
    assert sum(c >= 50 for c in coverage) >= 6
    assert sum(c == 0 for c in coverage) >= 3
    assert sum(0 < c < 50 for c in coverage) >= 6

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from graphx.db import Database
from tests.browser.conftest import console_errors, save_screenshot, wait_for_text
from tests.browser.seed import seed


@pytest.fixture(scope="module", autouse=True)
def known_graph(_session_db: Database) -> Iterator[None]:
    seed(_session_db)
    yield


def _graph(browser: WebDriver) -> dict[str, list[str]]:
    elements = browser.execute_script(
        "const cy = document.getElementById('explorer-graph')._cyreg.cy;"
        "return {nodes: cy.nodes().map(n => n.id()).sort(),"
        "        edges: cy.edges().map(e => e.id()).sort()};"
    )
    return dict(elements)


def test_the_explorer_draws_a_persons_ties_and_expands_a_neighbour_on_click(
    login: Callable[[str, str], WebDriver],
) -> None:
    browser = login("diana", "/explorer?person=c-dewi")
    wait_for_text(browser, "#explorer-summary", "3 people, 2 ties shown.")
    assert _graph(browser) == {
        "nodes": ["c-ann", "c-dewi", "d-rosa"],
        "edges": ["c-ann|c-dewi", "c-dewi|d-rosa"],
    }
    browser.execute_script(
        "document.getElementById('explorer-graph')._cyreg.cy.getElementById('c-ann').emit('tap');"
    )
    wait_for_text(browser, "#explorer-summary", "5 people, 4 ties shown.")
    assert _graph(browser)["nodes"] == ["c-ann", "c-dewi", "c-sam", "d-fay", "d-rosa"]
    wait_for_text(browser, "#explorer-selected-text", "Ann Bakker")
    save_screenshot(browser, "explorer-test")
    assert console_errors(browser) == []


def test_the_minimum_level_filter_keeps_only_deeper_ties(
    login: Callable[[str, str], WebDriver],
) -> None:
    browser = login("diana", "/explorer?person=c-dewi&min_level=3")
    wait_for_text(browser, "#explorer-summary", "2 people, 1 ties shown.")
    assert _graph(browser)["edges"] == ["c-dewi|d-rosa"]

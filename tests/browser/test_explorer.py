from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

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
        "return {nodes: cy.nodes().not('.organisation').map(n => n.id()).sort(),"
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


LABEL_BOXES = """const cy = document.getElementById('explorer-graph')._cyreg.cy;
return cy.nodes().map(n => {
  const b = n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true});
  return [n.id(), b.x1, b.y1, b.x2, b.y2];
});"""


def _overlapping(boxes: list[list[object]]) -> list[tuple[object, object]]:
    found = []
    for i, (a, ax1, ay1, ax2, ay2) in enumerate(boxes):
        for b, bx1, by1, bx2, by2 in boxes[i + 1 :]:
            if ax1 < bx2 and bx1 < ax2 and ay1 < by2 and by1 < ay2:  # type: ignore[operator]
                found.append((a, b))
    return found


def test_names_never_overlap_people_sit_in_their_organisation_and_a_tie_explains_itself(
    login: Callable[[str, str], WebDriver],
) -> None:
    browser = login("diana", "/explorer?person=c-dewi")
    wait_for_text(browser, "#explorer-summary", "3 people, 2 ties shown.")
    cy = "document.getElementById('explorer-graph')._cyreg.cy"
    browser.execute_script(f"{cy}.getElementById('c-ann').emit('tap');")
    wait_for_text(browser, "#explorer-summary", "5 people, 4 ties shown.")
    boxes = browser.execute_script(LABEL_BOXES)
    assert len(boxes) == 8  # five people, three organisations
    assert _overlapping(boxes) == []
    parents = browser.execute_script(
        f"return {cy}.nodes().not('.organisation').map(n => [n.id(), n.parent().data('label')])"
    )
    assert sorted(map(tuple, parents)) == [
        ("c-ann", "Graphx Partners"), ("c-dewi", "Graphx Partners"), ("c-sam", "Graphx Partners"),
        ("d-fay", "Fabrikam"), ("d-rosa", "Contoso"),
    ]  # fmt: skip
    browser.execute_script(f"{cy}.getElementById('c-dewi|d-rosa').emit('mouseover');")
    wait_for_text(browser, "#explorer-tie", "Dewi")
    assert "Rosa" in browser.find_element(By.ID, "explorer-tie").text
    browser.execute_script(f"{cy}.getElementById('c-dewi|d-rosa').emit('tap');")
    WebDriverWait(browser, 30).until(lambda b: "/relationship?a=c-dewi&b=d-rosa" in b.current_url)
    assert console_errors(browser) == []


def test_a_signed_in_colleague_opens_the_explorer_on_their_own_network(
    login: Callable[[str, str], WebDriver],
) -> None:
    browser = login("sam", "/explorer")
    wait_for_text(browser, "#explorer-summary", "ties shown.")
    assert "c-sam" in _graph(browser)["nodes"]

"""The explorer around five colleagues who know nearly two hundred people: names stay apart."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import product

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from graphx.db import Database, delete_all
from graphx.ties.store import score_all
from tests.browser.conftest import PASSWORD, LiveApp, wait_for_text
from tests.browser.seed import CONVERSATIONS, _series
from tests.browser.test_explorer import LABEL_BOXES, _overlapping

FIRST = ("Alessandra", "Bartholomew", "Christiane", "Dmitri", "Evangeline", "Francesco",
         "Guinevere", "Hieronymus", "Ingeborg", "Jean-Baptiste")  # fmt: skip
LAST = ("Fitzgerald", "Montgomery-Smythe", "Oyelaran", "Van den Broek", "Kowalczyk",
        "Papadopoulos", "Rasmussen", "Shevchenko", "Takahashi", "Zimmermann")  # fmt: skip

PEOPLE_SHOWN = (
    "return document.getElementById('explorer-graph')._cyreg.cy.nodes().not('.organisation').length"
)

PEOPLE = """
CREATE (:Organisation {id: 'home', name: 'Graphx Partners', kind: 'home'})
WITH 1 AS one
UNWIND $organisations AS org
CREATE (:Organisation {id: org.id, name: org.name, kind: 'client'})
WITH count(*) AS made
UNWIND $people AS row
MATCH (o:Organisation {id: row.organisation})
CREATE (:Person {id: row.id, name: row.name, level: 'board'})
       -[:WORKS_AT {current: true, level: 'board'}]->(o)
"""


COLLEAGUES = [f"c-{n}" for n in range(5)]


@pytest.fixture(scope="module", autouse=True)
def crowd(_session_db: Database) -> Iterator[None]:
    """Five colleagues: the first meets the four others and 36 directors, each other one 39
    directors of their own (40 ties each, all a center shows), of 15 client firms: 197
    people, 196 ties."""
    names = [f"{first} {last}" for first, last in product(FIRST, LAST)]
    names += [f"{name}-{n}" for n, name in enumerate(names[:92])]
    organisations = [{"id": f"o{i}", "name": f"{LAST[i % 10]} Holdings {i}"} for i in range(15)]
    people = [{"id": c, "name": f"Colleague {c}", "organisation": "home"} for c in COLLEAGUES]
    people += [
        {"id": f"d{n}", "name": name, "organisation": f"o{n % 15}"} for n, name in enumerate(names)
    ]
    knows = [(COLLEAGUES[0], c) for c in COLLEAGUES[1:]]
    knows += [(COLLEAGUES[(n + 3) // 39], f"d{n}") for n in range(len(names))]
    delete_all(_session_db)
    _session_db.driver.execute_query(PEOPLE, organisations=organisations, people=people)
    rows = [row for a, b in knows for row in _series(a, b, "meeting", "business", 45, 8, 10)]
    _session_db.driver.execute_query(CONVERSATIONS, rows=rows)
    score_all(_session_db)
    yield


@pytest.fixture(scope="module")
def first(live_app: LiveApp) -> str:
    live_app.users.add("first", "director", PASSWORD, person_id=COLLEAGUES[0])
    return COLLEAGUES[0]


def summary_is(browser: WebDriver, text: str) -> None:
    """Wait for the explorer's summary to end in ``text``; fail showing what it says."""
    try:
        wait_for_text(browser, "#explorer-summary", text, timeout=60)
    except TimeoutException:
        assert browser.find_element(By.ID, "explorer-summary").text == text


def test_a_neighbourhood_of_nearly_200_people_keeps_every_name_apart(
    login: Callable[[str, str], WebDriver], first: str
) -> None:
    browser = login("first", f"/explorer?person={first}")
    summary_is(browser, "41 people, 40 ties shown.")
    cy = "document.getElementById('explorer-graph')._cyreg.cy"
    for n, colleague in enumerate(COLLEAGUES[1:], start=1):
        browser.execute_script(f"{cy}.getElementById('{colleague}').emit('tap');")
        ties = 40 + 39 * n  # a center's own ties are all drawn
        summary_is(browser, f"{ties + 1} people, {ties} ties shown.")
        assert browser.execute_script(PEOPLE_SHOWN) == ties + 1
        assert _overlapping(browser.execute_script(LABEL_BOXES)) == []

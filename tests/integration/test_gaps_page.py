"""The gaps page over HTTP (Flask's test client): long lists are cut, their counts are not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dashboards.app import create_app
from graphx.db import Database
from graphx.users import UserStore
from tests.integration.analytics_graph import job, org, person
from tests.integration.dash_calls import call, find

PASSWORD = "correct horse battery"
SHOWN = 25  # dashboards.pages.gaps.SHOWN (Dash imports the page module under its own name)


def _text(component: Any) -> str:
    """All the text in a rendered component tree."""
    if isinstance(component, str):
        return component
    if isinstance(component, list):
        return "".join(_text(c) for c in component)
    if isinstance(component, dict):
        return _text(component.get("props", {}).get("children", ""))
    return ""


def test_a_section_draws_its_first_entries_and_counts_them_all(
    db: Database, tmp_path: Path
) -> None:
    users = UserStore(tmp_path / "users.json")
    users.add("diana", "director", PASSWORD)
    client = create_app(db, users, secret_key="test-secret").server.test_client()

    org(db, "us", "Us", "home")
    org(db, "big", "Big Board")
    directors = SHOWN + 5
    for i in range(directors):
        person(db, f"d{i:03d}", f"Director {i:03d}")
        job(db, f"d{i:03d}", "big", "board", "Member")
    client.post("/login", data={"username": "diana", "password": PASSWORD, "next": "/"})

    response = call(client, find(client, "gaps-content.children"))

    assert response.status_code == 200
    sections = response.get_json()["response"]["gaps-content"]["children"]["props"]["children"]
    uncovered = next(s for s in sections if s["props"]["id"] == "gaps-uncovered")
    title, _, listed, note = uncovered["props"]["children"]
    assert _text(title) == f"Uncovered directors ({directors})"
    assert len(listed["props"]["children"]) == SHOWN
    assert _text(note) == (
        f"The first {SHOWN} of {directors} shown: choose a client to see all of theirs,"
        " or download the report for the full lists."
    )
    single = next(s for s in sections if s["props"]["id"] == "gaps-single")
    assert [_text(c) for c in single["props"]["children"]][::2] == ["Single-threaded (0)", "None."]

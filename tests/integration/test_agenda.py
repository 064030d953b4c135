from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.agenda import agenda
from graphx.cli import app
from graphx.db import Database
from graphx.errors import NotFound
from graphx.ties.store import mark_incomplete, score_all
from graphx.ties.view import TieView
from tests.integration.planning_graph import ON, build

runner = CliRunner()


@pytest.fixture(params=["stored", "computed"])
def golf(db: Database, request: pytest.FixtureRequest) -> Database:
    """The planning graph, its business+ ties read from the store or, with the store marked
    incomplete (as after ``import --no-score``), all computed: the answers are the same."""
    build(db)
    if request.param == "stored":
        score_all(db)
    else:
        mark_incomplete(db)
    assert TieView(db, ON).stored == (request.param == "stored")
    return db


def test_the_agenda_lists_the_overdue_ties_first_then_fading_then_due(
    golf: Database, cli_env: Path
) -> None:
    result = runner.invoke(app, ["agenda", "ann@us.com", "--as-of", ON.isoformat(), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["person_id"], data["name"], data["as_of"]) == ("ann", "Ann Smit", "2025-06-30")
    assert data["levels"] == {"trusted": 1, "personal": 2, "business": 1, "met": 0}
    assert [(t["person_id"], t["level"], t["status"], t["days_silent"], t["limit_days"],
             t["limit_reason"]) for t in data["ties"]] == [
        ("tom", 4, "overdue", 100, 90, "cadence"),
        ("sam", 3, "overdue", 50, 16, "rhythm"),
        ("pia", 3, "due", 75, 90, "cadence"),
        ("fay", 2, "fading", 200, None, None),
    ]  # fmt: skip
    assert data["contact"] == [
        {
            "rank": 1,
            "person_id": "sam",
            "organisation_id": "acme",
            "why": "overdue",
            "reason": "Sam Stone (CEO, Acme): personal tie, last contact 7 weeks ago; overdue, "
            "past your own rhythm with them (16 days of silence).",
            "hint": "They like golf; you share golf: meet around that.",
        },
        {
            "rank": 2,
            "person_id": "tom",
            "organisation_id": "acme",
            "why": "overdue",
            "reason": "Tom Brink (Board member, Acme): trusted tie, last contact 3 months ago; "
            "overdue, past the 90-day cadence for their role.",
            "hint": "They like golf, opera; you share golf: meet around that.",
        },
        {
            "rank": 3,
            "person_id": "fay",
            "organisation_id": "core",
            "why": "fading",
            "reason": "Fay Dijk (COO, Core): personal until 2024-09-03, business now; revive it.",
            "hint": "They like golf, art; you share golf: meet around that.",
        },
        {
            "rank": 4,
            "person_id": "pia",
            "organisation_id": "acme",
            "why": "due",
            "reason": "Pia Roos (CFO, Acme): personal tie, last contact 2 months ago; due within "
            "15 days.",
            "hint": "Their interests are not recorded: ask about them.",
        },
    ]


def test_a_colleague_who_knows_a_director_best_of_us_is_asked_to_deepen_it(
    golf: Database,
) -> None:
    result = agenda(golf, "dan", ON)
    assert [(c.person_id, c.why) for c in result.contacts] == [("ben", "deepen")]
    assert result.contacts[0].reason == (
        "Ben Vos (Board member, Beta): you know them best of us (met) and nobody of us knows "
        "them personally."
    )


def test_a_colleague_in_touch_with_everyone_has_nothing_to_do(golf: Database) -> None:
    result = agenda(golf, "bob", ON)
    assert [(t.director.id, t.status) for t in result.ties] == [("tom", "ok")]
    assert result.contacts == ()


def test_the_agenda_shows_only_the_top_entries(golf: Database) -> None:
    assert [c.person_id for c in agenda(golf, "ann", ON, top=2).contacts] == ["sam", "tom"]


def test_only_colleagues_have_an_agenda(golf: Database) -> None:
    with pytest.raises(NotFound, match="not a colleague"):
        agenda(golf, "sam", ON)
    with pytest.raises(NotFound):
        agenda(golf, "cor", ON)


def test_the_agenda_prints_whom_to_contact_for_people(golf: Database, cli_env: Path) -> None:
    result = runner.invoke(app, ["agenda", "ann", "--as-of", ON.isoformat()])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Ann Smit as of 2025-06-30")
    assert result.output.index("Sam Stone") < result.output.index("Tom Brink")

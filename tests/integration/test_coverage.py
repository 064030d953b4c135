from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.coverage import coverage, portfolio
from graphx.db import Database
from graphx.errors import NotFound
from graphx.model import to_json
from graphx.ties.store import mark_incomplete, rescore, score_all, store_state
from graphx.ties.view import TieView
from tests.integration.analytics_graph import AS_OF, days_before, job, meal, org, person, tie

runner = CliRunner()


@pytest.fixture
def acme(db: Database) -> Database:
    """Our company and a client, Acme, whose answers are obvious.

    Rosa (CEO) is known personally by Ann, through business by Bob; Piet (CFO) only met Bob;
    Otto is a director who opted out; Stan is staff, not a director; Dora left in 2024;
    Cas is a colleague who opted out; Old left our company. Ann first met Rosa 80 days before
    AS_OF, so a quarter earlier nobody knew her personally. The ties are stored.
    """
    org(db, "us", "Us", "home")
    org(db, "acme", "Acme")
    org(db, "empty", "Empty Ltd")
    org(db, "pros", "Prospect BV", "prospect")
    for pid, name in [("ann", "Ann Smit"), ("bob", "Bob de Wit"), ("old", "Old Hand")]:
        person(db, pid, name, email=f"{pid}@us.com")
    person(db, "cas", "Cas Opt", opt_out=True)
    job(db, "ann", "us", start=date(2015, 1, 1))
    job(db, "bob", "us")
    job(db, "cas", "us")
    job(db, "old", "us", start=date(2010, 1, 1), until=date(2024, 1, 1))
    person(db, "rosa", "Rosa Meijer")
    person(db, "piet", "Piet Jansen")
    person(db, "otto", "Otto Out", opt_out=True)
    person(db, "stan", "Stan Staff")
    person(db, "dora", "Dora Gone")
    person(db, "pam", "Pam Prospect")
    job(db, "rosa", "acme", "board", "CEO", start=date(2020, 1, 1))
    job(db, "piet", "acme", "executive", "CFO")
    job(db, "otto", "acme", "board", "Chair")
    job(db, "stan", "acme", "staff", "Buyer")
    job(db, "dora", "acme", "board", "Chair", start=date(2018, 1, 1), until=date(2024, 6, 1))
    job(db, "pam", "pros", "board", "CEO")
    tie(db, "ann", "rosa", 3, 5.0, 20, first_days=80)
    tie(db, "bob", "rosa", 2, 2.5, 40)
    tie(db, "bob", "piet", 1, 0.5, 100)
    tie(db, "cas", "piet", 4, 20.0, 5)
    tie(db, "old", "piet", 4, 20.0, 5)
    tie(db, "ann", "stan", 4, 25.0, 3)
    tie(db, "ann", "otto", 4, 25.0, 3)
    score_all(db)
    return db


def _known(pid: str, name: str, level: int, strength: float, days: int) -> dict[str, object]:
    return {
        "id": pid,
        "name": name,
        "level": level,
        "strength": strength,
        "last_contact": days_before(days).isoformat(),
    }


def test_coverage_lists_current_directors_who_knows_them_and_a_weighted_score(
    acme: Database, cli_env: Path
) -> None:
    result = runner.invoke(app, ["coverage", "acme", "--as-of", AS_OF.isoformat(), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "organisation": {"id": "acme", "name": "Acme"},
        "as_of": "2025-06-30",
        "coverage": 0.6667,
        "directors": [
            {
                "id": "piet",
                "name": "Piet Jansen",
                "title": "CFO",
                "level": "executive",
                "is_top": False,
                "best_level": 1,
                "known_by": [_known("bob", "Bob de Wit", 1, 0.5, 100)],
            },
            {
                "id": "rosa",
                "name": "Rosa Meijer",
                "title": "CEO",
                "level": "board",
                "is_top": True,
                "best_level": 3,
                "known_by": [
                    _known("ann", "Ann Smit", 3, 5.0, 20),
                    _known("bob", "Bob de Wit", 2, 2.5, 40),
                ],
            },
        ],
    }


def test_an_organisation_is_named_by_id_or_exact_name(acme: Database, cli_env: Path) -> None:
    by_name = runner.invoke(app, ["coverage", "Acme", "--as-of", "2025-06-30", "--json"])
    assert json.loads(by_name.output)["organisation"] == {"id": "acme", "name": "Acme"}
    unknown = runner.invoke(app, ["coverage", "Nobody Inc", "--json"])
    assert isinstance(unknown.exception, NotFound)


def test_the_table_names_directors_levels_and_who_knows_them(acme: Database, cli_env: Path) -> None:
    result = runner.invoke(app, ["coverage", "acme", "--as-of", "2025-06-30"])
    assert result.exit_code == 0, result.output
    assert "coverage 67%" in result.output
    assert "Rosa Meijer" in result.output and "Ann Smit (3 personal" in result.output
    assert "Otto" not in result.output and "Stan" not in result.output


def test_opted_out_people_and_non_directors_appear_nowhere(acme: Database) -> None:
    text = json.dumps(to_json(coverage(acme, "acme", AS_OF)), default=str)
    for absent in ("otto", "cas", "stan", "dora", "old"):
        assert f'"{absent}"' not in text


def test_the_portfolio_lists_every_client_weakest_first_with_its_trend(
    acme: Database, cli_env: Path
) -> None:
    result = runner.invoke(app, ["coverage", "--all", "--as-of", "2025-06-30", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "as_of": "2025-06-30",
        "clients": [
            {
                "organisation": {"id": "empty", "name": "Empty Ltd"},
                "coverage": 0.0,
                "directors": 0,
                "covered": 0,
                "previous_coverage": 0.0,
                "trend": 0.0,
            },
            {
                "organisation": {"id": "acme", "name": "Acme"},
                "coverage": 0.6667,
                "directors": 2,
                "covered": 1,
                "previous_coverage": 0.0,
                "trend": 0.6667,
            },
        ],
    }


def test_coverage_in_the_past_uses_that_dates_jobs_and_conversations(acme: Database) -> None:
    """Early 2024 Dora was still chair; Ann had two personal dinners with her; Old (who left
    on 1 January 2024) dined with Piet but was no longer a colleague."""
    day = date(2024, 1, 31)
    meal(acme, "m1", days_before(40, day), ["ann", "dora"])
    meal(acme, "m2", days_before(10, day), ["dora", "ann"])
    meal(acme, "m3", days_before(5, day), ["old", "piet"])
    meal(acme, "m4", days_before(3, day), ["old", "piet"])
    rescore(acme, ["m1", "m2", "m3", "m4"])
    result = coverage(acme, "acme", day)
    assert [(d.id, d.best_level, [k.id for k in d.known_by]) for d in result.directors] == [
        ("dora", 3, ["ann"]),
        ("piet", 0, []),
        ("rosa", 0, []),
    ]
    assert result.coverage == 0.4  # Dora (chair, weight 2) of 2 + 1 + 2
    assert result.directors[0].known_by[0].last_contact == days_before(10, day)
    assert portfolio(acme, day, trend=False)[-1].coverage == 0.4


def test_coverage_read_from_the_stored_ties_equals_the_computed_one(acme: Database) -> None:
    """The same answers whether ties at business and above come from the store or are all
    computed from the conversations: on the date the ties were made for, after Ann's tie with
    Rosa fell below personal, today and a year later."""
    later = date.today() + timedelta(days=365)
    days = [AS_OF, AS_OF + timedelta(days=200), date.today(), later]

    def answers() -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
        return [
            (to_json(coverage(acme, "acme", day)), to_json(list(portfolio(acme, day))))
            for day in days
        ]

    assert store_state(acme).serves(TieView(acme, AS_OF).config)
    stored = answers()
    mark_incomplete(acme)  # answers compute every tie until the next full run
    assert not TieView(acme, AS_OF).stored
    assert answers() == stored
    score_all(acme)
    assert TieView(acme, AS_OF).stored and answers() == stored
    levels = [[(d["id"], d["best_level"]) for d in c["directors"]] for c, _ in stored]
    assert levels == [
        [("piet", 1), ("rosa", 3)],
        [("piet", 1), ("rosa", 2)],
        [("piet", 1), ("rosa", 1)],
        [("piet", 1), ("rosa", 1)],
    ]
    with pytest.raises(NotFound):
        coverage(acme, "nope", AS_OF)

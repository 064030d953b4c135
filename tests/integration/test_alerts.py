"""Alerts on hand-built histories: each kind with the exact alert expected, only what happened
after --since, and nothing where nothing changed."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.alerts import alerts
from graphx.cli import app
from graphx.db import Database
from graphx.ties.store import score_all
from tests.integration.analytics_graph import AS_OF, job, meal, org, person, tie

runner = CliRunner()
SINCE = date(2025, 6, 1)


def _at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC)


def _meeting(db: Database, conversation_id: str, day: date, people: list[str]) -> None:
    db.driver.execute_query(
        "CREATE (c:Conversation {id: $id, date: $when, kind: 'meeting', depth: 'business',"
        " duration_minutes: 60, participants: size($people), source: 'csv'})"
        " WITH c UNWIND range(0, size($people) - 1) AS i MATCH (p:Person {id: $people[i]})"
        " CREATE (p)-[:PARTICIPATED {role: CASE i WHEN 0 THEN 'organizer' ELSE 'attendee'"
        " END}]->(c)",
        id=conversation_id, when=_at(day), people=people,
    )  # fmt: skip


@pytest.fixture
def company(db: Database) -> Database:
    """As of 2025-06-30, since 2025-06-01:

    - Rosa (Acme's CEO): Ann's tie was personal, but the older of their two personal meals
      (2024-06-15) leaves the twelve-month window in June: business now;
    - Piet (Acme's CFO until 2025-06-20) starts at Nova, a prospect, on 2025-06-25; Dan knows
      him through business;
    - Vera (on Acme's board): only Bob knows her through business, and Bob leaves on
      2025-07-15; Walt (on Beta's board): only Cas did, and Cas left on 2025-06-10;
    - Xena (Beta's CFO) writes from xena@nova.example (a person created from that address,
      at Nova) on 2025-06-20;
    - Yuri (Beta's CEO): Ann's personal tie, silent for 70 days, past the CEO's 60-day cadence
      since 2025-06-21.
    """
    org(db, "us", "Us", "home")
    org(db, "acme", "Acme")
    org(db, "beta", "Beta")
    org(db, "nova", "Nova", "prospect")
    for pid, name in [("ann", "Ann Smit"), ("bob", "Bob de Wit"), ("cas", "Cas Bos"),
                      ("dan", "Dan Ek"), ("rosa", "Rosa Meijer"), ("piet", "Piet Kok"),
                      ("vera", "Vera Lind"), ("walt", "Walt Roos"), ("xena", "Xena Stone"),
                      ("yuri", "Yuri Baan"),
                      ("email:xena@nova.example", "Xena Stone")]:  # fmt: skip
        person(db, pid, name)
    for pid in ("ann", "dan"):
        job(db, pid, "us")
    job(db, "bob", "us", until=date(2025, 7, 15))
    job(db, "cas", "us", until=date(2025, 6, 10))
    job(db, "rosa", "acme", "board", "CEO")
    job(db, "piet", "acme", "executive", "CFO", start=date(2020, 1, 1), until=date(2025, 6, 20))
    job(db, "piet", "nova", "executive", "COO", start=date(2025, 6, 25))
    job(db, "vera", "acme", "board", "Board member")
    job(db, "walt", "beta", "board", "Board member")
    job(db, "xena", "beta", "executive", "CFO")
    job(db, "yuri", "beta", "board", "CEO")
    job(db, "email:xena@nova.example", "nova")
    meal(db, "ann-rosa-meal-1", _at(date(2024, 6, 15)), ["ann", "rosa"])
    meal(db, "ann-rosa-meal-2", _at(date(2025, 3, 1)), ["rosa", "ann"])
    for month in range(12):
        day = date(2024 + (6 + month) // 12, (6 + month) % 12 + 1, 1)
        _meeting(db, f"ann-rosa-{month}", day, ["ann", "rosa"])
    tie(db, "dan", "piet", 2, 2.5, 40)
    tie(db, "bob", "vera", 2, 2.5, 20)
    tie(db, "cas", "walt", 2, 2.5, 40)
    tie(db, "ann", "yuri", 3, 6.0, 70)
    meal(db, "xena-new", _at(date(2025, 6, 20)), ["email:xena@nova.example", "dan"])
    score_all(db)
    return db


Org = tuple[str, str, str]


def _alert(kind: str, day: str, org: Org, people: list[Org], text: str, action: str,
           to: Org | None = None) -> dict[str, object]:  # fmt: skip
    def o(x: Org | None) -> dict[str, str] | None:
        return None if x is None else {"id": x[0], "name": x[1], "kind": x[2]}

    return {
        "kind": kind, "date": day, "organisation": o(org), "to_organisation": o(to),
        "people": [{"id": i, "name": n, "role": r} for i, n, r in people],
        "text": text, "action": action,
    }  # fmt: skip


ACME, BETA, NOVA = (
    ("acme", "Acme", "client"),
    ("beta", "Beta", "client"),
    ("nova", "Nova", "prospect"),
)


def test_each_kind_of_alert_as_a_director_reads_it(company: Database, cli_env: Path) -> None:
    done = runner.invoke(app, ["alerts", "--since", SINCE.isoformat(), "--as-of",
                               AS_OF.isoformat(), "--json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    found = json.loads(done.stdout)
    assert (found["as_of"], found["since"], found["organisation"]) == (
        "2025-06-30",
        "2025-06-01",
        None,
    )
    assert found["alerts"] == [
        _alert("sole_tie_leaving", "2025-07-15", ACME,
               [("vera", "Vera Lind", "director"), ("bob", "Bob de Wit", "colleague")],
               "Bob de Wit is the only one of us who knows Vera Lind (Board member, Acme) through"
               " business or better (business), and leaves us on 2025-07-15.",
               "Before 2025-07-15, ask Bob de Wit to introduce a colleague to Vera Lind."),
        _alert("director_moved", "2025-06-25", ACME,
               [("piet", "Piet Kok", "director"), ("dan", "Dan Ek", "colleague")],
               "Piet Kok, who was CFO of Acme, shows up at Nova (prospect) on 2025-06-25: a new"
               " job there.",
               "Ask Dan Ek, who knows them through business, to congratulate Piet Kok (a warm"
               " lead into Nova).", NOVA),
        _alert("agenda_overdue", "2025-06-21", BETA,
               [("yuri", "Yuri Baan", "director"), ("ann", "Ann Smit", "colleague")],
               "Yuri Baan (CEO, Beta): Ann Smit's personal tie has been silent 70 days, overdue"
               " since 2025-06-21 (their role's cadence: 60 days).",
               "Ann Smit: get in touch with Yuri Baan this week."),
        _alert("director_left", "2025-06-20", ACME,
               [("piet", "Piet Kok", "director"), ("dan", "Dan Ek", "colleague")],
               "Piet Kok, CFO of Acme, left on 2025-06-20.",
               "Ask Dan Ek, who knows them through business, to stay in touch with Piet Kok and"
               " learn where they go; meet their successor at Acme."),
        _alert("director_moved", "2025-06-20", BETA,
               [("xena", "Xena Stone", "director")],
               "Xena Stone, who is CFO of Beta, shows up at Nova (prospect) on 2025-06-20: mail"
               " or calendar from xena@nova.example.",
               "Nobody of us knows Xena Stone yet: find a warm introduction, then congratulate"
               " Xena Stone (a warm lead into Nova).", NOVA),
        _alert("level_fell", "2025-06-16", ACME,
               [("rosa", "Rosa Meijer", "director"), ("ann", "Ann Smit", "colleague")],
               "Rosa Meijer (CEO, Acme): our best tie fell from personal to business; Ann"
               " Smit's tie: business: 13 business or personal conversations in the last 12 months;"
               " not personal: 1 personal conversation(s) in the last 12 months, needs 2.",
               "Ask Ann Smit to meet Rosa Meijer in person soon."),
        _alert("level_fell", "2025-06-10", BETA,
               [("walt", "Walt Roos", "director"), ("cas", "Cas Bos", "colleague")],
               "Walt Roos (Board member, Beta): our best tie fell from business to none; Cas"
               " Bos, who held it, no longer works with us.",
               "Find who of us should take over Cas Bos's tie to Walt Roos."),
        _alert("sole_tie_leaving", "2025-06-10", BETA,
               [("walt", "Walt Roos", "director"), ("cas", "Cas Bos", "colleague")],
               "Cas Bos is the only one of us who knows Walt Roos (Board member, Beta) through"
               " business or better (business), and left us on 2025-06-10.",
               "Find who of us should take over Walt Roos: Cas Bos has left."),
    ]  # fmt: skip


def test_only_what_happened_after_since_and_for_the_organisation(company: Database) -> None:
    later = alerts(company, AS_OF, date(2025, 6, 20))
    assert [(a.kind, a.date.isoformat()) for a in later.alerts] == [
        ("sole_tie_leaving", "2025-07-15"),
        ("director_moved", "2025-06-25"),
        ("agenda_overdue", "2025-06-21"),
    ]
    # nothing happened after the date asked but Bob's coming departure
    assert [a.kind for a in alerts(company, AS_OF, AS_OF).alerts] == ["sole_tie_leaving"]
    nova = alerts(company, AS_OF, SINCE, "nova")
    assert [(a.kind, a.people[0].id) for a in nova.alerts] == [
        ("director_moved", "piet"),
        ("director_moved", "xena"),
    ]


def test_no_alert_where_nothing_changed(db: Database) -> None:
    """A steady client: a personal tie in rhythm, a business one, nobody leaving or moving."""
    org(db, "us", "Us", "home")
    org(db, "acme", "Acme")
    for pid, name in [("ann", "Ann Smit"), ("bob", "Bob de Wit"), ("rosa", "Rosa Meijer"),
                      ("vera", "Vera Lind")]:  # fmt: skip
        person(db, pid, name)
    job(db, "ann", "us")
    job(db, "bob", "us")
    job(db, "rosa", "acme", "board", "CEO")
    job(db, "vera", "acme", "board", "Board member", start=date(2019, 1, 1))
    tie(db, "ann", "rosa", 3, 6.0, 10)
    tie(db, "bob", "rosa", 2, 2.5, 10)
    tie(db, "bob", "vera", 3, 6.0, 20)
    tie(db, "ann", "vera", 2, 2.5, 20)
    score_all(db)
    assert alerts(db, AS_OF, SINCE).alerts == ()
    assert alerts(db, AS_OF).alerts == ()

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database
from graphx.errors import InputError
from graphx.importers.calendar import default_horizon, import_ics
from graphx.importers.canonical import import_canonical
from graphx.repository.stats import graph_stats

DATA = Path(__file__).parents[1] / "data"
MEETINGS = DATA / "ics" / "meetings.ics"
SHARED_ICS = Path(__file__).parents[1] / "data" / "shared" / "ics"
HORIZON = date(2024, 3, 1)
runner = CliRunner()


@pytest.fixture
def crm(db: Database) -> Database:
    import_canonical(db, DATA / "canonical")
    return db


def query(db: Database, cypher: str) -> list[dict[str, object]]:
    records, _, _ = db.driver.execute_query(cypher)
    return [dict(r) for r in records]


def test_each_occurrence_with_two_people_is_a_conversation(crm: Database) -> None:
    summary = import_ics(crm, [MEETINGS], horizon=HORIZON)
    assert summary.read == {"meetings.ics": 11}
    assert summary.skipped == {"fewer than two participants": 1, "cancelled event": 1}
    assert graph_stats(crm) == {
        "organisations": 3, "people": 7, "conversations": 12, "participations": 27, "ties": 0,
    }  # fmt: skip
    assert len(summary.conversation_ids) == 9


def test_recurring_events_expand_up_to_and_including_the_horizon(crm: Database) -> None:
    import_ics(crm, [MEETINGS], horizon=date(2024, 1, 29))
    rows = query(crm, "MATCH (c:Conversation {source: 'ics'}) "
                      "RETURN c.id AS id, c.date AS date, c.duration_minutes AS minutes "
                      "ORDER BY c.date")  # fmt: skip
    uid = "weekly-review@graphx.example/"
    assert [(r["id"], r["date"].to_native(), r["minutes"]) for r in rows] == [
        (uid + "20240101T100000Z", datetime(2024, 1, 1, 10, tzinfo=UTC), 60),
        (uid + "20240108T100000Z", datetime(2024, 1, 8, 10, tzinfo=UTC), 60),
        (uid + "20240122T100000Z", datetime(2024, 1, 23, 14, tzinfo=UTC), 30),
        (uid + "20240129T100000Z", datetime(2024, 1, 29, 10, tzinfo=UTC), 60),
    ]  # fmt: skip


def test_declined_attendees_are_left_out_and_the_organizer_keeps_the_role(crm: Database) -> None:
    import_ics(crm, [MEETINGS], horizon=HORIZON)
    rows = query(crm, "MATCH (p:Person)-[r:PARTICIPATED]->(c:Conversation) "
                      "WHERE c.id STARTS WITH 'weekly-review' "
                      "RETURN p.id AS id, r.role AS role, count(*) AS n ORDER BY id")  # fmt: skip
    assert rows == [
        {"id": "ann", "role": "organizer", "n": 8},
        {"id": "cfo", "role": "attendee", "n": 8},
    ]


def test_categories_set_kind_and_depth_and_time_zones_become_utc(crm: Database) -> None:
    import_ics(crm, [MEETINGS], horizon=HORIZON)
    rows = query(crm, "MATCH (c:Conversation {id: 'dinner@graphx.example/20240214T193000Z'}) "
                      "RETURN c.kind AS kind, c.depth AS depth, c.duration_minutes AS minutes, "
                      "c.participants AS n, c.subject AS subject")  # fmt: skip
    assert rows == [
        {"kind": "meal", "depth": "personal", "minutes": 150, "n": 3,
         "subject": "Dinner at the club"},
    ]  # fmt: skip
    guest = query(crm, "MATCH (p:Person {id: 'email:guest@contoso.example'})-[:WORKS_AT]->(o) "
                       "RETURN p.name AS name, o.id AS org")  # fmt: skip
    assert guest == [{"name": "New Guest", "org": "contoso"}]


def test_reimporting_the_same_calendar_changes_nothing(crm: Database) -> None:
    import_ics(crm, [MEETINGS], horizon=HORIZON)
    before = graph_stats(crm)
    again = import_ics(crm, [MEETINGS], horizon=HORIZON)
    assert graph_stats(crm) == before
    assert sum(again.created.values()) == 0
    assert sum(again.updated.values()) == 0


def test_the_default_horizon_is_one_year_after_today() -> None:
    assert default_horizon(date(2024, 3, 1)) == date(2025, 3, 1)


def test_a_real_exchange_invite_flagged_invalid_still_imports_its_event(db: Database) -> None:
    import_ics(db, [SHARED_ICS / "ical4j_exchange_cdo_tmeher_INVALID.ics"], horizon=HORIZON)
    assert graph_stats(db)["conversations"] == 1
    assert query(db, "MATCH (c:Conversation) RETURN c.participants AS n, c.date AS date") == [
        {"n": 3, "date": query(db, "RETURN datetime('2004-10-12T05:30:00Z') AS d")[0]["d"]}
    ]


def test_an_unreadable_calendar_fails_the_import_naming_the_file(db: Database) -> None:
    bad = SHARED_ICS / "ical4j_exchange2010_blankTzid.ics"
    with pytest.raises(InputError) as raised:
        import_ics(db, [MEETINGS, bad], horizon=HORIZON)
    assert raised.value.problems == [
        f"{bad}: calendar: not a valid calendar (mandatory TZID not found)"
    ]
    assert graph_stats(db)["conversations"] == 0


def test_real_calendars_from_several_products_import(db: Database) -> None:
    files = [*sorted(SHARED_ICS.glob("ical4j_lotusnotes_*.ics")),
             SHARED_ICS / "icaljs_recur_instances.ics"]  # fmt: skip
    summary = import_ics(db, files, horizon=date(2013, 12, 31))
    assert sum(summary.read.values()) == 52
    assert graph_stats(db)["conversations"] == 35
    before = graph_stats(db)
    import_ics(db, files, horizon=date(2013, 12, 31))
    assert graph_stats(db) == before


def test_the_cli_imports_calendars_with_a_horizon(cli_env: Path, db: Database) -> None:
    done = runner.invoke(app, ["import", "ics", str(MEETINGS), "--horizon", "2024-03-01", "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["created"]["conversations"] == 9

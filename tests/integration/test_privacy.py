"""``graphx forget`` erases a person completely; ``graphx export-person`` shows what is held."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database
from graphx.errors import NotFound
from graphx.importers.calendar import import_ics
from graphx.importers.canonical import import_canonical
from graphx.importers.mail import import_eml, import_mbox
from graphx.privacy import ERASED, export_person, forget
from graphx.sources.registry import add_source, all_sources
from graphx.sources.spec import make_spec
from graphx.ties.store import score_all, set_assessment

pytestmark = pytest.mark.neo4j
DATA = Path(__file__).parents[1] / "data"
AS_OF = date(2024, 12, 31)
CARLA = ("carla fox", "carla.fox@contoso.example")
runner = CliRunner()


def write_folder(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for stem, text in files.items():
        (folder / f"{stem}.csv").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    """Conversations that mention Carla: one without her, two with her in a group of three."""
    return write_folder(
        tmp_path / "extra",
        {
            "organisations": "id,name,kind,domain,sector\n",
            "people": "id,name,email,organisation_id,title,level,interests,opt_out\n",
            "conversations": (
                "id,date,kind,depth,duration_minutes,subject\n"
                "x1,2024-05-01,meeting,business,30,Prep for the CARLA FOX visit\n"
                "x2,2024-05-02,meal,personal,90,Lunch with Carla and team\n"
                "x3,2024-05-03,meeting,business,60,Quarterly numbers\n"
            ),
            "participants": (
                "conversation_id,person_id,role\n"
                "x1,ann,organizer\nx1,bob,attendee\n"
                "x2,ann,organizer\nx2,bob,attendee\nx2,cfo,attendee\n"
                "x3,ann,organizer\nx3,bob,attendee\nx3,cfo,attendee\n"
            ),
        },
    )


@pytest.fixture
def graph(db: Database, extra: Path) -> Database:
    """Every importer's data, scored, with assessments involving and naming Carla."""
    import_canonical(db, DATA / "canonical")
    import_mbox(db, [DATA / "mail" / "sample.mbox"])
    import_eml(db, DATA / "mail" / "eml")
    import_ics(db, [DATA / "ics" / "meetings.ics"], horizon=date(2025, 6, 30))
    import_canonical(db, extra)
    score_all(db)
    set_assessment(db, "ann", "cfo", 3, "golf every spring", "ann")
    set_assessment(db, "ann", "bob", 2, "both close to Carla Fox", "carla.fox@contoso.example")
    return db


def every_value(db: Database) -> list[str]:
    """Every property value (lists flattened) of every node and relationship, as text."""
    records, _, _ = db.driver.execute_query(
        "MATCH (n) RETURN properties(n) AS v UNION ALL MATCH ()-[r]->() RETURN properties(r) AS v"
    )
    values: list[str] = []
    for record in records:
        for value in record["v"].values():
            values.extend(str(v) for v in (value if isinstance(value, list) else [value]))
    return values


def one(db: Database, cypher: str) -> Any:
    records, _, _ = db.driver.execute_query(cypher)
    (record,) = records
    return record[0]


def test_before_forgetting_the_database_does_hold_carlas_name_and_address(
    graph: Database,
) -> None:
    text = " ".join(every_value(graph)).lower()
    assert all(term in text for term in CARLA)


def test_forgetting_leaves_no_property_anywhere_with_their_name_or_address(
    graph: Database,
) -> None:
    result = forget(graph, "Carla.Fox@Contoso.example")
    assert result.person_id == "cfo"
    leftovers = [v for v in every_value(graph) if any(t in v.lower() for t in CARLA)]
    assert leftovers == []
    assert [v for v in every_value(graph) if "carla" in v.lower()] == []
    assert one(graph, "MATCH (n) WHERE n.id = 'cfo' RETURN count(n)") == 0
    assert one(graph, "MATCH (e:Email) WHERE e.address CONTAINS 'carla' RETURN count(e)") == 0


def test_forgetting_drops_conversations_left_with_one_person_and_recounts_the_rest(
    graph: Database,
) -> None:
    with_her = set(
        one(graph, "MATCH (:Person {id: 'cfo'})-[:PARTICIPATED]->(c) RETURN collect(c.id)")
    )
    result = forget(graph, "cfo")
    assert result.conversations_deleted | result.conversations_recounted == with_her
    assert {"c1", "c2"} <= result.conversations_deleted
    assert {"x2", "x3"} <= result.conversations_recounted
    assert one(graph, "MATCH (c:Conversation) WHERE c.participants < 2 RETURN count(c)") == 0
    assert (
        one(
            graph,
            "MATCH (c:Conversation) WHERE c.participants <> COUNT { (c)<-[:PARTICIPATED]-() } "
            "RETURN count(c)",
        )
        == 0
    )
    records, _, _ = graph.driver.execute_query(
        "MATCH (c:Conversation) WHERE c.id IN ['x1', 'x2', 'x3'] "
        "RETURN c.id AS id, c.subject AS subject, c.participants AS participants"
    )
    kept = {r["id"]: (r["subject"], r["participants"]) for r in records}
    assert kept == {
        "x1": (None, 2), "x2": (None, 2), "x3": ("Quarterly numbers", 2),
    }  # fmt: skip


def test_forgetting_removes_ties_assessments_and_jobs_and_scrubs_other_assessments(
    graph: Database,
) -> None:
    ties_before = one(graph, "MATCH (:Person {id: 'cfo'})-[t:TIE]-() RETURN count(t)")
    result = forget(graph, "cfo")
    assert (result.addresses, result.employments, result.assessments) == (1, 2, 1)
    assert result.ties == ties_before > 0
    assert result.assessments_scrubbed == 1
    assert graph.read("privacy.assessments", id="bob")[0] | {"at": None} == {
        "person_id": "ann", "name": "Ann Archer", "level": 2, "reason": ERASED, "by": ERASED,
        "at": None,
    }  # fmt: skip


def test_forgetting_an_opted_out_marker_removes_it_and_its_addresses(graph: Database) -> None:
    result = forget(graph, "eve@contoso.example")
    assert (result.person_id, result.addresses, result.participations) == ("eve", 1, 0)
    assert one(graph, "MATCH (e:Email {address: 'eve@contoso.example'}) RETURN count(e)") == 0


def test_forgetting_someone_unknown_is_not_found_and_changes_nothing(graph: Database) -> None:
    before = every_value(graph)
    with pytest.raises(NotFound, match=r"nobody@nowhere\.example"):
        forget(graph, "nobody@nowhere.example")
    assert sorted(every_value(graph)) == sorted(before)


def test_export_person_holds_everything_about_them(db: Database) -> None:
    import_canonical(db, DATA / "canonical")
    score_all(db)
    set_assessment(db, "ann", "cfo", 3, "golf every spring", "ann")
    held = export_person(db, "carla.fox@contoso.example")
    assert held["person"] == {
        "id": "cfo", "name": "Carla Fox", "title": "CFO", "level": "executive",
        "interests": ["art"], "opt_out": False,
    }  # fmt: skip
    assert held["addresses"] == ["carla.fox@contoso.example"]
    assert held["employments"] == [
        {"organisation_id": "fabrikam", "organisation": "Fabrikam", "title": "Controller",
         "level": "manager", "from": date(2015, 1, 1), "until": date(2019, 12, 31),
         "current": False},
        {"organisation_id": "contoso", "organisation": "Contoso", "title": "CFO",
         "level": "executive", "from": date(2020, 1, 1), "until": None, "current": True},
    ]  # fmt: skip
    assert held["participations"] == [
        {"conversation_id": "c1", "date": datetime(2024, 3, 1, tzinfo=UTC), "kind": "meal",
         "depth": "personal", "duration_minutes": 120, "subject": "Dinner with Carla",
         "source": "csv", "participants": 2, "role": "attendee"},
        {"conversation_id": "c2", "date": datetime(2024, 3, 5, 9, tzinfo=UTC),
         "kind": "meeting", "depth": "business", "duration_minutes": 60,
         "subject": "Quarterly review", "source": "csv", "participants": 2,
         "role": "attendee"},
    ]  # fmt: skip
    assert sorted((t["person_id"], t["name"]) for t in held["ties"]) == [
        ("ann", "Ann Archer"), ("bob", "Bob Baker"),
    ]  # fmt: skip
    assert all(t["tie"]["level"] >= 1 and t["tie"]["conversations"] == 1 for t in held["ties"])
    assert [(a["person_id"], a["level"], a["reason"], a["by"]) for a in held["assessments"]] == [
        ("ann", 3, "golf every spring", "ann")
    ]


def test_graphx_export_person_prints_json_and_forget_needs_yes(cli_env: Path) -> None:
    assert runner.invoke(app, ["import", "csv", str(DATA / "canonical")]).exit_code == 0
    shown = runner.invoke(app, ["export-person", "bob@graphx.example"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["person"]["name"] == "Bob Baker"

    refused = runner.invoke(app, ["forget", "bob"])
    assert refused.exit_code == 2
    done = runner.invoke(app, ["forget", "bob", "--yes", "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout) == {
        "person_id": "bob", "addresses": 1, "participations": 2, "ties": 0, "assessments": 0,
        "employments": 1, "conversations_deleted": 1, "conversations_recounted": 1,
        "subjects_cleared": 0, "assessments_scrubbed": 0, "requests": 0,
        "request_notes_scrubbed": 0, "sources_removed": [],
    }  # fmt: skip
    gone = runner.invoke(app, ["export-person", "bob"])
    assert isinstance(gone.exception, NotFound)


def test_export_person_shows_and_forget_stops_the_live_sources_reading_their_mailbox(
    graph: Database,
) -> None:
    own = make_spec("carla-mail", "imap", "imaps://mail.contoso.example",
                    user="Carla.Fox@contoso.example", password_env="CARLA_PW")  # fmt: skip
    other = make_spec("team-cal", "caldav", "https://dav.contoso.example/", user="team",
                      password_env="TEAM_PW")  # fmt: skip
    add_source(graph, own)
    add_source(graph, other)
    assert export_person(graph, "carla.fox@contoso.example")["sources"] == [
        {"name": "carla-mail", "kind": "imap", "url": "imaps://mail.contoso.example",
         "user": "Carla.Fox@contoso.example"},
    ]  # fmt: skip
    result = forget(graph, "carla.fox@contoso.example")
    assert result.sources == ("carla-mail",)
    assert [s.spec.name for s in all_sources(graph)] == ["team-cal"]
    assert "carla" not in " ".join(every_value(graph)).lower()

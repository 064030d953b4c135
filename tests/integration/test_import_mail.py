from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from email import message_from_binary_file
from email.utils import getaddresses
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database
from graphx.errors import InputError
from graphx.importers.canonical import import_canonical
from graphx.importers.mail import import_eml, import_mbox
from graphx.repository.stats import graph_stats

DATA = Path(__file__).parents[1] / "data"
MBOX = DATA / "mail" / "sample.mbox"
EML = DATA / "mail" / "eml"
SHARED = Path(__file__).parents[1] / "data" / "shared"
ENRON = SHARED / "enron_small"
PERCEVAL = SHARED / "mbox_perceval"
runner = CliRunner()


@pytest.fixture
def crm(db: Database) -> Database:
    """The graph after the canonical fixture: Ann, Bob, Carla (cfo), Dan, opted-out Eve."""
    import_canonical(db, DATA / "canonical")
    return db


def query(db: Database, cypher: str) -> list[dict[str, object]]:
    records, _, _ = db.driver.execute_query(cypher)
    return [dict(r) for r in records]


def participants(db: Database, conversation_id: str) -> dict[str, str]:
    records, _, _ = db.driver.execute_query(
        "MATCH (p:Person)-[r:PARTICIPATED]->(:Conversation {id: $id}) "
        "RETURN p.id AS id, r.role AS role",
        id=conversation_id,
    )
    return {r["id"]: r["role"] for r in records}


def test_an_mbox_imports_one_conversation_per_message_with_exact_counts(crm: Database) -> None:
    summary = import_mbox(crm, [MBOX])
    assert summary.read == {"sample.mbox": 6}
    assert summary.skipped == {"participant opted out": 1, "fewer than two participants": 1}
    assert graph_stats(crm) == {
        "organisations": 3, "people": 33, "conversations": 8, "participations": 44, "ties": 0,
    }  # fmt: skip
    assert len(summary.conversation_ids) == 5
    assert participants(crm, "<dinner.1@graphx.example>") == {
        "ann": "organizer", "cfo": "attendee",
        "email:newbie@mail.contoso.example": "attendee",
        "email:stranger@unknown.example": "attendee",
    }  # fmt: skip


def test_mail_conversations_carry_date_depth_size_and_source(crm: Database) -> None:
    import_mbox(crm, [MBOX])
    rows = query(crm, "MATCH (c:Conversation {source: 'mbox'}) RETURN c.id AS id, "
                      "c.date AS date, c.depth AS depth, c.participants AS n, c.kind AS kind "
                      "ORDER BY c.date")  # fmt: skip
    assert {r["kind"] for r in rows} == {"email"}
    assert [(r["id"], r["date"].to_native(), r["depth"], r["n"]) for r in rows] == [
        ("<dinner.1@graphx.example>", datetime(2024, 3, 4, 9, tzinfo=UTC), "business", 4),
        ("<news.2@lists.example>", datetime(2024, 3, 5, 9, tzinfo=UTC), "outside", 2),
        (rows[2]["id"], datetime(2024, 3, 6, 9, tzinfo=UTC), "business", 2),
        ("<optout.4@graphx.example>", datetime(2024, 3, 7, 9, tzinfo=UTC), "business", 2),
        ("<reception.6@graphx.example>", datetime(2024, 3, 9, 9, tzinfo=UTC), "outside", 26),
    ]  # fmt: skip
    assert str(rows[2]["id"]).startswith("mail:") and len(str(rows[2]["id"])) == 37


def test_addresses_match_existing_people_in_any_case(crm: Database) -> None:
    import_mbox(crm, [MBOX])
    assert query(crm, "MATCH (p:Person {id: 'ann'})-[:HAS_EMAIL]->(e) RETURN count(e) AS n") == [
        {"n": 2}
    ]
    assert query(crm, "MATCH (p:Person) WHERE p.id STARTS WITH 'email:ann' RETURN p") == []


def test_unknown_addresses_create_people_at_the_organisation_of_their_domain(
    crm: Database,
) -> None:
    import_mbox(crm, [MBOX])
    rows = query(crm, "MATCH (p:Person) WHERE p.id IN ['email:newbie@mail.contoso.example', "
                      "'email:stranger@unknown.example'] OPTIONAL MATCH (p)-[w:WORKS_AT]->(o) "
                      "RETURN p.id AS id, p.name AS name, o.id AS org, w.current AS current "
                      "ORDER BY id")  # fmt: skip
    assert rows == [
        {"id": "email:newbie@mail.contoso.example", "name": "Néwbie Neu", "org": "contoso",
         "current": True},
        {"id": "email:stranger@unknown.example", "name": "Stranger", "org": None, "current": None},
    ]  # fmt: skip


def test_opted_out_people_take_part_in_nothing(crm: Database) -> None:
    import_mbox(crm, [MBOX])
    assert query(crm, "MATCH (p:Person {id: 'eve'})-[r]-() RETURN type(r) AS t") == [
        {"t": "HAS_EMAIL"}
    ]
    assert participants(crm, "<optout.4@graphx.example>") == {"bob": "organizer", "cfo": "attendee"}


def test_no_body_text_reaches_the_database(crm: Database) -> None:
    import_mbox(crm, [MBOX])
    import_eml(crm, EML)
    texts = query(
        crm,
        "MATCH (n) RETURN properties(n) AS v UNION ALL MATCH ()-[r]->() RETURN properties(r) AS v",
    )
    values = [str(value) for row in texts for value in row["v"].values()]  # type: ignore[attr-defined]
    assert "Dinner next week" in values
    assert not [v for v in values if "BODYTOKEN" in v or "dinner?" in v]


def test_reimporting_the_same_mail_changes_nothing(crm: Database) -> None:
    import_mbox(crm, [MBOX])
    import_eml(crm, EML)
    before = graph_stats(crm)
    again = import_mbox(crm, [MBOX])
    assert graph_stats(crm) == before
    assert sum(again.created.values()) == 0
    assert again.unchanged["participations"] == 36


def test_a_message_found_in_two_sources_is_one_conversation(crm: Database) -> None:
    import_mbox(crm, [MBOX])
    summary = import_eml(crm, EML)
    assert summary.read == {"messages": 2}
    assert summary.created["conversations"] == 1
    assert graph_stats(crm)["conversations"] == 9
    assert participants(crm, "<call.7@contoso.example>") == {"cfo": "organizer", "ann": "attendee"}
    assert query(crm, "MATCH (c:Conversation {id: '<call.7@contoso.example>'}) "
                      "RETURN c.depth AS depth, c.source AS source") == [
        {"depth": "outside", "source": "eml"}
    ]  # fmt: skip


def test_the_bulk_threshold_is_configurable(crm: Database) -> None:
    import_mbox(crm, [MBOX], bulk_recipients=3)
    assert query(crm, "MATCH (c:Conversation {id: '<dinner.1@graphx.example>'}) "
                      "RETURN c.depth AS depth") == [{"depth": "outside"}]  # fmt: skip


def test_a_crm_import_takes_over_a_person_created_from_an_address(
    crm: Database, tmp_path: Path
) -> None:
    import_mbox(crm, [MBOX])
    later = tmp_path / "later"
    later.mkdir()
    (later / "organisations.csv").write_text("id,name,kind\n")
    (later / "people.csv").write_text(
        "id,name,email,organisation_id,level\n"
        "nina,Nina Neu,newbie@mail.contoso.example,contoso,board\n"
    )
    (later / "conversations.csv").write_text("id,date,kind\n")
    (later / "participants.csv").write_text("conversation_id,person_id,role\n")
    before = graph_stats(crm)
    summary = import_canonical(crm, later)
    assert graph_stats(crm) == before
    assert "<dinner.1@graphx.example>" in summary.conversation_ids
    assert participants(crm, "<dinner.1@graphx.example>")["nina"] == "attendee"
    assert query(crm, "MATCH (p:Person {id: 'nina'})-[w:WORKS_AT]->(o) "
                      "RETURN p.name AS name, o.id AS org, w.current AS current") == [
        {"name": "Nina Neu", "org": "contoso", "current": True}
    ]  # fmt: skip


def test_a_missing_mbox_is_reported_before_anything_is_written(db: Database) -> None:
    with pytest.raises(InputError, match=r"nowhere\.mbox: file: not found"):
        import_mbox(db, [MBOX, Path("nowhere.mbox")])
    assert graph_stats(db)["conversations"] == 0


def distinct_conversations(files: list[Path]) -> int:
    """Independent count: Message-IDs whose messages name at least two distinct addresses."""
    addresses: dict[str, set[str]] = defaultdict(set)
    for path in files:
        with path.open("rb") as handle:
            message = message_from_binary_file(handle)
        fields = [str(v) for h in ("From", "To", "Cc") for v in message.get_all(h, [])]
        found = {a.strip().lower() for _, a in getaddresses(fields) if "@" in a}
        addresses[str(message["Message-ID"]).strip()] |= found
    return sum(1 for found in addresses.values() if len(found) >= 2)


def test_the_enron_sample_imports_one_conversation_per_distinct_message_id(db: Database) -> None:
    files = sorted(ENRON.iterdir())
    expected = distinct_conversations(files)
    assert expected == 759
    summary = import_eml(db, ENRON)
    assert summary.read == {"messages": 801}
    assert graph_stats(db)["conversations"] == expected
    assert summary.skipped == {"fewer than two participants": 801 - expected}
    before = graph_stats(db)
    import_eml(db, ENRON)
    assert graph_stats(db) == before


def test_real_mailing_list_mboxes_import_what_they_can_and_say_why_not(db: Database) -> None:
    summary = import_mbox(db, sorted(PERCEVAL.glob("*.mbox")))
    assert sum(summary.read.values()) == 21
    assert summary.skipped == {"no valid From address": 16}
    assert graph_stats(db)["conversations"] == 5


def test_the_cli_imports_mbox_and_eml_with_a_json_summary(cli_env: Path, db: Database) -> None:
    done = runner.invoke(app, ["import", "mbox", str(MBOX), "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["created"]["conversations"] == 5
    done = runner.invoke(app, ["import", "eml", str(EML), "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["read"] == {"messages": 2}

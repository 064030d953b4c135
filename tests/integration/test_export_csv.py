"""``graphx export csv``: the exported folder rebuilds the same graph in an empty database."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database
from graphx.export import export_csv
from graphx.importers.calendar import import_ics
from graphx.importers.canonical import import_canonical
from graphx.importers.mail import import_eml, import_mbox
from graphx.importers.rows import columns
from graphx.scoring import score_all

pytestmark = pytest.mark.neo4j
DATA = Path(__file__).parents[1] / "data"
AS_OF = date(2024, 12, 31)
runner = CliRunner()


def rows(db: Database, cypher: str) -> list[tuple[Any, ...]]:
    records, _, _ = db.driver.execute_query(cypher)
    return sorted((tuple(_plain(v) for v in r.values()) for r in records), key=repr)


def _plain(value: Any) -> Any:
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, list):
        return tuple(_plain(v) for v in value)
    return value


def canonical_dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every node, relationship and property the canonical format carries, sorted.

    Not carried by the format: a conversation's ``source``; an empty interest list and no
    interests are the same. Label and type counts catch anything extra.
    """
    return {
        "labels": rows(db, "MATCH (n) RETURN labels(n) AS l, count(*) AS n"),
        "types": rows(db, "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n"),
        "organisations": rows(db, """
            MATCH (o:Organisation)
            RETURN o.id, o.name, o.kind, o.sector,
                   COLLECT { MATCH (o)-[:HAS_DOMAIN]->(d) RETURN d.name ORDER BY d.name }"""),
        "people": rows(db, """
            MATCH (p:Person)
            RETURN p.id, p.name, p.title, p.level, coalesce(p.interests, []), p.opt_out,
                   COLLECT { MATCH (p)-[:HAS_EMAIL]->(e) RETURN e.address ORDER BY e.address },
                   [k IN keys(p) WHERE NOT k IN
                    ['id', 'name', 'title', 'level', 'interests', 'opt_out']]"""),
        "jobs": rows(db, """
            MATCH (p:Person)-[w:WORKS_AT]->(o:Organisation)
            RETURN p.id, o.id, w.current, w.title, w.level, w.from, w.until"""),
        "conversations": rows(db, """
            MATCH (c:Conversation)
            RETURN c.id, c.date, c.kind, c.depth, c.duration_minutes, c.subject,
                   c.participants"""),
        "participations": rows(db, """
            MATCH (p:Person)-[r:PARTICIPATED]->(c:Conversation)
            RETURN p.id, c.id, r.role"""),
    }  # fmt: skip


def ties(db: Database) -> list[tuple[Any, ...]]:
    return rows(
        db,
        "MATCH (a)-[t:TIE]->(b) RETURN a.id, b.id, t.level, round(t.strength, 9), "
        "t.conversations, t.first_contact, t.last_contact, t.components",
    )


@pytest.fixture
def mixed(db: Database) -> Database:
    """A graph from every importer: CRM folder (with an opt-out), mail and a calendar."""
    import_canonical(db, DATA / "canonical")
    import_mbox(db, [DATA / "mail" / "sample.mbox"])
    import_eml(db, DATA / "mail" / "eml")
    import_ics(db, [DATA / "ics" / "meetings.ics"], horizon=date(2025, 6, 30))
    return db


def test_an_exported_graph_imports_into_an_empty_database_identically(
    mixed: Database, tmp_path: Path
) -> None:
    before = canonical_dump(mixed)
    score_all(mixed, AS_OF)
    ties_before = ties(mixed)
    counts = export_csv(mixed, tmp_path)
    assert counts["people"] == len(before["people"])
    assert counts["conversations"] == len(before["conversations"])
    assert counts["participants"] == len(before["participations"])

    mixed.run_in_autocommit("db.delete_all")
    import_canonical(mixed, tmp_path)
    assert canonical_dump(mixed) == before
    score_all(mixed, AS_OF)
    assert ties(mixed) == ties_before
    assert ties_before


def test_the_exported_files_have_the_canonical_headers_and_multi_values(
    mixed: Database, tmp_path: Path
) -> None:
    export_csv(mixed, tmp_path)
    for stem in ("organisations", "people", "conversations", "participants", "employments"):
        with (tmp_path / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
            assert tuple(next(csv.reader(handle))) == columns(stem)
    with (tmp_path / "people.csv").open(encoding="utf-8", newline="") as handle:
        people = {row["id"]: row for row in csv.DictReader(handle)}
    assert people["ann"]["email"] == "ann.archer@gmail.example;ann@graphx.example"
    assert people["ann"]["interests"] == "golf;sailing"
    with (tmp_path / "organisations.csv").open(encoding="utf-8", newline="") as handle:
        orgs = {row["id"]: row for row in csv.DictReader(handle)}
    assert orgs["home"]["domain"] == "graphx-consulting.example;graphx.example"


def test_an_opted_out_person_is_exported_as_a_marker_without_participations(
    mixed: Database, tmp_path: Path
) -> None:
    export_csv(mixed, tmp_path)
    with (tmp_path / "people.csv").open(encoding="utf-8", newline="") as handle:
        eve = next(row for row in csv.DictReader(handle) if row["id"] == "eve")
    assert eve == {
        "id": "eve", "name": "", "email": "eve@contoso.example", "organisation_id": "",
        "title": "", "level": "", "interests": "", "opt_out": "true",
    }  # fmt: skip
    for stem in ("participants", "employments"):
        text = (tmp_path / f"{stem}.csv").read_text(encoding="utf-8")
        assert ",eve," not in text and "\neve," not in text


def test_the_current_jobs_start_survives_the_round_trip(mixed: Database, tmp_path: Path) -> None:
    export_csv(mixed, tmp_path)
    with (tmp_path / "employments.csv").open(encoding="utf-8", newline="") as handle:
        carla = sorted(
            tuple(row.values()) for row in csv.DictReader(handle) if row["person_id"] == "cfo"
        )
    assert carla == [
        ("cfo", "contoso", "CFO", "executive", "2020-01-01", ""),
        ("cfo", "fabrikam", "Controller", "manager", "2015-01-01", "2019-12-31"),
    ]


def test_graphx_export_csv_prints_the_rows_per_file(cli_env: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["import", "csv", str(DATA / "canonical")]).exit_code == 0
    done = runner.invoke(app, ["export", "csv", str(tmp_path / "out"), "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["rows"] == {
        "organisations": 3, "people": 6, "conversations": 3, "participants": 8,
        "employments": 2,
    }  # fmt: skip

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database
from graphx.errors import InputError, NotFound
from graphx.importers.canonical import import_canonical
from graphx.importers.mail import import_mbox
from graphx.merging import merge_people
from graphx.repository.stats import graph_stats

DATA = Path(__file__).parents[1] / "data"
DINNER = "<dinner.1@graphx.example>"
NEWBIE = "email:newbie@mail.contoso.example"
runner = CliRunner()


@pytest.fixture
def graph(db: Database) -> Database:
    """The canonical fixture plus the sample mbox (Newbie took part in the dinner mail)."""
    import_canonical(db, DATA / "canonical")
    import_mbox(db, [DATA / "mail" / "sample.mbox"])
    return db


def query(db: Database, cypher: str, **params: object) -> list[dict[str, object]]:
    records, _, _ = db.driver.execute_query(cypher, params)
    return [dict(r) for r in records]


def test_merging_moves_participations_and_addresses_and_deletes_the_duplicate(
    graph: Database,
) -> None:
    before = graph_stats(graph)
    result = merge_people(graph, "Carla.Fox@CONTOSO.example", "newbie@mail.contoso.example")
    assert (result.keep, result.drop, result.opt_out) == ("cfo", NEWBIE, False)
    assert result.conversation_ids == {DINNER}
    after = graph_stats(graph)
    assert after["people"] == before["people"] - 1
    assert after["participations"] == before["participations"] - 1
    assert query(graph, "MATCH (p:Person {id: $id}) RETURN p", id=NEWBIE) == []
    addresses = query(graph, "MATCH (:Person {id: 'cfo'})-[:HAS_EMAIL]->(e) "
                             "RETURN e.address AS a ORDER BY a")  # fmt: skip
    assert addresses == [{"a": "carla.fox@contoso.example"}, {"a": "newbie@mail.contoso.example"}]
    assert query(
        graph, "MATCH (c:Conversation {id: $id}) RETURN c.participants AS n", id=DINNER
    ) == [{"n": 3}]


def test_merging_moves_jobs_and_fills_missing_properties(graph: Database) -> None:
    merge_people(graph, "email:stranger@unknown.example", NEWBIE)
    rows = query(graph, "MATCH (p:Person {id: 'email:stranger@unknown.example'})"
                        "-[w:WORKS_AT]->(o) RETURN p.name AS name, o.id AS org, "
                        "w.current AS current")  # fmt: skip
    assert rows == [{"name": "Stranger", "org": "contoso", "current": True}]
    participations = query(
        graph,
        "MATCH (p:Person {id: 'email:stranger@unknown.example'})-[r:PARTICIPATED]->(c) "
        "RETURN c.id AS id, r.role AS role",
    )
    assert participations == [{"id": DINNER, "role": "attendee"}]


def test_merging_an_opted_out_duplicate_turns_the_kept_person_into_a_marker(
    graph: Database,
) -> None:
    result = merge_people(graph, "cfo", "eve")
    assert result.opt_out is True
    assert query(graph, "MATCH (p:Person {id: 'cfo'}) RETURN properties(p) AS props") == [
        {"props": {"id": "cfo", "opt_out": True}}
    ]
    assert query(graph, "MATCH (:Person {id: 'cfo'})-[r:PARTICIPATED|WORKS_AT]-() RETURN r") == []
    assert query(graph, "MATCH (c:Conversation {id: 'c1'}) RETURN c.participants AS n") == [
        {"n": 1}
    ]


def test_merging_a_person_with_themselves_or_a_stranger_is_refused(graph: Database) -> None:
    before = graph_stats(graph)
    with pytest.raises(InputError):
        merge_people(graph, "cfo", "carla.fox@contoso.example")
    with pytest.raises(NotFound, match=r"'nobody@nowhere\.example'"):
        merge_people(graph, "cfo", "nobody@nowhere.example")
    assert graph_stats(graph) == before


def test_the_cli_merges_two_people(cli_env: Path, graph: Database) -> None:
    done = runner.invoke(app, ["people", "merge", "cfo", NEWBIE, "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout) == {
        "keep": "cfo", "drop": NEWBIE, "opt_out": False, "conversations_touched": 1,
    }  # fmt: skip

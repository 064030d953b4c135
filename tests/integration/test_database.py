from __future__ import annotations

import json
from pathlib import Path

import pytest
from neo4j.exceptions import ConstraintError
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database, apply_schema
from graphx.errors import QueryFileError
from graphx.repository.stats import graph_stats

runner = CliRunner()


def test_a_written_node_reads_back_through_a_named_query(db: Database) -> None:
    db.driver.execute_query("CREATE (:Organisation {id: 'o1', name: 'Acme', kind: 'client'})")
    assert graph_stats(db) == {
        "organisations": 1, "people": 0, "conversations": 0, "participations": 0, "ties": 0,
    }  # fmt: skip


def test_a_duplicate_id_violates_the_uniqueness_constraint(db: Database) -> None:
    db.driver.execute_query("CREATE (:Person {id: 'p1'})")
    with pytest.raises(ConstraintError):
        db.driver.execute_query("CREATE (:Person {id: 'p1'})")
    assert graph_stats(db)["people"] == 1


def test_two_people_cannot_share_an_email_address(db: Database) -> None:
    db.driver.execute_query("CREATE (:Email {address: 'a@x.com'})")
    with pytest.raises(ConstraintError):
        db.driver.execute_query("CREATE (:Email {address: 'a@x.com'})")


def test_applying_the_schema_twice_changes_nothing(db: Database) -> None:
    def names() -> set[str]:
        records, _, _ = db.driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name")
        indexes, _, _ = db.driver.execute_query("SHOW INDEXES YIELD name RETURN name")
        return {r["name"] for r in records} | {r["name"] for r in indexes}

    before = names()
    apply_schema(db)
    assert names() == before
    assert {"person_id", "email_address", "conversation_date", "tie_store_id"} <= before


def test_a_query_called_with_the_wrong_parameters_is_refused(db: Database) -> None:
    with pytest.raises(QueryFileError, match="declares"):
        db.read("stats.counts", unexpected=1)


def test_stats_json_on_an_empty_database_prints_zero_counts(cli_env: Path) -> None:
    result = runner.invoke(app, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "organisations": 0, "people": 0, "conversations": 0, "participations": 0, "ties": 0,
        "ties_settings": None, "ties_scored_as_of": None, "ties_complete": False,
    }  # fmt: skip


def test_reset_refuses_without_yes_and_empties_the_database_with_it(
    cli_env: Path, db: Database
) -> None:
    db.driver.execute_query("UNWIND range(1, 25) AS i CREATE (:Person {id: toString(i)})")
    refused = runner.invoke(app, ["db", "reset"])
    assert refused.exit_code == 2
    assert graph_stats(db)["people"] == 25
    done = runner.invoke(app, ["db", "reset", "--yes"])
    assert done.exit_code == 0, done.output
    assert graph_stats(db)["people"] == 0

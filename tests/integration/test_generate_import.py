"""The generated small company imports into Neo4j with exactly the counts of its files, and
the ties its import scored equal those of a full scoring."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database
from graphx.ties.model import Config
from graphx.ties.store import until
from graphx.ties.vectorised import contacts_from_conversations, score_contacts
from tests.integration.support import rows

pytestmark = pytest.mark.neo4j
runner = CliRunner()


def test_the_small_company_imports_with_the_counts_of_its_files(
    cli_env: Path, db: Database, tmp_path: Path
) -> None:
    made = runner.invoke(app, ["generate", "--scale", "small", "--seed", "5", "--out",
                               str(tmp_path), "--json"])  # fmt: skip
    assert made.exit_code == 0, made.output
    counts = json.loads(made.stdout)["counts"]

    imported = runner.invoke(app, ["import", "csv", str(tmp_path), "--json"])
    assert imported.exit_code == 0, imported.output
    stats = runner.invoke(app, ["stats", "--json"])
    assert stats.exit_code == 0, stats.output

    scored = json.loads(imported.stdout)["scoring"]
    assert scored["stored"] == sum(scored["pairs_per_level"].values()) - scored[
        "pairs_per_level"
    ].get("none", 0)
    assert scored["stored"] > 1000
    assert json.loads(stats.stdout) == {
        "organisations": counts["organisations"],
        "people": counts["people"],
        "conversations": counts["conversations"],
        "participations": counts["participants"] - counts["opted_out_participations"],
        "ties": scored["stored"],
    }

    as_of, config = date.fromisoformat(scored["as_of"]), Config.default()
    stream = db.stream("ties.conversations", until=until(as_of))
    contacts = contacts_from_conversations(stream, int(until(as_of).timestamp()), config)
    full = score_contacts(contacts, as_of, config)
    assert rows(db, "MATCH (a)-[t:TIE]->(b) RETURN a.id, b.id, t.level, round(t.strength, 9)") == (
        sorted(((r[0], r[1], r[2], round(r[3], 9)) for r in full.rows()), key=repr)
    )

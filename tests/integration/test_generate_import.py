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
from graphx.ties.vectorised import read_conversations, score_contacts
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
    assert scored["full"] is True  # a first import touches every conversation
    levels = scored["pairs_per_level"]
    assert scored["stored"] >= levels["business"] + levels["personal"] + levels["trusted"] > 300
    config = Config.default()
    assert json.loads(stats.stdout) == {
        "organisations": counts["organisations"],
        "people": counts["people"],
        "conversations": counts["conversations"],
        "participations": counts["participants"] - counts["opted_out_participations"],
        "ties": scored["stored"],
        "ties_settings": config.fingerprint,
        "ties_scored_as_of": date.today().isoformat(),
        "ties_complete": True,
    }

    # the stored ties are the pairs of the whole history that carry weight, scored alike
    full = score_contacts(
        read_conversations(db.stream("conversations.every", until=None), config).contacts(),
        None,
        config,
    )
    kept = full.rows(full.weighty())
    assert rows(db, "MATCH (a)-[t:TIE]->(b) RETURN a.id, b.id, t.level, t.day, t.strength") == (
        sorted(((r[0], r[1], r[2], r[5], r[3]) for r in kept), key=repr)
    )

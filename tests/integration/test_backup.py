"""``graphx db backup`` / ``graphx db restore``: a server of its own (they stop and reload it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.backup import restore
from graphx.cli import app
from graphx.db import connect
from graphx.errors import LocalServerError
from graphx.importers.canonical import import_canonical
from graphx.local_neo4j import LocalNeo4j
from graphx.repository.stats import graph_stats
from graphx.ties.store import score_all, set_assessment
from tests.integration.analytics_graph import tie
from tests.integration.support import canonical_dump, own_server, own_settings, rows, ties

pytestmark = pytest.mark.neo4j
DATA = Path(__file__).parents[1] / "data"
runner = CliRunner()


def test_data_survives_backup_reset_and_restore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    with own_server(home) as server:
        for key in [k for k in os.environ if k.startswith("NEO4J_")]:
            monkeypatch.delenv(key)
        monkeypatch.setenv("GRAPHX_HOME", str(home))
        monkeypatch.setenv("GRAPHX_NEO4J_HEAP", server.settings.neo4j_heap)
        monkeypatch.setenv("GRAPHX_NEO4J_PAGECACHE", server.settings.neo4j_pagecache)
        assessed = "MATCH (a)-[s:ASSESSED]->(b) RETURN a.id, b.id, s.level, s.reason, s.by"
        with connect(server.settings) as db:
            import_canonical(db, DATA / "canonical")
            tie(db, "ann", "cfo", 3, 6.0)  # a personal tie, so that one TIE is stored
            score_all(db)
            set_assessment(db, "ann", "cfo", 4, "twenty years of sailing", "ann")
            before = (canonical_dump(db), ties(db), rows(db, assessed))
        pid = server.status().pid

        saved = runner.invoke(app, ["db", "backup", str(tmp_path / "backups" / "graph.dump")])
        assert saved.exit_code == 0, saved.output
        assert (tmp_path / "backups" / "graph.dump").stat().st_size > 0
        assert server.status().running and server.status().pid != pid

        assert runner.invoke(app, ["db", "reset", "--yes"]).exit_code == 0
        with connect(server.settings) as db:
            assert graph_stats(db)["people"] == 0

        refused = runner.invoke(app, ["db", "restore", str(tmp_path / "backups" / "graph.dump")])
        assert refused.exit_code == 2
        restored = runner.invoke(
            app, ["db", "restore", str(tmp_path / "backups" / "graph.dump"), "--yes"]
        )
        assert restored.exit_code == 0, restored.output
        with connect(server.settings) as db:
            assert (canonical_dump(db), ties(db), rows(db, assessed)) == before
            assert before[1] and before[2]


def test_restoring_a_missing_file_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(LocalServerError, match=r"nothing\.dump: no such backup file"):
        restore(LocalNeo4j(own_settings(tmp_path)), tmp_path / "nothing.dump")

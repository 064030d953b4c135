"""``graphx import csv DIR --initial``: the bulk load gives the graph the online import gives.

A server of its own, since the bulk load stops and restarts it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database, connect, delete_all
from graphx.export import export_csv
from graphx.generate import generate
from graphx.importers import canonical
from graphx.importers.canonical import import_canonical
from graphx.importers.initial import import_initial
from graphx.local_neo4j import LocalNeo4j
from graphx.repository.stats import graph_stats
from graphx.ties.store import score_all
from tests.integration.support import GRAPHX, own_server, rows, ties

pytestmark = pytest.mark.neo4j
CANONICAL = Path(__file__).parents[1] / "data" / "canonical"
runner = CliRunner()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    with own_server(tmp_path_factory.mktemp("initial") / "home") as started:
        yield started


@pytest.fixture
def local(server: LocalNeo4j, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """The CLI pointed at the module's server, its database emptied before and after."""
    for key in [k for k in os.environ if k.startswith("NEO4J_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("GRAPHX_HOME", str(server.settings.home))
    monkeypatch.setenv("GRAPHX_NEO4J_HEAP", server.settings.neo4j_heap)
    monkeypatch.setenv("GRAPHX_NEO4J_PAGECACHE", server.settings.neo4j_pagecache)
    server.start()
    with connect(server.settings) as db:
        delete_all(db)
        yield db
    server.start()
    with connect(server.settings) as db:
        delete_all(db)


def graphx(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed command's run with ``args``."""
    return subprocess.run([str(GRAPHX), *args], capture_output=True, text=True, check=False)


def everything(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every node and relationship but the stored ties, with all its properties, their types
    and, for date-times, their zones; the schema: what would tell two graphs apart."""
    properties = (
        "COLLECT { UNWIND keys(x) AS k RETURN [k, x[k], valueType(x[k]), CASE WHEN x[k] IS :: "
        "ZONED DATETIME THEN toString(x[k]) END] ORDER BY k } AS properties"
    )
    key = "coalesce({}.id, {}.name, {}.address)"
    return {
        "nodes": rows(db, f"MATCH (x) WHERE NOT x:TieStore RETURN labels(x), {properties}"),
        "relationships": rows(
            db,
            f"MATCH (a)-[x]->(b) WHERE NOT x:TIE RETURN {key.format('a', 'a', 'a')}, type(x), "
            f"{key.format('b', 'b', 'b')}, {properties}",
        ),
        "constraints": rows(db, "SHOW CONSTRAINTS YIELD name RETURN name"),
        "indexes": rows(db, "SHOW INDEXES YIELD name, state RETURN name, state"),
    }


def only_in(found: list[Any], expected: list[Any]) -> tuple[list[str], list[str]]:
    """The first few items of each list that the other lacks, to show in a failure."""
    shown, wanted = set(map(repr, found)), set(map(repr, expected))
    return sorted(shown - wanted)[:3], sorted(wanted - shown)[:3]


def online(db: Database, folder: Path, exported: Path) -> tuple[Any, ...]:
    """The graph, its export and its ties after the online import of ``folder``."""
    import_canonical(db, folder)
    graph = everything(db)
    export_csv(db, exported)
    score_all(db)
    return graph_stats(db), graph, ties(db)


@pytest.fixture
def tricky(tmp_path: Path) -> Path:
    """The hand-made folder (an opt-out, past jobs, a quoted title) with a subject spanning
    lines and a conversation nobody took part in."""
    folder = tmp_path / "tricky"
    shutil.copytree(CANONICAL, folder)
    with (folder / "conversations.csv").open("a") as handle:
        handle.write('c4,2024-05-02T08:15:30.250+02:00,call,,,"Call:\nnext steps, ""soon"""\n')
        handle.write("c5,2024-05-03,email,personal,,\n")
    with (folder / "participants.csv").open("a") as handle:
        handle.write("c4,ann,organizer\nc4,cfo,attendee\n")
    return folder


@pytest.fixture(params=["tricky", "generated"])
def folder(request: pytest.FixtureRequest, tricky: Path, tmp_path: Path) -> Path:
    if request.param == "tricky":
        return tricky
    generate("small", 7, tmp_path / "generated")
    return tmp_path / "generated"


def test_the_bulk_load_gives_the_graph_the_online_import_gives(
    local: Database, server: LocalNeo4j, folder: Path, tmp_path: Path
) -> None:
    stats, graph, tied = online(local, folder, tmp_path / "online-export")
    assert tied
    delete_all(local)

    loaded = runner.invoke(app, ["import", "csv", str(folder), "--initial", "--json"])
    assert loaded.exit_code == 0, loaded.output
    with connect(server.settings) as db:
        loaded_graph = everything(db)
        for part, found in loaded_graph.items():
            assert found == graph[part], (part, only_in(found, graph[part]))
        export_csv(db, tmp_path / "initial-export")
        assert ties(db) == tied
        assert graph_stats(db) == stats
    for path in sorted((tmp_path / "online-export").iterdir()):
        assert (tmp_path / "initial-export" / path.name).read_bytes() == path.read_bytes()


def test_a_database_that_holds_data_is_refused_naming_the_online_path(
    local: Database, server: LocalNeo4j
) -> None:
    import_canonical(local, CANONICAL)
    before = graph_stats(local)
    pid = server.status().pid
    refused = graphx("import", "csv", str(CANONICAL), "--initial")
    assert refused.returncode == 8
    assert refused.stderr.strip().startswith(
        "error: --initial needs an empty database, and neo4j holds"
    )
    assert f"import with `graphx import csv {CANONICAL}`" in refused.stderr
    assert server.status().pid == pid
    with connect(server.settings) as db:
        assert graph_stats(db) == before


def test_a_remote_server_is_refused(local: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://graph.example.com:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "secret")
    refused = graphx("import", "csv", str(CANONICAL), "--initial")
    assert refused.returncode == 8
    assert refused.stderr.strip().splitlines() == [
        "error: --initial bulk-loads graphx's own local Neo4j; NEO4J_URI is set "
        f"(neo4j+s://graph.example.com:7687): import with `graphx import csv {CANONICAL}` instead"
    ]
    assert graph_stats(local)["people"] == 0


def test_a_bad_folder_is_reported_as_online_and_nothing_is_loaded(
    local: Database, server: LocalNeo4j, tricky: Path
) -> None:
    with (tricky / "participants.csv").open("a") as handle:
        handle.write("c9,ann,host\n")
    pid = server.status().pid
    failed = graphx("import", "csv", str(tricky), "--initial")
    assert failed.returncode == 7
    assert failed.stderr.splitlines()[-2:] == [
        "participants.csv:13: role: Input should be 'organizer' or 'attendee', got 'host'",
        "participants.csv:13: conversation_id: unknown conversation 'c9'",
    ]
    assert server.status().pid == pid
    assert graph_stats(local)["people"] == 0


def test_sizes_stay_exact_when_conversation_ids_share_their_hash(
    local: Database,
    server: LocalNeo4j,
    tricky: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As if every id shared its 64-bit hash with another: each conversation is counted by
    its id instead (the import runs in this process, so the stand-in holds)."""
    _, graph, _ = online(local, tricky, tmp_path / "export")
    delete_all(local)
    freeze = canonical.Keys.freeze

    def all_shared(keys: canonical.Keys) -> set[int]:
        freeze(keys)
        return set(keys._sorted.tolist())

    monkeypatch.setattr(canonical.Keys, "freeze", all_shared)
    import_initial(server, tricky)
    with connect(server.settings) as db:
        sizes = rows(db, "MATCH (c:Conversation) RETURN c.id, c.participants")
        assert sizes == [("c1", 2), ("c2", 2), ("c3", 4), ("c4", 2), ("c5", 0)]
        assert everything(db) == graph

"""``graphx db backup FILE`` / ``graphx db restore FILE``: Neo4j's own dump and load.

Neo4j Community can only dump or load a database that is stopped, and cannot stop one
database alone, so both stop the local server, run ``neo4j-admin database dump|load`` and
start the server again when it was running. A backup holds the whole database (ties,
assessments and all); a restore replaces the database entirely.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from graphx.errors import LocalServerError
from graphx.local_neo4j import LocalNeo4j


def backup(server: LocalNeo4j, target: Path | str) -> Path:
    """Dump the server's database into the file ``target`` (replaced when it exists)."""
    path = Path(target).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    database = server.settings.neo4j_database
    with tempfile.TemporaryDirectory(prefix=".graphx-dump-", dir=path.parent) as staging:
        with server.stopped():
            server.run_admin("database", "dump", database, f"--to-path={staging}")
        os.replace(Path(staging) / f"{database}.dump", path)
    return path


def restore(server: LocalNeo4j, source: Path | str) -> None:
    """Replace the server's database with the dump in the file ``source``."""
    path = Path(source).resolve()
    if not path.is_file():
        raise LocalServerError(f"{path}: no such backup file")
    database = server.settings.neo4j_database
    with tempfile.TemporaryDirectory(prefix=".graphx-load-") as staging:
        shutil.copyfile(path, Path(staging) / f"{database}.dump")
        with server.stopped():
            server.run_admin(
                "database", "load", database,
                f"--from-path={staging}", "--overwrite-destination=true",
            )  # fmt: skip

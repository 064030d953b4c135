"""``graphx db ...``, ``graphx schema`` and ``graphx stats``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from graphx.cli.common import JSON_OPTION, database, err, out, print_json, settings
from graphx.db import apply_schema, delete_all
from graphx.local_neo4j import LocalNeo4j
from graphx.model import to_json
from graphx.repository.stats import graph_stats
from graphx.ties.model import configured
from graphx.ties.store import store_state

db_app = typer.Typer(help="Run the local Neo4j server, or reset the configured database.")


def _local() -> LocalNeo4j:
    current = settings()
    if not current.uses_local_server:
        err.print(f"NEO4J_URI is set ({current.neo4j_uri}): graphx does not run its own server.")
        raise typer.Exit(2)
    return LocalNeo4j(current)


@db_app.command("start")
def db_start() -> None:
    """Start the local Neo4j (idempotent) and print its Bolt URI."""
    local = _local()
    uri = local.start()
    typer.echo(uri)


@db_app.command("stop")
def db_stop() -> None:
    """Stop the local Neo4j."""
    stopped = _local().stop()
    typer.echo("stopped" if stopped else "not running")


@db_app.command("status")
def db_status(as_json: bool = JSON_OPTION) -> None:
    """Say whether the local Neo4j runs, with its pid and URI; exit 1 when it does not."""
    status = _local().status()
    if as_json:
        print_json(
            {
                "running": status.running,
                "pid": status.pid,
                "uri": status.uri,
                "home": str(status.home),
            }
        )
    elif status.running:
        typer.echo(f"running (pid {status.pid}) at {status.uri}; data in {status.home}")
    else:
        typer.echo(f"not running; data in {status.home}")
    if not status.running:
        raise typer.Exit(1)


@db_app.command("reset")
def db_reset(yes: bool = typer.Option(False, "--yes", help="Really delete all data.")) -> None:
    """Delete all data of the configured database (refuses without --yes)."""
    if not yes:
        err.print("refusing to delete all data without --yes")
        raise typer.Exit(2)
    with database() as db:
        delete_all(db)
    typer.echo("all data deleted")


@db_app.command("backup")
def db_backup(
    file: Annotated[Path, typer.Argument(help="The dump file to write (replaced if it exists).")],
) -> None:
    """Dump the local database to FILE with neo4j-admin (stops the server meanwhile)."""
    from graphx.backup import backup

    typer.echo(f"backed up to {backup(_local(), file)}")


@db_app.command("restore")
def db_restore(
    file: Annotated[Path, typer.Argument(help="A dump written by `graphx db backup`.")],
    yes: bool = typer.Option(False, "--yes", help="Really replace all data."),
) -> None:
    """Replace the local database with FILE (stops the server meanwhile; refuses without --yes)."""
    from graphx.backup import restore

    if not yes:
        err.print("refusing to replace all data without --yes")
        raise typer.Exit(2)
    restore(_local(), file)
    typer.echo(f"restored from {file}")


def schema() -> None:
    """Apply the constraints and indexes (idempotent)."""
    with database() as db:
        apply_schema(db)
    typer.echo("schema applied")


def stats(as_json: bool = JSON_OPTION) -> None:
    """Count organisations, people, conversations, participations and stored ties, and say
    which depth settings scored the ties and when."""
    with database() as db:
        counts, state = graph_stats(db), store_state(db)
    if as_json:
        print_json(counts | to_json(state))
        return
    table = Table("what", "count")
    for key, value in counts.items():
        table.add_row(key, f"{value:,}")
    out.print(table)
    if state.settings is None:
        out.print("ties never scored: run `graphx score`")
        return
    out.print(f"ties scored with settings {state.settings} on {state.scored_as_of}")
    if not state.complete:
        out.print("conversations changed since: run `graphx score` (answers compute meanwhile)")
    elif state.settings != configured().fingerprint:
        out.print("GRAPHX_DEPTH_CONFIG differs: run `graphx score` (answers compute meanwhile)")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
    app.command("schema")(schema)
    app.command("stats")(stats)

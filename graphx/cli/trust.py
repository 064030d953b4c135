"""``graphx export csv``, ``graphx forget`` and ``graphx export-person``: thin over the library."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graphx.cli.common import JSON_OPTION, database, err, print_json

export_app = typer.Typer(help="Export the graph.", no_args_is_help=True)

PERSON = typer.Argument(..., help="The person's id or e-mail address.")


@export_app.command("csv")
def export_csv_command(
    folder: Annotated[Path, typer.Argument(help="Folder to write the canonical CSV files to.")],
    as_json: bool = JSON_OPTION,
) -> None:
    """Write the whole graph as a canonical folder (re-importable with `graphx import csv`)."""
    from graphx.export import export_csv

    with database() as db:
        counts = export_csv(db, folder)
    if as_json:
        print_json({"folder": str(folder), "rows": counts})
        return
    for stem, n in counts.items():
        typer.echo(f"{stem}.csv: {n:,} rows")


def forget_command(
    person: str = PERSON,
    yes: bool = typer.Option(False, "--yes", help="Really erase the person."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Erase a person and everything that identifies them (refuses without --yes)."""
    from graphx.privacy import forget

    if not yes:
        err.print("refusing to erase a person without --yes")
        raise typer.Exit(2)
    with database() as db:
        result = forget(db, person)
    if as_json:
        print_json(result)
        return
    typer.echo(
        f"erased {result.person_id}: {result.addresses} address(es), "
        f"{result.participations} participation(s), {result.ties} tie(s), "
        f"{result.assessments} assessment(s), {result.employments} job(s), "
        f"{result.requests} introduction request(s); "
        f"{len(result.conversations_deleted)} conversation(s) deleted, "
        f"{len(result.conversations_recounted)} recounted and their ties re-scored, "
        f"{result.subjects_cleared} subject(s) cleared."
    )


def export_person_command(person: str = PERSON) -> None:
    """Print everything held about a person as JSON (for an access request)."""
    from graphx.privacy import export_person

    with database() as db:
        print_json(export_person(db, person))


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.command("forget")(forget_command)
    app.command("export-person")(export_person_command)

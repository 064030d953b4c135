"""``graphx occasion plan|record`` and ``graphx agenda``: thin over the planning library."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from graphx.cli.common import AS_OF_OPTION, JSON_OPTION, as_of_date, database, out, print_json
from graphx.model import Level

occasion_app = typer.Typer(help="Plan an occasion chosen for the client, and record who came.")

DATE_OPTION = typer.Option(
    None, "--date", help="The occasion's date (YYYY-MM-DD).", formats=["%Y-%m-%d"]
)
CSV_OPTION = typer.Option(None, "--csv", help="Also write the invitation list to this file.")


@occasion_app.command("plan")
def plan(
    interest: str = typer.Option(..., "--interest", help="The occasion's theme: golf, sailing..."),
    capacity: int = typer.Option(20, "--capacity", min=0, help="How many guests at most."),
    on: datetime | None = DATE_OPTION,
    recent_days: int = typer.Option(
        365, "--recent-days", min=0, help="Leave out directors at such an occasion this recently."
    ),
    max_guests: int = typer.Option(3, "--max-guests-per-host", min=1, help="Host load limit."),
    csv_file: Path | None = CSV_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Whom to invite (client directors who like INTEREST, coverage first) and who hosts them."""
    from graphx.occasion import plan_occasion

    with database() as db:
        result = plan_occasion(db, interest, capacity, as_of_date(on), recent_days, max_guests)
    if csv_file is not None:
        csv_file.write_text(result.to_csv(), encoding="utf-8")
    if as_json:
        print_json(result)
        return
    out.print(
        f"[bold]{result.interest}[/] on {result.on}: {len(result.guests)} guests"
        f" ({len(result.waiting)} more waiting, {len(result.recently_met)} met recently)"
    )
    table = Table("#", "guest", "client", "host", "why")
    for g in result.guests:
        table.add_row(str(g.rank), g.name, g.organisation_name, g.host_name or "-", g.reason)
    out.print(table)
    if csv_file is not None:
        out.print(f"invitation list written to {csv_file}")


@occasion_app.command("record")
def record(
    file: Annotated[Path, typer.Argument(help="Attendance list (the plan's CSV, `attended` set).")],
    kind: str = typer.Option("event", "--kind", help="event or trip."),
    depth: str = typer.Option("personal", "--depth", help="personal, business or outside."),
    on: datetime | None = DATE_OPTION,
    subject: str | None = typer.Option(None, "--subject", help="Default: '<interest> occasion'."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Turn who came into one conversation per host's table, and re-score their ties."""
    from graphx.attendance import record_occasion

    with database() as db:
        result = record_occasion(
            db, file, kind=kind, depth=depth, on=on.date() if on else None, subject=subject
        )
    if as_json:
        print_json(result)
        return
    out.print(
        f"{result.subject} on {result.on}: {len(result.tables)} tables recorded"
        f" as {result.kind} ({result.depth})"
    )
    for line in result.skipped:
        out.print(f"skipped {line}", markup=False)
    table = Table("guest", "host", "level before", "level after")
    for c in result.changes:
        table.add_row(
            c.guest_id, c.host_id, Level(c.level_before).label, Level(c.level_after).label
        )
    out.print(table)


def agenda(
    person: str = typer.Argument(..., help="Colleague: person id or e-mail address."),
    as_of: datetime | None = AS_OF_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """A colleague's ties to client directors, and whom to contact this month and why."""
    from graphx.agenda import agenda as agenda_of
    from graphx.resolver import resolve_person

    with database() as db:
        result = agenda_of(db, resolve_person(db, person).id, as_of_date(as_of))
    if as_json:
        print_json(result)
        return
    out.print(f"[bold]{result.name}[/] as of {result.as_of}")
    contacts = Table("#", "why", "whom and why", "hint", title="Contact this month")
    for c in result.contacts:
        contacts.add_row(str(c.rank), c.why, c.reason, c.hint)
    out.print(contacts)
    ties = Table("level", "director", "client", "last contact", "status", title="Ties")
    for t in result.ties:
        last = t.last_contact.isoformat() if t.last_contact else "-"
        d = t.director
        ties.add_row(Level(t.tie.level).label, d.name, d.organisation_name, last, t.status)
    out.print(ties)


def register(app: typer.Typer) -> None:
    app.add_typer(occasion_app, name="occasion")
    app.command("agenda")(agenda)

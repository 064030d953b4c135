"""``graphx intro ask|requests|update``, ``graphx alerts`` and ``graphx digest``: thin over
the library."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from graphx.cli.analytics import intro_app
from graphx.cli.common import (
    AS_OF_OPTION,
    JSON_OPTION,
    as_of_date,
    database,
    err,
    out,
    print_json,
)
from graphx.digest import DEFAULT_SENDER, Smtp, digests, send, write_eml
from graphx.intro_requests import FILTERS, STATUSES, IntroRequest, ask, list_requests, update
from graphx.model import to_json
from graphx.resolver import resolve_person

PERSON = "Person id or e-mail address."


def _print_request(found: IntroRequest) -> None:
    out.print(f"[bold]{found.id}[/] {found.summary()}", highlight=False, soft_wrap=True)
    chain = " → ".join(found.name(p) for p in found.chain)
    out.print(
        f"  chain (strength {found.strength:.3f}): {chain}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    for step in found.steps:
        note = f": {step.note}" if step.note else ""
        out.print(
            f"  {step.on.isoformat()} {step.status}{note}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


def ask_command(
    start: str = typer.Argument(..., metavar="FROM", help="Who asks. " + PERSON),
    target: str = typer.Argument(..., metavar="TO", help="Whom they want to meet. " + PERSON),
    via: str = typer.Option(..., "--via", help="Whom they ask to introduce them. " + PERSON),
    note: str = typer.Option("", "--note", help="A note kept with the request."),
    max_hops: int = typer.Option(4, "--max-hops", min=2, max=6, help="Longest chain."),
    as_of: datetime | None = AS_OF_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record that FROM asks --via to introduce them to TO, with the chain as found."""
    day = as_of_date(as_of)
    with database() as db:
        ids = [resolve_person(db, key).id for key in (start, target, via)]
        found = ask(db, ids[0], ids[1], ids[2], note, day, max_hops)
    if as_json:
        print_json(found)
        return
    _print_request(found)


def requests_command(
    person: str | None = typer.Option(None, "--person", help="Only requests naming them."),
    status: str | None = typer.Option(None, "--status", help=f"Only these: {', '.join(FILTERS)}."),
    as_of: datetime | None = AS_OF_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Introduction requests as they stood on the date, oldest first."""
    day = as_of_date(as_of)
    with database() as db:
        person_id = resolve_person(db, person).id if person else None
        found = list_requests(db, day, person_id, status)
    if as_json:
        print_json({"as_of": day, "requests": found})
        return
    table = Table("id", "from", "via", "to", "status", "since", "stale", title=f"as of {day}")
    for r in found:
        stale = f"{r.days_since_update} days" if r.stale else ""
        table.add_row(
            r.id, r.name(r.from_id), r.name(r.via_id), r.name(r.to_id), r.status,
            r.updated.isoformat(), stale,
        )  # fmt: skip
    out.print(table)


def update_command(
    request_id: str = typer.Argument(..., metavar="ID", help="The request's id (e.g. r3)."),
    status: str = typer.Option(..., "--status", help=f"One of {', '.join(STATUSES)}."),
    note: str = typer.Option("", "--note", help="A note kept with this step."),
    as_of: datetime | None = AS_OF_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Move a request on (requested → asked → introduced → met, or declined / dropped)."""
    with database() as db:
        found = update(db, request_id, status, note, as_of_date(as_of))
    if as_json:
        print_json(found)
        return
    _print_request(found)


SINCE_OPTION = typer.Option(
    None, "--since", help="Only what happened after this date (YYYY-MM-DD; default 30 days"
    " before --as-of).", formats=["%Y-%m-%d"],
)  # fmt: skip


def alerts_command(
    since: datetime | None = SINCE_OPTION,
    organisation: str | None = typer.Option(None, "--organisation", help="Id or exact name."),
    as_of: datetime | None = AS_OF_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """What changed in client relationships since a date: ties that fell, directors who left
    or moved, sole ties leaving us, overdue agenda items; each with what to do."""
    from graphx.alerts import alerts
    from graphx.resolver import resolve_organisation

    day = as_of_date(as_of)
    with database() as db:
        org_id = resolve_organisation(db, organisation).id if organisation else None
        found = alerts(db, day, since.date() if since else None, org_id)
    if as_json:
        print_json(found)
        return
    out.print(f"Alerts from {found.since} to {day}: {len(found.alerts)}", highlight=False)
    table = Table("date", "kind", "organisation", "what happened", "what to do")
    for a in found.alerts:
        table.add_row(a.date.isoformat(), a.kind, a.organisation.name, a.text, a.action)
    out.print(table)


def digest_command(
    person: str | None = typer.Option(None, "--person", help="Only this colleague."),
    folder: Annotated[
        Path | None, typer.Option("--out", help="Write each message as DIR/*.eml.")
    ] = None,
    send_now: bool = typer.Option(False, "--send", help="Send over SMTP (--smtp)."),
    smtp: str | None = typer.Option(None, "--smtp", metavar="HOST:PORT", help="SMTP server."),
    starttls: bool = typer.Option(False, "--starttls", help="Upgrade the connection with TLS."),
    sender: str = typer.Option(DEFAULT_SENDER, "--from", help="The sender's address."),
    as_of: datetime | None = AS_OF_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Each colleague's weekly digest (agenda, introduction requests, alerts on their clients):
    sent with --send --smtp HOST:PORT (credentials from GRAPHX_SMTP_USER and
    GRAPHX_SMTP_PASSWORD), or written as .eml files with --out DIR."""
    if send_now == (folder is not None) or (send_now and not smtp):
        err.print("give --out DIR, or --send --smtp HOST:PORT")
        raise typer.Exit(2)
    day = as_of_date(as_of)
    target = Smtp.from_address(smtp, starttls, sender) if send_now and smtp else None
    if target is not None:
        target.check()
    with database() as db:
        person_id = resolve_person(db, person).id if person else None
        found = digests(db, day, person_id)
    files: list[Path | None] = [None] * len(found)
    if target is not None:
        send(found, target)
    elif folder is not None:
        files = list(write_eml(found, folder, sender))
    if as_json:
        rows = [to_json(d) for d in found]
        for row, path in zip(rows, files, strict=True):
            row["file"] = str(path) if path else None
        print_json({"as_of": day, "sent": target is not None, "digests": rows})
        return
    for d, path in zip(found, files, strict=True):
        where = f"written to {path}" if path else f"sent to {d.address}"
        out.print(f"{d.name}: {d.subject}: {where}", markup=False, highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("alerts")(alerts_command)
    app.command("digest")(digest_command)
    intro_app.command("ask")(ask_command)
    intro_app.command("requests")(requests_command)
    intro_app.command("update")(update_command)

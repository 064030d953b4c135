"""``graphx source add|list|remove`` and ``graphx sync``: live mailboxes and calendars."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from graphx.cli.common import JSON_OPTION, database, err, out, print_json
from graphx.sources.spec import make_spec

source_app = typer.Typer(help="Live sources: mailboxes (IMAP) and calendars (CalDAV).")


@source_app.command("add")
def source_add(
    name: str,
    imap: str | None = typer.Option(
        None, "--imap", help="imaps://USER@HOST[:PORT] (imap:// upgrades with STARTTLS)."
    ),
    caldav: str | None = typer.Option(None, "--caldav", help="https://HOST[:PORT]/PATH"),
    user: str | None = typer.Option(None, "--user", help="The account (else USER@ of --imap)."),
    password_env: str = typer.Option(
        ..., "--password-env", help="The environment variable holding the password or token."
    ),
    folder: Annotated[
        list[str] | None,
        typer.Option("--folder", help="An IMAP folder (repeatable; default INBOX)."),
    ] = None,
    calendar: Annotated[
        list[str] | None,
        typer.Option("--calendar", help="A calendar's name (repeatable; default: all)."),
    ] = None,
    insecure: bool = typer.Option(
        False, "--insecure", help="Plain text, no TLS: only to a loopback host (tests)."
    ),
    ca_file: str | None = typer.Option(
        None, "--ca-file", help="Trust this CA (PEM) for the server's certificate."
    ),
    oauth2: bool = typer.Option(
        False,
        "--oauth2",
        help="The variable holds an OAuth 2.0 access token (Gmail, Microsoft 365), not a password.",
    ),
) -> None:
    """Add a mailbox or calendar account to sync; its secret stays in the environment."""
    from graphx.sources.registry import add_source

    if (imap is None) == (caldav is None):
        raise typer.BadParameter("give exactly one of --imap and --caldav")
    if imap is not None:
        spec = make_spec(
            name, "imap", imap, user=user, password_env=password_env,
            folders=tuple(folder or ()), insecure=insecure, ca_file=ca_file,
            auth="oauth2" if oauth2 else "password",
        )  # fmt: skip
    else:
        spec = make_spec(
            name, "caldav", str(caldav), user=user, password_env=password_env,
            folders=tuple(calendar or ()), insecure=insecure, ca_file=ca_file,
            auth="oauth2" if oauth2 else "password",
        )  # fmt: skip
    with database() as db:
        add_source(db, spec)
    typer.echo(f"source {spec.name} ({spec.kind}) added: {spec.url} as {spec.user}")


@source_app.command("list")
def source_list(as_json: bool = JSON_OPTION) -> None:
    """Every source: address, folders, last sync and its result, items seen, last error."""
    from graphx.sources.registry import all_sources

    with database() as db:
        found = all_sources(db)
    if as_json:
        print_json({"sources": found})
        return
    table = Table("name", "kind", "url", "user", "folders", "last sync", "result", "items seen")
    for status in found:
        spec = status.spec
        table.add_row(
            spec.name, spec.kind, spec.url, spec.user, ", ".join(spec.folders) or "all",
            status.last_sync_at.strftime("%Y-%m-%d %H:%M") if status.last_sync_at else "never",
            status.last_result or "", f"{status.items_seen:,}",
        )  # fmt: skip
    out.print(table)
    for status in found:
        if status.last_error:
            out.print(f"{status.spec.name}: {status.last_error}", markup=False)


@source_app.command("remove")
def source_remove(
    name: str,
    purge: bool = typer.Option(
        False, "--purge", help="Also remove the conversations only this source delivered."
    ),
) -> None:
    """Stop syncing a source; what it imported stays unless --purge."""
    from graphx.sources.registry import remove_source

    with database() as db:
        removed = remove_source(db, name, purge)
    typer.echo(f"source {name} removed" + (f"; {removed:,} conversations purged" if purge else ""))


def sync(
    names: Annotated[list[str] | None, typer.Argument(help="Sources (default: all).")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Fetch what is new or changed in each source, import it and re-score the touched ties;
    a failing source gives its error (and a non-zero exit) and the others still sync."""
    from graphx.sources.sync import sync as run_sync

    with database() as db:
        results = run_sync(db, names or ())
    if as_json:
        print_json({"sources": results})
    else:
        table = Table("source", "fetched", "created", "updated", "removed", "skipped", "seconds")
        for r in results:
            table.add_row(
                r.name, f"{r.fetched:,}", f"{r.created:,}", f"{r.updated:,}", f"{r.removed:,}",
                f"{sum(r.skipped.values()):,}", f"{r.seconds:.1f}",
            )  # fmt: skip
        out.print(table)
    failed = [r for r in results if r.error]
    for r in failed:
        err.print(f"error: {r.error}", markup=False, highlight=False, soft_wrap=True)
    if failed:
        sys.exit(failed[0].exit_code)


def register(app: typer.Typer) -> None:
    app.add_typer(source_app, name="source")
    app.command("sync")(sync)

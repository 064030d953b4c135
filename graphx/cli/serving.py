"""``graphx serve`` and ``graphx users ...``: the dashboard and who may sign in."""

from __future__ import annotations

import contextlib
import functools
import signal
import sys

import typer

from graphx.cli.common import database, err, settings
from graphx.db import Database
from graphx.errors import ConfigError
from graphx.users import ROLES, UserStore

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
"""Hosts where plain HTTP is fine; anywhere else the session cookie is Secure by default."""
DIGEST_CHECK_SECONDS = 3600
"""How often ``serve --digest weekly`` offers the week's digests (each goes once a week)."""

users_app = typer.Typer(help="Manage who may sign in to the dashboard.")


def _store() -> UserStore:
    return UserStore(settings().users_file)


def _read_password() -> str:
    if sys.stdin.isatty():
        return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))
    return sys.stdin.readline().rstrip("\n")


@users_app.command("add")
def users_add(
    name: str,
    role: str = typer.Option(..., "--role", help=f"One of: {', '.join(ROLES)}."),
    person: str | None = typer.Option(None, "--person", help="The colleague's person id."),
) -> None:
    """Add or replace a user; the password is asked for, or read from stdin."""
    _store().add(name, role, _read_password(), person_id=person)
    typer.echo(f"user {name} ({role}) saved")


@users_app.command("remove")
def users_remove(name: str) -> None:
    """Remove a user."""
    _store().remove(name)
    typer.echo(f"user {name} removed")


@users_app.command("list")
def users_list() -> None:
    """List users and their roles."""
    store = _store()
    for name in store.names():
        user = store.get(name)
        assert user is not None
        typer.echo(f"{name}\t{user.role}\t{user.person_id or ''}")


HOST_OPTION = typer.Option("127.0.0.1", help="Address to listen on.")
PORT_OPTION = typer.Option(8050, help="Port to listen on.")


def _serve(db: Database, store: UserStore, host: str, port: int, debug: bool) -> None:
    from dashboards.answers import POLL_SECONDS
    from dashboards.app import create_app, session_secret

    current = settings()
    secure = current.cookie_secure if current.cookie_secure is not None else host not in LOOPBACK
    app = create_app(
        db, store, session_secret(current), secure_cookie=secure, warm_every=POLL_SECONDS
    )
    try:
        if debug:
            app.run(host=host, port=port, debug=True)
            return
        from waitress import serve as waitress_serve

        typer.echo(f"graphx dashboard on http://{host}:{port}/")
        waitress_serve(app.server, host=host, port=port, threads=8)
    finally:
        app.server.config["GRAPHX_WARMER"].stop()  # before the database closes


def serve(
    host: str = HOST_OPTION,
    port: int = PORT_OPTION,
    debug: bool = typer.Option(False, "--debug", help="Dash debug mode (development only)."),
    sync_every: str | None = typer.Option(
        None,
        "--sync-every",
        help="Sync every live source this often (30s, 5m, 1h), and IMAP folders at once on"
        " new mail where the server offers IDLE.",
    ),
    digest: str | None = typer.Option(
        None,
        "--digest",
        metavar="weekly",
        help="Send each colleague's digest by e-mail once a week (--smtp).",
    ),
    smtp: str | None = typer.Option(
        None, "--smtp", metavar="HOST:PORT", help="The SMTP server of --digest."
    ),
    starttls: bool = typer.Option(False, "--starttls", help="Upgrade SMTP with TLS."),
    sender: str = typer.Option("graphx@localhost", "--from", help="The digest's sender."),
) -> None:
    """Serve the dashboard with a production WSGI server (waitress); debug only with --debug."""
    from graphx.digest import Smtp, send_due_digests
    from graphx.periodic import Every
    from graphx.sources.watch import SyncLoop, parse_interval

    every = parse_interval(sync_every) if sync_every else None
    if digest not in (None, "weekly") or (digest is not None and not smtp):
        raise ConfigError("--digest takes weekly, with --smtp HOST:PORT")
    mail = Smtp.from_address(smtp, starttls, sender) if digest is not None and smtp else None
    if mail is not None:
        mail.check()
    store = _store()
    if not store.names():
        err.print("no users yet: add one with `graphx users add NAME --role director`")
    with database() as db, contextlib.ExitStack() as stack:
        if every is not None:
            stack.callback(SyncLoop(db, every).start().stop)
        if mail is not None:
            work = functools.partial(send_due_digests, db, mail)
            stack.callback(Every(DIGEST_CHECK_SECONDS, work, "digest").start().stop)
        _serve(db, store, host, port, debug)


def demo(
    host: str = HOST_OPTION,
    port: int = PORT_OPTION,
    scale: str = typer.Option("small", help="Scale of the generated company."),
) -> None:
    """Start the local Neo4j, load the demo company if the database is empty, and serve.
    Stopping the demo (Ctrl-C, or SIGTERM) stops the local Neo4j if the demo started it."""
    from graphx.demo import demo_login, load_demo_data
    from graphx.local_neo4j import LocalNeo4j

    current = settings()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # unwind: stop what we started
    with contextlib.ExitStack() as stack:
        if current.uses_local_server:
            err.print(f"local Neo4j at {stack.enter_context(LocalNeo4j(current).running())}")
        store = _store()
        with database() as db:
            with err.status("generating, importing and scoring the demo company..."):
                loaded = load_demo_data(db, scale=scale)
            err.print("demo company loaded" if loaded else "database already holds data: kept")
            login = demo_login(db, store)
            who = f" (as {login.person_name})" if login.person_name else ""
            typer.echo(f"sign in as {login.name!r} with password {login.password!r}{who}")
            _serve(db, store, host, port, debug=False)


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
    app.command("serve")(serve)
    app.command("demo")(demo)

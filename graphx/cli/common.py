"""What every command shares: the app, consoles, the database, JSON output, dates."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import typer
from rich.console import Console

from graphx.config import Settings, load_settings
from graphx.db import Database, connect
from graphx.model import to_json

app = typer.Typer(
    name="graphx",
    help="Who at the company knows each client director, and how well.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

JSON_OPTION = typer.Option(False, "--json", help="Print JSON for scripts.")


def settings() -> Settings:
    return load_settings()


@contextmanager
def database() -> Iterator[Database]:
    """The configured database, opened once for this command."""
    with connect(settings()) as db:
        yield db


def _default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"cannot print {type(value).__name__} as JSON")


def print_json(data: Any) -> None:
    """Print ``data`` in graphx's one JSON shape (:func:`graphx.model.to_json`) on stdout,
    dates as ISO 8601."""
    typer.echo(json.dumps(to_json(data), default=_default, ensure_ascii=False, indent=2))


AS_OF_OPTION = typer.Option(
    None, "--as-of", help="The date to compute as of (YYYY-MM-DD; default today).",
    formats=["%Y-%m-%d"],
)  # fmt: skip


def as_of_date(value: datetime | None) -> date:
    """The ``--as-of`` value as a date, today when not given."""
    return value.date() if value is not None else date.today()

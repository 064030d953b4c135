"""The ``graphx`` command: a thin layer that parses arguments, calls the library, prints."""

from __future__ import annotations

import sys

import typer
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graphx.cli import (
    acting,
    analytics,
    database,
    generating,
    importing,
    planning,
    reporting,
    scoring,
    serving,
    sources,
    trust,
)
from graphx.cli.common import app, err
from graphx.errors import GraphxError

__all__ = ["app", "main"]

database.register(app)
analytics.register(app)
acting.register(app)
scoring.register(app)
generating.register(app)
importing.register(app)
serving.register(app)
planning.register(app)
reporting.register(app)
trust.register(app)
sources.register(app)


def main() -> None:
    """Entry point: GraphxError and lost connections end in one line and a distinct exit code."""
    try:
        app()
    except GraphxError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except (ServiceUnavailable, SessionExpired) as exc:
        err.print(
            f"error: lost the connection to Neo4j ({exc.__class__.__name__}): "
            "check that it runs (`graphx db status`) and try again",
            markup=False,
            soft_wrap=True,
        )
        sys.exit(3)
    except typer.Exit:
        raise

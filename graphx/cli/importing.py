"""``graphx import csv|ics|mbox|eml`` and ``graphx people merge``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from graphx.cli.common import JSON_OPTION, database, err, out, print_json, settings
from graphx.db import Database
from graphx.importers.summary import ImportSummary
from graphx.local_neo4j import LocalNeo4j
from graphx.model import to_json
from graphx.ties.store import ScoreSummary, mark_incomplete, rescore, score_all

import_app = typer.Typer(
    help="Import organisations, people and conversations.", no_args_is_help=True
)
people_app = typer.Typer(help="Manage people.", no_args_is_help=True)


class _Bar:
    """A rich progress bar on stderr, behind the library's Progress protocol."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: TaskID | None = None

    def start(self, label: str, total: int | None) -> None:
        if self._task is not None:
            self._progress.remove_task(self._task)
        self._task = self._progress.add_task(label, total=total)

    def advance(self, n: int) -> None:
        if self._task is not None:
            self._progress.advance(self._task, n)


@contextmanager
def _progress() -> Iterator[_Bar]:
    columns = (
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
    )  # fmt: skip
    with Progress(*columns, console=err, transient=True) as progress:
        yield _Bar(progress)


NO_SCORE_OPTION = typer.Option(
    False,
    "--no-score",
    help="Do not re-score the ties the import touched: answers compute ties from the"
    " conversations (slower) until `graphx score`.",
)


def _rescore(db: Database, summary: ImportSummary, no_score: bool) -> ScoreSummary | None:
    """Bring the stored ties up to date with the conversations written (or say they are not)."""
    if not summary.conversation_ids:
        return None
    if no_score:
        mark_incomplete(db)
        return None
    return rescore(db, summary.conversation_ids)


def _report(summary: ImportSummary, scored: ScoreSummary | None, as_json: bool) -> None:
    if as_json:
        print_json({**to_json(summary), "scoring": scored})
        return
    table = Table("what", "read", "created", "updated", "unchanged", title=summary.source)
    for file, n in summary.read.items():
        table.add_row(file, f"{n:,}", "", "", "")
    kinds = dict.fromkeys([*summary.created, *summary.updated, *summary.unchanged])
    for kind in kinds:
        table.add_row(
            kind,
            "",
            f"{summary.created[kind]:,}",
            f"{summary.updated[kind]:,}",
            f"{summary.unchanged[kind]:,}",
        )
    out.print(table)
    for reason, n in summary.skipped.items():
        out.print(f"skipped {n:,}: {reason}")
    if scored:
        what = "every tie" if scored.full else "the ties touched by the import"
        out.print(f"re-scored {what}: {scored.stored:,} stored")


IGNORE_UNKNOWN = typer.Option(
    False, "--ignore-unknown-columns", help="Ignore columns the canonical format does not know."
)


INITIAL_OPTION = typer.Option(
    False,
    "--initial",
    help="First load of an empty local database with Neo4j's offline bulk importer (stops"
    " the server meanwhile): several times faster than the online import.",
)


@import_app.command("csv")
def import_csv(
    folder: Annotated[Path, typer.Argument(help="Folder of the canonical .csv/.jsonl files.")],
    ignore_unknown_columns: bool = IGNORE_UNKNOWN,
    initial: bool = INITIAL_OPTION,
    no_score: bool = NO_SCORE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import a canonical folder: validated completely, written all at once or not at all."""
    from graphx.importers.canonical import import_canonical

    if initial:
        _import_initial(folder, ignore_unknown_columns, no_score, as_json)
        return
    with database() as db, _progress() as bar:
        summary = import_canonical(
            db, folder, ignore_unknown_columns=ignore_unknown_columns, progress=bar
        )
        scored = _rescore(db, summary, no_score)
    _report(summary, scored, as_json)


def _import_initial(folder: Path, ignore: bool, no_score: bool, as_json: bool) -> None:
    """``import csv --initial``: the bulk load, then every tie scored."""
    from graphx.importers.initial import import_initial

    with _progress() as bar:
        summary = import_initial(
            LocalNeo4j(settings()), folder, ignore_unknown_columns=ignore, progress=bar
        )
    scored = None
    with database() as db:
        if no_score:
            mark_incomplete(db)
        else:
            scored = score_all(db)
    _report(summary, scored, as_json)


BULK_OPTION = typer.Option(
    20, "--bulk-recipients", min=2, help="Mail to at least this many recipients is bulk (outside)."
)


@import_app.command("mbox")
def import_mbox_command(
    files: Annotated[list[Path], typer.Argument(help="mbox files.")],
    bulk_recipients: int = BULK_OPTION,
    no_score: bool = NO_SCORE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import mail from mbox files (headers only; bodies are never read or stored)."""
    from graphx.importers.mail import import_mbox

    with database() as db, _progress() as bar:
        summary = import_mbox(db, files, bulk_recipients=bulk_recipients, progress=bar)
        scored = _rescore(db, summary, no_score)
    _report(summary, scored, as_json)


@import_app.command("eml")
def import_eml_command(
    folder: Annotated[Path, typer.Argument(help="Folder of single-message files (.eml).")],
    bulk_recipients: int = BULK_OPTION,
    no_score: bool = NO_SCORE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import every message file under a folder (headers only)."""
    from graphx.importers.mail import import_eml

    with database() as db, _progress() as bar:
        summary = import_eml(db, folder, bulk_recipients=bulk_recipients, progress=bar)
        scored = _rescore(db, summary, no_score)
    _report(summary, scored, as_json)


@import_app.command("ics")
def import_ics_command(
    files: Annotated[list[Path], typer.Argument(help="iCalendar (.ics) files.")],
    horizon: Annotated[
        datetime | None,
        typer.Option(
            "--horizon",
            formats=["%Y-%m-%d"],
            help="Expand recurring events up to this date (default: one year after today).",
        ),
    ] = None,
    no_score: bool = NO_SCORE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import calendar events: each occurrence with two or more people is a conversation."""
    from graphx.importers.calendar import import_ics

    with database() as db, _progress() as bar:
        summary = import_ics(db, files, horizon=horizon.date() if horizon else None, progress=bar)
        scored = _rescore(db, summary, no_score)
    _report(summary, scored, as_json)


@people_app.command("merge")
def people_merge(
    keep: Annotated[str, typer.Argument(help="Id or address of the person to keep.")],
    drop: Annotated[str, typer.Argument(help="Id or address of the duplicate to merge in.")],
    as_json: bool = JSON_OPTION,
) -> None:
    """Merge DROP into KEEP: participations, addresses and jobs move, DROP is deleted."""
    from graphx.merging import merge_people

    with database() as db:
        result = merge_people(db, keep, drop)
    if as_json:
        print_json(
            {
                "keep": result.keep,
                "drop": result.drop,
                "opt_out": result.opt_out,
                "conversations_touched": len(result.conversation_ids),
            }
        )
    else:
        typer.echo(
            f"merged {result.drop} into {result.keep} "
            f"({len(result.conversation_ids)} conversation(s) touched)"
        )


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
    app.add_typer(people_app, name="people")

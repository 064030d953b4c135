"""``graphx report``: the quarterly coverage-gap report as HTML, PDF and CSV files."""

from __future__ import annotations

from pathlib import Path

import typer

from graphx.cli.common import JSON_OPTION, database, out, print_json
from graphx.errors import GraphxError
from graphx.reports import FORMATS, build_report, write_report
from graphx.resolver import resolve_organisation


def formats_of(text: str) -> list[str]:
    """``"html,pdf"`` as a list of formats; an unknown one is an error naming the choices."""
    chosen = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise GraphxError(f"--format takes {','.join(FORMATS)} (comma-separated), not {text!r}")
    return chosen


QUARTER_OPTION = typer.Option(..., "--quarter", help="The quarter, like 2026Q3.")
ORGANISATION_OPTION = typer.Option(
    None, "--organisation", help="One organisation (id or exact name); default every client."
)
OUT_OPTION = typer.Option(Path("."), "--out", help="The folder to write the files into.")
FORMAT_OPTION = typer.Option("html,pdf,csv", "--format", help="Any of html,pdf,csv.")


def report(
    quarter: str = QUARTER_OPTION,
    organisation: str | None = ORGANISATION_OPTION,
    out_dir: Path = OUT_OPTION,
    formats: str = FORMAT_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """The quarterly coverage-gap report: state at the quarter end against the one before."""
    chosen = formats_of(formats)
    with database() as db:
        org_id = resolve_organisation(db, organisation).id if organisation else None
        result = build_report(db, quarter, org_id)
    paths = write_report(result, out_dir, chosen)
    s = result.summary
    if as_json:
        print_json(
            {
                "quarter": result.quarter,
                "as_of": result.as_of,
                "organisation_id": result.organisation_id,
                "coverage": s.coverage,
                "previous_coverage": s.previous_coverage,
                "clients": s.clients,
                "directors": s.directors,
                "actions": len(result.actions),
                "empty": result.empty,
                "files": [str(p) for p in paths],
            }
        )
        return
    if result.empty:
        out.print(f"{result.quarter}: nothing to report (no relationships with client directors).")
    else:
        out.print(
            f"{result.quarter} ({result.scope}): coverage {s.coverage:.0%}"
            f" (last quarter {s.previous_coverage:.0%}), {s.directors} directors,"
            f" {len(result.actions)} actions.",
            markup=False,
        )
    for path in paths:
        out.print(str(path), markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    app.command("report")(report)

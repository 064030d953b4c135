"""``graphx score``, ``graphx explain`` and ``graphx ties`` (list, set, unset)."""

from __future__ import annotations

import getpass
from datetime import datetime
from typing import Any

import typer
from rich.table import Table

from graphx.cli.common import AS_OF_OPTION, JSON_OPTION, as_of_date, database, out, print_json
from graphx.intro_requests import introduced_between
from graphx.model import Level, Tie, to_json
from graphx.repository.employment import people_at
from graphx.resolver import resolve_organisation, resolve_person
from graphx.ties.store import remove_assessment, score_all, set_assessment
from graphx.ties.view import explain, ties_as_of

ties_app = typer.Typer(
    help="List ties, or record (set) and remove (unset) a colleague's own assessment.",
    invoke_without_command=True,
)


def score(as_json: bool = JSON_OPTION) -> None:
    """Score every tie over its whole history (settings: GRAPHX_DEPTH_CONFIG) and store the
    ties that carry weight; answers for any date follow from them."""
    with database() as db:
        summary = score_all(db)
    if as_json:
        print_json(summary)
        return
    table = Table("level", "pairs", title="Ties at each pair's last contact")
    for level, pairs in sorted(summary.pairs_per_level.items()):
        if level > 0:
            table.add_row(f"{level} {Level(level).label}", f"{pairs:,}")
    out.print(table)
    out.print(
        f"{summary.stored:,} ties stored (business or deeper, or once personal) from"
        f" {summary.conversations:,} conversations, {summary.removed:,} removed,"
        f" in {summary.seconds:.1f} s"
    )


def _tie_json(tie: Tie) -> dict[str, Any]:
    data: dict[str, Any] = to_json(tie)
    assessment = data.pop("assessment")
    data["assessment"] = assessment
    return data


def explain_command(
    a: str = typer.Argument(..., help="A person's id or e-mail address."),
    b: str = typer.Argument(..., help="Another person's id or e-mail address."),
    as_of: datetime | None = AS_OF_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Explain how well two people know each other: level, strength, why, and the history."""
    day = as_of_date(as_of)
    with database() as db:
        a_id, b_id = resolve_person(db, a).id, resolve_person(db, b).id
        tie, conversations = explain(db, a_id, b_id, day)
        introduced = introduced_between(db, a_id, b_id, day)
    if as_json:
        print_json(
            {
                **_tie_json(tie),
                "introduced": introduced,
                "history": conversations,
            }
        )
        return
    out.print(
        f"[bold]{tie.a} - {tie.b}[/bold] as of {day.isoformat()}: level {tie.level}"
        f" ({tie.level_name}), strength {tie.strength:.2f}"
    )
    if tie.assessment is not None:
        s = tie.assessment
        out.print(
            f"assessed by {s.by} on {s.at:%Y-%m-%d}: level {s.level}"
            f" ({Level(s.level).label}): {s.reason}"
        )
    if introduced is not None:
        out.print(introduced.sentence, markup=False, highlight=False)
    for line in tie.components:
        out.print(f"  - {line}", markup=False)
    if conversations:
        table = Table("date", "kind", "depth", "people", "minutes", "organiser", "weight")
        for c in conversations:
            table.add_row(
                f"{c['date']:%Y-%m-%d}", c["kind"], c["effective_depth"],
                str(c["participants"]), str(c["duration_minutes"] or ""), c["organiser"],
                f"{c['weight']:.3f}",
            )  # fmt: skip
        out.print(table)


@ties_app.callback()
def ties(
    ctx: typer.Context,
    person: str | None = typer.Option(None, "--person", help="Only this person's ties."),
    organisation: str | None = typer.Option(
        None, "--organisation", help="Only ties of people at this organisation (id or name)."
    ),
    min_level: int = typer.Option(1, "--min-level", min=0, max=4, help="Lowest level shown."),
    as_of: datetime | None = AS_OF_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List ties (strongest first), with any assessment beside the computed level."""
    if ctx.invoked_subcommand is not None:
        return
    day = as_of_date(as_of)
    with database() as db:
        person_id = resolve_person(db, person).id if person else None
        members = (
            set(people_at(db, resolve_organisation(db, organisation).id, day))
            if organisation
            else None
        )
        if person_id is not None:
            wanted: list[str] | None = [person_id]
        elif members is not None:
            wanted = sorted(members)
        else:
            wanted = None
        found = [] if wanted == [] else ties_as_of(db, day, wanted)
    if person_id is not None and members is not None:
        found = [t for t in found if (t.b if t.a == person_id else t.a) in members]
    found = [t for t in found if t.level >= min_level or (t.assessed_level or 0) >= min_level]
    if as_json:
        print_json(
            {
                "as_of": day,
                "ties": [
                    {
                        "a": t.a, "b": t.b, "level": t.level, "strength": t.strength,
                        "last_contact": t.last_contact, "conversations": t.conversations,
                        "assessed_level": t.assessed_level,
                        "assessment": _tie_json(t)["assessment"],
                    }
                    for t in found
                ],
            }
        )  # fmt: skip
        return
    table = Table("a", "b", "level", "strength", "last contact", "assessed")
    for t in found:
        table.add_row(
            t.a, t.b, f"{t.level} {t.level_name}", f"{t.strength:.2f}",
            f"{t.last_contact:%Y-%m-%d}" if t.last_contact else "",
            "" if t.assessment is None else f"{t.assessment.level} by {t.assessment.by}",
        )  # fmt: skip
    out.print(table)
    out.print(f"{len(found):,} ties as of {day.isoformat()}")


@ties_app.command("set")
def ties_set(
    a: str = typer.Argument(..., help="A person's id or e-mail address."),
    b: str = typer.Argument(..., help="Another person's id or e-mail address."),
    level: int = typer.Option(..., "--level", min=0, max=4, help="Your level, 0-4."),
    reason: str = typer.Option(..., "--reason", help="Why: what you know that the data does not."),
    by: str | None = typer.Option(None, "--by", help="Who assesses (default: your user name)."),
) -> None:
    """Record your own assessment of how well two people know each other."""
    who = by or _user()
    with database() as db:
        a_id, b_id = resolve_person(db, a).id, resolve_person(db, b).id
        saved = set_assessment(db, a_id, b_id, level, reason, who)
    typer.echo(
        f"assessed {min(a_id, b_id)} - {max(a_id, b_id)} at level {saved.level}"
        f" ({Level(saved.level).label}) by {saved.by}"
    )


@ties_app.command("unset")
def ties_unset(
    a: str = typer.Argument(..., help="A person's id or e-mail address."),
    b: str = typer.Argument(..., help="Another person's id or e-mail address."),
) -> None:
    """Remove the assessment of two people."""
    with database() as db:
        a_id, b_id = resolve_person(db, a).id, resolve_person(db, b).id
        removed = remove_assessment(db, a_id, b_id)
    typer.echo("assessment removed" if removed else "no assessment to remove")


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def register(app: typer.Typer) -> None:
    app.command("score")(score)
    app.command("explain")(explain_command)
    app.add_typer(ties_app, name="ties")

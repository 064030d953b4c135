"""``graphx coverage``, ``graphx intro`` and ``graphx gaps``: thin over the library."""

from __future__ import annotations

from datetime import date, datetime

import typer
from rich.table import Table
from typer import _click as click  # typer's own copy of click, which TyperGroup extends
from typer.core import TyperGroup

from graphx.cli.common import AS_OF_OPTION, JSON_OPTION, as_of_date, database, err, out, print_json
from graphx.coverage import coverage as coverage_of
from graphx.coverage import portfolio
from graphx.gaps import gaps as gaps_of
from graphx.intro import introductions
from graphx.model import Level
from graphx.resolver import resolve_organisation, resolve_person


def _level(value: int) -> str:
    return f"{value} {Level(value).label}"


def _date(value: datetime | date | None) -> str:
    if value is None:
        return "-"
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def coverage(
    organisation: str | None = typer.Argument(None, help="Organisation id or exact name."),
    all_clients: bool = typer.Option(False, "--all", help="Every client: the portfolio."),
    as_of: datetime | None = AS_OF_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Who of us knows each director of a client, how well; or the portfolio with --all."""
    day = as_of_date(as_of)
    if all_clients == (organisation is not None):
        err.print("give an organisation, or --all for every client")
        raise typer.Exit(2)
    with database() as db:
        if all_clients:
            rows = portfolio(db, day)
            if as_json:
                print_json({"as_of": day, "clients": rows})
                return
            table = Table("client", "coverage", "directors", "covered", "trend (91 days)")
            for r in rows:
                trend = "-" if r.trend is None else f"{r.trend:+.0%}"
                table.add_row(
                    r.organisation_name, f"{r.coverage:.0%}", str(r.directors), str(r.covered),
                    trend,
                )  # fmt: skip
            out.print(table)
            return
        assert organisation is not None
        result = coverage_of(db, resolve_organisation(db, organisation).id, day)
    if as_json:
        print_json(result)
        return
    org = result.organisation
    out.print(f"[bold]{org.name}[/] ({org.id}) coverage {result.coverage:.0%} as of {day}")
    table = Table("director", "title", "best level", "known by (level, last contact)")
    for d in result.directors:
        known = "\n".join(
            f"{k.name} ({_level(k.level)}, {_date(k.last_contact)})" for k in d.known_by
        )
        table.add_row(d.name, d.title, _level(d.best_level), known or "nobody")
    out.print(table)


FIND = "find"
"""The hidden command ``graphx intro FROM TO`` runs: the chains, as before the sub-commands."""


class IntroGroup(TyperGroup):
    """``graphx intro``: FROM TO finds chains (the hidden ``find``); ``ask``, ``requests`` and
    ``update`` manage introduction requests."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [FIND, *args]
        return super().parse_args(ctx, args)


intro_app = typer.Typer(
    cls=IntroGroup,
    no_args_is_help=True,
    help="Warm introductions: `graphx intro FROM TO` ranks the chains from FROM to TO;"
    " ask, requests and update record introduction requests and what came of them.",
)


def intro(
    start: str = typer.Argument(..., metavar="FROM", help="Person id or e-mail address."),
    target: str = typer.Argument(..., metavar="TO", help="Person id or e-mail address."),
    max_hops: int = typer.Option(4, "--max-hops", min=1, max=6, help="Longest chain."),
    top: int = typer.Option(5, "--top", min=1, help="How many chains."),
    as_of: datetime | None = AS_OF_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """The strongest chains of people from FROM to TO, and whom to ask."""
    day = as_of_date(as_of)
    with database() as db:
        result = introductions(
            db, resolve_person(db, start).id, resolve_person(db, target).id, max_hops, top, day
        )
    if as_json:
        print_json(result)
        return
    out.print(result.suggestion, markup=False)
    if not result.paths:
        return
    table = Table("#", "strength", "chain (level, last contact)")
    for rank, chain in enumerate(result.paths, start=1):
        steps = [result.names.get(chain.people[0], chain.people[0])]
        for link in chain.links:
            steps.append(
                f"-[{link.level}, {_date(link.last_contact)}]- {result.names.get(link.b, link.b)}"
            )
        table.add_row(str(rank), f"{chain.strength:.3f}", " ".join(steps))
    out.print(table)


def gaps(
    organisation: str | None = typer.Option(None, "--organisation", help="Id or exact name."),
    as_of: datetime | None = AS_OF_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Uncovered, single-threaded, fading and overdue relationships, with actions."""
    day = as_of_date(as_of)
    with database() as db:
        org_id = resolve_organisation(db, organisation).id if organisation else None
        result = gaps_of(db, day, org_id)
    if as_json:
        print_json(result)
        return

    def name(pid: str | None) -> str:
        return result.names.get(pid, pid) if pid else "-"

    sections: list[tuple[str, list[str], list[list[str]]]] = [
        ("Uncovered directors", ["organisation", "director", "best level", "action"],
         [[g.organisation_id, name(g.person_id), _level(g.best_level), g.action.text]
          for g in result.uncovered]),
        ("Single-threaded", ["organisation", "director", "only colleague", "action"],
         [[g.organisation_id, name(g.person_id), name(g.colleague_id), g.action.text]
          for g in result.single_threaded]),
        ("Fading", ["director", "colleague", "level", "last deep", "action"],
         [[name(g.person_id), name(g.colleague_id), f"{g.level_before} -> {g.level_now}",
           _date(g.last_deep), g.action.text] for g in result.fading]),
        ("Overdue", ["director", "colleague", "silent", "target", "action"],
         [[name(g.person_id), name(g.colleague_id), f"{g.days_silent} days",
           f"{g.target_days} days ({g.reason})", g.action.text] for g in result.overdue]),
    ]  # fmt: skip
    out.print(f"Gaps as of {day}")
    for title, columns, rows in sections:
        table = Table(*columns, title=f"{title}: {len(rows)}")
        for row in rows:
            table.add_row(*row)
        out.print(table)


def register(app: typer.Typer) -> None:
    app.command("coverage")(coverage)
    intro_app.command(FIND, hidden=True)(intro)
    app.add_typer(intro_app, name="intro")
    app.command("gaps")(gaps)

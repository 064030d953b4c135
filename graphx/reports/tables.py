"""The report's tables as rows for CSV files, one table per file, for spreadsheets.

Levels are integers 0-4, coverage and exposure fractions with 4 decimals, dates ISO 8601.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from graphx.reports.content import Report

Table = tuple[tuple[str, ...], list[tuple[object, ...]]]


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def summary(r: Report) -> Table:
    s = r.summary
    rows: list[tuple[object, ...]] = [
        ("coverage", _num(s.coverage), _num(s.previous_coverage)),
        ("clients", s.clients, ""),
        ("directors", s.directors, sum(s.levels_before)),
    ]
    rows += [(f"directors_at_level_{i}", s.levels_now[i], s.levels_before[i]) for i in range(5)]
    return ("measure", r.quarter, r.previous_quarter), rows


def risks(r: Report) -> Table:
    return ("rank", "risk"), [(i, text) for i, text in enumerate(r.summary.risks, start=1)]


def clients(r: Report) -> Table:
    header = (
        "rank", "organisation_id", "organisation", "exposure", "coverage", "previous_coverage",
        "directors", "covered", "uncovered", "single_threaded", "dropped", "reached",
    )  # fmt: skip
    rows: list[tuple[object, ...]] = [
        (
            i,
            c.id,
            c.name,
            _num(c.exposure),
            _num(c.coverage),
            _num(c.previous_coverage),
            len(c.directors),
            c.covered,
            len(c.uncovered),
            len(c.single_threaded),
            len(c.dropped),
            len(c.reached),
        )
        for i, c in enumerate(r.clients, start=1)
    ]
    return header, rows


def coverage_history(r: Report) -> Table:
    rows: list[tuple[object, ...]] = [("", "portfolio", *map(_num, r.history))]
    rows += [(c.id, c.name, *map(_num, c.history)) for c in r.clients]
    return ("organisation_id", "organisation", *r.quarters), rows


def directors(r: Report) -> Table:
    header = (
        "organisation_id", "organisation", "person_id", "name", "title", "level_now",
        "level_previous", "known_by", "met_by",
    )  # fmt: skip
    rows: list[tuple[object, ...]] = [
        (
            c.id,
            c.name,
            d.id,
            d.name,
            d.title,
            d.level_now,
            "" if d.level_before is None else d.level_before,
            "; ".join(f"{k.name} ({k.level})" for k in d.known_by if k.level >= 2),
            sum(k.level == 1 for k in d.known_by),
        )
        for c in r.clients
        for d in c.directors
    ]
    return header, rows


def uncovered(r: Report) -> Table:
    header = ("organisation_id", "organisation", "person_id", "name", "title", "best_level")
    rows: list[tuple[object, ...]] = [
        (c.id, c.name, d.id, d.name, d.title, d.level_now) for c in r.clients for d in c.uncovered
    ]
    return header, rows


def single_threaded(r: Report) -> Table:
    header = (
        "organisation_id", "organisation", "person_id", "name", "title", "colleague_id",
        "colleague", "level",
    )  # fmt: skip
    rows: list[tuple[object, ...]] = [
        (c.id, c.name, t.person_id, t.name, t.title, t.colleague_id, t.colleague_name, t.level)
        for c in r.clients
        for t in c.single_threaded
    ]
    return header, rows


def _changes(r: Report, which: str) -> Table:
    header = (
        "organisation_id", "organisation", "person_id", "name", "colleague_id", "colleague",
        "level_previous", "level_now",
    )  # fmt: skip
    rows: list[tuple[object, ...]] = [
        (c.id, c.name, t.person_id, t.name, t.colleague_id, t.colleague_name, t.level_before,
         t.level_now)
        for c in r.clients
        for t in getattr(c, which)
    ]  # fmt: skip
    return header, rows


def dropped(r: Report) -> Table:
    return _changes(r, "dropped")


def reached(r: Report) -> Table:
    return _changes(r, "reached")


def actions(r: Report) -> Table:
    header = (
        "rank", "organisation_id", "organisation", "person_id", "name", "title", "reason",
        "colleague_id", "colleague", "via", "occasion", "action",
    )  # fmt: skip
    rows: list[tuple[object, ...]] = [
        (
            i,
            a.organisation_id,
            a.organisation_name,
            a.person_id,
            a.name,
            a.title,
            a.reason,
            a.colleague_id or "",
            a.colleague_name or "",
            a.via,
            a.occasion,
            a.text,
        )
        for i, a in enumerate(r.actions, start=1)
    ]
    return header, rows


TABLES = {
    "summary": summary,
    "risks": risks,
    "clients": clients,
    "coverage_history": coverage_history,
    "directors": directors,
    "uncovered": uncovered,
    "single_threaded": single_threaded,
    "dropped": dropped,
    "reached": reached,
    "actions": actions,
}
"""Every table, by the name that ends its CSV file's name."""


def render_csv(report: Report) -> Iterator[tuple[str, str]]:
    """``(table name, CSV text)`` for every table, header first, ``\\n`` line ends."""
    for name, build in TABLES.items():
        header, rows = build(report)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        yield name, buffer.getvalue()

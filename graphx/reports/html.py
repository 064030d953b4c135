"""The report as one self-contained HTML file: inline CSS, charts as inline SVG.

The same HTML is typeset as the PDF (``@page`` rules give the page header and footer).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from graphx.reports import charts
from graphx.reports.content import Report

HISTORY_CLIENTS = 6
"""Clients drawn in the coverage history chart (the most exposed)."""
HEATMAP_CLIENTS = 12
"""Clients (rows) in the heatmap of the most exposed clients."""
VIA_WORDS = {
    "tie": "already knows them",
    "path": "through a warm introduction",
    "interests": "shares their interests",
    "none": "nobody placed yet",
}


def _css(value: object) -> str:
    """A value inside a CSS string literal."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return " ".join(text.split())


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _points(value: float) -> str:
    points = round(value * 100)
    return "no change" if points == 0 else f"{points:+d} points"


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _delta_class(value: float) -> str:
    return "up" if value > 0.00005 else "down" if value < -0.00005 else ""


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        css=_css,
        pct=_pct,
        points=_points,
        long=_long,
        capitalize_first=lambda s: str(s)[:1].upper() + str(s)[1:],
    )
    env.globals.update(
        delta_class=_delta_class,
        level_names=charts.LEVEL_NAMES,
        level_colours=charts.LEVEL_COLOURS,
        level_text=charts.LEVEL_TEXT,
        via_words=VIA_WORDS,
    )
    return env


def _charts(report: Report) -> dict[str, object]:
    exposed = [c for c in report.clients if c.directors][:HISTORY_CLIENTS]
    rows = [
        (
            c.name,
            [
                (d.name, d.level_now)
                for d in sorted(c.directors, key=lambda d: (not d.is_top, d.name, d.id))
            ],
        )
        for c in report.clients[:HEATMAP_CLIENTS]
        if c.directors
    ]
    summary = report.summary
    return {
        "history": Markup(
            charts.coverage_lines(
                report.quarters, report.history, [(c.name, c.history) for c in exposed]
            )
        ),
        "history_clients": len(exposed),
        "levels": Markup(
            charts.level_bars(
                summary.levels_now, summary.levels_before, report.quarter, report.previous_quarter
            )
        ),
        "heatmap": Markup(charts.heatmap(rows)),
    }


def render_html(report: Report) -> str:
    """The report as a single self-contained HTML document."""
    template = _environment().get_template("report.html.j2")
    return template.render(r=report, s=report.summary, charts=_charts(report))

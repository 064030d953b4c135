"""The report as one self-contained HTML file: inline CSS, charts as inline SVG.

The same HTML is typeset as the PDF (``@page`` rules give the page header and footer).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from graphx.palette import LEVEL_COLOURS, LEVEL_TEXT
from graphx.reports import charts
from graphx.reports.content import DirectorLine, Report

HISTORY_CLIENTS = 6
"""Clients drawn in the coverage history chart (the most exposed)."""
HEATMAP_CLIENTS = 12
"""Clients (rows) in the heatmap of the most exposed clients."""
MAX_ACTIONS = 100
MAX_CLIENTS = 60
"""Clients with a section of their own; the less exposed rest share one table (all of them
are in the CSV files), so that the report stays readable in minutes."""
"""Actions listed in the HTML and PDF (all of them are in the actions CSV)."""
KNOWERS_SHOWN = 3
"""Colleagues named per director (level 2+, best first); the rest are counted."""
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


def knowers(director: DirectorLine, limit: int = KNOWERS_SHOWN) -> str:
    """Who knows a director, in words: the best few at level 2+, then how many more.

    >>> from graphx.reports.content import Knower
    >>> k = [Knower("a", "Ann", 3, date(2026, 9, 1)), Knower("b", "Bob", 1, None)]
    >>> knowers(DirectorLine("d", "Dee", "CFO", False, 3, 3, tuple(k)))
    'Ann (3, 2026-09-01); and 1 more at level 1'
    >>> knowers(DirectorLine("d", "Dee", "CFO", False, 1, 1, tuple(k[1:])))
    '1 colleague has met them (level 1)'
    """
    strong = [k for k in director.known_by if k.level >= 2]
    shown = strong[:limit]
    words = [
        f"{k.name} ({k.level}{', ' + k.last_contact.isoformat() if k.last_contact else ''})"
        for k in shown
    ]
    more, met = len(strong) - len(shown), len(director.known_by) - len(strong)
    if more:
        words.append(f"and {more} more at level 2+")
    if met and words:
        words.append(f"and {met} more at level 1")
    elif met:
        words.append(f"{met} colleague{'s have' if met > 1 else ' has'} met them (level 1)")
    return "; ".join(words)


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
        level_colours=[LEVEL_COLOURS[level] for level in range(5)],
        level_text=[LEVEL_TEXT[level] for level in range(5)],
        via_words=VIA_WORDS,
        knowers=knowers,
        max_actions=MAX_ACTIONS,
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
    return template.render(
        r=report, s=report.summary, charts=_charts(report), max_clients=MAX_CLIENTS
    )

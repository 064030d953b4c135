"""The level palette and names shared by every view."""

from __future__ import annotations

from dash import html

from graphx.model import Level

LEVEL_COLOURS = {0: "#e4e7eb", 1: "#c6dbef", 2: "#6baed6", 3: "#2171b5", 4: "#08306b"}
KIND_COLOURS = {
    "home": "#e8a33d",
    "client": "#2171b5",
    "prospect": "#8e6bbf",
    "partner": "#2a9d8f",
    "other": "#9aa5b1",
}


def level_name(level: int) -> str:
    return Level(level).label


def level_badge(level: int) -> html.Span:
    return html.Span(level_name(level), className=f"gx-level gx-level-{level}")


def legend() -> html.Div:
    return html.Div([level_badge(level) for level in range(5)], className="gx-legend")

"""Level badges, the legend and the minimum-level control shared by every view (colours from
:mod:`graphx.palette`)."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from graphx.model import Level
from graphx.palette import LEVEL_COLOURS, LEVEL_TEXT


def level_name(level: int) -> str:
    return Level(level).label


def level_badge(level: int) -> html.Span:
    return html.Span(
        level_name(level),
        className=f"gx-level gx-level-{level}",
        style={"background": LEVEL_COLOURS[level], "color": LEVEL_TEXT[level]},
    )


def legend() -> html.Div:
    return html.Div([level_badge(level) for level in range(5)], className="gx-legend")


def level_param(value: object) -> int:
    """A ``min_level`` query-string value as a level from 1 (met) to 4; 1 when malformed."""
    return int(value) if isinstance(value, str) and value in {"1", "2", "3", "4"} else 1


def level_slider(slider_id: str, value: int) -> html.Div:
    """A slider choosing the minimum level shown, from met to trusted, in a group named by its
    label (the slider's element is no form control a label could name); the marks name the
    levels, so it has no number box."""
    named: dict[str, Any] = {"aria-labelledby": f"{slider_id}-label"}  # not a Python name
    return html.Div(
        [
            html.Label("Minimum level", id=f"{slider_id}-label"),
            dcc.Slider(
                id=slider_id,
                min=1,
                max=4,
                step=1,
                value=value,
                marks={level: level_name(level) for level in range(1, 5)},
                allow_direct_input=False,
            ),
        ],
        role="group",
        className="gx-wide",
        **named,
    )

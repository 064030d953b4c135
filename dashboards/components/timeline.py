"""Plotly figures for a relationship: its conversations in time, and its level over time."""

from __future__ import annotations

import plotly.graph_objects as go

from graphx.model import CONVERSATION_KINDS, Level
from graphx.palette import LEVEL_COLOURS
from graphx.relationship import Relationship

DEPTH_COLOURS = {"outside": "#9aa5b1", "business": "#6baed6", "personal": "#08306b"}


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        height=height, margin={"l": 70, "r": 20, "t": 10, "b": 40},
        plot_bgcolor="#fff", paper_bgcolor="#fff", legend={"orientation": "h", "y": -0.2},
    )  # fmt: skip
    fig.update_xaxes(showgrid=True, gridcolor="#eef1f4")
    fig.update_yaxes(showgrid=True, gridcolor="#eef1f4")
    return fig


def conversation_timeline(rel: Relationship) -> go.Figure:
    """One marker per conversation: x when, y its kind, colour its depth, size its group."""
    fig = go.Figure()
    for depth, colour in DEPTH_COLOURS.items():
        shown = [c for c in rel.conversations if c["depth"] == depth]
        fig.add_trace(
            go.Scatter(
                x=[c["date"] for c in shown],
                y=[c["kind"] for c in shown],
                mode="markers",
                name=depth,
                marker={
                    "color": colour,
                    "size": [6 + 10 / max(1, c["participants"] - 1) for c in shown],
                },
                customdata=[[c["participants"], c["subject"] or ""] for c in shown],
                hovertemplate="%{x|%Y-%m-%d} %{y}<br>%{customdata[0]} people<br>%{customdata[1]}"
                "<extra>" + depth + "</extra>",
            )
        )
    present = {c["kind"] for c in rel.conversations}  # an axis of kinds never held is noise
    fig.update_yaxes(
        categoryorder="array", categoryarray=[k for k in CONVERSATION_KINDS if k in present]
    )
    return _layout(fig, 280)


def level_over_time(rel: Relationship) -> go.Figure:
    """The level at each month end, as a step line coloured by the latest level."""
    colour = LEVEL_COLOURS[max(rel.tie.level, 2)]
    fig = go.Figure(
        go.Scatter(
            x=[p.day for p in rel.history],
            y=[p.level for p in rel.history],
            mode="lines",
            line={"shape": "hv", "color": colour, "width": 3},
            customdata=[round(p.strength, 2) for p in rel.history],
            hovertemplate="%{x|%Y-%m-%d}: level %{y}, strength %{customdata}<extra></extra>",
            name="level",
        )
    )
    fig.update_yaxes(
        range=[-0.2, 4.3], tickvals=list(range(5)), ticktext=[lv.label for lv in Level]
    )
    return _layout(fig, 220)

"""The portfolio's exposure chart."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

MOST_EXPOSED = 25


def exposure_chart(rows: list[dict[str, Any]]) -> go.Figure:
    """The least covered clients as bars, red where exposed.

    Each row has ``name``, ``coverage`` (percent), ``covered`` and ``directors``.
    """
    shown = sorted(rows, key=lambda r: (r["coverage"], -r["directors"], r["name"]))
    shown = shown[:MOST_EXPOSED][::-1]
    fig = go.Figure(
        go.Bar(
            x=[r["coverage"] for r in shown],
            y=[r["name"] for r in shown],
            orientation="h",
            marker={
                "color": [r["coverage"] for r in shown],
                "colorscale": [[0, "#b42318"], [0.5, "#f5b83d"], [1, "#2171b5"]],
                "cmin": 0, "cmax": 100,
            },
            customdata=[[r["covered"], r["directors"]] for r in shown],
            hovertemplate="%{y}: %{x}% covered<br>%{customdata[0]} of %{customdata[1]} directors"
            "<extra></extra>",
        )
    )  # fmt: skip
    fig.update_layout(
        height=max(260, 22 * len(shown) + 60), margin={"l": 10, "r": 20, "t": 10, "b": 40},
        plot_bgcolor="#fff", paper_bgcolor="#fff",
        xaxis={"range": [0, 100], "title": "coverage of directors (%)", "gridcolor": "#eef1f4"},
        yaxis={"automargin": True},
    )  # fmt: skip
    return fig

"""The portfolio's exposure chart."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

MOST_EXPOSED = 25


def exposure_chart(rows: list[dict[str, Any]]) -> go.Figure:
    """The least covered clients, each a bar of its directors: red those none of us knows
    personally, blue those someone does (so a large board nobody knows stands out).

    Each row has ``name``, ``coverage`` (percent), ``covered`` and ``directors``.
    """
    shown = sorted(rows, key=lambda r: (r["coverage"], -r["directors"], r["name"]))
    shown = shown[:MOST_EXPOSED][::-1]
    names = [r["name"] for r in shown]
    hover = [[r["covered"], r["directors"], r["coverage"]] for r in shown]
    template = (
        "%{y}: %{customdata[0]} of %{customdata[1]} directors covered"
        " (%{customdata[2]}%)<extra></extra>"
    )
    fig = go.Figure(
        [
            go.Bar(
                name="not covered", x=[r["directors"] - r["covered"] for r in shown], y=names,
                orientation="h", marker_color="#b42318", customdata=hover,
                hovertemplate=template,
            ),
            go.Bar(
                name="covered", x=[r["covered"] for r in shown], y=names,
                orientation="h", marker_color="#2171b5", customdata=hover,
                hovertemplate=template,
            ),
        ]
    )  # fmt: skip
    fig.update_layout(
        barmode="stack", height=max(260, 22 * len(shown) + 90),
        margin={"l": 10, "r": 20, "t": 30, "b": 40},
        plot_bgcolor="#fff", paper_bgcolor="#fff",
        legend={"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom", "traceorder": "normal"},
        xaxis={"title": "directors", "gridcolor": "#eef1f4", "rangemode": "tozero"},
        yaxis={"automargin": True},
    )  # fmt: skip
    return fig

"""The coverage map: directors (rows) by colleagues (columns), coloured by level."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from graphx.coverage import Coverage, DirectorCoverage
from graphx.model import Level
from graphx.palette import LEVEL_COLOURS, LEVEL_TEXT

UPRIGHT_AFTER = 12  # more colleague columns than this get upright names


@dataclass(frozen=True)
class Matrix:
    """Levels of each colleague (column) with each director (row), with hover details."""

    directors: list[DirectorCoverage]
    colleague_ids: list[str]
    colleague_names: list[str]
    levels: list[list[int]]
    strengths: list[list[float]]
    last_contacts: list[list[datetime | None]]

    def first(self, columns: int) -> Matrix:
        """The same matrix with only its first ``columns`` colleagues."""
        return Matrix(
            self.directors,
            self.colleague_ids[:columns],
            self.colleague_names[:columns],
            [row[:columns] for row in self.levels],
            [row[:columns] for row in self.strengths],
            [row[:columns] for row in self.last_contacts],
        )

    def frame(self) -> pd.DataFrame:
        """The matrix as a table: one row per director, one level column per colleague."""
        table = pd.DataFrame(self.levels, columns=self.colleague_names)
        table.insert(0, "best level", [d.best_level for d in self.directors])
        table.insert(0, "title", [d.title for d in self.directors])
        table.insert(0, "director", [d.name for d in self.directors])
        return table

    def excel(self) -> bytes:
        """:meth:`frame` as an Excel workbook, each level cell in the level's colour."""

        def colour(level: int) -> str:
            return f"background-color: {LEVEL_COLOURS[level]}; color: {LEVEL_TEXT[level]}"

        table = self.frame()
        styled = table.style.map(colour, subset=list(table.columns[2:]))
        buffer = io.BytesIO()
        styled.to_excel(buffer, index=False, sheet_name="coverage", engine="openpyxl")
        return buffer.getvalue()


def _order(director: DirectorCoverage) -> tuple[int, int, str]:
    return (0 if director.is_top else 1, 0 if director.level == "board" else 1, director.name)


def matrix(cov: Coverage, min_level: int = Level.MET) -> Matrix:
    """Chair and CEO first, then board, then executives; as columns the colleagues who know a
    director at ``min_level`` or deeper (each cell their actual level), those who know the
    most directors (then the strongest) first."""
    directors = sorted(cov.directors, key=_order)
    reach: dict[str, tuple[str, int, float]] = {}
    for d in directors:
        for k in d.known_by:
            if k.level < min_level:
                continue
            name, count, total = reach.get(k.id, (k.name, 0, 0.0))
            reach[k.id] = (name, count + 1, total + k.strength)
    ids = sorted(reach, key=lambda i: (-reach[i][1], -reach[i][2], reach[i][0]))
    levels, strengths, contacts = [], [], []
    for d in directors:
        known = {k.id: k for k in d.known_by}
        levels.append([known[i].level if i in known else 0 for i in ids])
        strengths.append([known[i].strength if i in known else 0.0 for i in ids])
        contacts.append([known[i].last_contact if i in known else None for i in ids])
    return Matrix(directors, ids, [reach[i][0] for i in ids], levels, strengths, contacts)


def heatmap(m: Matrix) -> go.Figure:
    """A discrete level heatmap with a legend that names the levels.

    Axes hold person ids (labelled with names), so a click names the pair exactly.
    """
    scale = []
    for level in range(5):
        scale += [[level / 5, LEVEL_COLOURS[level]], [(level + 1) / 5, LEVEL_COLOURS[level]]]
    hover = [
        [
            f"{m.colleague_names[j]} → {d.name}<br>level {Level(m.levels[i][j]).label}"
            f"<br>strength {m.strengths[i][j]:.2f}<br>last contact "
            + (f"{m.last_contacts[i][j]:%Y-%m-%d}" if m.last_contacts[i][j] else "never")
            for j in range(len(m.colleague_ids))
        ]
        for i, d in enumerate(m.directors)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=m.levels,
            x=m.colleague_ids,
            y=[d.id for d in m.directors],
            zmin=-0.5, zmax=4.5, colorscale=scale, xgap=2, ygap=2,
            text=hover, hovertemplate="%{text}<extra></extra>",
            colorbar={
                "tickvals": list(range(5)), "ticktext": [lv.label for lv in Level],
                "title": {"text": "level"},
            },
        )
    )  # fmt: skip
    upright = len(m.colleague_ids) > UPRIGHT_AFTER  # slanted names of narrow columns overlap
    fig.update_layout(
        height=max(280, 34 * len(m.directors) + (240 if upright else 140)),
        margin={"l": 10, "r": 10, "t": 10, "b": 10}, plot_bgcolor="#fff", paper_bgcolor="#fff",
        xaxis={
            "side": "top", "tickangle": -90 if upright else -35, "automargin": True,
            "type": "category",
            "tickvals": m.colleague_ids, "ticktext": m.colleague_names,
        },
        yaxis={
            "autorange": "reversed", "automargin": True, "type": "category",
            "tickvals": [d.id for d in m.directors],
            "ticktext": [f"{d.name} ({d.title})" for d in m.directors],
        },
    )  # fmt: skip
    return fig

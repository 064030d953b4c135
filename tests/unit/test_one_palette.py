"""One palette for the levels: the pages' badges, the Excel export and the report's charts
all draw a level in :data:`graphx.palette.LEVEL_COLOURS`."""

from __future__ import annotations

import io

import openpyxl

from dashboards.components.heatmap import Matrix
from dashboards.components.levels import level_badge
from graphx.coverage import DirectorCoverage
from graphx.palette import LEVEL_COLOURS, LEVEL_TEXT
from graphx.reports import charts


def test_the_excel_export_fills_each_level_cell_with_the_levels_colour() -> None:
    directors = [
        DirectorCoverage("d1", "Rosa", "CFO", "executive", False, 3, ()),
        DirectorCoverage("d2", "Piet", "Chair", "board", True, 0, ()),
    ]
    found = Matrix(directors, ["c1", "c2"], ["Ann", "Sam"], [[3, 1], [0, 4]],
                   [[1.0, 0.1], [0.0, 2.0]], [[None, None], [None, None]])  # fmt: skip
    sheet = openpyxl.load_workbook(io.BytesIO(found.excel()))["coverage"]
    assert [c.value for c in sheet[1]] == ["director", "title", "best level", "Ann", "Sam"]
    cells = {(r, c): sheet.cell(r, c) for r in (2, 3) for c in (3, 4, 5)}
    expected = {(2, 3): 3, (2, 4): 3, (2, 5): 1, (3, 3): 0, (3, 4): 0, (3, 5): 4}
    for where, level in expected.items():
        assert cells[where].value == level
        assert cells[where].fill.fgColor.rgb[-6:].lower() == LEVEL_COLOURS[level][1:]
        assert cells[where].font.color.rgb[-6:].lower() == LEVEL_TEXT[level][1:]


def test_the_pages_badges_and_the_reports_charts_use_the_same_colours() -> None:
    for level in range(5):
        badge = level_badge(level)
        assert badge.style == {"background": LEVEL_COLOURS[level], "color": LEVEL_TEXT[level]}
    bars = charts.level_bars([1, 2, 3, 4, 5], [1, 1, 1, 1, 1], "2026Q4", "2026Q3")
    assert all(f'fill="{LEVEL_COLOURS[level]}"' in bars for level in range(5))
    lines = charts.coverage_lines(["2026Q3", "2026Q4"], [0.2, 0.3], [("Contoso", [0.0, 0.0])])
    assert f'stroke="{LEVEL_COLOURS[4]}"' in lines and ">0%</text>" in lines and ">30%<" in lines

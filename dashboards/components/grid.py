"""Data grids (dash-ag-grid, the successor Dash names for its deprecated DataTable): sorting,
filtering, the first column pinned, columns sized to their content, and CSV export of what
the filter shows."""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
from dash import Input, Output, callback, html

LINK: dict[str, Any] = {
    "cellRenderer": "GxLink",
    "suppressKeyboardEvent": {"function": "gxFollowLink(params)"},
}
"""Column options (``assets/dashAgGrid*.js``): the cell's text as a link to the row's ``link``
field, so the CSV export keeps the plain text; Enter on the focused cell follows it."""


def column(field: str, header: str, *, numeric: bool = False, **options: Any) -> dict[str, Any]:
    """A column definition: text or number filter by type, sortable. A number filter takes
    digits, sign and decimal point in a text box (ag-grid's number box carries an
    ``autocomplete`` that axe finds inappropriate for a number)."""
    if not numeric:
        return {"field": field, "headerName": header, "filter": "agTextColumnFilter", **options}
    number = {"filter": "agNumberColumnFilter", "filterParams": {"allowedCharPattern": r"\d\-\."}}
    return {"field": field, "headerName": header, **number, **options}


def grid(
    id_: str, rows: list[dict[str, Any]], columns: list[dict[str, Any]], **options: Any
) -> html.Div:
    """A grid of ``rows`` with ``columns`` (the first pinned left) and an "Export CSV" button
    (``{id_}-csv``, wired by :func:`csv_export`)."""
    first, *rest = columns
    return html.Div(
        [
            html.Button("Export CSV", id=f"{id_}-csv", className="gx-button gx-grid-export"),
            dag.AgGrid(
                id=id_,
                rowData=rows,
                columnDefs=[{**first, "pinned": "left", "lockPinned": True}, *rest],
                defaultColDef={"sortable": True, "resizable": True, "floatingFilter": True},
                columnSize="autoSize",
                dashGridOptions={
                    "domLayout": "autoHeight",
                    "pagination": len(rows) > 25,
                    "paginationPageSize": 25,
                    "suppressColumnVirtualisation": True,  # every column sized and in the DOM
                    "ensureDomOrder": True,  # rows in display order for screen readers
                    # one tab stop: Tab leaves the grid from a cell, the arrows move inside it
                    "tabToNextCell": {"function": "false"},
                    **options,
                },
                csvExportParams={"fileName": f"{id_}.csv"},
                className="ag-theme-alpine gx-grid",
            ),
        ]
    )


def csv_export(id_: str) -> None:
    """Wire grid ``id_``'s "Export CSV" button: the grid writes the rows its filter and sort
    show, in that order (call once per grid, at import)."""

    @callback(
        Output(id_, "exportDataAsCsv"), Input(f"{id_}-csv", "n_clicks"), prevent_initial_call=True
    )
    def export(_: int | None) -> bool:
        return True

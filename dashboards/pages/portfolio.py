"""Portfolio: every client's coverage, trend against last quarter, and where we are exposed."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import dash
from dash import Input, Output, callback, dcc, html

from dashboards import answers, context
from dashboards.components.grid import LINK, column, csv_export, grid
from dashboards.components.portfolio import exposure_chart

dash.register_page(__name__, path="/", title="graphx: portfolio", nav="Portfolio", order=0)

EXPOSED_BELOW = 0.5  # a client is exposed while fewer than half its directors are covered
_EXPOSED = {"gx-bad": f"params.value < {round(100 * EXPOSED_BELOW)}"}
_TREND = {"gx-bad": "params.value < 0", "gx-good": "params.value > 0"}
csv_export("portfolio-table")


def layout(as_of: str | None = None, **_query: str) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    html.H1("Portfolio"),
                    html.P(
                        "Every client: how many of its directors one of us knows personally "
                        "(level 3 or more), and how that moved since last quarter.",
                        className="gx-lead",
                    ),
                    html.Div(
                        [
                            html.Div(
                                [
                                    html.Label("Sector", htmlFor="portfolio-sector"),
                                    dcc.Dropdown(
                                        id="portfolio-sector", multi=True, placeholder="All sectors"
                                    ),
                                ]
                            ),
                            html.Div(
                                [
                                    html.Label("Account owner", htmlFor="portfolio-owner"),
                                    dcc.Dropdown(
                                        id="portfolio-owner", multi=True, placeholder="All owners"
                                    ),
                                ]
                            ),
                        ],
                        className="gx-controls",
                    ),
                ],
                className="gx-card",
            ),
            dcc.Store(id="portfolio-as-of", data=as_of),
            dcc.Store(id="portfolio-rows"),
            dcc.Loading(html.Div(id="portfolio-content")),
        ]
    )


@callback(
    Output("portfolio-rows", "data"),
    Output("portfolio-sector", "options"),
    Output("portfolio-owner", "options"),
    Input("portfolio-as-of", "data"),
)
def load(as_of: str | None) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    day = context.as_of(as_of)
    accounts = answers.accounts()
    rows: list[dict[str, Any]] = []
    for row in answers.portfolio_rows(day):
        account = accounts.get(row.organisation_id)
        link = "/coverage?" + urlencode(
            {"organisation": row.organisation_id, **({"as_of": as_of} if as_of else {})}
        )
        rows.append(
            {
                "id": row.organisation_id,
                "link": link,
                "name": row.organisation_name,
                "sector": account.sector if account else "",
                "owner": account.owner_name if account else "",
                "coverage": round(100 * row.coverage),
                "covered": row.covered,
                "directors": row.directors,
                "trend": None if row.trend is None else round(100 * row.trend),
            }
        )
    sectors = sorted({r["sector"] for r in rows if r["sector"]})
    owners = sorted({r["owner"] for r in rows if r["owner"]})
    return rows, sectors, owners


@callback(
    Output("portfolio-content", "children"),
    Input("portfolio-rows", "data"),
    Input("portfolio-sector", "value"),
    Input("portfolio-owner", "value"),
)
def show(
    rows: list[dict[str, Any]] | None, sectors: list[str] | None, owners: list[str] | None
) -> Any:
    if rows is None:
        raise dash.exceptions.PreventUpdate
    shown = [
        r
        for r in rows
        if (not sectors or r["sector"] in sectors) and (not owners or r["owner"] in owners)
    ]
    if not shown:
        return html.Div("No clients to show.", id="portfolio-empty", className="gx-card")
    directors = sum(r["directors"] for r in shown)
    covered = sum(r["covered"] for r in shown)
    exposed = sum(1 for r in shown if r["coverage"] < 100 * EXPOSED_BELOW)
    kpis = html.Div(
        [
            _kpi("clients", str(len(shown)), "portfolio-kpi-clients"),
            _kpi("directors covered", f"{covered} / {directors}", "portfolio-kpi-covered"),
            _kpi("exposed clients", str(exposed), "portfolio-kpi-exposed"),
        ],
        className="gx-kpis",
    )
    meaning = html.P(
        "Covered: one of us knows the director personally (level 3 or more). Exposed: fewer "
        f"than {round(100 * EXPOSED_BELOW)}% of a client's directors covered, the chair and the "
        "CEO counting double.",
        id="portfolio-meaning",
        className="gx-muted",
    )
    table = grid(
        "portfolio-table",
        shown,
        [
            column("name", "Client", **LINK),
            column("sector", "Sector"),
            column("owner", "Account owner"),
            column("coverage", "Coverage %", numeric=True, sort="asc", cellClassRules=_EXPOSED),
            column("covered", "Covered", numeric=True),
            column("directors", "Directors", numeric=True),
            column("trend", "Trend (pts)", numeric=True, cellClassRules=_TREND),
        ],
    )
    return html.Div(
        [
            kpis,
            meaning,
            html.Div(
                [
                    html.H2("Most exposed clients"),
                    dcc.Graph(
                        id="portfolio-chart",
                        figure=exposure_chart(shown),
                        config={"displaylogo": False, "displayModeBar": False},
                    ),
                ],
                className="gx-card gx-stacked",
            ),
            html.Div([html.H2("All clients"), table], className="gx-card gx-stacked"),
        ]
    )


def _kpi(label: str, value: str, id_: str) -> html.Div:
    return html.Div(
        [html.Div(value, className="value", id=id_), html.Div(label, className="label")],
        className="gx-kpi",
    )

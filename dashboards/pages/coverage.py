"""Coverage map: who of us knows each director of a client, at what depth."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html
from dash.dcc.express import send_bytes, send_data_frame

from dashboards import answers, context, pickers
from dashboards.components.clients import client_options
from dashboards.components.heatmap import heatmap as heatmap_figure
from dashboards.components.heatmap import matrix
from dashboards.components.levels import (
    legend,
    level_badge,
    level_name,
    level_param,
    level_slider,
)
from dashboards.components.links import relationship_href
from graphx.errors import GraphxError
from graphx.model import Level
from graphx.repository.people import named

dash.register_page(
    __name__, path="/coverage", title="graphx: coverage map", nav="Coverage", order=1
)

MAX_COLUMNS = 40  # colleagues drawn in the map; the downloads hold them all


def layout(
    organisation: str | None = None,
    min_level: str | None = None,
    as_of: str | None = None,
    **_query: str,
) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    html.H1("Coverage map"),
                    html.P(
                        "Each director of the client (chair and CEO first) against the colleagues "
                        "who know them. Click a cell for the relationship.",
                        className="gx-lead",
                    ),
                    html.Div(
                        [
                            html.Div(
                                [
                                    html.Label("Client", htmlFor="coverage-organisation"),
                                    dcc.Dropdown(
                                        id="coverage-organisation",
                                        options=client_options(pickers.client_named(organisation)),
                                        value=organisation,
                                        placeholder="Choose a client...",
                                    ),
                                ],
                                className="gx-wide",
                            ),
                            level_slider("coverage-min-level", level_param(min_level)),
                            html.Button("Download CSV", id="coverage-csv", className="gx-button"),
                            html.Button(
                                "Download Excel", id="coverage-xlsx", className="gx-button"
                            ),
                        ],
                        className="gx-controls",
                    ),
                    legend(),
                ],
                className="gx-card",
            ),
            dcc.Store(id="coverage-as-of", data=as_of),
            dcc.Download(id="coverage-download"),
            dcc.Loading(html.Div(id="coverage-content")),
        ]
    )


@callback(
    Output("coverage-organisation", "options"),
    Input("coverage-as-of", "data"),
    prevent_initial_call=False,
)
def clients(_as_of: str | None) -> list[dict[str, str]]:
    return client_options(pickers.clients())


@callback(
    Output("url-state", "search", allow_duplicate=True),
    Input("coverage-organisation", "value"),
    Input("coverage-min-level", "value"),
    State("coverage-as-of", "data"),
    prevent_initial_call=True,
)
def share(organisation: str | None, min_level: int | None, as_of: str | None) -> str:
    level = min_level if min_level != Level.MET else None
    params = {"organisation": organisation, "min_level": level, "as_of": as_of}
    return "?" + urlencode({k: v for k, v in params.items() if v})


@callback(
    Output("coverage-content", "children"),
    Input("coverage-organisation", "value"),
    Input("coverage-min-level", "value"),
    State("coverage-as-of", "data"),
)
def show(organisation: str | None, min_level: int | None, as_of: str | None) -> Any:
    if not isinstance(organisation, str) or not organisation:
        return html.Div("Choose a client.", className="gx-card gx-muted")
    db = context.database()
    try:
        cov = answers.client_coverage(organisation, context.as_of(as_of))
    except GraphxError as exc:
        return html.Div(str(exc), className="gx-card gx-banner")
    level = _level(min_level)
    m = matrix(cov, level)
    known = named(db, [d.id for d in m.directors])
    directors = html.Ul(
        [
            html.Li(
                [
                    html.Strong(d.name), f", {d.title} ", level_badge(d.best_level),
                    html.Div(
                        "interests: " + (", ".join(known[d.id].interests) or "not recorded")
                        if d.id in known else "",
                        className="gx-muted",
                    ),
                ]
            )
            for d in m.directors
        ],
        className="gx-list",
        id="coverage-directors",
    )  # fmt: skip
    return html.Div(
        [
            html.Div(
                [
                    html.H2(f"{cov.organisation.name}: {round(100 * cov.coverage)}% covered"),
                    html.P(
                        f"{cov.covered} of {len(cov.directors)} directors known"
                        " at level 3 or more.",
                        className="gx-muted",
                        id="coverage-summary",
                    ),
                    *_columns_note(len(m.colleague_ids)),
                    dcc.Graph(
                        id="coverage-heatmap",
                        figure=heatmap_figure(m.first(MAX_COLUMNS)),
                        config={"displaylogo": False},
                    )
                    if m.colleague_ids
                    else html.P(_nobody(level), className="gx-banner"),
                ],
                className="gx-card",
                style={"flex": "3"},
            ),
            html.Div([html.H2("Directors"), directors], className="gx-card", style={"flex": "1"}),
        ],
        className="gx-row",
    )


@callback(
    Output("url", "href", allow_duplicate=True),
    Input("coverage-heatmap", "clickData"),
    State("coverage-as-of", "data"),
    prevent_initial_call=True,
)
def open_relationship(click: dict[str, Any] | None, as_of: str | None) -> str:
    if not click:
        raise dash.exceptions.PreventUpdate
    point = click["points"][0]
    return relationship_href(point["x"], point["y"], as_of)  # colleague, director


@callback(
    Output("coverage-download", "data"),
    Input("coverage-csv", "n_clicks"),
    Input("coverage-xlsx", "n_clicks"),
    State("coverage-organisation", "value"),
    State("coverage-min-level", "value"),
    State("coverage-as-of", "data"),
    prevent_initial_call=True,
)
def download(
    _csv: int | None,
    _xlsx: int | None,
    organisation: str | None,
    min_level: int | None,
    as_of: str | None,
) -> Any:
    if not isinstance(organisation, str) or not organisation:
        raise dash.exceptions.PreventUpdate
    day = context.as_of(as_of)
    found = matrix(answers.client_coverage(organisation, day), _level(min_level))
    name = f"coverage-{organisation}-{day.isoformat()}"
    if dash.ctx.triggered_id == "coverage-xlsx":
        return send_bytes(found.excel(), f"{name}.xlsx")
    return send_data_frame(found.frame().to_csv, f"{name}.csv", index=False)


def _level(value: int | None) -> int:
    """The slider's level (1 to 4); met when absent."""
    return value if isinstance(value, int) and Level.MET <= value <= Level.TRUSTED else Level.MET


def _nobody(level: int) -> str:
    deeper = "" if level == Level.MET else f" at {level_name(level)} level or deeper"
    return f"None of us knows any of its directors{deeper}."


def _columns_note(columns: int) -> list[html.P]:
    """Says how many colleagues the map leaves out, if any."""
    if columns <= MAX_COLUMNS:
        return []
    return [
        html.P(
            f"Showing the {MAX_COLUMNS} of {columns} colleagues who know the most directors "
            f"best; raise the minimum level for fewer, or download the whole map.",
            className="gx-muted",
            id="coverage-columns-note",
        )
    ]

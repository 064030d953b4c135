"""Gaps: directors nobody knows deeply, key-person risks, fading and overdue ties — with actions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html
from dash.dcc.express import send_bytes

from dashboards import answers, context, pickers
from dashboards.components.clients import client_options
from dashboards.components.levels import level_badge
from graphx.gaps import Gaps, most_pressing
from graphx.reports import build_report, report_file
from graphx.reports.quarters import Quarter

SHOWN = 25
"""Entries drawn per section (each is ~8 components; Dash draws about 2,000 a second); the
counts and the report downloads hold them all."""
REPORT_QUARTERS = 8  # complete quarters offered for the report, latest first
REPORT_FORMATS = [
    {"label": "PDF", "value": "pdf"},
    {"label": "HTML", "value": "html"},
    {"label": "CSV (zip)", "value": "csv"},
]

dash.register_page(__name__, path="/gaps", title="graphx: gaps", nav="Gaps", order=6)


def layout(organisation: str | None = None, as_of: str | None = None, **_query: str) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    html.H1("Coverage gaps"),
                    html.P(
                        "Where relationships with client directors are missing, hang on one "
                        "person, fade or wait too long for the next conversation.",
                        className="gx-lead",
                    ),
                    html.Div(
                        [
                            html.Label("Client", htmlFor="gaps-organisation"),
                            dcc.Dropdown(
                                id="gaps-organisation",
                                options=client_options(pickers.client_named(organisation)),
                                value=organisation,
                                placeholder="All clients",
                            ),
                        ],
                        className="gx-controls",
                        style={"maxWidth": "420px"},
                    ),
                    _report_controls(context.as_of(as_of)),
                ],
                className="gx-card",
            ),
            dcc.Store(id="gaps-as-of", data=as_of),
            dcc.Loading(html.Div(id="gaps-content")),
        ]
    )


def _report_controls(day: date) -> html.Div:
    """Quarter and format of the quarterly report, for the chosen client or all of them."""
    quarters = Quarter.last_complete(day).history(REPORT_QUARTERS)[::-1]
    return html.Div(
        [
            html.Label("Quarterly report", htmlFor="gaps-report-quarter"),
            dcc.Dropdown(
                id="gaps-report-quarter",
                options=[q.label for q in quarters],
                value=quarters[0].label,
                clearable=False,
                style={"minWidth": "140px"},
            ),
            dcc.Dropdown(
                id="gaps-report-format",
                options=REPORT_FORMATS,
                value="pdf",
                clearable=False,
                style={"minWidth": "140px"},
            ),
            html.Button("Download report", id="gaps-report-download", className="gx-button"),
            dcc.Loading(dcc.Download(id="gaps-report-file"), type="dot"),
        ],
        className="gx-controls",
    )


@callback(
    Output("gaps-report-file", "data"),
    Input("gaps-report-download", "n_clicks"),
    State("gaps-report-quarter", "value"),
    State("gaps-report-format", "value"),
    State("gaps-organisation", "value"),
    prevent_initial_call=True,
)
def download_report(_clicks: int, quarter: str, fmt: str, organisation: str | None) -> Any:
    client = organisation if isinstance(organisation, str) and organisation else None
    report = build_report(context.database(), quarter, client)
    name, data = report_file(report, fmt)
    return send_bytes(data, name)


@callback(
    Output("gaps-organisation", "options"),
    Input("gaps-as-of", "data"),
)
def clients(_as_of: str | None) -> list[dict[str, str]]:
    return client_options(pickers.clients())


@callback(
    Output("url-state", "search", allow_duplicate=True),
    Input("gaps-organisation", "value"),
    State("gaps-as-of", "data"),
    prevent_initial_call=True,
)
def share(organisation: str | None, as_of: str | None) -> str:
    params = {"organisation": organisation, "as_of": as_of}
    return "?" + urlencode({k: v for k, v in params.items() if v})


def _section(id_: str, title: str, explanation: str, items: list[Any], total: int) -> html.Div:
    """A titled list of ``total`` gaps of which ``items`` (the first ``SHOWN``) are drawn:
    thousands at once stall a browser."""
    body: list[Any] = [html.P("None.", className="gx-muted")]
    if items:
        body = [html.Ul(items, className="gx-list")]
    if total > len(items):
        body.append(
            html.P(
                f"The first {len(items)} of {total:,} shown: choose a client to see all of"
                " theirs, or download the report for the full lists.",
                className="gx-muted",
            )
        )
    return html.Div(
        [html.H2(f"{title} ({total:,})"), html.P(explanation, className="gx-muted"), *body],
        className="gx-card",
        id=id_,
    )


def _item(found: Gaps, person: str, organisation: str, detail: list[Any], action: str) -> html.Li:
    return html.Li(
        [
            html.Strong(found.names.get(person, person)),
            html.Span(f" · {found.names.get(organisation, organisation)} · ", className="gx-muted"),
            *detail,
            html.Div(f"→ {action}"),
        ]
    )


@callback(
    Output("gaps-content", "children"),
    Input("gaps-organisation", "value"),
    State("gaps-as-of", "data"),
)
def show(organisation: str | None, as_of: str | None) -> Any:
    day, client = context.as_of(as_of), organisation if isinstance(organisation, str) else None
    found = most_pressing(answers.client_gaps(day, client or None))
    clients = {account.id: account.name for account in answers.accounts().values()}
    found = replace(found, names={**clients, **found.names})

    def name(key: str) -> str:
        return found.names.get(key, key)

    uncovered = [
        _item(
            found,
            g.person_id,
            g.organisation_id,
            [g.title, " ", level_badge(g.best_level)],
            g.action.text,
        )
        for g in found.uncovered[:SHOWN]
    ]
    single = [
        _item(
            found,
            g.person_id,
            g.organisation_id,
            [f"{g.title}, known only by {name(g.colleague_id)} ", level_badge(g.level)],
            g.action.text,
        )
        for g in found.single_threaded[:SHOWN]
    ]
    fading = [
        _item(
            found,
            g.person_id,
            g.organisation_id,
            [
                f"with {name(g.colleague_id)}: ",
                level_badge(g.level_before),
                " → ",
                level_badge(g.level_now),
                f" (last deep {g.last_deep:%Y-%m-%d})",
            ],
            g.action.text,
        )
        for g in found.fading[:SHOWN]
    ]
    overdue = [
        _item(
            found,
            g.person_id,
            g.organisation_id,
            [f"with {name(g.colleague_id)}: silent {g.days_silent} days (target {g.target_days})"],
            g.action.text,
        )
        for g in found.overdue[:SHOWN]
    ]
    return html.Div(
        [
            _section(
                "gaps-uncovered",
                "Uncovered directors",
                "No colleague knows them at level 3 (personal) or more.",
                uncovered,
                len(found.uncovered),
            ),
            _section(
                "gaps-single",
                "Single-threaded",
                "Known deeply by exactly one colleague: the account hangs on one person.",
                single,
                len(found.single_threaded),
            ),
            _section(
                "gaps-fading",
                "Fading",
                "Ties that were personal or trusted and are lower now.",
                fading,
                len(found.fading),
            ),
            _section(
                "gaps-overdue",
                "Overdue",
                "Deep ties whose silence exceeds the contact cadence.",
                overdue,
                len(found.overdue),
            ),
        ]
    )

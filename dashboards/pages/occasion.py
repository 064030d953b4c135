"""Occasion planner: whom to invite to an occasion chosen for the client, and who hosts them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html
from dash.dcc.express import send_string

from dashboards import context
from dashboards.components.levels import level_badge
from graphx.errors import GraphxError
from graphx.occasion import OccasionPlan, plan_occasion

dash.register_page(
    __name__, path="/occasion", title="graphx: occasion planner", nav="Occasions", order=7
)


def _number(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() else default


def _plan(interest: str | None, capacity: int | None, on: str | None) -> OccasionPlan | None:
    if not interest or not interest.strip():
        return None
    day = context.as_of(on)
    size = capacity if capacity is not None else 20
    return plan_occasion(context.database(), interest, size, day)


def layout(
    interest: str | None = None,
    capacity: str | None = None,
    date: str | None = None,
    **_query: str,
) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    html.H1("Occasion planner"),
                    html.P(
                        "Start from the client: directors whose own interests match the occasion,"
                        " uncovered and fading ones of the most exposed clients first, each with"
                        " the colleague best placed to host them.",
                        className="gx-lead",
                    ),
                    html.Div(
                        [
                            html.Div(
                                [
                                    html.Label("Interest", htmlFor="occasion-interest"),
                                    dcc.Input(
                                        id="occasion-interest",
                                        value=interest or "",
                                        placeholder="golf, sailing, art...",
                                        debounce=True,
                                    ),
                                ]
                            ),
                            html.Div(
                                [
                                    html.Label("Guests at most", htmlFor="occasion-capacity"),
                                    dcc.Input(
                                        id="occasion-capacity",
                                        type="number",
                                        min=1,
                                        value=_number(capacity, 20),
                                        inputMode="numeric",
                                        autoComplete=None,  # "off" is no term for a number
                                        debounce=True,
                                    ),
                                ]
                            ),
                            html.Div(
                                [
                                    html.Label("Date", htmlFor="occasion-date"),
                                    dcc.DatePickerSingle(
                                        id="occasion-date",
                                        date=date,
                                        display_format="YYYY-MM-DD",
                                        clearable=True,
                                    ),
                                ]
                            ),
                            html.Button("Download CSV", id="occasion-csv", className="gx-button"),
                        ],
                        className="gx-controls",
                    ),
                ],
                className="gx-card",
            ),
            dcc.Download(id="occasion-download"),
            dcc.Loading(html.Div(id="occasion-content")),
        ]
    )


@callback(
    Output("url-state", "search", allow_duplicate=True),
    Input("occasion-interest", "value"),
    Input("occasion-capacity", "value"),
    Input("occasion-date", "date"),
    prevent_initial_call=True,
)
def share(interest: str | None, capacity: int | None, on: str | None) -> str:
    params = {"interest": (interest or "").strip(), "capacity": capacity, "date": (on or "")[:10]}
    return "?" + urlencode({k: v for k, v in params.items() if v})


_HEADINGS = ("#", "guest", "client", "best tie", "host", "why")


def _cell(heading: str, content: Any) -> html.Td:
    """A guest's cell carrying its column's heading, as a phone shows it."""
    attributes: dict[str, Any] = {"data-label": heading}  # not a Python name
    return html.Td(content, **attributes)


def _guests(plan: OccasionPlan) -> html.Table:
    """The guests, a row each; each cell carries its heading (``data-label``), which a phone
    shows beside it when the rows are stacked (graphx.css)."""
    rows = [
        html.Tr(
            [
                _cell(heading, cell)
                for heading, cell in zip(
                    _HEADINGS,
                    [
                        str(g.rank),
                        [html.Strong(g.name), html.Div(g.title, className="gx-muted")],
                        f"{g.organisation_name} ({round(100 * g.coverage)}% covered)",
                        level_badge(g.best_level),
                        g.host_name or "nobody yet",
                        html.Span(g.reason, className="gx-muted"),
                    ],
                    strict=True,
                )
            ],
            id=f"occasion-guest-{g.rank}",
        )
        for g in plan.guests
    ]
    head = html.Tr([html.Th(heading) for heading in _HEADINGS])
    return html.Table([html.Thead(head), html.Tbody(rows)], className="gx-table")


@callback(
    Output("occasion-content", "children"),
    Input("occasion-interest", "value"),
    Input("occasion-capacity", "value"),
    Input("occasion-date", "date"),
)
def show(interest: str | None, capacity: int | None, on: str | None) -> Any:
    try:
        plan = _plan(interest, capacity, on)
    except GraphxError as exc:
        return html.Div(str(exc), className="gx-card gx-banner")
    if plan is None:
        return html.Div("Choose the occasion's interest.", className="gx-card gx-muted")
    recent = len(plan.recently_met)
    summary = (
        f"{len(plan.guests)} guests for {plan.interest} on {plan.on.isoformat()}"
        f"; {len(plan.waiting)} more waiting; {recent} left out, met at such an occasion"
        f" within {plan.recent_days} days."
    )
    body: list[Any] = [html.P(summary, id="occasion-summary")]
    if plan.guests:
        body.append(_guests(plan))
    else:
        body.append(html.P("No current client director has this interest recorded."))
    return html.Div(body, className="gx-card")


@callback(
    Output("occasion-download", "data"),
    Input("occasion-csv", "n_clicks"),
    State("occasion-interest", "value"),
    State("occasion-capacity", "value"),
    State("occasion-date", "date"),
    prevent_initial_call=True,
)
def download(_clicks: int, interest: str | None, capacity: int | None, on: str | None) -> Any:
    plan = _plan(interest, capacity, on)
    if plan is None:
        raise dash.exceptions.PreventUpdate
    name = f"invitations-{plan.interest.replace(' ', '-')}-{plan.on.isoformat()}.csv"
    return send_string(plan.to_csv(), name)

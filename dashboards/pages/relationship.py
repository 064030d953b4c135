"""Relationship detail: two people, their conversations in time, the level over time and why."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboards import context, pickers
from dashboards.components.levels import level_badge
from dashboards.components.people import person_picker
from dashboards.components.timeline import conversation_timeline, level_over_time
from graphx.errors import GraphxError
from graphx.intro_requests import introduced_between
from graphx.relationship import relationship

dash.register_page(
    __name__, path="/relationship", title="graphx: relationship", nav="Relationship", order=5
)


def layout(
    a: str | None = None, b: str | None = None, as_of: str | None = None, **_query: str
) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    html.H1("Relationship"),
                    html.P("How well two people know each other, and why.", className="gx-lead"),
                    html.Div(
                        [
                            person_picker(
                                "relationship-a", "Person", a, pickers.people_like(None, a)
                            ),
                            person_picker("relationship-b", "and", b, pickers.people_like(None, b)),
                        ],
                        className="gx-controls",
                    ),
                ],
                className="gx-card",
            ),
            dcc.Store(id="relationship-as-of", data=as_of),
            dcc.Loading(html.Div(id="relationship-content")),
        ]
    )


for side in ("a", "b"):
    pickers.register_person_search(f"relationship-{side}")


@callback(
    Output("url-state", "search", allow_duplicate=True),
    Input("relationship-a", "value"),
    Input("relationship-b", "value"),
    State("relationship-as-of", "data"),
    prevent_initial_call=True,
)
def share(a: str | None, b: str | None, as_of: str | None) -> str:
    params = {"a": a, "b": b, "as_of": as_of}
    return "?" + urlencode({k: v for k, v in params.items() if v})


@callback(
    Output("relationship-content", "children"),
    Input("relationship-a", "value"),
    Input("relationship-b", "value"),
    State("relationship-as-of", "data"),
)
def show(a: str | None, b: str | None, as_of: str | None) -> Any:
    if not a or not b:
        return html.Div("Choose two people.", className="gx-card gx-muted")
    if not context.may_see_relationship(context.user(), a, b):
        return html.Div(
            "Your role may open only relationships you are part of.",
            id="relationship-forbidden",
            className="gx-card gx-banner",
        )
    db, day = context.database(), context.as_of(as_of)
    try:
        rel = relationship(db, a, b, day)
        introduced = introduced_between(db, a, b, day)
    except GraphxError as exc:
        return html.Div(str(exc), className="gx-card gx-banner")
    tie = rel.tie
    assessed = (
        html.P(
            [
                "Assessed by ", html.Strong(tie.assessment.by), ": ",
                level_badge(tie.assessment.level), f" — {tie.assessment.reason} ",
                html.Span(f"({tie.assessment.at:%Y-%m-%d})", className="gx-muted"),
            ],
            id="relationship-assessed",
        )
        if tie.assessment
        else None
    )  # fmt: skip
    return html.Div(
        [
            html.Div(
                [
                    html.H2(["Level today: ", level_badge(tie.level)], id="relationship-level"),
                    html.P(
                        f"Strength {tie.strength:.2f} · {tie.conversations} conversations"
                        + (f" since {tie.first_contact:%Y-%m-%d}" if tie.first_contact else ""),
                        className="gx-muted",
                    ),
                    assessed,
                    html.P(
                        introduced.sentence[0].upper() + introduced.sentence[1:] + ".",
                        id="relationship-introduced",
                    )
                    if introduced
                    else None,
                    html.Ul(
                        [html.Li(sentence) for sentence in tie.components],
                        id="relationship-components",
                        className="gx-list",
                    ),
                ],
                className="gx-card",
            ),
            html.Div(
                [
                    html.H2("Conversations"),
                    dcc.Graph(
                        id="relationship-timeline",
                        figure=conversation_timeline(rel),
                        config={"displaylogo": False},
                    ),
                    html.H2("Level over time"),
                    dcc.Graph(
                        id="relationship-history",
                        figure=level_over_time(rel),
                        config={"displaylogo": False},
                    ),
                ],
                className="gx-card",
            ),
        ]
    )

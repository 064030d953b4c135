"""My network: the signed-in colleague's ties to client directors and whom to contact next."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboards import context, pickers
from dashboards.components.levels import level_badge
from dashboards.components.people import colleague_picker
from graphx.agenda import Agenda, agenda
from graphx.errors import GraphxError

dash.register_page(__name__, path="/me", title="graphx: my network", nav="My network", order=8)

_STATUS = {"overdue": "overdue", "due": "due this month", "fading": "fading", "ok": ""}


def layout(person: str | None = None, as_of: str | None = None, **_query: str) -> html.Div:
    chosen, labels, director = pickers.colleague(person)
    return html.Div(
        [
            html.Div(
                [
                    html.H1("My network"),
                    html.P(
                        "Your ties to client directors, and whom to contact this month: overdue"
                        " ties first, then fading ones, with what each director cares about.",
                        className="gx-lead",
                    ),
                    colleague_picker("me-person", chosen, labels, director=director),
                ],
                className="gx-card",
            ),
            dcc.Store(id="me-as-of", data=as_of),
            dcc.Loading(html.Div(id="me-content")),
        ]
    )


pickers.register_colleague_picker("me-person", "me-as-of")


def _contacts(result: Agenda) -> html.Ol:
    return html.Ol(
        [
            html.Li(
                [
                    html.Strong(c.why),
                    " ",
                    html.Span(c.reason),
                    html.Div(c.hint, className="gx-muted"),
                ],
                id=f"me-contact-{c.rank}",
            )
            for c in result.contacts
        ],
        className="gx-list",
        id="me-contacts",
    )


def _ties(result: Agenda) -> html.Div:
    groups = []
    for level, ties in result.by_level().items():
        if not ties:
            continue
        items = [
            html.Li(
                [
                    html.Strong(t.director.name),
                    f", {t.director.title}, {t.director.organisation_name} · last contact "
                    f"{t.last_contact.isoformat() if t.last_contact else 'never'} ",
                    html.Span(_STATUS[t.status], className="gx-banner") if t.status != "ok" else "",
                ]
            )
            for t in ties
        ]
        groups.append(
            html.Div(
                [
                    html.H2([level_badge(level), f" {len(ties)}"]),
                    html.Ul(items, className="gx-list"),
                ],
                id=f"me-level-{level}",
            )
        )
    return html.Div(groups or [html.P("No ties to client directors yet.")], id="me-ties")


@callback(
    Output("me-content", "children"),
    Input("me-person", "value"),
    State("me-as-of", "data"),
)
def show(person: str | None, as_of: str | None) -> Any:
    viewer = context.user()
    if not person:
        return html.Div(
            "Your login is not linked to a colleague: ask a director to link it.",
            className="gx-card gx-muted",
        )
    if viewer.role != "director" and person != viewer.person_id:
        return html.Div("You may see only your own network.", className="gx-card gx-banner")
    try:
        result = agenda(context.database(), person, context.as_of(as_of))
    except GraphxError as exc:
        return html.Div(str(exc), className="gx-card gx-banner")
    return html.Div(
        [
            html.Div(
                [
                    html.H2(f"{result.name}: whom to contact this month"),
                    _contacts(result)
                    if result.contacts
                    else html.P("Nothing pressing: every tie is in rhythm.", id="me-contacts"),
                ],
                className="gx-card",
            ),
            html.Div([html.H2("Ties to client directors"), _ties(result)], className="gx-card"),
        ]
    )

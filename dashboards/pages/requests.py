"""Introduction requests: the asks waiting on me, my own asks, and moving one on."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboards import context, pickers
from dashboards.components.grid import column, csv_export, grid
from dashboards.components.people import colleague_picker
from graphx.errors import GraphxError
from graphx.intro_requests import (
    NEXT,
    STALE_DAYS,
    STATUSES,
    IntroRequest,
    get_request,
    list_requests,
    mine,
    update,
    waiting_on,
)

dash.register_page(
    __name__, path="/requests", title="graphx: introduction requests", nav="Requests", order=4
)

GRIDS = ("requests-waiting", "requests-mine")


def layout(person: str | None = None, as_of: str | None = None, **_query: str) -> html.Div:
    chosen, labels, director = pickers.colleague(person)
    return html.Div(
        [
            html.Div(
                [
                    html.H1("Introduction requests"),
                    html.P(
                        "The introductions waiting on you to make, and those you asked for. "
                        f"A request nobody moved on for {STALE_DAYS} days is stale: chase it "
                        "or drop it.",
                        className="gx-lead",
                    ),
                    colleague_picker("requests-person", chosen, labels, director=director),
                ],
                className="gx-card",
            ),
            dcc.Store(id="requests-as-of", data=as_of),
            dcc.Store(id="requests-version", data=0),
            dcc.Loading(html.Div(id="requests-content")),
            _move_card(),
        ]
    )


def _move_card() -> html.Div:
    return html.Div(
        [
            html.H2("Move a request on"),
            html.Div(
                [
                    html.Div(
                        [
                            html.Label("Request", htmlFor="requests-move-id"),
                            dcc.Dropdown(
                                id="requests-move-id",
                                options=[],
                                clearable=False,
                                placeholder="Choose a request",
                            ),
                        ],
                        className="gx-wide",
                    ),
                    html.Div(
                        [
                            html.Label("New status", htmlFor="requests-move-status"),
                            dcc.Dropdown(
                                id="requests-move-status",
                                options=[],
                                clearable=False,
                                placeholder="Choose a status",
                            ),
                        ]
                    ),
                    html.Div(
                        [
                            html.Label("Note", htmlFor="requests-move-note"),
                            dcc.Input(
                                id="requests-move-note",
                                type="text",
                                placeholder="optional",
                                className="gx-input",
                            ),
                        ]
                    ),
                    html.Button("Update", id="requests-move", className="gx-button"),
                ],
                className="gx-controls",
            ),
            html.Div(id="requests-moved", role="status"),
        ],
        className="gx-card",
        id="requests-move-card",
    )


pickers.register_colleague_picker("requests-person", "requests-as-of")


def _since(r: IntroRequest) -> str:
    return f"{r.status} on {r.updated.isoformat()}"


def _row(r: IntroRequest) -> dict[str, Any]:
    return {
        "id": r.id,
        "from": r.name(r.from_id),
        "via": r.name(r.via_id),
        "to": r.name(r.to_id),
        "status": r.status,
        "since": r.updated.isoformat(),
        "stale": f"stale, {r.days_since_update} days" if r.stale else "",
        "chain": " → ".join(r.name(p) for p in r.chain),
        "note": r.steps[-1].note or r.steps[0].note,
    }


STALE: dict[str, Any] = {"cellClass": "gx-stale"}


def _section(
    id_: str, title: str, found: list[IntroRequest], columns: list[dict[str, Any]], empty: str
) -> html.Div:
    body: Any = (
        html.Div(grid(id_, [_row(r) for r in found], columns), className="gx-grid-compact")
        if found
        else html.P(empty, className="gx-muted", id=f"{id_}-empty")
    )
    return html.Div(
        [html.H2(f"{title}: {len(found)}"), body], className="gx-card", id=f"{id_}-card"
    )


@callback(
    Output("requests-content", "children"),
    Output("requests-move-id", "options"),
    Input("requests-person", "value"),
    Input("requests-version", "data"),
    State("requests-as-of", "data"),
)
def show(person: str | None, _version: int, as_of: str | None) -> tuple[Any, list[str]]:
    viewer = context.user()
    if not person:
        note = "Your login is not linked to a colleague: ask a director to link it."
        return html.Div(note, className="gx-card gx-muted", id="requests-unlinked"), []
    if viewer.role != "director" and person != viewer.person_id:
        return html.Div("You may see only your own requests.", className="gx-card gx-banner"), []
    found = list_requests(context.database(), context.as_of(as_of), person)
    waiting, asked = waiting_on(found, person), mine(found, person)
    content = html.Div(
        [
            _section(
                "requests-waiting",
                "Waiting on you",
                waiting,
                [
                    column("id", "Request", width=110),
                    column("from", "Asked by"),
                    column("to", "To meet"),
                    column("status", "Status"),
                    column("since", "Since"),
                    column("stale", "Stale", **STALE),
                    column("note", "Note"),
                ],
                "Nobody is waiting on you for an introduction.",
            ),
            _section(
                "requests-mine",
                "Your asks",
                asked,
                [
                    column("id", "Request", width=110),
                    column("via", "Asked"),
                    column("to", "To meet"),
                    column("status", "Status"),
                    column("since", "Since"),
                    column("stale", "Stale", **STALE),
                    column("chain", "Chain"),
                ],
                "You have asked for no introduction yet: the Introductions page has an "
                "Ask button on each chain.",
            ),
        ]
    )
    movable = [r.id for r in waiting + asked if r.is_open]
    return content, sorted(set(movable), key=lambda i: int(i.lstrip("r")))


for grid_id in GRIDS:
    csv_export(grid_id)


@callback(
    Output("requests-move-status", "options"),
    Output("requests-move-status", "value"),
    Input("requests-move-id", "value"),
    State("requests-as-of", "data"),
)
def statuses(request_id: str | None, as_of: str | None) -> tuple[list[str], str | None]:
    """The statuses the chosen request may move on to."""
    if not request_id:
        return [], None
    try:
        found = get_request(context.database(), request_id, context.as_of(as_of))
    except GraphxError:
        return [], None
    allowed = [s for s in STATUSES if s in NEXT.get(found.status, ())]
    return allowed, allowed[0] if allowed else None


@callback(
    Output("requests-moved", "children"),
    Output("requests-version", "data"),
    Input("requests-move", "n_clicks"),
    State("requests-move-id", "value"),
    State("requests-move-status", "value"),
    State("requests-move-note", "value"),
    State("requests-as-of", "data"),
    State("requests-version", "data"),
    prevent_initial_call=True,
)
def move(
    _clicks: int | None,
    request_id: str | None,
    status: str | None,
    note: str | None,
    as_of: str | None,
    version: int,
) -> tuple[Any, int]:
    """Move the chosen request on: directors any, others those they asked or are asked."""
    if not request_id or not status:
        return html.Div("Choose a request and its new status.", className="gx-muted"), version
    viewer = context.user()
    db = context.database()
    day = context.as_of(as_of)
    try:
        found = get_request(db, request_id, day)
        if viewer.role != "director" and viewer.person_id not in (found.from_id, found.via_id):
            return html.Div("You may move on only your own requests.", className="gx-banner"), (
                version
            )
        moved = update(db, request_id, status, note or "", day)
    except GraphxError as exc:
        return html.Div(str(exc), className="gx-banner"), version
    return html.Div(
        f"{moved.id} is {moved.status} as of {moved.updated.isoformat()}.",
        className="gx-notice gx-card",
        id="requests-moved-done",
    ), version + 1

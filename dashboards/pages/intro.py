"""Warm introductions: the strongest chains from me to the person I need to reach."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import dash
from dash import ALL, Input, Output, State, callback, ctx, dcc, html

from dashboards import context, pickers
from dashboards.components.levels import level_badge
from dashboards.components.people import person_picker
from graphx.errors import GraphxError
from graphx.intro import Chain, Introductions, introductions
from graphx.intro_requests import record

dash.register_page(
    __name__, path="/intro", title="graphx: warm introductions", nav="Introductions", order=3
)


def layout(
    me: str | None = None, target: str | None = None, as_of: str | None = None, **_query: str
) -> html.Div:
    viewer = context.signed_in()
    me = me or (viewer.person_id if viewer else None)
    return html.Div(
        [
            html.Div(
                [
                    html.H1("Warm introductions"),
                    html.P(
                        "Who can introduce you, through whom: chains ranked by their weakest "
                        "links (the product of the link strengths).",
                        className="gx-lead",
                    ),
                    html.Div(
                        [
                            person_picker("intro-me", "From", me, pickers.people_like(None, me)),
                            person_picker(
                                "intro-target", "To", target, pickers.people_like(None, target)
                            ),
                        ],
                        className="gx-controls",
                    ),
                ],
                className="gx-card",
            ),
            dcc.Store(id="intro-as-of", data=as_of),
            html.Div(id="intro-asked", role="status"),
            dcc.Loading(html.Div(id="intro-content")),
        ]
    )


for picker in ("intro-me", "intro-target"):
    pickers.register_person_search(picker)


@callback(
    Output("url-state", "search", allow_duplicate=True),
    Input("intro-me", "value"),
    Input("intro-target", "value"),
    State("intro-as-of", "data"),
    prevent_initial_call=True,
)
def share(me: str | None, target: str | None, as_of: str | None) -> str:
    params = {"me": me, "target": target, "as_of": as_of}
    return "?" + urlencode({k: v for k, v in params.items() if v})


def _chain(result: Introductions, chain: Chain, rank: int) -> html.Div:
    def name(pid: str) -> str:
        return result.names.get(pid, pid)

    parts: list[Any] = [html.Span(name(chain.people[0]), className="gx-chain-person")]
    for link in chain.links:
        since = f"{link.last_contact:%Y-%m-%d}" if link.last_contact else "never"
        parts.append(
            html.Div(
                [html.Div(level_badge(link.level)), html.Div(f"last {since}")],
                className="gx-chain-link",
            )
        )
        parts.append(html.Span(name(link.b), className="gx-chain-person"))
    head: list[Any] = [
        html.Span(
            f"{rank}. strength {chain.strength:.3f} · {chain.hops} hops", className="gx-muted"
        )
    ]
    if chain.hops >= 2:
        head.append(
            html.Button(
                f"Ask {name(chain.people[1])}",
                id={"type": "intro-ask", "index": rank},
                className="gx-button gx-ask",
                title=f"Record that you ask {name(chain.people[1])} to introduce you",
            )
        )
    return html.Div(
        [
            html.Div(head, className="gx-chain-head"),
            html.Div(parts, className="gx-chain", id=f"intro-chain-{rank}"),
        ],
        style={"marginBottom": "1rem"},
    )


@callback(
    Output("intro-content", "children"),
    Input("intro-me", "value"),
    Input("intro-target", "value"),
    State("intro-as-of", "data"),
)
def show(me: str | None, target: str | None, as_of: str | None) -> Any:
    if not me or not target:
        return html.Div("Choose whom you want to reach.", className="gx-card gx-muted")
    try:
        result = introductions(context.database(), me, target, as_of=context.as_of(as_of))
    except GraphxError as exc:
        return html.Div(str(exc), className="gx-card gx-banner")
    return html.Div(
        [
            html.P(result.suggestion, id="intro-suggestion", style={"fontSize": "1.05rem"}),
            *[_chain(result, chain, i) for i, chain in enumerate(result.paths, start=1)],
        ],
        className="gx-card",
    )


@callback(
    Output("intro-asked", "children"),
    Input({"type": "intro-ask", "index": ALL}, "n_clicks"),
    State("intro-me", "value"),
    State("intro-target", "value"),
    State("intro-as-of", "data"),
    prevent_initial_call=True,
)
def ask(
    clicks: list[int | None] | None, me: str | None, target: str | None, as_of: str | None
) -> Any:
    """Record the request of the chain whose "Ask" button was pressed (sales ask for
    themselves only)."""
    pressed = ctx.triggered_id
    index = pressed.get("index") if isinstance(pressed, dict) else None
    if not any(clicks or ()) or not isinstance(index, int) or index < 1 or not me or not target:
        raise dash.exceptions.PreventUpdate  # a chain's number is set by the page, from 1
    viewer = context.user()
    if viewer.role != "director" and me != viewer.person_id:
        return html.Div("You may ask only for yourself.", className="gx-card gx-banner")
    day = context.as_of(as_of)
    db = context.database()
    try:
        found = introductions(db, me, target, as_of=day)
        chain = found.paths[index - 1]
        made = record(db, chain, on=day)
    except (GraphxError, IndexError) as exc:
        return html.Div(str(exc), className="gx-card gx-banner")
    return html.Div(
        [
            html.Strong(f"Request {made.id} recorded: "),
            f"{made.name(made.from_id)} asks {made.name(made.via_id)} to introduce them to "
            f"{made.name(made.to_id)}. ",
            dcc.Link("See your requests", href="/requests"),
        ],
        className="gx-card gx-notice",
        id="intro-asked-done",
    )

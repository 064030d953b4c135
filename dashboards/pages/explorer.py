"""Explorer: the ego network of a person or organisation; click a person to expand them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import dash
import dash_cytoscape as cyto
from dash import Input, Output, State, callback, dcc, html

from dashboards import context, pickers
from dashboards.components.levels import legend, level_param, level_slider
from dashboards.components.links import relationship_href
from dashboards.components.network import elements, stylesheet
from dashboards.components.people import person_options
from graphx.explorer import ego_network
from graphx.palette import KIND_COLOURS
from graphx.repository.employment import people_at

dash.register_page(__name__, path="/explorer", title="graphx: explorer", nav="Explorer", order=2)

TIES_SHOWN = 150  # ties drawn at first and added by "show more": beyond, lines hide names


def layout(
    person: str | None = None,
    organisation: str | None = None,
    min_level: str = "1",
    as_of: str | None = None,
    **_query: str,
) -> html.Div:
    level = level_param(min_level)
    db = context.database()
    viewer = context.signed_in()
    if not person and not organisation and viewer is not None:
        person = viewer.person_id  # a colleague starts from their own network
    centers = [person] if person else []
    if organisation and not centers:
        centers = people_at(db, organisation, context.as_of(as_of))[:12]
    return html.Div(
        [
            html.Div(
                [
                    html.H1("Explorer"),
                    html.P(
                        "Who knows whom around a person. Click someone to add their ties.",
                        className="gx-lead",
                    ),
                    html.Div(
                        [
                            html.Div(
                                [
                                    html.Label(
                                        "Person (name or e-mail)", htmlFor="explorer-person"
                                    ),
                                    dcc.Dropdown(
                                        id="explorer-person",
                                        options=person_options(pickers.people_like(None, person)),
                                        value=person,
                                        placeholder="Type a name or address...",
                                    ),
                                ],
                                className="gx-wide",
                            ),
                            level_slider("explorer-min-level", level),
                        ],
                        className="gx-controls",
                    ),
                    legend(),
                    html.Div(
                        [_kind_key(kind, colour) for kind, colour in KIND_COLOURS.items()],
                        className="gx-legend gx-muted",
                    ),
                ],
                className="gx-card",
            ),
            dcc.Store(id="explorer-centers", data=centers),
            dcc.Store(id="explorer-limit", data=TIES_SHOWN),
            dcc.Store(id="explorer-as-of", data=as_of),
            html.Div(
                [
                    dcc.Loading(
                        cyto.Cytoscape(
                            id="explorer-graph",
                            elements=[],
                            stylesheet=stylesheet(),
                            layout={"name": "preset", "fit": True, "padding": 24},
                            style={"width": "100%", "height": "640px"},
                            minZoom=0.2,
                            maxZoom=3,
                        )
                    ),
                    html.Div(
                        [
                            html.Span(id="explorer-summary", className="gx-muted"),
                            html.Button(
                                "Show more ties",
                                id="explorer-more",
                                className="gx-button",
                                hidden=True,
                                style={"marginLeft": "1rem"},
                            ),
                        ]
                    ),
                    html.Div(
                        "Hover over a tie for what it is; click it for the relationship.",
                        id="explorer-tie",
                        role="status",
                        className="gx-muted",
                    ),
                    html.Div(id="explorer-selected"),
                ],
                className="gx-card",
            ),
        ]
    )


def _kind_key(kind: str, colour: str) -> html.Span:
    """An organisation kind in the legend: its colour as a dot, its name in readable text."""
    dot = html.Span("●", style={"color": colour})
    return html.Span([dot, f" {kind}"], className="gx-key")


@callback(
    Output("explorer-person", "options"),
    Input("explorer-person", "search_value"),
    State("explorer-person", "value"),
    prevent_initial_call=True,
)
def search(typed: str | None, selected: str | None) -> list[dict[str, str]]:
    if not typed:
        raise dash.exceptions.PreventUpdate
    return person_options(pickers.people_like(typed, selected))


@callback(
    Output("url-state", "search"),
    Input("explorer-person", "value"),
    Input("explorer-min-level", "value"),
    State("explorer-as-of", "data"),
    prevent_initial_call=True,
)
def share(person: str | None, level: int, as_of: str | None) -> str:
    """Keep the page state in the address, so the view can be shared."""
    params = {"person": person, "min_level": level, "as_of": as_of}
    return "?" + urlencode({k: v for k, v in params.items() if v})


@callback(
    Output("explorer-centers", "data"),
    Input("explorer-graph", "tapNodeData"),
    State("explorer-centers", "data"),
    prevent_initial_call=True,
)
def expand(tapped: dict[str, Any] | None, centers: list[str]) -> list[str]:
    if not tapped or tapped["id"] in centers:
        raise dash.exceptions.PreventUpdate
    return [*centers, tapped["id"]]


@callback(
    Output("explorer-limit", "data"),
    Input("explorer-more", "n_clicks"),
    State("explorer-limit", "data"),
    prevent_initial_call=True,
)
def more(_: int | None, limit: object) -> int:
    return _limit(limit) + TIES_SHOWN


def _limit(value: object) -> int:
    """How many ties to draw: the stored count, else the first page's."""
    return value if isinstance(value, int) and value > 0 else TIES_SHOWN


@callback(
    Output("explorer-graph", "elements"),
    Output("explorer-summary", "children"),
    Output("explorer-more", "hidden"),
    Output("explorer-more", "children"),
    Input("explorer-centers", "data"),
    Input("explorer-min-level", "value"),
    Input("explorer-limit", "data"),
    State("explorer-as-of", "data"),
)
def draw(
    centers: list[str], level: int, limit: object, as_of: str | None
) -> tuple[list[dict[str, Any]], str, bool, str]:
    if not centers:
        return [], "Choose a person to see their network.", True, ""
    day = context.as_of(as_of)
    network = ego_network(context.database(), centers, day, min_level=level)
    drawn = elements(network, day, _limit(limit))
    shown = sum(1 for element in drawn if "source" in element["data"])
    total = len(network.edges)
    hidden = total - shown
    counts = f"{shown} ties shown" if not hidden else f"{shown} of {total} ties shown"
    more = f"Show {min(hidden, TIES_SHOWN)} more"
    return drawn, f"{len(network.nodes)} people, {counts}.", not hidden, more


@callback(
    Output("explorer-tie", "children"),
    Input("explorer-graph", "mouseoverEdgeData"),
    prevent_initial_call=True,
)
def explain_tie(edge: dict[str, Any] | None) -> str:
    if not isinstance(edge, dict) or "sentence" not in edge:
        raise dash.exceptions.PreventUpdate
    return str(edge["sentence"])


@callback(
    Output("url", "href", allow_duplicate=True),
    Input("explorer-graph", "tapEdgeData"),
    State("explorer-as-of", "data"),
    prevent_initial_call=True,
)
def open_relationship(edge: dict[str, Any] | None, as_of: str | None) -> str:
    if not isinstance(edge, dict) or not {"source", "target"} <= edge.keys():
        raise dash.exceptions.PreventUpdate
    return relationship_href(edge["source"], edge["target"], as_of)


@callback(
    Output("explorer-selected", "children"),
    Input("explorer-graph", "tapNodeData"),
    State("explorer-centers", "data"),
    State("explorer-as-of", "data"),
    prevent_initial_call=True,
)
def describe(tapped: dict[str, Any] | None, centers: list[str], as_of: str | None) -> Any:
    if not tapped:
        raise dash.exceptions.PreventUpdate
    href = (
        relationship_href(centers[0], tapped["id"], as_of)
        if centers
        else (relationship_href(tapped["id"], None, as_of))
    )
    return html.P(
        [
            html.Strong(tapped["label"]),
            f" — {tapped['detail']} · ",
            dcc.Link("relationship detail", href=href),
        ],
        id="explorer-selected-text",
    )

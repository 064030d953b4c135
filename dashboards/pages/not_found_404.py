"""The page shown for an unknown address."""

from __future__ import annotations

import dash
from dash import dcc, html

dash.register_page(__name__, title="graphx: not found")


def layout(**_query: str) -> html.Div:
    return html.Div(
        [
            html.H1("Page not found", id="notfound-title"),
            html.P("There is nothing at this address."),
            dcc.Link("Back to the portfolio", href="/"),
        ],
        className="gx-card",
    )

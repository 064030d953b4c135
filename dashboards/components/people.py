"""Person pickers: searchable dropdowns of people, labelled by name and organisation.

Pure layout: the people they list are given (``dashboards.pickers`` reads them and searches
as one types).
"""

from __future__ import annotations

from collections.abc import Mapping

from dash import dcc, html

PLACEHOLDER = "Type a name or address..."


def person_options(labels: Mapping[str, str]) -> list[dict[str, str]]:
    """Dropdown options from ``Name, Organisation`` labels by person id."""
    return [{"label": label, "value": value} for value, label in labels.items()]


def person_picker(id_: str, label: str, value: str | None, labels: Mapping[str, str]) -> html.Div:
    """A labelled, searchable person dropdown holding ``value``, listing ``labels`` (person id
    to label) until a search fills it."""
    return html.Div(
        [
            html.Label(label, htmlFor=id_),
            dcc.Dropdown(
                id=id_,
                options=person_options(labels),
                value=value,
                placeholder=PLACEHOLDER,
            ),
        ],
        className="gx-wide",
    )


def colleague_picker(
    id_: str, chosen: str | None, labels: Mapping[str, str], *, director: bool
) -> html.Div:
    """The "Colleague" control of a page about one colleague, holding ``chosen``: a director
    picks anyone, everyone else sees it disabled (their own login's colleague only)."""
    return html.Div(
        [
            html.Div(
                [
                    html.Label("Colleague", htmlFor=id_),
                    dcc.Dropdown(
                        id=id_,
                        options=person_options(labels),
                        value=chosen,
                        disabled=not director,
                        placeholder=PLACEHOLDER,
                    ),
                ],
                className="gx-wide",
            ),
        ],
        className="gx-controls",
    )

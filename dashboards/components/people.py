"""Person pickers: dropdown options from a search, labelled by name and organisation."""

from __future__ import annotations

from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboards import context
from graphx.db import Database
from graphx.explorer import search_people

MIN_SEARCH_LENGTH = 2


def person_options(db: Database, typed: str | None, selected: str | None) -> list[dict[str, str]]:
    """Options for a searchable dropdown: the matches of ``typed``, keeping ``selected`` listed."""
    options: dict[str, str] = {}
    if typed and len(typed.strip()) >= MIN_SEARCH_LENGTH:
        options = {hit.id: hit.label for hit in search_people(db, typed, limit=15)}
    if selected and selected not in options:
        options[selected] = person_label(db, selected)
    return [{"label": label, "value": value} for value, label in options.items()]


def person_label(db: Database, person_id: str) -> str:
    """``Name, Organisation`` for a person id (the id itself when unknown)."""
    rows = db.read("explorer.people", ids=[person_id])
    if not rows:
        return person_id
    row = rows[0]
    return f"{row['name']}, {row['organisation_name']}" if row["organisation_name"] else row["name"]


def person_picker(id_: str, label: str, value: str | None) -> html.Div:
    """A labelled, searchable person dropdown holding ``value``; pair it with
    :func:`register_person_search`."""
    return html.Div(
        [
            html.Label(label, htmlFor=id_),
            dcc.Dropdown(
                id=id_,
                options=person_options(context.database(), None, value),
                value=value,
                placeholder="Type a name or address...",
            ),
        ],
        className="gx-wide",
    )


def register_person_search(id_: str) -> None:
    """Fill the options of the dropdown ``id_`` with the people matching what is typed."""

    @callback(
        Output(id_, "options"),
        Input(id_, "search_value"),
        State(id_, "value"),
        prevent_initial_call=True,
    )
    def search(typed: str | None, selected: str | None) -> list[dict[str, str]]:
        if not typed:
            raise dash.exceptions.PreventUpdate
        return person_options(context.database(), typed, selected)


def colleague_picker(id_: str, person: str | None) -> html.Div:
    """The "Colleague" control of a page about one colleague: a director picks anyone
    (``person``, from the address), everyone else sees their own login's colleague only;
    pair it with :func:`register_colleague_picker`."""
    viewer = context.signed_in()
    director = viewer is not None and viewer.role == "director"
    chosen = (person if director else None) or (viewer.person_id if viewer else None)
    options = person_options(context.database(), None, chosen) if viewer and chosen else []
    return html.Div(
        [
            html.Div(
                [
                    html.Label("Colleague", htmlFor=id_),
                    dcc.Dropdown(
                        id=id_,
                        options=options,
                        value=chosen,
                        disabled=not director,
                        placeholder="Type a name or address...",
                    ),
                ],
                className="gx-wide",
            ),
        ],
        className="gx-controls",
    )


def register_colleague_picker(id_: str, as_of_store: str) -> None:
    """Wire :func:`colleague_picker` ``id_``: directors search anyone, and the colleague
    chosen goes in the address with the page's date (the store ``as_of_store``)."""

    @callback(
        Output(id_, "options"),
        Input(id_, "search_value"),
        State(id_, "value"),
        prevent_initial_call=True,
    )
    def search(typed: str | None, selected: str | None) -> list[dict[str, str]]:
        if not typed or context.user().role != "director":
            raise dash.exceptions.PreventUpdate
        return person_options(context.database(), typed, selected)

    @callback(
        Output("url-state", "search", allow_duplicate=True),
        Input(id_, "value"),
        State(as_of_store, "data"),
        prevent_initial_call=True,
    )
    def share(person: str | None, as_of: str | None) -> str:
        params = {"person": person, "as_of": as_of}
        return "?" + urlencode({k: v for k, v in params.items() if v})

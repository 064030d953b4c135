"""Person pickers: dropdown options from a search, labelled by name and organisation."""

from __future__ import annotations

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

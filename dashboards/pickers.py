"""What the pages' person and client pickers list, read from the graph, and the callbacks that
search as one types. The pickers themselves are pure layout: components/people.py and
components/clients.py."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback

from dashboards import context
from dashboards.components.people import person_options
from graphx.accounts import client_names
from graphx.errors import GraphxError
from graphx.explorer import search_people
from graphx.repository.people import drawn
from graphx.resolver import resolve_organisation

MIN_SEARCH_LENGTH = 2
SEARCH_LIMIT = 15
"""The matches a search lists."""


def people_like(typed: str | None, selected: str | None) -> dict[str, str]:
    """``Name, Organisation`` labels by person id: the matches of ``typed``, keeping
    ``selected`` listed."""
    found: dict[str, str] = {}
    if typed and len(typed.strip()) >= MIN_SEARCH_LENGTH:
        found = {
            hit.id: hit.label for hit in search_people(context.database(), typed, SEARCH_LIMIT)
        }
    if selected and selected not in found:
        found[selected] = person_label(selected)
    return found


def person_label(person_id: str) -> str:
    """``Name, Organisation`` (where they work today, as a search labels them) for a person
    id; the id itself when unknown or opted out."""
    found = drawn(context.database(), [person_id], date.today())
    return found[0].label if found else person_id


def clients() -> dict[str, str]:
    """Every client's name by organisation id."""
    return client_names(context.database())


def client_named(organisation: str | None) -> dict[str, str]:
    """The client named in the address (id or exact name), so a dropdown keeps it until all
    load; empty when none or unknown."""
    if not organisation:
        return {}
    try:
        found = resolve_organisation(context.database(), organisation)
    except GraphxError:
        return {}
    return {found.id: found.name}


class Colleague(NamedTuple):
    """What a colleague picker holds for the signed-in viewer."""

    chosen: str | None
    labels: dict[str, str]
    director: bool


def colleague(person: str | None) -> Colleague:
    """A director picks anyone (``person``, from the address), everyone else sees their own
    login's colleague only."""
    viewer = context.signed_in()
    director = viewer is not None and viewer.role == "director"
    chosen = (person if director else None) or (viewer.person_id if viewer else None)
    labels = people_like(None, chosen) if viewer and chosen else {}
    return Colleague(chosen, labels, director)


def register_person_search(id_: str, *, directors_only: bool = False) -> None:
    """Fill the options of the person dropdown ``id_`` with the people matching what is typed
    (with ``directors_only``, only when a director types: others see their own colleague)."""

    @callback(
        Output(id_, "options"),
        Input(id_, "search_value"),
        State(id_, "value"),
        prevent_initial_call=True,
    )
    def search(typed: str | None, selected: str | None) -> list[dict[str, str]]:
        if not typed or (directors_only and context.user().role != "director"):
            raise dash.exceptions.PreventUpdate
        return person_options(people_like(typed, selected))


def register_colleague_picker(id_: str, as_of_store: str) -> None:
    """Wire the colleague picker ``id_``: directors search anyone, and the colleague chosen
    goes in the address with the page's date (the store ``as_of_store``)."""
    register_person_search(id_, directors_only=True)

    @callback(
        Output("url-state", "search", allow_duplicate=True),
        Input(id_, "value"),
        State(as_of_store, "data"),
        prevent_initial_call=True,
    )
    def share(person: str | None, as_of: str | None) -> str:
        params = {"person": person, "as_of": as_of}
        return "?" + urlencode({k: v for k, v in params.items() if v})

"""Client pickers."""

from __future__ import annotations

from graphx.accounts import client_names
from graphx.db import Database
from graphx.directory import find_organisation
from graphx.errors import GraphxError


def client_options(db: Database) -> list[dict[str, str]]:
    """Every client, by name."""
    return [{"label": name, "value": id_} for id_, name in client_names(db).items()]


def selected_client(db: Database, organisation: str | None) -> list[dict[str, str]]:
    """The option of the client named in the address, so a dropdown keeps it until all load."""
    if not organisation:
        return []
    try:
        found = find_organisation(db, organisation)
    except GraphxError:
        return []
    return [{"label": found.name, "value": found.id}]

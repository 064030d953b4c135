"""Person pickers: dropdown options from a search, labelled by name and organisation."""

from __future__ import annotations

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

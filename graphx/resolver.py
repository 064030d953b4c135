"""The one way what a user typed becomes a person or an organisation.

A person is named by id or by any of their e-mail addresses (any case); an organisation by
id, or by its exact name when only one organisation has it. The one opt-out rule: opted-out
people are found only by what must reach them (erasure, access requests, merges, occasion
records: ``opted_out_too=True``); for everything else they do not exist.
"""

from __future__ import annotations

from graphx.db import Database
from graphx.errors import NotFound
from graphx.model import Organisation, Person
from graphx.repository import organisations, people


def resolve_person(db: Database, key: str, *, opted_out_too: bool = False) -> Person:
    """The person ``key`` names; NotFound when nobody (or, unless asked for, an opted-out
    person) has that id or address."""
    found = people.by_key(db, key)
    if found is None or (found.opted_out and not opted_out_too):
        raise NotFound(f"no person with id or e-mail address {key!r}")
    return found


def resolve_organisation(db: Database, key: str) -> Organisation:
    """The organisation whose id is ``key``, or whose exact name is, when only one has it."""
    found = organisations.by_key(db, key)
    by_id = [o for o in found if o.id == key]
    if by_id:
        found = by_id
    if not found:
        raise NotFound(f"no organisation with id or name {key!r}")
    if len(found) > 1:
        ids = ", ".join(o.id for o in found)
        raise NotFound(f"several organisations are called {key!r} ({ids}): give the id")
    return found[0]

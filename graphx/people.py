"""Finding people by what users type: an id or an e-mail address."""

from __future__ import annotations

from graphx.db import Database
from graphx.errors import NotFound


def resolve_person(db: Database, key: str) -> str:
    """The id of the person whose id or e-mail address (any case) is ``key``.

    Opted-out people are not found: they are absent from every view.
    """
    rows = db.read("people.resolve", key=key)
    if not rows or rows[0]["opt_out"]:
        raise NotFound(f"no person with id or e-mail address {key!r}")
    return str(rows[0]["id"])

"""Organisations: found by what a user typed, and the list of clients."""

from __future__ import annotations

from graphx.db import Database
from graphx.model import Organisation


def by_key(db: Database, key: str) -> list[Organisation]:
    """The organisations whose id is ``key`` or whose exact name is (a few, by id)."""
    return [
        Organisation(id=str(r["id"]), name=str(r["name"] or r["id"]), kind=str(r["kind"]))
        for r in db.read("organisations.by_key", key=key)
    ]


def clients(db: Database) -> list[tuple[str, str, str]]:
    """Every client as ``(id, name, sector)``, by name."""
    return [(r["id"], r["name"], r["sector"]) for r in db.read("organisations.clients")]

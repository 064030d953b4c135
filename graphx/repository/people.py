"""People: found by key or by what a user types, named, and drawn with their organisation."""

from __future__ import annotations

from datetime import date, datetime

from graphx.db import Database
from graphx.model import Arrival, Person, PersonAt
from graphx.repository.employment import arrival


def by_key(db: Database, key: str) -> Person | None:
    """The person (opted out or not) whose id or e-mail address (any case) is ``key``."""
    rows = db.read("people.by_key", key=key)
    if not rows:
        return None
    r = rows[0]
    return Person(id=str(r["id"]), name=str(r["name"] or r["id"]), opted_out=bool(r["opt_out"]))


def named(db: Database, ids: list[str]) -> dict[str, Person]:
    """The people among ``ids`` with their names, titles and interests, by id (opted-out
    people are left out)."""
    return {
        str(r["id"]): Person.of(r["id"], r["name"], r["title"], r["interests"])
        for r in db.read("people.named", ids=sorted(set(ids)))
    }


def search(db: Database, words: str, address: str, as_of: date, limit: int) -> list[PersonAt]:
    """People matching a fulltext query of ``words`` or whose address starts with
    ``address``, best first, each with where they work as of ``as_of``."""
    rows = db.read("people.search", words=words, address=address, as_of=as_of, limit=limit)
    return [PersonAt(**row) for row in rows]


def drawn(db: Database, ids: list[str], as_of: date) -> list[PersonAt]:
    """The people among ``ids`` (opted-out people left out) with where they work as of
    ``as_of``, for drawing a network."""
    return [PersonAt(**row) for row in db.read("people.drawn", ids=ids, as_of=as_of)]


def busiest_colleague(db: Database, as_of: date) -> Person | None:
    """The colleague (as of ``as_of``) with the most stored ties, if any."""
    rows = db.read("people.busiest_colleague", as_of=as_of)
    return Person(id=str(rows[0]["id"]), name=str(rows[0]["name"])) if rows else None


def namesakes(
    db: Database, people: dict[str, str], prefix: str, since: datetime, until: datetime
) -> list[Arrival]:
    """People created from an unknown address (id ``prefix`` + address) who bear the name
    of one of ``people`` (names by id) and first took part in a conversation from ``since``
    to before ``until``: each as an arrival of that person at the address's organisation."""
    rows = db.read(
        "people.namesakes",
        people=[{"id": k, "name": v} for k, v in people.items()],
        prefix=prefix,
        since=since,
        until=until,
    )
    return [arrival(r) for r in rows]

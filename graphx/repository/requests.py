"""Introduction requests as stored: read with their chain's names, created, moved on, and the
first conversation an introduced pair had on their own. Requests touching an opted-out person
are never read and cannot be created."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from graphx.db import Database, Row


@dataclass(frozen=True)
class StoredRequest:
    """A request as stored: the chain as found (person ids from the asker to the target), its
    strength, the day it was made and every step (status, day, note) oldest first, with the
    names of the chain's people (the id where a person has no name)."""

    id: str
    chain: tuple[str, ...]
    strength: float
    created: date
    steps: tuple[tuple[str, date, str], ...]
    names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Meeting:
    """The first conversation of an introduced pair's own: its id, day and kind."""

    conversation_id: str
    on: date
    kind: str


def _stored(row: Row) -> StoredRequest:
    return StoredRequest(
        id=str(row["id"]),
        chain=tuple(row["chain"]),
        strength=float(row["strength"]),
        created=row["created"],
        steps=tuple(zip(row["statuses"], row["dates"], row["notes"], strict=True)),
        names={str(pid): str(name or pid) for pid, name in row["names"]},
    )


def recorded_by(db: Database, as_of: date) -> list[StoredRequest]:
    """Every request recorded on or before ``as_of``, oldest first."""
    return [_stored(row) for row in db.read("requests.all", as_of=as_of)]


def of_person(db: Database, person_id: str, as_of: date) -> list[StoredRequest]:
    """The requests whose chain holds ``person_id``, recorded on or before ``as_of``, oldest
    first."""
    rows = db.read("requests.of_person", person_id=person_id, as_of=as_of)
    return [_stored(row) for row in rows]


def one(db: Database, request_id: str) -> StoredRequest | None:
    """One request by id; None when there is none."""
    rows = db.read("requests.one", id=request_id)
    return _stored(rows[0]) if rows else None


def between(db: Database, a: str, b: str) -> list[StoredRequest]:
    """The requests whose chain holds both ``a`` and ``b`` (in any position), oldest first."""
    return [_stored(row) for row in db.read("requests.between", a=a, b=b)]


def create(db: Database, chain: list[str], strength: float, on: date, note: str) -> str | None:
    """Record a request along ``chain`` with its first step (``requested`` on ``on``); its
    new id, None when a person of the chain is missing or opted out."""
    rows = db.write("requests.create", chain=chain, strength=strength, on=on, note=note)
    return str(rows[0]["id"]) if rows else None


def add_step(db: Database, request_id: str, steps: int, status: str, on: date, note: str) -> bool:
    """Append a step to a request that still has ``steps`` steps; False when someone moved
    it on meanwhile (or it is gone)."""
    rows = db.write("requests.step", id=request_id, steps=steps, status=status, on=on, note=note)
    return bool(rows)


def first_meetings(
    db: Database, pairs: Iterable[tuple[str, str, str, str, datetime]], until: datetime
) -> dict[str, Meeting]:
    """For each ``(request id, asker, target, introducer, since)``: the first conversation
    the asker and the target had without the introducer from ``since`` up to ``until``
    (exclusive), by request id; requests whose pair has not met are left out."""
    rows = db.read(
        "requests.first_meetings",
        rows=[
            {"id": rid, "from": a, "to": b, "via": via, "since": since}
            for rid, a, b, via, since in pairs
        ],
        until=until,
    )
    return {
        str(row["id"]): Meeting(str(row["conversation_id"]), row["date"].date(), str(row["kind"]))
        for row in rows
        if row["conversation_id"] is not None
    }

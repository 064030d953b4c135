"""Privacy requests: everything held about a person (an access request shows it as stored)
and their erasure, step by step inside the caller's one transaction.

The access request's records are returned as stored, one dict per row with the keys in the
order their query names them (``export-person`` prints them as they are); the erasure's
steps return counts and ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphx.db import Database, Row, Transaction


@dataclass(frozen=True)
class Held:
    """A person's own properties and e-mail addresses (sorted), opted out or not."""

    properties: dict[str, Any]
    addresses: list[str]


@dataclass(frozen=True)
class Erased:
    """What erasing a person node took with it: how many addresses, ties, assessments and
    jobs, and the ids of the conversations they took part in (one per participation)."""

    addresses: int
    conversations: list[str]
    ties: int
    assessments: int
    employments: int


def _held(row: Row) -> Held:
    return Held(properties=row["properties"], addresses=row["addresses"])


# An access request: what is held, as stored.


def held(db: Database, person_id: str) -> Held:
    """A person's properties and addresses (the person must exist)."""
    (row,) = db.read("privacy.person", id=person_id)
    return _held(row)


def employments(db: Database, person_id: str) -> list[dict[str, Any]]:
    """A person's jobs, current and past, with the organisation's name; oldest first."""
    return db.read("privacy.employments", id=person_id)


def participations(db: Database, person_id: str) -> list[dict[str, Any]]:
    """The conversations a person took part in, with their metadata and the person's role;
    oldest first."""
    return db.read("privacy.participations", id=person_id)


def assessments(db: Database, person_id: str) -> list[dict[str, Any]]:
    """Colleagues' assessments of a person's relationships, by the other person's id."""
    return db.read("privacy.assessments", id=person_id)


def requests(db: Database, person_id: str) -> list[dict[str, Any]]:
    """The introduction requests whose chain holds a person, with their position in it and
    every step; oldest first."""
    return db.read("privacy.requests", id=person_id)


def sources(db: Database, addresses: list[str]) -> list[dict[str, Any]]:
    """The live sources that log in as one of these (lower-case) addresses, by name."""
    return db.read("privacy.sources", addresses=addresses)


# Erasure: each step runs in the caller's transaction.


def held_in(tx: Transaction, person_id: str) -> Held:
    """:func:`held`, inside an erasure's transaction."""
    (row,) = tx.run("privacy.person", id=person_id)
    return _held(row)


def subjects(tx: Transaction, person_id: str) -> list[tuple[str, str | None]]:
    """The id and subject of each conversation a person took part in, oldest first."""
    rows = tx.run("privacy.participations", id=person_id)
    return [(row["conversation_id"], row["subject"]) for row in rows]


def clear_subjects(tx: Transaction, ids: list[str]) -> int:
    """Remove the subject of these conversations; how many there were."""
    return int(tx.run("privacy.clear_subjects", ids=ids)[0]["cleared"])


def forget_requests(tx: Transaction, person_id: str) -> int:
    """Delete every introduction request whose chain holds a person; how many went."""
    (row,) = tx.run("privacy.forget_requests", id=person_id)
    return int(row["requests"])


def forget_sources(tx: Transaction, addresses: list[str]) -> tuple[str, ...]:
    """Remove the live sources that log in as one of these addresses (with their bookmarks
    and items); their names."""
    return tuple(row["name"] for row in tx.run("privacy.forget_sources", addresses=addresses))


def forget_person(tx: Transaction, person_id: str) -> Erased:
    """Delete a person node with their addresses, participations, ties, assessments and
    jobs."""
    (row,) = tx.run("privacy.forget", id=person_id)
    return Erased(
        addresses=int(row["addresses"]),
        conversations=row["conversations"],
        ties=int(row["ties"]),
        assessments=int(row["assessments"]),
        employments=int(row["employments"]),
    )


def drop_conversations(tx: Transaction, ids: list[str]) -> set[str]:
    """Delete those of these conversations left with fewer than two participants; their
    ids."""
    return {row["id"] for row in tx.run("privacy.drop_conversations", ids=ids)}


def scrub_subjects(tx: Transaction, terms: list[str]) -> int:
    """Remove every conversation subject containing one of these lower-case terms; how many
    went."""
    return int(tx.run("privacy.scrub_subjects", terms=terms)[0]["cleared"])


def scrub_assessments(tx: Transaction, terms: list[str], replacement: str) -> int:
    """Replace every assessment reason or author containing one of these lower-case terms;
    how many assessments changed."""
    rows = tx.run("privacy.scrub_assessments", terms=terms, replacement=replacement)
    return int(rows[0]["cleared"])


def scrub_request_notes(tx: Transaction, terms: list[str], replacement: str) -> int:
    """Replace every introduction request note containing one of these lower-case terms; how
    many requests changed."""
    rows = tx.run("privacy.scrub_request_notes", terms=terms, replacement=replacement)
    return int(rows[0]["scrubbed"])

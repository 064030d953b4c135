"""What an import writes and looks up (``cypher/imports/``): bulk ``UNWIND $rows`` writes of
organisations, people, addresses, jobs, conversations and participations, opt-outs, merges of
two records of one person, and the lookups of the checks and of entity resolution.

An import runs in one transaction, or (too big for one) batch by batch: so each function
takes a ``Target``, the import's ``Transaction`` or the ``Database``, on which a write runs
in its own managed (retried) transaction and a lookup as a read. A write's ``rows`` are the
dicts the importers build (``graphx.importers.writer.Batch``), sent as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphx.db import Database, Row, Transaction

Target = Database | Transaction
"""Where a query runs: inside an import's transaction, or on the database (a write in its own
transaction, a lookup as a read)."""

Counts = dict[str, int]
"""What a bulk write did to its rows: how many were ``created``, ``updated`` or ``unchanged``
(a query that cannot change a row reports no ``updated``)."""


def _read(at: Target, name: str, /, **params: Any) -> list[Row]:
    if isinstance(at, Database):
        return at.read(name, **params)
    return at.run(name, **params)


def _write(at: Target, name: str, /, **params: Any) -> list[Row]:
    if isinstance(at, Database):
        return at.write(name, **params)
    return at.run(name, **params)


def _counts(rows: list[Row]) -> Counts:
    (row,) = rows
    return {outcome: int(n or 0) for outcome, n in row.items()}


def organisations(at: Target, rows: list[Row]) -> Counts:
    """Create or update organisations (``{id, props}``) by id."""
    return _counts(_write(at, "imports.organisations", rows=rows))


def domains(at: Target, rows: list[Row]) -> Counts:
    """Link domains to their organisation (``{organisation_id, domain}``)."""
    return _counts(_write(at, "imports.domains", rows=rows))


def people(at: Target, rows: list[Row]) -> Counts:
    """Create or update people (``{id, props}``) by id."""
    return _counts(_write(at, "imports.people", rows=rows))


def opt_out(at: Target, ids: list[str]) -> list[str]:
    """Turn the people ``ids`` into opt-out markers (created when unknown); the conversations
    they took part in (one id per participation left, to recount)."""
    rows = _write(at, "imports.opt_out", rows=ids)
    return [conversation for row in rows for conversation in row["conversations"]]


def emails(at: Target, rows: list[Row]) -> Counts:
    """Give people their lower-case addresses (``{person_id, address}``)."""
    return _counts(_write(at, "imports.emails", rows=rows))


def jobs(at: Target, rows: list[Row]) -> Counts:
    """Set people's current jobs (``{person_id, organisation_id, title, level, from}``)."""
    return _counts(_write(at, "imports.jobs", rows=rows))


def employments(at: Target, rows: list[Row]) -> Counts:
    """Record past jobs (``{person_id, organisation_id, title, level, from, until}``)."""
    return _counts(_write(at, "imports.employments", rows=rows))


def conversations(at: Target, rows: list[Row]) -> Counts:
    """Create or update conversations (``{id, at: [seconds, nanoseconds], props}``) by id."""
    return _counts(_write(at, "imports.conversations", rows=rows))


def participations(at: Target, rows: list[Row]) -> Counts:
    """Record who took part (``{conversation_id, person_id, role}``)."""
    return _counts(_write(at, "imports.participations", rows=rows))


def count_participants(at: Target, conversation_ids: list[str]) -> None:
    """Set each conversation's ``participants`` to the number of people who took part."""
    _write(at, "imports.count_participants", rows=conversation_ids)


@dataclass(frozen=True)
class Merged:
    """A merge of two records of one person: whether the kept one is now an opt-out marker
    (either had opted out), and the conversations whose participants changed."""

    opted_out: bool
    conversations: tuple[str, ...]


def merge_people(at: Target, keep: str, drop: str) -> Merged:
    """Move everything of person ``drop`` to person ``keep`` and delete ``drop`` (both must
    exist: ValueError when either does not)."""
    (row,) = _write(at, "imports.merge_people", keep=keep, drop=drop)
    return Merged(bool(row["opt_out"]), tuple(row["conversations"]))


def address_owners(at: Target, addresses: list[str]) -> list[tuple[str, str, bool]]:
    """``(address, person id, opted out)`` for each of ``addresses`` (lower-case) a person
    holds."""
    rows = _read(at, "imports.address_owners", addresses=addresses)
    return [(row["address"], row["person_id"], row["opt_out"]) for row in rows]


def domain_owners(at: Target, domains: list[str]) -> list[tuple[str, str]]:
    """``(domain, organisation id)`` for each of ``domains`` an organisation holds."""
    rows = _read(at, "imports.domain_owners", domains=domains)
    return [(row["domain"], row["organisation_id"]) for row in rows]


def existing_organisations(db: Database, ids: list[str]) -> list[str]:
    """Those of the organisation ``ids`` the graph holds."""
    return [row["id"] for row in db.read("imports.existing_organisations", ids=ids)]


def existing_people(db: Database, ids: list[str]) -> list[tuple[str, bool]]:
    """``(id, opted out)`` of those of the person ``ids`` the graph holds."""
    return [(row["id"], row["opt_out"]) for row in db.read("imports.existing_people", ids=ids)]


def existing_conversations(db: Database, ids: list[str]) -> list[str]:
    """Those of the conversation ``ids`` the graph holds."""
    return [row["id"] for row in db.read("imports.existing_conversations", ids=ids)]


def home_organisations(db: Database) -> list[str]:
    """The ids of the organisations of kind home, in order (there must be exactly one)."""
    return [row["id"] for row in db.read("imports.home_organisations")]


def has_data(db: Database) -> bool:
    """Whether the database holds any node at all (a bulk import needs it empty)."""
    return bool(db.read("imports.has_data"))

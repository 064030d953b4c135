"""Conversations and who took part: the histories the depth model scores, the pairs that shared
a conversation, who met after a moment, and the occasions people attended.

The histories for scoring are streamed as the driver's raw value lists, in the column order of
``conversations.every``: ``[id, at (epoch seconds), kind, depth, duration_minutes, participants,
[[person id, role], ...]]`` (the full scoring stream holds millions of participations; per-row
objects would cost more than the scoring).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from graphx.db import Database
from graphx.model import DEFAULT_DEPTH, Contact, Conversation, Organiser

_PERSONAL_KINDS = sorted(k for k, depth in DEFAULT_DEPTH.items() if depth == "personal")


def count(db: Database) -> int:
    """How many conversations the graph holds."""
    return int(db.read("conversations.count")[0]["conversations"])


def every(db: Database, until: datetime | None) -> Iterator[list[Any]]:
    """Every conversation before ``until`` (all when None) with two or more people who have not
    opted out, streamed as raw value lists (see the module docstring)."""
    return db.stream("conversations.every", until=until)


def of_people(db: Database, person_ids: list[str], until: datetime) -> Iterator[list[Any]]:
    """The conversations before ``until`` of some people, each once, with all their participants
    who have not opted out, streamed as raw value lists (see the module docstring)."""
    return db.stream("conversations.of_people", person_ids=person_ids, until=until)


def among(
    db: Database, person_ids: list[str], among: list[str], until: datetime
) -> list[list[Any]]:
    """The conversations before ``until`` of some people, each once, with only the participants
    in ``among`` (which holds those people too) and the whole group's size, as raw value lists
    (see the module docstring; one record holding them all)."""
    found: list[list[Any]]
    ((found,),) = db.stream("conversations.among", person_ids=person_ids, among=among, until=until)
    return found


def shared(db: Database, person_ids: list[str]) -> Iterator[list[Any]]:
    """The conversations that two or more of some people took part in, each once, with only
    those people as participants, streamed as raw value lists (see the module docstring)."""
    return db.stream("conversations.shared", person_ids=person_ids)


def participants(db: Database, ids: list[str]) -> list[list[str]]:
    """The ids of the participants who have not opted out, of each of these conversations."""
    return [row["people"] for row in db.read("conversations.participants", ids=ids)]


def _organiser(role_a: str | None, role_b: str | None) -> Organiser:
    if role_a == "organizer":
        return "both" if role_b == "organizer" else "a"
    return "b" if role_b == "organizer" else "other"


def of_pairs(
    db: Database, pairs: list[list[str]], until: datetime
) -> list[tuple[str, str, Contact, str | None]]:
    """The conversations before ``until`` that each pair ``[a, b]`` shared, as ``(a, b, contact
    seen from the pair, subject)``, by pair and then oldest first; nothing for a pair where
    either person opted out."""
    return [
        (
            row["a"],
            row["b"],
            Contact(
                date=datetime.fromtimestamp(row["at"], UTC),
                kind=row["kind"],
                depth=row["depth"],
                duration_minutes=row["duration_minutes"],
                participants=int(row["participants"]),
                organiser=_organiser(row["role_a"], row["role_b"]),
                id=row["id"],
            ),
            row.get("subject"),
        )
        for row in db.read("conversations.of_pairs", pairs=pairs, until=until)
    ]


def personal_pairs(
    db: Database, left: list[str], right: list[str], until: datetime
) -> list[tuple[str, str]]:
    """The pairs ``(a, b)``, ``a`` of ``left`` and ``b`` of ``right``, who shared a personal
    conversation before ``until`` (tagged personal, or untagged of a kind personal by default);
    none with an opted-out person."""
    rows = db.read(
        "conversations.personal_pairs", left=left, right=right, until=until,
        personal_kinds=_PERSONAL_KINDS,
    )  # fmt: skip
    return [(r["a"], r["b"]) for r in rows]


def any_after(db: Database, moment: datetime) -> bool:
    """Whether any conversation took place at or after ``moment``."""
    return bool(db.read("conversations.any_after", until=moment))


def active_after(db: Database, ids: list[str], moment: datetime) -> set[str]:
    """Who of these people took part in a conversation at or after ``moment``."""
    rows = db.read("conversations.active_after", ids=ids, until=moment)
    return {str(r["id"]) for r in rows}


def occasions(
    db: Database, ids: list[str], kinds: list[str], since: datetime, until: datetime
) -> list[tuple[str, Conversation]]:
    """``(person id, conversation)`` for the conversations of the given kinds from ``since``
    (inclusive) to ``until`` (exclusive) that these people took part in, by person, latest
    first (subject "" when none)."""
    rows = db.read("conversations.occasions", ids=ids, kinds=kinds, since=since, until=until)
    return [
        (str(r["person_id"]), Conversation(str(r["conversation_id"]), r["date"], r["kind"],
                                           str(r["subject"])))
        for r in rows
    ]  # fmt: skip

"""The weekly digest's records: where each colleague's digest goes and who has had a week's."""

from __future__ import annotations

from datetime import datetime

from graphx.db import Database


def addresses(db: Database, ids: list[str]) -> dict[str, str]:
    """The first e-mail address (in order) of each of these people, by id; people without an
    address and opted-out people are left out."""
    return {str(r["id"]): str(r["address"]) for r in db.read("digest.addresses", ids=ids)}


def sent_to(db: Database, week: str) -> set[str]:
    """The ids of the people who have had a week's digest (ISO week, e.g. ``2025-W27``)."""
    return {str(r["id"]) for r in db.read("digest.sent", week=week)}


def record_sent(db: Database, week: str, person_id: str, at: datetime) -> None:
    """Record that a person had a week's digest at a moment."""
    db.write("digest.record", week=week, id=person_id, at=at)

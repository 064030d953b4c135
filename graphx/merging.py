"""Merging two records of one person (one person, two addresses)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphx.db import Database
from graphx.errors import InputError
from graphx.repository import imports
from graphx.resolver import resolve_person
from graphx.ties.store import rescore


@dataclass(frozen=True)
class MergeResult:
    """Who was kept and dropped, and the conversations whose participants changed."""

    keep: str
    drop: str
    opt_out: bool
    conversation_ids: frozenset[str] = field(default_factory=frozenset)


def merge_people(db: Database, keep: str, drop: str) -> MergeResult:
    """Move everything of ``drop`` (id or address) to ``keep`` and delete ``drop``.

    Participations (organizer wins when both took part), addresses and jobs move; ``keep``'s
    missing properties are filled from ``drop``; when either opted out, ``keep`` becomes an
    opt-out marker. Participant counts are recounted, all in one transaction; then the ties
    of the touched conversations are re-scored.
    """
    keep_id = resolve_person(db, keep, opted_out_too=True).id
    drop_id = resolve_person(db, drop, opted_out_too=True).id
    if keep_id == drop_id:
        raise InputError([f"{drop}: person: is the same person as {keep!r}"])
    with db.transaction() as tx:
        merged = imports.merge_people(tx, keep_id, drop_id)
        touched = set(merged.conversations)
        if merged.opted_out:
            touched.update(imports.opt_out(tx, [keep_id]))
        imports.count_participants(tx, sorted(touched))
    rescore(db, sorted(touched))
    return MergeResult(keep_id, drop_id, merged.opted_out, frozenset(touched))

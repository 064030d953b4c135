"""The stored ties: every pair whose tie carries weight, scored over its whole history.

A pair is scored as of its last contact, with the days on which its level would drop (see
:class:`graphx.ties.vectorised.Drops`): without new conversations a tie only decays, so one
stored tie answers exactly for any later date (:mod:`graphx.ties.view`). Only ties that carry
weight are stored -- business or above at their last contact, or once personal (their
``last_deep``) -- a few percent of pairs; *met* is derived on demand from the conversations.

Stored ties are ``(:Person)-[:TIE]->(:Person)`` from the smaller id to the larger, with the
properties of :data:`TIE_PROPERTIES`. One ``(:TieStore)`` node says which settings scored them
and whether they hold every conversation (:class:`StoreState`); answers read the store only
when it does, with the settings in force.
"""

from __future__ import annotations

import itertools
import time as clock
import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from graphx.db import Database
from graphx.errors import GraphxError, NotFound
from graphx.model import CONVERSATION_KINDS, DEPTHS, Assessment, Level
from graphx.repository import conversations as stored_conversations
from graphx.repository import ties as stored_ties
from graphx.ties.model import Config, configured
from graphx.ties.vectorised import (
    Conversations,
    IntArray,
    PairScores,
    paused_gc,
    read_conversations,
    score_contacts,
)

_BATCH = 5000
_WRITE_BATCH = 20_000
CHUNK_CONTACTS = 1_000_000
"""Pair-conversations scored at once (about 300 MB of arrays): they bound the memory."""
FULL_SHARE = 0.2
"""A change touching more than this share of all conversations re-scores everything."""

TIE_PROPERTIES: tuple[str, ...] = (
    "level", "strength", "half_life", "day", "business_until", "personal_until",
    "trusted_until", "first_contact", "last_contact", "conversations",
    *(f"n_{k}" for k in CONVERSATION_KINDS), *(f"n_{d}" for d in DEPTHS),
    "organised_by_a", "organised_by_b", "last_deep", "config", "run",
)  # fmt: skip
"""The properties of a stored ``TIE``, scored as of the pair's last contact (``day``, a
proleptic ordinal): ``level`` and ``strength`` (unrounded) that day, ``half_life`` in days,
the first day it is no longer business, personal or trusted (``*_until``), ``n_<kind>`` and
``n_<depth>`` counts, ``last_deep`` when it ever stood at personal, the settings'
fingerprint (``config``) and the run that wrote it."""


@dataclass(frozen=True)
class ScoreSummary:
    """What a scoring run did: pairs scored by their level at their last contact, ties
    stored and removed, conversations read, and whether it re-scored everything."""

    pairs_per_level: Mapping[int, int]
    stored: int
    removed: int
    conversations: int
    full: bool
    seconds: float = field(compare=False, default=0.0)

    def to_json(self) -> dict[str, Any]:
        return {
            "full": self.full,
            "pairs_per_level": {Level(k).label: v for k, v in sorted(self.pairs_per_level.items())},
            "stored": self.stored,
            "removed": self.removed,
            "conversations": self.conversations,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class StoreState:
    """Which settings scored the stored ties (None: never scored), on which day the last run
    wrote, and whether they hold every conversation."""

    settings: str | None
    scored_as_of: date | None
    complete: bool

    def serves(self, config: Config) -> bool:
        """Whether answers under ``config`` may read the stored ties."""
        return self.complete and self.settings == config.fingerprint

    def to_json(self) -> dict[str, Any]:
        """``ties_settings`` (None before any scoring), ``ties_scored_as_of`` (the day of the
        last run) and ``ties_complete`` (False while conversations wait for a re-score:
        answers then compute every tie from the conversations), as ``graphx stats`` adds."""
        return {
            "ties_settings": self.settings,
            "ties_scored_as_of": self.scored_as_of,
            "ties_complete": self.complete,
        }


def store_state(db: Database) -> StoreState:
    """The state of the stored ties."""
    found = stored_ties.state(db)
    if found is None:
        return StoreState(None, None, False)
    return StoreState(*found)


def mark_incomplete(db: Database) -> None:
    """Say that conversations changed without a re-score: answers compute from the
    conversations until the next full run."""
    stored_ties.mark_incomplete(db)


class _Tally:
    """Counts of a run, added chunk by chunk."""

    def __init__(self) -> None:
        self.levels = np.zeros(len(Level), dtype=np.int64)
        self.stored = 0
        self.weighty: set[tuple[str, str]] = set()

    def add(self, scores: PairScores, chosen: IntArray, keep_pairs: bool) -> None:
        self.levels += np.bincount(scores.level, minlength=len(Level))
        self.stored += len(chosen)
        if keep_pairs:
            people = scores.people
            self.weighty.update(
                zip(
                    [people[i] for i in scores.a[chosen].tolist()],
                    [people[i] for i in scores.b[chosen].tolist()],
                    strict=True,
                )
            )

    def summary(self, removed: int, conversations: int, full: bool, started: float) -> ScoreSummary:
        return ScoreSummary(
            pairs_per_level={int(lv): int(self.levels[int(lv)]) for lv in Level},
            stored=self.stored,
            removed=removed,
            conversations=conversations,
            full=full,
            seconds=clock.perf_counter() - started,
        )


def _chunks(keys: IntArray, counts: IntArray) -> list[IntArray]:
    """``keys`` in runs of about ``CHUNK_CONTACTS`` pair-conversations (``counts`` each)."""
    if not len(keys):
        return []
    total = np.cumsum(counts)
    marks = np.arange(1, int(total[-1]) // CHUNK_CONTACTS + 1) * CHUNK_CONTACTS
    ends = np.searchsorted(total, marks) + 1
    bounds = np.unique(np.r_[0, np.minimum(ends, len(keys)), len(keys)])
    return [keys[start:end] for start, end in itertools.pairwise(bounds.tolist())]


def _score_and_store(
    db: Database,
    conversations: Conversations,
    keys: IntArray,
    counts: IntArray,
    config: Config,
    run: str,
    keep_pairs: bool = False,
) -> _Tally:
    """Score the pairs of ``keys`` (sorted; ``counts`` their conversations) as of their last
    contact, about ``CHUNK_CONTACTS`` pair-conversations at a time, and store those that
    carry weight."""
    tally = _Tally()
    for chunk in _chunks(keys, counts):
        scores = score_contacts(conversations.contacts(chunk), None, config)
        chosen = scores.weighty()
        rows = scores.rows(chosen)
        for at in range(0, len(rows), _WRITE_BATCH):
            stored_ties.store(db, rows[at : at + _WRITE_BATCH], config.fingerprint, run)
        tally.add(scores, chosen, keep_pairs)
    return tally


def _candidates(conversations: Conversations, config: Config) -> tuple[IntArray, IntArray]:
    """The pairs that may carry weight, and how many business or personal conversations each
    shared: those with as many as the business level needs (at least one when it needs
    weight); every other pair is *met* at most, whatever the date."""
    needed = max(
        config.levels_business_min_recent, 1 if config.levels_business_min_strength > 0 else 0
    )
    if needed == 0:
        return conversations.pair_counts(np.ones(len(conversations), dtype=bool))
    keys, counts = conversations.pair_counts(conversations.rank > 0)
    chosen = counts >= needed
    return keys[chosen], counts[chosen]


def score_all(db: Database, config: Config | None = None) -> ScoreSummary:
    """Score every pair over its whole history and store those that carry weight, replacing
    the stored ties; readers compute from the conversations while it writes.

    Memory stays bounded: conversations are held as flat arrays (four bytes a participation)
    and pairs are scored about ``CHUNK_CONTACTS`` pair-conversations at a time.
    """
    config = config or configured()
    started = clock.perf_counter()
    run = uuid.uuid4().hex
    stored_ties.set_state(db, config.fingerprint, date.today(), complete=False)
    with paused_gc():
        conversations = read_conversations(stored_conversations.every(db, None), config)
        keys, counts = _candidates(conversations, config)
        tally = _score_and_store(db, conversations, keys, counts, config, run)
    removed = stored_ties.delete_other_runs(db, run)
    stored_ties.set_state(db, config.fingerprint, date.today(), complete=True)
    return tally.summary(removed, len(conversations), True, started)


def score_conversations(
    db: Database,
    conversation_ids: Collection[str],
    config: Config | None = None,
    *,
    removed: Collection[Collection[str]] = (),
) -> ScoreSummary:
    """Re-score and store only the pairs who took part in these conversations, or in the
    ``removed`` ones (given by their participants' ids: they no longer exist).

    The conversations that two or more of their people shared are streamed once each, with
    only those people as participants (:func:`graphx.repository.conversations.shared`); each
    touched pair is scored over its whole history, and loses its stored tie when it no longer
    carries weight.
    """
    config = config or configured()
    started = clock.perf_counter()
    ids = set(conversation_ids)
    groups = [sorted(set(people)) for people in removed]
    ordered = sorted(ids)
    for start in range(0, len(ordered), _BATCH):
        for found in stored_conversations.participants(db, ordered[start : start + _BATCH]):
            groups.append(sorted(set(found)))
    people = {p for group in groups for p in group}
    pairs = {(a, b) for group in groups for i, a in enumerate(group) for b in group[i + 1 :]}
    with paused_gc():
        rows = stored_conversations.shared(db, sorted(people))
        conversations = read_conversations(rows, config, touched=ids)
        keys, counts = conversations.pair_counts(np.ones(len(conversations), dtype=bool))
        index = {person: i for i, person in enumerate(conversations.people)}
        kept = [
            index[a] * conversations.n + index[b] for a, b in pairs if a in index and b in index
        ]
        touched = np.isin(keys, np.array(kept, dtype=np.int64))
        tally = _score_and_store(
            db, conversations, keys[touched], counts[touched], config, "incremental", True
        )
    gone = sorted([a, b] for a, b in pairs if (a, b) not in tally.weighty)
    for start in range(0, len(gone), _BATCH):
        stored_ties.delete_pairs(db, gone[start : start + _BATCH])
    return tally.summary(len(gone), len(ids), False, started)


def rescore(
    db: Database,
    conversation_ids: Collection[str],
    config: Config | None = None,
    *,
    removed: Collection[Collection[str]] = (),
) -> ScoreSummary | None:
    """Bring the stored ties up to date after conversations were written or changed (or
    ``removed``, given by their participants): the touched pairs, or everything when the store
    is not complete under these settings or the change touches more than ``FULL_SHARE`` of all
    conversations. None when nothing changed.

    The one call after an import, a sync, a merge, an erasure or a recorded occasion.
    """
    if not conversation_ids and not removed:
        return None
    config = config or configured()
    total = stored_conversations.count(db)
    changed = len(conversation_ids) + len(removed)
    if not store_state(db).serves(config) or changed > FULL_SHARE * total:
        return score_all(db, config)
    return score_conversations(db, conversation_ids, config, removed=removed)


# --- assessments ------------------------------------------------------------------------


def set_assessment(
    db: Database, a_id: str, b_id: str, level: int, reason: str, by: str
) -> Assessment:
    """Record a colleague's own judgement of how well two people know each other."""
    if a_id == b_id:
        raise GraphxError("an assessment needs two different people")
    if level not in range(0, 5):
        raise GraphxError(f"level must be 0-4, not {level}")
    if not reason.strip():
        raise GraphxError("an assessment needs a reason")
    a, b = sorted((a_id, b_id))
    assessment = stored_ties.assess(db, a, b, level, reason, by)
    if assessment is None:
        raise NotFound(f"no people {a!r} and {b!r}")
    return assessment


def remove_assessment(db: Database, a_id: str, b_id: str) -> bool:
    """Remove the assessment of a pair; False when there was none."""
    a, b = sorted((a_id, b_id))
    return stored_ties.unassess(db, a, b)

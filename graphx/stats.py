"""Counts of what the graph holds, and the state of its stored ties."""

from __future__ import annotations

from datetime import date

from graphx.db import Database
from graphx.ties.store import store_state

Stats = dict[str, int | str | bool | date | None]


def graph_stats(db: Database) -> Stats:
    """``organisations, people, conversations, participations, ties`` counts, and the stored
    ties' ``ties_settings`` (the fingerprint of the depth settings that scored them, None
    before any scoring), ``ties_scored_as_of`` (the day of the last scoring run) and
    ``ties_complete`` (False while conversations wait for a re-score: answers then compute
    ties from the conversations)."""
    (row,) = db.read("stats.counts")
    state = store_state(db)
    counts: Stats = {
        key: int(row[key])
        for key in ("organisations", "people", "conversations", "participations", "ties")
    }
    return counts | {
        "ties_settings": state.settings,
        "ties_scored_as_of": state.scored_as_of,
        "ties_complete": state.complete,
    }

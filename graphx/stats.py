"""Counts of what the graph holds, and the state of its stored ties."""

from __future__ import annotations

from typing import Any

from graphx.db import Database
from graphx.ties.store import store_state


def graph_stats(db: Database) -> dict[str, int]:
    """``{"organisations", "people", "conversations", "participations", "ties"}`` counts."""
    (row,) = db.read("stats.counts")
    return {
        key: int(row[key])
        for key in ("organisations", "people", "conversations", "participations", "ties")
    }


def ties_stats(db: Database) -> dict[str, Any]:
    """``ties_settings`` (the fingerprint of the depth settings that scored the stored ties,
    None before any scoring), ``ties_scored_as_of`` (the day of the last scoring run) and
    ``ties_complete`` (False while conversations wait for a re-score: answers then compute
    every tie from the conversations)."""
    state = store_state(db)
    return {
        "ties_settings": state.settings,
        "ties_scored_as_of": state.scored_as_of,
        "ties_complete": state.complete,
    }

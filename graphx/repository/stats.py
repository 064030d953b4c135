"""Counts of what the graph holds."""

from __future__ import annotations

from graphx.db import Database


def graph_stats(db: Database) -> dict[str, int]:
    """``{"organisations", "people", "conversations", "participations", "ties"}`` counts."""
    (row,) = db.read("stats.counts")
    return {
        key: int(row[key])
        for key in ("organisations", "people", "conversations", "participations", "ties")
    }

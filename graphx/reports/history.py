"""Ties at several quarter ends from one read of the conversations concerned.

A report needs the colleague-director ties at up to eight quarter ends. Rather than asking
``graphx.scoring.ties_as_of`` (one database read each) per date, :class:`Histories` reads
the conversations of each person once, up to the last quarter end, and scores them as of any
earlier date in Python; :class:`QuarterView` always computes from the directors' side, whose
histories are the ones already read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date

from graphx.db import Database, Row
from graphx.depth import Config, Tie
from graphx.scoring import ties_from_conversations, until
from graphx.tieview import Link, TieView

_BATCH = 2000


class Histories:
    """The conversations (up to ``last_day``) of the people asked about, read once each.

    Called like ``ties_as_of(db, as_of, person_ids)`` (it is a ``TieView`` computer).
    """

    def __init__(self, last_day: date, config: Config | None = None) -> None:
        self.last_day = last_day
        self.config = config or Config.default()
        self._rows: dict[str, Row] = {}
        self._of: dict[str, set[str]] = defaultdict(set)
        self._read: set[str] = set()

    def _fetch(self, db: Database, people: list[str]) -> None:
        for start in range(0, len(people), _BATCH):
            rows = db.read(
                "ties.person_conversations",
                person_ids=people[start : start + _BATCH],
                until=until(self.last_day),
            )
            for row in rows:
                key = str(row["id"])
                self._rows.setdefault(key, row)
                for person_id, _ in row["people"]:
                    self._of[person_id].add(key)
        self._read.update(people)

    def __call__(self, db: Database, as_of: date, person_ids: Collection[str]) -> list[Tie]:
        if as_of > self.last_day:
            raise ValueError(f"histories were read up to {self.last_day}, not {as_of}")
        people = sorted(set(person_ids))
        missing = [p for p in people if p not in self._read]
        if missing:
            self._fetch(db, missing)
        keys = sorted(set().union(*(self._of.get(p, set()) for p in people)))
        rows = [self._rows[k] for k in keys]
        return ties_from_conversations(rows, as_of, self.config, people=people)


class QuarterView(TieView):
    """A TieView that computes ``between`` from the left side (the directors), not the
    smaller one, so that every quarter reuses the histories already read."""

    def between(self, left: Collection[str], right: Collection[str]) -> list[Link]:
        if self.stored or not left or not right:
            return super().between(left, right)
        wanted = set(right)
        return [link for link in self.around(left) if link.b in wanted]

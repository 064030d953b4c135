"""Ties at several quarter ends from one read of the conversations concerned.

A report needs the colleague-director ties at up to eight quarter ends. Rather than asking
``graphx.ties.store.ties_as_of`` (one database read each) per date, :class:`Histories` reads
the conversations of each person once, up to the last quarter end, and scores them as of any
earlier date with the vectorised depth model (:mod:`graphx.ties.vectorised`);
:class:`QuarterView` always computes from the directors' side, whose
histories are the ones already read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import numpy as np

from graphx.db import Database
from graphx.model import Level
from graphx.ties.model import Config
from graphx.ties.store import until
from graphx.ties.vectorised import contacts_from_conversations, score_contacts
from graphx.ties.view import Link, TieView

_BATCH = 2000


class Histories:
    """The conversations (up to ``last_day``) of the people asked about, read once each.

    Called like ``ties_as_of(db, as_of, person_ids)`` (it is a ``TieView`` computer).
    """

    def __init__(self, last_day: date, config: Config | None = None) -> None:
        self.last_day = last_day
        self.config = config or Config.default()
        self._rows: dict[str, list[Any]] = {}
        self._of: dict[str, set[str]] = defaultdict(set)
        self._read: set[str] = set()

    def _fetch(self, db: Database, people: list[str]) -> None:
        for start in range(0, len(people), _BATCH):
            rows = db.stream(
                "ties.person_conversations",
                person_ids=people[start : start + _BATCH],
                until=until(self.last_day),
            )
            for row in rows:  # values in the query's column order, people last
                key = str(row[0])
                self._rows.setdefault(key, row)
                for person_id, _ in row[-1]:
                    self._of[person_id].add(key)
        self._read.update(people)

    def ties(
        self,
        db: Database,
        as_of: date,
        person_ids: Collection[str],
        among: Collection[str] | None = None,
    ) -> list[Link]:
        """Ties (level 1+) of ``person_ids`` as of ``as_of``, each seen from that person; with
        ``among``, only to people in it (the others are left out of each conversation before
        pairs are formed; group sizes stay). Scored with the vectorised depth model."""
        if as_of > self.last_day:
            raise ValueError(f"histories were read up to {self.last_day}, not {as_of}")
        people = sorted(set(person_ids))
        missing = [p for p in people if p not in self._read]
        if missing:
            self._fetch(db, missing)
        keys = set().union(*(self._of.get(p, set()) for p in people))
        if among is not None:  # only conversations someone of ``among`` shared
            keys &= set().union(*(self._of.get(p, set()) for p in among))
        keep = None if among is None else set(among) | set(people)
        rows = [
            r if keep is None else [*r[:-1], [m for m in r[-1] if m[0] in keep]]
            for r in (self._rows[k] for k in sorted(keys))
        ]
        contacts = contacts_from_conversations(rows, int(until(as_of).timestamp()), self.config)
        asked = set(people)
        wanted = np.array([p in asked for p in contacts.people], dtype=bool)
        mask = wanted[contacts.a] | wanted[contacts.b] if len(contacts.a) else contacts.a > 0
        contacts = replace(
            contacts, a=contacts.a[mask], b=contacts.b[mask], at=contacts.at[mask],
            seq=contacts.seq[mask], base=contacts.base[mask], rank=contacts.rank[mask],
            kind=contacts.kind[mask], organiser=contacts.organiser[mask],
            participants=contacts.participants[mask],
        )  # fmt: skip
        scores = score_contacts(contacts, as_of, self.config)
        names, out = scores.people, []
        for i in np.flatnonzero(scores.level >= 1).tolist():
            detail = scores.detailed.get(i)
            out.append(
                Link(
                    names[int(scores.a[i])], names[int(scores.b[i])], int(scores.level[i]),
                    float(scores.strength[i]), _moment(int(scores.first_at[i])),
                    _moment(int(scores.last_at[i])), int(scores.conversations[i]),
                    None if detail is None else detail.last_deep,
                )
            )  # fmt: skip
        return out

    def personal_partners(
        self, db: Database, as_of: date, person_ids: Collection[str], among: Collection[str]
    ) -> set[str]:
        """The people of ``among`` who shared a conversation tagged personal with someone of
        ``person_ids`` before ``as_of``: no one else can stand at personal or above with them
        (that level needs personal weight)."""
        people = sorted(set(person_ids))
        missing = [p for p in people if p not in self._read]
        if missing:
            self._fetch(db, missing)
        before, wanted = int(until(as_of).timestamp()), set(among)
        out: set[str] = set()
        for key in set().union(*(self._of.get(p, set()) for p in people)):
            _, at, _, depth, *_, members = self._rows[key]
            if depth == "personal" and at < before:
                out.update(m[0] for m in members if m[0] in wanted)
        return out

    def __call__(self, db: Database, as_of: date, person_ids: Collection[str]) -> list[Link]:
        return self.ties(db, as_of, person_ids)


def _moment(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


class QuarterView(TieView):
    """A TieView whose ``between`` computes only the pairs asked about, from the left side
    (the directors), so that every quarter reuses the histories already read."""

    def __init__(self, db: Database, as_of: date, histories: Histories) -> None:
        super().__init__(db, as_of, today=date.min, compute=histories)
        self.histories = histories

    def between(
        self, left: Collection[str], right: Collection[str], min_level: int = 1
    ) -> list[Link]:
        if self.stored or not left or not right:
            return super().between(left, right, min_level)
        lset, wanted = set(left), set(right)
        if min_level >= Level.PERSONAL:
            wanted = self.histories.personal_partners(self.db, self.as_of, left, wanted)
        out = []
        for link in self.histories.ties(self.db, self.as_of, left, among=wanted):
            if link.level < min_level:
                continue
            if link.a in lset and link.b in wanted:
                out.append(link)
            if link.b in lset and link.a in wanted:
                out.append(link.reversed())
        return out

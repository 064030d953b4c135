"""Ties as of a date, for the analytics: materialised TIEs when they describe that date,
otherwise computed by the depth model for just the people concerned.

The materialised ``TIE`` relationships are the state as of their ``as_of`` (the last
``graphx score``). They answer for that date and for today: "as of today" means the latest
scored state, so re-run ``graphx score`` to refresh it. Any other date (a quarter earlier
for trends, ``--as-of`` in the past) goes through :func:`graphx.ties.store.ties_as_of`, asked
only about the people the question concerns.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from graphx.db import Database, Row, from_epoch
from graphx.model import Level

EXPAND_LIMIT = 20_000
"""Business+ ties of people who have fewer ties than this in all are read by expanding each
person; of more, through the ``tie_level`` index (measured crossover at the large scale:
expanding 12k ties took 25-35 ms, the index 80-95 ms; at 35k both about 125 ms)."""

TieComputer = Callable[[Database, date, Collection[str]], Iterable[Any]]
"""Computes the ties of some people (to anyone) as of a date, like ``ties_as_of``."""


@dataclass(frozen=True)
class Link:
    """One tie seen from ``a`` to ``b`` (both person ids), level 1-4, as of some date."""

    a: str
    b: str
    level: int
    strength: float
    first_contact: datetime | None
    last_contact: datetime | None
    conversations: int
    last_deep: datetime | None = None

    def reversed(self) -> Link:
        """The same tie seen from ``b``."""
        return Link(
            self.b,
            self.a,
            self.level,
            self.strength,
            self.first_contact,
            self.last_contact,
            self.conversations,
            self.last_deep,
        )

    def other(self, person_id: str) -> str:
        return self.b if person_id == self.a else self.a


def link_from_row(row: Row) -> Link:
    """A Link from a ``coverage.ties_between`` row (moments in epoch seconds)."""
    return Link(
        a=str(row["a"]),
        b=str(row["b"]),
        level=int(row["level"]),
        strength=float(row["strength"] or 0.0),
        first_contact=from_epoch(row.get("first_contact")),
        last_contact=from_epoch(row.get("last_contact")),
        conversations=int(row.get("conversations") or 0),
        last_deep=from_epoch(row.get("last_deep")),
    )


_LINK_COLUMNS = (
    "a",
    "b",
    "level",
    "strength",
    "first_contact",
    "last_contact",
    "conversations",
    "last_deep",
)
"""The order of the values in an ``intro.ties_around`` list entry."""


def _link_from_values(values: list[Any]) -> Link:
    """A Link from one entry of an ``intro.ties_around`` list (moments in epoch seconds)."""
    return link_from_row(dict(zip(_LINK_COLUMNS, values, strict=True)))


def _from_tie(tie: Any) -> Link:
    return Link(
        a=str(tie.a),
        b=str(tie.b),
        level=int(tie.level),
        strength=float(tie.strength),
        first_contact=tie.first_contact,
        last_contact=tie.last_contact,
        conversations=int(tie.conversations),
        last_deep=getattr(tie, "last_deep", None),
    )


def _default_computer(db: Database, as_of: date, person_ids: Collection[str]) -> Iterable[Any]:
    from graphx.ties.store import ties_as_of

    return ties_as_of(db, as_of, person_ids)


def stored_as_of(db: Database) -> date | None:
    """The date the materialised TIEs describe, None when nothing is scored yet."""
    rows = db.read("coverage.stored_as_of")
    value = rows[0]["as_of"] if rows else None
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


class TieView:
    """Ties as of ``as_of``: reads TIEs when they hold that date's state, else computes.

    ``stored`` says which; ``compute`` replaces the depth model (tests, benchmarks).
    """

    def __init__(
        self,
        db: Database,
        as_of: date,
        *,
        today: date | None = None,
        compute: TieComputer | None = None,
    ) -> None:
        self.db = db
        self.as_of = as_of
        scored = stored_as_of(db)
        self.scored_as_of = scored
        self.stored = scored is not None and as_of in (scored, today or date.today())
        self._compute = compute or _default_computer

    def _computed(self, people: Collection[str]) -> list[Link]:
        if not people:
            return []
        ties = self._compute(self.db, self.as_of, sorted(set(people)))
        return [_from_tie(t) for t in ties if int(t.level) >= 1]

    def _personal_pairs(self, left: set[str], right: set[str]) -> list[Link]:
        """Ties of only the pairs that shared a personal conversation: no other pair can stand
        at personal or above (the level needs personal weight)."""
        from graphx.ties.store import ties_of_pairs, until

        rows = self.db.read(
            "coverage.personal_pairs_between",
            left=sorted(left), right=sorted(right), until=until(self.as_of),
        )  # fmt: skip
        ties = ties_of_pairs(self.db, [(r["a"], r["b"]) for r in rows], self.as_of)
        return [_from_tie(t) for t in ties if int(t.level) >= 1]

    def between(
        self, left: Collection[str], right: Collection[str], min_level: int = 1
    ) -> list[Link]:
        """Ties (level >= ``min_level``, at least 1) from a person of ``left`` to a person of
        ``right``, each seen from ``left``."""
        if not left or not right:
            return []
        floor = max(1, min_level)
        if self.stored:
            ids = {"left": sorted(left), "right": sorted(right)}
            if floor >= 2:
                rows = self.db.read("coverage.strong_ties_between", **ids, min_level=floor)
            else:
                rows = self.db.read("coverage.ties_between", **ids)
            return [link_from_row(r) for r in rows]
        lset, rset = set(left), set(right)
        out = []
        if floor >= Level.PERSONAL:
            links = self._personal_pairs(lset, rset)
        else:
            links = self._computed(lset if len(lset) <= len(rset) else rset)
        for link in links:
            if link.level < floor:
                continue
            if link.a in lset and link.b in rset:
                out.append(link)
            if link.b in lset and link.a in rset:
                out.append(link.reversed())
        return out

    def notable_between(
        self, left: Collection[str], right: Collection[str], top: int
    ) -> list[Link]:
        """Per person of ``left``: their ``top`` strongest ties to ``right`` and every one at
        business or above or that once stood at personal (``last_deep``), seen from ``left``."""
        if self.stored and left and right:
            rows = self.db.read(
                "gaps.notable_ties", left=sorted(left), right=sorted(right), top=top
            )  # fmt: skip
            return [link_from_row(r) for r in rows]
        by_person: dict[str, list[Link]] = {}
        for link in self.between(left, right):
            by_person.setdefault(link.a, []).append(link)
        return [
            link
            for links in by_person.values()
            for i, link in enumerate(sorted(links, key=lambda t: (-t.level, -t.strength, t.b)))
            if i < top or link.level >= 2 or link.last_deep is not None
        ]

    def around(self, people: Collection[str], min_level: int = 1) -> list[Link]:
        """Ties of the given people to anyone (level >= ``min_level``, at least 1), each seen
        from the given person."""
        if not people:
            return []
        floor = max(1, min_level)
        if self.stored:
            ids = sorted(people)
            name = "intro.ties_around"
            if floor >= 2 and self.db.read("intro.tie_degree", ids=ids)[0]["ties"] > EXPAND_LIMIT:
                name = "intro.strong_ties_around"
            (row,) = self.db.read(name, ids=ids, min_level=floor)
            return [_link_from_values(v) for v in row["ties"]]
        # a person's conversations hold every tie of theirs: no one else's history is needed
        wanted = set(people)
        out = []
        for link in self._computed(wanted):
            if link.level < floor:
                continue
            if link.a in wanted:
                out.append(link)
            if link.b in wanted:
                out.append(link.reversed())
        return out

"""Ties as of any date, for the analytics: from the store where it answers exactly, else
computed from the conversations of just the people a question concerns.

A stored tie was scored as of its last contact with the days its level drops
(:mod:`graphx.ties.store`), so for any later date its level and strength follow without a
re-score. Someone with a conversation after the date asked has stored ties that hold too
much: their ties are computed (:class:`Histories`), as are the *met* ties, which are not
stored. Every answer is what a fresh computation for that date gives
(``tests/integration/test_ties_exact.py``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np

from graphx.db import Database, from_epoch
from graphx.errors import GraphxError
from graphx.model import CONVERSATION_KINDS, DEFAULT_DEPTH, DEPTHS, Contact, Level, Tie
from graphx.repository import conversations as stored_conversations
from graphx.repository import ties as stored_ties
from graphx.repository.people import named
from graphx.ties.model import Config, configured, contributions, effective_depth, score_pair
from graphx.ties.store import store_state
from graphx.ties.vectorised import PairScores, paused_gc, read_conversations, score_contacts

_BATCH = 2000
_LN2 = math.log(2)


def until(as_of: date) -> datetime:
    """The first moment after ``as_of`` (UTC): conversations before it count."""
    return datetime.combine(as_of + timedelta(days=1), time(), tzinfo=UTC)


def stored_tie(values: Sequence[Any], day: int) -> Tie:
    """The tie on ``day`` (proleptic ordinal, not before the tie's own day) of a stored tie
    given as ``[a, b, strength, half_life, day, [drop days], first_contact, last_contact,
    conversations, last_deep, [counts by kind], [counts by depth], [organised by a, by b]]``:
    its level is one plus the levels not yet dropped, its strength decays by one factor
    (every term shares the half-life)."""
    a, b, strength, half_life, scored, drops, first, last, conversations, deep = values[:10]
    kinds, depths, organised = values[10:]
    business, personal, trusted = drops
    return Tie(
        a=a, b=b, level=1 + (day < business) + (day < personal) + (day < trusted),
        strength=round(strength * math.exp(-_LN2 / half_life * (day - scored)), 4),
        first_contact=datetime.fromtimestamp(first, UTC),
        last_contact=datetime.fromtimestamp(last, UTC), conversations=conversations,
        by_kind={k: n for k, n in zip(CONVERSATION_KINDS, kinds, strict=True) if n},
        by_depth={d: n for d, n in zip(DEPTHS, depths, strict=True) if n},
        components=(), as_of=date.fromordinal(day),
        organised_by_a=organised[0], organised_by_b=organised[1], last_deep=from_epoch(deep),
    )  # fmt: skip


def computed_scores(
    rows: Iterable[Sequence[Any]],
    as_of: date,
    config: Config,
    asked: Collection[str] | None = None,
    among: Collection[str] | None = None,
) -> PairScores:
    """Every pair's tie as of ``as_of`` from rows shaped as
    :func:`graphx.repository.conversations.every` streams them: only the pairs
    with someone in ``asked`` when given (the others are never scored); with ``among``, other
    participants are left out before pairs are formed (group sizes stay)."""
    with paused_gc():
        conversations = read_conversations(
            rows, config, before=int(until(as_of).timestamp()), among=among
        )
        keys = None
        if asked is not None:
            wanted = np.array([p in asked for p in conversations.people], dtype=bool)
            every = conversations.pair_keys(np.ones(len(conversations), dtype=bool))
            keys = every[wanted[every // conversations.n] | wanted[every % conversations.n]]
        return score_contacts(conversations.contacts(keys), as_of, config)


def computed_ties(
    rows: Iterable[Sequence[Any]],
    as_of: date,
    config: Config,
    asked: Collection[str] | None = None,
    among: Collection[str] | None = None,
) -> list[Tie]:
    """The ties (level 1+, ``a`` < ``b``) of :func:`computed_scores`."""
    scores = computed_scores(rows, as_of, config, asked, among)
    return scores.ties(scores.met())


class Histories:
    """The conversations (up to ``last_day``) of the people asked about, read once each and
    scored as of ``last_day`` or any earlier date (the quarterly report asks eight)."""

    def __init__(self, last_day: date, config: Config | None = None) -> None:
        self.last_day = last_day
        self.config = config or configured()
        self._rows: dict[str, list[Any]] = {}
        self._of: dict[str, set[str]] = defaultdict(set)
        self._read: set[str] = set()

    def _fetch(self, db: Database, person_ids: Collection[str]) -> None:
        missing = sorted(set(person_ids) - self._read)
        for start in range(0, len(missing), _BATCH):
            rows = stored_conversations.of_people(
                db, missing[start : start + _BATCH], until(self.last_day)
            )
            for row in rows:  # values in the query's column order, people last
                key = str(row[0])
                self._rows.setdefault(key, row)
                for person_id, _ in row[-1]:
                    self._of[person_id].add(key)
        self._read.update(missing)

    def ties(
        self,
        db: Database,
        as_of: date,
        person_ids: Collection[str],
        among: Collection[str] | None = None,
    ) -> list[Tie]:
        """Ties (level 1+) of ``person_ids`` as of ``as_of``, ``a`` < ``b``; with ``among``, only
        to people in it (the others are left out of each conversation before pairs are
        formed; group sizes stay)."""
        if as_of > self.last_day:
            raise ValueError(f"histories were read up to {self.last_day}, not {as_of}")
        asked = set(person_ids)
        self._fetch(db, asked)
        keys = set().union(*(self._of.get(p, set()) for p in asked))
        keep = None
        if among is not None:  # only conversations someone of ``among`` shared
            keys &= set().union(*(self._of.get(p, set()) for p in among))
            keep = set(among) | asked
        rows = [self._rows[k] for k in sorted(keys)]
        return computed_ties(rows, as_of, self.config, asked, among=keep)


def _seen_from(ties: Iterable[Tie], left: set[str], right: set[str] | None) -> list[Tie]:
    """Each tie with an end in ``left`` (and the other in ``right``), seen from that end."""
    out = []
    for tie in ties:
        if tie.a in left and (right is None or tie.b in right):
            out.append(tie)
        if tie.b in left and (right is None or tie.a in right):
            out.append(tie.seen_from(tie.b))
    return out


class TieView:
    """Ties as of ``as_of`` under the configured depth settings.

    Ties at business level or above come from the store for the people without a
    conversation after ``as_of``, when the store holds every conversation under these
    settings; every other tie is computed (:class:`Histories`; pass one to share reads
    across several dates).
    """

    def __init__(
        self,
        db: Database,
        as_of: date,
        *,
        config: Config | None = None,
        histories: Histories | None = None,
    ) -> None:
        self.db = db
        self.as_of = as_of
        self.config = config or (histories.config if histories else configured())
        self._shared = histories is not None
        self.histories = histories or Histories(as_of, self.config)
        if self.histories.config != self.config:
            raise GraphxError("the histories were scored with other depth settings")
        self.stored = store_state(db).serves(self.config)
        self._later: bool | None = None

    def _active(self, person_ids: set[str]) -> set[str]:
        """Who of these took part in a conversation after ``as_of`` (all of them when the
        store cannot answer): their ties are computed."""
        if not self.stored:
            return set(person_ids)
        moment = until(self.as_of)
        if self._later is None:
            self._later = stored_conversations.any_after(self.db, moment)
        if not self._later or not person_ids:
            return set()
        return stored_conversations.active_after(self.db, sorted(person_ids), moment)

    def _weighty_between(self, left: set[str], right: set[str], floor: int) -> list[Tie]:
        if not left or not right:
            return []
        day = self.as_of.toordinal()
        # raw values: stored ties hold numbers and lists only
        rows = stored_ties.weighty_between(self.db, sorted(left), sorted(right), day, floor)
        return [stored_tie(values, day) for values in rows]

    def _computed_between(
        self, left: set[str], right: set[str], floor: int, top: int | None = None
    ) -> list[Tie]:
        """Computed ties from ``left`` to ``right`` at ``floor`` or above; with ``top``, at
        least each person's ``top`` strongest and the weighty ones (:meth:`notable_between`)."""
        if not left or not right:
            return []
        if floor >= Level.PERSONAL:
            found = self._personal_pairs(left, right)
        elif self._shared:
            found = self.histories.ties(self.db, self.as_of, left, among=right)
        else:  # only the participants who matter travel
            found = self._among(left, right, top)
        return [t for t in _seen_from(found, left, right) if t.level >= floor]

    def _among(self, left: set[str], right: set[str], top: int | None) -> list[Tie]:
        """The ties of ``left`` to ``left`` and ``right`` (with ``top``, only those that can
        be notable), from their conversations with only those participants sent
        (:func:`graphx.repository.conversations.among`)."""
        ordered, among = sorted(left), sorted(left | right)
        with paused_gc():
            rows = [
                conversation
                for start in range(0, len(ordered), _BATCH)
                for conversation in stored_conversations.among(
                    self.db, ordered[start : start + _BATCH], among, until(self.as_of)
                )
            ]
            unique = list({row[0]: row for row in rows}.values())
        scores = computed_scores(unique, self.as_of, self.config, left)
        if top is None:
            return scores.ties(scores.met())
        owners = np.array([p in left for p in scores.people], dtype=bool)
        others = np.array([p in right for p in scores.people], dtype=bool)
        return scores.ties(scores.notable(owners, others, top))

    def _personal_pairs(self, left: set[str], right: set[str]) -> list[Tie]:
        """Ties of only the pairs that shared a personal conversation up to the date: no
        other pair can stand at personal or above (that level needs personal weight)."""
        shared = stored_conversations.personal_pairs(
            self.db, sorted(left), sorted(right), until(self.as_of)
        )
        pairs = sorted({(min(a, b), max(a, b)) for a, b in shared})
        found = _pair_histories(self.db, pairs, self.as_of)
        ties = (
            score_pair(a, b, [c for c, _ in found.get((a, b), [])], self.as_of, self.config)
            for a, b in pairs
        )
        return [tie for tie in ties if tie.level >= 1]

    def between(
        self, left: Collection[str], right: Collection[str], min_level: int = 1
    ) -> list[Tie]:
        """Ties (level >= ``min_level``, at least 1) from a person of ``left`` to a person of
        ``right``, each seen from ``left``."""
        lset, rset = set(left), set(right)
        floor = max(1, min_level)
        if floor < Level.BUSINESS:
            return self._computed_between(lset, rset, floor)
        active = self._active(lset)
        return self._weighty_between(lset - active, rset, floor) + self._computed_between(
            active, rset, floor
        )

    def around(self, person_ids: Collection[str], min_level: int = 1) -> list[Tie]:
        """Ties of the given people to anyone (level >= ``min_level``, at least 1), each seen
        from the given person."""
        wanted = set(person_ids)
        floor = max(1, min_level)
        computed = wanted if floor < Level.BUSINESS else self._active(wanted)
        out = []
        if computed:
            found = self.histories.ties(self.db, self.as_of, computed)
            out = [t for t in _seen_from(found, computed, None) if t.level >= floor]
        stored = wanted - computed
        if stored:
            day = self.as_of.toordinal()
            rows = stored_ties.weighty_around(self.db, sorted(stored), day, floor)
            out += [stored_tie(values, day) for values in rows]
        return out

    def notable_between(self, left: Collection[str], right: Collection[str], top: int) -> list[Tie]:
        """Per person of ``left``: their ``top`` strongest ties to ``right`` and every one at
        business or above or that once stood at personal (``last_deep``), seen from ``left``."""
        by_person: dict[str, list[Tie]] = defaultdict(list)
        for link in self._computed_between(set(left), set(right), Level.MET, top):
            by_person[link.a].append(link)
        return [
            link
            for links in by_person.values()
            for i, link in enumerate(sorted(links, key=lambda t: (-t.level, -t.strength, t.b)))
            if i < top or link.level >= 2 or link.last_deep is not None
        ]


# --- ties with everything the model says (commands, explanations) --------------------


def ties_as_of(
    db: Database,
    as_of: date,
    person_ids: Collection[str] | None = None,
    config: Config | None = None,
) -> list[Tie]:
    """The ties (level 1+) of ``person_ids`` (everyone when None) as of ``as_of``, computed
    from the conversations up to then, each with its assessment when a colleague recorded
    one; assessed pairs without any conversation appear at level 0. Strongest first."""
    config = config or configured()
    wanted = None if person_ids is None else sorted(set(person_ids))
    moment = until(as_of)
    if wanted is None:
        rows = stored_conversations.every(db, moment)
    else:  # one query: each conversation once, however many of them took part
        rows = stored_conversations.of_people(db, wanted, moment)
    ties = computed_ties(rows, as_of, config, wanted)
    ties = _with_assessments(db, ties, wanted, as_of)
    return sorted(ties, key=lambda t: (-t.strength, t.a, t.b))


def _pair_histories(
    db: Database, pairs: Sequence[tuple[str, str]], as_of: date
) -> dict[tuple[str, str], list[tuple[Contact, str | None]]]:
    """The conversations of each pair up to ``as_of``, oldest first, with their subjects."""
    found: dict[tuple[str, str], list[tuple[Contact, str | None]]] = defaultdict(list)
    for start in range(0, len(pairs), _BATCH):
        chunk = [list(p) for p in pairs[start : start + _BATCH]]
        for a, b, contact, subject in stored_conversations.of_pairs(db, chunk, until(as_of)):
            found[(a, b)].append((contact, subject))
    return found


def _with_assessments(
    db: Database, ties: list[Tie], person_ids: list[str] | None, as_of: date
) -> list[Tie]:
    found = stored_ties.assessments(db, person_ids)
    if not found:
        return ties
    out = [replace(t, assessment=found.pop((t.a, t.b), None)) for t in ties]
    for (a, b), assessment in found.items():
        out.append(
            Tie(a, b, 0, 0.0, None, None, 0, {}, {}, ("no recorded contact",), as_of,
                assessment=assessment)
        )  # fmt: skip
    return out


def explain(
    db: Database, a_id: str, b_id: str, as_of: date, config: Config | None = None
) -> tuple[Tie, list[dict[str, Any]]]:
    """The tie of a pair with the conversations behind it, oldest first; its components name
    the two people.

    Each conversation dict has ``id, date, kind, depth, effective_depth, duration_minutes,
    participants, organiser`` (``a``, ``b``, ``both`` or ``other``), ``subject`` and
    ``weight`` (its decayed contribution to the strength).
    """
    config = config or configured()
    if a_id == b_id:
        raise GraphxError("explain needs two different people")
    a, b = sorted((a_id, b_id))
    rows = _pair_histories(db, [(a, b)], as_of).get((a, b), [])
    contacts = [contact for contact, _ in rows]
    names = {pid: person.name for pid, person in named(db, [a, b]).items() if person.name}
    tie = score_pair(a, b, contacts, as_of, config, names)
    weights = contributions(contacts, as_of, config)
    conversations = []
    for (contact, subject), weight in zip(rows, weights, strict=True):
        tagged = contact.depth or DEFAULT_DEPTH.get(contact.kind, "business")
        conversations.append(
            {
                "id": contact.id,
                "date": contact.date,
                "kind": contact.kind,
                "depth": tagged,
                "effective_depth": effective_depth(tagged, contact.participants, config),
                "duration_minutes": contact.duration_minutes,
                "participants": contact.participants,
                "organiser": contact.organiser,
                "subject": subject,
                "weight": weight,
            }
        )
    assessments = _with_assessments(db, [tie], [a, b], as_of)
    mine = [t for t in assessments if (t.a, t.b) == (a, b) and t.assessment is not None]
    return (mine[0] if mine else tie), conversations

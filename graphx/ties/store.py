"""The depth model against Neo4j: stream histories out, score pairs, store ``TIE``s.

Conversations come out of Neo4j once each, with the ``[person id, role]`` of every
participant who has not opted out (``ties.conversations``); pairs are expanded in Python
and scored by :mod:`graphx.ties.model`. ``docs/depth.md`` records why (it was measured against
expanding pairs in Cypher). Stored ties are ``(:Person)-[:TIE]->(:Person)`` from the
smaller id to the larger, with the properties listed in :data:`TIE_PROPERTIES`.
"""

from __future__ import annotations

import time as clock
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np

from graphx.db import Database, Row, from_epoch
from graphx.directory import people
from graphx.errors import GraphxError, NotFound
from graphx.model import CONVERSATION_KINDS, DEFAULT_DEPTH, DEPTHS, Level
from graphx.ties.model import (
    Assessment,
    Config,
    Contact,
    Prepared,
    Tie,
    base_weight,
    contributions,
    effective_depth,
    score_pair,
    tie_from_prepared,
)
from graphx.ties.vectorised import (
    PairScores,
    contacts_from_conversations,
    paused_gc,
    score_contacts,
)

_RANK = {"outside": 0, "business": 1, "personal": 2}
_BATCH = 5000
_WRITE_BATCH = 20_000

TIE_PROPERTIES: tuple[str, ...] = (
    "level", "strength", "first_contact", "last_contact", "conversations",
    *(f"n_{k}" for k in CONVERSATION_KINDS), *(f"n_{d}" for d in DEPTHS),
    "organised_by_a", "organised_by_b", "components", "last_deep", "as_of", "config", "run",
)  # fmt: skip
"""The properties of a stored ``TIE``: ``n_<kind>`` and ``n_<depth>`` count conversations.

``components`` (the sentences) are stored for ties at business level or above; ``graphx
explain`` words any pair on demand. ``last_deep`` is absent when the tie never stood at
personal. ``run`` is a full run's id, or ``incremental``."""


@dataclass(frozen=True)
class ScoreSummary:
    """What a scoring run did: pairs per level (0-4), ties stored, ties removed."""

    as_of: date
    pairs_per_level: Mapping[int, int]
    stored: int
    removed: int
    conversations: int
    seconds: float = field(compare=False, default=0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "pairs_per_level": {Level(k).label: v for k, v in sorted(self.pairs_per_level.items())},
            "stored": self.stored,
            "removed": self.removed,
            "conversations": self.conversations,
            "seconds": round(self.seconds, 3),
        }


def until(as_of: date) -> datetime:
    """The first moment after ``as_of`` (UTC): conversations before it count."""
    return datetime.combine(as_of + timedelta(days=1), time(), tzinfo=UTC)


# --- from rows to ties ------------------------------------------------------------------


def ties_from_conversations(
    rows: Iterable[Row],
    as_of: date,
    config: Config,
    people: Collection[str] | None = None,
    pairs: Collection[tuple[str, str]] | None = None,
) -> list[Tie]:
    """Ties from ``ties.conversations``-shaped rows by the per-pair model, each with its
    sentences; only pairs with someone in ``people`` (or only ``pairs``) when given. Rows after
    ``as_of`` are ignored. The reference the vectorised model is tested and timed against."""
    last_second = until(as_of).timestamp()
    weights: dict[tuple[Any, ...], tuple[float, int]] = {}
    histories: dict[tuple[str, str], list[Prepared]] = defaultdict(list)
    wanted = set(people) if people is not None else None
    ordered = sorted((r for r in rows if r["at"] < last_second), key=lambda r: r["at"])
    for row in ordered:
        kind, participants = row["kind"], int(row["participants"])
        key = (kind, row["depth"], participants, row["duration_minutes"])
        found = weights.get(key)
        if found is None:
            base, eff = base_weight(
                kind, row["depth"], participants, row["duration_minutes"], config
            )
            found = weights[key] = (base, _RANK[eff])
        base, rank = found
        when = datetime.fromtimestamp(row["at"], UTC)
        day, year = when.toordinal(), when.year
        members = sorted(row["people"])
        for i, (a, role_a) in enumerate(members):
            for b, role_b in members[i + 1 :]:
                if a == b:
                    continue
                if wanted is not None and a not in wanted and b not in wanted:
                    continue
                if pairs is not None and (a, b) not in pairs:
                    continue
                org = _organiser(role_a, role_b)
                histories[(a, b)].append(
                    Prepared(day, base, rank, kind, org, when, participants, year)
                )
    return [tie_from_prepared(a, b, items, as_of, config) for (a, b), items in histories.items()]


def _organiser(role_a: str | None, role_b: str | None) -> str:
    if role_a == "organizer":
        return "both" if role_b == "organizer" else "a"
    return "b" if role_b == "organizer" else "other"


def _contact(row: Row) -> Contact:
    return Contact(
        date=datetime.fromtimestamp(row["at"], UTC),
        kind=row["kind"],
        depth=row["depth"],
        duration_minutes=row["duration_minutes"],
        participants=int(row["participants"]),
        organiser=_organiser(row["role_a"], row["role_b"]),  # type: ignore[arg-type]
        id=row["id"],
    )


def _pair_histories(
    db: Database, pairs: Sequence[tuple[str, str]], as_of: date
) -> dict[tuple[str, str], list[Row]]:
    found: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for start in range(0, len(pairs), _BATCH):
        chunk = [list(p) for p in pairs[start : start + _BATCH]]
        for row in db.read("ties.pair_conversations", pairs=chunk, until=until(as_of)):
            found[(row["a"], row["b"])].append(row)
    return found


# --- storing ----------------------------------------------------------------------------


def tie_from_properties(a: str, b: str, props: Mapping[str, Any]) -> Tie:
    """The Tie a stored ``TIE`` describes (its moments in epoch seconds, as ``ties.stored``)."""
    return Tie(
        a=a, b=b, level=int(props["level"]), strength=float(props["strength"]),
        first_contact=from_epoch(props.get("first_contact")),
        last_contact=from_epoch(props.get("last_contact")),
        conversations=int(props["conversations"]),
        by_kind={k: n for k in CONVERSATION_KINDS if (n := props.get(f"n_{k}", 0))},
        by_depth={d: n for d in DEPTHS if (n := props.get(f"n_{d}", 0))},
        components=tuple(props.get("components") or ()), as_of=props["as_of"],
        organised_by_a=int(props.get("organised_by_a", 0)),
        organised_by_b=int(props.get("organised_by_b", 0)),
        last_deep=from_epoch(props.get("last_deep")),
    )  # fmt: skip


def _write(
    db: Database, name: str, scores: PairScores, as_of: date, config: Config, run: str
) -> None:
    """``ties.create`` or ``ties.store`` for the level 1+ ties, one transaction per batch."""
    for chunk in scores.batches(_WRITE_BATCH):
        db.write(name, rows=chunk, as_of=as_of, config=config.fingerprint, run=run)


def _summary(
    scores: PairScores, as_of: date, stored: int, removed: int, conversations: int, started: float
) -> ScoreSummary:
    return ScoreSummary(
        as_of=as_of,
        pairs_per_level=scores.level_counts(),
        stored=stored,
        removed=removed,
        conversations=conversations,
        seconds=clock.perf_counter() - started,
    )


def _removed(db: Database, scores: PairScores) -> int:
    """How many stored ties are not among the pairs of ``scores`` (before they are replaced)."""
    position = {p: i for i, p in enumerate(scores.people)}
    n = max(len(scores.people), 1)
    new = np.sort(scores.a[scores.level > 0] * n + scores.b[scores.level > 0])
    removed = 0
    for row in db.read("ties.stored_pairs"):
        i = position.get(row["a"])
        if i is None:
            removed += len(row["b"])
            continue
        keys = np.array([i * n + position.get(b, -n - 1) for b in row["b"]], dtype=np.int64)
        found = np.searchsorted(new, keys).clip(max=max(len(new) - 1, 0))
        removed += (
            int(np.count_nonzero((keys < 0) | (new[found] != keys))) if len(new) else len(keys)
        )
    return removed


# --- the public API ---------------------------------------------------------------------


def score_all(db: Database, as_of: date, config: Config | None = None) -> ScoreSummary:
    """Compute every tie as of ``as_of`` and store them, replacing all stored ties.

    One stream of conversations, pairs scored with numpy (:mod:`graphx.ties.vectorised`), then
    the stored TIEs are deleted and created again in batches: while it writes, readers see
    a partial set, and a failed run is repaired by running it again.
    """
    config = config or Config.default()
    started = clock.perf_counter()
    with paused_gc():
        rows = db.stream("ties.conversations", until=until(as_of))
        contacts = contacts_from_conversations(rows, int(until(as_of).timestamp()), config)
        conversations = contacts.conversations
        scores = score_contacts(contacts, as_of, config)
        del contacts
        removed = _removed(db, scores)
        db.run_in_autocommit("ties.delete_all")
        _write(db, "ties.create", scores, as_of, config, uuid.uuid4().hex)
    return _summary(scores, as_of, scores.stored(), removed, conversations, started)


def score_conversations(
    db: Database, conversation_ids: Collection[str], as_of: date, config: Config | None = None
) -> ScoreSummary:
    """Recompute and store only the ties of pairs who took part in these conversations.

    Meant for after an import: the conversations that two or more of the people in them
    shared are streamed once each, with only those people as participants
    (``ties.shared_conversations``), and only the pairs sharing a touched one are scored; pairs
    whose conversations all fall after ``as_of`` (or were removed) lose their tie.
    """
    config = config or Config.default()
    started = clock.perf_counter()
    ids = set(conversation_ids)
    people: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    ordered_ids = sorted(ids)
    for start in range(0, len(ordered_ids), _BATCH):
        chunk = ordered_ids[start : start + _BATCH]
        for row in db.read("ties.conversation_people", ids=chunk):
            members = sorted(set(row["people"]))
            people.update(members)
            pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    with paused_gc():
        # all their shared conversations: touched ones after as_of still name the pairs to
        # rescore
        rows = db.stream("ties.shared_conversations", person_ids=sorted(people))
        before = int(until(as_of).timestamp())
        contacts = contacts_from_conversations(rows, before, config, touching=ids)
        scores = score_contacts(contacts, as_of, config)
    kept = set(zip(
        [scores.people[i] for i in scores.a[scores.level > 0].tolist()],
        [scores.people[i] for i in scores.b[scores.level > 0].tolist()],
        strict=True,
    ))  # fmt: skip
    gone = sorted([a, b] for a, b in pairs if (a, b) not in kept)
    _write(db, "ties.store", scores, as_of, config, "incremental")
    for start in range(0, len(gone), _BATCH):
        db.write("ties.delete_pairs", pairs=gone[start : start + _BATCH])
    summary = _summary(scores, as_of, scores.stored(), len(gone), len(ids), started)
    levels = dict(summary.pairs_per_level)
    levels[int(Level.NONE)] = len(gone)
    return replace(summary, pairs_per_level=levels)


def ties_as_of(
    db: Database,
    as_of: date,
    person_ids: Collection[str] | None = None,
    config: Config | None = None,
) -> list[Tie]:
    """The ties (level 1+) of ``person_ids`` (everyone when None) from conversations up to
    ``as_of``, each with its assessment when a colleague recorded one; assessed pairs
    without any conversation appear at level 0. Sorted by strength, strongest first.

    With ``person_ids`` None and ties stored as of the same date and settings, the stored
    ties are read instead of recomputed (run ``score_conversations`` after imports).
    """
    config = config or Config.default()
    people = None if person_ids is None else sorted(set(person_ids))
    if people is None:
        stamps = db.read("ties.stored_stamps")
        if len(stamps) == 1 and (stamps[0]["as_of"], stamps[0]["config"]) == (
            as_of,
            config.fingerprint,
        ):
            ties = [tie_from_properties(r["a"], r["b"], r["props"]) for r in db.read("ties.stored")]
        else:
            ties = _computed(db.stream("ties.conversations", until=until(as_of)), as_of, config)
    else:
        # one query: each conversation once, however many of them took part
        rows = db.stream("ties.person_conversations", person_ids=people, until=until(as_of))
        ties = _computed(rows, as_of, config, among=people)
    ties = _with_assessments(db, ties, people, as_of)
    return sorted(ties, key=lambda t: (-t.strength, t.a, t.b))


def ties_of_pairs(
    db: Database, pairs: Iterable[tuple[str, str]], as_of: date, config: Config | None = None
) -> list[Tie]:
    """The ties of some pairs as of ``as_of``, from each pair's shared conversations."""
    config = config or Config.default()
    ordered = sorted({(min(a, b), max(a, b)) for a, b in pairs})
    found = _pair_histories(db, ordered, as_of)
    return [
        score_pair(a, b, [_contact(r) for r in found.get((a, b), [])], as_of, config)
        for a, b in ordered
    ]


def _computed(
    rows: Iterable[Sequence[Any]], as_of: date, config: Config, among: list[str] | None = None
) -> list[Tie]:
    """Ties from ``ties.conversations``-shaped rows by the vectorised model (all pairs, or
    those with someone in ``among``)."""
    with paused_gc():
        contacts = contacts_from_conversations(rows, int(until(as_of).timestamp()), config)
        return score_contacts(contacts, as_of, config).ties(among)


def _with_assessments(
    db: Database, ties: list[Tie], people: list[str] | None, as_of: date
) -> list[Tie]:
    found = {
        (r["a"], r["b"]): Assessment(int(r["level"]), r["reason"], r["by"], r["at"])
        for r in db.read("ties.assessments", person_ids=people)
    }
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
    config = config or Config.default()
    if a_id == b_id:
        raise GraphxError("explain needs two different people")
    a, b = sorted((a_id, b_id))
    rows = _pair_histories(db, [(a, b)], as_of).get((a, b), [])
    contacts = [_contact(r) for r in rows]
    names = {pid: person.name for pid, person in people(db, [a, b]).items() if person.name}
    tie = score_pair(a, b, contacts, as_of, config, names)
    weights = contributions(contacts, as_of, config)
    conversations = []
    for row, contact, weight in zip(rows, contacts, weights, strict=True):
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
                "subject": row.get("subject"),
                "weight": weight,
            }
        )
    assessments = _with_assessments(db, [tie], [a, b], as_of)
    mine = [t for t in assessments if (t.a, t.b) == (a, b) and t.assessment is not None]
    return (mine[0] if mine else tie), conversations


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
    rows = db.write("ties.assess", a=a, b=b, level=level, reason=reason, by=by)
    if not rows:
        raise NotFound(f"no people {a!r} and {b!r}")
    row = rows[0]
    return Assessment(int(row["level"]), row["reason"], row["by"], row["at"])


def remove_assessment(db: Database, a_id: str, b_id: str) -> bool:
    """Remove the assessment of a pair; False when there was none."""
    a, b = sorted((a_id, b_id))
    return bool(db.write("ties.unassess", a=a, b=b)[0]["removed"])


def stored_level_counts(db: Database) -> dict[int, int]:
    """How many stored ties there are at each level (0-4)."""
    counts = {int(r["level"]): int(r["pairs"]) for r in db.read("ties.level_counts")}
    return {int(level): counts.get(int(level), 0) for level in Level}


def organisation_people(db: Database, organisation: str) -> list[str]:
    """The ids of the people currently at the organisation with this id (or name)."""
    return [r["id"] for r in db.read("ties.organisation_people", organisation=organisation)]


def pair_streams_in_cypher(db: Database, as_of: date) -> list[Row]:
    """Pair histories expanded and grouped in Cypher (``ties.pair_stream``).

    Not used for scoring: kept so the benchmark can compare it with streaming each
    conversation once (``ties.conversations``) and expanding pairs in Python.
    """
    return db.read("ties.pair_stream", until=until(as_of))

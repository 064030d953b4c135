"""The vectorised depth model gives the per-pair model's exact answers, as of one date and, for
ties scored as of their last contact, for every later date (their drop days and decay)."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pytest

from graphx.model import CONVERSATION_KINDS, DEPTHS, Tie
from graphx.ties.model import DEPTH_RANK, Config, Prepared, base_weight, tie_from_prepared
from graphx.ties.vectorised import NEVER, read_conversations, score_contacts
from graphx.ties.view import stored_tie, until

AS_OF = date(2025, 6, 30)


def stream(
    seed: int, n: int, people: int, depths: tuple[str | None, ...] = (None, None, *DEPTHS)
) -> list[list[Any]]:
    """Conversations in the ``ties.conversations`` column order: mostly small, a few large."""
    rng = random.Random(seed)
    start = datetime(2018, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(n):
        size = rng.choice([2, 2, 2, 3, 4, 5, 9, 12]) if rng.random() < 0.97 else 40
        group = rng.sample(range(people), min(size, people))
        kind = rng.choice(CONVERSATION_KINDS)
        # whole days now and then, so some conversations share a timestamp
        moment = start + timedelta(
            days=rng.randrange(8 * 365), seconds=rng.choice([0, rng.randrange(86400)])
        )
        rows.append(
            [
                f"c{i}", int(moment.timestamp()), kind, rng.choice(depths),
                None if kind == "email" else rng.choice([15, 60, 120, 240]),
                len(group) + rng.choice([0, 0, 1]),
                [[f"p{x:03d}", "organizer" if rng.random() < 0.4 else "attendee"] for x in group],
            ]
        )  # fmt: skip
    return rows


def histories(rows: list[list[Any]], config: Config) -> dict[tuple[str, str], list[Prepared]]:
    """Every pair's contacts for the per-pair model, in the stream's order within a moment."""
    out: dict[tuple[str, str], list[Prepared]] = defaultdict(list)
    for _, at, kind, depth, minutes, participants, members in sorted(rows, key=lambda r: r[1]):
        base, eff = base_weight(kind, depth, int(participants), minutes, config)
        when = datetime.fromtimestamp(at, UTC)
        ordered = sorted(members)
        for i, (a, role_a) in enumerate(ordered):
            for b, role_b in ordered[i + 1 :]:
                org = {(True, True): "both", (True, False): "a", (False, True): "b"}.get(
                    (role_a == "organizer", role_b == "organizer"), "other"
                )
                out[(a, b)].append(
                    Prepared(when.toordinal(), base, DEPTH_RANK[eff], kind, org, when, participants,
                             when.year)
                )  # fmt: skip
    return out


def reference(pair: tuple[str, str], items: list[Prepared], day: date, config: Config) -> Tie:
    return tie_from_prepared(*pair, [p for p in items if p.day <= day.toordinal()], day, config)


@pytest.mark.parametrize(
    ("seed", "conversations", "people", "as_of", "depths"),
    [
        (18, 3000, 400, AS_OF, (None, None, *DEPTHS)),  # many short histories, every level
        (2, 3000, 12, AS_OF, ("outside",)),  # long histories (hundreds per pair) kept vectorised
        (3, 2000, 200, date(2021, 3, 31), (None, *DEPTHS)),  # later conversations ignored
    ],
)
def test_vectorised_scores_equal_the_per_pair_model(
    seed: int, conversations: int, people: int, as_of: date, depths: tuple[str | None, ...]
) -> None:
    config = Config.default()
    rows = stream(seed, conversations, people, depths)
    pairs = histories(rows, config)
    scored = {pair: reference(pair, items, as_of, config) for pair, items in pairs.items()}
    expected = {pair: tie for pair, tie in scored.items() if tie.level}
    found = read_conversations(rows, config, before=int(until(as_of).timestamp()))
    scores = score_contacts(found.contacts(), as_of, config)
    ties = {(t.a, t.b): t for t in scores.ties()}
    assert set(ties) == set(expected)
    for pair, tie in ties.items():
        assert tie == replace(expected[pair], components=())
    if seed == 18:
        assert {t.level for t in expected.values()} >= {1, 2, 3}
    if depths == ("outside",):
        assert max(t.conversations for t in expected.values()) > 100


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_a_tie_scored_at_its_last_contact_answers_every_later_date(seed: int) -> None:
    """Level and strength at any later day, read from the drop days and the decay, equal a
    fresh computation for that day: on random days and on each drop day and the day before."""
    config = Config.default()
    rng = random.Random(seed)
    rows = stream(seed, 2500, 60)
    pairs = histories(rows, config)
    scores = score_contacts(read_conversations(rows, config).contacts(), None, config)
    assert scores.drops is not None
    chosen = scores.weighty()
    stored = scores.rows(chosen)
    assert len(stored) > 50
    checked = levels = 0
    for row in stored:
        a, b, _level, strength, half_life, day, *drops = row[:9]
        first, last, conversations, org_a, org_b = row[9:14]
        values = [a, b, strength, half_life, day, drops, first, last, conversations, row[-1],
                  row[14:20], row[20:23], [org_a, org_b]]  # fmt: skip
        days = {day, day + 1, *(d for d in drops if d < NEVER), *(d - 1 for d in drops)}
        days |= {day + rng.randrange(1, 900) for _ in range(6)}
        for later in sorted(d for d in days if d >= day):
            tie = reference((a, b), pairs[(a, b)], date.fromordinal(later), config)
            assert stored_tie(values, later) == replace(tie, components=()), (a, b, later)
            checked += 1
            levels += tie.level >= 2
    assert checked > 1000 and levels > 100


def test_pairs_left_out_of_the_store_stay_met_at_most() -> None:
    """A pair the store leaves out (met at its last contact, never personal) is at most met on
    every later day: deriving "met" on demand loses nothing stored."""
    config = Config.default()
    rows = stream(8, 2500, 60)
    pairs = histories(rows, config)
    scores = score_contacts(read_conversations(rows, config).contacts(), None, config)
    kept = set(scores.weighty().tolist())
    left_out = [i for i in range(len(scores)) if i not in kept]
    assert len(left_out) > 100
    for i in left_out[::7]:
        pair = (scores.people[int(scores.a[i])], scores.people[int(scores.b[i])])
        last = int(scores.day[i])
        for later in (last, last + 30, last + 400):
            assert reference(pair, pairs[pair], date.fromordinal(later), config).level <= 1


def test_touched_pairs_score_alike_from_the_conversations_their_people_shared() -> None:
    """What ``ties.shared_conversations`` streams (only the touched people as participants,
    conversations two of them shared) scores the touched pairs as the full stream does."""
    config = Config.default()
    values = stream(4, 2500, 60)
    # conversations among the first 30 people only, so that the others are never touched
    among = {f"p{x:03d}" for x in range(30)}
    touched = {row[0] for row in values if {p for p, _ in row[-1]} <= among}
    people = {p for row in values if row[0] in touched for p, _ in row[-1]}
    full = score_contacts(read_conversations(values, config).contacts(), None, config)
    by_pair = {(r[0], r[1]): r for r in full.rows(full.weighty())}
    shared = [
        [*row[:-1], members]
        for row in values
        if len(members := [m for m in row[-1] if m[0] in people]) >= 2
    ]
    assert len(shared) < len(values)
    conversations = read_conversations(shared, config, touched=touched)
    keys = conversations.pair_keys(conversations.touched)
    scores = score_contacts(conversations.contacts(keys), None, config)
    pairs = {
        (a, b)
        for row in values
        if row[0] in touched
        for a, _ in row[-1]
        for b, _ in row[-1]
        if a < b
    }
    assert len(scores) == len(pairs) > 100
    rows = {(r[0], r[1]): r for r in scores.rows(scores.weighty())}
    assert rows == {pair: by_pair[pair] for pair in pairs if pair in by_pair}
    assert len(rows) > 10


@pytest.mark.parametrize(("seed", "top"), [(18, 1), (19, 2), (20, 5)])
def test_notable_keeps_each_owners_strongest_and_every_weighty_tie(seed: int, top: int) -> None:
    """``PairScores.notable`` picks exactly the pairs a plain ranking of every tie would."""
    config = Config.default()
    rows = stream(seed, 2000, 150)
    found = read_conversations(rows, config, before=int(until(AS_OF).timestamp()))
    scores = score_contacts(found.contacts(), AS_OF, config)
    rng = random.Random(seed)
    owners = {p for p in scores.people if rng.random() < 0.3}
    others = {p for p in scores.people if rng.random() < 0.6}
    by_owner: dict[str, list[tuple[int, float, str, int]]] = defaultdict(list)
    for i, tie in enumerate(scores.ties()):
        for owner, other in ((tie.a, tie.b), (tie.b, tie.a)):
            if tie.level >= 1 and owner in owners and other in others:
                by_owner[owner].append((-tie.level, -tie.strength, other, i))
    weighty = set(scores.weighty().tolist())
    expected = {
        i
        for ranked in by_owner.values()
        for place, (_, _, _, i) in enumerate(sorted(ranked))
        if place < top or i in weighty
    }
    chosen = scores.notable(
        np.array([p in owners for p in scores.people]),
        np.array([p in others for p in scores.people]),
        top,
    )
    assert set(chosen.tolist()) == expected
    assert len(expected) > top * 10  # owners with more ties than kept, and weighty ones
    assert any(len(ranked) > top for ranked in by_owner.values())

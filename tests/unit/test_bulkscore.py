"""The vectorised depth model (graphx.bulkscore) gives the per-pair model's exact answers."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from graphx.bulkscore import contacts_from_conversations, score_contacts
from graphx.depth import Config
from graphx.model import CONVERSATION_KINDS, DEPTHS
from graphx.scoring import ties_from_conversations, until

AS_OF = date(2025, 6, 30)


def stream(
    seed: int, n: int, people: int, depths: tuple[str | None, ...] = (None, None, *DEPTHS)
) -> list[dict[str, Any]]:
    """Conversations in the ``ties.conversations`` shape: mostly small, a few large."""
    rng = random.Random(seed)
    start = datetime(2018, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(n):
        size = rng.choice([2, 2, 2, 3, 4, 5, 9, 12]) if rng.random() < 0.97 else 40
        group = rng.sample(range(people), min(size, people))
        kind = rng.choice(CONVERSATION_KINDS)
        rows.append(
            {
                "id": f"c{i}",
                # whole days now and then, so some conversations share a timestamp
                "at": int((start + timedelta(days=rng.randrange(8 * 365),
                                             seconds=rng.choice([0, rng.randrange(86400)]))
                           ).timestamp()),
                "kind": kind,
                "depth": rng.choice(depths),
                "duration_minutes": None if kind == "email" else rng.choice([15, 60, 120, 240]),
                "participants": len(group) + rng.choice([0, 0, 1]),
                "people": [
                    [f"p{x:03d}", "organizer" if rng.random() < 0.4 else "attendee"]
                    for x in group
                ],
            }
        )  # fmt: skip
    return rows


def expected_row(tie: Any) -> list[Any]:
    return [
        tie.a, tie.b, tie.level, tie.strength, int(tie.first_contact.timestamp()),
        int(tie.last_contact.timestamp()), tie.conversations, tie.organised_by_a,
        tie.organised_by_b, *(tie.by_kind.get(k, 0) for k in CONVERSATION_KINDS),
        *(tie.by_depth.get(d, 0) for d in DEPTHS),
        None if tie.last_deep is None else int(tie.last_deep.timestamp()),
    ]  # fmt: skip


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
    reference = {(t.a, t.b): t for t in ties_from_conversations(rows, as_of, config)}
    values = [list(r.values()) for r in rows]
    scores = score_contacts(
        contacts_from_conversations(values, int(until(as_of).timestamp()), config), as_of, config
    )
    stored = scores.rows()
    assert len(stored) == len(reference) == sum(scores.level_counts().values())
    for row in stored:
        tie = reference[(row[0], row[1])]
        assert row[:-1] == expected_row(tie)
        if tie.level >= 2:
            assert row[-1] == list(tie.components)
    among = sorted(reference)[0]  # the ties of one pair's two people, as Tie objects
    as_ties = {(t.a, t.b): t for t in scores.ties(among)}
    assert set(as_ties) == {pair for pair in reference if set(pair) & set(among)}
    for pair, tie in as_ties.items():
        assert replace(tie, components=()) == replace(reference[pair], components=())
    vectorised = len(stored) - len(scores.detailed)
    assert vectorised > 0  # some pairs keep the vectorised figures (all of them when outside)
    if seed == 18:
        assert {t.level for t in reference.values()} >= {1, 2, 3}
    if depths == ("outside",):
        assert max(t.conversations for t in reference.values()) > 100


def test_touched_pairs_score_alike_from_the_conversations_their_people_shared() -> None:
    """What ``ties.shared_conversations`` streams (only the touched people as participants,
    conversations two of them shared) scores the touched pairs as the full stream does."""
    config = Config.default()
    values = [list(r.values()) for r in stream(4, 2000, 150)]
    before = int(until(AS_OF).timestamp())
    touched = {f"c{i}" for i in range(0, 2000, 97)}
    people = {p for row in values if row[0] in touched for p, _ in row[-1]}
    full = score_contacts(contacts_from_conversations(values, before, config), AS_OF, config)
    by_pair = {(r[0], r[1]): r for r in full.rows()}
    pairs = {
        (a, b)
        for row in values
        if row[0] in touched and row[1] < before
        for a, _ in row[-1]
        for b, _ in row[-1]
        if a < b
    }
    shared = [
        [*row[:-1], members]
        for row in values
        if len(members := [m for m in row[-1] if m[0] in people]) >= 2
    ]
    assert len(shared) < len(values)
    contacts = contacts_from_conversations(shared, before, config, touching=touched)
    rows = score_contacts(contacts, AS_OF, config).rows()
    assert len(rows) == len(pairs) > 100
    assert {(r[0], r[1]): r for r in rows} == {pair: by_pair[pair] for pair in pairs}

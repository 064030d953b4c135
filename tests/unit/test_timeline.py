"""The relationship page's conversation timeline."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dashboards.components.timeline import conversation_timeline
from graphx.model import Contact
from graphx.relationship import Relationship
from graphx.ties.model import Config, score_pair


def test_the_timeline_has_a_row_for_each_kind_the_pair_held_in_the_canonical_order() -> None:
    held = [("meal", "personal", 2), ("call", "business", 2), ("meal", "personal", 2)]
    contacts = [
        Contact(
            date=datetime(2026, 1 + i, 5, tzinfo=UTC), kind=kind, depth=depth,
            duration_minutes=60, participants=size, organiser="a", id=f"c{i}",
        )
        for i, (kind, depth, size) in enumerate(held)
    ]  # fmt: skip
    tie = score_pair("a", "b", contacts, date(2026, 6, 1), Config.default())
    conversations = [
        {"date": c.date, "kind": c.kind, "depth": c.depth, "participants": c.participants,
         "subject": None}
        for c in contacts
    ]  # fmt: skip
    fig = conversation_timeline(Relationship(tie=tie, conversations=conversations, history=[]))
    assert list(fig.layout.yaxis.categoryarray) == ["call", "meal"]  # no empty "meeting" row
    assert {trace.name: len(trace.x) for trace in fig.data} == {
        "outside": 0,
        "business": 1,
        "personal": 2,
    }

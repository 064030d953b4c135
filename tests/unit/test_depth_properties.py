"""Monotonicity of the depth model, proven over generated histories."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from graphx.model import CONVERSATION_KINDS, DEPTHS, Contact
from graphx.ties.model import Config, score_pair

AS_OF = date(2025, 6, 30)
EPS = 1e-9

contacts = st.builds(
    Contact,
    date=st.dates(min_value=date(2012, 1, 1), max_value=AS_OF),
    kind=st.sampled_from(CONVERSATION_KINDS),
    depth=st.one_of(st.none(), st.sampled_from(DEPTHS)),
    duration_minutes=st.one_of(st.none(), st.integers(min_value=1, max_value=600)),
    participants=st.integers(min_value=2, max_value=400),
    organiser=st.sampled_from(["a", "b", "both", "other"]),
)
histories = st.lists(contacts, max_size=40)
recent_personal = st.builds(
    Contact,
    date=st.dates(min_value=AS_OF - timedelta(days=60), max_value=AS_OF),
    kind=st.sampled_from(CONVERSATION_KINDS),
    depth=st.just("personal"),
    duration_minutes=st.one_of(st.none(), st.integers(min_value=1, max_value=600)),
    participants=st.integers(min_value=2, max_value=400),
    organiser=st.sampled_from(["a", "b", "both", "other"]),
)


@settings(max_examples=300, deadline=None)
@given(histories, recent_personal)
def test_adding_a_recent_personal_conversation_never_lowers_strength_or_level(
    history: list[Contact], extra: Contact
) -> None:
    before = score_pair("a", "b", history, AS_OF)
    after = score_pair("a", "b", [*history, extra], AS_OF)
    assert after.strength >= before.strength - EPS
    assert after.level >= before.level


@settings(max_examples=300, deadline=None)
@given(histories, contacts, st.integers(min_value=1, max_value=300))
def test_a_larger_group_never_weighs_more_other_things_equal(
    history: list[Contact], one: Contact, more: int
) -> None:
    small = score_pair("a", "b", [*history, one], AS_OF)
    large = score_pair(
        "a", "b", [*history, replace(one, participants=one.participants + more)], AS_OF
    )
    assert large.strength <= small.strength + EPS
    assert large.level <= small.level


@settings(max_examples=300, deadline=None)
@given(histories, st.integers(min_value=1, max_value=4000))
def test_more_time_without_contact_never_raises_strength_or_level(
    history: list[Contact], days: int
) -> None:
    now = score_pair("a", "b", history, AS_OF)
    later = score_pair("a", "b", history, AS_OF + timedelta(days=days))
    assert later.strength <= now.strength + EPS
    assert later.level <= now.level


@settings(max_examples=100, deadline=None)
@given(histories)
def test_the_order_of_the_pair_and_of_the_history_does_not_matter(history: list[Contact]) -> None:
    forward = score_pair("a", "b", history, AS_OF)
    backward = score_pair("b", "a", [_swapped(c) for c in reversed(history)], AS_OF)
    assert forward.level == backward.level
    assert abs(forward.strength - backward.strength) < 1e-6
    assert forward.conversations == backward.conversations == len(history)


@settings(max_examples=100, deadline=None)
@given(histories)
def test_level_three_or_more_needs_recent_personal_conversations(history: list[Contact]) -> None:
    tie = score_pair("a", "b", history, AS_OF)
    config = Config.default()
    if tie.level >= 3:
        recent = [
            c for c in history
            if (c.depth or "") == "personal"
            or (c.depth is None and c.kind in ("meal", "trip"))
        ]  # fmt: skip
        assert len(recent) >= config.levels_personal_min_recent
    if all((c.depth or "") == "outside" for c in history) and history:
        assert tie.level == 1


def _swapped(c: Contact) -> Contact:
    swap = {"a": "b", "b": "a", "both": "both", "other": "other"}
    return replace(c, organiser=swap[c.organiser])  # type: ignore[arg-type]

"""Hand-built histories whose answer a person finds obvious."""

from __future__ import annotations

import doctest
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

import graphx.ties.model
import graphx.ties.wording
from graphx.errors import ConfigError
from graphx.model import Contact, Level
from graphx.ties.model import Config, score_pair

TODAY = date(2025, 6, 30)


def monthly(
    start: date, months: int, kind: str, depth: str, size: int, minutes: int, alternate: bool
) -> list[Contact]:
    out = []
    for i in range(months):
        when = start + timedelta(days=30 * i)
        organiser = ("a" if i % 2 == 0 else "b") if alternate else "a"
        out.append(Contact(when, kind, depth, minutes, size, organiser, f"c{i}"))
    return out


def test_the_docstring_examples_hold() -> None:
    model = doctest.testmod(graphx.ties.model)
    words = doctest.testmod(graphx.ties.wording)
    assert model.attempted >= 10 and words.attempted >= 1
    assert model.failed == words.failed == 0


def test_years_of_personal_dinners_with_both_sides_inviting_are_trusted() -> None:
    dinners = monthly(date(2021, 7, 1), 48, "meal", "personal", 2, 120, alternate=True)
    tie = score_pair("ann", "bob", dinners, TODAY)
    assert tie.level == Level.TRUSTED
    assert tie.conversations == 48
    assert tie.by_kind == {"meal": 48}
    assert tie.by_depth == {"personal": 48}
    assert tie.organised_by_a == 24 and tie.organised_by_b == 24
    assert tie.components[0].startswith("48 personal meals since 2021, last")
    assert "one-to-one" in tie.components[0]
    assert tie.components[1] == "both sides invite (ann organised 24, bob 24)"
    assert tie.components[2].startswith("trusted: personal contact in 5 different years")
    assert tie.last_deep == tie.last_contact


def test_the_same_dinners_always_at_one_sides_invitation_stay_personal() -> None:
    dinners = monthly(date(2021, 7, 1), 48, "meal", "personal", 2, 120, alternate=False)
    tie = score_pair("ann", "bob", dinners, TODAY)
    assert tie.level == Level.PERSONAL
    assert tie.components[1] == "only ann takes the initiative (48 organised)"
    assert "trusted needs each side to organise 2" in tie.components[2]


def test_weekly_purchasing_meetings_are_business() -> None:
    start = TODAY - timedelta(days=7 * 104)
    meetings = [
        Contact(start + timedelta(days=7 * i), "meeting", "business", 60, 4, "a", f"m{i}")
        for i in range(104)
    ]
    tie = score_pair("buyer", "seller", meetings, TODAY)
    assert tie.level == Level.BUSINESS
    assert tie.by_depth == {"business": 104}
    assert tie.components[0].startswith("104 business meetings since 2023")
    assert "typically 4 people" in tie.components[0]
    assert "not personal: 0 personal conversation(s) in the last 12 months" in tie.components[2]


def test_one_handshake_at_a_150_guest_reception_is_met() -> None:
    reception = Contact(TODAY - timedelta(days=21), "event", "outside", 120, 150, "other")
    tie = score_pair("ann", "cfo", [reception], TODAY)
    assert tie.level == Level.MET
    assert tie.strength < 0.02
    assert tie.components[0] == "1 outside event 3 weeks ago (typically 150 people)"
    assert tie.components[2] == "met only: every contact was outside (receptions, large groups)"


def test_a_personal_relationship_silent_for_five_years_is_personal_only_back_then() -> None:
    dinners = monthly(date(2016, 1, 10), 48, "meal", "personal", 2, 120, alternate=True)
    back_then = date(2019, 12, 31)
    then = score_pair("ann", "bob", dinners, back_then)
    now = score_pair("ann", "bob", dinners, TODAY)
    assert then.level == Level.TRUSTED
    assert now.level == Level.MET
    assert now.strength < then.strength / 5
    assert now.last_deep == dinners[-1].date or now.last_deep.date() == dinners[-1].date
    assert "the last was 6 years ago" in now.components[2]


def test_nothing_before_the_first_conversation_is_level_none() -> None:
    dinner = Contact(date(2025, 1, 1), "meal", "personal", 90, 2, "a")
    tie = score_pair("a", "b", [dinner], date(2024, 12, 31))
    assert (tie.level, tie.conversations, tie.strength) == (0, 0, 0.0)
    assert tie.first_contact is None


def test_personal_dinners_for_twenty_count_as_business_and_three_are_not_yet_enough() -> None:
    gala = [
        Contact(TODAY - timedelta(days=d), "meal", "personal", 120, 20, "other")
        for d in (10, 40, 70)
    ]
    tie = score_pair("a", "b", gala, TODAY)
    assert tie.by_depth == {"business": 3}
    assert tie.level == Level.MET
    assert tie.components[2] == "met only: business and personal weight 0.3 below 2"


def test_the_pair_is_ordered_and_organisers_follow_the_swap() -> None:
    calls = [Contact(TODAY, "call", "business", 30, 2, "a"), Contact(TODAY, "call", None, 30, 2)]
    tie = score_pair("zed", "amy", calls, TODAY)
    assert (tie.a, tie.b) == ("amy", "zed")
    assert (tie.organised_by_a, tie.organised_by_b) == (0, 1)


def test_a_settings_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "depth.toml"
    path.write_text("[depth_weight]\npersonal = 5\n[levels]\nrecent_days = 180\n")
    config = Config.from_toml(path)
    assert config.depth_weight == {"outside": 0.25, "business": 1.0, "personal": 5.0}
    assert config.levels_recent_days == 180
    assert replace(config, depth_weight=Config.default().depth_weight, levels_recent_days=365) == (
        Config.default()
    )
    assert config.fingerprint != Config.default().fingerprint


def test_an_unknown_setting_is_an_error_naming_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "depth.toml"
    path.write_text("[decay]\nhalf_life = 10\n")
    with pytest.raises(ConfigError, match=r"depth\.toml: unknown setting \[decay\] half_life"):
        Config.from_toml(path)
    path.write_text("[kind_weight]\nletter = 1\n")
    with pytest.raises(ConfigError, match=r"\[kind_weight\] letter"):
        Config.from_toml(path)

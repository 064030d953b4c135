"""The order a director reads the gaps of every client in: most pressing first."""

from __future__ import annotations

from datetime import date

from graphx.gaps import Action, Fading, Gaps, Overdue, SingleThreaded, Uncovered, most_pressing

NONE = Action(None, "none", None, (), "")


def uncovered(person: str, title: str, best: int) -> Uncovered:
    return Uncovered("o", person, person, title, best, None, NONE)


def test_chairs_and_ceos_come_first_then_those_nobody_has_met_and_else_client_order() -> None:
    found = Gaps(
        date(2026, 11, 29), None,
        uncovered=(
            uncovered("a", "Non-executive Director", 2), uncovered("b", "CFO", 0),
            uncovered("c", "Vice Chair", 1), uncovered("d", "Chair", 2),
            uncovered("e", "Chief Executive Officer", 0), uncovered("f", "Director", 2),
        ),
        single_threaded=(
            SingleThreaded("o", "g", "g", "CFO", "x", 3, NONE),
            SingleThreaded("o", "h", "h", "CEO", "x", 3, NONE),
        ),
        fading=(
            Fading("o", "i", "x", 3, 2, date(2025, 1, 1), NONE),
            Fading("o", "j", "x", 4, 1, date(2026, 6, 1), NONE),
        ),
        overdue=(
            Overdue("o", "k", "x", 3, date(2026, 8, 1), 120, 90, None, "cadence", NONE),
            Overdue("o", "l", "x", 3, date(2026, 1, 1), 332, 90, None, "cadence", NONE),
            Overdue("o", "m", "x", 3, date(2026, 9, 1), 89, 60, 10.0, "rhythm", NONE),
        ),
    )  # fmt: skip

    ordered = most_pressing(found)

    assert [g.person_id for g in ordered.uncovered] == ["e", "d", "b", "c", "a", "f"]
    assert [g.person_id for g in ordered.single_threaded] == ["h", "g"]
    assert [g.person_id for g in ordered.fading] == ["j", "i"]
    assert [g.person_id for g in ordered.overdue] == ["l", "k", "m"]

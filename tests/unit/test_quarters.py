"""Calendar quarters as the report names them."""

from __future__ import annotations

from datetime import date

import pytest

from graphx.reports.quarters import Quarter, QuarterError


def test_a_quarter_is_parsed_and_knows_its_end_and_the_one_before() -> None:
    q = Quarter.parse("2026-q1")
    assert (q.label, q.end, q.previous.label, q.previous.end) == (
        "2026Q1",
        date(2026, 3, 31),
        "2025Q4",
        date(2025, 12, 31),
    )
    assert [p.label for p in q.history(3)] == ["2025Q3", "2025Q4", "2026Q1"]
    with pytest.raises(QuarterError, match="2026Q3, not '2026Q5'"):
        Quarter.parse("2026Q5")


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2026, 11, 28), "2026Q3"),
        (date(2026, 9, 30), "2026Q3"),  # the quarter's last day completes it
        (date(2026, 10, 1), "2026Q3"),
        (date(2026, 1, 1), "2025Q4"),
        (date(2026, 12, 31), "2026Q4"),
    ],
)
def test_the_last_complete_quarter_of_a_day(day: date, label: str) -> None:
    assert Quarter.last_complete(day).label == label

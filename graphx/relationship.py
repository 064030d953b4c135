"""Relationship detail: one pair's conversations, their tie today and its level over time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from graphx.db import Database
from graphx.model import Contact, Tie
from graphx.ties.model import Config, configured, score_pair
from graphx.ties.view import explain


@dataclass(frozen=True)
class LevelPoint:
    day: date
    level: int
    strength: float


@dataclass(frozen=True)
class Relationship:
    """What the relationship page shows about ``tie.a`` and ``tie.b``."""

    tie: Tie
    conversations: list[dict[str, Any]]
    history: list[LevelPoint]


def month_ends(first: date, last: date) -> list[date]:
    """The last day of every month from ``first``'s month to ``last`` (``last`` itself at the end).

    >>> month_ends(date(2024, 1, 15), date(2024, 3, 10))
    [datetime.date(2024, 1, 31), datetime.date(2024, 2, 29), datetime.date(2024, 3, 10)]
    """
    days: list[date] = []
    year, month = first.year, first.month
    while (year, month) < (last.year, last.month):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        days.append(date(year, month, 1) - timedelta(days=1))
    return [*days, last]


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def contacts_of(conversations: list[dict[str, Any]]) -> list[Contact]:
    """The conversations :func:`graphx.ties.view.explain` lists, as the model's contacts."""
    return [
        Contact(
            date=c["date"], kind=c["kind"], depth=c["depth"],
            duration_minutes=c["duration_minutes"], participants=c["participants"],
            organiser=c["organiser"], id=c["id"],
        )
        for c in conversations
    ]  # fmt: skip


def relationship(
    db: Database, a_id: str, b_id: str, as_of: date, config: Config | None = None
) -> Relationship:
    """The pair's tie as of ``as_of``, its conversations, and its level at every month end."""
    config = config or configured()
    tie, conversations = explain(db, a_id, b_id, as_of, config)
    contacts = contacts_of(conversations)
    history: list[LevelPoint] = []
    if contacts:
        for day in month_ends(_day(contacts[0].date), as_of):
            point = score_pair(tie.a, tie.b, contacts, day, config)
            history.append(LevelPoint(day, point.level, point.strength))
    return Relationship(tie=tie, conversations=conversations, history=history)

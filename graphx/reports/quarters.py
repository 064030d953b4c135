"""Calendar quarters: ``"2026Q3"`` parsed, its end date, the quarters before it.

>>> q = Quarter.parse("2026Q3")
>>> q.end, q.previous.label, q.previous.end
(datetime.date(2026, 9, 30), '2026Q2', datetime.date(2026, 6, 30))
>>> [p.label for p in Quarter.parse("2026Q1").history(3)]
['2025Q3', '2025Q4', '2026Q1']
>>> Quarter.last_complete(date(2026, 11, 28)).label, Quarter.last_complete(date(2026, 9, 30)).label
('2026Q3', '2026Q3')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from graphx.errors import GraphxError

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*$")


class QuarterError(GraphxError):
    """A quarter is not written like ``2026Q3``."""

    exit_code = 2


@dataclass(frozen=True, order=True)
class Quarter:
    """One calendar quarter: ``year`` and ``number`` 1-4."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``"2026Q3"`` (also ``"2026-Q3"``, ``"2026q3"``) as a Quarter."""
        match = _QUARTER.match(text)
        if not match:
            raise QuarterError(f"a quarter is written like 2026Q3, not {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def last_complete(cls, day: date) -> Quarter:
        """The latest quarter that has ended by the end of ``day``."""
        after = day + timedelta(days=1)
        return cls(after.year, (after.month - 1) // 3 + 1).previous

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """The quarter's last day: the report's "now"."""
        return self.next.start - timedelta(days=1)

    @property
    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)

    @property
    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    def history(self, count: int) -> list[Quarter]:
        """The ``count`` quarters ending with this one, oldest first."""
        out = [self]
        while len(out) < count:
            out.append(out[-1].previous)
        return out[::-1]

"""Fuzz the calendar reader: parse, expand recurrences, build each occurrence's conversation.

Run: ``.venv/bin/python fuzz/fuzz_ics.py -max_total_time=600 -timeout=20 fuzz/corpus/ics``
"""

from __future__ import annotations

import sys
from datetime import date

import atheris
from _harness import result_or_graphx_error, write

import graphx.db  # noqa: F401  (heavy dependencies, not instrumented)

with atheris.instrument_imports(include=["graphx.importers", "icalendar", "recurring_ical_events"]):
    from graphx.importers.calendar import parse_calendar

HORIZON = date(2026, 12, 31)


def test_one_input(data: bytes) -> None:
    path = write("fuzzed.ics", data)
    result_or_graphx_error(lambda: parse_calendar(path, HORIZON), needs_location="fuzzed.ics")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()

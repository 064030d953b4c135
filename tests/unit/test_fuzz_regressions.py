"""Inputs the fuzzers and property tests found that once crashed or hung a parser."""

from __future__ import annotations

from datetime import date
from email.message import Message
from pathlib import Path

import pytest

from graphx.errors import InputError
from graphx.importers.calendar import parse_calendar
from graphx.importers.mail import encounter, mbox_headers, parse_headers
from graphx.importers.rows import parse_datetime

FOUND = Path(__file__).parents[1] / "data" / "fuzz"


def test_a_recurrence_with_interval_zero_is_refused_naming_its_line_instead_of_hanging() -> None:
    path = FOUND / "ics-interval-zero-timeout.ics"
    with pytest.raises(InputError) as caught:
        parse_calendar(path, date(2026, 12, 31))
    assert caught.value.problems == [f"{path}:22: RRULE: INTERVAL must be a whole number from 1"]


def test_a_display_name_in_an_unknown_charset_is_kept_undecoded() -> None:
    path = FOUND / "mail-charset-crash.mbox"
    (found,) = [encounter(parse_headers(header), "mbox") for _, header in mbox_headers(path)]
    assert not isinstance(found, str)
    assert found.contacts[-1].address == "newbie@mail.contoso.example"
    assert found.contacts[-1].name is not None and found.contacts[-1].name.startswith("=?ut")


def test_a_mail_date_beyond_year_9999_in_utc_is_skipped_as_no_valid_date() -> None:
    message = Message()
    message["From"] = "ann@x.example"
    message["To"] = "bob@y.example"
    message["Date"] = "Fri, 31 Dec 9999 23:59:59 -1200"
    assert encounter(message, "eml") == "no valid Date"


def test_an_iso_date_time_beyond_year_9999_in_utc_is_not_a_date() -> None:
    with pytest.raises(ValueError, match="not an ISO 8601 date or date-time"):
        parse_datetime("9999-12-31T23:59:59-23:59")

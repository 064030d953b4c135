"""Property tests of every parser: any input gives a result or a GraphxError, never a crash.

Each test runs 1,000 examples (no database: the parsers are pure up to the write). An
InputError must name the file and a line inside it for every problem it lists.
"""

from __future__ import annotations

import csv
import io
import json
import re
import string
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from email.message import Message
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphx.errors import GraphxError, InputError
from graphx.importers.calendar import parse_calendar
from graphx.importers.canonical import Folder, parse_folder
from graphx.importers.mail import encounter, file_headers, mbox_headers, parse_headers
from graphx.importers.resolve import Encounter
from graphx.importers.rows import MODELS, REQUIRED, columns, normalise_address, parse_datetime

THOROUGH = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STEMS = tuple(MODELS)
LOCATION = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): ")


@contextmanager
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="graphx-prop-") as folder:
        yield Path(folder)


def assert_located(error: InputError, file: str, lines: int) -> None:
    """Every problem starts with ``file:line:`` and the line is inside the file."""
    assert error.problems
    for problem in error.problems:
        found = LOCATION.match(problem)
        assert found is not None, problem
        assert found["file"] == file, problem
        assert 1 <= int(found["line"]) <= max(lines, 1), problem


# --- values a field may hold: mostly plausible, sometimes anything --------------------------

nasty_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
plausible = st.sampled_from(
    [
        "",
        " ",
        "home",
        "client",
        "board",
        "staff",
        "meal",
        "email",
        "personal",
        "organizer",
        "attendee",
        "true",
        "false",
        "TRUE",
        "2024-03-01",
        "2024-03-01T10:00:00+01:00",
        "2024-02-30",
        "-5",
        "60",
        "1e3",
        "a@b.example",
        "A@B.EXAMPLE; c@d.example",
        "x@y",
        "golf;sailing",
        "contoso.example",
        "www.contoso.example",
        "@x.example",
        "NaN",
        "null",
        '"',
        "\u0000",
        "\ufeff",
        "' OR 1=1 //",
        "9999-12-31T23:59:59-23:59",
    ]
)
field_value = st.one_of(plausible, nasty_text)


@st.composite
def canonical_csv(draw: st.DrawFn) -> tuple[str, str, int]:
    """(stem, text, number of physical lines) of one CSV file, header possibly damaged."""
    stem = draw(st.sampled_from(STEMS))
    header = list(draw(st.permutations(columns(stem))))
    header = header[: draw(st.integers(len(REQUIRED[stem]), len(header)))]
    if draw(st.integers(0, 9)) == 0:
        header.append(draw(st.sampled_from(["extra", "id", "Name", ""])))
    rows = draw(
        st.lists(
            st.lists(field_value, min_size=len(header), max_size=len(header)).map(
                lambda r: r if len(r) else [""]
            ),
            max_size=6,
        )
    )
    if rows and draw(st.booleans()):
        rows[draw(st.integers(0, len(rows) - 1))].append(draw(field_value))  # a ragged row
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if draw(st.integers(0, 4)) == 0:
        text = draw(st.text(max_size=200))  # anything at all
    return stem, text, text.count("\n") + text.count("\r") + 1


def _write_others(folder: Path, stem: str, suffix: str) -> None:
    for other in STEMS:
        if other != stem:
            body = "" if suffix == ".jsonl" else ",".join(REQUIRED[other]) + "\n"
            (folder / f"{other}{suffix}").write_text(body, encoding="utf-8")


@THOROUGH
@given(canonical_csv(), st.booleans())
def test_any_canonical_csv_gives_rows_or_an_input_error_naming_file_and_line(
    case: tuple[str, str, int], ignore_unknown: bool
) -> None:
    stem, text, lines = case
    with scratch() as folder:
        _write_others(folder, stem, ".csv")
        (folder / f"{stem}.csv").write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            parsed = parse_folder(folder, ignore_unknown)
        except InputError as exc:
            assert_located(exc, f"{stem}.csv", lines)
        else:
            assert isinstance(parsed, Folder)
            assert all(n == f"{stem}.csv" for n, _, _ in getattr(parsed, stem))


@THOROUGH
@given(st.sampled_from(STEMS), st.binary(max_size=300))
def test_any_bytes_as_a_csv_file_give_rows_or_an_input_error(stem: str, data: bytes) -> None:
    with scratch() as folder:
        _write_others(folder, stem, ".csv")
        (folder / f"{stem}.csv").write_bytes(data)
        try:
            parse_folder(folder)
        except InputError as exc:
            assert_located(exc, f"{stem}.csv", data.count(b"\n") + data.count(b"\r") + 1)


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | field_value,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(nasty_text, inner, max_size=3),
    max_leaves=6,
)


@st.composite
def canonical_jsonl(draw: st.DrawFn) -> tuple[str, str, int]:
    stem = draw(st.sampled_from(STEMS))
    keys = st.sampled_from([*columns(stem), "extra"])
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        choice = draw(st.integers(0, 9))
        if choice == 0:
            lines.append(draw(nasty_text.filter(lambda t: "\n" not in t and "\r" not in t)))
        elif choice == 1:
            lines.append(json.dumps(draw(json_value)))
        else:
            row = draw(st.dictionaries(keys, json_value | field_value, max_size=9))
            lines.append(json.dumps(row, ensure_ascii=draw(st.booleans())))
    text = "\n".join(lines)
    return stem, text, len(lines) + 1


@THOROUGH
@given(canonical_jsonl(), st.booleans())
def test_any_json_lines_file_gives_rows_or_an_input_error_naming_file_and_line(
    case: tuple[str, str, int], ignore_unknown: bool
) -> None:
    stem, text, lines = case
    with scratch() as folder:
        _write_others(folder, stem, ".jsonl")
        (folder / f"{stem}.jsonl").write_text(text, encoding="utf-8")
        try:
            parse_folder(folder, ignore_unknown)
        except InputError as exc:
            assert_located(exc, f"{stem}.jsonl", lines)


# --- calendars ---------------------------------------------------------------------------

ical_moment = st.one_of(
    st.datetimes(datetime(2023, 1, 1), datetime(2026, 6, 1)).map(
        lambda d: d.strftime("%Y%m%dT%H%M%S") + ("Z" if d.second % 2 else "")
    ),
    st.dates(date(2023, 1, 1), date(2026, 6, 1)).map(lambda d: f"VALUE=DATE:{d:%Y%m%d}"),
    st.sampled_from(
        ["20240230T100000Z", "2024", "", "20240101T250000", "TZID=Nowhere/X:20240101T1"]
    ),
)
address_text = st.one_of(
    st.emails().map(str), st.sampled_from(["", "ann", "a b@x.example", "@x", "x@y.z"]), nasty_text
)


def _ical_escape(text: str) -> str:
    return "".join(c for c in text if c not in "\r\n")


@st.composite
def calendar_text(draw: st.DrawFn) -> str:
    """A VCALENDAR with a few events whose properties are plausible or broken."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//graphx property tests//EN"]
    for n in range(draw(st.integers(0, 3))):
        lines.append("BEGIN:VEVENT")
        if draw(st.integers(0, 9)):
            lines.append(f"UID:{_ical_escape(draw(st.text(max_size=12))) or 'u'}{n}")
        start = draw(ical_moment)
        if draw(st.integers(0, 9)):
            lines.append(f"DTSTART{';' if '=' in start else ':'}{start}")
        if draw(st.booleans()):
            end = draw(ical_moment)
            lines.append(f"DTEND{';' if '=' in end else ':'}{end}")
        elif draw(st.booleans()):
            lines.append(f"DURATION:{draw(st.sampled_from(['PT1H', 'P1D', '-PT5M', 'PTXH', 'P']))}")
        if draw(st.booleans()):
            lines.append(
                "RRULE:"
                + draw(
                    st.sampled_from(
                        [
                            "FREQ=WEEKLY;COUNT=5",
                            "FREQ=MONTHLY;UNTIL=20250101T000000Z",
                            "FREQ=DAILY;COUNT=3",
                            "FREQ=YEARLY",
                            "FREQ=NEVER",
                            "COUNT=2",
                            "FREQ=WEEKLY;BYDAY=XX",
                            "FREQ=DAILY;INTERVAL=0",
                        ]
                    )
                )
            )
        if draw(st.booleans()):
            lines.append(f"EXDATE:{draw(ical_moment)}")
        if draw(st.booleans()):
            lines.append(f"RECURRENCE-ID:{draw(ical_moment)}")
        if draw(st.booleans()):
            lines.append(f"SUMMARY:{_ical_escape(draw(nasty_text))}")
        if draw(st.booleans()):
            cats = draw(
                st.lists(st.sampled_from(["meal", "personal", "trip", "x", ""]), max_size=3)
            )
            lines.append("CATEGORIES:" + ",".join(cats))
        if draw(st.booleans()):
            lines.append(f"STATUS:{draw(st.sampled_from(['CANCELLED', 'CONFIRMED', '']))}")
        people = draw(st.lists(address_text, max_size=4))
        for i, address in enumerate(people):
            prop = "ORGANIZER" if i == 0 and draw(st.booleans()) else "ATTENDEE"
            params = draw(st.sampled_from(["", ";CN=Ann", ";PARTSTAT=DECLINED", ';CN="a@b.c"']))
            lines.append(f"{prop}{params}:mailto:{_ical_escape(address)}")
        if draw(st.integers(0, 9)):
            lines.append("END:VEVENT")
    if draw(st.integers(0, 9)):
        lines.append("END:VCALENDAR")
    if draw(st.integers(0, 5)) == 0:
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, _ical_escape(draw(nasty_text)))  # a line of anything
    return "\r\n".join(lines) + "\r\n"


def _check_calendar(path: Path) -> None:
    try:
        found = parse_calendar(path, date(2026, 12, 31))
    except InputError as exc:
        assert exc.problems and all(p.startswith(f"{path}") for p in exc.problems)
        return
    for item in found:
        assert isinstance(item, (Encounter, str))
        if isinstance(item, Encounter):
            assert item.props["date"].tzinfo is not None
            assert item.id.startswith(item.id.split("/")[0])


@THOROUGH
@given(calendar_text())
def test_any_calendar_gives_occurrences_or_an_input_error_naming_the_file(text: str) -> None:
    with scratch() as folder:
        path = folder / "fuzzed.ics"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _check_calendar(path)


@THOROUGH
@given(st.binary(max_size=400))
def test_any_bytes_as_a_calendar_give_occurrences_or_an_input_error(data: bytes) -> None:
    with scratch() as folder:
        path = folder / "fuzzed.ics"
        path.write_bytes(b"BEGIN:VCALENDAR\r\n" + data if data[:1] == b"\x00" else data)
        _check_calendar(path)


# --- mail --------------------------------------------------------------------------------

header_value = st.one_of(
    nasty_text,
    address_text,
    st.sampled_from(
        [
            "=?utf-8?q?Caf=C3=A9?= <cafe@x.example>",
            "=?bogus?b?////?=",
            "=?utf-8?b?not base64?=",
            '"Fox, Carla" <carla@x.example>, bob@y.example',
            "undisclosed-recipients:;",
            "Mon, 32 Foo 2001 25:61:00 +9999",
            "Tue, 1 Jan 2002 10:00:00 -0800",
            "0",
            "<a@b>",
            "<>",
            "<<a>>",
            "Thu, 01 Jan 1970 00:00:00 +0000",
            "Fri, 31 Dec 9999 23:59:59 -1200",
        ]
    ),
)
header_name = st.sampled_from(
    ["From", "To", "Cc", "Date", "Subject", "Message-ID", "List-Id", "Precedence", "X-From"]
)


@st.composite
def message_headers(draw: st.DrawFn) -> bytes:
    lines = []
    for name, value in draw(st.lists(st.tuples(header_name, header_value), max_size=8)):
        value = value.replace("\r", " ").replace("\n", "\n " if draw(st.booleans()) else " ")
        encoding = draw(st.sampled_from(["utf-8", "latin-1", "cp1252"]))
        lines.append(f"{name}: {value}".encode(encoding, "replace"))
    if draw(st.integers(0, 4)) == 0:
        # a junk line, escaped as an mbox writer would if it starts with "From "
        lines.append(_quoted(draw(st.binary(max_size=60)).replace(b"\n", b" ")))
    return b"\n".join(lines) + b"\n"


def _check_encounter(found: Encounter | str) -> None:
    if isinstance(found, Encounter):
        assert found.contacts and found.contacts[0].role == "organizer"
        assert found.props["date"].tzinfo is not None
        assert found.props["kind"] == "email"
        assert all("@" in c.address and c.address == c.address.lower() for c in found.contacts)
    else:
        assert found in ("no valid From address", "no valid Date")


def _quoted(body: bytes) -> bytes:
    """A body as an mbox stores it: a line starting with "From " gets a ">" (mboxrd)."""
    return re.sub(rb"(?m)^(>*From )", rb">\1", body)


@THOROUGH
@given(st.lists(st.tuples(message_headers(), st.binary(max_size=80)), max_size=4))
def test_any_mbox_gives_conversations_or_skip_reasons(messages: list[tuple[bytes, bytes]]) -> None:
    data = b"".join(
        b"From sender@x.example Mon Jan  1 00:00:00 2024\n" + head + b"\n" + _quoted(body) + b"\n"
        for head, body in messages
    )
    with scratch() as folder:
        path = folder / "fuzzed.mbox"
        path.write_bytes(data)
        found = [encounter(parse_headers(head), "mbox") for _, head in mbox_headers(path)]
    assert len(found) == len(messages)
    for item in found:
        _check_encounter(item)


@THOROUGH
@given(message_headers(), st.binary(max_size=200))
def test_any_eml_file_gives_a_conversation_or_a_skip_reason(head: bytes, body: bytes) -> None:
    with scratch() as folder:
        path = folder / "fuzzed.eml"
        path.write_bytes(head + b"\n" + body)
        _check_encounter(encounter(parse_headers(file_headers(path)), "eml", bulk_recipients=2))


# --- dates and addresses -----------------------------------------------------------------


@THOROUGH
@given(st.one_of(nasty_text, st.text(alphabet="0123456789-T:+Z. ", max_size=30)))
def test_any_text_is_a_utc_date_time_or_a_value_error(text: str) -> None:
    try:
        parsed = parse_datetime(text)
    except ValueError as exc:
        assert "not an ISO 8601 date or date-time" in str(exc)
    else:
        assert parsed.tzinfo is UTC or parsed.utcoffset() == timedelta(0)


@THOROUGH
@given(
    st.datetimes(
        min_value=datetime(1900, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=st.integers(-23 * 60 - 59, 23 * 60 + 59).map(
            lambda m: timezone(timedelta(minutes=m))
        ),
    )
)
def test_every_aware_iso_date_time_parses_back_to_the_same_instant(moment: datetime) -> None:
    assert parse_datetime(moment.isoformat()) == moment


@THOROUGH
@given(nasty_text)
def test_any_text_is_a_lower_case_address_or_a_value_error(text: str) -> None:
    try:
        address = normalise_address(text)
    except ValueError as exc:
        assert "not an e-mail address" in str(exc)
    else:
        assert address == address.lower() == address.strip()
        assert "@" in address and normalise_address(address) == address


@THOROUGH
@given(st.emails())
def test_every_valid_address_is_accepted_in_lower_case(address: str) -> None:
    if "." in address.rpartition("@")[2]:
        assert normalise_address(f" {address} ") == address.lower()


@THOROUGH
@given(st.text(alphabet=string.printable, max_size=60), st.text(max_size=30))
def test_any_mail_date_and_address_headers_give_a_conversation_or_a_skip_reason(
    date_header: str, addresses: str
) -> None:
    message = Message()
    message["From"] = "Ann <ann@x.example>"
    message["To"] = addresses.replace("\n", " ").replace("\r", " ")
    message["Date"] = date_header.replace("\n", " ").replace("\r", " ")
    _check_encounter(encounter(message, "eml"))


def test_a_field_parser_error_reaches_the_user_as_an_input_error_with_file_and_line() -> None:
    with scratch() as folder:
        _write_others(folder, "conversations", ".csv")
        (folder / "conversations.csv").write_text("id,date,kind\nc1,yesterday,meal\n")
        with pytest.raises(GraphxError) as caught:
            parse_folder(folder)
    assert isinstance(caught.value, InputError)
    assert caught.value.problems == [
        "conversations.csv:2: date: not an ISO 8601 date or date-time: 'yesterday'"
    ]

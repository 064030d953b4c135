"""``graphx import ics``: each occurrence of an event with two or more people is a conversation.

ORGANIZER is the organizer, ATTENDEEs attendees (``PARTSTAT=DECLINED`` left out). The kind is
``meeting`` unless CATEGORIES name a kind (``meal``, ``trip``...); CATEGORIES naming a depth
(``personal``...) set it, else the kind's default. Recurring events expand up to and including
the horizon date (default: one year after today; never unbounded). An occurrence's id is
``UID/start`` with the start of the occurrence as first scheduled (RECURRENCE-ID), in UTC, so
a moved occurrence keeps its id. Floating times are taken as UTC; cancelled events are skipped.
A file that cannot be parsed fails the whole import, naming the file; nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events

from graphx.db import Database
from graphx.errors import InputError
from graphx.importers.resolve import Contact, Encounter, import_encounters
from graphx.importers.rows import normalise_address
from graphx.importers.summary import ImportSummary
from graphx.importers.writer import NoProgress, Progress
from graphx.model import CONVERSATION_KINDS, DEFAULT_DEPTH, DEPTHS

EARLIEST = date(1900, 1, 1)
MAX_OCCURRENCES = 500_000
"""A file expanding to more occurrences than this is refused: a runaway rule, not a calendar."""
_INTERVAL = re.compile(rb"^RRULE[:;][^\r\n]*\bINTERVAL=(-?\d*)", re.IGNORECASE | re.MULTILINE)


def default_horizon(today: date | None = None) -> date:
    """One year after today: planned meetings count, the expansion stays bounded."""
    return (today or date.today()) + timedelta(days=365)


def _utc(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return datetime.combine(value, time(), UTC)


def _stamp(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return _utc(value).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _categories(event: icalendar.Event) -> list[str]:
    found: list[str] = []
    for item in _list(event.get("CATEGORIES")):
        cats = getattr(item, "cats", None) or [item]
        found.extend(str(c).strip().lower() for c in cats)
    return found


def _contact(value: Any, role: str) -> Contact | None:
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    try:
        address = normalise_address(text)
    except ValueError:
        return None
    name = str(getattr(value, "params", {}).get("CN", "")).strip().strip("'\"").strip() or None
    if name is not None and "@" in name:
        name = None
    return Contact(address, name, role)


def occurrence(event: icalendar.Event, source: str = "ics") -> Encounter | str:
    """The conversation of one expanded occurrence, or why it is skipped."""
    uid = str(event.get("UID", "")).strip()
    if not uid:
        return "event without UID"
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return "cancelled event"
    start = event.get("DTSTART")
    if start is None:
        return "event without DTSTART"
    scheduled = event.get("RECURRENCE-ID")
    key = scheduled.dt if scheduled is not None else start.dt
    try:
        minutes: int | None = int(event.duration.total_seconds() // 60)
    except (AttributeError, TypeError, ValueError, icalendar.InvalidCalendar):
        minutes = None
    categories = _categories(event)
    kind = next((c for c in categories if c in CONVERSATION_KINDS), "meeting")
    depth = next((c for c in categories if c in DEPTHS), DEFAULT_DEPTH[kind])
    contacts = []
    organizer = _contact(event.get("ORGANIZER"), "organizer") if event.get("ORGANIZER") else None
    if organizer is not None:
        contacts.append(organizer)
    for attendee in _list(event.get("ATTENDEE")):
        partstat = str(getattr(attendee, "params", {}).get("PARTSTAT", "")).upper()
        found = _contact(attendee, "attendee")
        if found is not None and partstat != "DECLINED":
            contacts.append(found)
    summary = event.get("SUMMARY")
    props = {
        "date": _utc(start.dt),
        "kind": kind,
        "depth": depth,
        "duration_minutes": minutes if minutes is None or minutes >= 0 else None,
        "subject": " ".join(str(summary).split()) or None if summary is not None else None,
        "source": source,
    }
    return Encounter(f"{uid}/{_stamp(key)}", props, contacts)


def read_calendar(path: Path, horizon: date) -> list[icalendar.Event]:
    """Every occurrence in ``path`` up to and including ``horizon``; InputError when unreadable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([f"{path}: file: cannot be read ({exc.strerror})"]) from None
    return expand_calendar(data, horizon, str(path))


def expand_calendar(data: bytes, horizon: date, where: str) -> list[icalendar.Event]:
    """Every occurrence in the calendar ``data`` up to and including ``horizon``; InputError
    naming ``where`` when it is not a calendar or expands without end."""
    try:
        _check_intervals(where, data)
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
        found: list[icalendar.Event] = []
        for calendar in calendars:
            for event in _expand(calendar, horizon + timedelta(days=1)):
                found.append(event)
                if len(found) > MAX_OCCURRENCES:
                    raise InputError(
                        [f"{where}: calendar: more than {MAX_OCCURRENCES:,} occurrences up to "
                         f"{horizon} (a runaway recurrence rule?)"]
                    )  # fmt: skip
        return found
    except InputError:
        raise
    except Exception as exc:  # icalendar and its expansion raise many kinds
        raise InputError([f"{where}: calendar: not a valid calendar ({exc})"]) from None


def _check_intervals(where: str, data: bytes) -> None:
    """A rule with ``INTERVAL`` below 1 would never advance: refuse it, naming its line."""
    for found in _INTERVAL.finditer(data):
        if not found.group(1).lstrip(b"-").isdigit() or int(found.group(1)) < 1:
            line = data.count(b"\n", 0, found.start()) + 1
            raise InputError([f"{where}:{line}: RRULE: INTERVAL must be a whole number from 1"])


def _expand(calendar: icalendar.Calendar, end: date) -> Iterator[icalendar.Event]:
    """Occurrences starting before ``end``, lazily and in order of start."""
    limit = datetime.combine(end, time(), UTC)
    for event in recurring_ical_events.of(calendar).after(EARLIEST):
        start = event.get("DTSTART")
        if start is not None and _utc(start.dt) >= limit:
            return
        yield event


def parse_calendar(path: Path, horizon: date) -> list[Encounter | str]:
    """Each occurrence's conversation (or why it is skipped), without touching the database."""
    return [occurrence(event) for event in read_calendar(path, horizon)]


def import_ics(
    db: Database,
    paths: Iterable[Path],
    *,
    horizon: date | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import every occurrence of the calendars' events, all files in one transaction."""
    files = [Path(p) for p in paths]
    horizon = horizon or default_horizon()
    summary = ImportSummary(source=", ".join(str(p) for p in files))
    problems: list[str] = []
    encounters: list[Encounter] = []
    for path in files:
        try:
            found_all = parse_calendar(path, horizon)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        summary.read[path.name] += len(found_all)
        for found in found_all:
            if isinstance(found, str):
                summary.skip(found)
            else:
                encounters.append(found)
    if problems:
        raise InputError(problems)
    progress = progress or NoProgress()
    progress.start("importing calendars", len(encounters))
    import_encounters(db, summary, encounters, len(encounters))
    progress.advance(len(encounters))
    return summary

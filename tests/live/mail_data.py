"""Messages and calendar objects for the live-source tests, from the repository's real data."""

from __future__ import annotations

import mailbox
from collections import defaultdict
from pathlib import Path

import icalendar

DATA = Path(__file__).parents[1] / "data"
ENRON = DATA / "shared" / "enron_small"
MBOX = DATA / "mail" / "sample.mbox"
MEETINGS = DATA / "ics" / "meetings.ics"


def enron_messages() -> list[bytes]:
    """The Enron sample (real public mail, one file per message), in file-name order."""
    return [p.read_bytes() for p in sorted(ENRON.iterdir()) if p.is_file()]


def mbox_messages(path: Path = MBOX) -> list[bytes]:
    """Each message of an mbox file, as the bytes an IMAP server would hold."""
    return [message.as_bytes() for message in mailbox.mbox(path)]


def message(
    number: int,
    *,
    sender: str = "ann@ourco.com",
    to: str = "bob@client.com",
    subject: str = "Quarterly review",
    body: str = "See you then.",
    day: int = 1,
) -> bytes:
    """A small message with a Message-ID of its ``number``."""
    return (
        f"From: Ann Ourco <{sender}>\r\nTo: Bob Client <{to}>\r\n"
        f"Subject: {subject} {number}\r\nDate: Mon, {day:02d} Jun 2026 10:00:00 +0000\r\n"
        f"Message-ID: <m{number}@ourco.com>\r\n\r\n{body}\r\n"
    ).encode()


def calendar_objects(path: Path) -> dict[str, bytes]:
    """A calendar file split as a CalDAV server holds it: one object per UID (its overrides
    with it), each with the file's time zones."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    zones = [c for c in calendar.subcomponents if c.name == "VTIMEZONE"]
    by_uid: dict[str, list[icalendar.cal.Component]] = defaultdict(list)
    for component in calendar.subcomponents:
        if component.name == "VEVENT":
            by_uid[str(component["UID"])].append(component)
    objects = {}
    for uid, events in by_uid.items():
        single = icalendar.Calendar()
        single.add("prodid", "-//graphx tests//EN")
        single.add("version", "2.0")
        for component in [*zones, *events]:
            single.add_component(component)
        objects[uid] = single.to_ical()
    return objects


def vevent(
    uid: str,
    start: str,
    *,
    attendees: tuple[str, ...] = ("bob@client.com",),
    extra: str = "",
    summary: str = "Steering committee",
) -> list[str]:
    """The lines of one VEVENT organised by ann@ourco.com (``start`` as 20260601T100000Z);
    ``extra`` lines are separated by ``|``."""
    return [
        "BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260101T000000Z", f"DTSTART:{start}",
        "DURATION:PT1H", f"SUMMARY:{summary}", "ORGANIZER;CN=Ann Ourco:mailto:ann@ourco.com",
        *(f"ATTENDEE:mailto:{a}" for a in attendees), *filter(None, extra.split("|")),
        "END:VEVENT",
    ]  # fmt: skip


def calendar(*events: list[str]) -> bytes:
    """A calendar object holding ``events`` (a master and its overrides share one object)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//graphx tests//EN"]
    lines += [line for lines_ in events for line in lines_] + ["END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


def event(
    uid: str,
    start: str,
    *,
    attendees: tuple[str, ...] = ("bob@client.com",),
    extra: str = "",
    summary: str = "Steering committee",
) -> bytes:
    """A calendar object of one event (see ``vevent``)."""
    return calendar(vevent(uid, start, attendees=attendees, extra=extra, summary=summary))

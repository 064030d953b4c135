"""``graphx import mbox|eml``: each message a conversation of kind ``email``; headers only.

Only the header block of each message is ever read into memory (an mbox is streamed line by
line and bodies are skipped), so no body can be stored and memory stays flat. The id is the
Message-ID (``<...>``, whitespace removed); a message without one gets
``"mail:" + sha256(From, Date, Subject)``. From is the organizer, To and Cc the attendees.
Mailing-list and bulk mail (``List-Id``, ``Precedence: bulk|list|junk`` or at least
``bulk_recipients`` recipients) is ``outside``, everything else ``business``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from datetime import UTC
from email.errors import MessageError
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from graphx.db import Database
from graphx.errors import InputError
from graphx.importers.resolve import Contact, Encounter, import_encounters
from graphx.importers.rows import normalise_address
from graphx.importers.summary import ImportSummary
from graphx.importers.writer import NoProgress, Progress

BULK_RECIPIENTS = 20
_MESSAGE_ID = re.compile(r"<[^<>]+>")


def mbox_headers(path: Path) -> Iterator[tuple[int, bytes]]:
    """``(line of the "From " separator, header block)`` of each message, streamed."""
    start: int | None = None
    header: list[bytes] = []
    in_header = False
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.startswith(b"From "):
                if start is not None:
                    yield start, b"".join(header)
                start, header, in_header = number, [], True
            elif in_header:
                if line.strip():
                    header.append(line)
                else:
                    in_header = False
    if start is not None:
        yield start, b"".join(header)


def file_headers(path: Path) -> bytes:
    """The header block of a single-message file (.eml), without reading its body."""
    header: list[bytes] = []
    with path.open("rb") as handle:
        for line in handle:
            if not line.strip():
                break
            header.append(line)
    return b"".join(header)


def _text(value: str | None) -> str | None:
    """A header value with RFC 2047 words decoded, folded lines joined."""
    if value is None:
        return None
    try:
        text = str(make_header(decode_header(value)))
    except (LookupError, UnicodeError, ValueError, MessageError):  # e.g. a charset "ut\xff-6"
        text = str(value)
    return " ".join(text.split()) or None


def message_id(headers: Message) -> str:
    """The normalised Message-ID, or a stable hash of From, Date and Subject."""
    raw = headers.get("Message-ID")
    if raw:
        compact = "".join(str(raw).split())
        found = _MESSAGE_ID.search(compact)
        if found:
            return found.group(0)
        if compact:
            return f"<{compact.strip('<>')}>"
    key = "\n".join(str(headers.get(h, "")).strip() for h in ("From", "Date", "Subject"))
    return "mail:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:32]


def _contacts(headers: Message, names: Iterable[str], role: str) -> list[Contact]:
    values = [str(v) for name in names for v in headers.get_all(name, [])]
    found = []
    for display, address in getaddresses(values):
        try:
            normalised = normalise_address(address)
        except ValueError:
            continue
        found.append(Contact(normalised, _text(display) or None, role))
    return found


def encounter(
    headers: Message, source: str, bulk_recipients: int = BULK_RECIPIENTS
) -> Encounter | str:
    """The conversation a message's headers describe, or why it is skipped."""
    senders = _contacts(headers, ["From"], "organizer")
    if not senders:
        return "no valid From address"
    sender = senders[0]
    if sender.name is None and headers.get("X-From"):
        sender = Contact(sender.address, _text(str(headers["X-From"])), "organizer")
    recipients = _contacts(headers, ["To", "Cc"], "attendee")
    try:
        date = parsedate_to_datetime(str(headers.get("Date", "")))
        date = date.replace(tzinfo=UTC) if date.tzinfo is None else date.astimezone(UTC)
    except (TypeError, ValueError, IndexError, OverflowError):  # Overflow: 9999-12-31 -1200
        return "no valid Date"
    precedence = str(headers.get("Precedence", "")).strip().lower()
    bulk = (
        headers.get("List-Id") is not None
        or precedence in ("bulk", "list", "junk")
        or len({r.address for r in recipients}) >= bulk_recipients
    )
    props = {
        "date": date,
        "kind": "email",
        "depth": "outside" if bulk else "business",
        "duration_minutes": None,
        "subject": _text(headers.get("Subject")),
        "source": source,
    }
    return Encounter(message_id(headers), props, [sender, *recipients])


def parse_headers(header: bytes) -> Message:
    """A header block as a Message (compat32: never raises on malformed headers)."""
    return BytesHeaderParser(policy=compat32).parsebytes(header)


def _encounters(
    messages: Iterable[tuple[str, bytes]],
    source: str,
    bulk_recipients: int,
    summary: ImportSummary,
    progress: Progress,
) -> Iterator[Encounter]:
    for file, header in messages:
        summary.read[file] += 1
        progress.advance(1)
        found = encounter(parse_headers(header), source, bulk_recipients)
        if isinstance(found, str):
            summary.skip(found)
        else:
            yield found


def _checked(paths: Iterable[Path]) -> list[Path]:
    paths = [Path(p) for p in paths]
    missing = [f"{p}: file: not found" for p in paths if not p.is_file()]
    if missing:
        raise InputError(missing)
    return paths


def import_mbox(
    db: Database,
    paths: Iterable[Path],
    *,
    bulk_recipients: int = BULK_RECIPIENTS,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import every message of the mbox files (streamed; bodies never read)."""
    files = _checked(paths)
    summary = ImportSummary(source=", ".join(str(p) for p in files))
    total = sum(1 for p in files for _ in mbox_headers(p))
    progress = progress or NoProgress()
    progress.start("importing mail", total)
    messages = ((p.name, header) for p in files for _, header in mbox_headers(p))
    stream = _encounters(messages, "mbox", bulk_recipients, summary, progress)
    return import_encounters(db, summary, stream, total)


def import_eml(
    db: Database,
    folder: Path,
    *,
    bulk_recipients: int = BULK_RECIPIENTS,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import every file under ``folder`` (recursively, hidden files skipped) as one message."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError([f"{folder}: not a folder"])
    files = sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )  # fmt: skip
    summary = ImportSummary(source=str(folder))
    progress = progress or NoProgress()
    progress.start("importing mail", len(files))
    messages = ((p.name, file_headers(p)) for p in files)
    stream = _encounters(messages, "eml", bulk_recipients, summary, progress)
    summary = import_encounters(db, summary, stream, len(files))
    summary.read = type(summary.read)({"messages": sum(summary.read.values())})
    return summary

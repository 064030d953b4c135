"""``graphx occasion record``: who came to an occasion becomes conversations the depth model sees.

One conversation per host's table: the host (organizer) and the guests they hosted who came
(attendees). The depth model weighs group size, so a 20-guest golf day recorded as one
conversation would count as a large, outside gathering for every pair; a table of a host and
at most a few guests is where the personal conversation happens (see docs/occasion.md). Ids
are stable (``occasion:<date>:<subject slug>:<host id>``), the rows go through the canonical
import writer in one transaction, and re-recording the same list changes nothing. The pairs
who took part are then re-scored (:func:`graphx.ties.store.rescore`).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graphx.db import Database
from graphx.errors import InputError, NotFound
from graphx.importers.rows import ConversationRow, problems_of
from graphx.importers.summary import ImportSummary
from graphx.importers.writer import Batch, Writer
from graphx.model import to_json
from graphx.resolver import resolve_person
from graphx.ties.store import ScoreSummary, rescore
from graphx.ties.view import ties_as_of

DEFAULT_DEPTH = "personal"
"""An occasion chosen for the guest is meant for a personal conversation at the host's table."""
MINUTES = {"event": 240, "trip": 960}
"""Duration recorded per kind (the depth model caps the duration factor at four hours)."""
_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")


@dataclass(frozen=True)
class Seat:
    """One row of the attendance list: a guest, their host, and whether they came."""

    line: int
    guest_id: str
    host_id: str | None
    attended: bool


@dataclass(frozen=True)
class PairChange:
    """A guest-host tie before and after recording (levels 0-4)."""

    guest_id: str
    host_id: str
    level_before: int
    level_after: int


@dataclass
class Recorded:
    """What recording did: the tables written, rows skipped, the import and the re-score."""

    source: str
    on: date
    kind: str
    depth: str
    subject: str
    as_of: date
    tables: dict[str, list[str]] = field(default_factory=dict)  # conversation id -> people
    skipped: list[str] = field(default_factory=list)
    imported: ImportSummary | None = None
    scored: ScoreSummary | None = None
    changes: list[PairChange] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "date": self.on,
            "kind": self.kind,
            "depth": self.depth,
            "subject": self.subject,
            "conversations": [
                {"id": cid, "host_id": ids[0], "guest_ids": ids[1:]}
                for cid, ids in sorted(self.tables.items())
            ],
            "skipped": self.skipped,
            "import": to_json(self.imported) if self.imported else None,
            "as_of": self.as_of,
            "ties": to_json(self.changes),
        }


def slug(text: str) -> str:
    """Lower-case words joined by dashes, for stable ids.

    >>> slug("Golf day: St Andrews!")
    'golf-day-st-andrews'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _person(db: Database, key: str, where: str, problems: list[str]) -> tuple[str | None, bool]:
    """``(id, opted out)`` of the person ``key`` names; a problem and no id when unknown."""
    try:
        found = resolve_person(db, key, opted_out_too=True)
    except NotFound as error:
        problems.append(f"{where}: {error}")
        return None, False
    return found.id, found.opted_out


def _flag(value: str | None, where: str, problems: list[str]) -> bool:
    text = (value or "").strip().lower()
    if text in _TRUE:
        return True
    if text not in _FALSE:
        problems.append(f"{where}: attended: expected true or false, got {value!r}")
    return False


def read_attendance(
    db: Database, path: Path
) -> tuple[list[Seat], dict[str, set[str]], list[str], list[str]]:
    """The seats of an attendance list, the distinct ``interest``/``date`` values it holds,
    rows skipped (opted-out people) and problems (``file:line: field: what``)."""
    problems: list[str] = []
    skipped: list[str] = []
    seats: list[Seat] = []
    values: dict[str, set[str]] = defaultdict(set)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError([f"{path}: file: cannot read ({exc.strerror})"]) from None
    with handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        guest_col = next((c for c in ("person_id", "email") if c in header), None)
        host_col = next((c for c in ("host_id", "host_email") if c in header), None)
        if guest_col is None:
            raise InputError([f"{path.name}:1: person_id: missing column (nor email)"])
        for record in reader:
            line = reader.line_num
            row = {(k or "").strip(): (v or "").strip() for k, v in record.items()}
            where = f"{path.name}:{line}"
            for name in ("interest", "date"):
                if row.get(name):
                    values[name].add(row[name])
            attended = _flag(row["attended"], where, problems) if "attended" in row else True
            if not row.get(guest_col):
                problems.append(f"{where}: {guest_col}: required, but empty")
                continue
            if not attended:
                continue
            guest, guest_out = _person(db, row[guest_col], f"{where}: {guest_col}", problems)
            host_key = row.get(host_col or "", "")
            host, host_out = (None, False)
            if host_key:
                host, host_out = _person(db, host_key, f"{where}: {host_col}", problems)
            if guest is None or (host_key and host is None):
                continue
            if guest_out or host_out:
                skipped.append(f"{where}: an opted-out person")
                continue
            if host is None:
                skipped.append(f"{where}: attended without a host")
                continue
            seats.append(Seat(line, guest, host, True))
    return seats, values, skipped, problems


def _one(values: set[str], name: str, path: Path, problems: list[str]) -> str | None:
    if len(values) > 1:
        problems.append(f"{path.name}: {name}: several values {sorted(values)}: give --{name}")
    return next(iter(values)) if len(values) == 1 else None


def record_occasion(
    db: Database,
    path: Path,
    *,
    kind: str = "event",
    depth: str = DEFAULT_DEPTH,
    on: date | None = None,
    subject: str | None = None,
    as_of: date | None = None,
) -> Recorded:
    """Record who came to an occasion (see the module docstring) and re-score their ties.

    ``on`` defaults to the list's ``date`` column, ``subject`` to "<interest> occasion" from
    its ``interest`` column. The pairs' levels before and after are given as of ``as_of``:
    by default today, or the occasion's date when later.
    """
    if kind not in MINUTES:
        raise InputError([f"kind: an occasion is an event or a trip, got {kind!r}"])
    seats, values, skipped, problems = read_attendance(db, Path(path))
    interest = _one(values["interest"], "interest", path, problems)
    listed = _one(values["date"], "date", path, problems)
    if subject is None and interest is None:
        problems.append(f"{path.name}: interest: no interest column: give --subject")
    row: ConversationRow | None = None
    day = on
    if day is None and listed is not None:
        try:
            day = date.fromisoformat(listed[:10])
        except ValueError:
            problems.append(f"{path.name}: date: not an ISO 8601 date: {listed!r}")
    if day is None and listed is None:
        problems.append(f"{path.name}: date: no date column: give --date")
    text = subject or f"{interest} occasion"
    if day is not None:
        try:
            row = ConversationRow.model_validate(
                {"id": "x", "date": day.isoformat(), "kind": kind, "depth": depth,
                 "duration_minutes": MINUTES.get(kind), "subject": text}
            )  # fmt: skip
        except ValidationError as exc:
            problems.extend(f"{path.name}: {f}: {m}" for f, m in problems_of(exc))
    if problems:
        raise InputError(problems)
    assert row is not None and day is not None
    levels_day = as_of or max(date.today(), day)
    result = Recorded(str(path), day, row.kind, str(row.depth), text, levels_day, skipped=skipped)
    tables: dict[str, list[str]] = {}
    for seat in seats:
        assert seat.host_id is not None
        cid = f"occasion:{day.isoformat()}:{slug(text)}:{seat.host_id}"
        people = tables.setdefault(cid, [seat.host_id])
        if seat.guest_id not in people:
            people.append(seat.guest_id)
    result.tables = tables
    pairs = sorted({(s.guest_id, str(s.host_id)) for s in seats})
    before = _levels(db, levels_day, pairs)
    result.imported = _write(db, path, row, tables)
    result.scored = rescore(db, sorted(result.imported.conversation_ids))
    after = _levels(db, levels_day, pairs)
    result.changes = [
        PairChange(g, h, before.get((g, h), 0), after.get((g, h), 0)) for g, h in pairs
    ]
    return result


def _levels(db: Database, as_of: date, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Each guest-host pair's level as of ``as_of``, computed by the depth model."""
    if not pairs:
        return {}
    wanted = set(pairs) | {(h, g) for g, h in pairs}
    out: dict[tuple[str, str], int] = {}
    for tie in ties_as_of(db, as_of, sorted({g for g, _ in pairs})):
        if (tie.a, tie.b) in wanted:
            out[(tie.a, tie.b)] = out[(tie.b, tie.a)] = int(tie.level)
    return out


def _write(
    db: Database, path: Path, row: ConversationRow, tables: dict[str, list[str]]
) -> ImportSummary:
    """The tables through the canonical import writer, in one transaction."""
    summary = ImportSummary(source=str(path))
    summary.read[Path(path).name] = sum(len(ids) - 1 for ids in tables.values())
    batch = Batch()
    for cid, ids in sorted(tables.items()):
        props = {
            "date": row.date, "kind": row.kind, "depth": row.depth,
            "duration_minutes": row.duration_minutes, "subject": row.subject,
            "source": "occasion",
        }  # fmt: skip
        batch.conversations.append({"id": cid, "props": props})
        batch.participations.extend(
            {"conversation_id": cid, "person_id": pid, "role": "attendee" if i else "organizer"}
            for i, pid in enumerate(ids)
        )
    writer = Writer(db, summary, single=True)
    with writer.open():
        writer.write(batch)
    return summary

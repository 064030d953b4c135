"""Real files written by others (tests/data/shared, a copy of the shared corpus; see its
SOURCES.md): each imports or fails cleanly.

Invalid calendars, broken encodings, missing headers: every file either imports (and a
second import creates nothing) or raises an InputError naming the file, with nothing written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graphx.db import Database
from graphx.errors import InputError
from graphx.importers.calendar import import_ics
from graphx.importers.mail import import_mbox
from graphx.importers.summary import ImportSummary

SHARED = Path(__file__).parents[1] / "data" / "shared"
FILES = sorted([*(SHARED / "ics").glob("*.ics"), *(SHARED / "mbox_perceval").glob("*.mbox")])
HORIZON = date(2026, 12, 31)


def _import(db: Database, path: Path) -> ImportSummary:
    if path.suffix == ".ics":
        return import_ics(db, [path], horizon=HORIZON)
    return import_mbox(db, [path])


def _count(db: Database) -> int:
    (record,), _, _ = db.driver.execute_query(
        "MATCH (n) RETURN count(n) AS n", database_=db.database
    )
    return int(record["n"])


def test_the_shared_real_world_files_are_there() -> None:
    assert len([p for p in FILES if p.suffix == ".ics"]) == 21
    assert len([p for p in FILES if p.suffix == ".mbox"]) == 9


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_a_real_world_file_imports_or_fails_naming_the_file_and_writing_nothing(
    path: Path, db: Database
) -> None:
    try:
        first = _import(db, path)
    except InputError as exc:
        assert exc.problems and all(p.startswith(str(path)) for p in exc.problems)
        assert _count(db) == 0
        return
    assert sum(first.read.values()) >= 0
    again = _import(db, path)
    assert {k: v for k, v in again.created.items() if v} == {}

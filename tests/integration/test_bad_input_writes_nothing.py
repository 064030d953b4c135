"""A bad row anywhere in an import leaves the graph exactly as it was (a few generated cases)."""

from __future__ import annotations

import csv
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphx.db import Database
from graphx.errors import InputError
from graphx.importers.calendar import import_ics
from graphx.importers.canonical import import_canonical
from graphx.importers.mail import import_mbox
from tests.integration.test_injection import dump

DATA = Path(__file__).parents[1] / "data"
CANONICAL = DATA / "canonical"
SOME = settings(
    max_examples=12, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
BAD = {
    "organisations.csv": {"kind": "castle", "domain": "not a domain", "id": ""},
    "people.csv": {"email": "not-an-address", "level": "emperor", "opt_out": "maybe",
                   "organisation_id": "nowhere"},
    "conversations.csv": {"date": "2024-02-30", "kind": "telepathy", "duration_minutes": "-5",
                          "depth": "deep"},
    "participants.csv": {"role": "spectator", "person_id": "nobody", "conversation_id": "none"},
    "employments.csv": {"from": "yesterday", "person_id": "nobody"},
}  # fmt: skip


@pytest.fixture
def seeded(db: Database) -> Database:
    """The sample folder imported once, so 'unchanged' means more than 'still empty'."""
    import_canonical(db, CANONICAL)
    return db


@SOME
@given(st.data())
def test_one_bad_field_anywhere_fails_the_whole_import_and_changes_nothing(
    seeded: Database, data: st.DataObject
) -> None:
    before = dump(seeded)
    name = data.draw(st.sampled_from(sorted(BAD)))
    field, value = data.draw(st.sampled_from(sorted(BAD[name].items())))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder)
        for path in CANONICAL.glob("*.csv"):
            shutil.copy(path, target / path.name)
        with (CANONICAL / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        line = data.draw(st.integers(0, len(rows) - 1))
        rows[line][field] = value
        with (target / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        with pytest.raises(InputError) as caught:
            import_canonical(seeded, target)
    assert any(p.startswith(f"{name}:") for p in caught.value.problems), caught.value.problems
    assert dump(seeded) == before


def test_a_broken_calendar_among_good_ones_fails_the_import_and_changes_nothing(
    seeded: Database, tmp_path: Path
) -> None:
    before = dump(seeded)
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;INTERVAL=0\r\n")
    with pytest.raises(InputError) as caught:
        import_ics(seeded, [DATA / "ics" / "meetings.ics", broken], horizon=date(2026, 12, 31))
    assert caught.value.problems == [f"{broken}:3: RRULE: INTERVAL must be a whole number from 1"]
    assert dump(seeded) == before


def test_a_missing_mailbox_among_good_ones_fails_the_import_and_changes_nothing(
    seeded: Database, tmp_path: Path
) -> None:
    before = dump(seeded)
    with pytest.raises(InputError) as caught:
        import_mbox(seeded, [DATA / "mail" / "sample.mbox", tmp_path / "gone.mbox"])
    assert caught.value.problems == [f"{tmp_path / 'gone.mbox'}: file: not found"]
    assert dump(seeded) == before

"""``graphx export csv``: the exported folder rebuilds the same graph in an empty database."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database, delete_all
from graphx.export import export_csv
from graphx.importers.calendar import import_ics
from graphx.importers.canonical import import_canonical
from graphx.importers.mail import import_eml, import_mbox
from graphx.importers.rows import columns
from graphx.ties.store import score_all
from tests.integration.support import canonical_dump, ties

pytestmark = pytest.mark.neo4j
DATA = Path(__file__).parents[1] / "data"
AS_OF = date(2024, 12, 31)
runner = CliRunner()


@pytest.fixture
def mixed(db: Database) -> Database:
    """A graph from every importer: CRM folder (with an opt-out), mail and a calendar."""
    import_canonical(db, DATA / "canonical")
    import_mbox(db, [DATA / "mail" / "sample.mbox"])
    import_eml(db, DATA / "mail" / "eml")
    import_ics(db, [DATA / "ics" / "meetings.ics"], horizon=date(2025, 6, 30))
    return db


def test_an_exported_graph_imports_into_an_empty_database_identically(
    mixed: Database, tmp_path: Path
) -> None:
    before = canonical_dump(mixed)
    score_all(mixed)
    ties_before = ties(mixed)
    counts = export_csv(mixed, tmp_path)
    assert counts["people"] == len(before["people"])
    assert counts["conversations"] == len(before["conversations"])
    assert counts["participants"] == len(before["participations"])

    delete_all(mixed)
    import_canonical(mixed, tmp_path)
    assert canonical_dump(mixed) == before
    score_all(mixed)
    assert ties(mixed) == ties_before
    assert ties_before


def test_the_exported_files_have_the_canonical_headers_and_multi_values(
    mixed: Database, tmp_path: Path
) -> None:
    export_csv(mixed, tmp_path)
    for stem in ("organisations", "people", "conversations", "participants", "employments"):
        with (tmp_path / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
            assert tuple(next(csv.reader(handle))) == columns(stem)
    with (tmp_path / "people.csv").open(encoding="utf-8", newline="") as handle:
        people = {row["id"]: row for row in csv.DictReader(handle)}
    assert people["ann"]["email"] == "ann.archer@gmail.example;ann@graphx.example"
    assert people["ann"]["interests"] == "golf;sailing"
    with (tmp_path / "organisations.csv").open(encoding="utf-8", newline="") as handle:
        orgs = {row["id"]: row for row in csv.DictReader(handle)}
    assert orgs["home"]["domain"] == "graphx-consulting.example;graphx.example"


def test_an_opted_out_person_is_exported_as_a_marker_without_participations(
    mixed: Database, tmp_path: Path
) -> None:
    export_csv(mixed, tmp_path)
    with (tmp_path / "people.csv").open(encoding="utf-8", newline="") as handle:
        eve = next(row for row in csv.DictReader(handle) if row["id"] == "eve")
    assert eve == {
        "id": "eve", "name": "", "email": "eve@contoso.example", "organisation_id": "",
        "title": "", "level": "", "interests": "", "opt_out": "true",
    }  # fmt: skip
    for stem in ("participants", "employments"):
        text = (tmp_path / f"{stem}.csv").read_text(encoding="utf-8")
        assert ",eve," not in text and "\neve," not in text


def test_the_current_jobs_start_survives_the_round_trip(mixed: Database, tmp_path: Path) -> None:
    export_csv(mixed, tmp_path)
    with (tmp_path / "employments.csv").open(encoding="utf-8", newline="") as handle:
        carla = sorted(
            tuple(row.values()) for row in csv.DictReader(handle) if row["person_id"] == "cfo"
        )
    assert carla == [
        ("cfo", "contoso", "CFO", "executive", "2020-01-01", ""),
        ("cfo", "fabrikam", "Controller", "manager", "2015-01-01", "2019-12-31"),
    ]


def test_graphx_export_csv_prints_the_rows_per_file(cli_env: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["import", "csv", str(DATA / "canonical")]).exit_code == 0
    done = runner.invoke(app, ["export", "csv", str(tmp_path / "out"), "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["rows"] == {
        "organisations": 3, "people": 6, "conversations": 3, "participants": 8,
        "employments": 2,
    }  # fmt: skip


def test_equal_graphs_export_byte_identical_folders(mixed: Database, tmp_path: Path) -> None:
    """The same graph built in another order (every file's rows reversed) exports the same
    bytes: each file is sorted by its key."""
    export_csv(mixed, tmp_path / "first")
    reversed_folder = tmp_path / "reversed"
    reversed_folder.mkdir()
    for path in (tmp_path / "first").iterdir():
        header, *lines = path.read_text().splitlines(keepends=True)
        (reversed_folder / path.name).write_text(header + "".join(reversed(lines)))
    delete_all(mixed)
    import_canonical(mixed, reversed_folder)
    export_csv(mixed, tmp_path / "second")
    for path in sorted((tmp_path / "first").iterdir()):
        assert (tmp_path / "second" / path.name).read_bytes() == path.read_bytes(), path.name
    participants = (tmp_path / "first" / "participants.csv").read_text().splitlines()[1:]
    keys = [tuple(line.split(",")[:2]) for line in participants]
    assert keys == sorted(keys) and len(keys) > 10

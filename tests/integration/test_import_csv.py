from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database, delete_all
from graphx.errors import InputError
from graphx.importers import canonical, writer
from graphx.importers.canonical import import_canonical
from graphx.repository.stats import graph_stats
from tests.integration.support import canonical_dump

FIXTURE = Path(__file__).parents[1] / "data" / "canonical"
runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A writable copy of the hand-made canonical folder."""
    target = tmp_path / "canonical"
    shutil.copytree(FIXTURE, target)
    return target


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def problems_of(db: Database, folder: Path, **options: bool) -> list[str]:
    before = graph_stats(db)
    with pytest.raises(InputError) as raised:
        import_canonical(db, folder, **options)
    assert graph_stats(db) == before
    return raised.value.problems


def one(db: Database, cypher: str) -> dict[str, object]:
    records, _, _ = db.driver.execute_query(cypher)
    assert len(records) == 1
    return dict(records[0])


def test_the_canonical_folder_imports_with_exact_counts(db: Database) -> None:
    summary = import_canonical(db, FIXTURE)
    assert graph_stats(db) == {
        "organisations": 3, "people": 6, "conversations": 3, "participations": 8, "ties": 0,
    }  # fmt: skip
    assert summary.read == {
        "organisations.csv": 3, "people.csv": 6, "conversations.csv": 3,
        "participants.csv": 9, "employments.csv": 2,
    }  # fmt: skip
    assert summary.created["conversations"] == 3
    assert summary.created["participations"] == 8
    assert summary.skipped == {"participant opted out": 1}
    assert summary.conversation_ids == {"c1", "c2", "c3"}
    assert summary.transactions == 1


def test_values_are_normalised_as_the_format_says(db: Database) -> None:
    import_canonical(db, FIXTURE)
    ann = one(db, "MATCH (p:Person {id: 'ann'})-[:HAS_EMAIL]->(e) "
                  "RETURN p.interests AS interests, collect(e.address) AS addresses")  # fmt: skip
    assert ann["interests"] == ["golf", "sailing"]
    assert sorted(ann["addresses"]) == ["ann.archer@gmail.example", "ann@graphx.example"]
    c1 = one(db, "MATCH (c:Conversation {id: 'c1'}) RETURN c")["c"]
    assert dict(c1) | {"date": c1["date"].to_native()} == {
        "id": "c1", "date": datetime(2024, 3, 1, tzinfo=UTC), "kind": "meal",
        "depth": "personal", "duration_minutes": 120, "subject": "Dinner with Carla",
        "source": "csv", "participants": 2,
    }  # fmt: skip
    c2 = one(db, "MATCH (c:Conversation {id: 'c2'}) RETURN c.date AS date, "
                 "c.participants AS participants, c.depth AS depth")  # fmt: skip
    assert c2["date"].to_native() == datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
    assert (c2["participants"], c2["depth"]) == (2, "business")
    c3 = one(db, "MATCH (c:Conversation {id: 'c3'}) RETURN c.date AS date, c.depth AS depth")
    assert c3["date"].to_native() == datetime(2024, 4, 10, 18, 30, tzinfo=UTC)
    assert c3["depth"] == "outside"
    dan = one(db, "MATCH (p:Person {id: 'dan'}) RETURN p.title AS title")
    assert dan["title"] == 'Head of "Purchasing"'


def test_jobs_hold_the_current_one_and_the_history(db: Database) -> None:
    import_canonical(db, FIXTURE)
    records, _, _ = db.driver.execute_query(
        "MATCH (:Person {id: 'cfo'})-[w:WORKS_AT]->(o) "
        "RETURN o.id AS org, w.current AS current, w.title AS title, w.from AS from, "
        "w.until AS until ORDER BY org"
    )
    jobs = [(r["org"], r["current"], r["title"], r["from"].to_native(), r["until"])
            for r in records]  # fmt: skip
    assert jobs[0] == ("contoso", True, "CFO", date(2020, 1, 1), None)
    assert jobs[1][:4] == ("fabrikam", False, "Controller", date(2015, 1, 1))
    assert jobs[1][4].to_native() == date(2019, 12, 31)
    assert one(db, "MATCH ()-[w:WORKS_AT]->() RETURN count(w) AS n")["n"] == 5


def test_an_opted_out_person_is_only_a_marker_with_addresses(db: Database) -> None:
    import_canonical(db, FIXTURE)
    eve = one(db, "MATCH (p:Person {id: 'eve'}) OPTIONAL MATCH (p)-[r]-() "
                  "RETURN properties(p) AS props, collect(type(r)) AS rels")  # fmt: skip
    assert eve == {"props": {"id": "eve", "opt_out": True}, "rels": ["HAS_EMAIL"]}


def test_opting_out_later_removes_the_stored_participations(db: Database, folder: Path) -> None:
    import_canonical(db, folder)
    rewrite(folder / "people.csv", "CFO,executive,art,", "CFO,executive,art,true")
    summary = import_canonical(db, folder)
    assert graph_stats(db)["participations"] == 6
    assert one(db, "MATCH (c:Conversation {id: 'c1'}) RETURN c.participants AS n")["n"] == 1
    assert {"c1", "c2"} <= summary.conversation_ids
    cfo = one(db, "MATCH (p:Person {id: 'cfo'}) RETURN properties(p) AS props")
    assert cfo["props"] == {"id": "cfo", "opt_out": True}


def test_reimporting_the_same_folder_changes_nothing(db: Database) -> None:
    import_canonical(db, FIXTURE)
    before = graph_stats(db)
    again = import_canonical(db, FIXTURE)
    assert graph_stats(db) == before
    assert sum(again.created.values()) == 0
    assert sum(again.updated.values()) == 0
    assert again.unchanged["conversations"] == 3
    assert again.unchanged["participations"] == 8


def test_json_lines_with_the_same_fields_import_the_same_graph(
    db: Database, tmp_path: Path
) -> None:
    import csv

    folder = tmp_path / "jsonl"
    folder.mkdir()
    for source in FIXTURE.glob("*.csv"):
        with source.open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        lines = [json.dumps(row) for row in rows]
        (folder / f"{source.stem}.jsonl").write_text("\n".join(lines) + "\n")
    import_canonical(db, folder)
    assert graph_stats(db) == {
        "organisations": 3, "people": 6, "conversations": 3, "participations": 8, "ties": 0,
    }  # fmt: skip
    assert one(db, "MATCH (c:Conversation {id: 'c1'}) RETURN c.source AS s")["s"] == "jsonl"


def test_every_bad_value_is_reported_with_file_line_and_field(db: Database, folder: Path) -> None:
    rewrite(folder / "organisations.csv", "contoso,Contoso,client", "contoso,Contoso,customer")
    rewrite(folder / "people.csv", "bob@graphx.example,home,Consultant,staff,,false",
            "bob@@,home,Consultant,intern,,maybe")  # fmt: skip
    rewrite(folder / "conversations.csv", "c1,2024-03-01,meal,,120", "c1,2024-03-32,meal,,2h")
    rewrite(folder / "participants.csv", "c1,ann,organizer", "c1,ann,host")
    rewrite(folder / "employments.csv", "2019-12-31", "last year")
    assert problems_of(db, folder) == [
        "organisations.csv:3: kind: Input should be 'home', 'client', 'prospect', 'partner' "
        "or 'other', got 'customer'",
        "people.csv:3: email: not an e-mail address: 'bob@@'",
        "people.csv:3: level: Input should be 'board', 'executive', 'manager' or 'staff', "
        "got 'intern'",
        "people.csv:3: opt_out: expected true or false, got 'maybe'",
        "conversations.csv:2: date: not an ISO 8601 date or date-time: '2024-03-32'",
        "conversations.csv:2: duration_minutes: Input should be a valid integer, unable to "
        "parse string as an integer, got '2h'",
        "participants.csv:2: role: Input should be 'organizer' or 'attendee', got 'host'",
        "employments.csv:2: until: not an ISO 8601 date or date-time: 'last year'",
    ]


def test_an_empty_required_value_is_reported(db: Database, folder: Path) -> None:
    rewrite(folder / "conversations.csv", "c2,2024-03-05T10:00:00+01:00", ",2024-03-05T10:00:00")
    problems = problems_of(db, folder)
    assert problems[0] == "conversations.csv:3: id: required, but empty"


def test_line_numbers_are_physical_lines_even_after_a_multi_line_value(
    db: Database, folder: Path
) -> None:
    rewrite(folder / "conversations.csv", '"Reception, spring"', '"Reception,\nspring"')
    rewrite(folder / "conversations.csv", "c3,2024-04-10T18:30:00,event", "c3,2024-04-10,party")
    with (folder / "conversations.csv").open("a") as handle:
        handle.write("\nc4,2024-05-01,visit,,,\n")
    assert problems_of(db, folder) == [
        "conversations.csv:4: kind: Input should be 'email', 'call', 'meeting', 'meal', "
        "'event' or 'trip', got 'party'",
        "conversations.csv:7: kind: Input should be 'email', 'call', 'meeting', 'meal', "
        "'event' or 'trip', got 'visit'",
    ]


def test_unknown_columns_are_an_error_unless_ignored(db: Database, folder: Path) -> None:
    lines = (folder / "people.csv").read_text().splitlines()
    lines = [lines[0] + ",shoe_size"] + [line + ",44" for line in lines[1:]]
    (folder / "people.csv").write_text("\n".join(lines) + "\n")
    assert problems_of(db, folder) == ["people.csv:1: shoe_size: unknown column"]
    import_canonical(db, folder, ignore_unknown_columns=True)
    assert graph_stats(db)["people"] == 6


def test_a_missing_required_column_or_file_is_reported(db: Database, folder: Path) -> None:
    rewrite(folder / "participants.csv", "conversation_id,person_id,role", "conversation_id,person")
    (folder / "conversations.csv").unlink()
    problems = problems_of(db, folder)
    assert problems == [
        f"{folder / 'conversations'}.csv: file: missing (nor conversations.jsonl)",
        "participants.csv:1: person: unknown column",
        "participants.csv:1: person_id: missing column",
        "participants.csv:1: role: missing column",
    ]


def test_a_row_with_the_wrong_number_of_fields_is_reported(db: Database, folder: Path) -> None:
    rewrite(folder / "participants.csv", "c3,bob,attendee", "c3,bob")
    assert problems_of(db, folder) == ["participants.csv:8: row: has 2 fields, the header has 3"]


def test_duplicate_ids_and_addresses_in_the_import_are_reported(db: Database, folder: Path) -> None:
    with (folder / "people.csv").open("a") as handle:
        handle.write("bob,Bobby,BOB@graphx.example,,,,,\n")
    with (folder / "participants.csv").open("a") as handle:
        handle.write("c1,cfo,organizer\n")
    with (folder / "organisations.csv").open("a") as handle:
        handle.write("acme,Acme,client,Contoso.example,\n")
    assert problems_of(db, folder) == [
        "people.csv:8: id: duplicate id 'bob' (first on line 3)",
        "participants.csv:11: person_id: duplicate participant 'c1' + 'cfo' (first on line 3)",
        "organisations.csv:5: domain: 'contoso.example' is also a domain of 'contoso' (line 3)",
    ]


def test_keys_repeated_far_apart_are_reported_with_both_lines(
    db: Database, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(canonical, "CHUNK", 2)  # the repeats are read in later chunks
    with (folder / "participants.csv").open("a") as handle:
        handle.write("c1,dan,attendee\nc2,bob,attendee\nc1,dan,organizer\n")
    with (folder / "employments.csv").open("a") as handle:
        handle.write("cfo,fabrikam,Buyer,staff,2015-01-01,2016-01-01\n")
    assert problems_of(db, folder) == [
        "participants.csv:12: person_id: duplicate participant 'c2' + 'bob' (first on line 4)",
        "participants.csv:13: person_id: duplicate participant 'c1' + 'dan' (first on line 11)",
        "employments.csv:4: from: duplicate employment 'cfo' + 'fabrikam' + '2015-01-01'"
        " (first on line 2)",
    ]


def test_a_row_repeating_a_key_is_left_out_of_the_other_checks(db: Database, folder: Path) -> None:
    with (folder / "people.csv").open("a") as handle:
        handle.write("bob,Bobby,dan@fabrikam.example,initech,,,,\n")
    with (folder / "organisations.csv").open("a") as handle:
        handle.write("fabrikam,Fabrikam,home,contoso.example,\n")
    assert problems_of(db, folder) == [
        "organisations.csv:5: id: duplicate id 'fabrikam' (first on line 4)",
        "people.csv:8: id: duplicate id 'bob' (first on line 3)",
    ]


def test_only_the_first_holder_of_a_repeated_address_is_checked_against_the_graph(
    db: Database, folder: Path
) -> None:
    import_canonical(db, FIXTURE)
    rewrite(folder / "people.csv", "bob,Bob Baker", "bobby,Bob Baker")
    with (folder / "people.csv").open("a") as handle:
        handle.write("bob,Bob,bob@graphx.example,,,,,\nzoe,Zoe,eve@contoso.example,,,,,\n")
    assert problems_of(db, folder) == [
        "people.csv:8: email: 'bob@graphx.example' is also the address of 'bobby' (line 3)",
        "people.csv:9: email: 'eve@contoso.example' is also the address of 'eve' (line 6)",
        "people.csv:3: email: 'bob@graphx.example' already belongs to person 'bob'",
    ]


def test_references_to_unknown_ids_are_reported(db: Database, folder: Path) -> None:
    rewrite(folder / "people.csv", "dan@fabrikam.example,fabrikam", "dan@fabrikam.example,initech")
    with (folder / "participants.csv").open("a") as handle:
        handle.write("c9,bob,attendee\nc1,zed,attendee\n")
    with (folder / "employments.csv").open("a") as handle:
        handle.write("yan,contoso,,,,\n")
    assert problems_of(db, folder) == [
        "people.csv:5: organisation_id: unknown organisation 'initech'",
        "employments.csv:4: person_id: unknown person 'yan'",
        "participants.csv:11: conversation_id: unknown conversation 'c9'",
        "participants.csv:12: person_id: unknown person 'zed'",
    ]


def test_references_to_what_the_graph_already_holds_are_accepted(
    db: Database, folder: Path, tmp_path: Path
) -> None:
    import_canonical(db, folder)
    later = tmp_path / "later"
    later.mkdir()
    (later / "organisations.csv").write_text("id,name,kind\n")
    (later / "people.csv").write_text("id,name,organisation_id\nfred,Fred,contoso\n")
    (later / "conversations.csv").write_text("id,date,kind\n")
    (later / "participants.csv").write_text("conversation_id,person_id,role\nc1,fred,attendee\n")
    summary = import_canonical(db, later)
    assert summary.conversation_ids == {"c1"}
    assert one(db, "MATCH (c:Conversation {id: 'c1'}) RETURN c.participants AS n")["n"] == 3


def test_rows_of_a_stored_opted_out_person_are_skipped(db: Database, tmp_path: Path) -> None:
    import_canonical(db, FIXTURE)
    later = tmp_path / "later"
    later.mkdir()
    (later / "organisations.csv").write_text("id,name,kind\n")
    (later / "people.csv").write_text("id\n")
    (later / "conversations.csv").write_text("id,date,kind\n")
    (later / "participants.csv").write_text(
        "conversation_id,person_id,role\nc1,eve,attendee\nc3,eve,attendee\nc3,cfo,attendee\n"
    )
    (later / "employments.csv").write_text(
        "person_id,organisation_id,from,until\neve,fabrikam,2010-01-01,2012-01-01\n"
    )
    before = canonical_dump(db)
    summary = import_canonical(db, later)
    assert summary.skipped == {"employment of an opted-out person": 1, "participant opted out": 2}
    assert summary.created == {"participations": 1}
    assert canonical_dump(db)["participations"] == sorted(
        [*before["participations"], ("cfo", "c3", "attendee")], key=repr
    )


class _Recorder:
    """A progress listener that remembers what it was told."""

    def __init__(self) -> None:
        self.started: list[tuple[str, int | None]] = []
        self.sent = 0

    def start(self, label: str, total: int | None) -> None:
        self.started.append((label, total))

    def advance(self, n: int) -> None:
        self.sent += n


def test_progress_counts_every_row_written_against_the_total_announced(db: Database) -> None:
    progress = _Recorder()
    import_canonical(db, FIXTURE, progress=progress)
    rows = 3 + 3 + 6 + 6 + 5 + 1 + 3 + 8  # orgs, domains, people, addresses, jobs, past jobs,
    # conversations, participations: eve opted out, cfo's open employment is her current job
    assert progress.started == [(f"checking {FIXTURE}", None), (f"importing {FIXTURE}", rows)]
    assert progress.sent == rows


def test_an_import_too_large_for_one_transaction_commits_batch_by_batch(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_canonical(db, FIXTURE)
    whole = canonical_dump(db)
    delete_all(db)
    monkeypatch.setattr(canonical, "SINGLE_TRANSACTION_ROWS", 34)
    monkeypatch.setattr(writer, "BATCH_SIZE", 2)
    summary = import_canonical(db, FIXTURE)
    assert canonical_dump(db) == whole
    # batches: 2 org, 2 domain, 3 people, 1 opt-out, 3 address, 3 job, 1 past job,
    # 2 conversation, 4 participation and 2 participant count batches
    assert summary.transactions == 23
    again = import_canonical(db, FIXTURE)
    assert sum(again.created.values()) + sum(again.updated.values()) == 0
    assert canonical_dump(db) == whole


def test_a_file_changed_after_the_checks_fails_the_import_and_writes_nothing(
    db: Database, folder: Path
) -> None:
    class Saboteur(_Recorder):
        def start(self, label: str, total: int | None) -> None:
            if label.startswith("importing"):
                rewrite(folder / "participants.csv", "c3,dan,attendee", "c3,dan,spectator")

    with pytest.raises(InputError) as raised:
        import_canonical(db, folder, progress=Saboteur())
    assert raised.value.problems == [
        "participants.csv:9: role: Input should be 'organizer' or 'attendee', got 'spectator'"
    ]
    assert graph_stats(db) == dict.fromkeys(graph_stats(db), 0)


def test_exactly_one_home_organisation_is_required(
    db: Database, folder: Path, tmp_path: Path
) -> None:
    rewrite(folder / "organisations.csv", "fabrikam,Fabrikam,prospect", "fabrikam,Fabrikam,home")
    assert problems_of(db, folder) == [
        "organisations.csv:4: kind: a second 'home' organisation 'fabrikam' "
        "(exactly one is allowed; 'home' is home)"
    ]
    rewrite(folder / "organisations.csv", "home,Graphx Consulting,home", "home,Graphx,other")
    rewrite(folder / "organisations.csv", "fabrikam,Fabrikam,home", "fabrikam,Fabrikam,prospect")
    assert problems_of(db, folder) == [
        "organisations.csv:1: kind: no organisation of kind 'home' (exactly one is needed)"
    ]


def test_a_second_home_next_to_the_stored_one_is_reported(db: Database, tmp_path: Path) -> None:
    import_canonical(db, FIXTURE)
    later = tmp_path / "later"
    later.mkdir()
    (later / "organisations.csv").write_text("id,name,kind\nother,Other Home,home\n")
    for stem, header in (("people", "id"), ("conversations", "id,date,kind"),
                         ("participants", "conversation_id,person_id,role")):  # fmt: skip
        (later / f"{stem}.csv").write_text(header + "\n")
    assert problems_of(db, later) == [
        "organisations.csv:2: kind: a second 'home' organisation 'other' "
        "(exactly one is allowed; 'home' is home)"
    ]


def test_an_address_of_another_stored_person_is_reported(db: Database, tmp_path: Path) -> None:
    import_canonical(db, FIXTURE)
    later = tmp_path / "later"
    later.mkdir()
    (later / "organisations.csv").write_text("id,name,kind\n")
    (later / "people.csv").write_text("id,name,email\nzed,Zed,Bob@graphx.example\n")
    (later / "conversations.csv").write_text("id,date,kind\n")
    (later / "participants.csv").write_text("conversation_id,person_id,role\n")
    assert problems_of(db, later) == [
        "people.csv:2: email: 'bob@graphx.example' already belongs to person 'bob'"
    ]


def test_the_cli_prints_a_json_summary_and_reports_bad_rows_in_one_line(
    cli_env: Path, db: Database, folder: Path
) -> None:
    done = runner.invoke(app, ["import", "csv", str(FIXTURE), "--json"])
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stdout)
    assert summary["created"]["conversations"] == 3
    assert summary["skipped"] == {"participant opted out": 1}
    assert summary["conversations_touched"] == 3
    rewrite(folder / "participants.csv", "c1,ann,organizer", "c1,ann,host")
    failed = runner.invoke(app, ["import", "csv", str(folder)])
    assert isinstance(failed.exception, InputError)
    assert failed.exception.exit_code == 7
    assert failed.exception.problems == [
        "participants.csv:2: role: Input should be 'organizer' or 'attendee', got 'host'"
    ]


def test_an_import_scores_the_ties_it_touched_unless_told_not_to(
    cli_env: Path, db: Database
) -> None:
    from graphx.ties.store import score_all

    folder = str(FIXTURE)
    skipped = CliRunner().invoke(app, ["import", "csv", folder, "--no-score", "--json"])
    assert skipped.exit_code == 0, skipped.output
    assert json.loads(skipped.stdout)["scoring"] is None
    assert json.loads(CliRunner().invoke(app, ["stats", "--json"]).stdout)["ties"] == 0
    scored = CliRunner().invoke(app, ["import", "csv", folder, "--json"])
    assert scored.exit_code == 0, scored.output
    scoring = json.loads(scored.stdout)["scoring"]
    stored = scoring["stored"]
    assert scoring["full"]  # the first scoring of a graph scores everything
    after = json.loads(CliRunner().invoke(app, ["stats", "--json"]).stdout)
    assert after["ties"] == stored and after["ties_complete"]
    assert score_all(db).stored == stored  # the same ties as a full scoring
    assert json.loads(CliRunner().invoke(app, ["stats", "--json"]).stdout) == after


def test_every_problem_of_every_file_is_reported_in_one_run(db: Database, folder: Path) -> None:
    """Bad values and bad references together: a row with a bad value still has its key and
    its other fields checked, and a reference to that row is not reported unknown."""
    rewrite(
        folder / "organisations.csv", "fabrikam,Fabrikam,prospect", "fabrikam,Fabrikam,supplier"
    )
    rewrite(folder / "people.csv", "dan@fabrikam.example,fabrikam", "dan@fabrikam.example,initech")
    rewrite(folder / "conversations.csv", "c2,2024-03-05T10", "c2,2024-03-32T10")
    with (folder / "people.csv").open("a") as handle:
        handle.write("bob,Bobby,bob2@graphx.example,home,,intern,,\n")
        handle.write("zoe,Zoe,eve@contoso.example,contoso,,,,\n")
    with (folder / "participants.csv").open("a") as handle:
        handle.write("c1,zed,host\nc9,ann,attendee\n")
    with (folder / "employments.csv").open("a") as handle:
        handle.write("yan,contoso,,,,\n")
    assert problems_of(db, folder) == [
        "organisations.csv:4: kind: Input should be 'home', 'client', 'prospect', 'partner' "
        "or 'other', got 'supplier'",
        "people.csv:8: level: Input should be 'board', 'executive', 'manager' or 'staff', "
        "got 'intern'",
        "conversations.csv:3: date: not an ISO 8601 date or date-time: '2024-03-32T10:00:00+01:00'",
        "participants.csv:11: role: Input should be 'organizer' or 'attendee', got 'host'",
        "people.csv:8: id: duplicate id 'bob' (first on line 3)",
        "people.csv:5: organisation_id: unknown organisation 'initech'",
        "employments.csv:4: person_id: unknown person 'yan'",
        "participants.csv:11: person_id: unknown person 'zed'",
        "participants.csv:12: conversation_id: unknown conversation 'c9'",
        "people.csv:9: email: 'eve@contoso.example' is also the address of 'eve' (line 6)",
    ]


def test_a_row_without_a_valid_key_takes_part_in_no_other_check(db: Database, folder: Path) -> None:
    with (folder / "people.csv").open("a") as handle:
        handle.write(",Nobody,eve@contoso.example,initech,,,,\n")
    with (folder / "participants.csv").open("a") as handle:
        handle.write("c1,,attendee\n")
    assert problems_of(db, folder) == [
        "people.csv:8: id: required, but empty",
        "participants.csv:11: person_id: required, but empty",
    ]


def test_references_into_a_missing_file_are_not_each_reported(db: Database, folder: Path) -> None:
    (folder / "conversations.csv").unlink()
    rewrite(folder / "participants.csv", "c3,guest,attendee", "c3,guest,attendee\nc3,zed,attendee")
    assert problems_of(db, folder) == [
        f"{folder / 'conversations'}.csv: file: missing (nor conversations.jsonl)",
        "participants.csv:11: person_id: unknown person 'zed'",
    ]

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.attendance import record_occasion
from graphx.cli import app
from graphx.db import Database
from graphx.errors import InputError
from graphx.model import to_json
from graphx.occasion import plan_occasion
from graphx.ties.store import score_all
from graphx.ties.view import ties_as_of
from tests.integration.analytics_graph import days_before, job, meal, org, person
from tests.integration.planning_graph import ON, build

runner = CliRunner()


@pytest.fixture
def golf(db: Database) -> Database:
    build(db)
    return db


def _plan(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["occasion", "plan", "--date", ON.isoformat(), "--json", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def test_the_plan_invites_uncovered_and_fading_directors_of_exposed_clients_first(
    golf: Database, cli_env: Path
) -> None:
    data = _plan("--interest", "golf")
    assert data["interest"] == "golf"
    assert [
        {k: g[k] for k in ("person_id", "organisation_id", "host_id", "reason")}
        for g in data["guests"]  # type: ignore[attr-defined]
    ] == [
        {
            "person_id": "bea",
            "organisation_id": "beta",
            "host_id": "bob",
            "reason": "Bea Zon, CEO of Beta: likes golf; nobody of us knows them yet; "
            "Beta is 0% covered; host: Bob de Wit, introduced by Max Koper.",
        },
        {
            "person_id": "ben",
            "organisation_id": "beta",
            "host_id": "dan",
            "reason": "Ben Vos, Board member of Beta: likes golf; met only once, at events, by "
            "Dan Mol; Beta is 0% covered; host: Dan Mol, who has met them.",
        },
        {
            "person_id": "fay",
            "organisation_id": "core",
            "host_id": "cas",
            "reason": "Fay Dijk, COO of Core: likes golf; Ann Smit knew them personally until "
            "2024-09-03, fading since; Core is 100% covered; host: Cas Bos, who knows them "
            "personally and likes golf too.",
        },
        {
            "person_id": "sam",
            "organisation_id": "acme",
            "host_id": "ann",
            "reason": "Sam Stone, CEO of Acme: likes golf; known personally by Ann Smit alone; "
            "Acme is 100% covered; host: Ann Smit, who knows them personally and likes golf "
            "too.",
        },
        {
            "person_id": "tom",
            "organisation_id": "acme",
            "host_id": "ann",
            "reason": "Tom Brink, Board member of Acme: likes golf; known personally by 2 of "
            "us; Acme is 100% covered; host: Ann Smit, who knows them well and likes golf too.",
        },
    ]
    assert [g["tier"] for g in data["guests"]] == [  # type: ignore[attr-defined]
        "uncovered", "uncovered", "fading", "single_threaded", "covered",
    ]  # fmt: skip
    assert data["recently_met"] == [
        {
            "person_id": "cid",
            "organisation_id": "core",
            "conversation_id": "golf-day",
            "date": "2025-03-22",
        }
    ]
    assert data["waiting"] == []
    assert data["hosts"] == {"ann": 2, "bob": 1, "cas": 1, "dan": 1}


def test_interests_match_whatever_their_case_and_the_documented_synonyms(
    golf: Database,
) -> None:
    for word in ("GOLF", "Golfing", " golf "):
        plan = plan_occasion(golf, word, on=ON)
        assert plan.interest == "golf"
        assert [g.person_id for g in plan.guests] == ["bea", "ben", "fay", "sam", "tom"]
    assert [g.person_id for g in plan_occasion(golf, "opera", on=ON).guests] == ["tom"]
    assert plan_occasion(golf, "chess", on=ON).guests == ()


def test_opted_out_directors_are_never_invited_nor_mentioned(golf: Database) -> None:
    plan = plan_occasion(golf, "golf", on=ON, recent_days=0)
    assert "cor" not in [g.person_id for g in plan.guests]
    assert '"cor"' not in json.dumps(to_json(plan), default=str)
    assert "Cor Out" not in json.dumps(to_json(plan), default=str)


def test_only_a_recent_occasion_of_the_same_kind_leaves_a_director_out(golf: Database) -> None:
    # Cid's golf day was 100 days ago; Tom's sailing trip and Sam's golf clinic (400 days) do
    # not count for a golf occasion within a year.
    assert [r.person_id for r in plan_occasion(golf, "golf", on=ON).recently_met] == ["cid"]
    shorter = plan_occasion(golf, "golf", on=ON, recent_days=99)
    assert shorter.recently_met == ()
    assert [g.person_id for g in shorter.guests] == ["bea", "ben", "fay", "sam", "cid", "tom"]
    assert [r.person_id for r in plan_occasion(golf, "sailing", on=ON).recently_met] == []


def test_capacity_keeps_the_best_ranked_and_lists_the_rest_as_waiting(golf: Database) -> None:
    plan = plan_occasion(golf, "golf", capacity=2, on=ON)
    assert [g.person_id for g in plan.guests] == ["bea", "ben"]
    assert plan.waiting == ("fay", "sam", "tom")


def test_no_host_takes_more_guests_than_the_limit(golf: Database) -> None:
    plan = plan_occasion(golf, "golf", on=ON, max_guests_per_host=1)
    assert [(g.person_id, g.host_id, g.host_via) for g in plan.guests] == [
        ("bea", "bob", "path"),
        ("ben", "dan", "tie"),
        ("fay", "cas", "tie"),
        ("sam", "ann", "tie"),
        ("tom", "eva", "interest"),
    ]
    assert plan.guests[-1].reason.endswith(
        "host: Eva Lind, who likes golf too (Ann Smit, Bob de Wit, Cas Bos already hosting 1)."
    )
    assert plan.hosts == {"ann": 1, "bob": 1, "cas": 1, "dan": 1, "eva": 1}


def test_the_invitation_list_exports_as_csv_in_ranked_order(
    golf: Database, cli_env: Path, tmp_path: Path
) -> None:
    target = tmp_path / "invite.csv"
    _plan("--interest", "golf", "--csv", str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [(r["rank"], r["person_id"], r["host_id"], r["interest"]) for r in rows] == [
        ("1", "bea", "bob", "golf"),
        ("2", "ben", "dan", "golf"),
        ("3", "fay", "cas", "golf"),
        ("4", "sam", "ann", "golf"),
        ("5", "tom", "ann", "golf"),
    ]
    assert {r["date"] for r in rows} == {"2025-06-30"}
    assert {r["attended"] for r in rows} == {""}


# --- recording attendance ---------------------------------------------------------------


@pytest.fixture
def scored(db: Database) -> Database:
    """Ann and Bob (colleagues); Sam (Acme CEO, golf) had one personal dinner with Ann 60 days
    ago; Bea (Beta CEO, golf) and Tom (Acme board, golf) know nobody of us. Days count back
    from today, the date recording gives the levels for; the ties are stored."""
    org(db, "us", "Us", "home")
    org(db, "acme", "Acme")
    org(db, "beta", "Beta")
    for pid, name, likes in [("ann", "Ann Smit", ["golf"]), ("bob", "Bob de Wit", [])]:
        person(db, pid, name, email=f"{pid}@us.com", interests=likes)
        job(db, pid, "us")
    for pid, name, org_id, title in [
        ("sam", "Sam Stone", "acme", "CEO"),
        ("tom", "Tom Brink", "acme", "Board member"),
        ("bea", "Bea Zon", "beta", "CEO"),
    ]:
        person(db, pid, name, email=f"{pid}@{org_id}.com", interests=["golf"])
        job(db, pid, org_id, "board", title)
    meal(db, "dinner", days_before(60, date.today()), ["ann", "sam"])
    meal(db, "lunch", days_before(30, date.today()), ["bob", "tom"])
    score_all(db)
    return db


def _levels(db: Database) -> dict[tuple[str, str], int]:
    return {
        (t.a, t.b): t.level
        for t in ties_as_of(db, date.today(), ["ann", "bob"])
        if t.level > 0 and {t.a, t.b} & {"sam", "tom", "bea"}
    }


def _attendance(db: Database, path: Path, came: set[str]) -> Path:
    text = plan_occasion(db, "golf", on=date.today()).to_csv()
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        row["attended"] = "true" if row["person_id"] in came else "false"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_recording_who_came_raises_the_ties_of_each_host_and_their_guests(
    scored: Database, cli_env: Path, tmp_path: Path
) -> None:
    today = date.today()
    plan = plan_occasion(scored, "golf", on=today)
    assert [(g.person_id, g.host_id) for g in plan.guests] == [
        ("bea", "ann"),
        ("sam", "ann"),
        ("tom", "bob"),
    ]
    before = _levels(scored)
    assert before == {("ann", "sam"): 1, ("bob", "tom"): 1}
    path = _attendance(scored, tmp_path / "came.csv", {"bea", "sam"})
    result = runner.invoke(app, ["occasion", "record", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["conversations"] == [
        {
            "id": f"occasion:{today.isoformat()}:golf-occasion:ann",
            "host_id": "ann",
            "guest_ids": ["bea", "sam"],
        }
    ]
    assert (data["kind"], data["depth"], data["subject"]) == ("event", "personal", "golf occasion")
    assert data["as_of"] == today.isoformat()
    assert data["ties"] == [
        {"guest_id": "bea", "host_id": "ann", "level_before": 0, "level_after": 1},
        {"guest_id": "sam", "host_id": "ann", "level_before": 1, "level_after": 3},
    ]
    assert _levels(scored) == {("ann", "bea"): 1, ("ann", "sam"): 3, ("bob", "tom"): 1}
    again = plan_occasion(scored, "golf", on=today)
    assert [r.person_id for r in again.recently_met] == ["bea", "sam"]


def test_recording_the_same_list_twice_changes_nothing(scored: Database, tmp_path: Path) -> None:
    path = _attendance(scored, tmp_path / "came.csv", {"bea", "sam", "tom"})
    first = record_occasion(scored, path)
    levels = _levels(scored)
    second = record_occasion(scored, path)
    assert first.imported is not None and second.imported is not None
    assert first.imported.created == {"conversations": 2, "participations": 5}
    assert to_json(second.imported)["created"] == {}
    assert to_json(second.imported)["unchanged"] == {"conversations": 2, "participations": 5}
    assert _levels(scored) == levels
    assert [(c.level_before, c.level_after) for c in second.changes] == [
        (c.level_after, c.level_after) for c in first.changes
    ]


def test_a_minimal_attendance_list_names_people_by_address(
    scored: Database, tmp_path: Path
) -> None:
    path = tmp_path / "came.csv"
    path.write_text("email,host_email\nSAM@acme.com,ann@us.com\nbea@beta.com,bob@us.com\n")
    result = record_occasion(scored, path, kind="trip", on=ON, subject="Golf weekend in Scotland")
    assert sorted(result.tables) == [
        "occasion:2025-06-30:golf-weekend-in-scotland:ann",
        "occasion:2025-06-30:golf-weekend-in-scotland:bob",
    ]
    assert result.tables["occasion:2025-06-30:golf-weekend-in-scotland:bob"] == ["bob", "bea"]


def test_a_bad_attendance_list_is_refused_naming_each_problem(
    scored: Database, tmp_path: Path
) -> None:
    path = tmp_path / "came.csv"
    path.write_text("person_id,host_id,attended\nsam,ann,maybe\nnobody,ann,true\n")
    with pytest.raises(InputError) as caught:
        record_occasion(scored, path, subject="golf")
    assert caught.value.problems == [
        "came.csv:2: attended: expected true or false, got 'maybe'",
        "came.csv:3: person_id: no person with id or e-mail address 'nobody'",
        "came.csv: date: no date column: give --date",
    ]


def test_the_plan_prints_the_guests_for_people(golf: Database, cli_env: Path) -> None:
    result = runner.invoke(app, ["occasion", "plan", "--interest", "golf", "--date", "2025-06-30"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("golf on 2025-06-30: 5 guests (0 more waiting, 1 met recently)")
    assert result.output.index("Bea Zon") < result.output.index("Tom Brink")

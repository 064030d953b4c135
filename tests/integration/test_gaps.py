from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database
from graphx.gaps import gaps
from graphx.ties.store import rescore, score_all
from graphx.ties.view import TieView
from tests.integration.analytics_graph import AS_OF, days_before, job, meal, org, person, tie

runner = CliRunner()


@pytest.fixture(params=["stored", "computed"])
def accounts(db: Database, request: pytest.FixtureRequest) -> Database:
    """Colleagues Ann (golf), Bob (sailing), Cas (art), Otto (opted out); at Acme:

    Uma (CFO) known through business by Bob (and by Otto, who does not count); Nina (board,
    sailing) known personally by Max, a buyer whom Cas knows; Ida (CTO, art) known by nobody;
    Sam (CEO) known personally by Ann only (who used to meet him every 2 days, 50 days ago),
    and met by Bob; Tom (board) known by Ann (silent 100 days) and Bob; Fay (COO) known
    personally by Ann until last year, through business now; Olga (opted-out director) and
    Stan (staff) must not appear. At Beta, Bea (CEO) is known by nobody.

    Every answer is the same whether the business+ ties come from the store ("stored") or
    are all computed from the conversations ("computed").
    """
    org(db, "us", "Us", "home")
    org(db, "acme", "Acme")
    org(db, "beta", "Beta")
    for pid, name, likes in [
        ("ann", "Ann Smit", ["golf"]), ("bob", "Bob de Wit", ["sailing"]),
        ("cas", "Cas Bos", ["art"]),
    ]:  # fmt: skip
        person(db, pid, name, email=f"{pid}@us.com", interests=likes)
        job(db, pid, "us")
    person(db, "otto", "Otto Out", opt_out=True)
    job(db, "otto", "us")
    for pid, name, level, title, likes in [
        ("uma", "Uma Roos", "executive", "CFO", []),
        ("nina", "Nina Berg", "board", "Board member", ["sailing"]),
        ("ida", "Ida Vos", "executive", "CTO", ["art"]),
        ("sam", "Sam Stone", "board", "CEO", ["golf"]),
        ("tom", "Tom Brink", "board", "Board member", []),
        ("fay", "Fay Dijk", "executive", "COO", []),
        ("stan", "Stan Staff", "staff", "Buyer", []),
        ("max", "Max Koper", "staff", "Purchasing", []),
    ]:
        person(db, pid, name, interests=likes)
        job(db, pid, "acme", level, title)
    person(db, "olga", "Olga Out", opt_out=True)
    job(db, "olga", "acme", "board", "Chair")
    person(db, "bea", "Bea Zon")
    job(db, "bea", "beta", "board", "CEO")
    tie(db, "bob", "uma", 2, 2.5, 40)
    tie(db, "otto", "uma", 4, 20.0, 5)
    tie(db, "max", "nina", 3, 6.0, 10)
    tie(db, "cas", "max", 2, 3.0, 20)
    tie(db, "ann", "sam", 3, 8.0, 50, first_days=70, conversations=11)
    tie(db, "bob", "sam", 1, 0.5, 30)
    # trusted: personal contact in three calendar years, so from 2023-12-30 (548 days)
    tie(db, "ann", "tom", 4, 20.0, 100, first_days=548, conversations=4)
    tie(db, "bob", "tom", 3, 13.0, 10, first_days=730, conversations=21)
    tie(db, "ann", "fay", 2, 2.5, 200, last_deep_days=300)
    tie(db, "ann", "olga", 4, 20.0, 5)
    if request.param == "stored":
        score_all(db)
    assert TieView(db, AS_OF).stored == (request.param == "stored")
    return db


def test_gaps_classify_uncovered_single_threaded_fading_and_overdue(
    accounts: Database, cli_env: Path
) -> None:
    result = runner.invoke(app, ["gaps", "--as-of", AS_OF.isoformat(), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["as_of"] == "2025-06-30"
    assert [
        (g["organisation_id"], g["person_id"], g["best_level"], g["closest_colleague_id"])
        for g in data["uncovered"]
    ] == [
        ("acme", "fay", 2, "ann"),
        ("acme", "ida", 0, None),
        ("acme", "nina", 0, None),
        ("acme", "uma", 2, "bob"),
        ("beta", "bea", 0, None),
    ]
    assert data["single_threaded"] == [
        {
            "organisation_id": "acme",
            "person_id": "sam",
            "name": "Sam Stone",
            "title": "CEO",
            "colleague_id": "ann",
            "level": 3,
            "action": {
                "colleague_id": "bob",
                "via": "tie",
                "through_id": None,
                "shared_interests": [],
                "text": "Sam Stone (CEO, Acme; interests: golf): add a second relationship"
                " through Bob de Wit, who has met them, last met 4 weeks ago.",
            },
        }
    ]
    assert [
        (g["person_id"], g["colleague_id"], g["level_before"], g["level_now"], g["last_deep"])
        for g in data["fading"]
    ] == [("fay", "ann", 3, 2, days_before(300).date().isoformat())]
    assert [
        (g["person_id"], g["colleague_id"], g["days_silent"], g["target_days"], g["reason"],
         g["usual_gap_days"])
        for g in data["overdue"]
    ] == [
        ("sam", "ann", 50, 60, "rhythm", 2.0),
        ("tom", "ann", 100, 90, "cadence", 149.3),
    ]  # fmt: skip
    text = json.dumps(data)
    for absent in ("olga", "otto", "stan", "Olga", "Otto", "Stan"):
        assert absent not in text


def test_each_action_starts_from_the_director_and_names_the_best_placed_colleague(
    accounts: Database,
) -> None:
    uncovered = gaps(accounts, AS_OF).uncovered
    actions = {g.person_id: g.action for g in uncovered}
    assert (actions["uma"].via, actions["uma"].colleague_id) == ("tie", "bob")
    assert (actions["nina"].via, actions["nina"].colleague_id, actions["nina"].through_id) == (
        "path", "cas", "max",
    )  # fmt: skip
    assert actions["nina"].text == (
        "Nina Berg (Board member, Acme; interests: sailing): build a personal relationship by"
        " asking Max Koper, who knows them personally, to introduce Cas Bos."
    )
    assert (actions["ida"].via, actions["ida"].colleague_id) == ("interests", "cas")
    assert actions["ida"].shared_interests == ("art",)
    assert (actions["bea"].via, actions["bea"].colleague_id) == ("none", None)
    assert all(g.action.text.startswith(f"{g.name} (") for g in uncovered)


def test_one_organisation_only_and_the_table(accounts: Database, cli_env: Path) -> None:
    result = runner.invoke(
        app, ["gaps", "--organisation", "Beta", "--as-of", "2025-06-30", "--json"]
    )
    data = json.loads(result.output)
    assert data["organisation_id"] == "beta"
    assert [g["person_id"] for g in data["uncovered"]] == ["bea"]
    assert data["single_threaded"] == data["fading"] == data["overdue"] == []
    table = runner.invoke(app, ["gaps", "--as-of", "2025-06-30"])
    assert table.exit_code == 0, table.output
    assert "Uncovered directors: 5" in table.output and "Overdue: 2" in table.output


def test_gaps_in_the_past_come_from_that_dates_conversations(accounts: Database) -> None:
    """Early 2023 Ann dined twice with Ida: Ida was single-threaded, not uncovered, then.

    The fixture's other conversations all come later (the first in July 2023)."""
    day = date(2023, 2, 1)
    meal(accounts, "m1", days_before(60, day), ["ann", "ida"])
    meal(accounts, "m2", days_before(20, day), ["ida", "ann"])
    if TieView(accounts, day).stored:  # keep the store up to date, as the importers do
        rescore(accounts, ["m1", "m2"])
    result = gaps(accounts, day, "acme")
    assert [(g.person_id, g.colleague_id, g.level) for g in result.single_threaded] == [
        ("ida", "ann", 3)
    ]
    assert "ida" not in [g.person_id for g in result.uncovered]
    assert result.overdue == () and result.fading == ()


def test_a_directors_notable_ties_are_the_best_two_and_every_deep_or_once_deep_one(
    db: Database,
) -> None:
    org(db, "us", "Us", "home")
    org(db, "acme", "Acme")
    person(db, "dir", "Dir")
    job(db, "dir", "acme")
    for pid in ("c1", "c2", "c3", "c4", "c5", "c6"):
        person(db, pid, pid.upper())
        job(db, pid, "us")
    # once personal, c5's tie keeps some weight: the met ties above it need ten events
    tie(db, "dir", "c1", 1, 4.0, conversations=10)
    tie(db, "dir", "c2", 1, 3.0, conversations=10)
    tie(db, "dir", "c3", 1, 3.5, conversations=10)
    tie(db, "dir", "c4", 2, 3.0)
    tie(db, "dir", "c5", 1, 2.5, last_deep_days=400)  # was personal once
    tie(db, "dir", "c6", 1, 0.1)
    others = ["c1", "c2", "c3", "c4", "c5", "c6"]
    computed = TieView(db, AS_OF)
    assert not computed.stored
    found = computed.notable_between(["dir"], others, top=2)
    assert [(t.a, t.b, t.level) for t in found] == [
        ("dir", "c4", 2), ("dir", "c1", 1), ("dir", "c5", 1),
    ]  # fmt: skip
    score_all(db)
    view = TieView(db, AS_OF)
    assert view.stored
    assert view.notable_between(["dir"], others, top=2) == found

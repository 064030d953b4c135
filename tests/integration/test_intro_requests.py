"""Introduction requests on a real Neo4j: recorded with their chain, moved through every
status transition (and refused the others), ``met`` by a conversation of the pair's own,
stale after 30 days, as of any date; opt-out and erasure remove them."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database
from graphx.errors import GraphxError, InputError, NotFound, Refused
from graphx.intro_requests import (
    NEXT,
    STATUSES,
    ask,
    get_request,
    introduced_between,
    list_requests,
    update,
)
from graphx.privacy import ERASED, export_person, forget
from graphx.ties.store import score_all
from tests.integration.analytics_graph import AS_OF, days_before, job, meal, org, person, tie

runner = CliRunner()
DAY = AS_OF.isoformat()
STRENGTH = round((6 / 9) ** 2, 6)
"""Ann-Dewi-Rosa: two personal ties of strength 6, each weighing 6 / 9."""


@pytest.fixture
def graph(db: Database) -> Database:
    """Ann (a colleague) wants to meet Rosa (Acme's CEO): Dewi knows both personally, Bob knows
    Ann well and Rosa barely; Zed knows nobody; Opt opted out."""
    org(db, "us", "Us", "home")
    org(db, "acme", "Acme")
    for pid, name in [("ann", "Ann Smit"), ("bob", "Bob de Wit"), ("dewi", "Dewi Visser"),
                      ("rosa", "Rosa Meijer"), ("zed", "Zed Alone")]:  # fmt: skip
        person(db, pid, name, email=f"{pid}@example.com")
    person(db, "opt", "Opt Out", opt_out=True)
    job(db, "ann", "us")
    job(db, "rosa", "acme", "board", "CEO")
    tie(db, "ann", "dewi", 3, 6.0, 10)
    tie(db, "dewi", "rosa", 3, 6.0, 28)
    tie(db, "ann", "bob", 4, 30.0, 5)
    tie(db, "bob", "rosa", 1, 0.3, 200)
    score_all(db)
    return db


def _cli(*args: str) -> tuple[int, str]:
    """The exit code and output of ``graphx ARGS``; a GraphxError as ``main`` ends it."""
    done = runner.invoke(app, list(args))
    if isinstance(done.exception, GraphxError):
        return done.exception.exit_code, str(done.exception)
    return done.exit_code, done.output


def test_ask_records_who_asked_whom_through_whom_with_the_chain_as_found(
    graph: Database, cli_env: Path
) -> None:
    code, out = _cli("intro", "ask", "ann@example.com", "rosa", "--via", "dewi",
                     "--note", "about the tender", "--as-of", DAY, "--json")  # fmt: skip
    assert code == 0, out
    assert json.loads(out) == {
        "id": "r1",
        "from": "ann",
        "to": "rosa",
        "via": "dewi",
        "chain": ["ann", "dewi", "rosa"],
        "strength": STRENGTH,
        "status": "requested",
        "created": DAY,
        "updated": DAY,
        "stale": False,
        "days_since_update": 0,
        "history": [
            {"status": "requested", "on": DAY, "note": "about the tender", "automatic": False}
        ],
        "names": {"ann": "Ann Smit", "dewi": "Dewi Visser", "rosa": "Rosa Meijer"},
    }
    code, out = _cli("intro", "ask", "ann", "rosa", "--via", "bob", "--as-of", DAY)
    assert code == 0, out
    assert out.splitlines()[:2] == [
        "r2 Ann Smit asked Bob de Wit to introduce them to Rosa Meijer: requested since 2025-06-30",
        f"  chain (strength {30 / 33 * 0.3 / 3.3:.3f}): Ann Smit → Bob de Wit → Rosa Meijer",
    ]
    # the existing command is unchanged beside the sub-commands
    code, out = _cli("intro", "ann", "rosa", "--as-of", DAY, "--json")
    assert code == 0 and json.loads(out)["paths"][0]["people"] == ["ann", "dewi", "rosa"]
    code, out = _cli("intro", "requests", "--person", "dewi", "--as-of", DAY, "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)["requests"]] == ["r1"]


def test_a_request_needs_a_chain_through_the_introducer_and_nobody_opted_out(
    graph: Database, cli_env: Path
) -> None:
    code, out = _cli("intro", "ask", "ann", "zed", "--via", "dewi", "--as-of", DAY)
    assert code == 8
    assert "no chain of at most 4 ties goes from Ann Smit through dewi to Zed Alone" in out
    for args in (["ann", "rosa", "--via", "opt"], ["ann", "opt", "--via", "dewi"]):
        code, _ = _cli("intro", "ask", *args, "--as-of", DAY)
        assert code == 5  # as if unknown: opted-out people appear nowhere
    with pytest.raises(Refused, match="three different people"):
        ask(graph, "ann", "rosa", "rosa", on=AS_OF)
    assert list_requests(graph, AS_OF) == []


def _path_to(status: str) -> list[str]:
    """The steps from ``requested`` that reach ``status``."""
    if status in ("requested", "asked", "introduced", "met"):
        return ["asked", "introduced", "met"][: STATUSES.index(status)]
    return [status]


def test_every_status_transition_is_allowed_or_refused(graph: Database) -> None:
    """From each status, to each status: the next of the run, declined and dropped from any
    open status; nothing from met, declined or dropped, and no skipping."""
    done = []
    for n, (current, wanted) in enumerate(itertools.product(STATUSES, STATUSES), start=1):
        made = ask(graph, "ann", "rosa", "dewi", on=AS_OF)
        assert made.id == f"r{n}"
        day = AS_OF
        for step in _path_to(current):
            day += timedelta(days=1)
            update(graph, made.id, step, on=day)
        assert get_request(graph, made.id, day).status == current
        if wanted in NEXT.get(current, ()):
            moved = update(graph, made.id, wanted, f"{current} to {wanted}", day)
            assert (moved.status, moved.updated, moved.steps[-1].note) == (
                wanted, day, f"{current} to {wanted}"
            )  # fmt: skip
            done.append((current, wanted))
        else:
            with pytest.raises(Refused, match=f"^{made.id} is {current}: "):
                update(graph, made.id, wanted, on=day)
            assert get_request(graph, made.id, day).status == current
    assert done == [
        ("requested", "asked"), ("requested", "declined"), ("requested", "dropped"),
        ("asked", "introduced"), ("asked", "declined"), ("asked", "dropped"),
        ("introduced", "met"), ("introduced", "declined"), ("introduced", "dropped"),
    ]  # fmt: skip


def test_updates_are_refused_when_unknown_misdated_or_no_status(
    graph: Database, cli_env: Path
) -> None:
    ask(graph, "ann", "rosa", "dewi", on=AS_OF)
    update(graph, "r1", "asked", on=AS_OF + timedelta(days=3))
    code, out = _cli("intro", "update", "r1", "--status", "introduced", "--as-of", "2025-07-02")
    assert code == 8 and "r1 last moved on 2025-07-03" in out
    code, out = _cli("intro", "update", "r9", "--status", "asked")
    assert code == 5 and "no introduction request 'r9'" in out
    with pytest.raises(InputError):
        update(graph, "r1", "chatting")
    code, out = _cli("intro", "update", "r1", "--status", "met", "--as-of", "2025-07-04")
    assert code == 8 and "r1 is asked: it can go to introduced, declined or dropped" in out
    code, out = _cli("intro", "update", "r1", "--status", "introduced", "--note", "over lunch",
                     "--as-of", "2025-07-04", "--json")  # fmt: skip
    assert code == 0, out
    assert json.loads(out)["history"] == [
        {"status": "requested", "on": DAY, "note": "", "automatic": False},
        {"status": "asked", "on": "2025-07-03", "note": "", "automatic": False},
        {"status": "introduced", "on": "2025-07-04", "note": "over lunch", "automatic": False},
    ]


def test_a_conversation_of_their_own_makes_an_introduced_request_met(
    graph: Database, cli_env: Path
) -> None:
    """Introduced on 2 July; a meal with Dewi on 3 July does not count, Ann and Rosa's own
    meal on 5 July does: met that day, by itself. explain says who introduced them."""
    ask(graph, "ann", "rosa", "dewi", on=AS_OF)
    update(graph, "r1", "asked", on=date(2025, 7, 1))
    update(graph, "r1", "introduced", on=date(2025, 7, 2))
    meal(graph, "before", days_before(0, date(2025, 7, 1)), ["ann", "rosa"])
    meal(graph, "with-dewi", days_before(0, date(2025, 7, 3)), ["ann", "rosa", "dewi"])
    assert get_request(graph, "r1", date(2025, 7, 4)).status == "introduced"
    meal(graph, "own", days_before(0, date(2025, 7, 5)), ["rosa", "ann"])
    assert get_request(graph, "r1", date(2025, 7, 4)).status == "introduced"
    code, out = _cli("intro", "requests", "--status", "met", "--as-of", "2025-07-05", "--json")
    assert code == 0, out
    (found,) = json.loads(out)["requests"]
    assert (found["id"], found["status"], found["updated"]) == ("r1", "met", "2025-07-05")
    assert found["history"][-1] == {
        "status": "met",
        "on": "2025-07-05",
        "note": "first conversation of their own: meal on 2025-07-05",
        "automatic": True,
    }
    with pytest.raises(Refused, match="r1 is met: that is final, not dropped"):
        update(graph, "r1", "dropped", on=date(2025, 7, 6))
    introduced = introduced_between(graph, "rosa", "ann", date(2025, 7, 5))
    assert introduced is not None
    assert introduced.sentence == "introduced by Dewi Visser on 2025-07-02"
    assert introduced_between(graph, "rosa", "ann", date(2025, 7, 1)) is None
    assert introduced_between(graph, "dewi", "ann", date(2025, 7, 5)) is None
    code, out = _cli("explain", "ann", "rosa", "--as-of", "2025-07-05", "--json")
    assert code == 0 and json.loads(out)["introduced"] == {
        "request_id": "r1", "via": "dewi", "name": "Dewi Visser", "on": "2025-07-02",
        "text": "introduced by Dewi Visser on 2025-07-02",
    }  # fmt: skip
    code, out = _cli("explain", "ann", "rosa", "--as-of", "2025-07-05")
    assert code == 0 and "introduced by Dewi Visser on 2025-07-02" in out
    code, out = _cli("explain", "ann", "rosa", "--as-of", "2025-07-01", "--json")
    assert code == 0 and json.loads(out)["introduced"] is None


def test_an_open_request_untouched_for_more_than_30_days_is_stale(
    graph: Database, cli_env: Path
) -> None:
    ask(graph, "ann", "rosa", "dewi", on=AS_OF)
    update(graph, "r1", "asked", on=date(2025, 7, 1))
    ask(graph, "ann", "rosa", "bob", on=AS_OF)
    update(graph, "r2", "dropped", on=date(2025, 7, 1))
    on_30 = get_request(graph, "r1", date(2025, 7, 31))
    assert (on_30.days_since_update, on_30.stale) == (30, False)
    on_31 = get_request(graph, "r1", date(2025, 8, 1))
    assert (on_31.days_since_update, on_31.stale) == (31, True)
    assert not get_request(graph, "r2", date(2026, 1, 1)).stale  # closed: never stale
    code, out = _cli("intro", "requests", "--status", "stale", "--as-of", "2025-08-01", "--json")
    assert [r["id"] for r in json.loads(out)["requests"]] == ["r1"]
    code, out = _cli("intro", "requests", "--as-of", "2025-08-01")
    assert code == 0
    assert "r1" in out and "31 days" in out
    code, out = _cli("intro", "requests", "--status", "lost")
    assert code == 7


def test_as_of_shows_requests_as_they_stood(graph: Database) -> None:
    ask(graph, "ann", "rosa", "dewi", on=AS_OF)
    update(graph, "r1", "asked", on=date(2025, 7, 10))
    assert list_requests(graph, AS_OF - timedelta(days=1)) == []
    assert [r.status for r in list_requests(graph, date(2025, 7, 9))] == ["requested"]
    assert [r.status for r in list_requests(graph, date(2025, 7, 10), "dewi")] == ["asked"]
    assert list_requests(graph, date(2025, 7, 10), "bob") == []


def test_opting_out_or_erasure_removes_the_requests_naming_the_person(
    graph: Database, cli_env: Path
) -> None:
    ask(graph, "ann", "rosa", "dewi", "Dewi Visser knows her from sailing", AS_OF)
    ask(graph, "ann", "rosa", "bob", "Bob says Dewi Visser is closer", AS_OF)
    assert [r["id"] for r in export_person(graph, "dewi")["introduction_requests"]] == ["r1"]
    assert export_person(graph, "dewi")["introduction_requests"][0]["position"] == 1
    result = forget(graph, "dewi@example.com")
    assert (result.requests, result.request_notes_scrubbed) == (1, 1)
    (left,) = list_requests(graph, AS_OF)
    assert (left.id, left.steps[0].note) == ("r2", ERASED)
    graph.write("imports.opt_out", rows=["bob"])
    assert list_requests(graph, AS_OF) == []
    with pytest.raises(NotFound):
        get_request(graph, "r2", AS_OF)

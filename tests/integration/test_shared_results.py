"""The dashboard's shared results: computed once per question and graph state, recomputed
when the graph's counts change, refreshed in the background once stale, never twice at once;
the most asked ones computed by the warmer before anyone asks."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dashboards import answers
from dashboards.app import create_app
from dashboards.cache import SharedResults
from graphx.db import Database
from graphx.gaps import gaps
from graphx.users import UserStore
from tests.integration.analytics_graph import job, org, person
from tests.integration.support import rows

pytestmark = pytest.mark.neo4j


class Counter:
    def __init__(self, pause: float = 0.0) -> None:
        self.calls, self.pause = 0, pause

    def __call__(self) -> int:
        self.calls += 1
        time.sleep(self.pause)
        return self.calls


def test_a_question_is_answered_once_until_the_graph_changes(db: Database) -> None:
    shared, compute = SharedResults(), Counter()
    assert [shared.get(db, ("q", 1), compute) for _ in range(3)] == [1, 1, 1]
    assert shared.get(db, ("q", 2), compute) == 2  # another question
    rows(db, "CREATE (:Person {id: 'new'})")  # an import changes the counts
    assert shared.get(db, ("q", 1), compute) == 3
    assert compute.calls == 3


def wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_stale_answer_is_served_while_one_refresh_runs(db: Database) -> None:
    shared, compute = SharedResults(ttl=0.2), Counter(pause=0.3)
    assert shared.get(db, "q", compute) == 1
    time.sleep(0.3)
    started = time.monotonic()
    assert [shared.get(db, "q", compute) for _ in range(5)] == [1] * 5  # stale, at once
    assert time.monotonic() - started < 0.2
    wait_for(lambda: shared.get(db, "q", compute) == 2)
    assert compute.calls == 2  # one refresh for the five stale reads


def test_an_answer_too_old_to_keep_is_computed_again(db: Database) -> None:
    shared, compute = SharedResults(ttl=0.1, keep=0.2), Counter()
    assert shared.get(db, "q", compute) == 1
    time.sleep(0.3)
    assert shared.get(db, "q", compute) == 2


def test_a_failed_refresh_keeps_the_stale_answer(db: Database) -> None:
    shared, calls = SharedResults(ttl=0.1), []

    def flaky() -> int:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return len(calls)

    assert shared.get(db, "q", flaky) == 1
    time.sleep(0.2)
    assert shared.get(db, "q", flaky) == 1  # starts the refresh, which fails
    wait_for(lambda: len(calls) == 2 and shared.get(db, "q", flaky) == 1)
    wait_for(lambda: shared.get(db, "q", flaky) == 3)  # the next stale read refreshes again


def test_concurrent_requests_for_a_missing_answer_compute_it_once(db: Database) -> None:
    shared, compute = SharedResults(), Counter(pause=0.3)
    answers: list[int] = []
    threads = [
        threading.Thread(target=lambda: answers.append(shared.get(db, "q", compute)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [1] * 8
    assert compute.calls == 1


class NotWarmed(Exception):
    pass


def warmed(shared: SharedResults, db: Database, question: Hashable) -> Any:
    """The kept answer to ``question``; NotWarmed when it would have to be computed."""

    def refuse() -> None:
        raise NotWarmed(question)

    return shared.get(db, question, refuse)


def test_the_warmer_answers_the_first_pages_before_anyone_asks(
    db: Database, tmp_path: Path
) -> None:
    org(db, "us", "Us", "home")
    org(db, "big", "Big Board")
    person(db, "d1", "Director One")
    job(db, "d1", "big", "board", "Chair")
    app = create_app(db, UserStore(tmp_path / "users.json"), "k", warm_every=0.1)
    shared, today = app.server.config["GRAPHX_SHARED"], date.today()

    def uncovered() -> list[str]:
        try:
            return [g.person_id for g in warmed(shared, db, ("gaps", today, None)).uncovered]
        except NotWarmed:
            return []

    try:
        wait_for(lambda: uncovered() == ["d1"])
        assert list(warmed(shared, db, "accounts")) == ["big"]
        assert [r.organisation_id for r in warmed(shared, db, ("portfolio", today))] == ["big"]

        person(db, "d2", "Director Two")  # an import: the counts change
        job(db, "d2", "big", "board", "Member")
        wait_for(lambda: sorted(uncovered()) == ["d1", "d2"])
        assert [r.directors for r in warmed(shared, db, ("portfolio", today))] == [2]
    finally:
        app.server.config["GRAPHX_WARMER"].stop()


def test_a_stale_gaps_answer_is_refreshed_outside_any_request(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org(db, "us", "Us", "home")
    org(db, "big", "Big Board")
    person(db, "d1", "Director One")
    job(db, "d1", "big", "board", "Chair")
    calls: list[str | None] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("organisation_id"))
        return gaps(*args, **kwargs)

    monkeypatch.setattr(answers, "gaps", counted)
    app = create_app(db, UserStore(tmp_path / "users.json"), "k")
    app.server.config["GRAPHX_SHARED"] = SharedResults(ttl=0.0)
    with app.server.app_context():
        first = answers.client_gaps(date.today(), None)
        stale = answers.client_gaps(date.today(), None)  # served; refreshed in a thread
    assert stale is first
    wait_for(lambda: len(calls) == 2)  # the refresh computed it, with no app around

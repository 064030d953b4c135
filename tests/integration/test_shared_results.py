"""The dashboard's shared results: computed once per question and graph state, recomputed
when the graph's counts change or the time limit passes, never twice at once."""

from __future__ import annotations

import threading
import time

import pytest

from dashboards.cache import SharedResults
from graphx.db import Database
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


def test_an_answer_expires_after_the_time_limit(db: Database) -> None:
    shared, compute = SharedResults(ttl=0.2), Counter()
    assert shared.get(db, "q", compute) == 1
    time.sleep(0.3)
    assert shared.get(db, "q", compute) == 2


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

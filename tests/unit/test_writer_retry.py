"""A one-transaction import that a concurrent import deadlocks is rolled back and run again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from neo4j.exceptions import TransientError

from graphx.importers import writer
from graphx.importers.summary import ImportSummary
from graphx.importers.writer import Batch, Writer


class _Error(TransientError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self._code = code

    @property
    def code(self) -> str:  # type: ignore[override]
        return self._code


DEADLOCK = "Neo.TransientError.Transaction.DeadlockDetected"
OUT_OF_MEMORY = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"


class _Tx:
    def __init__(self, db: _FakeDb) -> None:
        self.db = db

    def run(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        self.db.calls.append(name)
        if self.db.failures:
            raise _Error(self.db.failures.pop(0))
        return [{"created": len(params.get("rows", []))}]


class _FakeDb:
    """Transactions whose first queries fail with the given transient error codes."""

    def __init__(self, failures: list[str]) -> None:
        self.failures = failures
        self.calls: list[str] = []
        self.commits = 0

    @contextmanager
    def transaction(self) -> Iterator[_Tx]:
        yield _Tx(self)
        self.commits += 1


def _batch() -> Batch:
    return Batch(organisations=[{"id": "o", "props": {}}], people=[{"id": "p", "props": {}}])


def _write_all(w: Writer) -> None:
    """One batch in one transaction, as the one-transaction import writes."""
    w.transact(lambda: w.write(_batch()))


@pytest.fixture(autouse=True)
def _no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer.time, "sleep", lambda _: None)


def test_a_deadlocked_import_runs_again_and_counts_once() -> None:
    db = _FakeDb([DEADLOCK, DEADLOCK])
    summary = ImportSummary(source="x")
    _write_all(Writer(db, summary))  # type: ignore[arg-type]
    assert summary.retries == 2
    assert summary.transactions == 1
    assert db.commits == 1
    assert dict(summary.created) == {"organisations": 1, "people": 1}


def test_an_import_deadlocked_every_time_gives_up_after_the_last_attempt() -> None:
    db = _FakeDb([DEADLOCK] * writer.ATTEMPTS)
    with pytest.raises(TransientError):
        _write_all(Writer(db, ImportSummary(source="x")))  # type: ignore[arg-type]
    assert db.calls.count("imports.organisations") == writer.ATTEMPTS
    assert db.commits == 0


def test_other_transient_errors_are_not_retried() -> None:
    db = _FakeDb([OUT_OF_MEMORY])
    with pytest.raises(TransientError):
        _write_all(Writer(db, ImportSummary(source="x")))  # type: ignore[arg-type]
    assert db.calls == ["imports.organisations"]

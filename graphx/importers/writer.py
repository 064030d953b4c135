"""Batched ``UNWIND $rows`` writes of one import, in one transaction or (when huge) many.

A small or medium import runs in ONE explicit transaction: it applies completely or not at
all. An import of more than ``SINGLE_TRANSACTION_ROWS`` rows would not fit in the server's
transaction memory; it commits batch by batch in a fixed order (organisations, domains,
people, opt-outs, addresses, takeovers, jobs, employments, conversations, participations,
participant counts). Every write is a MERGE on a constrained key, so after a failure a re-run
of the same import completes it exactly. Rows come as lists (``Batch``) or as iterables read
once (``Stream``); either way no more than ``BATCH_SIZE`` of them are sent at a time.
"""

from __future__ import annotations

import copy
import logging
import queue
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from neo4j.exceptions import TransientError

from graphx.db import Database, Row, Transaction
from graphx.importers.summary import ImportSummary
from graphx.repository import imports
from graphx.repository.imports import Counts, Target

BATCH_SIZE = 5000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
SINGLE_TRANSACTION_ROWS = 500_000
ATTEMPTS = 5
"""How often a one-transaction import runs when concurrent writers deadlock it."""
log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")


class Progress(Protocol):
    """Where an import reports progress (the CLI shows a rich bar)."""

    def start(self, label: str, total: int | None) -> None: ...

    def advance(self, n: int) -> None: ...


class NoProgress:
    def start(self, label: str, total: int | None) -> None:
        pass

    def advance(self, n: int) -> None:
        pass


@dataclass
class Batch:
    """Rows ready for the writes of ``graphx.repository.imports``, in writing order."""

    organisations: list[Row] = field(default_factory=list)
    domains: list[Row] = field(default_factory=list)
    people: list[Row] = field(default_factory=list)
    opted_out: list[str] = field(default_factory=list)
    emails: list[Row] = field(default_factory=list)
    takeovers: list[Row] = field(default_factory=list)
    jobs: list[Row] = field(default_factory=list)
    employments: list[Row] = field(default_factory=list)
    conversations: list[Row] = field(default_factory=list)
    participations: list[Row] = field(default_factory=list)
    extra_conversation_ids: set[str] = field(default_factory=set)


@dataclass
class Stream:
    """Like ``Batch``, but each kind of row an iterable read once, as it is written (a
    canonical folder re-read file by file): the rows are never all held at once. They are
    read in a background thread, so reading them must not use the database."""

    organisations: Iterable[Row] = ()
    domains: Iterable[Row] = ()
    people: Iterable[Row] = ()
    opted_out: Iterable[str] = ()
    emails: Iterable[Row] = ()
    takeovers: Iterable[Row] = ()
    jobs: Iterable[Row] = ()
    employments: Iterable[Row] = ()
    conversations: Iterable[Row] = ()
    participations: Iterable[Row] = ()
    extra_conversation_ids: Iterable[str] = ()


class Writer:
    """Runs the writes of one import (``graphx.repository.imports``), inside its
    transaction(s)."""

    def __init__(self, db: Database, summary: ImportSummary, single: bool = True) -> None:
        self.db = db
        self.summary = summary
        self.single = single
        self._tx: Transaction | None = None

    @contextmanager
    def open(self) -> Iterator[Writer]:
        """Open the import's one transaction (committed on success), or none in batch mode."""
        if not self.single:
            yield self
            return
        with self.db.transaction() as tx:
            self._tx = tx
            try:
                yield self
            finally:
                self._tx = None
        self.summary.transactions += 1

    def transact(self, work: Callable[[], None]) -> None:
        """``open`` and run ``work``; a one-transaction import that a concurrent import
        deadlocks (or that times out on a lock) is rolled back and run again from the start,
        up to ``ATTEMPTS`` times, with the summary as it was before the first attempt.

        Safe because every write is a MERGE on a constrained key. Batch mode needs no loop:
        each batch is a managed transaction the driver retries.
        """
        saved = copy.deepcopy(vars(self.summary))
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with self.open():
                    work()
                return
            except TransientError as exc:
                if not self.single or attempt == ATTEMPTS or not _lock_conflict(exc):
                    raise
                log.warning(
                    "import rolled back (%s), running it again: attempt %d of %d",
                    exc.code, attempt + 1, ATTEMPTS,
                )  # fmt: skip
                retries = self.summary.retries + 1
                vars(self.summary).update(copy.deepcopy(saved))
                self.summary.retries = retries
                time.sleep(random.uniform(0.2, 0.5) * 2**attempt)

    @property
    def target(self) -> Target:
        """Where a lookup runs: in this import's transaction (so it sees what the import
        already wrote), else on the database."""
        return self._tx if self._tx is not None else self.db

    @property
    def tx(self) -> Transaction:
        """The import's open transaction, for writes that must commit together with it."""
        if self._tx is None:
            raise RuntimeError("no transaction is open: a batch-mode import has none")
        return self._tx

    def apply(
        self, write: Callable[Concatenate[Target, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``write`` in this import's transaction, or (batch mode) in a transaction of its own."""
        if self._tx is not None:
            return write(self._tx, *args, **kwargs)
        self.summary.transactions += 1
        return write(self.db, *args, **kwargs)

    def unwind(
        self,
        write: Callable[[Target, list[R]], T],
        rows: Iterable[R],
        on_batch: Callable[[int], None] | None = None,
    ) -> list[T]:
        """Run ``write`` over ``rows`` in batches of ``BATCH_SIZE``; what each batch returned.

        The next batch is read (and, for a file, checked) while the database writes this
        one. Each batch is emptied once sent: the driver keeps a query's parameters until its
        transaction ends, which would hold every row of a one-transaction import.
        """
        results: list[T] = []
        for chunk in _ahead(chunks(rows, BATCH_SIZE)):
            results.append(self.apply(write, chunk))
            if on_batch is not None:
                on_batch(len(chunk))
            chunk.clear()
        return results

    def counted(
        self,
        what: str,
        write: Callable[[Target, list[Row]], Counts],
        rows: Iterable[Row],
        progress: Progress,
    ) -> None:
        """``unwind`` a write that returns created/updated/unchanged counts."""
        for outcome in self.unwind(write, rows, progress.advance):
            self.summary.count(what, outcome)

    def write(self, batch: Batch | Stream, progress: Progress | None = None) -> None:
        """Write ``batch`` in dependency order and recount the conversations' participants."""
        progress = progress or NoProgress()
        summary = self.summary
        touched: set[str] = set(batch.extra_conversation_ids)
        self.counted("organisations", imports.organisations, batch.organisations, progress)
        self.counted("domains", imports.domains, batch.domains, progress)
        self.counted("people", imports.people, batch.people, progress)
        for left in self.unwind(imports.opt_out, batch.opted_out):
            touched.update(left)
        self.counted("addresses", imports.emails, batch.emails, progress)
        for takeover in batch.takeovers:
            merged = self.apply(imports.merge_people, takeover["keep"], takeover["drop"])
            touched.update(merged.conversations)
            summary.count("merged people", {"updated": 1})
        self.counted("jobs", imports.jobs, batch.jobs, progress)
        self.counted("employments", imports.employments, batch.employments, progress)
        conversations = _noting(map(_timed, batch.conversations), "id", touched)
        self.counted("conversations", imports.conversations, conversations, progress)
        participations = _noting(batch.participations, "conversation_id", touched)
        self.counted("participations", imports.participations, participations, progress)
        if summary.conversation_ids:
            summary.conversation_ids.update(touched)
        else:  # the first write: no second set of (perhaps millions of) ids
            summary.conversation_ids = touched
        self.unwind(imports.count_participants, sorted(touched))


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), read as they are needed."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _ahead(made: Iterator[list[T]]) -> Iterator[list[T]]:
    """The lists of ``made``, each made in a background thread while the caller uses the one
    before (so the rows a writer is given must not use the database themselves).

    At most two are made ahead (one waiting, one in the making); an error making one is
    raised here, and closing this iterator stops the thread.
    """
    ready: queue.Queue[tuple[list[T] | None, BaseException | None]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def hand_over(item: tuple[list[T] | None, BaseException | None]) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def make() -> None:
        try:
            for chunk in made:
                if not hand_over((chunk, None)):
                    return
            hand_over((None, None))
        except BaseException as exc:  # raised again in the caller's thread
            hand_over((None, exc))

    thread = threading.Thread(target=make, name="graphx-import-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            chunk, error = ready.get()
            if error is not None:
                raise error
            if chunk is None:
                return
            yield chunk
    finally:
        stop.set()
        thread.join()


def _timed(row: Row) -> Row:
    """A conversation row for ``imports.conversations``: its date (aware) as ``at``, seconds and
    nanoseconds since the epoch (the driver packs a datetime in pure Python, 30 us each)."""
    props = dict(row["props"])
    since = props.pop("date") - EPOCH
    return {
        "id": row["id"],
        "at": [since.days * 86_400 + since.seconds, since.microseconds * 1000],
        "props": props,
    }


def _noting(rows: Iterable[Row], key: str, into: set[str]) -> Iterator[Row]:
    """``rows`` unchanged, adding each one's ``key`` value to ``into`` as it passes."""
    for row in rows:
        into.add(row[key])
        yield row


def _lock_conflict(error: TransientError) -> bool:
    """A deadlock or lock timeout between transactions (not, say, a memory limit)."""
    return (error.code or "").startswith("Neo.TransientError.Transaction.")

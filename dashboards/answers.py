"""The answers every signed-in user shares, each asked in one place, and the ``Warmer`` that
computes the most asked of them ahead of the first visitor.

Each answer is kept per question and state of the graph (``dashboards.cache``), so the first
page that asks after an import would compute it while its visitor waits (the portfolio with
its trend and the gaps of every client take seconds at the large scale). The warmer asks them
itself: at start, whenever the graph has changed and then held still for one poll (not at
every batch of an import), at midnight (today's answers change), and before a kept answer
gets too old to be served.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import date

from flask import Flask

from dashboards import context
from dashboards.cache import KEEP_SECONDS
from graphx.accounts import Account, client_accounts
from graphx.coverage import Coverage, PortfolioRow, coverage, portfolio
from graphx.db import Database
from graphx.gaps import Gaps, gaps
from graphx.repository.employment import colleagues
from graphx.repository.stats import graph_stats

POLL_SECONDS = 5.0
"""How often the warmer looks at the graph's counts."""

log = logging.getLogger(__name__)


def accounts() -> dict[str, Account]:
    """Every client account (name, sector, owner) by organisation id."""
    db = context.database()
    return context.shared("accounts", lambda: client_accounts(db))


def portfolio_rows(day: date) -> list[PortfolioRow]:
    """Every client's coverage as of ``day``, with its trend."""
    db = context.database()
    return context.shared(("portfolio", day), lambda: portfolio(db, day))


def client_gaps(day: date, client: str | None) -> Gaps:
    """The gaps of one client, or of every client when ``client`` is None; our colleagues,
    which every client's gaps need, are a shared answer of their own."""
    db, kept = context.database(), context.results()

    def compute() -> Gaps:  # no app here: a stale answer is refreshed in a thread
        team = kept.get(db, ("colleagues", day), lambda: colleagues(db, day))
        return gaps(db, day, organisation_id=client, team=team)

    found: Gaps = kept.get(db, ("gaps", day, client), compute)
    return found


def client_coverage(organisation: str, day: date) -> Coverage:
    """Who of us knows each director of ``organisation``, as of ``day``; our colleagues are a
    shared answer of their own."""
    db, kept = context.database(), context.results()

    def compute() -> Coverage:
        team = kept.get(db, ("colleagues", day), lambda: colleagues(db, day))
        return coverage(db, organisation, day, team=team)

    return context.shared(("coverage", organisation, day), compute)


def warm(day: date) -> None:
    """Compute the answers the home page and the gaps page ask first, as of ``day``."""
    accounts()
    portfolio_rows(day)
    client_gaps(day, None)


class Warmer:
    """A daemon thread that keeps the most asked answers (``warm``) computed for today."""

    def __init__(self, server: Flask, poll: float = POLL_SECONDS) -> None:
        self.server, self.poll = server, poll
        self.warmed = threading.Event()
        """Set once the answers have been warmed the first time."""
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="graphx-warmer", daemon=True)

    def start(self) -> Warmer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()

    def _run(self) -> None:
        db: Database = self.server.config["GRAPHX_DB"]
        warmed: tuple[object, ...] | None = None  # (state, day) last warmed
        at = 0.0  # when
        seen: tuple[int, ...] | None = None  # the state of the previous poll
        while True:
            try:
                state = tuple(graph_stats(db).values())
            except Exception:  # the database is down: the header's banner says so
                state = None
            wanted = (state, date.today())
            still = seen is None or state == seen
            old = time.monotonic() - at >= KEEP_SECONDS / 2
            if state is not None and still and (wanted != warmed or old) and self._warm(wanted[1]):
                warmed, at = wanted, time.monotonic()
            seen = state
            if self._stopped.wait(self.poll):
                return

    def _warm(self, day: date) -> bool:
        """``warm``; False when it failed (the next poll tries again)."""
        started = time.perf_counter()
        try:
            with self.server.app_context():
                warm(day)
        except Exception:  # pages compute on demand meanwhile
            log.exception("warming the shared answers failed")
            return False
        log.info("shared answers warmed in %.1f s", time.perf_counter() - started)
        self.warmed.set()
        return True

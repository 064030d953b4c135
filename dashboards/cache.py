"""Results every signed-in user shares (the portfolio, the gaps, a client's coverage): computed
once per question and state of the graph, then served to everyone.

The state is the graph's counts (``graphx stats``): an import, an opt-out or an erasure changes
them, so their effect shows at once. An answer older than ``TTL_SECONDS`` is still served while
one background thread recomputes it (stale-while-revalidate), so edits that keep every count (a
renamed person, a changed assessment) show once that refresh is done; an answer older than
``KEEP_SECONDS`` is not served at all. Concurrent requests for the same missing answer wait for
the one computing it instead of computing it again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from graphx.db import Database
from graphx.repository.stats import graph_stats

TTL_SECONDS = 60.0
KEEP_SECONDS = 600.0

log = logging.getLogger(__name__)


class SharedResults:
    """A small time-limited memo keyed by question and graph state, one lock per key."""

    def __init__(self, ttl: float = TTL_SECONDS, keep: float = KEEP_SECONDS) -> None:
        self.ttl, self.keep = ttl, keep
        self._values: dict[Hashable, tuple[float, Any]] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._refreshing: set[Hashable] = set()
        self._guard = threading.Lock()

    def get(self, db: Database, question: Hashable, compute: Callable[[], Any]) -> Any:
        """The answer to ``question`` for the graph as it is now, computed at most once."""
        key = (question, tuple(graph_stats(db).values()))
        with self._guard:
            found = self._kept(key, compute)
            if found:
                return found[0]
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            with self._guard:
                found = self._kept(key, compute)
            if found:
                return found[0]
            value = compute()
            self._store(key, value)
            return value

    def _kept(self, key: Hashable, compute: Callable[[], Any]) -> tuple[Any, ...]:
        """``(answer,)`` if one young enough is kept, else ``()``; refreshes a stale one.

        Called with the guard held."""
        found = self._values.get(key)
        if found is None or time.monotonic() - found[0] >= self.keep:
            return ()
        if time.monotonic() - found[0] >= self.ttl and key not in self._refreshing:
            self._refreshing.add(key)
            threading.Thread(target=self._refresh, args=(key, compute), daemon=True).start()
        return (found[1],)

    def _refresh(self, key: Hashable, compute: Callable[[], Any]) -> None:
        try:
            self._store(key, compute())
        except Exception:  # the stale answer stays until it is too old; the next request retries
            log.exception("refreshing a shared result failed")
        finally:
            with self._guard:
                self._refreshing.discard(key)

    def _store(self, key: Hashable, value: Any) -> None:
        with self._guard:
            now = time.monotonic()
            self._values = {k: v for k, v in self._values.items() if now - v[0] < self.keep}
            self._values[key] = (now, value)
            self._locks = {k: v for k, v in self._locks.items() if k in self._values or v.locked()}

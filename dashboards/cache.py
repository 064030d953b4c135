"""Results every signed-in user shares (the portfolio, the gaps, a client's coverage): computed
once per question and state of the graph, then served to everyone for up to ``TTL_SECONDS``.

The state is the graph's counts (``graphx stats``): an import, an opt-out or an erasure changes
them, so their effect shows at once; edits that keep every count (a renamed person, a changed
assessment) show within ``TTL_SECONDS``. Concurrent requests for the same missing result wait
for the one computing it instead of computing it again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from graphx.db import Database
from graphx.stats import graph_stats

TTL_SECONDS = 60.0


class SharedResults:
    """A small time-limited memo keyed by question and graph state, one lock per key."""

    def __init__(self, ttl: float = TTL_SECONDS) -> None:
        self.ttl = ttl
        self._values: dict[Hashable, tuple[float, Any]] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, db: Database, question: Hashable, compute: Callable[[], Any]) -> Any:
        """The answer to ``question`` for the graph as it is now, computed at most once."""
        key = (question, tuple(graph_stats(db).values()))
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            found = self._values.get(key)
            if found is not None and time.monotonic() - found[0] < self.ttl:
                return found[1]
            value = compute()
            with self._guard:
                now = time.monotonic()
                self._values = {k: v for k, v in self._values.items() if now - v[0] < self.ttl}
                self._values[key] = (now, value)
                self._locks = {
                    k: v for k, v in self._locks.items() if k in self._values or v.locked()
                }
            return value

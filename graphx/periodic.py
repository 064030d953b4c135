"""``Every``: a piece of work run now and then on a schedule, in a thread of its own.

``graphx serve --digest weekly`` uses it to offer the week's digests every hour (each is sent
once a week; see ``graphx.digest.send_due_digests``). A failing run is logged and the next
one still comes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class Every:
    """Runs ``work`` at once, then every ``seconds``, until ``stop``."""

    def __init__(self, seconds: float, work: Callable[[], object], name: str) -> None:
        self.seconds, self.work = seconds, work
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"graphx-{name}", daemon=True)

    def start(self) -> Every:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.work()
            except Exception:  # the schedule outlives one failure (a server down, say)
                log.exception("%s failed; trying again in %.0fs", self._thread.name, self.seconds)
            self._stop.wait(self.seconds)

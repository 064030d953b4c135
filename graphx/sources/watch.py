"""Keeping up by itself: ``graphx serve --sync-every 5m``.

A ``SyncLoop`` thread syncs every source on a schedule. For each IMAP source whose server
offers IDLE, a watcher keeps a connection idling on the source's first folder and wakes the
loop the moment a message arrives, so new mail is in the graph (and, through the
dashboard's warmer, on the coverage map) within seconds instead of at the next round.
Watchers follow the sources as they are added and removed; a watcher that loses its
connection retries with a growing pause. Nothing here raises: failures are logged and
recorded on the source by ``sync``.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable

from imapclient.exceptions import IMAPClientError

from graphx.db import Database, is_unavailable
from graphx.errors import ConfigError, GraphxError
from graphx.sources import registry
from graphx.sources.mailbox import connect
from graphx.sources.spec import SourceSpec
from graphx.sources.sync import sync

log = logging.getLogger(__name__)
IDLE_RENEW_SECONDS = 25 * 60
"""IDLE is restarted this often (RFC 2177: servers may drop it after 30 minutes)."""
IDLE_CHECK_SECONDS = 5.0
_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*(s|m|h)?")


def parse_interval(text: str) -> float:
    """Seconds in ``30s``, ``5m``, ``1h`` (a bare number is seconds).

    >>> parse_interval("5m"), parse_interval("90"), parse_interval("1.5h")
    (300.0, 90.0, 5400.0)
    """
    found = _INTERVAL.fullmatch(text.strip().lower())
    if not found or float(found.group(1)) <= 0:
        raise ConfigError(f"not an interval: {text!r} (say 30s, 5m or 1h)")
    return float(found.group(1)) * {"s": 1, "m": 60, "h": 3600}[found.group(2) or "s"]


class SyncLoop:
    """Syncs every source each ``every`` seconds, and woken sources at once."""

    def __init__(self, db: Database, every: float) -> None:
        self.db, self.every = db, every
        self._stop = threading.Event()
        self._woken: set[str] = set()
        self._wake = threading.Condition()
        self._watchers: dict[str, IdleWatcher] = {}
        self._thread = threading.Thread(target=self._run, name="graphx-sync", daemon=True)

    def start(self) -> SyncLoop:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        with self._wake:
            self._wake.notify_all()
        for watcher in self._watchers.values():
            watcher.stop()
        self._thread.join(timeout=30)

    def wake(self, name: str) -> None:
        """Sync ``name`` now (an IDLE watcher heard new mail)."""
        with self._wake:
            self._woken.add(name)
            self._wake.notify_all()

    def _run(self) -> None:
        due = time.monotonic()
        while not self._stop.is_set():
            with self._wake:
                while not (self._stop.is_set() or self._woken or time.monotonic() >= due):
                    self._wake.wait(timeout=max(0.0, due - time.monotonic()))
                woken, self._woken = self._woken, set()
            if self._stop.is_set():
                return
            every_source = time.monotonic() >= due
            self._round(() if every_source else sorted(woken))
            if every_source:
                due = time.monotonic() + self.every

    def _round(self, names: tuple[str, ...] | list[str]) -> None:
        try:
            for result in sync(self.db, names):
                if result.error:
                    log.warning("sync of %s failed: %s", result.name, result.error)
            if not names:
                self._follow(registry.all_sources(self.db))
        except Exception as exc:  # the loop outlives a database outage
            if not (is_unavailable(exc) or isinstance(exc, GraphxError)):
                log.exception("sync round failed")
            else:
                log.warning("sync round failed: %s", exc)

    def _follow(self, sources: list[registry.SourceStatus]) -> None:
        """Start watchers for new IMAP sources, stop those of removed or changed ones."""
        wanted = {s.spec.name: s.spec for s in sources if s.spec.kind == "imap"}
        for name in [n for n, w in self._watchers.items() if wanted.get(n) != w.spec]:
            self._watchers.pop(name).stop()
        for name, spec in wanted.items():
            if name not in self._watchers:
                self._watchers[name] = IdleWatcher(spec, self.wake).start()


class IdleWatcher:
    """Idles on a source's first folder and calls ``on_mail(name)`` when a message arrives."""

    def __init__(self, spec: SourceSpec, on_mail: Callable[[str], None]) -> None:
        self.spec, self.on_mail = spec, on_mail
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"graphx-idle-{spec.name}", daemon=True
        )

    def start(self) -> IdleWatcher:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        pause = 5.0
        while not self._stop.is_set():
            try:
                if not self._idle():
                    return  # the server offers no IDLE: the schedule alone keeps up
                pause = 5.0
            except (GraphxError, OSError, IMAPClientError) as exc:
                log.info("IDLE on %s stopped (%s); retrying in %.0fs", self.spec.name, exc, pause)
                self._stop.wait(pause)
                pause = min(pause * 2, 300.0)

    def _idle(self) -> bool:
        client = connect(self.spec)
        try:
            if b"IDLE" not in client.capabilities():
                return False
            client.select_folder(self.spec.folders[0], readonly=True)
            client.idle()
            renew = time.monotonic() + IDLE_RENEW_SECONDS
            while not self._stop.is_set() and time.monotonic() < renew:
                responses = client.idle_check(timeout=IDLE_CHECK_SECONDS)
                if any(len(r) > 1 and r[1] == b"EXISTS" for r in responses):
                    self.on_mail(self.spec.name)
            client.idle_done()
            return True
        finally:
            try:
                client.logout()
            except (OSError, IMAPClientError):
                client.shutdown()

"""Killed mid-sync: SIGKILL ``graphx sync``, or the Neo4j server under it, at a random moment;
syncing again gives the graph and ties of one clean sync, nothing lost, nothing doubled.

A mailbox of ``MESSAGES`` messages takes a few steps of ``FETCH_CHUNK``, each committed with
its bookmark; kills land before, between and after them. Runs ``GRAPHX_KILL_TRIALS`` trials of
each kind (default 3) on a Neo4j of its own.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest

from graphx.db import Database, connect, delete_all
from graphx.local_neo4j import LocalNeo4j
from graphx.repository.stats import graph_stats
from graphx.sources.mailbox import FETCH_CHUNK
from graphx.sources.registry import add_source
from graphx.sources.spec import make_spec
from graphx.sources.sync import sync
from tests.integration.support import GRAPHX, canonical_dump, duplicates, own_server, ties
from tests.live.servers import Dovecot, MailUser

pytestmark = pytest.mark.neo4j
TRIALS = int(os.environ.get("GRAPHX_KILL_TRIALS", "3"))
SEED = int(os.environ.get("GRAPHX_KILL_SEED", "20261206"))
MESSAGES = 2500
PASSWORD_ENV = "GRAPHX_KILL_MAIL_PASSWORD"


def company_mail(seed: int) -> list[bytes]:
    """Mail among 6 colleagues and 10 client contacts over two years, some of it bulk."""
    rng = random.Random(seed)
    ours = [f"colleague{n}@ourco.com" for n in range(6)]
    theirs = [f"contact{n}@client{n % 3}.com" for n in range(10)]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    messages = []
    for n in range(MESSAGES):
        sender = rng.choice(ours + theirs)
        to = rng.sample([a for a in ours + theirs if a != sender], rng.randint(1, 4))
        bulk = "Precedence: bulk\r\n" if rng.random() < 0.05 else ""
        date = format_datetime(start + timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60)))
        messages.append(
            f"From: {sender}\r\nTo: {', '.join(to)}\r\nSubject: Topic {n % 97}\r\n"
            f"Date: {date}\r\nMessage-ID: <kill{n}@ourco.com>\r\n{bulk}\r\nBody {n}\r\n".encode()
        )
    return messages


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    with own_server(tmp_path_factory.mktemp("sync-kill-home")) as started:
        yield started


@pytest.fixture(scope="module")
def mailbox(dovecot: Dovecot) -> MailUser:
    user = dovecot.add_user()
    user.append_many("INBOX", company_mail(SEED))
    return user


def _add(db: Database, user: MailUser) -> None:
    os.environ[PASSWORD_ENV] = user.password
    url = f"imaps://{user.server.host}:{user.server.imaps_port}"
    spec = make_spec(
        "mail", "imap", url, user=user.name, password_env=PASSWORD_ENV,
        ca_file=user.server.ca_file,
    )  # fmt: skip
    add_source(db, spec)


def _state(db: Database) -> dict[str, Any]:
    return {"dump": canonical_dump(db), "ties": ties(db), "duplicates": duplicates(db)}


def _env(server: LocalNeo4j, user: MailUser) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env |= {
        "GRAPHX_HOME": str(server.settings.home),
        "GRAPHX_NEO4J_HEAP": server.settings.neo4j_heap,
        "GRAPHX_NEO4J_PAGECACHE": server.settings.neo4j_pagecache,
        PASSWORD_ENV: user.password,
    }
    return env


@pytest.fixture(scope="module")
def clean(server: LocalNeo4j, mailbox: MailUser) -> dict[str, Any]:
    """One uninterrupted sync's graph and ties."""
    with connect(server.settings) as db:
        delete_all(db)
        _add(db, mailbox)
        done = subprocess.run(
            [str(GRAPHX), "sync"], env=_env(server, mailbox), capture_output=True, text=True,
            timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        state = _state(db)
    assert len(state["dump"]["conversations"]) > 0.9 * MESSAGES
    assert state["ties"]
    return state


@pytest.mark.parametrize("trial", range(TRIALS))
def test_graphx_killed_mid_sync_then_synced_again_gives_the_clean_graph(
    trial: int, server: LocalNeo4j, mailbox: MailUser, clean: dict[str, Any]
) -> None:
    rng = random.Random(SEED + trial)
    env = _env(server, mailbox)
    with connect(server.settings) as db:
        delete_all(db)
        _add(db, mailbox)
        running = subprocess.Popen([str(GRAPHX), "sync"], env=env)
        _when_written(db, rng, running.poll)
        running.send_signal(signal.SIGKILL)
        running.wait()
        _check_whole_steps(db)
        again = subprocess.run(
            [str(GRAPHX), "sync"], env=env, capture_output=True, text=True, timeout=300,
            check=False,
        )  # fmt: skip
        assert again.returncode == 0, again.stderr
        assert _state(db) == {k: clean[k] for k in ("dump", "ties", "duplicates")}


@pytest.mark.parametrize("trial", range(TRIALS))
def test_neo4j_killed_mid_sync_then_synced_again_gives_the_clean_graph(
    trial: int, server: LocalNeo4j, mailbox: MailUser, clean: dict[str, Any]
) -> None:
    rng = random.Random(SEED + 100 + trial)
    with connect(server.settings) as db:
        delete_all(db)
        _add(db, mailbox)
    pid = server.status().pid
    assert pid is not None
    finished = threading.Event()

    def kill() -> None:
        with connect(server.settings) as watcher:
            _when_written(watcher, rng, lambda: 0 if finished.is_set() else None)
        os.kill(pid, signal.SIGKILL)

    killer = threading.Thread(target=kill)
    with connect(server.settings) as db:
        killer.start()
        with contextlib.suppress(Exception):  # the point: whatever the kill causes
            sync(db)
        finished.set()
        killer.join()
    _reap(pid)
    server.start()
    with connect(server.settings) as db:
        _check_whole_steps(db)
        (result,) = sync(db)
        assert result.error is None
        assert _state(db) == {k: clean[k] for k in ("dump", "ties", "duplicates")}


def _check_whole_steps(db: Database) -> None:
    """What a kill left: whole steps only (each commits with its bookmark), no duplicates."""
    written = graph_stats(db)["conversations"]
    assert written in {*range(0, MESSAGES, FETCH_CHUNK), MESSAGES}
    assert set(duplicates(db).values()) == {0}


def _when_written(db: Database, rng: random.Random, done: Callable[[], int | None]) -> None:
    """Return once a random share of the messages is written (each step commits
    ``FETCH_CHUNK``; all of them: during or after the re-score), or once ``done()`` says the
    sync ended; then wait a moment more, up to 0.3 s, so kills land inside steps too."""
    target = rng.randint(0, MESSAGES)
    while done() is None:
        (row,) = db.read("stats.counts")
        if row["conversations"] >= target:
            break
        time.sleep(0.02)
    time.sleep(rng.uniform(0.0, 0.3))


def _reap(pid: int) -> None:
    """Wait for the killed server to be gone (it is not our child when started detached)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.1)
    raise AssertionError(f"the killed server {pid} is still there")

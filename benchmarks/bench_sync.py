"""``graphx sync`` of a mailbox on a local Dovecot against ``graphx import mbox`` of the same
messages, in one run; then an incremental sync of 100 new messages, and new mail to the
coverage answer under ``graphx serve --sync-every``.

Run: ``.venv/bin/python -m benchmarks.bench_sync FOLDER [--messages N]`` where FOLDER is a
generated company (``graphx generate --scale medium --out FOLDER``: 100,000 conversations).

Each conversation of the folder becomes one message (its organizer From, the others To, its
date, subject and id), appended to a Dovecot the benchmark starts (the test suite's
``tests.live.servers``) and written to an mbox file. Each of the two first loads runs as a
``graphx`` subprocess, re-scoring included as a user runs it, into a fresh home whose server
``graphx db start`` started; its peak RSS is the children's ``ru_maxrss``. The organisations
and people of the folder are imported first, so addresses resolve as they would at a
company.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from benchmarks.bench_import import GRAPHX, _fresh_server
from graphx.config import load_settings
from graphx.coverage import client_coverage, coverage
from graphx.db import connect
from graphx.ties.view import TieView
from tests.live.servers import CertificateAuthority, Dovecot, MailUser, free_ports

PASSWORD_ENV = "GRAPHX_BENCH_MAIL_PASSWORD"
ADDRESSES = (
    "UNWIND $ids AS id MATCH (:Person {id: id})-[:HAS_EMAIL]->(e)"
    " RETURN id, min(e.address) AS address"
)  # benchmark lookup only


def messages(folder: Path, limit: int) -> list[bytes]:
    """The first ``limit`` conversations of ``folder`` (by id) as messages."""
    with (folder / "people.csv").open(newline="", encoding="utf-8") as f:
        address = {r["id"]: r["email"].split(";")[0] for r in csv.DictReader(f)}
    people: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with (folder / "participants.csv").open(newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            people[r["conversation_id"]].append((r["role"], address[r["person_id"]]))
    found = []
    with (folder / "conversations.csv").open(newline="", encoding="utf-8") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["id"])[:limit]
    for row in rows:
        taking = sorted(people[row["id"]], key=lambda p: p[0] != "organizer")
        if len(taking) < 2:
            continue
        (_, sender), *others = taking
        date = format_datetime(datetime.fromisoformat(row["date"]))
        found.append(
            f"From: {sender}\r\nTo: {', '.join(a for _, a in others)}\r\n"
            f"Subject: {row.get('subject') or ''}\r\nDate: {date}\r\n"
            f"Message-ID: <{row['id']}@bench.graphx>\r\n\r\nBody.\r\n".encode()
        )
    return found


def _mbox(found: list[bytes], path: Path) -> None:
    with path.open("wb") as f:
        for message in found:
            f.write(b"From bench@graphx Thu Jan  1 00:00:00 2026\n")
            f.write(message.replace(b"\r\n", b"\n") + b"\n")


def _run(env: dict[str, str], *args: str) -> tuple[float, float, str]:
    """``graphx ARGS`` in a subprocess: (seconds, its peak RSS in MiB, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([GRAPHX, *args], env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"graphx {' '.join(args)} failed:\n{err.read().decode()}")
        return seconds, usage.ru_maxrss / 1024, out.read().decode()


def _company(folder: Path, out: Path) -> Path:
    """The folder's organisations and people only (no conversations)."""
    out.mkdir()
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8") as f:
            header = f.readline()
        kept = path.read_bytes() if path.stem in ("organisations", "people", "employments") else b""
        (out / path.name).write_bytes(kept or header.encode())
    return out


def _source(env: dict[str, str], user: MailUser) -> None:
    server = user.server
    subprocess.run(
        [GRAPHX, "source", "add", "bench", "--imap", f"imaps://127.0.0.1:{server.imaps_port}",
         "--user", user.name, "--password-env", PASSWORD_ENV, "--ca-file", server.ca_file],
        env=env, check=True, capture_output=True,
    )  # fmt: skip


def _count(env: dict[str, str]) -> int:
    with connect(load_settings(env)) as db:
        return int(db.read("stats.counts")[0]["conversations"])


def first_loads(folder: Path, found: list[bytes], user: MailUser, work: Path) -> dict[str, Any]:
    """``import mbox`` and ``sync`` of the same messages, each into a fresh home."""
    company = _company(folder, work / "company")
    mbox = work / "bench.mbox"
    _mbox(found, mbox)
    results: dict[str, Any] = {}
    for kind in ("import mbox", "sync"):
        with _fresh_server(work / kind.replace(" ", "-")) as env:
            env[PASSWORD_ENV] = user.password
            _run(env, "import", "csv", str(company), "--no-score")
            if kind == "sync":
                _source(env, user)
                seconds, rss, out = _run(env, "sync", "--json")
                results["sync_report"] = json.loads(out)["sources"][0]
            else:
                seconds, rss, _ = _run(env, "import", "mbox", str(mbox))
            results[kind] = {"seconds": round(seconds, 1), "peak_rss_mib": round(rss),
                             "conversations": _count(env)}  # fmt: skip
            if kind == "sync":
                results["incremental"] = incremental(env, user)
                results["serve"] = new_mail_to_coverage(env, user)
    results["ratio"] = round(results["sync"]["seconds"] / results["import mbox"]["seconds"], 2)
    return results


def _new(
    number: int,
    sender: str = "bench.sender@ourco.example",
    to: str = "bench.client@client.example",
    when: datetime | None = None,
) -> bytes:
    date_ = format_datetime(when or datetime(2026, 12, 7, 10, tzinfo=UTC))
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: New {number}\r\nDate: {date_}\r\n"
        f"Message-ID: <new{number}@bench.graphx>\r\n\r\nBody.\r\n"
    ).encode()


def incremental(env: dict[str, str], user: MailUser, rounds: int = 3) -> dict[str, Any]:
    """100 new messages, then ``graphx sync``: each round's seconds and the median."""
    times = []
    for r in range(rounds):
        user.append_many("INBOX", [_new(r * 100 + n) for n in range(100)])
        seconds, _, out = _run(env, "sync", "--json")
        assert json.loads(out)["sources"][0]["fetched"] == 100
        times.append(round(seconds, 2))
    return {"seconds": times, "median": statistics.median(times)}


def _known_pair(env: dict[str, str]) -> tuple[str, str, str, str, str]:
    """A client, one of its directors, a colleague who knows them, and the colleague's and
    the director's addresses."""
    today = date.today()
    with connect(load_settings(env)) as db:
        clients, directors = client_coverage(db, today, TieView(db, today))
        for client in clients:
            for director in directors[client.id]:
                if director.known_by:
                    colleague = director.known_by[0].id
                    records = db.driver.execute_query(
                        ADDRESSES, ids=[director.id, colleague], database_=db.database
                    ).records
                    found = {r["id"]: r["address"] for r in records}
                    return client.id, director.id, colleague, found[colleague], found[director.id]
    raise SystemExit("no client director known by a colleague")


def _seen_by(env: dict[str, str], client: str, director: str, colleague: str) -> object:
    """How the client's coverage map shows the colleague's tie to the director: its level,
    strength and last contact (a new conversation of theirs changes the strength)."""
    with connect(load_settings(env)) as db:
        found = coverage(db, client, date.today())
        (row,) = [d for d in found.directors if d.id == director]
        return [(k.level, k.strength, k.last_contact) for k in row.known_by if k.id == colleague]


def new_mail_to_coverage(env: dict[str, str], user: MailUser) -> dict[str, Any]:
    """Under ``graphx serve --sync-every 5m``: seconds from a message's arrival to its
    conversation in the graph (IDLE wakes the sync), and to the client's coverage map (a
    fresh computation, as the dashboard's warmer makes it) showing the new last contact."""
    client, director, colleague, sender, to = _known_pair(env)
    serve = subprocess.Popen(
        [GRAPHX, "serve", "--port", str(free_ports(1)[0]), "--sync-every", "5m"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    graph, covered = [], []
    try:
        time.sleep(8)  # the first round and the IDLE watcher
        for n in range(3):
            before, seen = _count(env), _seen_by(env, client, director, colleague)
            now = datetime.now(UTC) - timedelta(minutes=n)
            user.append("INBOX", _new(20_000 + n, sender, to, now))
            arrived = time.perf_counter()
            while _count(env) == before and time.perf_counter() - arrived < 120:
                time.sleep(0.1)
            graph.append(round(time.perf_counter() - arrived, 2))
            while _seen_by(env, client, director, colleague) == seen:
                if time.perf_counter() - arrived > 120:
                    break
                time.sleep(0.1)
            else:
                covered.append(round(time.perf_counter() - arrived, 2))
    finally:
        serve.terminate()
        serve.wait(30)
    return {
        "to_graph": {"seconds": graph, "median": statistics.median(graph)},
        "to_coverage": {
            "seconds": covered,
            "median": statistics.median(covered) if covered else None,
            "unchanged_after_120s": 3 - len(covered),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--messages", type=int, default=100_000)
    args = parser.parse_args()
    found = messages(args.folder, args.messages)
    with tempfile.TemporaryDirectory(prefix="graphx-bench-sync-") as tmp:
        work = Path(tmp)
        (work / "ca").mkdir()
        (work / "dovecot").mkdir()
        dovecot = Dovecot(work / "dovecot", CertificateAuthority(work / "ca"))
        dovecot.start()
        try:
            user = dovecot.add_user()
            started = time.perf_counter()
            user.append_many("INBOX", found)
            filled = time.perf_counter() - started
            result = first_loads(args.folder, found, user, work)
        finally:
            dovecot.close()
    print(json.dumps({"messages": len(found), "fill_seconds": round(filled, 1), **result,
                      "machine": os.uname().nodename, "cpus": os.cpu_count(),
                      "python": sys.version.split()[0]}, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()

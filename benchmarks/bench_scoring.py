"""Time the depth model on a synthetic graph: full scoring and incremental rescoring.

Run: ``.venv/bin/python -m benchmarks.bench_scoring --conversations 100000``. It starts its
own Neo4j in a temporary home, creates a graph directly with Cypher (people, one home and
client organisations, conversations with 2-60 participants, mostly small), then measures:

- reading the conversation stream (``ties.conversations``) vs pairs grouped in Cypher
  (``ties.pair_stream``);
- ``score_all`` (stream, expand and score in Python, store TIEs) -- median of ``--repeat``;
- ``score_conversations`` after adding 1,000 new conversations -- median of ``--repeat``.

Prints Markdown rows for BENCHMARKS.md with peak memory (Python's and Neo4j's VmHWM).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from graphx.config import load_settings
from graphx.db import Database, apply_schema, connect
from graphx.depth import Config
from graphx.local_neo4j import LocalNeo4j
from graphx.scoring import (
    pair_streams_in_cypher,
    score_all,
    score_conversations,
    ties_from_conversations,
    until,
)

AS_OF = date(2025, 6, 30)
KINDS = ["email", "call", "meeting", "meal", "event", "trip"]
CREATE_PEOPLE = (
    "UNWIND $rows AS row CREATE (:Person {id: row.id, name: row.id, opt_out: row.opt_out})"
)
CREATE_CONVERSATIONS = (
    "UNWIND $rows AS row"
    " CREATE (c:Conversation {id: row.id, date: row.date, kind: row.kind, depth: row.depth,"
    "  duration_minutes: row.minutes, participants: size(row.people), source: 'csv'})"
    " WITH c, row UNWIND range(0, size(row.people) - 1) AS i"
    " MATCH (p:Person {id: row.people[i]})"
    " CREATE (p)-[:PARTICIPATED {role: CASE i WHEN 0 THEN 'organizer' ELSE 'attendee' END}]->(c)"
)  # benchmark fixture data only; the product's queries live in cypher/


def peak_rss_mib(pid: int | None = None) -> float:
    if pid is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def conversations(rng: random.Random, n: int, people: int, prefix: str) -> list[dict[str, Any]]:
    """Mostly small groups inside stable circles of acquaintance, a few large events."""
    start = datetime(2019, 7, 1, tzinfo=UTC)
    out = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.55:
            size = 2
        elif roll < 0.75:
            size = 3
        elif roll < 0.93:
            size = rng.randint(4, 6)
        elif roll < 0.997:
            size = rng.randint(7, 12)
        else:
            size = rng.randint(20, 60)
        centre = rng.randrange(people)
        spread = 40 if size <= 12 else 2000
        group = {centre}
        while len(group) < size:
            group.add((centre + rng.randint(-spread, spread)) % people)
        kind = "event" if size >= 20 else rng.choice(KINDS)
        out.append(
            {
                "id": f"{prefix}{i}",
                "date": start + timedelta(minutes=rng.randrange(6 * 365 * 24 * 60)),
                "kind": kind,
                "depth": None if rng.random() < 0.7 else rng.choice(["business", "personal"]),
                "minutes": None if kind == "email" else rng.choice([30, 60, 90, 120]),
                "people": [f"p{x}" for x in group],
            }
        )
    return out


def build(db: Database, n: int, seed: int) -> int:
    rng = random.Random(seed)
    people = max(200, n // 10)
    rows = [{"id": f"p{i}", "opt_out": rng.random() < 0.01} for i in range(people)]
    for start in range(0, len(rows), 10000):
        db.driver.execute_query(CREATE_PEOPLE, rows=rows[start : start + 10000])
    convs = conversations(rng, n, people, "c")
    for start in range(0, len(convs), 5000):
        db.driver.execute_query(CREATE_CONVERSATIONS, rows=convs[start : start + 5000])
    return people


def timed(fn: Any, *args: Any) -> tuple[float, Any]:
    began = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - began, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    config = Config.default()
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        env |= {"GRAPHX_HOME": home, "GRAPHX_NEO4J_HEAP": "2g", "GRAPHX_NEO4J_PAGECACHE": "1g"}
        settings = load_settings(env)
        server = LocalNeo4j(settings)
        server.start()
        try:
            with connect(settings) as db:
                apply_schema(db)
                build_s, people = timed(build, db, args.conversations, args.seed)
                print(f"built {args.conversations:,} conversations, {people:,} people"
                      f" in {build_s:.0f} s")  # fmt: skip
                timed(lambda: db.read("ties.conversations", until=until(AS_OF)))  # warm up
                stream_s, rows = timed(lambda: db.read("ties.conversations", until=until(AS_OF)))
                expand_s, ties = timed(ties_from_conversations, rows, AS_OF, config)
                pair_contacts = sum(t.conversations for t in ties)
                cypher_s, grouped = timed(pair_streams_in_cypher, db, AS_OF)
                print(f"stream conversations {stream_s:.1f} s ({len(rows):,} rows);"
                      f" expand+score in Python {expand_s:.1f} s ({len(ties):,} pairs,"
                      f" {pair_contacts:,} pair-conversations); pairs grouped in Cypher"
                      f" {cypher_s:.1f} s ({len(grouped):,} rows)")  # fmt: skip
                del rows, grouped
                full = []
                for _ in range(args.repeat):
                    seconds, summary = timed(score_all, db, AS_OF, config)
                    full.append(seconds)
                print(f"score_all: {[round(s, 1) for s in full]} s; {summary.to_dict()}")
                rng = random.Random(args.seed + 1)
                incremental = []
                for r in range(args.repeat):
                    new = conversations(rng, 1000, people, f"new{r}-")
                    db.driver.execute_query(CREATE_CONVERSATIONS, rows=new)
                    ids = [c["id"] for c in new]
                    seconds, inc = timed(score_conversations, db, ids, AS_OF, config)
                    incremental.append(seconds)
                print(f"score_conversations(1,000): {[round(s, 2) for s in incremental]} s;"
                      f" {inc.stored:,} pairs rescored")  # fmt: skip
                neo4j_rss = peak_rss_mib(server.status().pid)
        finally:
            server.stop()
    print()
    print(
        "| conversations | people | pairs | pair-conversations | full score_all median (s) |"
        " incremental 1,000 median (s) | Python peak RSS (MiB) | Neo4j peak RSS (MiB) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print(f"| {args.conversations:,} | {people:,} | {len(ties):,} | {pair_contacts:,} |"
          f" {statistics.median(full):.1f} | {statistics.median(incremental):.2f} |"
          f" {peak_rss_mib():.0f} | {neo4j_rss:.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()

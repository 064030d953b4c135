"""Time the stored ties: a full score and the re-score after 1,000 new conversations.

Three sources of a graph:

- ``--conversations N`` (default): its own Neo4j in a temporary home, a synthetic graph
  created directly with Cypher (people, conversations with 2-60 participants, mostly small);
- ``--from-folder DIR``: its own Neo4j, DIR (a canonical folder, e.g. from ``graphx
  generate``) loaded through the canonical importer;
- ``--existing``: the running server of ``GRAPHX_HOME`` as it is (e.g. the large scale
  imported with ``graphx import csv``); nothing is built.

It times ``score_all`` (median of ``--repeat``) and ``score_conversations`` after 1,000 new
conversations, which go through the canonical importer when the graph came from a folder or
server (``--existing``/``--from-folder``), else are created with Cypher. Prints Markdown rows
for BENCHMARKS.md with peak memory (Python's and Neo4j's VmHWM).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from graphx.config import Settings, load_settings
from graphx.db import Database, apply_schema, connect
from graphx.importers.canonical import import_canonical
from graphx.local_neo4j import LocalNeo4j
from graphx.model import to_json
from graphx.ties.store import score_all, score_conversations

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


def new_folder(db: Database, out: Path, rng: random.Random, n: int, tag: str) -> list[str]:
    """A canonical folder of ``n`` new conversations among existing people (2-6 each)."""
    ids = [r["id"] for r in db.driver.execute_query(
        "MATCH (p:Person) WHERE NOT coalesce(p.opt_out, false) RETURN p.id AS id LIMIT 100000"
    ).records]  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    (out / "organisations.csv").write_text("id,name,kind,domain,sector\n")
    (out / "people.csv").write_text("id,name,email,organisation_id,title,level,interests,opt_out\n")
    conv = ["id,date,kind,depth,duration_minutes,subject"]
    part = ["conversation_id,person_id,role"]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    made = []
    for i in range(n):
        cid = f"{tag}-{i}"
        kind = rng.choice(KINDS[:4])
        when = start + timedelta(minutes=rng.randrange(180 * 24 * 60))
        minutes = "" if kind == "email" else str(rng.choice([30, 60, 90]))
        conv.append(f"{cid},{when.isoformat()},{kind},,{minutes},bench")
        for j, person in enumerate(rng.sample(ids, rng.randint(2, 6))):
            part.append(f"{cid},{person},{'organizer' if j == 0 else 'attendee'}")
        made.append(cid)
    (out / "conversations.csv").write_text("\n".join(conv) + "\n")
    (out / "participants.csv").write_text("\n".join(part) + "\n")
    return made


def run(db: Database, settings: Settings, args: argparse.Namespace, people: int | None) -> None:
    full: list[float] = []
    for _ in range(args.repeat):
        seconds, summary = timed(score_all, db)
        full.append(seconds)
        print(f"score_all {seconds:.1f} s; {to_json(summary)}", flush=True)
    rng = random.Random(args.seed + 1)
    incremental = []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.repeat):
            if people is None:
                folder = Path(tmp) / f"new{r}"
                ids = new_folder(db, folder, rng, 1000, f"bench-new{r}-{time.time_ns()}")
                import_s, _ = timed(import_canonical, db, folder)
                print(f"imported 1,000 conversations through the canonical importer in"
                      f" {import_s:.1f} s")  # fmt: skip
            else:
                new = conversations(rng, 1000, people, f"new{r}-")
                db.driver.execute_query(CREATE_CONVERSATIONS, rows=new)
                ids = [c["id"] for c in new]
            seconds, inc = timed(score_conversations, db, ids)
            incremental.append(seconds)
            print(f"score_conversations(1,000) {seconds:.2f} s; {inc.stored:,} ties stored,"
                  f" {sum(inc.pairs_per_level.values()):,} pairs scored")  # fmt: skip
    neo4j_pid = LocalNeo4j(settings).status().pid
    neo4j_rss = peak_rss_mib(neo4j_pid) if neo4j_pid else float("nan")
    print()
    print(
        "| conversations | ties stored | full score_all median (s) |"
        " incremental 1,000 median (s) | Python peak RSS (MiB) | Neo4j peak RSS (MiB) |"
    )
    print("|---|---|---|---|---|---|")
    print(f"| {summary.conversations:,} | {summary.stored:,} | {statistics.median(full):.1f} |"
          f" {statistics.median(incremental):.2f} | {peak_rss_mib():.0f} |"
          f" {neo4j_rss:.0f} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--from-folder", type=Path, help="import this canonical folder")
    parser.add_argument("--existing", action="store_true", help="use GRAPHX_HOME's server")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.existing:
        settings = load_settings(dict(os.environ))
        with connect(settings) as db:
            run(db, settings, args, None)
        return
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        env |= {"GRAPHX_HOME": home, "GRAPHX_NEO4J_HEAP": "2g", "GRAPHX_NEO4J_PAGECACHE": "1g"}
        settings = load_settings(env)
        server = LocalNeo4j(settings)
        server.start()
        try:
            with connect(settings) as db:
                apply_schema(db)
                if args.from_folder:
                    seconds, _ = timed(import_canonical, db, args.from_folder)
                    print(f"imported {args.from_folder} in {seconds:.0f} s")
                    people = None
                else:
                    seconds, people = timed(build, db, args.conversations, args.seed)
                    print(f"built {args.conversations:,} conversations, {people:,} people"
                          f" in {seconds:.0f} s")  # fmt: skip
                run(db, settings, args, people)
        finally:
            server.stop()


if __name__ == "__main__":
    main()

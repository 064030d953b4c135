"""Time coverage, the portfolio, warm introductions and gaps on a synthetic TIE graph, against
naive baselines in the same run.

Run: ``.venv/bin/python -m benchmarks.bench_analytics [--people 10000] [--reps 30]``, or with
``--existing`` against the running server of ``GRAPHX_HOME`` (a generated scale, imported and
scored; Cypher ``shortestPath`` is then the only baseline). Otherwise it starts its
own Neo4j in a temporary home, writes a seeded synthetic graph directly with Cypher (a home
organisation, clients with directors and staff, random TIEs stored as of today, so every call
reads the materialised ties), then prints Markdown rows for BENCHMARKS.md. Baselines: the whole
TIE graph loaded into networkx (load time, memory, then k shortest simple paths on it), and
plain Cypher ``shortestPath`` (one path, no ranking).
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import networkx as nx

from graphx.config import load_settings
from graphx.coverage import coverage, portfolio
from graphx.db import Database, apply_schema, connect
from graphx.directory import client_directors, colleagues
from graphx.gaps import gaps
from graphx.intro import introductions, link_weight
from graphx.local_neo4j import LocalNeo4j
from graphx.queries import load

# Setup and baseline statements: constant text, values always as parameters.
ORGS = "UNWIND $rows AS r CREATE (:Organisation {id: r.id, name: r.name, kind: r.kind})"
PEOPLE = """UNWIND $rows AS r
MATCH (o:Organisation {id: r.org})
CREATE (p:Person {id: r.id, name: r.name, interests: r.interests, opt_out: r.opt_out})
CREATE (p)-[:WORKS_AT {level: r.level, title: r.title, current: true}]->(o)"""
TIES = """UNWIND $rows AS r
MATCH (a:Person {id: r.a}), (b:Person {id: r.b})
CREATE (a)-[:TIE {level: r.level, strength: r.strength, first_contact: r.first,
  last_contact: r.last, conversations: r.n, components: [], as_of: $as_of,
  last_deep: r.deep}]->(b)"""
ALL_TIES = "MATCH (a:Person)-[t:TIE]->(b:Person) WHERE NOT coalesce(a.opt_out, false) AND NOT coalesce(b.opt_out, false) RETURN a.id AS a, b.id AS b, t.strength AS s"  # noqa: E501
SHORTEST = """MATCH (a:Person {id: $a}), (b:Person {id: $b})
MATCH p = shortestPath((a)-[:TIE*..4]-(b))
WHERE none(n IN nodes(p) WHERE coalesce(n.opt_out, false))
RETURN [n IN nodes(p) | n.id] AS people"""
INTERESTS = ["golf", "sailing", "art", "opera", "wine", "tennis", "cycling", "history"]


def rss_peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def build(db: Database, people: int, seed: int = 1) -> dict[str, list[str]]:
    """A home organisation (5% of people), clients of 10 directors and 40 staff, others;
    each person about 10 ties, colleague-director ties with levels 1-4."""
    rng = random.Random(seed)
    today = date.today()
    n_colleagues = people // 20
    n_clients = (people - n_colleagues) // 2 // 50
    orgs = [{"id": "home", "name": "Us", "kind": "home"}]
    orgs += [{"id": f"c{i}", "name": f"Client {i}", "kind": "client"} for i in range(n_clients)]
    orgs += [{"id": "other", "name": "Others", "kind": "other"}]
    rows, colleagues, directors, others = [], [], [], []
    for i in range(people):
        pid = f"p{i:06d}"
        if i < n_colleagues:
            org, level, title = "home", "staff", "Consultant"
            colleagues.append(pid)
        elif i < n_colleagues + n_clients * 50:
            k = i - n_colleagues
            org = f"c{k // 50}"
            level = ("board" if k % 50 < 4 else "executive") if k % 50 < 10 else "staff"
            title = "CEO" if k % 50 == 0 else ("Chair" if k % 50 == 1 else "Director")
            (directors if level != "staff" else others).append(pid)
        else:
            org, level, title = "other", "staff", ""
            others.append(pid)
        rows.append({
            "id": pid, "name": f"Person {i}", "org": org, "level": level, "title": title,
            "interests": rng.sample(INTERESTS, 2), "opt_out": rng.random() < 0.005,
        })  # fmt: skip
    db.driver.execute_query(ORGS, rows=orgs, database_=db.database)
    for start in range(0, len(rows), 5000):
        db.driver.execute_query(PEOPLE, rows=rows[start : start + 5000], database_=db.database)
    everyone = [r["id"] for r in rows]
    pairs: set[tuple[str, str]] = set()
    for pid in everyone:
        for other in rng.sample(everyone, 5):
            if other != pid:
                pairs.add((min(pid, other), max(pid, other)))
    for d in directors:
        for c in rng.sample(colleagues, 3):
            pairs.add((min(d, c), max(d, c)))
    ties = []
    for a, b in sorted(pairs):
        level = rng.choices([1, 2, 3, 4], [5, 3, 2, 1])[0]
        strength = round(rng.uniform(0.5, 3.0) * level**1.6, 2)
        last = datetime.now(UTC) - timedelta(days=rng.randint(1, 200))
        deep = last - timedelta(days=90) if level < 3 and rng.random() < 0.1 else None
        ties.append({
            "a": a, "b": b, "level": level, "strength": strength, "n": rng.randint(1, 40),
            "first": last - timedelta(days=rng.randint(0, 1500)), "last": last, "deep": deep,
        })  # fmt: skip
    for start in range(0, len(ties), 10000):
        db.driver.execute_query(
            TIES, rows=ties[start : start + 10000], as_of=today, database_=db.database
        )
    return {"colleagues": colleagues, "directors": directors, "ties": [str(len(ties))]}


def timed(fn: Callable[[], Any], reps: int) -> tuple[float, float]:
    """Median and p95 in milliseconds."""
    times = []
    for _ in range(reps):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]


def naive_intro(graph: nx.Graph, a: str, b: str, top: int = 5) -> list[list[str]]:
    """k shortest simple paths on the whole in-memory graph (hop limit by skipping)."""
    if a not in graph or b not in graph or not nx.has_path(graph, a, b):
        return []
    found = []
    for path in itertools.islice(nx.shortest_simple_paths(graph, a, b, "cost"), 50):
        if len(path) <= 5:
            found.append(path)
        if len(found) >= top:
            break
    return found


def profile(db: Database, name: str, **params: Any) -> str:
    """The PROFILE plan's operators (first rows) and total db hits of a named query."""
    query = load(name)
    _, summary, _ = db.driver.execute_query("PROFILE " + query.text, params, database_=db.database)
    plan = summary.profile or {}

    def walk(node: dict[str, Any]) -> list[tuple[str, int]]:
        here = [(node["operatorType"].split("@")[0], int(node.get("dbHits", 0)))]
        return here + [x for child in node.get("children", []) for x in walk(child)]

    ops = walk(plan) if plan else []
    hits = sum(h for _, h in ops)
    return f"{name}: {hits} db hits; " + " <- ".join(op for op, _ in ops)


def shortest(db: Database, a: str, b: str) -> Any:
    return db.driver.execute_query(SHORTEST, a=a, b=b, database_=db.database)


def measure(
    db: Database, clients: list[str], colleagues: list[str], directors: list[str], reps: int
) -> list[tuple[str, float, float]]:
    """Median and p95 of each analytics call, plus the Cypher ``shortestPath`` baseline."""
    rng = random.Random(2)
    today = date.today()
    rows: list[tuple[str, float, float]] = []
    coverage(db, clients[0], today)  # warm-up
    rows.append(("coverage, one client", *timed(
        lambda: coverage(db, rng.choice(clients), today), reps)))  # fmt: skip
    rows.append(("portfolio (no trend)", *timed(lambda: portfolio(db, today, trend=False), 5)))
    rows.append(("portfolio (with trend)", *timed(lambda: portfolio(db, today), 5)))
    pairs = [(rng.choice(colleagues), rng.choice(directors)) for _ in range(reps)]
    it = iter(pairs * 3)
    rows.append(("intro top-5, 4 hops", *timed(
        lambda: introductions(db, *next(it), as_of=today), reps)))  # fmt: skip
    rows.append(("gaps, all clients", *timed(lambda: gaps(db, today), 3)))
    it3 = iter(pairs * 3)
    rows.append(("baseline: Cypher shortestPath (1 path)", *timed(
        lambda: shortest(db, *next(it3)), reps)))  # fmt: skip
    return rows


def _table(rows: list[tuple[str, float, float]]) -> None:
    print("| operation | median (ms) | p95 (ms) |")
    print("|---|---|---|")
    for name, median, p95 in rows:
        print(f"| {name} | {median:.1f} | {p95:.1f} |")


def existing(reps: int) -> None:
    """Measure against the running server of GRAPHX_HOME (e.g. a generated, imported scale)."""
    settings = load_settings()
    with connect(settings) as db:
        today = date.today()
        clients, directors = client_directors(db, today)
        team = sorted(colleagues(db, today))
        rows = measure(db, [c.id for c in clients], team, [d.id for d in directors], reps)
    print(f"{len(clients)} clients, {len(directors)} directors, {len(team)} colleagues; "
          f"process peak RSS {rss_peak_mib():.0f} MiB\n")  # fmt: skip
    _table(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--existing", action="store_true", help="use GRAPHX_HOME's server")
    args = parser.parse_args()
    if args.existing:
        existing(args.reps)
        return
    rng = random.Random(2)
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        settings = load_settings(env | {"GRAPHX_HOME": home})
        server = LocalNeo4j(settings)
        server.start()
        try:
            with connect(settings) as db:
                apply_schema(db)
                began = time.perf_counter()
                made = build(db, args.people)
                print(f"built {args.people} people, {made['ties'][0]} ties "
                      f"in {time.perf_counter() - began:.1f} s")  # fmt: skip
                today = date.today()
                clients = [f"c{i}" for i in range(len(made["directors"]) // 10)]
                rows = measure(db, clients, made["colleagues"], made["directors"], args.reps)
                pairs = [(rng.choice(made["colleagues"]), rng.choice(made["directors"]))
                         for _ in range(args.reps)]  # fmt: skip
                before = rss_peak_mib()
                began = time.perf_counter()
                records, _, _ = db.driver.execute_query(ALL_TIES, database_=db.database)
                graph = nx.Graph()
                for r in records:
                    w = link_weight(float(r["s"]))
                    graph.add_edge(r["a"], r["b"], cost=-math.log(w))
                load_ms = (time.perf_counter() - began) * 1000
                graph_mib = rss_peak_mib() - before
                it2 = iter(pairs * 3)
                rows.append(("baseline: networkx whole graph, per query (3 runs)", *timed(
                    lambda: naive_intro(graph, *next(it2)), 3)))  # fmt: skip
                levels = ["board", "executive"]
                one, d = clients[0], made["directors"][0]
                plans = [
                    profile(db, "coverage.directors", organisation_id=one, as_of=today,
                            levels=levels),
                    profile(db, "coverage.client_directors", as_of=today, levels=levels),
                    profile(db, "coverage.colleagues", as_of=today),
                    profile(db, "coverage.ties_between", left=made["directors"][:10],
                            right=made["colleagues"]),
                    profile(db, "intro.ties_around", ids=[made["colleagues"][0], d]),
                    profile(db, "coverage.organisation", key="Client 3"),
                    profile(db, "coverage.stored_as_of"),
                ]  # fmt: skip
        finally:
            server.stop()
    print("\n".join(plans))
    print(f"\npeople {args.people}; baseline graph load {load_ms:.0f} ms, +{graph_mib:.0f} MiB; "
          f"process peak RSS {rss_peak_mib():.0f} MiB\n")  # fmt: skip
    _table(rows)


if __name__ == "__main__":
    main()

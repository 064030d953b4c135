"""Time coverage, the portfolio, warm introductions and gaps on a generated scale, against
Cypher ``shortestPath`` (one path, no ranking) in the same run.

Run against the running server of ``GRAPHX_HOME`` holding a generated scale imported with
``graphx import csv`` (which scores it): ``.venv/bin/python -m benchmarks.bench_analytics
--reps 30 --as-of 2026-12-04 --as-of 2027-02-26``. Each date is measured on its own: a date
after the stored ties' last contacts reads them (a week or a quarter later, they decay and
drop levels on the fly); an earlier date computes the ties of whoever met since. Prints
Markdown rows for BENCHMARKS.md with the process's peak memory.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from graphx.config import load_settings
from graphx.coverage import coverage, portfolio
from graphx.db import Database, connect
from graphx.gaps import gaps
from graphx.intro import introductions
from graphx.repository.employment import client_directors, colleagues

# The baseline's statement: constant text, values always as parameters.
SHORTEST = """MATCH (a:Person {id: $a}), (b:Person {id: $b})
MATCH p = shortestPath((a)-[:TIE*..4]-(b))
WHERE none(n IN nodes(p) WHERE coalesce(n.opt_out, false))
RETURN [n IN nodes(p) | n.id] AS people"""


def rss_peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(fn: Callable[[], Any], reps: int) -> tuple[float, float]:
    """Median and p95 in milliseconds."""
    times = []
    for _ in range(reps):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]


def shortest(db: Database, a: str, b: str) -> Any:
    return db.driver.execute_query(SHORTEST, a=a, b=b, database_=db.database)


def measure(
    db: Database,
    clients: list[str],
    team_ids: list[str],
    directors: list[str],
    reps: int,
    today: date,
) -> list[tuple[str, float, float]]:
    """Median and p95 of each analytics call as of ``today``, plus the Cypher
    ``shortestPath`` baseline over the stored ties (business or deeper)."""
    rng = random.Random(2)
    rows: list[tuple[str, float, float]] = []
    coverage(db, clients[0], today)  # warm-up
    rows.append(("coverage, one client", *timed(
        lambda: coverage(db, rng.choice(clients), today), reps)))  # fmt: skip
    team = colleagues(db, today)
    rows.append(("coverage, one client, colleagues listed once a day (the dashboard)", *timed(
        lambda: coverage(db, rng.choice(clients), today, team=team), reps)))  # fmt: skip
    rows.append(("portfolio (no trend)", *timed(lambda: portfolio(db, today, trend=False), 5)))
    rows.append(("portfolio (with trend)", *timed(lambda: portfolio(db, today), 5)))
    pairs = [(rng.choice(team_ids), rng.choice(directors)) for _ in range(reps)]
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--as-of", type=date.fromisoformat, action="append", required=True)
    args = parser.parse_args()
    settings = load_settings()
    with connect(settings) as db:
        for day in args.as_of:
            clients, directors = client_directors(db, day)
            team = sorted(colleagues(db, day))
            began = time.perf_counter()
            rows = measure(db, [c.id for c in clients], team, [d.id for d in directors],
                           args.reps, day)  # fmt: skip
            print(f"\nas of {day}: {len(clients)} clients, {len(directors)} directors,"
                  f" {len(team)} colleagues; {time.perf_counter() - began:.0f} s;"
                  f" process peak RSS {rss_peak_mib():.0f} MiB\n")  # fmt: skip
            _table(rows)


if __name__ == "__main__":
    main()

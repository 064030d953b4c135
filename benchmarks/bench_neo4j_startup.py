"""Time the local Neo4j's start: the first (creates the database) and warm restarts.

Run: ``.venv/bin/python -m benchmarks.bench_neo4j_startup [--restarts 5]``. Prints medians and
the server's peak resident memory (VmHWM) as a Markdown table row for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from graphx.config import load_settings
from graphx.local_neo4j import LocalNeo4j


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--restarts", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        server = LocalNeo4j(load_settings(env | {"GRAPHX_HOME": home}))
        server.resolve()
        began = time.perf_counter()
        server.start()
        first = time.perf_counter() - began
        pid = server.status().pid
        rss = peak_rss_mib(pid) if pid else float("nan")
        server.stop()
        warm = []
        for _ in range(args.restarts):
            began = time.perf_counter()
            server.start()
            warm.append(time.perf_counter() - began)
            server.stop()
    print("| first start (s) | warm start median (s) | min-max (s) | peak RSS (MiB) |")
    print("|---|---|---|---|")
    spread = f"{min(warm):.1f}-{max(warm):.1f}"
    print(f"| {first:.1f} | {statistics.median(warm):.1f} | {spread} | {rss:.0f} |")


if __name__ == "__main__":
    main()

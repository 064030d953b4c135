"""Time ``graphx generate`` per scale and measure its peak memory.

Run: ``.venv/bin/python -m benchmarks.bench_generate [--scales small medium large]``. Each scale
runs in a fresh interpreter so that its peak resident memory (VmHWM) is its own; the table also
shows the growth over the interpreter's baseline after import, which stays flat if the writer
streams. Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass

CHILD = """
import json, sys, time
from pathlib import Path
from graphx.generate import generate

def status(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1]) / 1024
    return float("nan")

baseline = status("VmRSS:")
began = time.perf_counter()
counts = generate(sys.argv[1], 1, sys.argv[2])
seconds = time.perf_counter() - began
size = sum(f.stat().st_size for f in Path(sys.argv[2]).glob("*.csv")) / 2**20
print(json.dumps({"seconds": seconds, "peak": status("VmHWM:"), "baseline": baseline,
                  "counts": counts, "mib": size}))
"""


@dataclass(frozen=True)
class Result:
    seconds: float
    peak: float
    baseline: float
    counts: dict[str, int]
    mib: float


def run(scale: str) -> Result:
    """Generate ``scale`` in a child interpreter; its time, memory and counts."""
    with tempfile.TemporaryDirectory() as out:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, scale, out], check=True, capture_output=True, text=True
        )
    return Result(**json.loads(done.stdout))


def row(scale: str, r: Result) -> str:
    """One Markdown table row."""
    c = r.counts
    rows = sum(v for k, v in c.items() if k != "opted_out_participations")
    return (
        f"| {scale} | {c['people']:,} | {c['conversations']:,} | {c['participants']:,} "
        f"| {r.mib:.0f} | {r.seconds:.1f} | {rows / r.seconds:,.0f} | {r.peak:.1f} "
        f"| {r.peak - r.baseline:.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", nargs="+", default=["small", "medium", "large"])
    args = parser.parse_args()
    print(
        "| scale | people | conversations | participants | files (MiB) | time (s) | rows/s "
        "| peak RSS (MiB) | growth over baseline (MiB) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for scale in args.scales:
        print(row(scale, run(scale)), flush=True)


if __name__ == "__main__":
    main()

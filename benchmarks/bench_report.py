"""Time the quarterly report on whatever graph the configured database holds.

    GRAPHX_HOME=/tmp/report-demo python -m benchmarks.bench_report --quarter 2026Q3

Load a generated scale first (``graphx generate``, ``graphx import csv``, ``graphx score``).
Prints the time to build the content, and to write each format, and the PDF's pages.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from graphx.config import load_settings
from graphx.db import connect
from graphx.reports import build_report, write_report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quarter", default="2026Q3")
    args = parser.parse_args()
    with connect(load_settings()) as db, tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        report = build_report(db, args.quarter)
        built = time.perf_counter()
        times = {"build": built - started}
        for fmt in ("html", "pdf", "csv"):
            begin = time.perf_counter()
            paths = write_report(report, Path(tmp), [fmt])
            times[fmt] = time.perf_counter() - begin
            if fmt == "pdf":
                info = subprocess.run(["pdfinfo", str(paths[0])], capture_output=True, text=True)
                pages = info.stdout.split("Pages:")[1].split()[0]
        total = time.perf_counter() - started
    s = report.summary
    print(f"clients {s.clients}, directors {s.directors}, actions {len(report.actions)}")
    print(" | ".join(f"{k} {v:.1f} s" for k, v in times.items()), f"| total {total:.1f} s")
    print(f"pdf pages {pages}")


if __name__ == "__main__":
    main()

"""Fuzz the canonical CSV reader: one fuzzed file among header-only siblings.

Run: ``.venv/bin/python fuzz/fuzz_csv.py -max_total_time=600 fuzz/corpus/csv``
"""

from __future__ import annotations

import sys

import atheris
from _harness import SCRATCH, result_or_graphx_error, write

import graphx.db  # noqa: F401  (heavy dependencies, not instrumented)

with atheris.instrument_imports(include=["graphx.importers", "csv"]):
    from graphx.importers.canonical import REQUIRED_FILES, parse_folder
    from graphx.importers.rows import REQUIRED

STEMS = (*REQUIRED_FILES, "employments")
SUFFIX = ".csv"


def setup() -> None:
    for stem in STEMS:
        write(f"{stem}{SUFFIX}", (",".join(REQUIRED[stem]) + "\n").encode())


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    stem = STEMS[fdp.ConsumeIntInRange(0, len(STEMS) - 1)]
    ignore = fdp.ConsumeBool()
    name = f"{stem}{SUFFIX}"
    write(name, fdp.ConsumeBytes(fdp.remaining_bytes()))
    try:
        result_or_graphx_error(lambda: parse_folder(SCRATCH, ignore), needs_location=name)
    finally:
        write(name, (",".join(REQUIRED[stem]) + "\n").encode())


if __name__ == "__main__":
    setup()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()

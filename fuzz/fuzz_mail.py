"""Fuzz the mail readers: an mbox split into header blocks, and one .eml file's headers.

Run: ``.venv/bin/python fuzz/fuzz_mail.py -max_total_time=600 fuzz/corpus/mail``
"""

from __future__ import annotations

import sys

import atheris
from _harness import result_or_graphx_error, write

import graphx.db  # noqa: F401  (heavy dependencies, not instrumented)

with atheris.instrument_imports(include=["graphx.importers", "email"]):
    from graphx.importers.mail import encounter, file_headers, mbox_headers, parse_headers


def _mbox(data: bytes) -> list[object]:
    path = write("fuzzed.mbox", data)
    return [encounter(parse_headers(header), "mbox") for _, header in mbox_headers(path)]


def _eml(data: bytes) -> object:
    path = write("fuzzed.eml", data)
    return encounter(parse_headers(file_headers(path)), "eml", bulk_recipients=3)


def test_one_input(data: bytes) -> None:
    result_or_graphx_error(lambda: _mbox(data))
    result_or_graphx_error(lambda: _eml(data))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()

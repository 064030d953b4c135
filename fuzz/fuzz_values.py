"""Fuzz the field parsers: ISO dates, e-mail addresses, multi-values, mail dates and addresses.

Run: ``.venv/bin/python fuzz/fuzz_values.py -max_total_time=600 fuzz/corpus/values``
"""

from __future__ import annotations

import contextlib
import sys
from email.message import Message

import atheris
from pydantic import ValidationError

import graphx.db  # noqa: F401  (heavy dependencies, not instrumented)

with atheris.instrument_imports(include=["graphx.importers", "email"]):
    from graphx.importers.mail import encounter
    from graphx.importers.rows import MODELS, normalise_address, parse_datetime, split_multi

FIELDS = {
    stem: tuple(f.alias or n for n, f in m.model_fields.items()) for stem, m in MODELS.items()
}
STEMS = tuple(MODELS)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 64))
    for parse in (parse_datetime, normalise_address):
        with contextlib.suppress(ValueError):
            parse(text)
    split_multi(text)
    stem = STEMS[fdp.ConsumeIntInRange(0, len(STEMS) - 1)]
    row = {name: fdp.ConsumeUnicodeNoSurrogates(24) for name in FIELDS[stem]}
    with contextlib.suppress(ValidationError):
        MODELS[stem].model_validate(row)
    message = Message()
    for header in ("From", "To", "Cc", "Date", "Subject", "Message-ID"):
        message[header] = fdp.ConsumeUnicodeNoSurrogates(48)
    encounter(message, "eml")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()

"""Reading canonical files (CSV or JSON Lines) row by row, with physical line numbers."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphx.importers.rows import REQUIRED, columns


@dataclass
class RawFile:
    """One canonical file, read one row at a time (never held whole).

    ``rows()`` may run again (each run re-reads the file); what is wrong with the file's
    shape goes to ``problems``, ``rows_read`` counts the rows of the last run, and
    ``read_whole`` says whether it got to the end (not stopped by its header or encoding).
    """

    path: Path
    stem: str
    ignore_unknown_columns: bool = False
    problems: list[str] = field(default_factory=list)
    rows_read: int = 0
    read_whole: bool = False

    @property
    def name(self) -> str:
        return self.path.name

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """``(line, fields)`` of each row, known fields only; unknown/missing columns and
        malformed lines become problems."""
        self.problems.clear()
        self.rows_read = 0
        self.read_whole = False
        known = set(columns(self.stem))
        if self.path.suffix != ".jsonl":
            for line, fields in _csv(self, known):
                self.rows_read += 1
                yield line, fields
            return
        for line, fields in _jsonl(self):
            self._check_fields(line, fields, known)
            self.rows_read += 1
            yield line, {k: v for k, v in fields.items() if k in known}

    def _check_fields(self, line: int, fields: dict[str, Any], known: set[str]) -> None:
        for key in fields:
            if key not in known and not self.ignore_unknown_columns:
                self.problems.append(f"{self.name}:{line}: {key}: unknown field")
        for key in REQUIRED[self.stem]:
            if key not in fields:
                self.problems.append(f"{self.name}:{line}: {key}: missing field")


def source(path: Path) -> str:
    """What a conversation read from ``path`` records as its ``source``."""
    return "jsonl" if path.suffix == ".jsonl" else "csv"


def find(folder: Path, stem: str) -> Path | None:
    """``stem.csv`` or ``stem.jsonl`` in ``folder`` (None when neither exists)."""
    for suffix in (".csv", ".jsonl"):
        candidate = folder / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _csv(raw: RawFile, known: set[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line, fields)`` of each row that is not blank, known columns only."""
    try:
        handle = raw.path.open(encoding="utf-8-sig", newline="")
        with handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raw.problems.append(f"{raw.name}:1: header: the file is empty")
                return
            header = [h.strip() for h in header]
            if not _header_ok(raw, header):
                return
            kept = [i for i, name in enumerate(header) if name in known]
            every = len(kept) == len(header)
            last = reader.line_num
            for record in reader:
                line, last = last + 1, reader.line_num
                if not (record and record[0].strip()) and not "".join(record).strip():
                    continue  # blank
                if len(record) != len(header):
                    raw.problems.append(
                        f"{raw.name}:{line}: row: has {len(record)} fields, "
                        f"the header has {len(header)}"
                    )
                    continue
                if every:
                    yield line, dict(zip(header, record, strict=True))
                else:
                    yield line, {header[i]: record[i] for i in kept}
        raw.read_whole = True
    except UnicodeDecodeError as exc:
        raw.problems.append(f"{raw.name}:1: file: not UTF-8 ({exc.reason})")
    except csv.Error as exc:
        raw.problems.append(f"{raw.name}:{reader.line_num}: row: {exc}")


def _header_ok(raw: RawFile, header: list[str]) -> bool:
    known = columns(raw.stem)
    ok = True
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raw.problems.append(f"{raw.name}:1: {name}: duplicate column")
            ok = False
        seen.add(name)
        if name not in known and not raw.ignore_unknown_columns:
            raw.problems.append(f"{raw.name}:1: {name}: unknown column")
            ok = False
    for name in REQUIRED[raw.stem]:
        if name not in header:
            raw.problems.append(f"{raw.name}:1: {name}: missing column")
            ok = False
    return ok


def _jsonl(raw: RawFile) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with raw.path.open(encoding="utf-8-sig") as handle:
            for line, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    value = json.loads(text)
                except json.JSONDecodeError as exc:
                    raw.problems.append(f"{raw.name}:{line}: row: not JSON ({exc.msg})")
                    continue
                if not isinstance(value, dict):
                    raw.problems.append(f"{raw.name}:{line}: row: not a JSON object")
                    continue
                yield line, value
        raw.read_whole = True
    except UnicodeDecodeError as exc:
        raw.problems.append(f"{raw.name}:1: file: not UTF-8 ({exc.reason})")

"""``graphx export csv DIR``: the whole graph as a canonical folder, streamed row by row.

The five files carry exactly what the canonical format carries, so importing the folder
into an empty database rebuilds the same organisations, people (opted-out people as their
marker: id, addresses, ``opt_out``), conversations, participations and jobs. Not carried:
a conversation's ``source`` (it becomes ``csv``), derived ``TIE``s (run ``graphx score``) and
colleagues' ``ASSESSED`` judgements (``graphx db backup`` keeps everything).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from graphx.db import Database, Row
from graphx.importers.rows import cell, columns
from graphx.repository.export import each_file


def _write(rows: Iterable[Row], path: Path, stem: str) -> int:
    header = columns(stem)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([cell(row[c]) for c in header])
            count += 1
    return count


def export_csv(db: Database, folder: Path | str) -> dict[str, int]:
    """Write the graph into ``folder`` as the five canonical CSV files; return rows per file.

    Rows go to disk as the server sends them (constant memory), inside one read transaction;
    when the driver retries that transaction, every file is rewritten from the start.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    return each_file(db, lambda stem, rows: _write(rows, target / f"{stem}.csv", stem))

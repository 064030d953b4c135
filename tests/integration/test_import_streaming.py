"""The canonical import streams: a folder four times larger peaks at about the same memory.

What still grows with the folder is small: 8 bytes per key (hashes kept for the checks) and
the id of each conversation written (the summary returns them for re-scoring), under 64
bytes a row. The import that held every row before writing peaked 4.1 times higher on a
folder four times larger here; the streaming one grows by about 30 bytes a row.
"""

from __future__ import annotations

import csv
import tracemalloc
from pathlib import Path

import pytest

from graphx.db import Database, delete_all
from graphx.generate import HEADERS, Scale, generate
from graphx.importers import canonical, writer
from graphx.importers.canonical import import_canonical
from graphx.repository.stats import graph_stats

pytestmark = pytest.mark.neo4j
FIXTURE = Path(__file__).parents[1] / "data" / "canonical"
SCALE = Scale(120, 800, 15, 4, 2, 2, 1, 3, 6, 6, 4)
"""120 people, about 870 conversations and 4,300 participations."""
SMALL, LARGE = 2, 8
"""Renamed copies of that company in the two folders: the larger is four times the smaller,
and both are several batches long (so the writer's read-ahead fills at both sizes)."""
IDS = ("id", "organisation_id", "person_id", "conversation_id")
BYTES_PER_ROW = 64
"""What the import may keep per row read: a key's hash, a conversation's id. A row itself,
validated, takes over 500 bytes."""


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, int]]:
    """A folder of ``SMALL`` and one of ``LARGE`` copies of a generated company; its counts."""
    company = tmp_path_factory.mktemp("streaming-company")
    counts = generate(SCALE, seed=3, out=company)
    small, large = (_copies(company, n, tmp_path_factory.mktemp(f"x{n}")) for n in (SMALL, LARGE))
    return small, large, counts


def _copies(company: Path, copies: int, out: Path) -> Path:
    for source in company.glob("*.csv"):
        with source.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        with (out / source.name).open("w", newline="", encoding="utf-8") as handle:
            out_csv = csv.DictWriter(handle, fieldnames=list(rows[0]))
            out_csv.writeheader()
            out_csv.writerows(_copy(row, n) for n in range(copies) for row in rows)
    return out


def _copy(row: dict[str, str], n: int) -> dict[str, str]:
    """Copy ``n`` of a row: ids, addresses and domains renamed; only copy 0 has a home."""
    copy = {k: f"{v}~{n}" if k in IDS and v else v for k, v in row.items()}
    if "domain" in row:
        copy["domain"] = ";".join(f"c{n}.{d}" for d in row["domain"].split(";") if d)
        copy["kind"] = "client" if n and row["kind"] == "home" else row["kind"]
    if "email" in row:
        copy["email"] = ";".join(a.replace("@", f"@c{n}.") for a in row["email"].split(";") if a)
    return copy


def _peak_import(db: Database, folder: Path) -> int:
    """The peak of the memory the import allocated (bytes, as tracemalloc counts it)."""
    delete_all(db)
    tracemalloc.start()
    try:
        import_canonical(db, folder)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_import_of_a_folder_four_times_larger_peaks_at_about_the_same_memory(
    db: Database, folders: tuple[Path, Path, dict[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer, "BATCH_SIZE", 800)  # batches and chunks fill at both sizes
    monkeypatch.setattr(canonical, "CHUNK", 800)
    small, large, counts = folders
    import_canonical(db, FIXTURE)  # warm-up: query files, pydantic and driver caches, plans

    small_peak = _peak_import(db, small)
    large_peak = _peak_import(db, large)

    participations = counts["participants"] - counts["opted_out_participations"]
    assert graph_stats(db) == {
        "organisations": LARGE * counts["organisations"], "people": LARGE * counts["people"],
        "conversations": LARGE * counts["conversations"],
        "participations": LARGE * participations, "ties": 0,
    }  # fmt: skip
    added_rows = (LARGE - SMALL) * sum(counts[stem] for stem in HEADERS)
    assert (large_peak - small_peak) / added_rows < BYTES_PER_ROW, (small_peak, large_peak)

"""Concurrent imports of overlapping data: four ``graphx import csv`` processes at once, several
rounds, against the suite's server. Every process succeeds and nothing is duplicated."""

from __future__ import annotations

import csv
import os
import subprocess
from pathlib import Path

import pytest

from graphx.config import Settings
from graphx.db import Database
from graphx.repository.stats import graph_stats
from tests.integration.support import GRAPHX, duplicates

pytestmark = pytest.mark.neo4j
PROCESSES = 4
ROUNDS = int(os.environ.get("GRAPHX_CONCURRENT_ROUNDS", "3"))
PEOPLE = 400
CONVERSATIONS = 2000


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def members(i: int) -> tuple[int, int, int]:
    """The three different people of conversation ``i``: organiser first."""
    a, shift = i % PEOPLE, (i // PEOPLE) % 50
    return a, (a + 1 + shift) % PEOPLE, (a + 60 + shift) % PEOPLE


def overlapping_folders(root: Path) -> list[Path]:
    """Four folders with every organisation and person; each conversation in two of them.

    Folder k holds the conversations i with i % 4 in {k, k + 1}: each pair of neighbouring
    folders shares a quarter of the conversations, and every folder writes every person.
    """
    orgs = [["home", "Home", "home", "home.example", ""]] + [
        [f"o{j}", f"Org {j}", "client", f"org{j}.example", ""] for j in range(10)
    ]
    people = [
        [f"p{i}", f"Person {i}", f"p{i}@{'home' if i % 3 == 0 else f'org{i % 10}'}.example",
         "home" if i % 3 == 0 else f"o{i % 10}", "", "board" if i % 7 == 0 else "staff", "", ""]
        for i in range(PEOPLE)
    ]  # fmt: skip
    folders = []
    for k in range(PROCESSES):
        folder = root / f"part{k}"
        folder.mkdir()
        mine = [i for i in range(CONVERSATIONS) if i % PROCESSES in (k, (k + 1) % PROCESSES)]
        _write(folder / "organisations.csv", ["id", "name", "kind", "domain", "sector"], orgs)
        _write(
            folder / "people.csv",
            ["id", "name", "email", "organisation_id", "title", "level", "interests", "opt_out"],
            people,
        )
        _write(
            folder / "conversations.csv",
            ["id", "date", "kind", "depth", "duration_minutes", "subject"],
            [[f"c{i}", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "meeting", "", "30", ""]
             for i in mine],
        )  # fmt: skip
        _write(
            folder / "participants.csv",
            ["conversation_id", "person_id", "role"],
            [[f"c{i}", f"p{person}", "attendee" if n else "organizer"]
             for i in mine for n, person in enumerate(members(i))],
        )  # fmt: skip
        folders.append(folder)
    return folders


def _env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHX_"))}
    return env | {"GRAPHX_HOME": str(settings.home)}


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_four_concurrent_overlapping_imports_duplicate_nothing(
    round_: int, db: Database, test_settings: Settings, tmp_path: Path
) -> None:
    folders = overlapping_folders(tmp_path)
    processes = [
        subprocess.Popen(
            [str(GRAPHX), "import", "csv", str(folder), "--json"],
            env=_env(test_settings),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in folders
    ]
    results = [(p.wait(timeout=600), p.stderr.read() if p.stderr else "") for p in processes]
    for process in processes:
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()
    if log := os.environ.get("GRAPHX_CONCURRENT_LOG"):
        with open(log, "a", encoding="utf-8") as handle:
            handle.writelines(f"--- round {round_} exit {code}\n{err}\n" for code, err in results)
    assert [code for code, _ in results] == [0] * PROCESSES, [err for _, err in results]
    assert not [err for _, err in results if "Traceback" in err]
    assert duplicates(db) == dict.fromkeys(duplicates(db), 0)
    stats = graph_stats(db)
    assert (stats["organisations"], stats["people"], stats["conversations"]) == (
        11, PEOPLE, CONVERSATIONS,
    )  # fmt: skip
    assert stats["participations"] == 3 * CONVERSATIONS

"""``graphx import csv DIR --initial``: a first load of an empty local database by Neo4j's
offline bulk importer (``neo4j-admin database import full``).

The folder is checked exactly as the online import checks it (same messages; any problem
and nothing is written). Its rows, made by the same code that feeds the online writer, then
stream into neo4j-admin's CSV files, one per label and relationship type. The server stops,
the bulk importer loads the files, the server starts again and the schema is applied: the
graph the online import would have written, built without transactions or MERGEs. Only
for an empty database of the local server, since the bulk importer replaces a database whole.
"""

from __future__ import annotations

import csv
import tempfile
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from graphx.db import Row, apply_schema, connect
from graphx.errors import Refused
from graphx.importers.canonical import Plan, check_folder, planned_rows
from graphx.importers.summary import ImportSummary
from graphx.importers.writer import NoProgress, Progress, chunks
from graphx.local_neo4j import LocalNeo4j

HEADERS: dict[str, list[str]] = {
    "Organisation": ["id:ID(Organisation)", "name", "kind", "sector"],
    "Domain": ["name:ID(Domain)"],
    "Person": ["id:ID(Person)", "name", "title", "level", "interests:string[]", "opt_out:boolean"],
    "Email": ["address:ID(Email)"],
    "Conversation": [
        "id:ID(Conversation)", "date:datetime", "kind", "depth", "duration_minutes:long",
        "subject", "source", "participants:long",
    ],
    "HAS_DOMAIN": [":START_ID(Organisation)", ":END_ID(Domain)"],
    "HAS_EMAIL": [":START_ID(Person)", ":END_ID(Email)"],
    "WORKS_AT": [
        ":START_ID(Person)", ":END_ID(Organisation)", "current:boolean", "title", "level",
        "from:date", "until:date",
    ],
    "PARTICIPATED": [":START_ID(Person)", ":END_ID(Conversation)", "role"],
}  # fmt: skip
"""Each file neo4j-admin loads (a label or a relationship type) and its header."""

RELATIONSHIPS = frozenset({"HAS_DOMAIN", "HAS_EMAIL", "WORKS_AT", "PARTICIPATED"})


def import_initial(
    server: LocalNeo4j,
    folder: Path,
    *,
    ignore_unknown_columns: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Check ``folder`` against the (empty) database of the running local ``server``, then
    bulk-load it; the server is running again, with the schema, when this returns.

    Refused for a remote ``NEO4J_URI`` or a database that holds anything; InputError (and
    nothing written) for any problem of the folder.
    """
    settings = server.settings
    if not settings.uses_local_server:
        raise Refused(
            f"--initial bulk-loads graphx's own local Neo4j; NEO4J_URI is set "
            f"({settings.neo4j_uri}): import with `graphx import csv {folder}` instead"
        )
    progress = progress or NoProgress()
    summary = ImportSummary(source=str(folder))
    with connect(settings) as db:
        if db.read("db.has_data"):
            raise Refused(
                f"--initial needs an empty database, and {settings.neo4j_database} holds data: "
                f"import with `graphx import csv {folder}`, or empty it first with "
                "`graphx db reset --yes`"
            )
        progress.start(f"checking {folder}", None)
        plan = check_folder(db, Path(folder), ignore_unknown_columns, summary)
    with tempfile.TemporaryDirectory(prefix="bulk-import-", dir=server.dir) as staging:
        progress.start(f"writing {folder} for neo4j-admin", plan.total)
        files = _Files(Path(staging), progress)
        with files.open():
            _write(plan, summary, files)
        progress.start("neo4j-admin database import full", None)
        with server.stopped():
            server.run_admin(*_arguments(settings.neo4j_database, files))
    with connect(settings) as db:
        apply_schema(db)
    return summary


@dataclass
class _Files:
    """The CSV files of one bulk import, written row by row."""

    folder: Path
    progress: Progress
    multiline: bool = False  # a value spans lines: neo4j-admin must be told
    written: dict[str, int] = field(default_factory=dict)
    _writers: dict[str, Any] = field(default_factory=dict)

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.csv"

    def open(self) -> ExitStack:
        """Open every file and write its header; closing the stack closes them."""
        stack = ExitStack()
        for name, header in HEADERS.items():
            handle: TextIO = stack.enter_context(
                self.path(name).open("w", encoding="utf-8", newline="")
            )
            self._writers[name] = csv.writer(handle, lineterminator="\n")
            self._writers[name].writerow(header)
            self.written[name] = 0
        return stack

    def add(self, name: str, rows: Iterable[list[Any]]) -> int:
        """Write ``rows`` (values in header order) to ``name``'s file; how many."""
        writer, before = self._writers[name], self.written[name]
        for chunk in chunks(rows, 5000):
            cells = [[_cell(value) for value in row] for row in chunk]
            self.multiline = self.multiline or any(
                "\n" in cell or "\r" in cell for row in cells for cell in row
            )
            writer.writerows(cells)
            self.written[name] += len(cells)
            self.progress.advance(len(cells))
        return self.written[name] - before


def _cell(value: Any) -> str:
    """One value as neo4j-admin reads it: empty for none, ``;`` between a list's items."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def _write(plan: Plan, summary: ImportSummary, files: _Files) -> None:
    """Every node and relationship the online writer would create, into ``files``; their
    counts into ``summary``, as created."""
    if plan.takeovers:  # only a graph that holds auto-created people has takeovers
        raise AssertionError("an empty database has no people to take over")
    rows = planned_rows(plan, summary)
    sizes = _Sizes(plan.shared_hashes)
    jobs = (job for job in rows.jobs if job["organisation_id"] is not None)
    created = {
        "organisations": files.add("Organisation", (_organisation(o) for o in rows.organisations)),
        "domains": files.add(
            "Domain", _pairs(rows.domains, "organisation_id", "domain", files, "HAS_DOMAIN")
        ),
        "people": files.add("Person", (_person(p) for p in rows.people)),
        "addresses": files.add(
            "Email", _pairs(rows.emails, "person_id", "address", files, "HAS_EMAIL")
        ),
        "jobs": files.add("WORKS_AT", (_job(job, current=True) for job in jobs)),
        "employments": files.add(
            "WORKS_AT", (_job(job, current=False) for job in rows.employments)
        ),
        "participations": files.add("PARTICIPATED", sizes.counting(rows.participations)),
        "conversations": files.add("Conversation", sizes.conversations(rows.conversations)),
    }
    for what, n in created.items():
        summary.count(what, {"created": n})


def _pairs(
    rows: Iterable[Row], owner: str, value: str, files: _Files, relationship: str
) -> Iterator[list[Any]]:
    """Nodes keyed by ``value`` (each held by one owner, as the checks made sure), writing
    each one's relationship from its owner on the way."""
    for row in rows:
        files.add(relationship, [[row[owner], row[value]]])
        yield [row[value]]


def _organisation(row: Row) -> list[Any]:
    props = row["props"]
    return [row["id"], props["name"], props["kind"], props["sector"]]


def _person(row: Row) -> list[Any]:
    props = row["props"]
    fields = ("name", "title", "level", "interests")
    return [row["id"], *(props.get(name) for name in fields), props["opt_out"]]


def _job(row: Row, *, current: bool) -> list[Any]:
    return [
        row["person_id"], row["organisation_id"], current, row["title"], row["level"],
        row["from"], row.get("until"),
    ]  # fmt: skip


class _Sizes:
    """Each conversation's number of participants, counted as the participations pass: the
    sorted 64-bit hashes of their conversation ids (8 bytes a participation). Exact: the
    conversations whose ids share a hash with another's are counted by id."""

    def __init__(self, shared_hashes: set[int]) -> None:
        self._shared = shared_hashes
        self._by_id: Counter[str] = Counter()
        self._hashes = array("q")
        self._sorted = np.empty(0, np.int64)

    def counting(self, participations: Iterable[Row]) -> Iterator[list[Any]]:
        for row in participations:
            key = hash(row["conversation_id"])
            self._hashes.append(key)
            if key in self._shared:
                self._by_id[row["conversation_id"]] += 1
            yield [row["person_id"], row["conversation_id"], row["role"]]
        self._sorted = np.sort(np.frombuffer(self._hashes, np.int64))

    def conversations(self, rows: Iterable[Row]) -> Iterator[list[Any]]:
        """The conversation rows, each with its number of participants."""
        for chunk in chunks(rows, 5000):
            wanted = np.fromiter((hash(row["id"]) for row in chunk), np.int64, len(chunk))
            right = np.searchsorted(self._sorted, wanted, "right")
            sizes = (right - np.searchsorted(self._sorted, wanted, "left")).tolist()
            for row, key, size in zip(chunk, wanted.tolist(), sizes, strict=True):
                props = row["props"]
                yield [
                    row["id"], props["date"], props["kind"], props["depth"],
                    props["duration_minutes"], props["subject"], props["source"],
                    self._by_id[row["id"]] if key in self._shared else size,
                ]  # fmt: skip


def _arguments(database: str, files: _Files) -> list[str]:
    """neo4j-admin's arguments for a full import of ``files`` into ``database``."""
    arguments = ["database", "import", "full", database, "--overwrite-destination=true"]
    for name in HEADERS:
        kind = "relationships" if name in RELATIONSHIPS else "nodes"
        arguments.append(f"--{kind}={name}={files.path(name)}")
    if files.multiline:
        arguments.append("--multiline-fields=true")
    return arguments

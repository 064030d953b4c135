"""``graphx import csv DIR --initial``: a first load of an empty local database by Neo4j's
offline bulk importer (``neo4j-admin database import full``).

The folder is checked exactly as the online import checks it (same messages; any problem
and nothing is loaded). As the checks read it, its rows, made by the functions that make
the online writer's, go into neo4j-admin's CSV files, one per label and relationship type
(temporary files, thrown away on any problem); jobs and conversations, which need the
whole folder read (a job's start, a conversation's number of participants), follow. The
server stops, the bulk importer loads the files, the server starts again and the schema is
applied: the graph the online import would have written, built without transactions or
MERGEs. Only for an empty database of the local server, since the bulk importer replaces a
database whole.
"""

from __future__ import annotations

import csv
import tempfile
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

import numpy as np

from graphx.db import Row, apply_schema, connect
from graphx.errors import Refused
from graphx.importers import files as folder_files
from graphx.importers.canonical import (
    Plan,
    check_folder,
    conversation_row,
    domain_rows,
    email_rows,
    organisation_row,
    participation_rows,
    person_row,
    planned_rows,
)
from graphx.importers.rows import OrganisationRow, cell
from graphx.importers.summary import ImportSummary
from graphx.importers.writer import NoProgress, Progress, chunks
from graphx.local_neo4j import LocalNeo4j
from graphx.repository import imports

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
    nothing loaded) for any problem of the folder.
    """
    settings = server.settings
    if not settings.uses_local_server:
        raise Refused(
            f"--initial bulk-loads graphx's own local Neo4j; NEO4J_URI is set "
            f"({settings.neo4j_uri}): import with `graphx import csv {folder}` instead"
        )
    progress = progress or NoProgress()
    summary = ImportSummary(source=str(folder))
    with (
        tempfile.TemporaryDirectory(prefix="bulk-import-", dir=server.dir) as staging,
        _Files(Path(staging), progress) as files,
    ):
        with connect(settings) as db:
            if imports.has_data(db):
                raise Refused(
                    f"--initial needs an empty database, and {settings.neo4j_database} holds "
                    f"data: import with `graphx import csv {folder}`, or empty it first with "
                    "`graphx db reset --yes`"
                )
            progress.start(f"checking {folder} and writing it for neo4j-admin", None)
            loader = _Loader(files, summary, _source(Path(folder)))
            plan = check_folder(db, Path(folder), ignore_unknown_columns, summary, loader)
        progress.start("writing jobs and conversations for neo4j-admin", None)
        loader.finish(plan)
        files.close()
        progress.start("stopping Neo4j", None)
        server.stop()
        try:
            progress.start("neo4j-admin database import full", None)
            server.run_admin(*_arguments(settings.neo4j_database, files))
        finally:
            progress.start("starting Neo4j", None)
            server.start()
    progress.start("applying the schema", None)
    with connect(settings) as db:
        apply_schema(db)
    return summary


def _source(folder: Path) -> str:
    """What the conversations of ``folder`` record as their source."""
    path = folder_files.find(folder, "conversations")
    return folder_files.source(path) if path is not None else "csv"


class _Files:
    """The CSV files of one bulk import (and a scratch file), written row by row."""

    def __init__(self, folder: Path, progress: Progress) -> None:
        self.folder, self.progress = folder, progress
        self.multiline = False  # a value spans lines: neo4j-admin must be told
        self.written: Counter[str] = Counter()
        self._handles: dict[str, TextIO] = {}
        self._writers: dict[str, Any] = {}

    def __enter__(self) -> _Files:
        for name, header in HEADERS.items():
            self.open(name).writerow(header)
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.csv"

    def open(self, name: str) -> Any:
        """A CSV writer of the file ``name``, created empty."""
        handle = self.path(name).open("w", encoding="utf-8", newline="")
        self._handles[name] = handle
        self._writers[name] = csv.writer(handle, lineterminator="\n")
        return self._writers[name]

    def close(self, *names: str) -> None:
        """Close the files ``names`` (all when none are named)."""
        for name in names or list(self._handles):
            self._handles.pop(name).close()

    def add(self, name: str, rows: Iterable[Sequence[Any]]) -> int:
        """Write ``rows`` (values in header order) to ``name``'s file; how many."""
        writer, before = self._writers[name], self.written[name]
        for chunk in chunks(rows, 5000):
            cells = [[cell(value) for value in row] for row in chunk]
            self.multiline = self.multiline or any(
                "\n" in text or "\r" in text for row in cells for text in row
            )
            writer.writerows(cells)
            self.written[name] += len(cells)
            self.progress.advance(len(cells))
        return self.written[name] - before


PENDING = "conversations-without-sizes"
"""The scratch file of the conversations, until their participants are counted."""


class _Loader:
    """The checks' Sink: writes each chunk of valid rows for neo4j-admin as it is read;
    ``finish`` writes the jobs and the conversations once the whole folder is checked."""

    def __init__(self, files: _Files, summary: ImportSummary, source: str) -> None:
        self.files, self.summary, self.source = files, summary, source
        self.sizes = _Sizes()
        self.pending = files.open(PENDING)

    def take(self, stem: str, rows: list[Any], opted_out: set[str]) -> None:
        files, created = self.files, self.summary.created
        if stem == "organisations":
            created["organisations"] += files.add("Organisation", map(_organisation, rows))
            created["domains"] += self._held(
                "Domain",
                "HAS_DOMAIN",
                ((r["organisation_id"], r["domain"]) for r in domain_rows(rows)),
            )
        elif stem == "people":
            people = (_person(person_row(person, opted_out)) for person in rows)
            created["people"] += files.add("Person", people)
            created["addresses"] += self._held(
                "Email", "HAS_EMAIL", ((r["person_id"], r["address"]) for r in email_rows(rows))
            )
        elif stem == "conversations":
            self.pending.writerows(
                [cell(value) for value in _conversation(conversation_row(c, self.source))]
                for c in rows
            )
        elif stem == "participants":
            taking_part = participation_rows(rows, opted_out, self.summary)
            created["participations"] += files.add("PARTICIPATED", self.sizes.counting(taking_part))

    def _held(self, node: str, relationship: str, pairs: Iterable[tuple[str, str]]) -> int:
        """Nodes keyed by the second of each pair (held by the first alone, as the checks made
        sure), and the relationships from their holders; how many nodes."""
        held = [[holder, value] for holder, value in pairs]
        self.files.add(relationship, held)
        return self.files.add(node, ([value] for _, value in held))

    def finish(self, plan: Plan) -> None:
        """The current and past jobs (re-read: their starts are known now) and the
        conversations with their sizes, once the checks have passed."""
        if plan.takeovers:  # only a graph that holds auto-created people has takeovers
            raise AssertionError("an empty database has no people to take over")
        rows, files, created = planned_rows(plan, self.summary), self.files, self.summary.created
        jobs = (job for job in rows.jobs if job["organisation_id"] is not None)
        created["jobs"] += files.add("WORKS_AT", (_job(job, current=True) for job in jobs))
        created["employments"] += files.add(
            "WORKS_AT", (_job(job, current=False) for job in rows.employments)
        )
        files.close(PENDING)
        with files.path(PENDING).open(encoding="utf-8", newline="") as pending:
            sized = self.sizes.conversations(csv.reader(pending), plan)
            created["conversations"] += files.add("Conversation", sized)


def _organisation(org: OrganisationRow) -> list[Any]:
    props = organisation_row(org)["props"]
    return [org.id, props["name"], props["kind"], props["sector"]]


def _person(row: Row) -> list[Any]:
    props = row["props"]
    fields = ("name", "title", "level", "interests")
    return [row["id"], *(props.get(name) for name in fields), props["opt_out"]]


def _conversation(row: Row) -> list[Any]:
    """A conversation's values in header order, but for its number of participants."""
    props = row["props"]
    return [
        row["id"], props["date"], props["kind"], props["depth"], props["duration_minutes"],
        props["subject"], props["source"],
    ]  # fmt: skip


def _job(row: Row, *, current: bool) -> list[Any]:
    return [
        row["person_id"], row["organisation_id"], current, row["title"], row["level"],
        row["from"], row.get("until"),
    ]  # fmt: skip


class _Sizes:
    """Each conversation's number of participants, counted as the participations pass: the
    sorted 64-bit hashes of their conversation ids (8 bytes a participation). Exact: those
    of conversations whose ids share a hash with another's are counted by id."""

    def __init__(self) -> None:
        self._hashes = array("q")

    def counting(self, participations: Iterable[Row]) -> Iterator[list[Any]]:
        for row in participations:
            self._hashes.append(hash(row["conversation_id"]))
            yield [row["person_id"], row["conversation_id"], row["role"]]

    def conversations(self, rows: Iterable[list[str]], plan: Plan) -> Iterator[list[Any]]:
        """``rows`` (a conversation's cells but its size), each with its size appended."""
        hashes = np.sort(np.frombuffer(self._hashes, np.int64))
        shared_hashes, by_id = plan.shared_hashes, _counted_by_id(plan)
        for chunk in chunks(rows, 5000):
            wanted = np.fromiter((hash(row[0]) for row in chunk), np.int64, len(chunk))
            right = np.searchsorted(hashes, wanted, "right")
            sizes = (right - np.searchsorted(hashes, wanted, "left")).tolist()
            for row, key, size in zip(chunk, wanted.tolist(), sizes, strict=True):
                yield [*row, by_id[row[0]] if key in shared_hashes else size]


def _counted_by_id(plan: Plan) -> Counter[str]:
    """The sizes of the conversations whose id's hash another id shares (almost never any),
    counted from the participants file again."""
    if not plan.shared_hashes:
        return Counter()
    scratch = ImportSummary(source="")  # the skips were counted in the first pass
    return Counter(
        row["conversation_id"]
        for row in planned_rows(plan, scratch).participations
        if hash(row["conversation_id"]) in plan.shared_hashes
    )


def _arguments(database: str, files: _Files) -> list[str]:
    """neo4j-admin's arguments for a full import of ``files`` into ``database``."""
    arguments = ["database", "import", "full", database, "--overwrite-destination=true"]
    for name in HEADERS:
        kind = "relationships" if name in RELATIONSHIPS else "nodes"
        arguments.append(f"--{kind}={name}={files.path(name)}")
    if files.multiline:
        arguments.append("--multiline-fields=true")
    return arguments

"""Online import (``graphx import csv``) and ``graphx import csv --initial`` against
``neo4j-admin database import full``, in one run.

Run: ``.venv/bin/python -m benchmarks.bench_import /tmp/large [--online] [--initial]``.

The physical reference: the canonical folder converted to neo4j-admin's header format (the
converter below -- benchmark code, not product code) and bulk-loaded offline by the
Maven-provided Neo4j into a fresh home of its own (``LocalNeo4j.admin``), then counted.
It loads the same graph the importer writes: Organisation, Domain, Person, Email and
Conversation nodes; HAS_DOMAIN, HAS_EMAIL, WORKS_AT (current job and employment history)
and PARTICIPATED relationships; each conversation's ``participants`` count and ``source``.

``--online`` also times ``graphx import csv DIR --no-score`` (the import alone, no re-scoring)
in a subprocess, into a fresh home whose server ``graphx db start`` started, reporting its
peak RSS (the children's ru_maxrss: the graphx process, larger than ``graphx db start``).

``--initial`` times ``import_initial`` (what ``graphx import csv DIR --initial --no-score``
runs) in this process, into a fresh home whose server ``graphx db start`` started (so that
it is not this process's child): the checks, the files for neo4j-admin, the bulk import and
the restart with the schema, each timed; Python's peak RSS (this process) and the admin
JVM's (its child) apart.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graphx.config import Settings, load_settings
from graphx.db import connect
from graphx.local_neo4j import LocalNeo4j
from graphx.model import DEFAULT_DEPTH

GRAPHX = str(Path(sys.executable).with_name("graphx"))
COUNT = (
    "MATCH (c:Conversation) WITH count(c) AS conversations"
    " MATCH ()-[r:PARTICIPATED]->() RETURN conversations, count(r) AS participations"
)  # benchmark check only


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f)


def _write(path: Path, header: list[str], rows: Iterable[list[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def convert(folder: Path, out: Path) -> dict[str, Path]:
    """Write neo4j-admin import CSVs for the canonical ``folder`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}

    def name(key: str) -> Path:
        files[key] = out / f"{key}.csv"
        return files[key]

    domains: set[str] = set()
    has_domain = []
    orgs = []
    for r in _rows(folder / "organisations.csv"):
        orgs.append([r["id"], r["name"], r["kind"], r.get("sector") or ""])
        for d in _split(r.get("domain") or ""):
            domains.add(d.lower())
            has_domain.append([r["id"], d.lower()])
    _write(name("organisations"), ["id:ID(Organisation)", "name", "kind", "sector"], orgs)
    _write(name("domains"), ["name:ID(Domain)"], ([d] for d in sorted(domains)))
    _write(name("has_domain"), [":START_ID(Organisation)", ":END_ID(Domain)"], has_domain)
    people, emails, has_email, works = [], set(), [], []
    for r in _rows(folder / "people.csv"):
        addresses = [a.lower() for a in _split(r.get("email") or "")]
        people.append([r["id"], r["name"], r.get("title") or "", r.get("level") or "",
                       ";".join(_split(r.get("interests") or "")),
                       (r.get("opt_out") or "false").lower()])  # fmt: skip
        for a in addresses:
            emails.add(a)
            has_email.append([r["id"], a])
        if r.get("organisation_id"):
            works.append([r["id"], r["organisation_id"], r.get("title") or "",
                          r.get("level") or "", "true", ""])  # fmt: skip
    employments = folder / "employments.csv"
    if employments.exists():
        for r in _rows(employments):
            if r.get("until"):
                works.append([r["person_id"], r["organisation_id"], r.get("title") or "",
                              r.get("level") or "", "false", r["until"]])  # fmt: skip
    _write(name("people"), ["id:ID(Person)", "name", "title", "level", "interests:string[]",
                            "opt_out:boolean"], people)  # fmt: skip
    _write(name("emails"), ["address:ID(Email)"], ([a] for a in sorted(emails)))
    _write(name("has_email"), [":START_ID(Person)", ":END_ID(Email)"], has_email)
    _write(name("works_at"), [":START_ID(Person)", ":END_ID(Organisation)", "title", "level",
                              "current:boolean", "until:date"], works)  # fmt: skip
    sizes = Counter(r["conversation_id"] for r in _rows(folder / "participants.csv"))
    _write(
        name("conversations"),
        ["id:ID(Conversation)", "date:datetime", "kind", "depth", "duration_minutes:int",
         "subject", "source", "participants:int"],
        ([r["id"], r["date"], r["kind"], r["depth"] or DEFAULT_DEPTH.get(r["kind"], ""),
          r["duration_minutes"], r["subject"], "csv", sizes.get(r["id"], 0)]
         for r in _rows(folder / "conversations.csv")),
    )  # fmt: skip
    _write(
        name("participated"),
        [":START_ID(Person)", ":END_ID(Conversation)", "role"],
        ([r["person_id"], r["conversation_id"], r["role"]]
         for r in _rows(folder / "participants.csv")),
    )  # fmt: skip
    return files


def _environment(home: Path) -> dict[str, str]:
    """This process's environment for a graphx home of its own (never NEO4J_URI)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return env | {"GRAPHX_HOME": str(home)}


def _loaded(settings: Settings) -> dict[str, int]:
    """The conversations and participations the server of ``settings`` holds."""
    with connect(settings) as db:
        record = db.driver.execute_query(COUNT, database_=db.database).records[0]
    return {"conversations": record["conversations"], "participations": record["participations"]}


@contextmanager
def _fresh_server(home: Path) -> Iterator[dict[str, str]]:
    """The environment of a fresh ``home`` whose server ``graphx db start`` runs (so it is
    not this process's child) for the block, stopped afterwards."""
    env = _environment(home)
    subprocess.run([GRAPHX, "db", "start"], check=True, env=env, capture_output=True)
    try:
        yield env
    finally:
        subprocess.run([GRAPHX, "db", "stop"], check=True, env=env, capture_output=True)


def admin_import(folder: Path, home: Path) -> tuple[float, float, dict[str, int]]:
    """Convert, bulk-load offline into a fresh home; (convert s, import s, counts)."""
    settings = load_settings(_environment(home))
    server = LocalNeo4j(settings)
    server.start()  # creates the home, its configuration and the databases
    server.stop()
    began = time.perf_counter()
    f = convert(folder, home / "admin-csv")
    converted = time.perf_counter() - began
    args = [
        "database", "import", "full", settings.neo4j_database, "--overwrite-destination=true",
        f"--nodes=Organisation={f['organisations']}", f"--nodes=Domain={f['domains']}",
        f"--nodes=Person={f['people']}", f"--nodes=Email={f['emails']}",
        f"--nodes=Conversation={f['conversations']}",
        f"--relationships=HAS_DOMAIN={f['has_domain']}",
        f"--relationships=HAS_EMAIL={f['has_email']}",
        f"--relationships=WORKS_AT={f['works_at']}",
        f"--relationships=PARTICIPATED={f['participated']}",
    ]  # fmt: skip
    began = time.perf_counter()
    done = server.admin(*args)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"neo4j-admin import failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    with server.running():
        counts = _loaded(settings)
    return converted, seconds, counts


def online_import(folder: Path, home: Path) -> float:
    """``graphx import csv --no-score`` into a fresh home's server: its seconds."""
    with _fresh_server(home) as env:
        began = time.perf_counter()
        subprocess.run([GRAPHX, "import", "csv", str(folder), "--no-score"], check=True, env=env)
        return time.perf_counter() - began


class _Phases:
    """A Progress that notes when each phase starts."""

    def __init__(self) -> None:
        self.began: list[tuple[str, float]] = []

    def start(self, label: str, total: int | None) -> None:
        self.began.append((label.split(" /")[0], time.perf_counter()))

    def advance(self, n: int) -> None:
        pass


def initial_import(
    folder: Path, home: Path
) -> tuple[float, list[tuple[str, float]], dict[str, int]]:
    """``import_initial`` into a fresh home: (seconds, seconds per phase, counts)."""
    from graphx.importers.initial import import_initial

    phases = _Phases()
    with _fresh_server(home) as env:
        settings = load_settings(env)
        began = time.perf_counter()
        import_initial(LocalNeo4j(settings), folder, progress=phases)
        seconds = time.perf_counter() - began
        ends = [at for _, at in phases.began[1:]] + [began + seconds]
        split = [(label, end - at) for (label, at), end in zip(phases.began, ends, strict=True)]
        return seconds, split, _loaded(settings)


def measure(kind: str, folder: Path) -> dict[str, Any]:
    """One measurement, in this process (``--only``): seconds, peak RSS, what was loaded."""
    with tempfile.TemporaryDirectory(prefix=f"gx-{kind}-") as home:
        if kind == "online":
            seconds = online_import(folder, Path(home))
            return {"seconds": seconds, "rss": _peak(resource.RUSAGE_CHILDREN)}
        if kind == "admin":
            converted, seconds, counts = admin_import(folder, Path(home))
            return {"seconds": seconds, "converted": converted, "loaded": counts,
                    "rss": _peak(resource.RUSAGE_CHILDREN)}  # fmt: skip
        seconds, split, counts = initial_import(folder, Path(home))
        python, jvm = _peak(resource.RUSAGE_SELF), _peak(resource.RUSAGE_CHILDREN)
        return {"seconds": seconds, "phases": split, "loaded": counts, "rss": python, "jvm": jvm}


def _peak(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--online", action="store_true", help="also time graphx import csv")
    parser.add_argument("--initial", action="store_true", help="also time import csv --initial")
    parser.add_argument("--only", choices=["admin", "initial", "online"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        print(json.dumps(measure(args.only, args.folder)))
        return
    kinds = ["admin"] + ["initial"] * args.initial + ["online"] * args.online
    found = {}
    for kind in kinds:  # each in a process of its own, so that peak memory is its own
        command = [
            sys.executable,
            "-m",
            "benchmarks.bench_import",
            str(args.folder),
            "--only",
            kind,
        ]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        found[kind] = json.loads(done.stdout.splitlines()[-1])
    conversations = sum(1 for _ in _rows(args.folder / "conversations.csv"))
    participations = sum(1 for _ in _rows(args.folder / "participants.csv"))
    raw = found["admin"]["seconds"]
    for kind, result in found.items():
        seconds = result["seconds"]
        print(f"{kind}: {seconds:.1f} s ({seconds / raw:.2f}x the raw neo4j-admin import),"
              f" {conversations / seconds:,.0f} conversations/s,"
              f" {participations / seconds:,.0f} participations/s;"
              f" {json.dumps(result)}")  # fmt: skip


if __name__ == "__main__":
    main()

"""``graphx import csv DIR``: the canonical folder, checked completely, then written.

Two streaming passes keep memory flat whatever the size of the files. The first reads each
row once, validates it and keeps only what the checks need: 64-bit hashes of the keys (a
re-scan names the rows behind a repeated hash), the references that point outside the
import, opt-outs, home organisations, and the addresses and domains the graph gives to
someone else. A row with a bad value still takes part in the checks of its other fields
(its key, references, addresses), so one run finds every problem: they raise one InputError
listing ``file:line: field: problem`` for each, and nothing is written. The second pass
re-reads the files and hands their rows to the ``Writer`` batch by batch: in one
transaction unless the import writes more than ``SINGLE_TRANSACTION_ROWS`` rows.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from operator import attrgetter
from pathlib import Path
from typing import Annotated, Any, Optional, Protocol, TypeVar, cast

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, Field, ValidationError, create_model

from graphx.db import Database, Row, apply_schema
from graphx.errors import InputError
from graphx.importers import files
from graphx.importers.resolve import AUTO_PERSON_PREFIX
from graphx.importers.rows import (
    MODELS,
    ConversationRow,
    EmploymentRow,
    OrganisationRow,
    ParticipantRow,
    PersonRow,
    problems_of,
)
from graphx.importers.summary import ImportSummary
from graphx.importers.writer import (
    SINGLE_TRANSACTION_ROWS,
    NoProgress,
    Progress,
    Stream,
    Writer,
    chunks,
)
from graphx.model import DEFAULT_DEPTH
from graphx.repository import imports

REQUIRED_FILES = ("organisations", "people", "conversations", "participants")
CHUNK = 5000
"""Rows checked together: one graph lookup and one hash lookup per chunk."""

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class _Unique:
    """How a file's rows are keyed (the attributes that make the key), and how a repeated key
    is reported."""

    fields: tuple[str, ...]
    field: str
    what: str

    @cached_property
    def key(self) -> Callable[[Any], Hashable]:
        """A row's key: the one field's value, or the tuple of the fields' values."""
        return attrgetter(*self.fields)


UNIQUE: dict[str, _Unique] = {
    "organisations": _Unique(("id",), "id", "id"),
    "people": _Unique(("id",), "id", "id"),
    "conversations": _Unique(("id",), "id", "id"),
    "participants": _Unique(("conversation_id", "person_id"), "person_id", "participant"),
    "employments": _Unique(("person_id", "organisation_id", "from_"), "from", "employment"),
}
"""Each file's key (no two rows may share it)."""

REFERENCES: dict[tuple[str, str], str] = {
    ("people", "organisation_id"): "organisations",
    ("employments", "organisation_id"): "organisations",
    ("employments", "person_id"): "people",
    ("participants", "conversation_id"): "conversations",
    ("participants", "person_id"): "people",
}
"""Fields naming a row of another file or of the graph, in the order problems are reported."""

TARGETS: dict[str, str] = {
    "organisations": "organisation",
    "people": "person",
    "conversations": "conversation",
}
"""What a referenced row is called in a problem."""


@dataclass
class Folder:
    """The validated rows of a canonical folder, each with its file name and line."""

    organisations: list[tuple[str, int, OrganisationRow]] = field(default_factory=list)
    people: list[tuple[str, int, PersonRow]] = field(default_factory=list)
    conversations: list[tuple[str, int, ConversationRow]] = field(default_factory=list)
    participants: list[tuple[str, int, ParticipantRow]] = field(default_factory=list)
    employments: list[tuple[str, int, EmploymentRow]] = field(default_factory=list)
    conversation_source: str = "csv"


def import_canonical(
    db: Database,
    folder: Path,
    *,
    ignore_unknown_columns: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Check every file of ``folder`` against itself and the graph, then write it.

    Raises InputError listing every ``file:line: field: problem`` and writes nothing when
    any row is bad. Re-importing the same folder changes nothing.
    """
    summary = ImportSummary(source=str(folder))
    progress = progress or NoProgress()
    progress.start(f"checking {folder}", None)
    plan = check_folder(db, Path(folder), ignore_unknown_columns, summary)
    writer = Writer(db, summary, single=plan.total <= SINGLE_TRANSACTION_ROWS)
    progress.start(f"importing {folder}", plan.total)
    writer.transact(lambda: writer.write(planned_rows(plan, summary), progress))
    return summary


class Sink(Protocol):
    """Takes each chunk of valid rows as the first pass reads it, with the opt-outs known so
    far (those of the rows' own file included)."""

    def take(self, stem: str, rows: list[Any], opted_out: set[str]) -> None: ...


def check_folder(
    db: Database, folder: Path, ignore: bool, summary: ImportSummary, sink: Sink | None = None
) -> Plan:
    """The first pass and the checks (InputError listing every problem); only their plan of
    the writes is kept, and what ``sink`` made of the rows on the way."""
    check = _Check(db, folder, ignore, summary, sink)
    check.read_all()
    apply_schema(db)
    return check.finish()


def parse_folder(
    folder: Path, ignore_unknown_columns: bool = False, summary: ImportSummary | None = None
) -> Folder:
    """Read and validate every file of ``folder`` into memory, without touching the database
    (for small folders; ``import_canonical`` streams instead).

    Raises InputError naming ``file:line: field: problem`` for every bad row.
    """
    summary = summary if summary is not None else ImportSummary(source=str(folder))
    if not folder.is_dir():
        raise InputError([f"{folder}: not a folder"])
    parsed = Folder()
    problems: list[str] = []
    for stem, model in MODELS.items():
        path = _locate(folder, stem, problems)
        if path is None:
            continue
        raw = files.RawFile(path, stem, ignore_unknown_columns)
        rows = getattr(parsed, stem)
        rows.extend((raw.name, line, row) for line, row in _validated(raw, model, problems))
        summary.read[raw.name] = raw.rows_read
        if stem == "conversations":
            parsed.conversation_source = files.source(path)
    if problems:
        raise InputError(problems)
    return parsed


def _locate(folder: Path, stem: str, problems: list[str]) -> Path | None:
    """The file of ``stem`` in ``folder``; a missing required file is a problem."""
    path = files.find(folder, stem)
    if path is None and stem in REQUIRED_FILES:
        problems.append(f"{folder / stem}.csv: file: missing (nor {stem}.jsonl)")
    return path


@dataclass(frozen=True)
class Loose:
    """A row that failed validation, for the checks of its other fields: each attribute is
    the field's value where it is valid, else None; ``bad`` names the invalid fields."""

    row: BaseModel
    bad: frozenset[str]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.row, name)


def _loose(model: type[BaseModel], fields: dict[str, Any], found: list[tuple[str, str]]) -> Loose:
    """What ``fields`` (which fail ``model`` with the problems ``found``) still hold."""
    named = {info.alias or name: name for name, info in model.model_fields.items()}
    bad = frozenset(named.get(field, field) for field, _ in found)
    valid = {key: value for key, value in fields.items() if named.get(key) not in bad}
    return Loose(_lenient(model).model_validate(valid), bad)


@cache
def _lenient(model: type[BaseModel]) -> type[BaseModel]:
    """``model`` with every field optional (None when absent), validated as before."""
    optional: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        kind: Any = Optional[info.annotation]  # noqa: UP045 (a runtime type, not a hint)
        if info.metadata:
            kind = Annotated[(kind, *info.metadata)]
        optional[name] = (kind, Field(None, alias=info.alias))
    return create_model(f"Loose{model.__name__}", __base__=model, **optional)


def keyed(stem: str, row: BaseModel | Loose) -> bool:
    """Whether ``row``'s key is known: it is valid, or its key's own fields are."""
    return not isinstance(row, Loose) or not row.bad.intersection(UNIQUE[stem].fields)


def _validated(
    raw: files.RawFile, model: type[M], problems: list[str], loose: bool = False
) -> Iterator[tuple[int, M | Loose]]:
    """``(line, row)`` of each valid row of ``raw`` (and, when ``loose``, a ``Loose`` for
    each invalid one); once read to the end, the file's shape problems and then its bad
    values are added to ``problems``."""
    invalid: list[str] = []
    for line, fields in raw.rows():
        try:
            row = model.model_validate(fields)
        except ValidationError as exc:
            found = problems_of(exc)
            invalid.extend(f"{raw.name}:{line}: {f}: {m}" for f, m in found)
            if loose:
                yield line, _loose(model, fields, found)
            continue
        yield line, row
    problems.extend(raw.problems + invalid)


def _show(key: Any) -> str:
    """A key as the file spells it: ``'p1' + 'o1' + '2020-01-01'`` (dates in ISO form)."""
    parts = key if isinstance(key, tuple) else (key,)
    return " + ".join(repr(k.isoformat() if isinstance(k, date) else k) for k in parts)


class Keys:
    """The 64-bit hashes of a file's keys: 8 bytes a key, however long the key.

    Enough to tell which keys repeat (a re-scan then compares the keys themselves, so a
    shared hash is never reported) and whether a reference is among them. There a shared
    hash would pass one unknown reference unreported (its row then writes nothing): among a
    million keys, a chance of about one in 10^13 per reference.
    """

    def __init__(self) -> None:
        self._added = array("q")
        self._sorted: npt.NDArray[np.int64] = np.empty(0, np.int64)

    def add(self, keys: Iterable[Hashable]) -> None:
        self._added.extend(hash(key) for key in keys)

    def freeze(self) -> set[int]:
        """Sort the hashes (in place: no key can be added after); those seen more than once."""
        self._sorted = np.frombuffer(self._added, np.int64)
        self._sorted.sort()
        same = self._sorted[1:] == self._sorted[:-1]
        return set(self._sorted[1:][same].tolist())

    def has(self, keys: Sequence[Hashable]) -> list[bool]:
        """Whether each of ``keys`` is among the frozen keys."""
        if not len(self._sorted):
            return [False] * len(keys)
        wanted = np.fromiter((hash(key) for key in keys), np.int64, len(keys))
        at = np.minimum(np.searchsorted(self._sorted, wanted), len(self._sorted) - 1)
        found: list[bool] = (self._sorted[at] == wanted).tolist()
        return found


@dataclass
class _Owners:
    """The addresses (or domains) a file's rows hold: their hashes, to find repeats, and
    each one the graph gives another owner, as ``(value, graph's owner, row's owner, line)``."""

    keys: Keys = field(default_factory=Keys)
    foreign: list[tuple[str, str, str, int]] = field(default_factory=list)
    repeated: set[int] = field(default_factory=set)

    def note(self, held: list[tuple[str, str, int]], found: Iterable[tuple[str, str]]) -> None:
        """``held``: ``(value, owner, line)`` in the import; ``found``: ``(value, owner)``
        in the graph."""
        self.keys.add(value for value, _, _ in held)
        where: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for value, owner, line in held:
            where[value].append((owner, line))
        for value, current in found:
            self.foreign.extend(
                (value, current, owner, line) for owner, line in where[value] if owner != current
            )


@dataclass(frozen=True)
class _Files:
    """The files of a folder that passed the first pass, to be read again."""

    paths: dict[str, Path]
    ignore_unknown_columns: bool

    def name(self, stem: str) -> str:
        return self.paths[stem].name

    def rows(self, stem: str, model: type[M]) -> Iterator[tuple[int, M]]:
        """``(line, row)`` of each row of ``stem`` (none when the optional file is absent);
        InputError if the file changed since and no longer validates."""
        problems: list[str] = []
        valid = self._read(stem, model, problems, loose=False)  # no Loose rows: not loose
        yield from cast("Iterator[tuple[int, M]]", valid)
        if problems:
            raise InputError(problems)

    def checked(self, stem: str, model: type[M]) -> Iterator[tuple[int, M | Loose]]:
        """``(line, row)`` of each row of ``stem`` that has its key: valid, or ``Loose``
        with its key's fields valid (the first pass reported the rest)."""
        for line, row in self._read(stem, model, [], loose=True):
            if keyed(stem, row):
                yield line, row

    def _read(
        self, stem: str, model: type[M], problems: list[str], loose: bool
    ) -> Iterator[tuple[int, M | Loose]]:
        path = self.paths.get(stem)
        if path is not None:
            raw = files.RawFile(path, stem, self.ignore_unknown_columns)
            yield from _validated(raw, model, problems, loose)


@dataclass
class Plan:
    """What the write pass needs: the files, opt-outs, takeovers of auto-created people, the
    start of each current job that employments.csv gives, the number of rows to write, and
    the 64-bit hashes that distinct conversation ids share."""

    files: _Files
    source: str
    opted_out: set[str]
    takeovers: list[Row]
    job_starts: dict[tuple[str, str], date | None]
    total: int
    shared_hashes: set[int]


class _Check:
    """The first pass over a folder, and the checks on what it kept."""

    def __init__(
        self, db: Database, folder: Path, ignore: bool, summary: ImportSummary, sink: Sink | None
    ) -> None:
        self.db, self.folder, self.summary, self.sink = db, folder, summary, sink
        self.files = _Files({}, ignore)
        self.problems: list[str] = []
        self.counts: Counter[str] = Counter()
        self.keys = {stem: Keys() for stem in UNIQUE}
        self.repeated: dict[str, set[int]] = {}
        self.repeats: dict[str, set[int]] = defaultdict(set)  # lines repeating a key
        self.outside: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.homes: list[tuple[int, str]] = []
        self.addresses, self.domains = _Owners(), _Owners()
        self.opted_out: set[str] = set()
        self.takeovers: list[Row] = []
        self.open_jobs: dict[tuple[str, str], tuple[date | None, int]] = {}
        self.unread: set[str] = set()  # files missing, or not readable to their end

    def read_all(self) -> None:
        """Validate every row, noting its problems (InputError only when there is no folder).

        A row with a bad value, if its key is valid, still takes part in the checks of its
        other fields; a row without a valid key takes part in none.
        """
        if not self.folder.is_dir():
            raise InputError([f"{self.folder}: not a folder"])
        self._file("organisations", OrganisationRow, self._organisations)
        self._file("people", PersonRow, self._people)
        self._file("conversations", ConversationRow, lambda chunk: None)
        self._file("participants", ParticipantRow, self._participants)
        self._file("employments", EmploymentRow, self._employments)

    def _file(
        self, stem: str, model: type[M], check: Callable[[list[tuple[int, M | Loose]]], None]
    ) -> None:
        path = _locate(self.folder, stem, self.problems)
        if path is None:
            self.unread.add(stem)
            return
        self.files.paths[stem] = path
        raw = files.RawFile(path, stem, self.files.ignore_unknown_columns)
        rows = _validated(raw, model, self.problems, loose=True)
        for chunk in chunks(((line, row) for line, row in rows if keyed(stem, row)), CHUNK):
            self._chunk(stem, [row for _, row in chunk])
            check(chunk)
            if self.sink is not None:
                valid = [row for _, row in chunk if not isinstance(row, Loose)]
                self.sink.take(stem, valid, self.opted_out)
            chunk.clear()  # else it lives on while the next chunk is read
        self.summary.read[raw.name] = raw.rows_read
        self.repeated[stem] = self.keys[stem].freeze()
        if not raw.read_whole:
            self.unread.add(stem)

    def _chunk(self, stem: str, rows: list[Any]) -> None:
        """Count the rows, note their keys and the references outside the import."""
        self.counts[stem] += len(rows)
        self.keys[stem].add(UNIQUE[stem].key(row) for row in rows)
        for name in (f for s, f in REFERENCES if s == stem):
            self._refer(stem, name, [getattr(row, name) for row in rows])

    def _refer(self, stem: str, name: str, values: list[str | None]) -> None:
        """Count the references (per id) that name no row of the import."""
        ids = [value for value in values if value is not None]
        outside = self.outside[(stem, name)]
        for value, inside in zip(ids, self.keys[REFERENCES[(stem, name)]].has(ids), strict=True):
            if not inside:
                outside[value] += 1

    def _organisations(self, chunk: list[tuple[int, OrganisationRow | Loose]]) -> None:
        self.homes.extend((line, org.id) for line, org in chunk if org.kind == "home")
        held = [(domain, org.id, line) for line, org in chunk for domain in org.domain or ()]
        self.counts["domains"] += len(held)
        values = sorted({value for value, _, _ in held})
        found = imports.domain_owners(self.db, values) if values else []
        self.domains.note(held, found)

    def _people(self, chunk: list[tuple[int, PersonRow | Loose]]) -> None:
        ids = [person.id for _, person in chunk]
        stored = {pid for pid, opted_out in imports.existing_people(self.db, ids) if opted_out}
        self.opted_out.update(p.id for _, p in chunk if p.opt_out or p.id in stored)
        self.counts["jobs"] += sum(p.id not in self.opted_out for _, p in chunk)
        held = [(address, p.id, line) for line, p in chunk for address in p.email or ()]
        self.counts["addresses"] += len(held)
        values = sorted({value for value, _, _ in held})
        found = imports.address_owners(self.db, values) if values else []
        self.addresses.note(held, ((address, owner) for address, owner, _ in found))

    def _participants(self, chunk: list[tuple[int, ParticipantRow | Loose]]) -> None:
        self.counts["participants skipped"] += sum(p.person_id in self.opted_out for _, p in chunk)

    def _employments(self, chunk: list[tuple[int, EmploymentRow | Loose]]) -> None:
        self.counts["employments skipped"] += sum(e.person_id in self.opted_out for _, e in chunk)
        for _, emp in chunk:
            if emp.until is None:  # perhaps the current job's start
                key = (emp.person_id, emp.organisation_id)
                self.open_jobs[key] = (emp.from_, self.open_jobs.get(key, (None, 0))[1] + 1)

    def finish(self) -> Plan:
        """Check keys, references, the home rule, addresses and domains against the import
        and the graph; InputError listing every problem (the rows' own first), else the plan
        of the writes."""
        self.addresses.repeated = self.addresses.keys.freeze()
        self.domains.repeated = self.domains.keys.freeze()
        unknown = self._look_up()
        problems = self.problems + self._duplicates()
        problems += self._unknown(unknown)
        problems += self._home()
        problems += self._address_problems()
        problems += self._domain_problems()
        if problems:
            raise InputError(problems)
        return self._plan()

    def _look_up(self) -> dict[str, set[str]]:
        """The ids referenced outside the import that the graph lacks too, by the file they
        would be rows of (none for a file missing or unreadable: its rows are unknown); the
        opt-outs among the people the graph holds."""
        unknown: dict[str, set[str]] = {}
        for target in TARGETS:
            if target in self.unread:
                unknown[target] = set()
                continue
            counted = [ids for ref, ids in self.outside.items() if REFERENCES[ref] == target]
            wanted = {i for ids in counted for i in ids}
            found: set[str] = set()
            for chunk in chunks(sorted(wanted), CHUNK):
                for found_id, opted_out in self._stored(target, chunk):
                    found.add(found_id)
                    if opted_out:
                        self._opt_out_outside(found_id)
            unknown[target] = wanted - found
        return unknown

    def _stored(self, target: str, ids: list[str]) -> Iterable[tuple[str, bool]]:
        """``(id, opted out)`` of those of ``ids`` the graph holds as rows of ``target``."""
        if target == "people":
            return imports.existing_people(self.db, ids)
        if target == "organisations":
            return ((oid, False) for oid in imports.existing_organisations(self.db, ids))
        return ((cid, False) for cid in imports.existing_conversations(self.db, ids))

    def _opt_out_outside(self, person_id: str) -> None:
        self.opted_out.add(person_id)
        for stem in ("participants", "employments"):
            self.counts[f"{stem} skipped"] += self.outside[(stem, "person_id")][person_id]

    def _duplicates(self) -> list[str]:
        """A re-scan of each file whose key hashes repeat names each repeated key."""
        problems: list[str] = []
        for stem, unique in UNIQUE.items():
            repeated = self.repeated.get(stem)
            if not repeated:
                continue
            first: dict[Hashable, int] = {}
            for line, row in self.files.checked(stem, MODELS[stem]):
                key = unique.key(row)
                if hash(key) not in repeated:
                    continue
                if key not in first:
                    first[key] = line
                    continue
                self.repeats[stem].add(line)
                problems.append(
                    f"{self.files.name(stem)}:{line}: {unique.field}: duplicate {unique.what} "
                    f"{_show(key)} (first on line {first[key]})"
                )
        return problems

    def _unknown(self, unknown: dict[str, set[str]]) -> list[str]:
        """A re-scan of each file with a reference the import and the graph both lack."""
        problems: list[str] = []
        for stem in dict.fromkeys(s for s, _ in REFERENCES):
            fields = [(f, t) for (s, f), t in REFERENCES.items() if s == stem and unknown[t]]
            if not fields:
                continue
            for line, row in self.files.checked(stem, MODELS[stem]):
                if line in self.repeats[stem]:
                    continue
                for name, target in fields:
                    value = getattr(row, name)
                    if value in unknown[target]:
                        problems.append(
                            f"{self.files.name(stem)}:{line}: {name}: "
                            f"unknown {TARGETS[target]} {value!r}"
                        )
        return problems

    def _home(self) -> list[str]:
        """Exactly one organisation of kind home, in the import or in the graph (unless
        organisations.csv could not be read)."""
        if "organisations" in self.unread:
            return []
        stored = imports.home_organisations(self.db)
        imported = self.keys["organisations"].has(stored)
        stored = [oid for oid, inside in zip(stored, imported, strict=True) if not inside]
        homes = [
            (line, oid) for line, oid in self.homes if line not in self.repeats["organisations"]
        ]
        name = self.files.name("organisations") if self.counts["organisations"] else None
        problems = [
            f"{name}:{line}: kind: a second 'home' organisation {oid!r} "
            f"(exactly one is allowed; {stored[0] if stored else homes[0][1]!r} is home)"
            for line, oid in (homes if stored else homes[1:])
        ]
        if not homes and not stored:
            problems.append(
                f"{name or 'organisations.csv'}:1: kind: "
                "no organisation of kind 'home' (exactly one is needed)"
            )
        return problems

    def _held_twice(
        self, stem: str, owners: _Owners, field: str, also: str
    ) -> tuple[list[str], list[tuple[str, str, str, int]]]:
        """Problems for values of ``field`` two rows hold, and the graph's other owners of
        the values their first holders hold (sorted by value)."""
        name, problems = self.files.name(stem), []
        first: dict[str, tuple[Hashable, int]] = {}  # value: (its first holder, line)
        for line, row in self.files.checked(stem, MODELS[stem]) if owners.repeated else ():
            if line in self.repeats[stem]:
                continue
            for value in getattr(row, field) or ():
                if hash(value) not in owners.repeated:
                    continue
                if value in first:
                    other, at = first[value]
                    problems.append(
                        f"{name}:{line}: {field}: {value!r} is also {also} {other!r} (line {at})"
                    )
                else:
                    first[value] = (UNIQUE[stem].key(row), line)
        foreign = [
            found
            for found in owners.foreign
            if found[3] not in self.repeats[stem]
            and (found[0] not in first or first[found[0]][1] == found[3])
        ]
        return problems, sorted(foreign, key=lambda found: found[0])

    def _address_problems(self) -> list[str]:
        """Each address belongs to one person; one of an auto-created person is taken over."""
        problems, foreign = self._held_twice("people", self.addresses, "email", "the address of")
        takeovers: dict[str, str] = {}
        for address, current, person_id, line in foreign:
            if current.startswith(AUTO_PERSON_PREFIX) and not self.keys["people"].has([current])[0]:
                takeovers[current] = person_id
                continue
            problems.append(
                f"{self.files.name('people')}:{line}: email: {address!r} already belongs to "
                f"person {current!r}"
            )
        self.takeovers = [{"keep": keep, "drop": drop} for drop, keep in sorted(takeovers.items())]
        return problems

    def _domain_problems(self) -> list[str]:
        """Each domain belongs to one organisation."""
        problems, foreign = self._held_twice("organisations", self.domains, "domain", "a domain of")
        problems.extend(
            f"{self.files.name('organisations')}:{line}: domain: {domain!r} already belongs "
            f"to organisation {current!r}"
            for domain, current, _, line in foreign
        )
        return problems

    def _plan(self) -> Plan:
        starts, absorbed = self._job_starts()
        counts = self.counts
        total = (
            counts["organisations"] + counts["domains"] + counts["people"] + counts["addresses"]
            + counts["jobs"] + counts["conversations"]
            + counts["employments"] - counts["employments skipped"] - absorbed
            + counts["participants"] - counts["participants skipped"]
        )  # fmt: skip
        source = files.source(self.files.paths["conversations"])
        shared = self.repeated.get("conversations", set())  # no id repeats: ids share these
        return Plan(self.files, source, self.opted_out, self.takeovers, starts, total, shared)

    def _job_starts(self) -> tuple[dict[tuple[str, str], date | None], int]:
        """The start of each current job that an open-ended employment at the same
        organisation gives (the last such), and how many employment rows that takes."""
        starts: dict[tuple[str, str], date | None] = {}
        absorbed = 0
        people = self.files.rows("people", PersonRow) if self.open_jobs else iter(())
        for _, person in people:
            if person.organisation_id is None or person.id in self.opted_out:
                continue
            key = (person.id, person.organisation_id)
            if key in self.open_jobs:
                starts[key], n = self.open_jobs[key]
                absorbed += n
        return starts, absorbed


def planned_rows(plan: Plan, summary: ImportSummary) -> Stream:
    """The rows of the folder, re-read file by file as the writer consumes them."""
    opted_out = plan.opted_out

    def read(stem: str, model: type[M]) -> Iterator[M]:
        return (row for _, row in plan.files.rows(stem, model))

    return Stream(
        organisations=map(organisation_row, read("organisations", OrganisationRow)),
        domains=domain_rows(read("organisations", OrganisationRow)),
        people=(person_row(p, opted_out) for p in read("people", PersonRow)),
        opted_out=(p.id for p in read("people", PersonRow) if p.id in opted_out),
        emails=email_rows(read("people", PersonRow)),
        takeovers=plan.takeovers,
        jobs=(_job(p, plan.job_starts) for p in read("people", PersonRow) if p.id not in opted_out),
        employments=_employments(plan, summary),
        conversations=(
            conversation_row(c, plan.source) for c in read("conversations", ConversationRow)
        ),
        participations=participation_rows(read("participants", ParticipantRow), opted_out, summary),
    )


def organisation_row(org: OrganisationRow) -> Row:
    return {"id": org.id, "props": {"name": org.name, "kind": org.kind, "sector": org.sector}}


def domain_rows(organisations: Iterable[OrganisationRow]) -> Iterator[Row]:
    for org in organisations:
        for domain in org.domain:
            yield {"organisation_id": org.id, "domain": domain}


def person_row(person: PersonRow, opted_out: set[str]) -> Row:
    if person.id in opted_out:
        return {"id": person.id, "props": {"opt_out": True}}
    props = {
        "name": person.name,
        "title": person.title,
        "level": person.level,
        "interests": person.interests or None,  # none: no property, as for people met in mail
        "opt_out": False,
    }
    return {"id": person.id, "props": props}


def email_rows(people: Iterable[PersonRow]) -> Iterator[Row]:
    for person in people:
        for address in person.email:
            yield {"person_id": person.id, "address": address}


def _job(person: PersonRow, starts: dict[tuple[str, str], date | None]) -> Row:
    """The current job (people.csv); its start comes from employments.csv."""
    start = starts.get((person.id, person.organisation_id)) if person.organisation_id else None
    return {
        "person_id": person.id,
        "organisation_id": person.organisation_id,
        "from": start,
        "title": person.title,
        "level": person.level,
    }


def _employments(plan: Plan, summary: ImportSummary) -> Iterator[Row]:
    """Past jobs: not of opted-out people, nor the current job's start (written with it)."""
    for _, emp in plan.files.rows("employments", EmploymentRow):
        if emp.person_id in plan.opted_out:
            summary.skip("employment of an opted-out person")
            continue
        if emp.until is None and (emp.person_id, emp.organisation_id) in plan.job_starts:
            continue
        yield {
            "person_id": emp.person_id,
            "organisation_id": emp.organisation_id,
            "title": emp.title,
            "level": emp.level,
            "from": emp.from_,
            "until": emp.until,
        }


def conversation_row(conv: ConversationRow, source: str) -> Row:
    props = {
        "date": conv.date,
        "kind": conv.kind,
        "depth": conv.depth or DEFAULT_DEPTH[conv.kind],
        "duration_minutes": conv.duration_minutes,
        "subject": conv.subject,
        "source": source,
    }
    return {"id": conv.id, "props": props}


def participation_rows(
    participants: Iterable[ParticipantRow], opted_out: set[str], summary: ImportSummary
) -> Iterator[Row]:
    """Who took part, but for opted-out people (each one counted as skipped)."""
    for part in participants:
        if part.person_id in opted_out:
            summary.skip("participant opted out")
            continue
        yield {"conversation_id": part.conversation_id, "person_id": part.person_id,
               "role": part.role}  # fmt: skip

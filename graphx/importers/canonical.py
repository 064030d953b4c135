"""``graphx import csv DIR``: the canonical folder, validated completely before any write."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from graphx.db import Database, apply_schema
from graphx.errors import InputError
from graphx.importers import files
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
from graphx.importers.writer import SINGLE_TRANSACTION_ROWS, Batch, Progress, Writer
from graphx.model import DEFAULT_DEPTH

REQUIRED_FILES = ("organisations", "people", "conversations", "participants")
OPTIONAL_FILES = ("employments",)
AUTO_PERSON_PREFIX = "email:"
"""Ids of people created from an unknown address start with this; a CSV person takes them over."""

T = TypeVar("T")


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
    """Validate every file of ``folder``, then write it all in one transaction.

    Raises InputError listing every ``file:line: field: problem`` and writes nothing when
    any row is bad. Re-importing the same folder changes nothing.
    """
    summary = ImportSummary(source=str(folder))
    parsed = parse_folder(Path(folder), ignore_unknown_columns, summary)
    problems: list[str] = []
    apply_schema(db)
    batch = _check_and_build(db, parsed, summary, problems)
    if problems:
        raise InputError(problems)
    writer = Writer(db, summary, single=batch.size() <= SINGLE_TRANSACTION_ROWS)
    if progress is not None:
        progress.start(f"importing {folder}", batch.size())
    writer.write_all(batch, progress)
    return summary


def parse_folder(
    folder: Path, ignore_unknown_columns: bool = False, summary: ImportSummary | None = None
) -> Folder:
    """Read and validate every file of ``folder`` without touching the database.

    Raises InputError naming ``file:line: field: problem`` for every bad row.
    """
    summary = summary if summary is not None else ImportSummary(source=str(folder))
    problems: list[str] = []
    parsed = _parse(folder, ignore_unknown_columns, summary, problems)
    if problems:
        raise InputError(problems)
    return parsed


def _parse(
    folder: Path, ignore_unknown: bool, summary: ImportSummary, problems: list[str]
) -> Folder:
    parsed = Folder()
    if not folder.is_dir():
        raise InputError([f"{folder}: not a folder"])
    for stem in REQUIRED_FILES + OPTIONAL_FILES:
        path = files.find(folder, stem)
        if path is None:
            if stem in REQUIRED_FILES:
                problems.append(f"{folder / stem}.csv: file: missing (nor {stem}.jsonl)")
            continue
        raw = files.read(path, stem, ignore_unknown)
        problems.extend(raw.problems)
        summary.read[raw.name] = len(raw.rows)
        model = MODELS[stem]
        valid = getattr(parsed, stem)
        for line, fields in raw.rows:
            try:
                valid.append((raw.name, line, model.model_validate(fields)))
            except ValidationError as exc:
                problems.extend(f"{raw.name}:{line}: {f}: {m}" for f, m in problems_of(exc))
        if stem == "conversations":
            parsed.conversation_source = raw.source
    return parsed


def _unique(
    rows: Iterable[tuple[str, int, T]], key: Any, field_name: str, what: str, problems: list[str]
) -> dict[Any, tuple[str, int, T]]:
    """Rows by key; a repeated key is a problem naming the first line."""
    seen: dict[Any, tuple[str, int, T]] = {}
    for name, line, row in rows:
        k = key(row)
        if k in seen:
            problems.append(
                f"{name}:{line}: {field_name}: duplicate {what} {_show(k)} "
                f"(first on line {seen[k][1]})"
            )
            continue
        seen[k] = (name, line, row)
    return seen


def _show(key: Any) -> str:
    return " + ".join(repr(k) for k in key) if isinstance(key, tuple) else repr(key)


def _check_and_build(
    db: Database, parsed: Folder, summary: ImportSummary, problems: list[str]
) -> Batch:
    """Check uniqueness, references and the home rule against the import and the graph."""
    organisations = _unique(parsed.organisations, lambda r: r.id, "id", "id", problems)
    people = _unique(parsed.people, lambda r: r.id, "id", "id", problems)
    conversations = _unique(parsed.conversations, lambda r: r.id, "id", "id", problems)
    participants = _unique(
        parsed.participants,
        lambda r: (r.conversation_id, r.person_id),
        "person_id",
        "participant",
        problems,
    )
    employments = _unique(
        parsed.employments,
        lambda r: (r.person_id, r.organisation_id, r.from_),
        "from",
        "employment",
        problems,
    )

    def missing(read: str, ids: set[str]) -> set[str]:
        found = {row["id"] for row in db.read(read, ids=sorted(ids))} if ids else set()
        return ids - found

    org_refs = {r.organisation_id for _, _, r in people.values() if r.organisation_id}
    org_refs |= {r.organisation_id for _, _, r in employments.values()}
    unknown_orgs = missing("import.existing_organisations", org_refs - set(organisations))
    person_refs = {r.person_id for _, _, r in participants.values()}
    person_refs |= {r.person_id for _, _, r in employments.values()}
    stored_people = {
        row["id"]: row["opt_out"]
        for row in db.read("import.existing_people", ids=sorted(person_refs | set(people)))
    }
    conv_refs = {r.conversation_id for _, _, r in participants.values()} - set(conversations)
    unknown_convs = missing("import.existing_conversations", conv_refs)

    for name, line, row in people.values():
        if row.organisation_id in unknown_orgs:
            problems.append(
                f"{name}:{line}: organisation_id: unknown organisation {row.organisation_id!r}"
            )
    for name, line, emp in employments.values():
        if emp.organisation_id in unknown_orgs:
            problems.append(
                f"{name}:{line}: organisation_id: unknown organisation {emp.organisation_id!r}"
            )
        if emp.person_id not in people and emp.person_id not in stored_people:
            problems.append(f"{name}:{line}: person_id: unknown person {emp.person_id!r}")
    for name, line, part in participants.values():
        if part.conversation_id in unknown_convs:
            problems.append(
                f"{name}:{line}: conversation_id: unknown conversation {part.conversation_id!r}"
            )
        if part.person_id not in people and part.person_id not in stored_people:
            problems.append(f"{name}:{line}: person_id: unknown person {part.person_id!r}")

    _check_home(db, organisations, problems)
    takeovers = _check_addresses(db, people, problems)
    _check_domains(db, organisations, problems)
    if problems:
        return Batch()

    opted_out = {pid for pid, (_, _, r) in people.items() if r.opt_out}
    opted_out |= {pid for pid, flag in stored_people.items() if flag}
    return _build(
        parsed, organisations, people, conversations, participants, employments,
        opted_out, takeovers, summary,
    )  # fmt: skip


def _check_home(
    db: Database, organisations: dict[str, tuple[str, int, OrganisationRow]], problems: list[str]
) -> None:
    stored = [row["id"] for row in db.read("import.home_organisations")]
    stored = [oid for oid in stored if oid not in organisations]
    homes = [(name, line, r) for name, line, r in organisations.values() if r.kind == "home"]
    for name, line, row in homes[1:] if not stored else homes:
        first = stored[0] if stored else homes[0][2].id
        problems.append(
            f"{name}:{line}: kind: a second 'home' organisation {row.id!r} "
            f"(exactly one is allowed; {first!r} is home)"
        )
    if not homes and not stored:
        name = next(iter(organisations.values()))[0] if organisations else "organisations.csv"
        problems.append(f"{name}:1: kind: no organisation of kind 'home' (exactly one is needed)")


def _check_addresses(
    db: Database, people: dict[str, tuple[str, int, PersonRow]], problems: list[str]
) -> list[dict[str, str]]:
    """Each address belongs to one person; an address of an auto-created person is taken over."""
    owner: dict[str, tuple[str, int]] = {}
    for pid, (name, line, row) in people.items():
        for address in row.email:
            if address in owner:
                other, first = owner[address]
                problems.append(
                    f"{name}:{line}: email: {address!r} is also the address of {other!r} "
                    f"(line {first})"
                )
            else:
                owner[address] = (pid, line)
    takeovers: dict[str, str] = {}
    addresses = sorted(owner)
    stored = db.read("import.address_owners", addresses=addresses) if addresses else []
    for found in stored:
        pid, line = owner[found["address"]]
        current = found["person_id"]
        if current == pid:
            continue
        if current.startswith(AUTO_PERSON_PREFIX) and current not in people:
            takeovers[current] = pid
            continue
        name = people[pid][0]
        problems.append(
            f"{name}:{line}: email: {found['address']!r} already belongs to person {current!r}"
        )
    return [{"keep": keep, "drop": drop} for drop, keep in sorted(takeovers.items())]


def _check_domains(
    db: Database, organisations: dict[str, tuple[str, int, OrganisationRow]], problems: list[str]
) -> None:
    owner: dict[str, tuple[str, int]] = {}
    for oid, (name, line, row) in organisations.items():
        for domain in row.domain:
            if domain in owner:
                other, first = owner[domain]
                problems.append(
                    f"{name}:{line}: domain: {domain!r} is also a domain of {other!r} "
                    f"(line {first})"
                )
            else:
                owner[domain] = (oid, line)
    domains = sorted(owner)
    for found in db.read("import.domain_owners", domains=domains) if domains else []:
        oid, line = owner[found["domain"]]
        if found["organisation_id"] != oid:
            problems.append(
                f"{organisations[oid][0]}:{line}: domain: {found['domain']!r} already belongs "
                f"to organisation {found['organisation_id']!r}"
            )


def _build(
    parsed: Folder,
    organisations: dict[str, tuple[str, int, OrganisationRow]],
    people: dict[str, tuple[str, int, PersonRow]],
    conversations: dict[str, tuple[str, int, ConversationRow]],
    participants: dict[tuple[str, str], tuple[str, int, ParticipantRow]],
    employments: dict[Any, tuple[str, int, EmploymentRow]],
    opted_out: set[str],
    takeovers: list[dict[str, str]],
    summary: ImportSummary,
) -> Batch:
    batch = Batch(takeovers=takeovers)
    for _, _, org in organisations.values():
        batch.organisations.append(
            {"id": org.id, "props": {"name": org.name, "kind": org.kind, "sector": org.sector}}
        )
        batch.domains.extend({"organisation_id": org.id, "domain": d} for d in org.domain)
    current: dict[str, str | None] = {}
    for _, _, person in people.values():
        batch.emails.extend({"person_id": person.id, "address": a} for a in person.email)
        if person.id in opted_out:
            batch.people.append({"id": person.id, "props": {"opt_out": True}})
            batch.opted_out.append(person.id)
            continue
        props: dict[str, Any] = {
            "name": person.name,
            "title": person.title,
            "level": person.level,
            "interests": person.interests,
            "opt_out": False,
        }
        batch.people.append({"id": person.id, "props": props})
        current[person.id] = person.organisation_id
    jobs: dict[str, dict[str, Any]] = {
        pid: {
            "person_id": pid,
            "organisation_id": oid,
            "from": None,
            "title": people[pid][2].title,
            "level": people[pid][2].level,
        }
        for pid, oid in current.items()
    }
    for _, _, emp in employments.values():
        if emp.person_id in opted_out:
            summary.skip("employment of an opted-out person")
            continue
        current_job = jobs.get(emp.person_id)
        if (
            current_job
            and current_job["organisation_id"] == emp.organisation_id
            and emp.until is None
        ):
            current_job["from"] = emp.from_  # the current job's start
            continue
        batch.employments.append(
            {
                "person_id": emp.person_id,
                "organisation_id": emp.organisation_id,
                "title": emp.title,
                "level": emp.level,
                "from": emp.from_,
                "until": emp.until,
            }
        )
    batch.jobs = list(jobs.values())
    for _, _, conv in conversations.values():
        conv_props: dict[str, Any] = {
            "date": conv.date,
            "kind": conv.kind,
            "depth": conv.depth or DEFAULT_DEPTH[conv.kind],
            "duration_minutes": conv.duration_minutes,
            "subject": conv.subject,
            "source": parsed.conversation_source,
        }
        batch.conversations.append({"id": conv.id, "props": conv_props})
    for _, _, part in participants.values():
        if part.person_id in opted_out:
            summary.skip("participant opted out")
            continue
        batch.participations.append(
            {
                "conversation_id": part.conversation_id,
                "person_id": part.person_id,
                "role": part.role,
            }
        )
    return batch

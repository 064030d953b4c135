"""Privacy requests: erase a person (``graphx forget``) and show everything held about them
(``graphx export-person``).

Erasure removes the person node, their ``Email`` nodes, participations, ties, assessments,
jobs, the introduction requests whose chain holds them, the live sources that log in as one
of their addresses, and the conversations left with fewer than two people; the rest are
recounted.
A subject can name people, so free text is scrubbed too:

- a conversation the person took part in loses its subject when the subject mentions any
  word of their name or an address (or its local part), as a whole word, case-insensitive
  ("Dinner with Carla" goes when Carla Fox is erased);
- any conversation loses its subject, any assessment its reason (or author), and any
  introduction request's note its text, when it contains their full name or an address.

All of it runs in one transaction; then the stored ties of the people left in the recounted
conversations are re-scored (their group sizes changed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graphx.db import Database, Transaction
from graphx.model import to_json
from graphx.repository import imports
from graphx.repository import privacy as records
from graphx.repository.people import named
from graphx.resolver import resolve_person
from graphx.ties.store import rescore
from graphx.ties.view import ties_as_of

ERASED = "(removed: named an erased person)"
"""What an assessment's reason or author becomes when it named an erased person."""


@dataclass(frozen=True)
class ForgetResult:
    """What ``forget`` removed or changed."""

    person_id: str
    addresses: int
    participations: int
    ties: int
    assessments: int
    employments: int
    conversations_deleted: frozenset[str] = field(default_factory=frozenset)
    conversations_recounted: frozenset[str] = field(default_factory=frozenset)
    subjects_cleared: int = 0
    assessments_scrubbed: int = 0
    requests: int = 0
    request_notes_scrubbed: int = 0
    sources: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "addresses": self.addresses,
            "participations": self.participations,
            "ties": self.ties,
            "assessments": self.assessments,
            "employments": self.employments,
            "conversations_deleted": len(self.conversations_deleted),
            "conversations_recounted": len(self.conversations_recounted),
            "subjects_cleared": self.subjects_cleared,
            "assessments_scrubbed": self.assessments_scrubbed,
            "requests": self.requests,
            "request_notes_scrubbed": self.request_notes_scrubbed,
            "sources_removed": list(self.sources),
        }


def mention_pattern(name: str | None, addresses: Iterable[str]) -> re.Pattern[str] | None:
    """A case-insensitive whole-word pattern for the words of a name, addresses and their
    local parts; None when there is nothing to look for.

    >>> pattern = mention_pattern("Carla Fox", ["carla.fox@contoso.example"])
    >>> bool(pattern.search("Dinner with Carla")), bool(pattern.search("Carlanda review"))
    (True, False)
    """
    words = {w for w in re.split(r"\s+", name or "") if len(w) >= 2}
    for address in addresses:
        words.update((address, address.partition("@")[0]))
    words.discard("")
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def scan_terms(name: str | None, addresses: Iterable[str]) -> list[str]:
    """The lower-case strings searched for in every subject and assessment."""
    terms = {a.lower() for a in addresses}
    if name and len(name.strip()) >= 3:
        terms.add(" ".join(name.split()).lower())
    return sorted(terms)


def forget(db: Database, key: str) -> ForgetResult:
    """Erase the person whose id or address is ``key`` (see the module docstring)."""
    person_id = resolve_person(db, key, opted_out_too=True).id
    with db.transaction() as tx:
        result = _forget(tx, person_id)
    rescore(db, sorted(result.conversations_recounted))
    return result


def _forget(tx: Transaction, person_id: str) -> ForgetResult:
    person = records.held_in(tx, person_id)
    name = person.properties.get("name")
    addresses = person.addresses
    pattern = mention_pattern(name, addresses)
    mentioned = [
        conversation_id
        for conversation_id, subject in records.subjects(tx, person_id)
        if pattern is not None and subject and pattern.search(subject)
    ]
    cleared = records.clear_subjects(tx, mentioned) if mentioned else 0
    requests = records.forget_requests(tx, person_id)
    sources = records.forget_sources(tx, addresses)
    gone = records.forget_person(tx, person_id)
    conversations = sorted(set(gone.conversations))
    dropped = records.drop_conversations(tx, conversations)
    recounted = [c for c in conversations if c not in dropped]
    imports.count_participants(tx, recounted)
    terms = scan_terms(name, addresses)
    scrubbed_subjects = scrubbed_assessments = scrubbed_notes = 0
    if terms:
        scrubbed_subjects = records.scrub_subjects(tx, terms)
        scrubbed_assessments = records.scrub_assessments(tx, terms, ERASED)
        scrubbed_notes = records.scrub_request_notes(tx, terms, ERASED)
    return ForgetResult(
        person_id=person_id,
        addresses=gone.addresses,
        participations=len(gone.conversations),
        ties=gone.ties,
        assessments=gone.assessments,
        employments=gone.employments,
        conversations_deleted=frozenset(dropped),
        conversations_recounted=frozenset(recounted),
        subjects_cleared=cleared + scrubbed_subjects,
        assessments_scrubbed=scrubbed_assessments,
        requests=requests,
        request_notes_scrubbed=scrubbed_notes,
        sources=sources,
    )


def export_person(db: Database, key: str) -> dict[str, Any]:
    """Everything held about the person whose id or address is ``key`` (an access request):
    their properties, addresses, jobs, participations with conversation metadata, their ties
    as of today (stored or derived from the conversations alike), assessments and the
    introduction requests naming them (with their position in the chain: 0 the asker, 1 the
    introducer, the last the target) and the live sources logging in as them. Other people
    appear only by id and name, as the other side of a tie."""
    person_id = resolve_person(db, key, opted_out_too=True).id
    person = records.held(db, person_id)
    today = date.today()
    found = [t for t in ties_as_of(db, today, [person_id]) if t.level >= 1]
    others = [t.b if t.a == person_id else t.a for t in found]
    names = {pid: p.name for pid, p in named(db, others).items()}
    return {
        "as_of": today,
        "person": person.properties,
        "addresses": person.addresses,
        "employments": records.employments(db, person_id),
        "participations": records.participations(db, person_id),
        "ties": [
            {"person_id": other, "name": names.get(other, other), "tie": to_json(tie)}
            for other, tie in zip(others, found, strict=True)
        ],
        "assessments": records.assessments(db, person_id),
        "introduction_requests": records.requests(db, person_id),
        "sources": records.sources(db, person.addresses),
    }

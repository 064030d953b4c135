"""Entity resolution for calendars and mail: addresses to people, unknown ones created.

An address matches a person through any of their ``Email`` nodes (addresses are stored
lower-case, so matching is case-insensitive). An unknown address creates a person with the
stable id ``"email:" + address``, named by the display name (else by the local part), who works
at the organisation owning the address's domain or a parent domain (else at none). Addresses of
opted-out people resolve to their marker, and their participations are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graphx.db import Database, apply_schema
from graphx.importers.summary import ImportSummary
from graphx.importers.writer import BATCH_SIZE, Batch, Writer, chunks
from graphx.repository import imports

AUTO_PERSON_PREFIX = "email:"
"""Ids of people created from an unknown address start with this; a CSV person takes them over."""
SINGLE_TRANSACTION_ENCOUNTERS = 100_000
"""Imports of more conversations than this commit chunk by chunk (a re-run completes them)."""


@dataclass(frozen=True)
class Contact:
    """One address taking part in a conversation."""

    address: str
    name: str | None
    role: str


@dataclass
class Encounter:
    """A conversation found in a calendar or mailbox, before its people are resolved."""

    id: str
    props: dict[str, Any]
    contacts: list[Contact] = field(default_factory=list)


def name_from_address(address: str) -> str:
    """A readable name from an address's local part.

    >>> name_from_address("sally.beck@enron.com")
    'Sally Beck'
    """
    local = address.split("@", 1)[0]
    words = [w for w in local.replace("_", ".").replace("-", ".").split(".") if w]
    return " ".join(w.capitalize() for w in words) or local


def parent_domains(domain: str) -> list[str]:
    """The domain and its parents with at least two labels, most specific first.

    >>> parent_domains("mail.eu.acme.com")
    ['mail.eu.acme.com', 'eu.acme.com', 'acme.com']
    """
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


class Resolver:
    """Resolves addresses chunk by chunk within one import, remembering what it found."""

    def __init__(self, writer: Writer) -> None:
        self.writer = writer
        self.known: dict[str, tuple[str, bool]] = {}

    def batch(self, encounters: list[Encounter], summary: ImportSummary) -> Batch:
        """The rows that write ``encounters``: new people, conversations, participations."""
        batch = Batch()
        self._resolve_new(encounters, batch)
        merged: dict[str, Encounter] = {}
        for encounter in encounters:
            if encounter.id in merged:
                merged[encounter.id].contacts.extend(encounter.contacts)
            else:
                merged[encounter.id] = Encounter(
                    encounter.id, encounter.props, list(encounter.contacts)
                )
        for encounter in merged.values():
            roles: dict[str, str] = {}
            opted_out = 0
            if len({c.address for c in encounter.contacts}) < 2:
                summary.skip("fewer than two participants")
                continue
            for contact in encounter.contacts:
                person_id, opt_out = self.known[contact.address]
                if opt_out:
                    opted_out += 1
                elif roles.get(person_id) != "organizer":
                    roles[person_id] = contact.role
            if opted_out:
                summary.skip("participant opted out", opted_out)
            if len(roles) < 2:
                summary.skip("fewer than two participants")
                continue
            batch.conversations.append({"id": encounter.id, "props": encounter.props})
            batch.participations.extend(
                {"conversation_id": encounter.id, "person_id": pid, "role": role}
                for pid, role in roles.items()
            )
        return batch

    def _resolve_new(self, encounters: list[Encounter], batch: Batch) -> None:
        names: dict[str, str | None] = {}
        for encounter in encounters:
            if len({c.address for c in encounter.contacts}) < 2:
                continue  # skipped below: no one is created for it
            for contact in encounter.contacts:
                if contact.address not in self.known and not names.get(contact.address):
                    names[contact.address] = contact.name
        if not names:
            return
        at = self.writer.target
        for address, person_id, opted_out in imports.address_owners(at, sorted(names)):
            self.known[address] = (person_id, opted_out)
        unknown = [a for a in names if a not in self.known]
        candidates = sorted({d for a in unknown for d in parent_domains(a.split("@", 1)[1])})
        owners = dict(imports.domain_owners(at, candidates)) if candidates else {}
        for address in unknown:
            person_id = AUTO_PERSON_PREFIX + address
            name = names[address] or name_from_address(address)
            batch.people.append({"id": person_id, "props": {"name": name, "opt_out": False}})
            batch.emails.append({"person_id": person_id, "address": address})
            domains = parent_domains(address.split("@", 1)[1])
            organisation = next((owners[d] for d in domains if d in owners), None)
            if organisation is not None:
                batch.jobs.append(
                    {"person_id": person_id, "organisation_id": organisation,
                     "title": None, "level": None, "from": None}
                )  # fmt: skip
            self.known[address] = (person_id, False)


def import_encounters(
    db: Database,
    summary: ImportSummary,
    encounters: Iterable[Encounter],
    total: int,
) -> ImportSummary:
    """Resolve and write ``encounters`` (a stream) chunk by chunk, in one transaction
    unless ``total`` exceeds ``SINGLE_TRANSACTION_ENCOUNTERS``."""
    apply_schema(db)
    writer = Writer(db, summary, single=total <= SINGLE_TRANSACTION_ENCOUNTERS)
    resolver = Resolver(writer)
    with writer.open():
        for chunk in chunks(encounters, BATCH_SIZE):
            writer.write(resolver.batch(chunk, summary))
    return summary

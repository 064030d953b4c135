"""Introduction requests: who asked whom to introduce them to whom, and what came of it.

A request records the chain as it was found (person ids from the asker to the target; the
second person is the one asked, the introducer), its strength, and its steps: each a status,
the day it was reached and a note. Statuses run ``requested → asked → introduced → met``, or
end as ``declined`` or ``dropped`` (from any open status). Once the asker and the target have
a conversation of their own (without the introducer) on or after the day of the introduction,
the request is ``met`` by itself, on that conversation's day. An open request whose last step
is more than ``STALE_DAYS`` old is *stale*.

Every answer is as of a day: the requests recorded by then, with the steps reached by then.
Requests live in Neo4j (``(:IntroRequest)-[:IN_CHAIN {position}]->(:Person)``); those
touching an opted-out person are never shown and cannot be made; erasure deletes them.

>>> NEXT["asked"]
('introduced', 'declined', 'dropped')
>>> [s for s in STATUSES if s not in NEXT]
['met', 'declined', 'dropped']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from typing import Any

from graphx.db import Database
from graphx.errors import InputError, NotFound, Refused
from graphx.intro import Chain, introductions
from graphx.model import to_json
from graphx.repository import requests as stored_requests
from graphx.repository.requests import StoredRequest
from graphx.ties.view import until

STATUSES: tuple[str, ...] = ("requested", "asked", "introduced", "met", "declined", "dropped")
NEXT: dict[str, tuple[str, ...]] = {
    "requested": ("asked", "declined", "dropped"),
    "asked": ("introduced", "declined", "dropped"),
    "introduced": ("met", "declined", "dropped"),
}
"""The statuses each open status may move on to; the others are final."""
WAITING = ("requested", "asked")
"""Statuses in which a request waits on the introducer."""
STALE_DAYS = 30
FILTERS: tuple[str, ...] = (*STATUSES, "open", "stale")
"""What ``--status`` takes: a status, every open request, or the stale ones."""


@dataclass(frozen=True)
class Step:
    """A status a request reached, on a day, with a note; ``automatic`` when a conversation
    of the pair's own made it ``met``."""

    status: str
    on: date
    note: str = ""
    automatic: bool = False


@dataclass(frozen=True)
class IntroRequest:
    """One request as of ``as_of``: the chain as found and the steps reached by then."""

    id: str
    chain: tuple[str, ...]
    strength: float
    created: date
    steps: tuple[Step, ...]
    as_of: date
    names: Mapping[str, str] = field(default_factory=dict)

    @property
    def from_id(self) -> str:
        return self.chain[0]

    @property
    def to_id(self) -> str:
        return self.chain[-1]

    @property
    def via_id(self) -> str:
        return self.chain[1]

    @property
    def status(self) -> str:
        return self.steps[-1].status

    @property
    def updated(self) -> date:
        return self.steps[-1].on

    @property
    def is_open(self) -> bool:
        return self.status in NEXT

    @property
    def days_since_update(self) -> int:
        return (self.as_of - self.updated).days

    @property
    def stale(self) -> bool:
        """Open and not moved on for more than ``STALE_DAYS`` days."""
        return self.is_open and self.days_since_update > STALE_DAYS

    @property
    def introduced_on(self) -> date | None:
        return next((s.on for s in self.steps if s.status == "introduced"), None)

    def name(self, person_id: str) -> str:
        return self.names.get(person_id, person_id)

    def matches(self, wanted: str) -> bool:
        """Whether the request passes a ``--status`` filter (a status, ``open`` or ``stale``)."""
        if wanted == "open":
            return self.is_open
        if wanted == "stale":
            return self.stale
        return self.status == wanted

    def summary(self) -> str:
        """The request in words, e.g. "Ann Smit asked Dewi Visser to introduce them to Rosa
        Meijer: asked since 2025-06-01 (stale, 35 days)"."""
        text = (
            f"{self.name(self.from_id)} asked {self.name(self.via_id)} to introduce them to"
            f" {self.name(self.to_id)}: {self.status} since {self.updated.isoformat()}"
        )
        return text + (f" (stale, {self.days_since_update} days)" if self.stale else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "from": self.from_id,
            "to": self.to_id,
            "via": self.via_id,
            "chain": list(self.chain),
            "strength": self.strength,
            "status": self.status,
            "created": self.created,
            "updated": self.updated,
            "stale": self.stale,
            "days_since_update": self.days_since_update,
            "history": to_json(self.steps),
            "names": dict(self.names),
        }


@dataclass(frozen=True)
class Introduced:
    """Who introduced a pair, on which day, through which request."""

    request_id: str
    via_id: str
    via_name: str
    on: date

    @property
    def sentence(self) -> str:
        return f"introduced by {self.via_name} on {self.on.isoformat()}"

    def to_json(self) -> dict[str, Any]:
        return {
            "request_id": self.request_id,
            "via": self.via_id,
            "name": self.via_name,
            "on": self.on,
            "text": self.sentence,
        }


def _request(stored: StoredRequest, as_of: date) -> IntroRequest | None:
    """A stored request as of ``as_of``: only the steps reached by then (None before it was
    made)."""
    steps = tuple(Step(status, on, note) for status, on, note in stored.steps if on <= as_of)
    if not steps:
        return None
    return IntroRequest(
        id=stored.id,
        chain=stored.chain,
        strength=stored.strength,
        created=stored.created,
        steps=steps,
        as_of=as_of,
        names=stored.names,
    )


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _with_meetings(db: Database, found: list[IntroRequest], as_of: date) -> list[IntroRequest]:
    """Introduced requests whose pair has since met on their own become ``met`` that day."""
    introduced = [r for r in found if r.status == "introduced"]
    if not introduced:
        return found
    met = stored_requests.first_meetings(
        db,
        [(r.id, r.from_id, r.to_id, r.via_id, _midnight(r.updated)) for r in introduced],
        until(as_of),
    )
    out = []
    for r in found:
        meeting = met.get(r.id)
        if meeting is not None:
            day = meeting.on
            note = f"first conversation of their own: {meeting.kind} on {day.isoformat()}"
            r = replace(r, steps=(*r.steps, Step("met", day, note, automatic=True)))
        out.append(r)
    return out


def _loaded(db: Database, rows: list[StoredRequest], as_of: date) -> list[IntroRequest]:
    found = [r for r in (_request(row, as_of) for row in rows) if r is not None]
    return _with_meetings(db, found, as_of)


def list_requests(
    db: Database, as_of: date, person_id: str | None = None, status: str | None = None
) -> list[IntroRequest]:
    """The requests recorded by ``as_of`` (those whose chain holds ``person_id``), as they
    stood then, oldest first; ``status`` keeps those passing :meth:`IntroRequest.matches`."""
    if status is not None and status not in FILTERS:
        raise InputError([f"--status: {status!r} is none of {', '.join(FILTERS)}"])
    if person_id is None:
        rows = stored_requests.recorded_by(db, as_of)
    else:
        rows = stored_requests.of_person(db, person_id, as_of)
    found = _loaded(db, rows, as_of)
    return [r for r in found if status is None or r.matches(status)]


def get_request(db: Database, request_id: str, as_of: date) -> IntroRequest:
    """One request as it stood on ``as_of``."""
    stored = stored_requests.one(db, request_id)
    found = _loaded(db, [] if stored is None else [stored], as_of)
    if not found:
        raise NotFound(f"no introduction request {request_id!r} as of {as_of.isoformat()}")
    return found[0]


def mine(found: list[IntroRequest], person_id: str) -> list[IntroRequest]:
    """The requests ``person_id`` made."""
    return [r for r in found if r.from_id == person_id]


def waiting_on(found: list[IntroRequest], person_id: str) -> list[IntroRequest]:
    """The requests waiting on ``person_id`` to introduce (requested or asked)."""
    return [r for r in found if r.via_id == person_id and r.status in WAITING]


def ask(
    db: Database,
    from_id: str,
    to_id: str,
    via_id: str,
    note: str = "",
    on: date | None = None,
    max_hops: int = 4,
) -> IntroRequest:
    """Record that ``from_id`` asks ``via_id`` to introduce them to ``to_id``, with the best
    chain through ``via_id`` as of ``on`` (default today)."""
    day = on or date.today()
    if len({from_id, to_id, via_id}) < 3:
        raise Refused("an introduction needs three different people: FROM, TO and --via")
    found = introductions(db, from_id, to_id, max_hops, 1, day, via=via_id)
    if not found.paths:
        names = found.names
        raise Refused(
            f"no chain of at most {max_hops} ties goes from {names.get(from_id, from_id)}"
            f" through {via_id} to {names.get(to_id, to_id)} as of {day.isoformat()}"
        )
    return record(db, found.paths[0], note, day)


def record(db: Database, chain: Chain, note: str = "", on: date | None = None) -> IntroRequest:
    """Record a request along ``chain`` (as found by :func:`graphx.intro.introductions`): its
    first person asks its second to introduce them to its last, on ``on`` (default today)."""
    day = on or date.today()
    if chain.hops < 2:
        raise Refused("a direct tie needs no introduction: get in touch directly")
    request_id = stored_requests.create(db, list(chain.people), round(chain.strength, 6), day, note)
    if request_id is None:
        raise Refused("a request touching an opted-out person cannot be made")
    return get_request(db, request_id, day)


def _either(words: tuple[str, ...]) -> str:
    """Words joined as a choice.

    >>> _either(("a", "b", "c"))
    'a, b or c'
    """
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)


def update(
    db: Database, request_id: str, status: str, note: str = "", on: date | None = None
) -> IntroRequest:
    """Move a request on to ``status`` on ``on`` (default today)."""
    day = on or date.today()
    if status not in STATUSES:
        raise InputError([f"--status: {status!r} is none of {', '.join(STATUSES)}"])
    stored = stored_requests.one(db, request_id)
    if stored is None:
        raise NotFound(f"no introduction request {request_id!r}")
    last = max(reached for _, reached, _ in stored.steps)
    if last > day:
        raise Refused(
            f"{request_id} last moved on {last.isoformat()}: update it on that day or later"
        )
    current = get_request(db, request_id, day)
    allowed = NEXT.get(current.status, ())
    if status not in allowed:
        can = f"it can go to {_either(allowed)}" if allowed else "that is final"
        raise Refused(f"{request_id} is {current.status}: {can}, not {status}")
    if not stored_requests.add_step(db, request_id, len(stored.steps), status, day, note):
        raise Refused(f"{request_id} was moved on by someone else meanwhile: look again")
    return get_request(db, request_id, day)


def introduced_between(db: Database, a: str, b: str, as_of: date) -> Introduced | None:
    """Who introduced ``a`` and ``b`` (one asked to meet the other) by ``as_of``: the latest
    introduction among their requests, None when there is none."""
    pair = {a, b}
    done = [
        r
        for r in _loaded(db, stored_requests.between(db, a, b), as_of)
        if {r.from_id, r.to_id} == pair and r.introduced_on is not None
    ]
    if not done:
        return None
    latest = max(done, key=lambda r: (r.introduced_on or date.min, r.id))
    assert latest.introduced_on is not None
    return Introduced(latest.id, latest.via_id, latest.name(latest.via_id), latest.introduced_on)

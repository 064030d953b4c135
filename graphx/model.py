"""The nouns of graphx: the fixed lists that labels, kinds and levels come from, and the
people, organisations and jobs that the repository returns and the analytics take."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, is_dataclass
from datetime import date, datetime
from enum import IntEnum
from typing import Any, Literal, get_args

OrganisationKind = Literal["home", "client", "prospect", "partner", "other"]
PersonLevel = Literal["board", "executive", "manager", "staff"]
ConversationKind = Literal["email", "call", "meeting", "meal", "event", "trip"]
Depth = Literal["outside", "business", "personal"]
Role = Literal["organizer", "attendee"]

ORGANISATION_KINDS: tuple[str, ...] = get_args(OrganisationKind)
PERSON_LEVELS: tuple[str, ...] = get_args(PersonLevel)
CONVERSATION_KINDS: tuple[str, ...] = get_args(ConversationKind)
DEPTHS: tuple[str, ...] = get_args(Depth)
YEAR_DAYS = 365.25
"""Days in a year, on average: spans of days read as years."""
ROLES: tuple[str, ...] = get_args(Role)
DIRECTOR_LEVELS: tuple[str, ...] = ("board", "executive")

NODE_LABELS: tuple[str, ...] = (
    "Organisation", "Person", "Email", "Domain", "Conversation", "TieStore",
    "Source", "SourceCursor", "SourceItem", "IntroRequest", "Sequence", "Digest",
)  # fmt: skip
"""Every node label a query may use (docs/model.md); never taken from input."""
RELATIONSHIP_TYPES: tuple[str, ...] = (
    "HAS_DOMAIN", "HAS_EMAIL", "WORKS_AT", "PARTICIPATED", "TIE", "ASSESSED",
    "KEEPS", "HOLDS", "DELIVERED", "IN_CHAIN", "SENT_TO",
)  # fmt: skip
"""Every relationship type a query may use (docs/model.md); never taken from input."""

DEFAULT_DEPTH: dict[str, str] = {
    "email": "business",
    "call": "business",
    "meeting": "business",
    "meal": "personal",
    "event": "outside",
    "trip": "personal",
}
"""The depth a conversation has when its source does not say."""


class Level(IntEnum):
    """How well two people know each other."""

    NONE = 0
    MET = 1
    BUSINESS = 2
    PERSONAL = 3
    TRUSTED = 4

    @property
    def label(self) -> str:
        return self.name.lower()


def to_json(value: Any) -> Any:
    """The one JSON shape of graphx's answers, for every ``--json`` output: a dataclass is an
    object of its fields, in order (or what its own ``to_json()`` gives, where a class shows
    another shape); tuples and lists are arrays, mappings are objects; dates stay dates
    (``print_json`` writes them in ISO 8601).

    >>> to_json(Organisation("o1", "Acme", "client"))
    {'id': 'o1', 'name': 'Acme', 'kind': 'client'}
    >>> to_json({"people": (Person("p1", "Ann", interests=("golf",)),)})["people"][0]["interests"]
    ['golf']
    """
    own = getattr(value, "to_json", None)
    if own is not None and not isinstance(value, type):
        return to_json(own())
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    return value


_TOP = re.compile(r"\b(chair|chairman|chairwoman|chairperson|ceo|chief executive)\b", re.I)
_DEPUTY = re.compile(r"\b(vice|deputy)\b", re.I)


def is_top_director(title: str) -> bool:
    """Whether a title names the chair or the CEO (who weigh more and need more contact).

    >>> is_top_director("Chair of the Board"), is_top_director("CEO"), is_top_director("CFO")
    (True, True, False)
    >>> is_top_director("Chief Executive Officer"), is_top_director("Vice-chairman")
    (True, False)
    """
    return bool(_TOP.search(title or "")) and not _DEPUTY.search(title or "")


@dataclass(frozen=True)
class Person:
    """A person as the analytics show them (``opted_out`` only where a resolver found one)."""

    id: str
    name: str
    title: str = ""
    interests: tuple[str, ...] = ()
    opted_out: bool = False

    @classmethod
    def of(cls, pid: Any, name: Any, title: Any, interests: Any) -> Person:
        """A person from query values: the id stands in for a missing name, interests are
        compared in lower case."""
        return cls(
            id=str(pid),
            name=str(name or pid),
            title=str(title or ""),
            interests=tuple(str(i).lower() for i in interests or ()),
        )


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class PersonAt:
    """A person with the organisation they work at as of a date (a search hit, a node of a
    network); ``organisation_id`` is None when they work nowhere known then."""

    id: str
    name: str
    title: str
    level: str
    organisation_id: str | None
    organisation_name: str
    organisation_kind: str

    @property
    def label(self) -> str:
        where = f", {self.organisation_name}" if self.organisation_name else ""
        return f"{self.name}{where}"


@dataclass(frozen=True)
class Director:
    """A director of an organisation as of a date: a board or executive job held then."""

    organisation_id: str
    organisation_name: str
    id: str
    name: str
    title: str
    level: str
    interests: tuple[str, ...] = ()

    @property
    def is_top(self) -> bool:
        return is_top_director(self.title)


@dataclass(frozen=True)
class Conversation:
    """A conversation: its id, when it took place, its kind and its subject (graphx never
    stores a body)."""

    id: str
    date: datetime | date
    kind: str
    subject: str = ""


@dataclass(frozen=True)
class Employment:
    """A job: who held it, where, as what, and from when until when (``until`` is the first
    day without it; None when unknown or open)."""

    person_id: str
    person_name: str
    organisation: Organisation
    title: str
    start: date | None
    until: date | None


@dataclass(frozen=True)
class Arrival:
    """Someone showing up at an organisation on a day: by a job that began then, or (with
    ``address``) by an address of its domain first seen in a conversation then."""

    person_id: str
    organisation: Organisation
    day: date
    address: str | None = None


Organiser = Literal["a", "b", "both", "other"]
"""Who organised a conversation, seen from the pair: a, b, both of them, or someone else."""


@dataclass(frozen=True)
class Contact:
    """One conversation of a pair, seen from the pair ``(a, b)``.

    ``date`` is when it took place (a date counts as midnight UTC); ``depth`` None means
    the kind's default; ``participants`` is the whole group's size (2 = one-to-one);
    ``organiser`` says who took the initiative.
    """

    date: datetime | date
    kind: str
    depth: str | None = None
    duration_minutes: float | None = None
    participants: int = 2
    organiser: Organiser = "other"
    id: str = ""


@dataclass(frozen=True)
class Assessment:
    """A colleague's own judgement of a tie: it is shown beside the computed level."""

    level: int
    reason: str
    by: str
    at: datetime


@dataclass(frozen=True)
class Tie:
    """How well ``a`` and ``b`` know each other as of ``as_of``: the one shape of a tie.

    The model and the store give it with ``a < b``; :meth:`seen_from` turns it round, so that
    ``a`` is the person a question starts from.

    ``by_depth`` counts conversations by the depth the model used for the pair (a personal
    dinner of 20 counts as business, see :func:`graphx.ties.model.effective_depth`).
    ``last_deep`` is the date of the last conversation as of which the tie stood at personal
    (3) or higher.
    """

    a: str
    b: str
    level: int
    strength: float
    first_contact: datetime | None
    last_contact: datetime | None
    conversations: int
    by_kind: Mapping[str, int]
    by_depth: Mapping[str, int]
    components: tuple[str, ...]
    as_of: date
    organised_by_a: int = 0
    organised_by_b: int = 0
    last_deep: datetime | None = None
    assessment: Assessment | None = None

    @property
    def level_name(self) -> str:
        return Level(self.level).label

    def seen_from(self, person_id: str) -> Tie:
        """The same tie with ``a`` the given person (the organiser counts follow)."""
        if person_id != self.b:
            return self
        return Tie(  # not dataclasses.replace, 1.5x slower (thousands per answer)
            a=self.b,
            b=self.a,
            level=self.level,
            strength=self.strength,
            first_contact=self.first_contact,
            last_contact=self.last_contact,
            conversations=self.conversations,
            by_kind=self.by_kind,
            by_depth=self.by_depth,
            components=self.components,
            as_of=self.as_of,
            organised_by_a=self.organised_by_b,
            organised_by_b=self.organised_by_a,
            last_deep=self.last_deep,
            assessment=self.assessment,
        )

    @property
    def assessed_level(self) -> int | None:
        return None if self.assessment is None else self.assessment.level

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping (dates stay date objects; ``print_json`` writes ISO 8601)."""
        out = asdict(self)
        out["by_kind"] = dict(self.by_kind)
        out["by_depth"] = dict(self.by_depth)
        out["components"] = list(self.components)
        out["level_name"] = self.level_name
        out["assessed_level"] = self.assessed_level
        return out

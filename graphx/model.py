"""The vocabulary of the graph: the fixed lists that labels, kinds and levels come from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
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

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (dates stay date objects; ``print_json`` writes ISO 8601)."""
        out = asdict(self)
        out["by_kind"] = dict(self.by_kind)
        out["by_depth"] = dict(self.by_depth)
        out["components"] = list(self.components)
        out["level_name"] = self.level_name
        out["assessed_level"] = self.assessed_level
        return out

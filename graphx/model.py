"""The vocabulary of the graph: the fixed lists that labels, kinds and levels come from."""

from __future__ import annotations

from enum import IntEnum
from typing import Literal, get_args

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

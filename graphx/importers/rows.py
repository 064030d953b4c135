"""Typed rows of the canonical format: one pydantic model per file, their field parsers, and
how a value is written back into a cell."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from graphx.model import ConversationKind, Depth, OrganisationKind, PersonLevel, Role


def parse_datetime(value: str) -> datetime:
    """An ISO 8601 date or date-time as an aware UTC datetime.

    A date is midnight UTC, a date-time without an offset is taken as UTC.

    >>> parse_datetime("2024-03-01T10:00:00+01:00").isoformat()
    '2024-03-01T09:00:00+00:00'
    >>> parse_datetime("2024-03-01").isoformat()
    '2024-03-01T00:00:00+00:00'
    """
    text = value.strip()
    try:
        if len(text) <= 10:
            return datetime.combine(date.fromisoformat(text), time(), UTC)
        parsed = datetime.fromisoformat(text)
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):  # OverflowError: an offset past year 1 or 9999
        raise ValueError(f"not an ISO 8601 date or date-time: {value!r}") from None


def normalise_address(value: str) -> str:
    """An e-mail address trimmed and lower-cased; ValueError when it is not one."""
    address = value.strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in address):
        raise ValueError(f"not an e-mail address: {value!r}")
    return address


def split_multi(value: Any) -> list[str]:
    """A ``;``-separated string (or a JSON list) as a list of non-empty trimmed strings."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(";")
    return [str(item).strip() for item in items if str(item).strip()]


def _empty_to_none(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _date_time(value: Any) -> datetime | None:
    value = _empty_to_none(value)
    if value is None:
        return None
    if isinstance(value, str):
        return parse_datetime(value)
    raise ValueError(f"not an ISO 8601 date or date-time: {value!r}")


def _date(value: Any) -> date | None:
    moment = _date_time(value)
    return moment.date() if moment is not None else None


def _boolean(value: Any) -> bool:
    value = _empty_to_none(value)
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValueError(f"expected true or false, got {value!r}")


def _lower(value: Any) -> Any:
    value = _empty_to_none(value)
    return value.lower() if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_empty_to_none)]
OptionalText = Annotated[str | None, BeforeValidator(_empty_to_none)]
Moment = Annotated[datetime, BeforeValidator(_date_time)]
OptionalDay = Annotated[date | None, BeforeValidator(_date)]
Flag = Annotated[bool, BeforeValidator(_boolean)]


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class OrganisationRow(_Row):
    id: Text
    name: Text
    kind: Annotated[OrganisationKind, BeforeValidator(_lower)]
    domain: list[str] = Field(default_factory=list)
    sector: OptionalText = None

    @field_validator("domain", mode="before")
    @classmethod
    def _domains(cls, value: Any) -> list[str]:
        domains = [d.lower().removeprefix("www.") for d in split_multi(value)]
        for domain in domains:
            if "." not in domain or "@" in domain or any(c.isspace() for c in domain):
                raise ValueError(f"not a domain: {domain!r}")
        return list(dict.fromkeys(domains))


class PersonRow(_Row):
    id: Text
    name: OptionalText = None
    email: list[str] = Field(default_factory=list)
    organisation_id: OptionalText = None
    title: OptionalText = None
    level: Annotated[PersonLevel | None, BeforeValidator(_lower)] = None
    interests: list[str] = Field(default_factory=list)
    opt_out: Flag = False

    @field_validator("email", mode="before")
    @classmethod
    def _emails(cls, value: Any) -> list[str]:
        return list(dict.fromkeys(normalise_address(a) for a in split_multi(value)))

    @field_validator("interests", mode="before")
    @classmethod
    def _interests(cls, value: Any) -> list[str]:
        return list(dict.fromkeys(i.lower() for i in split_multi(value)))


class ConversationRow(_Row):
    id: Text
    date: Moment
    kind: Annotated[ConversationKind, BeforeValidator(_lower)]
    depth: Annotated[Depth | None, BeforeValidator(_lower)] = None
    duration_minutes: Annotated[
        Annotated[int, Field(ge=0)] | None, BeforeValidator(_empty_to_none)
    ] = None
    subject: OptionalText = None


class ParticipantRow(_Row):
    conversation_id: Text
    person_id: Text
    role: Annotated[Role, BeforeValidator(_lower)]


class EmploymentRow(_Row):
    person_id: Text
    organisation_id: Text
    title: OptionalText = None
    level: Annotated[PersonLevel | None, BeforeValidator(_lower)] = None
    from_: Annotated[OptionalDay, Field(alias="from")] = None
    until: OptionalDay = None


MODELS: dict[str, type[_Row]] = {
    "organisations": OrganisationRow,
    "people": PersonRow,
    "conversations": ConversationRow,
    "participants": ParticipantRow,
    "employments": EmploymentRow,
}
"""Each canonical file's stem and the model of its rows."""

REQUIRED: dict[str, tuple[str, ...]] = {
    "organisations": ("id", "name", "kind"),
    "people": ("id",),
    "conversations": ("id", "date", "kind"),
    "participants": ("conversation_id", "person_id", "role"),
    "employments": ("person_id", "organisation_id"),
}
"""Columns a file must have; the other known columns may be left out or empty."""


def columns(stem: str) -> tuple[str, ...]:
    """The known column names of a canonical file."""
    model = MODELS[stem]
    return tuple(f.alias or name for name, f in model.model_fields.items())


def cell(value: Any) -> str:
    """One value as the canonical format writes it (and neo4j-admin's import reads it): a
    list's items joined by ``;``.

    >>> cell(["a@x.example", "b@x.example"])
    'a@x.example;b@x.example'
    >>> cell(True), cell(None), cell(45)
    ('true', '', '45')
    """
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def problems_of(error: ValidationError) -> list[tuple[str, str]]:
    """``(field, what is wrong)`` for each error pydantic found in one row."""
    found = []
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "row"
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "missing" or item.get("input", "") is None:
            message = "required, but empty"
        elif item["type"] in ("string_type", "int_type", "int_parsing", "literal_error"):
            message = f"{message}, got {item.get('input')!r}"
        found.append((field, message))
    return found

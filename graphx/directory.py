"""Who the analytics are about: client directors and our colleagues, as of a date.

A job is current as of D when ``from <= D`` (or unknown) and ``until`` is unknown or later
than D; a job with neither date counts only when marked ``current``. Opted-out people are
never returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from graphx.db import Database, Row
from graphx.errors import NotFound
from graphx.model import DIRECTOR_LEVELS

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
    """A person as the analytics show them."""

    id: str
    name: str
    title: str = ""
    interests: tuple[str, ...] = ()

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
class Director:
    """A director of an organisation as of a date: board or executive level."""

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
class Organisation:
    id: str
    name: str
    kind: str


def _directors(rows: list[Row]) -> list[Director]:
    """One director per (organisation, person): with two current jobs, the board one."""
    chosen: dict[tuple[str, str], Director] = {}
    for r in rows:
        if r["id"] is None:
            continue
        d = Director(
            organisation_id=str(r["organisation_id"]),
            organisation_name=str(r["organisation_name"] or ""),
            id=str(r["id"]),
            name=str(r["name"] or r["id"]),
            title=str(r["title"] or ""),
            level=str(r["level"]),
            interests=tuple(str(i).lower() for i in r["interests"] or ()),
        )
        key = (d.organisation_id, d.id)
        if key not in chosen or (d.level == "board" and chosen[key].level != "board"):
            chosen[key] = d
    return sorted(chosen.values(), key=lambda d: (d.organisation_id, d.id))


def find_organisation(db: Database, key: str) -> Organisation:
    """The organisation whose id is ``key``, or whose exact name is, when only one has it."""
    rows = db.read("coverage.organisation", key=key)
    by_id = [r for r in rows if r["id"] == key]
    if by_id:
        rows = by_id
    if not rows:
        raise NotFound(f"no organisation with id or name {key!r}")
    if len(rows) > 1:
        ids = ", ".join(str(r["id"]) for r in rows)
        raise NotFound(f"several organisations are called {key!r} ({ids}): give the id")
    r = rows[0]
    return Organisation(id=str(r["id"]), name=str(r["name"] or r["id"]), kind=str(r["kind"]))


def directors_of(db: Database, organisation_id: str, as_of: date) -> list[Director]:
    """The directors of one organisation as of ``as_of``, by id."""
    rows = db.read(
        "coverage.directors",
        organisation_id=organisation_id,
        as_of=as_of,
        levels=list(DIRECTOR_LEVELS),
    )
    return _directors(rows)


def directors_among(db: Database, ids: list[str], as_of: date) -> list[Director]:
    """The client directors among the people ``ids`` as of ``as_of``, by client and id."""
    rows = db.read("coverage.directors_among", ids=ids, as_of=as_of, levels=list(DIRECTOR_LEVELS))
    return _directors(rows)


_CLIENT_DIRECTOR_COLUMNS = (
    "organisation_id",
    "organisation_name",
    "id",
    "name",
    "title",
    "level",
    "interests",
)


def client_directors(db: Database, as_of: date) -> tuple[list[Organisation], list[Director]]:
    """Every client organisation, and the directors of each as of ``as_of``."""
    (row,) = db.read("coverage.client_directors", as_of=as_of, levels=list(DIRECTOR_LEVELS))
    rows = [dict(zip(_CLIENT_DIRECTOR_COLUMNS, values, strict=True)) for values in row["directors"]]
    clients = {
        str(r["organisation_id"]): Organisation(
            id=str(r["organisation_id"]),
            name=str(r["organisation_name"] or r["organisation_id"]),
            kind="client",
        )
        for r in rows
    }
    return sorted(clients.values(), key=lambda o: o.id), _directors(rows)


def colleagues(db: Database, as_of: date) -> dict[str, Person]:
    """Our colleagues as of ``as_of``: people employed by the home organisation, by id."""
    (row,) = db.read("coverage.colleagues", as_of=as_of)
    return {str(values[0]): Person.of(*values) for values in row["people"]}


def people(db: Database, ids: list[str]) -> dict[str, Person]:
    """The named people among ``ids`` (opted-out people are left out)."""
    return {
        str(r["id"]): Person.of(r["id"], r["name"], r["title"], r["interests"])
        for r in db.read("intro.people", ids=sorted(set(ids)))
    }

"""Who works where as of a date (the one rule of ``cypher/rules/employed.cypher``): client
directors, our colleagues and the people of an organisation; opted-out people never."""

from __future__ import annotations

from datetime import date, datetime

from graphx.db import Database, Row
from graphx.model import DIRECTOR_LEVELS, Arrival, Director, Employment, Organisation, Person

_CLIENT_DIRECTOR_COLUMNS = (
    "organisation_id", "organisation_name", "id", "name", "title", "level", "interests",
)  # fmt: skip


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


def directors_of(db: Database, organisation_id: str, as_of: date) -> list[Director]:
    """The directors of one organisation as of ``as_of``, by id."""
    rows = db.read(
        "employment.directors",
        organisation_id=organisation_id,
        as_of=as_of,
        levels=list(DIRECTOR_LEVELS),
    )
    return _directors(rows)


def directors_among(db: Database, ids: list[str], as_of: date) -> list[Director]:
    """The client directors among the people ``ids`` as of ``as_of``, by client and id."""
    rows = db.read("employment.directors_among", ids=ids, as_of=as_of, levels=list(DIRECTOR_LEVELS))
    return _directors(rows)


def client_directors(db: Database, as_of: date) -> tuple[list[Organisation], list[Director]]:
    """Every client organisation, and the directors of each as of ``as_of``."""
    (row,) = db.read("employment.client_directors", as_of=as_of, levels=list(DIRECTOR_LEVELS))
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
    (row,) = db.read("employment.colleagues", as_of=as_of)
    return {str(values[0]): Person.of(*values) for values in row["people"]}


def colleague(db: Database, person_id: str, as_of: date) -> tuple[Person, bool] | None:
    """A person (not opted out), and whether the home organisation employs them as of
    ``as_of``; None when there is no such person."""
    rows = db.read("employment.colleague", id=person_id, as_of=as_of)
    if not rows:
        return None
    r = rows[0]
    return Person.of(r["id"], r["name"], r["title"], r["interests"]), bool(r["colleague"])


def client_people(db: Database, as_of: date) -> dict[str, list[str]]:
    """The ids of the people working at each client as of ``as_of``, by client id."""
    rows = db.read("employment.client_people", as_of=as_of)
    return {str(r["client_id"]): [str(p) for p in r["people"]] for r in rows}


def people_at(db: Database, organisation_id: str, as_of: date) -> list[str]:
    """The ids of the people working at an organisation as of a date, directors first."""
    rows = db.read("employment.people_at", organisation_id=organisation_id, as_of=as_of)
    return [str(row["id"]) for row in rows]


def director_jobs(db: Database) -> list[Employment]:
    """Every board or executive job at a client, past or current, by person and client."""
    return [
        Employment(
            person_id=str(r["id"]),
            person_name=str(r["name"]),
            organisation=Organisation(
                str(r["organisation_id"]), str(r["organisation_name"]), "client"
            ),
            title=str(r["title"] or ""),
            start=r["from"],
            until=r["until"],
        )
        for r in db.read("employment.director_jobs", levels=list(DIRECTOR_LEVELS))
    ]


def home_leavers(db: Database, since: date) -> dict[str, tuple[Person, date]]:
    """Our colleagues whose job with us ends after ``since`` and who hold no open-ended one,
    with the day it ends, by id."""
    return {
        str(r["id"]): (Person(str(r["id"]), str(r["name"])), r["until"])
        for r in db.read("employment.home_leavers", since=since)
    }


def arrival(row: Row) -> Arrival:
    """An arrival from a query row (``id, organisation_id, organisation_name, kind, from,
    address``; ``from`` a date or the moment of a first conversation)."""
    day = row["from"].date() if isinstance(row["from"], datetime) else row["from"]
    org = Organisation(str(row["organisation_id"]), str(row["organisation_name"]), row["kind"])
    return Arrival(str(row["id"]), org, day, row["address"])


def jobs_started(db: Database, ids: list[str], since: date, as_of: date) -> list[Arrival]:
    """Jobs of these people that began after ``since`` and by ``as_of``."""
    rows = db.read("employment.jobs_started", ids=ids, since=since, as_of=as_of)
    return [arrival(r) for r in rows]

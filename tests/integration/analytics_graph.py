"""Build small hand-made graphs for the analytics tests, with parameterised Cypher."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from graphx.db import Database

AS_OF = date(2025, 6, 30)
"""The date the test TIEs are stored as of."""


def days_before(days: int, day: date = AS_OF) -> datetime:
    """Midnight UTC ``days`` before ``day``."""
    return datetime.combine(day - timedelta(days=days), datetime.min.time(), tzinfo=UTC)


def _run(db: Database, text: str, **params: object) -> None:
    db.driver.execute_query(text, params, database_=db.database)


def org(db: Database, org_id: str, name: str, kind: str = "client") -> None:
    _run(db, "CREATE (:Organisation {id: $id, name: $name, kind: $kind})", id=org_id, name=name,
         kind=kind)  # fmt: skip


def person(
    db: Database,
    person_id: str,
    name: str,
    *,
    email: str | None = None,
    interests: Sequence[str] = (),
    opt_out: bool = False,
) -> None:
    _run(db, "CREATE (p:Person {id: $id, name: $name, interests: $interests, opt_out: $opt_out})",
         id=person_id, name=name, interests=list(interests), opt_out=opt_out)  # fmt: skip
    if email:
        _run(db, "MATCH (p:Person {id: $id}) CREATE (p)-[:HAS_EMAIL]->(:Email {address: $a})",
             id=person_id, a=email)  # fmt: skip


def job(
    db: Database,
    person_id: str,
    org_id: str,
    level: str = "staff",
    title: str = "",
    start: date | None = None,
    until: date | None = None,
) -> None:
    """A job; current (``current: true``) unless it has an end date."""
    _run(
        db,
        "MATCH (p:Person {id: $p}), (o:Organisation {id: $o})"
        " CREATE (p)-[:WORKS_AT {level: $level, title: $title, from: $start, until: $until,"
        " current: $current}]->(o)",
        p=person_id, o=org_id, level=level, title=title, start=start, until=until,
        current=until is None,
    )  # fmt: skip


def tie(
    db: Database,
    a: str,
    b: str,
    level: int,
    strength: float,
    last_days: int = 30,
    *,
    first_days: int = 400,
    conversations: int = 5,
    last_deep_days: int | None = None,
    as_of: date = AS_OF,
) -> None:
    """A materialised TIE, stored from the smaller id to the larger as the depth model does."""
    a, b = sorted((a, b))
    _run(
        db,
        "MATCH (a:Person {id: $a}), (b:Person {id: $b})"
        " CREATE (a)-[:TIE {level: $level, strength: $strength, first_contact: $first,"
        " last_contact: $last, conversations: $n, components: [], as_of: $as_of,"
        " last_deep: $deep}]->(b)",
        a=a, b=b, level=level, strength=strength, first=days_before(first_days, as_of),
        last=days_before(last_days, as_of), n=conversations, as_of=as_of,
        deep=None if last_deep_days is None else days_before(last_deep_days, as_of),
    )  # fmt: skip


def meal(db: Database, conversation_id: str, when: datetime, people: Sequence[str]) -> None:
    """A one-hour personal meal (a deep conversation) among ``people``; the first organises."""
    _run(
        db,
        "CREATE (c:Conversation {id: $id, date: $when, kind: 'meal', depth: 'personal',"
        " duration_minutes: 60, participants: size($people), source: 'csv'})"
        " WITH c UNWIND range(0, size($people) - 1) AS i"
        " MATCH (p:Person {id: $people[i]})"
        " CREATE (p)-[:PARTICIPATED {role: CASE i WHEN 0 THEN 'organizer'"
        " ELSE 'attendee' END}]->(c)",
        id=conversation_id, when=when, people=list(people),
    )  # fmt: skip

"""Build small hand-made graphs for the analytics tests, with parameterised Cypher."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from graphx.db import Database
from graphx.model import Contact, Tie
from graphx.ties.model import Config, score_pair

AS_OF = date(2025, 6, 30)
"""The date the test ties are made for (:func:`tie`)."""


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


_KIND = {1: ("event", "outside"), 2: ("meeting", "business"), 3: ("meal", "personal"),
         4: ("meal", "personal")}  # fmt: skip


def _history(
    a: str, b: str, level: int, minutes: float, size: int, dates: list[datetime],
    deep: list[datetime],
) -> list[Contact]:  # fmt: skip
    """The pair's conversations: ``deep`` personal meals of a quarter-hour, then ``dates`` of
    the kind that gives ``level`` (trusted: hosts alternate; else ``a`` hosts)."""
    kind, depth = _KIND[level]
    out = [Contact(when, "meal", "personal", 15, 2, "a", f"{a}-{b}-deep{i}")
           for i, when in enumerate(deep)]  # fmt: skip
    for i, when in enumerate(dates):
        organiser = ("a" if i % 2 == 0 else "b") if level == 4 else "a"
        out.append(Contact(when, kind, depth, minutes, size, organiser, f"{a}-{b}-{i}"))
    return out


def tie(
    db: Database,
    a: str,
    b: str,
    level: int,
    strength: float,
    last_days: int = 30,
    *,
    first_days: int | None = None,
    conversations: int = 5,
    last_deep_days: int | None = None,
    as_of: date = AS_OF,
) -> None:
    """Conversations between ``a`` and ``b`` that make their tie, as of ``as_of``, stand at
    ``level`` with ``strength`` (to four decimals), last met ``last_days`` before.

    ``conversations`` of the kind the level needs (outside events, business meetings,
    personal meals; for trusted, hosts alternate over three calendar years at least) are
    spread from ``first_days`` (when not given, the widest span that fits) to ``last_days``
    before ``as_of``. Their duration is solved for the strength, which is linear in the
    duration factor, after the smallest group size that can give it (at most 8 people, so a
    personal meal stays personal). ``last_deep_days``: two short personal meals ending then,
    so the tie once stood at personal. Raises when the model cannot give both.
    """
    spans = [first_days] if first_days else [400, 300, 200, 120, last_days + 60, last_days + 14]
    for span in spans:
        if level == 4:
            span = max(span, (as_of - date(as_of.year - 2, 12, 31)).days + 1)
        step = (span - last_days) / max(conversations - 1, 1)
        dates = [days_before(round(span - i * step), as_of) for i in range(conversations)]
        deep = [days_before(d, as_of) for d in (last_deep_days + 20, last_deep_days)] if (
            last_deep_days is not None
        ) else []  # fmt: skip
        for size in range(2, 1000 if level == 1 else 9):
            found = _solved(a, b, level, strength, size, dates, deep, as_of)
            if found is not None:
                _write(db, a, b, found)
                return
    raise ValueError(f"{a}-{b}: the model cannot give level {level} with strength {strength}")


def _solved(
    a: str, b: str, level: int, strength: float, size: int, dates: list[datetime],
    deep: list[datetime], as_of: date,
) -> list[Contact] | None:  # fmt: skip
    """The history of this group size whose duration gives ``level`` and ``strength``."""
    config = Config.default()

    def scored(minutes: float) -> Tie:
        return score_pair(a, b, _history(a, b, level, minutes, size, dates, deep), as_of, config)

    low, high = scored(15).strength, scored(240).strength
    if not low <= strength <= high:
        return None
    factor = 0.5 + 1.5 * (strength - low) / (high - low) if high > low else 1.0
    minutes = 60 * factor**2
    tie = scored(minutes)
    if (tie.level, tie.strength) != (level, strength):
        return None
    return _history(a, b, level, minutes, size, dates, deep)


def _write(db: Database, a: str, b: str, history: list[Contact]) -> None:
    rows = [
        {"id": c.id, "date": c.date, "kind": c.kind, "depth": c.depth,
         "minutes": c.duration_minutes, "size": c.participants,
         "host": a if c.organiser == "a" else b}
        for c in history
    ]  # fmt: skip
    _run(
        db,
        "UNWIND $rows AS row"
        " CREATE (c:Conversation {id: row.id, date: row.date, kind: row.kind, depth: row.depth,"
        " duration_minutes: row.minutes, participants: row.size, source: 'csv'})"
        " WITH c, row UNWIND [$a, $b] AS who"
        " MATCH (p:Person {id: who})"
        " CREATE (p)-[:PARTICIPATED {role: CASE WHEN who = row.host THEN 'organizer'"
        " ELSE 'attendee' END}]->(c)",
        rows=rows, a=a, b=b,
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

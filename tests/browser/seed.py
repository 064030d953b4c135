"""A small known graph for the browser tests: two clients, three colleagues, real conversations
scored by the depth model."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from graphx.db import Database, delete_all
from graphx.intro_requests import ask, update
from graphx.ties.store import score_all

PEOPLE = """
CREATE (home:Organisation {id: 'home', name: 'Graphx Partners', kind: 'home'}),
       (contoso:Organisation {id: 'contoso', name: 'Contoso', kind: 'client', sector: 'energy'}),
       (fabrikam:Organisation {id: 'fabrikam', name: 'Fabrikam', kind: 'client', sector: 'retail'}),
       (dewi:Person {id: 'c-dewi', name: 'Dewi Visser', title: 'Partner', level: 'board'}),
       (sam:Person {id: 'c-sam', name: 'Sam Lee', title: 'Account lead', level: 'staff'}),
       (ann:Person {id: 'c-ann', name: 'Ann Bakker', title: 'Manager', level: 'manager'}),
       (rosa:Person {id: 'd-rosa', name: 'Rosa Meijer', title: 'CFO', level: 'executive',
                     interests: ['sailing', 'opera']}),
       (piet:Person {id: 'd-piet', name: 'Piet Kok', title: 'Chair', level: 'board',
                     interests: ['golf']}),
       (fay:Person {id: 'd-fay', name: 'Fay Brown', title: 'CEO', level: 'board',
                    interests: ['art']}),
       (olga:Person {id: 'd-olga', name: 'Olga Opted', opt_out: true}),
       (dewi)-[:WORKS_AT {current: true, title: 'Partner', level: 'board'}]->(home),
       (sam)-[:WORKS_AT {current: true, title: 'Account lead', level: 'staff'}]->(home),
       (ann)-[:WORKS_AT {current: true, title: 'Manager', level: 'manager'}]->(home),
       (rosa)-[:WORKS_AT {current: true, title: 'CFO', level: 'executive'}]->(contoso),
       (piet)-[:WORKS_AT {current: true, title: 'Chair', level: 'board'}]->(contoso),
       (fay)-[:WORKS_AT {current: true, title: 'CEO', level: 'board'}]->(fabrikam),
       (olga)-[:WORKS_AT {current: true, title: 'CTO', level: 'executive'}]->(contoso)
"""

CONVERSATIONS = """
UNWIND $rows AS row
CREATE (c:Conversation {id: row.id, date: row.date, kind: row.kind, depth: row.depth,
                        duration_minutes: row.minutes, participants: row.size,
                        subject: row.subject, source: 'csv'})
WITH c, row
MATCH (o:Person {id: row.organizer}), (x:Person {id: row.attendee})
CREATE (o)-[:PARTICIPATED {role: 'organizer'}]->(c), (x)-[:PARTICIPATED {role: 'attendee'}]->(c)
"""


def _series(
    a: str, b: str, kind: str, depth: str, every_days: int, count: int, last_days_ago: int,
    size: int = 2, alternate: bool = False,
) -> list[dict[str, object]]:  # fmt: skip
    today = datetime.combine(date.today(), time(12), tzinfo=UTC)
    rows = []
    for i in range(count):
        when = today - timedelta(days=last_days_ago + i * every_days)
        organizer, attendee = (b, a) if alternate and i % 2 else (a, b)
        rows.append(
            {
                "id": f"{a}-{b}-{kind}-{i}", "date": when, "kind": kind, "depth": depth,
                "minutes": 90, "size": size, "subject": f"{kind} {i}",
                "organizer": organizer, "attendee": attendee,
            }
        )  # fmt: skip
    return rows


def conversations() -> list[dict[str, object]]:
    return [
        *_series("c-dewi", "d-rosa", "meal", "personal", 60, 30, 20, alternate=True),
        *_series("c-ann", "c-sam", "meeting", "business", 7, 100, 3),
        *_series("c-ann", "c-dewi", "meeting", "business", 30, 24, 5),
        *_series("c-sam", "d-piet", "event", "outside", 1, 1, 200, size=150),
        *_series("c-ann", "d-fay", "call", "business", 30, 12, 30),
    ]


def requests(db: Database) -> None:
    """Introduction requests: r1 Sam asks Ann to introduce him to Fay (requested a week ago);
    r2 Ann asks Dewi for Rosa (asked 35 days ago: stale); r3 Dewi asks Ann for Fay
    (introduced 3 days ago)."""
    today = date.today()
    ask(db, "c-sam", "d-fay", "c-ann", "for the retail pitch", today - timedelta(days=7))
    ask(db, "c-ann", "d-rosa", "c-dewi", "energy transition", today - timedelta(days=40))
    update(db, "r2", "asked", "mentioned it at lunch", today - timedelta(days=35))
    ask(db, "c-dewi", "d-fay", "c-ann", "", today - timedelta(days=10))
    update(db, "r3", "asked", "", today - timedelta(days=9))
    update(db, "r3", "introduced", "by e-mail", today - timedelta(days=3))


def seed(db: Database) -> None:
    delete_all(db)
    db.driver.execute_query(PEOPLE)
    db.driver.execute_query(CONVERSATIONS, rows=conversations())
    score_all(db)
    requests(db)

"""A small graph for the occasion planner and the agenda, whose right answers are obvious.

Colleagues: Ann (golf), Bob (sailing), Cas (golf, art), Dan, Eva (golf).
Acme (75% covered): Sam (CEO, golf) known personally by Ann alone, at a golf clinic (none of
us there) 400 days ago; Tom (board, golf) known by Ann (trusted) and Bob (personal), at a
sailing regatta 50 days ago; Pia (CFO, no interests) known personally by Ann.
Beta (0% covered): Bea (CEO, "Golf") known by nobody of us, but through business by Max (a
Beta buyer) whom Bob knows; Ben (board, "golfing") met once by Dan.
Core (100% covered): Cid (CFO, golf) known personally by Cas, at a golf day 100 days ago;
Fay (COO, golf) known personally by Cas, and by Ann until 300 days ago (fading); Cor (CEO,
golf) opted out. The ties are made of conversations (``tie``) and stored.
"""

from __future__ import annotations

from datetime import datetime

from graphx.db import Database
from graphx.ties.store import score_all
from tests.integration.analytics_graph import AS_OF, _run, days_before, job, org, person, tie

ON = AS_OF

COLLEAGUES = [
    ("ann", "Ann Smit", ["golf"]),
    ("bob", "Bob de Wit", ["sailing"]),
    ("cas", "Cas Bos", ["golf", "art"]),
    ("dan", "Dan Mol", []),
    ("eva", "Eva Lind", ["golf"]),
]
DIRECTORS = [
    ("sam", "Sam Stone", "acme", "board", "CEO", ["golf"]),
    ("tom", "Tom Brink", "acme", "board", "Board member", ["golf", "opera"]),
    ("pia", "Pia Roos", "acme", "executive", "CFO", []),
    ("bea", "Bea Zon", "beta", "board", "CEO", ["Golf"]),
    ("ben", "Ben Vos", "beta", "board", "Board member", ["golfing"]),
    ("cid", "Cid Klein", "core", "executive", "CFO", ["golf"]),
    ("fay", "Fay Dijk", "core", "executive", "COO", ["golf", "art"]),
]


def occasion(
    db: Database, cid: str, kind: str, subject: str, when: datetime, ids: list[str]
) -> None:
    """An occasion (event or trip) that ``ids`` took part in, the first organising."""
    _run(
        db,
        "CREATE (c:Conversation {id: $id, date: $when, kind: $kind, depth: 'outside',"
        " duration_minutes: 240, participants: size($ids), subject: $subject, source: 'csv'})"
        " WITH c UNWIND range(0, size($ids) - 1) AS i MATCH (p:Person {id: $ids[i]})"
        " CREATE (p)-[:PARTICIPATED {role: CASE i WHEN 0 THEN 'organizer'"
        " ELSE 'attendee' END}]->(c)",
        id=cid, when=when, kind=kind, subject=subject, ids=ids,
    )  # fmt: skip


def build(db: Database) -> None:
    org(db, "us", "Us", "home")
    org(db, "acme", "Acme")
    org(db, "beta", "Beta")
    org(db, "core", "Core")
    for pid, name, likes in COLLEAGUES:
        person(db, pid, name, email=f"{pid}@us.com", interests=likes)
        job(db, pid, "us")
    for pid, name, org_id, level, title, likes in DIRECTORS:
        person(db, pid, name, email=f"{pid}@{org_id}.com", interests=likes)
        job(db, pid, org_id, level, title)
    person(db, "max", "Max Koper")
    job(db, "max", "beta", "staff", "Buyer")
    person(db, "cor", "Cor Out", interests=["golf"], opt_out=True)
    job(db, "cor", "core", "board", "CEO")
    tie(db, "ann", "sam", 3, 8.0, 50, first_days=70, conversations=11)
    tie(db, "ann", "tom", 4, 20.0, 100, first_days=400, conversations=4)
    tie(db, "bob", "tom", 3, 13.0, 10, first_days=730, conversations=21)
    tie(db, "ann", "pia", 3, 4.0, 75, first_days=400, conversations=5)
    tie(db, "max", "bea", 2, 3.0, 20)
    tie(db, "bob", "max", 2, 2.5, 30)
    tie(db, "dan", "ben", 1, 0.3, 120, first_days=120, conversations=1)
    tie(db, "cas", "cid", 3, 5.0, 20)
    tie(db, "cas", "fay", 3, 4.0, 15)
    tie(db, "ann", "fay", 2, 2.5, 200, last_deep_days=300)
    tie(db, "ann", "cor", 4, 20.0, 5)
    occasion(db, "golf-day", "event", "Golf day Gleneagles", days_before(100), ["cas", "cid"])
    occasion(db, "regatta", "trip", "Sailing regatta", days_before(50), ["bob", "tom"])
    occasion(db, "clinic", "event", "Golf clinic", days_before(400), ["sam"])
    score_all(db)

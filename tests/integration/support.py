"""Helpers for tests that need a Neo4j of their own (they stop, kill or reload it) and for
comparing graphs by what they hold."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graphx.config import Settings, load_settings
from graphx.db import Database
from graphx.local_neo4j import LocalNeo4j

GRAPHX = Path(sys.executable).with_name("graphx")
"""The installed command, run as a user runs it (one-line errors, exit codes)."""


def own_settings(home: Path) -> Settings:
    """Settings of a server in ``home``: never NEO4J_URI, a small heap."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env |= {
        "GRAPHX_HOME": str(home),
        "GRAPHX_NEO4J_HEAP": "1g",
        "GRAPHX_NEO4J_PAGECACHE": "256m",
    }
    return load_settings(env)


@contextmanager
def own_server(home: Path) -> Iterator[LocalNeo4j]:
    """A started server in ``home``, stopped afterwards."""
    server = LocalNeo4j(own_settings(home))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def rows(db: Database, cypher: str) -> list[tuple[Any, ...]]:
    """The records of ``cypher`` as sorted tuples of plain Python values."""
    records, _, _ = db.driver.execute_query(cypher, database_=db.database)
    return sorted((tuple(_plain(v) for v in r.values()) for r in records), key=repr)


def _plain(value: Any) -> Any:
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, list):
        return tuple(_plain(v) for v in value)
    return value


def canonical_dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every node, relationship and property the canonical format carries, sorted.

    Not carried by the format: a conversation's ``source``; an empty interest list and no
    interests are the same. Label and type counts catch anything extra.
    """
    return {
        "labels": rows(db, "MATCH (n) RETURN labels(n) AS l, count(*) AS n"),
        "types": rows(db, "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n"),
        "organisations": rows(db, """
            MATCH (o:Organisation)
            RETURN o.id, o.name, o.kind, o.sector,
                   COLLECT { MATCH (o)-[:HAS_DOMAIN]->(d) RETURN d.name ORDER BY d.name }"""),
        "people": rows(db, """
            MATCH (p:Person)
            RETURN p.id, p.name, p.title, p.level, coalesce(p.interests, []), p.opt_out,
                   COLLECT { MATCH (p)-[:HAS_EMAIL]->(e) RETURN e.address ORDER BY e.address },
                   [k IN keys(p) WHERE NOT k IN
                    ['id', 'name', 'title', 'level', 'interests', 'opt_out']]"""),
        "jobs": rows(db, """
            MATCH (p:Person)-[w:WORKS_AT]->(o:Organisation)
            RETURN p.id, o.id, w.current, w.title, w.level, w.from, w.until"""),
        "conversations": rows(db, """
            MATCH (c:Conversation)
            RETURN c.id, c.date, c.kind, c.depth, c.duration_minutes, c.subject,
                   c.participants"""),
        "participations": rows(db, """
            MATCH (p:Person)-[r:PARTICIPATED]->(c:Conversation)
            RETURN p.id, c.id, r.role"""),
    }  # fmt: skip


def ties(db: Database) -> list[tuple[Any, ...]]:
    """Every stored tie with the properties that depend on the data (not the run id)."""
    return rows(
        db,
        "MATCH (a)-[t:TIE]->(b) RETURN a.id, b.id, t.level, round(t.strength, 9), "
        "t.conversations, t.first_contact, t.last_contact, t.day, t.business_until,"
        " t.personal_until, t.trusted_until",
    )


def duplicates(db: Database) -> dict[str, int]:
    """How many keys occur more than once: nodes by key, relationships by their endpoints
    (jobs by endpoints, ``current`` and ``from``). All zero in a sound graph."""
    checks = {
        "Organisation": "MATCH (n:Organisation) WITH n.id AS k, count(*) AS n WHERE n > 1 "
        "RETURN count(k)",
        "Person": "MATCH (n:Person) WITH n.id AS k, count(*) AS n WHERE n > 1 RETURN count(k)",
        "Conversation": "MATCH (n:Conversation) WITH n.id AS k, count(*) AS n WHERE n > 1 "
        "RETURN count(k)",
        "Email": "MATCH (n:Email) WITH n.address AS k, count(*) AS n WHERE n > 1 RETURN count(k)",
        "Domain": "MATCH (n:Domain) WITH n.name AS k, count(*) AS n WHERE n > 1 RETURN count(k)",
        "rels": "MATCH (a)-[r:PARTICIPATED|HAS_EMAIL|HAS_DOMAIN|TIE|ASSESSED]->(b) "
        "WITH a, b, type(r) AS t, count(*) AS n WHERE n > 1 RETURN count(*)",
        "WORKS_AT": "MATCH (a)-[r:WORKS_AT]->(b) WITH a, b, r.current AS c, r.from AS f, "
        "count(*) AS n WHERE n > 1 RETURN count(*)",
    }
    return {name: rows(db, cypher)[0][0] for name, cypher in checks.items()}

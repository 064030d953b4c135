"""Ego networks for the explorer, and finding people by name or e-mail address."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from graphx.db import Database
from graphx.model import PersonAt, Tie
from graphx.repository import people
from graphx.ties.view import TieView

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    level: int
    strength: float
    last_contact: datetime | None


@dataclass(frozen=True)
class Network:
    """People around ``centers`` and the ties among them."""

    centers: tuple[str, ...]
    nodes: tuple[PersonAt, ...]
    edges: tuple[Edge, ...]


def search_people(db: Database, text: str, limit: int = 10) -> list[PersonAt]:
    """People whose name has every typed word as a prefix, or whose address starts with the text,
    each with the organisation they work at today.

    Only word characters reach the fulltext index, so any input is a plain search.
    """
    words = _WORD.findall(text)
    address = text.strip().lower() if "@" in text else ""
    if not words and not address:
        return []
    query = " AND ".join(f"{w}*" for w in words) if words else "__nothing__"
    return people.search(db, query, address, date.today(), limit)


def _edge(link: Tie) -> Edge:
    a, b = sorted((link.a, link.b))
    return Edge(a, b, link.level, link.strength, link.last_contact)


def ego_network(
    db: Database,
    centers: list[str],
    as_of: date,
    min_level: int = 1,
    per_center: int = 40,
) -> Network:
    """The strongest ``per_center`` ties (level >= ``min_level``) of each center, as of a date,
    plus the ties among everyone shown, so the drawing stays small and fluid."""
    view = TieView(db, as_of)
    chosen: dict[frozenset[str], Edge] = {}
    around = [link for link in view.around(centers) if link.level >= min_level]
    for center in centers:
        own = sorted((x for x in around if x.a == center), key=lambda x: (-x.strength, x.b))
        for link in own[:per_center]:
            chosen[frozenset((link.a, link.b))] = _edge(link)
    shown = sorted(set(centers) | {p for edge in chosen.values() for p in (edge.a, edge.b)})
    for link in view.between(shown, shown):
        if link.level >= min_level and link.a != link.b:
            chosen.setdefault(frozenset((link.a, link.b)), _edge(link))
    nodes = tuple(people.drawn(db, shown, as_of))
    known = {node.id for node in nodes}
    edges = tuple(
        sorted(
            (e for e in chosen.values() if e.a in known and e.b in known),
            key=lambda e: (e.a, e.b),
        )
    )
    return Network(centers=tuple(c for c in centers if c in known), nodes=nodes, edges=edges)

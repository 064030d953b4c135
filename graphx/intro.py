"""Warm introductions: the best chains of ties from one person to another.

A link's weight is its tie strength normalised to (0, 1]: ``s / (s + half_strength)``, so a
tie at the depth model's personal threshold (strength 3) weighs 0.5 and stronger ties approach
1. A chain's strength is the product of its links' weights: one weak link spoils a chain, and
every extra hop costs. Only the neighbourhood that can hold a chain of ``max_hops`` is fetched
(ties within ``(max_hops - 1) // 2`` hops around both ends, walked outward from each; links
between intermediaries at least business), then :func:`best_chains` ranks simple paths by cost
``-log(weight)`` with a best-first search bounded by the hop limit.

>>> round(link_weight(3.0), 3), round(link_weight(15.0), 3), round(link_weight(0.2), 3)
(0.5, 0.833, 0.062)
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graphx.db import Database
from graphx.errors import NotFound
from graphx.model import Tie, to_json
from graphx.repository.people import named
from graphx.ties.view import TieView
from graphx.ties.wording import ago

HALF_STRENGTH = 3.0
"""Tie strength that weighs 0.5: the depth model's default threshold for level 3."""
_MIN_WEIGHT = 1e-9


@dataclass(frozen=True)
class IntroConfig:
    """How chains are weighed and how far the search looks."""

    half_strength: float = HALF_STRENGTH
    # links between two intermediaries must be at least business: nobody introduces through a
    # handshake; the first and last links may be of any level
    min_level_between: int = 2


def link_weight(strength: float, half_strength: float = HALF_STRENGTH) -> float:
    """A tie strength normalised to (0, 1]: half at ``half_strength``, rising towards 1."""
    if strength <= 0:
        return _MIN_WEIGHT
    return max(_MIN_WEIGHT, strength / (strength + half_strength))


@dataclass(frozen=True)
class Chain:
    """People from the start to the target, the ties between consecutive people (each seen
    from the one nearer the start) and their weights."""

    people: tuple[str, ...]
    strength: float
    links: tuple[Tie, ...]
    weights: tuple[float, ...]

    @property
    def hops(self) -> int:
        return len(self.links)

    def to_json(self) -> dict[str, Any]:
        return {
            "people": list(self.people),
            "strength": round(self.strength, 6),
            "links": [
                {
                    "a": t.a,
                    "b": t.b,
                    "level": t.level,
                    "strength": t.strength,
                    "weight": round(w, 4),
                    "last_contact": t.last_contact,
                }
                for t, w in zip(self.links, self.weights, strict=True)
            ],
        }


@dataclass(frozen=True)
class Introductions:
    """The best chains from ``from_id`` to ``to_id`` (best first) and a suggestion in words."""

    from_id: str
    to_id: str
    as_of: date
    max_hops: int
    paths: tuple[Chain, ...]
    suggestion: str
    names: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.from_id,
            "to": self.to_id,
            "as_of": self.as_of,
            "max_hops": self.max_hops,
            "paths": to_json(self.paths),
            "suggestion": self.suggestion,
            "names": dict(self.names),
        }


def neighbourhood(
    view: TieView, ends: list[str], max_hops: int, min_level_between: int = 1
) -> list[Tie]:
    """Every tie that a chain of at most ``max_hops`` between the ends can use.

    On such a chain each link has an end within ``(max_hops - 1) // 2`` hops of one of the
    ends, so expanding that many rings around both ends and taking their ties suffices. Ties
    of the ends themselves are taken at any level, ties further out from ``min_level_between``.
    """
    radius = (max_hops - 1) // 2
    seen = set(ends)
    frontier = list(ends)
    links: list[Tie] = []
    for ring in range(radius + 1):
        found = view.around(frontier, min_level=1 if ring == 0 else min_level_between)
        links.extend(found)
        frontier = sorted({link.b for link in found} - seen)
        seen.update(frontier)
        if not frontier:
            break
    return links


def _graph(links: list[Tie], ends: list[str], max_hops: int, cfg: IntroConfig) -> nx.Graph:
    graph = nx.Graph()
    for link in links:
        if link.a == link.b:
            continue
        touches_end = link.a in ends or link.b in ends
        if not touches_end and link.level < cfg.min_level_between:
            continue
        weight = link_weight(link.strength, cfg.half_strength)
        graph.add_edge(link.a, link.b, cost=-math.log(weight), weight=weight, link=link)
    start, target = ends
    if start not in graph or target not in graph:
        return nx.Graph()
    from_start = nx.single_source_shortest_path_length(graph, start, cutoff=max_hops)
    from_target = nx.single_source_shortest_path_length(graph, target, cutoff=max_hops)
    keep = [n for n, d in from_start.items() if d + from_target.get(n, max_hops + 1) <= max_hops]
    return graph.subgraph(keep).copy()


def best_chains(
    graph: nx.Graph, start: str, target: str, max_hops: int, top: int
) -> list[list[str]]:
    """The ``top`` cheapest simple paths of at most ``max_hops`` links, cheapest first.

    A best-first (A*) search over partial paths: the cost to go is the unconstrained cheapest
    cost to the target (a lower bound, so complete paths come out in exact order of cost), and
    a partial path that cannot reach the target within the hop limit is never extended.

    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", cost=1.0)
    >>> g.add_edge("b", "c", cost=1.0)
    >>> g.add_edge("a", "c", cost=3.0)
    >>> best_chains(g, "a", "c", max_hops=2, top=5)
    [['a', 'b', 'c'], ['a', 'c']]
    """
    if start not in graph or target not in graph:
        return []
    to_go = nx.single_source_dijkstra_path_length(graph, target, weight="cost")
    hops_to_go = nx.single_source_shortest_path_length(graph, target, cutoff=max_hops)
    if start not in to_go:
        return []
    found: list[list[str]] = []
    queue: list[tuple[float, float, tuple[str, ...]]] = [(to_go[start], 0.0, (start,))]
    while queue and len(found) < top:
        _, cost, path = heapq.heappop(queue)
        node = path[-1]
        if node == target:
            found.append(list(path))
            continue
        for neighbour, data in graph[node].items():
            if neighbour in path or len(path) + hops_to_go.get(neighbour, max_hops) > max_hops:
                continue
            step = cost + data["cost"]
            heapq.heappush(queue, (step + to_go[neighbour], step, (*path, neighbour)))
    return found


def _chain(graph: nx.Graph, path: list[str]) -> Chain:
    links, weights = [], []
    strength = 1.0
    for a, b in itertools.pairwise(path):
        data = graph.edges[a, b]
        tie: Tie = data["link"]
        links.append(tie.seen_from(a))
        weights.append(data["weight"])
        strength *= data["weight"]
    return Chain(tuple(path), strength, tuple(links), tuple(weights))


_KNOWS = {
    1: "has met {name}",
    2: "knows {name} through business",
    3: "knows {name} personally",
    4: "knows {name} well, a trusted relationship",
}


def _since(link: Tie, as_of: date) -> str:
    if link.last_contact is None:
        return ""
    return f", last met {ago((as_of - link.last_contact.date()).days)}"


def suggest(
    intro_paths: tuple[Chain, ...],
    names: Mapping[str, str],
    start: str,
    target: str,
    as_of: date,
    max_hops: int,
) -> str:
    """The best chain in words: whom to ask first, and how the chain goes on."""

    def name(pid: str) -> str:
        return names.get(pid, pid)

    if not intro_paths:
        return (
            f"No chain of at most {max_hops} ties links {name(start)} to {name(target)}"
            f" as of {as_of.isoformat()}."
        )
    best = intro_paths[0]
    first = best.links[0]
    if best.hops == 1:
        knows = _KNOWS.get(first.level, "knows {name}").format(name=name(target))
        return f"{name(start)} {knows} already{_since(first, as_of)}: get in touch directly."
    second = best.links[1]
    knows = _KNOWS.get(second.level, "knows {name}").format(name=name(second.b))
    text = f"Ask {name(second.a)} ({knows}{_since(second, as_of)})"
    if best.hops > 2:
        rest = " → ".join(name(p) for p in best.people[2:])
        text += f"; the chain goes on {rest}"
    return text + "."


def introductions(
    db: Database,
    from_id: str,
    to_id: str,
    max_hops: int = 4,
    top: int = 5,
    as_of: date | None = None,
    config: IntroConfig | None = None,
    *,
    ties: TieView | None = None,
    via: str | None = None,
) -> Introductions:
    """The ``top`` strongest chains of at most ``max_hops`` ties from ``from_id`` to ``to_id``;
    with ``via``, only those whose first link goes to that person (the one to ask).

    Chains never pass through opted-out people. No chain is an empty result, not an error.
    """
    cfg = config or IntroConfig()
    day = as_of or date.today()
    ends = named(db, [from_id, to_id])
    for pid in (from_id, to_id):
        if pid not in ends:
            raise NotFound(f"no person with id {pid!r}")
    found: list[Chain] = []
    if from_id != to_id and max_hops >= 1 and top >= 1:
        view = ties or TieView(db, day)
        links = neighbourhood(view, [from_id, to_id], max_hops, cfg.min_level_between)
        graph = _graph(links, [from_id, to_id], max_hops, cfg)
        if via is not None and from_id in graph:
            graph.remove_edges_from([(from_id, n) for n in list(graph[from_id]) if n != via])
        found = [_chain(graph, path) for path in best_chains(graph, from_id, to_id, max_hops, top)]
    ids = sorted({p for chain in found for p in chain.people} | {from_id, to_id})
    names = {pid: person.name for pid, person in named(db, ids).items()}
    chains = tuple(found)
    return Introductions(
        from_id,
        to_id,
        day,
        max_hops,
        chains,
        suggest(chains, names, from_id, to_id, day, max_hops),
        names,
    )

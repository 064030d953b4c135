"""The explorer's layout: people grouped by organisation with room for every name, and the
ties drawn when there are more than fit."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from dashboards.components.network import CELL_HEIGHT, positions, strongest
from graphx.explorer import Edge, Network
from graphx.model import PersonAt


def network(people: int, seed: int = 1) -> Network:
    rng = random.Random(seed)
    nodes = tuple(
        PersonAt(
            id=f"p{i:03d}",
            name=" ".join(["Name"] * rng.randint(1, 6)) + f" {i}",
            title="",
            level="",
            organisation_id=f"o{rng.randint(0, 9)}",
            organisation_name="Org",
            organisation_kind="home" if i == 0 else "client",
        )
        for i in range(people)
    )
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    edges = tuple(
        Edge(f"p{a:03d}", f"p{b:03d}", rng.randint(1, 4), rng.random(), moment)
        for a in range(people)
        for b in range(a + 1, people)
        if a == 0 or rng.random() < 0.05
    )
    return Network(centers=("p000",), nodes=nodes, edges=edges)


def test_a_neighbourhood_of_150_keeps_every_name_in_its_own_cell_and_organisation() -> None:
    net = network(150)
    where, box, boxes = positions(net)
    assert set(boxes) == {n.organisation_id for n in net.nodes}
    assert set(where) == {n.id for n in net.nodes}
    assert all(box[n.id] == n.organisation_id for n in net.nodes)
    longest = max(len(n.name) for n in net.nodes)
    points = sorted(where.values())
    for i, (x, y) in enumerate(points):  # centres a label's width apart, or a row apart
        for u, v in points[i + 1 :]:
            assert abs(u - x) >= longest * 6.8 or abs(v - y) >= CELL_HEIGHT
    assert where["p000"] == min(where.values(), key=lambda p: (p[1], p[0]))  # center first


def test_every_tie_of_a_center_is_drawn_then_the_strongest_others() -> None:
    net = network(60)
    own = [e for e in net.edges if "p000" in (e.a, e.b)]
    drawn = strongest(net, 100)
    assert len(own) == 59 and len(drawn) == 100 and drawn[:59] == own
    others = [e for e in net.edges if e not in own]
    weakest_drawn = min((e.level, e.strength) for e in drawn[59:])
    assert all((e.level, e.strength) <= weakest_drawn for e in others if e not in drawn)
    assert strongest(net, 10) == own  # a center's own ties are never dropped


def test_a_network_of_nobody_has_no_positions() -> None:
    """A center that is unknown or opted out leaves an empty network, drawn as nothing."""
    assert positions(Network(centers=(), nodes=(), edges=())) == ({}, {}, {})

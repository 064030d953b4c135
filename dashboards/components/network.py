"""Cytoscape elements, positions and style for an ego network a person can read.

Each organisation is a box (a compound node) holding its people on a grid whose cells are as
wide as the longest name, so no two labels can overlap; the boxes are packed on shelves, the
centers' organisations first. A tie's colour and width follow its level (the legend's
palette); hovering shows its one-line explanation, clicking opens the relationship.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from typing import Any

from dashboards.components.levels import level_name
from graphx.explorer import Edge, Network
from graphx.model import PersonAt
from graphx.palette import KIND_COLOURS, LEVEL_COLOURS
from graphx.ties.wording import ago

FONT_PX = 11
CHAR_PX = 0.62 * FONT_PX  # wider than the average glyph of the sans-serif in use
CELL_HEIGHT = 56  # a node (18 px), its label below it and a gap
GAP = 48  # between boxes, room for a box's name above it


def _label_width(text: str) -> float:
    return len(text) * CHAR_PX + 2 * FONT_PX


def _groups(network: Network) -> list[tuple[str, str, list[PersonAt]]]:
    """(key, name, people) per organisation: the centers' organisations first, then ours,
    then by size; people within each by closeness to the centers, then name."""
    closeness: dict[str, tuple[int, float]] = {}
    centers = set(network.centers)
    for e in network.edges:
        for near, other in ((e.a, e.b), (e.b, e.a)):
            if near in centers:
                closeness[other] = max(closeness.get(other, (0, 0.0)), (e.level, e.strength))
    by_org: dict[str, list[PersonAt]] = defaultdict(list)
    for n in network.nodes:
        by_org[n.organisation_id or f"none:{n.id}"].append(n)
    first = {n.organisation_id or f"none:{n.id}" for n in network.nodes if n.id in centers}

    def person_order(n: PersonAt) -> tuple[Any, ...]:
        level, strength = closeness.get(n.id, (0, 0.0))
        return (n.id not in centers, -level, -strength, n.name, n.id)

    groups = [
        (key, people[0].organisation_name or people[0].name, sorted(people, key=person_order))
        for key, people in by_org.items()
    ]
    return sorted(
        groups,
        key=lambda g: (g[0] not in first, g[2][0].organisation_kind != "home", -len(g[2]), g[1]),
    )


def positions(
    network: Network,
) -> tuple[dict[str, tuple[float, float]], dict[str, str], dict[str, str]]:
    """Each person's position and box (organisation key), and each box's name."""
    labels = [n.name for n in network.nodes] or [""]
    cell = max(_label_width(text) for text in labels)
    groups = _groups(network)
    blocks = []
    for key, name, people in groups:
        cols = max(1, min(len(people), math.ceil(math.sqrt(len(people) * 1.5))))
        rows = math.ceil(len(people) / cols)
        width = max(cols * cell, _label_width(name))
        blocks.append((key, people, cols, width, rows * CELL_HEIGHT))
    area = sum(w * h for *_, w, h in blocks)
    shelf_width = max([*(w for *_, w, _ in blocks), math.sqrt(area) * 1.8])
    where: dict[str, tuple[float, float]] = {}
    box: dict[str, str] = {}
    x = y = shelf_height = 0.0
    for key, people, cols, width, height in blocks:
        if x > 0 and x + width > shelf_width:
            x, y, shelf_height = 0.0, y + shelf_height + GAP, 0.0
        for i, person in enumerate(people):
            row, col = divmod(i, cols)
            where[person.id] = (x + (col + 0.5) * cell, y + row * CELL_HEIGHT)
            box[person.id] = key
        x += width + GAP
        shelf_height = max(shelf_height, height)
    return where, box, {key: name for key, name, _ in groups}


def tie_sentence(edge: Edge, names: dict[str, str], today: date) -> str:
    """One line on a tie: who, level, strength and last contact."""
    last = (
        f", last contact {ago((today - edge.last_contact.date()).days)}"
        if edge.last_contact
        else ""
    )
    return (
        f"{names.get(edge.a, edge.a)} and {names.get(edge.b, edge.b)}: "
        f"{level_name(edge.level)} (strength {edge.strength:.2f}){last}"
    )


def strongest(network: Network, limit: int) -> list[Edge]:
    """The ties drawn: every tie of a center, then the strongest others (level, strength) up
    to ``limit`` in all."""
    centers = set(network.centers)
    own = [e for e in network.edges if e.a in centers or e.b in centers]
    others = sorted(
        (e for e in network.edges if e.a not in centers and e.b not in centers),
        key=lambda e: (-e.level, -e.strength, e.a, e.b),
    )
    return own + others[: max(0, limit - len(own))]


def elements(network: Network, today: date, limit: int) -> list[dict[str, Any]]:
    """Boxes per organisation, people placed in them (centers larger), and the ``limit``
    strongest ties (:func:`strongest`) by level."""
    where, box, names_of_boxes = positions(network)
    centers = set(network.centers)
    names = {n.id: n.name for n in network.nodes}
    boxes = [
        {"data": {"id": f"org:{key}", "label": name}, "classes": "organisation"}
        for key, name in names_of_boxes.items()
    ]
    nodes = [
        {
            "data": {
                "id": n.id,
                "label": n.name,
                "detail": f"{n.title}, {n.organisation_name}".strip(", "),
                "kind": n.organisation_kind,
                "parent": f"org:{box[n.id]}",
            },
            "position": {"x": where[n.id][0], "y": where[n.id][1]},
            "classes": f"kind-{n.organisation_kind}" + (" center" if n.id in centers else ""),
        }
        for n in network.nodes
    ]
    edges = [
        {
            "data": {
                "id": f"{e.a}|{e.b}",
                "source": e.a,
                "target": e.b,
                "level": e.level,
                "sentence": tie_sentence(e, names, today),
            },
            "classes": f"level-{e.level}",
        }
        for e in strongest(network, limit)
    ]
    return boxes + nodes + edges


def stylesheet() -> list[dict[str, Any]]:
    style: list[dict[str, Any]] = [
        {
            "selector": "node",
            "style": {
                "label": "data(label)", "font-size": FONT_PX, "width": 18, "height": 18,
                "text-valign": "bottom", "text-margin-y": 3, "color": "#1f2933",
                "min-zoomed-font-size": 0, "text-background-color": "#ffffff",
                "text-background-opacity": 0.85, "text-background-padding": 1,
            },
        },
        {
            "selector": ".organisation",
            "style": {
                "background-color": "#e4e7eb", "background-opacity": 0.35,
                "border-color": "#9aa5b1", "border-width": 1, "text-valign": "top",
                "text-halign": "center", "font-size": FONT_PX, "font-weight": "bold",
                "color": "#1f2933", "padding": 12, "shape": "round-rectangle",
                "text-background-color": "#ffffff", "text-background-opacity": 1,
                "text-background-padding": 2,
            },
        },
        {"selector": ".center", "style": {"width": 28, "height": 28, "font-weight": "bold"}},
        # ties under the boxes (whose fill is faint), so no line crosses a box's name
        {
            "selector": "edge",
            "style": {"curve-style": "bezier", "opacity": 0.75, "z-compound-depth": "bottom"},
        },
        {"selector": "edge:selected, edge.hover", "style": {"opacity": 1, "z-index": 10}},
    ]  # fmt: skip
    style += [
        {"selector": f".kind-{kind}", "style": {"background-color": colour}}
        for kind, colour in KIND_COLOURS.items()
    ]
    style += [
        {"selector": f".level-{level}", "style": {"line-color": colour, "width": 1 + 1.5 * level}}
        for level, colour in LEVEL_COLOURS.items()
    ]
    return style

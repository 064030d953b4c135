"""Cytoscape elements and style for an ego network."""

from __future__ import annotations

from typing import Any

from dashboards.components.levels import KIND_COLOURS, LEVEL_COLOURS
from graphx.explorer import Network


def elements(network: Network) -> list[dict[str, Any]]:
    """Nodes coloured by organisation kind (centers larger), edges by level."""
    centers = set(network.centers)
    nodes = [
        {
            "data": {
                "id": n.id,
                "label": n.name,
                "detail": f"{n.title}, {n.organisation_name}".strip(", "),
                "kind": n.organisation_kind,
            },
            "classes": f"kind-{n.organisation_kind}" + (" center" if n.id in centers else ""),
        }
        for n in network.nodes
    ]
    edges = [
        {
            "data": {"id": f"{e.a}|{e.b}", "source": e.a, "target": e.b, "level": e.level},
            "classes": f"level-{e.level}",
        }
        for e in network.edges
    ]
    return nodes + edges


def stylesheet() -> list[dict[str, Any]]:
    style: list[dict[str, Any]] = [
        {
            "selector": "node",
            "style": {
                "label": "data(label)", "font-size": 9, "width": 18, "height": 18,
                "text-valign": "bottom", "text-margin-y": 3, "color": "#1f2933",
            },
        },
        {"selector": ".center", "style": {"width": 30, "height": 30, "font-weight": "bold"}},
        {"selector": "edge", "style": {"curve-style": "haystack", "opacity": 0.8}},
    ]  # fmt: skip
    style += [
        {"selector": f".kind-{kind}", "style": {"background-color": colour}}
        for kind, colour in KIND_COLOURS.items()
    ]
    style += [
        {"selector": f".level-{level}", "style": {"line-color": colour, "width": level + 0.5}}
        for level, colour in LEVEL_COLOURS.items()
    ]
    return style

"""Client pickers' options (pure: the names are given; ``dashboards.pickers`` reads them)."""

from __future__ import annotations

from collections.abc import Mapping


def client_options(names: Mapping[str, str]) -> list[dict[str, str]]:
    """Dropdown options from client names by organisation id."""
    return [{"label": name, "value": id_} for id_, name in names.items()]

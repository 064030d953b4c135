"""What a source kind hands the sync: ``Step`` s, each written in one transaction.

A kind (IMAP, CalDAV; later Microsoft Graph's delta queries or Gmail's history ids) reads
what changed on its server since its bookmarks and yields steps. A step carries the
conversations found, the items that changed or vanished (for kinds whose items can change:
calendar objects), and the bookmark it moves to. The sync writes a step's conversations, its
items and its bookmark together, so a bookmark never runs ahead of the writes it covers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from graphx.importers.resolve import Encounter
from graphx.repository.sources import Item as Item

Cursors = Mapping[str, dict[str, Any]]
"""A source's bookmarks: per folder or calendar (its key), a small JSON-ready state."""


@dataclass
class Step:
    """One unit of a sync: written, with ``cursor`` (``(key, state)``), in one transaction.

    ``fetched`` counts the server's items read; ``skipped`` holds why an item or occurrence
    was not a conversation. ``items`` replace what those items held; ``gone`` are the keys of
    items deleted on the server (their conversations are removed).
    """

    fetched: int = 0
    encounters: list[Encounter] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    cursor: tuple[str, dict[str, Any]] | None = None


class Reader(Protocol):
    """A source kind, connected: its steps since the bookmarks (``known`` items by key)."""

    def steps(self, cursors: Cursors, known: Mapping[str, Item]) -> Iterator[Step]: ...

    def close(self) -> None: ...

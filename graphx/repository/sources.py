"""Live sources (``cypher/sources/``): their settings, bookmarks and items, kept in the graph
beside the conversations they deliver, and how their last sync went.

A sync step's writes take the import's ``Transaction``: its items, deliveries and bookmark
commit together with its conversations. Bookmark states and sync counts are stored as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from neo4j.exceptions import ConstraintError

from graphx.db import Database, Row, Transaction


@dataclass(frozen=True)
class Item:
    """One changeable thing on the server (a calendar object) and what it holds now."""

    key: str
    etag: str | None
    conversation_ids: tuple[str, ...]
    horizon: date | None = None
    recurring: bool = False


@dataclass(frozen=True)
class SourceRecord:
    """A source as the graph keeps it: all its properties (``SourceSpec.from_row`` reads its
    settings from them) and how its last sync went."""

    properties: dict[str, Any]
    last_sync_at: datetime | None
    last_result: str | None
    last_error: str | None
    last_counts: dict[str, Any]
    items_seen: int
    dirty: bool


def _record(source: dict[str, Any]) -> SourceRecord:
    return SourceRecord(
        properties=source,
        last_sync_at=source.get("last_sync_at"),
        last_result=source.get("last_result"),
        last_error=source.get("last_error"),
        last_counts=json.loads(source["last_counts"]) if source.get("last_counts") else {},
        items_seen=int(source.get("items_seen") or 0),
        dirty=bool(source.get("dirty")),
    )


def add(db: Database, settings: Mapping[str, Any]) -> bool:
    """Record a new source with ``settings`` (``SourceSpec.row``); False, and nothing
    written, when a source of that name exists."""
    try:
        db.write("sources.add", **settings)
    except ConstraintError:
        return False
    return True


def every(db: Database) -> list[SourceRecord]:
    """Every source, by name."""
    return [_record(row["source"]) for row in db.read("sources.all")]


def one(db: Database, name: str) -> SourceRecord | None:
    """The source named ``name``, or None."""
    rows = db.read("sources.one", name=name)
    return _record(rows[0]["source"]) if rows else None


def cursors(db: Database, name: str) -> dict[str, dict[str, Any]]:
    """A source's bookmarks (their states) by folder or calendar."""
    return {row["key"]: json.loads(row["state"]) for row in db.read("sources.cursors", name=name)}


def items(db: Database, name: str) -> list[Item]:
    """The items a source holds."""
    return [
        Item(
            key=row["key"],
            etag=row["etag"],
            conversation_ids=tuple(row["conversations"] or ()),
            horizon=row["horizon"],
            recurring=bool(row["recurring"]),
        )
        for row in db.read("sources.items", name=name)
    ]


def finish(db: Database, name: str, counts: dict[str, Any], error: str | None) -> None:
    """Record how a sync of ``name`` ended (``ok``, or ``error`` with its message), clearing
    the mark that says its writes may not be re-scored."""
    db.write(
        "sources.finish",
        name=name,
        result="error" if error else "ok",
        error=error,
        counts=json.dumps(counts, sort_keys=True),
    )


def clear_participants(tx: Transaction, conversation_ids: list[str]) -> list[list[str]]:
    """Detach the participants of conversations about to be written again; who they were,
    one list of person ids per conversation that had any."""
    rows = tx.run("sources.clear_participants", ids=conversation_ids)
    return [row["people"] for row in rows]


def deliver(tx: Transaction, name: str, conversation_ids: list[str]) -> None:
    """Link the source to the conversations it delivered."""
    tx.run("sources.deliver", name=name, ids=conversation_ids)


def keep_items(tx: Transaction, name: str, items: Iterable[Item]) -> None:
    """Record what each of ``items`` holds now."""
    tx.run("sources.keep_items", name=name, rows=[_item_row(item) for item in items])


def drop_items(tx: Transaction, name: str, keys: list[str]) -> None:
    """Forget the items ``keys`` of the source (gone from its server)."""
    tx.run("sources.drop_items", name=name, keys=keys)


def remove_conversations(
    tx: Transaction, conversation_ids: list[str]
) -> list[tuple[str, list[str]]]:
    """Delete those of the conversations that no item of any source lists; ``(id, person
    ids of its participants)`` of each one deleted."""
    rows = tx.run("sources.remove_conversations", ids=conversation_ids)
    return [(row["id"], row["people"]) for row in rows]


def advance(
    tx: Transaction, name: str, key: str, fetched: int, state: dict[str, Any] | None
) -> None:
    """Move the source's bookmark for folder or calendar ``key`` to ``state`` (none: left as
    it is), count the ``fetched`` items and mark the source as not yet re-scored."""
    tx.run(
        "sources.advance", name=name, key=key, fetched=fetched,
        state=json.dumps(state, sort_keys=True) if state is not None else None,
    )  # fmt: skip


def delivered_only(tx: Transaction, name: str) -> list[str]:
    """The conversations the source delivered that no other source delivered."""
    return [row["id"] for row in tx.run("sources.delivered_only", name=name)]


def remove(tx: Transaction, name: str) -> None:
    """Remove the source, its bookmarks and items (not its conversations)."""
    tx.run("sources.remove", name=name)


def _item_row(item: Item) -> Row:
    return {
        "key": item.key, "etag": item.etag, "horizon": item.horizon,
        "recurring": item.recurring, "conversations": list(item.conversation_ids),
    }  # fmt: skip

"""Sources, their bookmarks and items, kept in the graph beside what they deliver.

In Neo4j, not in a file: a step's bookmark is written in the same transaction as the
conversations it covers, so no crash can leave one ahead of the other; every ``graphx``
process and server on the same database sees the same sources; backups carry them. No
secret is stored: only the name of the environment variable holding it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graphx.db import Database, apply_schema
from graphx.errors import ConfigError, NotFound
from graphx.repository import sources
from graphx.repository.sources import Item, SourceRecord
from graphx.sources.spec import SourceSpec
from graphx.ties.store import rescore


@dataclass(frozen=True)
class SourceStatus:
    """A source and how its last sync went."""

    spec: SourceSpec
    last_sync_at: datetime | None
    last_result: str | None
    last_error: str | None
    last_counts: dict[str, Any]
    items_seen: int
    dirty: bool

    def to_json(self) -> dict[str, Any]:
        """``graphx source list --json``: no secret, only the variable that holds it."""
        spec = self.spec
        return {
            "name": spec.name, "kind": spec.kind, "url": spec.url, "user": spec.user,
            "folders": list(spec.folders), "password_env": spec.password_env,
            "insecure": spec.insecure, "ca_file": spec.ca_file, "auth": spec.auth,
            "last_sync": self.last_sync_at.isoformat() if self.last_sync_at else None,
            "last_result": self.last_result, "last_counts": self.last_counts,
            "items_seen": self.items_seen, "last_error": self.last_error,
        }  # fmt: skip


def _status(record: SourceRecord) -> SourceStatus:
    return SourceStatus(
        spec=SourceSpec.from_row(record.properties),
        last_sync_at=record.last_sync_at,
        last_result=record.last_result,
        last_error=record.last_error,
        last_counts=record.last_counts,
        items_seen=record.items_seen,
        dirty=record.dirty,
    )


def add_source(db: Database, spec: SourceSpec) -> SourceSpec:
    """Record a new source; a name already taken is refused."""
    apply_schema(db)
    if not sources.add(db, spec.row()):
        raise ConfigError(f"source {spec.name} exists: remove it first")
    return spec


def all_sources(db: Database) -> list[SourceStatus]:
    """Every source, by name."""
    return [_status(record) for record in sources.every(db)]


def source(db: Database, name: str) -> SourceStatus:
    """One source by name; NotFound when there is none."""
    record = sources.one(db, name)
    if record is None:
        raise NotFound(f"no source named {name!r} (see `graphx source list`)")
    return _status(record)


def cursors(db: Database, name: str) -> dict[str, dict[str, Any]]:
    """A source's bookmarks by folder or calendar."""
    return sources.cursors(db, name)


def items(db: Database, name: str) -> dict[str, Item]:
    """The items a source holds, by key."""
    return {item.key: item for item in sources.items(db, name)}


def finish(db: Database, name: str, counts: dict[str, Any], error: str | None) -> None:
    """Record how a sync of ``name`` ended, once what it wrote is re-scored."""
    sources.finish(db, name, counts, error)


def remove_source(db: Database, name: str, purge: bool = False) -> int:
    """Stop syncing ``name``: its bookmarks and items go; with ``purge`` also the conversations
    it delivered that no other source delivered (their ties re-scored). Returns how many
    conversations were removed."""
    source(db, name)
    with db.transaction() as tx:
        ids = sources.delivered_only(tx, name) if purge else []
        sources.remove(tx, name)
        removed = sources.remove_conversations(tx, ids) if ids else []
    rescore(db, (), removed=[people for _, people in removed])
    return len(removed)

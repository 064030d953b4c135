"""Sources, their bookmarks and items, kept in the graph beside what they deliver.

In Neo4j, not in a file: a step's bookmark is written in the same transaction as the
conversations it covers, so no crash can leave one ahead of the other; every ``graphx``
process and server on the same database sees the same sources; backups carry them. No
secret is stored: only the name of the environment variable holding it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from neo4j.exceptions import ConstraintError

from graphx.db import Database, apply_schema
from graphx.errors import ConfigError, NotFound
from graphx.sources.spec import SourceSpec
from graphx.sources.steps import Item
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


def _status(row: dict[str, Any]) -> SourceStatus:
    return SourceStatus(
        spec=SourceSpec.from_row(row),
        last_sync_at=row.get("last_sync_at"),
        last_result=row.get("last_result"),
        last_error=row.get("last_error"),
        last_counts=json.loads(row["last_counts"]) if row.get("last_counts") else {},
        items_seen=int(row.get("items_seen") or 0),
        dirty=bool(row.get("dirty")),
    )


def add_source(db: Database, spec: SourceSpec) -> SourceSpec:
    """Record a new source; a name already taken is refused."""
    apply_schema(db)
    try:
        db.write("sources.add", **spec.row())
    except ConstraintError:
        raise ConfigError(f"source {spec.name} exists: remove it first") from None
    return spec


def all_sources(db: Database) -> list[SourceStatus]:
    """Every source, by name."""
    return [_status(row["source"]) for row in db.read("sources.all")]


def source(db: Database, name: str) -> SourceStatus:
    """One source by name; NotFound when there is none."""
    rows = db.read("sources.one", name=name)
    if not rows:
        raise NotFound(f"no source named {name!r} (see `graphx source list`)")
    return _status(rows[0]["source"])


def cursors(db: Database, name: str) -> dict[str, dict[str, Any]]:
    """A source's bookmarks by folder or calendar."""
    return {row["key"]: json.loads(row["state"]) for row in db.read("sources.cursors", name=name)}


def items(db: Database, name: str) -> dict[str, Item]:
    """The items a source holds, by key."""
    return {
        row["key"]: Item(
            key=row["key"],
            etag=row["etag"],
            conversation_ids=tuple(row["conversations"] or ()),
            horizon=row["horizon"],
            recurring=bool(row["recurring"]),
        )
        for row in db.read("sources.items", name=name)
    }


def finish(db: Database, name: str, counts: dict[str, Any], error: str | None) -> None:
    """Record how a sync of ``name`` ended, once what it wrote is re-scored."""
    db.write(
        "sources.finish",
        name=name,
        result="error" if error else "ok",
        error=error,
        counts=json.dumps(counts, sort_keys=True),
    )


def remove_source(db: Database, name: str, purge: bool = False) -> int:
    """Stop syncing ``name``: its bookmarks and items go; with ``purge`` also the conversations
    it delivered that no other source delivered (their ties re-scored). Returns how many
    conversations were removed."""
    source(db, name)
    with db.transaction() as tx:
        ids = [row["id"] for row in tx.run("sources.delivered_only", name=name)] if purge else []
        tx.run("sources.remove", name=name)
        removed = tx.run("sources.remove_conversations", ids=ids) if ids else []
    rescore(db, (), removed=[row["people"] for row in removed])
    return len(removed)

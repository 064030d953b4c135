"""``graphx sync``: each source's steps written through the importers, then re-scored.

A step's conversations go through the same resolver and writer as ``graphx import`` (the
same ids, entity resolution, bulk/outside rules and opt-out), in one transaction with the
items it changed and its bookmark. A source whose previous sync died between a write and
its re-score is marked dirty; its next sync scores every tie again. One failing source
does not stop the others.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from graphx.db import Database, apply_schema, is_unavailable
from graphx.errors import GraphxError, SourceUnreachable
from graphx.importers.resolve import Resolver
from graphx.importers.summary import ImportSummary
from graphx.importers.writer import Writer
from graphx.model import to_json
from graphx.repository import sources
from graphx.sources import registry
from graphx.sources.spec import SourceSpec
from graphx.sources.steps import Item, Reader, Step
from graphx.ties.store import rescore, score_all

log = logging.getLogger(__name__)
Groups = list[list[str]]
"""The participants of conversations that were removed or lost people (re-scored pairs)."""


@dataclass
class SyncResult:
    """What one source's sync did (``graphx sync --json``)."""

    name: str
    kind: str
    fetched: int = 0
    created: int = 0
    updated: int = 0
    removed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    error: str | None = None
    exit_code: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "kind": self.kind, "fetched": self.fetched,
            "conversations_created": self.created, "conversations_updated": self.updated,
            "conversations_removed": self.removed, "skipped": dict(sorted(self.skipped.items())),
            "seconds": round(self.seconds, 3), "error": self.error,
        }  # fmt: skip


def open_reader(spec: SourceSpec) -> Reader:
    """A connected reader of the source's kind."""
    if spec.kind == "imap":
        from graphx.sources.mailbox import MailboxReader

        return MailboxReader(spec)
    from graphx.sources.calendars import CalendarReader

    return CalendarReader(spec)


def sync(
    db: Database,
    names: Iterable[str] = (),
    reader: Callable[[SourceSpec], Reader] = open_reader,
) -> list[SyncResult]:
    """Sync the named sources (all when none are named), each on its own."""
    apply_schema(db)
    wanted = list(dict.fromkeys(names))
    chosen = [registry.source(db, n) for n in wanted] or registry.all_sources(db)
    return [sync_source(db, status.spec, status.dirty, reader) for status in chosen]


def sync_source(
    db: Database,
    spec: SourceSpec,
    dirty: bool = False,
    reader: Callable[[SourceSpec], Reader] = open_reader,
) -> SyncResult:
    """Fetch what changed since the source's bookmarks, write it step by step, re-score."""
    started = time.perf_counter()
    result = SyncResult(spec.name, spec.kind)
    written: set[str] = set()
    groups: Groups = []
    try:
        connected = reader(spec)
        try:
            known = registry.items(db, spec.name)
            for step in connected.steps(registry.cursors(db, spec.name), known):
                summary, removed = _write_step(db, spec.name, step, known, groups)
                result.fetched += step.fetched
                result.created += summary.created["conversations"]
                result.updated += summary.updated["conversations"]
                result.removed += removed
                result.skipped.update(summary.skipped)
                written |= summary.conversation_ids
        finally:
            connected.close()
    except GraphxError as exc:
        result.error, result.exit_code = str(exc), exc.exit_code
    except Exception as exc:  # the server broke off mid-sync: recorded, the others go on
        if is_unavailable(exc):
            raise
        log.warning("source %s failed", spec.name, exc_info=True)
        failed = SourceUnreachable(f"source {spec.name}: {exc.__class__.__name__}: {exc}")
        result.error, result.exit_code = str(failed), failed.exit_code
    if dirty:
        score_all(db)
    else:
        rescore(db, written, removed=groups)
    result.seconds = time.perf_counter() - started
    registry.finish(db, spec.name, to_json(result), result.error)
    return result


def _write_step(
    db: Database, name: str, step: Step, known: dict[str, Item], groups: Groups
) -> tuple[ImportSummary, int]:
    """Write one step in one transaction: its conversations (through the importers' resolver
    and writer), the items it changed or lost, the conversations they no longer hold, and the
    bookmark it moves to. ``known`` and ``groups`` take what it changed once it committed;
    returns what it wrote and how many conversations it removed."""
    summary = ImportSummary(source=name)
    for reason in step.skipped:
        summary.skip(reason)
    changed = [known[i.key] for i in step.items if i.key in known]
    changed += [known[key] for key in step.gone if key in known]
    old = {cid for item in changed for cid in item.conversation_ids}
    offered = {e.id for e in step.encounters}
    writer = Writer(db, summary)
    kept: list[Item] = []
    lost: Groups = []
    removed: list[str] = []

    def work() -> None:
        kept.clear()
        lost.clear()
        removed.clear()
        lost.extend(sources.clear_participants(writer.tx, sorted(old & offered)))
        batch = Resolver(writer).batch(step.encounters, summary)
        ids = [row["id"] for row in batch.conversations]
        writer.write(batch)
        sources.deliver(writer.tx, name, ids)
        done = set(ids)
        kept.extend(
            replace(i, conversation_ids=tuple(c for c in i.conversation_ids if c in done))
            for i in step.items
        )
        if kept:
            sources.keep_items(writer.tx, name, kept)
        if step.gone:
            sources.drop_items(writer.tx, name, step.gone)
        gone = sorted(old - {c for i in kept for c in i.conversation_ids})
        for conversation, people in sources.remove_conversations(writer.tx, gone) if gone else []:
            removed.append(conversation)
            lost.append(people)
        key, state = step.cursor or ("", None)
        sources.advance(writer.tx, name, key, step.fetched, state)

    writer.transact(work)
    for item in kept:
        known[item.key] = item
    for key in step.gone:
        known.pop(key, None)
    groups.extend(lost)
    return summary, len(removed)

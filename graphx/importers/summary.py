"""What an import did: rows read, created, updated, unchanged, skipped (and why)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ImportSummary:
    """The closing summary of one import.

    ``conversation_ids`` holds every conversation the import wrote or whose participants it
    changed: the incremental re-score starts from these.
    """

    source: str
    read: Counter[str] = field(default_factory=Counter)
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    conversation_ids: set[str] = field(default_factory=set)
    transactions: int = 0
    retries: int = 0  # one-transaction imports rolled back by a deadlock and run again

    def count(self, what: str, outcome: dict[str, Any]) -> None:
        """Add a write query's ``created``/``updated``/``unchanged`` counts for ``what``."""
        for name, counter in (
            ("created", self.created),
            ("updated", self.updated),
            ("unchanged", self.unchanged),
        ):
            counter[what] += int(outcome.get(name) or 0)

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped[reason] += n

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the conversation ids as a count, not a list)."""
        return {
            "source": self.source,
            "read": dict(self.read),
            "created": {k: v for k, v in self.created.items() if v},
            "updated": {k: v for k, v in self.updated.items() if v},
            "unchanged": {k: v for k, v in self.unchanged.items() if v},
            "skipped": dict(self.skipped),
            "conversations_touched": len(self.conversation_ids),
            "transactions": self.transactions,
        }

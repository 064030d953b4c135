"""The whole graph as the rows of the canonical folder's five files (``cypher/export/``),
read in one transaction: what ``graphx export csv`` writes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from graphx.db import Database, Row, Transaction

T = TypeVar("T")

_QUERIES: dict[str, str] = {
    "organisations": "export.organisations",
    "people": "export.people",
    "conversations": "export.conversations",
    "participants": "export.participants",
    "employments": "export.employments",
}
"""Each canonical file's stem and the query that reads its rows, in writing order."""


def each_file(db: Database, take: Callable[[str, Iterator[Row]], T]) -> dict[str, T]:
    """``take(stem, rows)`` for each canonical file in writing order (organisations, people,
    conversations, participants, employments), its rows (dicts keyed by the file's columns)
    coming one at a time as the server sends them (constant memory); what each call
    returned, by stem.

    All in one managed read transaction, so the files agree with each other; when the
    driver retries it, ``take`` is called again for every file from the start.
    """

    def work(tx: Transaction) -> dict[str, T]:
        return {stem: take(stem, tx.stream(query)) for stem, query in _QUERIES.items()}

    return db.read_transaction(work)

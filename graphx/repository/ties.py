"""The stored ties (``(:Person)-[:TIE]->(:Person)``, the smaller id first), the one
``(:TieStore)`` node that says which settings scored them, and colleagues' assessments.

The reads of stored ties feed every dashboard page: they return the driver's raw values
(no per-row objects), in the column order their query documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from graphx.db import Database
from graphx.model import Assessment


def state(db: Database) -> tuple[str | None, date | None, bool] | None:
    """``(settings fingerprint, day of the last run, complete)`` of the stored ties; None when
    nothing was ever scored."""
    rows = db.read("ties.state")
    if not rows:
        return None
    row = rows[0]
    return row["config"], row["scored"], bool(row["complete"])


def set_state(db: Database, fingerprint: str, scored: date, complete: bool) -> None:
    """Record which settings scored the stored ties, on which day, and whether they hold
    every conversation."""
    db.write("ties.set_state", config=fingerprint, scored=scored, complete=complete)


def mark_incomplete(db: Database) -> None:
    """Record that the stored ties no longer hold every conversation."""
    db.write("ties.mark_incomplete")


def store(db: Database, rows: list[list[Any]], fingerprint: str, run: str) -> None:
    """Write scored ties in one transaction, each row in the column order of ``ties.store``
    (its properties replaced), marked with the settings and the run that scored them."""
    db.write("ties.store", rows=rows, config=fingerprint, run=run)


def delete_other_runs(db: Database, run: str) -> int:
    """Remove every stored tie that ``run`` did not write (in transactions of its own);
    how many were removed."""
    (row,) = db.run_in_autocommit("ties.delete_other_runs", run=run)
    return int(row["removed"])


def delete_pairs(db: Database, pairs: list[list[str]]) -> None:
    """Remove the stored tie of each pair ``[a, b]`` (``a`` < ``b``)."""
    db.write("ties.delete_pairs", pairs=pairs)


def weighty_between(
    db: Database, left: list[str], right: list[str], day: int, min_level: int
) -> Iterator[list[Any]]:
    """The stored ties at ``min_level`` (2-4) or above on ``day`` (a proleptic ordinal) from a
    person of ``left`` to a person of ``right``, streamed as raw value lists ``[a, b, strength,
    half_life, day, [drop days], first_contact, last_contact, conversations, last_deep,
    [counts by kind], [counts by depth], [organised by a, by b]]`` seen from ``left``."""
    return db.stream("ties.weighty_between", left=left, right=right, day=day, min_level=min_level)


def weighty_around(db: Database, ids: list[str], day: int, min_level: int) -> list[list[Any]]:
    """The stored ties at ``min_level`` (2-4) or above on ``day`` of the given people to anyone,
    as raw value lists in the order of :func:`weighty_between`, seen from the given person
    (one record holding them all)."""
    found: list[list[Any]]
    ((found,),) = db.stream("ties.weighty_around", ids=ids, day=day, min_level=min_level)
    return found


def assess(db: Database, a: str, b: str, level: int, reason: str, by: str) -> Assessment | None:
    """Record a colleague's assessment of the pair ``a`` < ``b``, replacing an earlier one;
    None when either person does not exist."""
    rows = db.write("ties.assess", a=a, b=b, level=level, reason=reason, by=by)
    if not rows:
        return None
    row = rows[0]
    return Assessment(int(row["level"]), row["reason"], row["by"], row["at"])


def unassess(db: Database, a: str, b: str) -> bool:
    """Remove the assessment of the pair ``a`` < ``b``; False when there was none."""
    return bool(db.write("ties.unassess", a=a, b=b)[0]["removed"])


def assessments(db: Database, person_ids: list[str] | None) -> dict[tuple[str, str], Assessment]:
    """The assessments touching some people (everyone's when None), by pair ``(a, b)``,
    ``a`` < ``b``; none with an opted-out person."""
    return {
        (r["a"], r["b"]): Assessment(int(r["level"]), r["reason"], r["by"], r["at"])
        for r in db.read("ties.assessments", person_ids=person_ids)
    }

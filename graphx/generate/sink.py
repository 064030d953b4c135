"""Writing the five canonical CSV files as the company is generated, with the importer's
headers (``graphx.importers.rows``), and counting their rows.

Rows go to disk as they are made: nothing is held but the open files and the counts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from graphx.generate.company import Company, Org, PersonPlan
from graphx.importers.rows import MODELS, columns

if TYPE_CHECKING:
    from _csv import Writer

HEADERS: dict[str, tuple[str, ...]] = {stem: columns(stem) for stem in MODELS}
"""Each canonical file's stem and its exact header row: the columns the importer knows."""


@contextmanager
def open_sink(folder: Path, company: Company) -> Iterator[Sink]:
    """A sink writing ``company`` into ``folder`` (made if missing), each file begun with its
    header row; the files are closed when the block ends."""
    folder.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        yield Sink({stem: _writer(stack, folder, stem) for stem in HEADERS}, company)


def _writer(stack: ExitStack, folder: Path, stem: str) -> Writer:
    handle = stack.enter_context((folder / f"{stem}.csv").open("w", encoding="utf-8", newline=""))
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(HEADERS[stem])
    return writer


def _cell(value: str | list[str] | bool | None) -> str:
    """A value of a row as the canonical format writes it (a list's items joined by ``;``).

    >>> _cell(["golf", "wine"]), _cell(True), _cell(None), _cell("Analyst")
    ('golf;wine', 'true', '', 'Analyst')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else ";".join(value)


class Sink:
    """Writes the rows of one company's five files as they are generated, and counts them."""

    def __init__(self, writers: dict[str, Writer], company: Company) -> None:
        self._writers = writers
        self._company = company
        self.counts = dict.fromkeys((*HEADERS, "opted_out_participations"), 0)
        """Rows written per file, and the participant rows of opted-out people."""

    def organisation(self, org: Org) -> None:
        """Write one organisation's row."""
        row = (org.id, org.name, org.kind, ";".join(org.domains), org.sector)
        self._writers["organisations"].writerow(row)
        self.counts["organisations"] += 1

    def person(self, person: PersonPlan) -> None:
        """Write one person's row and, when they changed jobs, their two employments."""
        row = person.row
        self._writers["people"].writerow([_cell(getattr(row, c)) for c in HEADERS["people"]])
        self.counts["people"] += 1
        move = self._company.moves.get(person.index)
        if move is None or row.organisation_id is None:
            return
        day = date.fromordinal(move.day).isoformat()
        source = self._company.orgs[move.source]
        jobs = [
            (row.id, source.id, move.title, move.level, "", day),
            (row.id, row.organisation_id, row.title, row.level, day, ""),
        ]
        self._writers["employments"].writerows(jobs)
        self.counts["employments"] += len(jobs)

    def add(
        self,
        day: int,
        minute: int,
        kind: str,
        depth: str,
        minutes: int | None,
        subject: str,
        people: Sequence[tuple[int, int]],
    ) -> bool:
        """Write one conversation on ``day`` among the ``(person, org)`` who were there then.

        The first present person organises. Nothing is written (False) when fewer than two of
        them still worked where the thread expects them.
        """
        present = [p for p, org in people if self._company.at(p, org, day)]
        present = list(dict.fromkeys(present))
        if len(present) < 2:
            return False
        counts = self.counts
        counts["conversations"] += 1
        cid = f"c{counts['conversations']:07d}"
        when = f"{date.fromordinal(day).isoformat()}T{minute // 60:02d}:{minute % 60:02d}:00Z"
        duration = "" if minutes is None else str(minutes)
        self._writers["conversations"].writerow((cid, when, kind, depth, duration, subject))
        rows = [(cid, f"p{present[0]:06d}", "organizer")]
        rows += [(cid, f"p{p:06d}", "attendee") for p in present[1:]]
        self._writers["participants"].writerows(rows)
        counts["participants"] += len(rows)
        counts["opted_out_participations"] += sum(map(self._company.opted_out, present))
        return True

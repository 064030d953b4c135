"""A realistic synthetic company in the canonical CSV format (``graphx generate``).

One home organisation, clients with boards and executives, prospects, partners and others;
six years of conversations with the rhythms of real account work: weekly project meetings,
calls and e-mails, quarterly business reviews, personal dinners that deepen over years (or
stop), annual receptions with hundreds of guests, golf and sailing trips; people who change
jobs; a few opted-out people; and clients left exposed on purpose (no personal tie to any
director, or one colleague carrying the whole account) so that gap reports have findings.

The output is deterministic per seed (byte-identical files) and written as it is generated:
memory holds one organisation's people at a time, never the conversations.

``generate("small", seed=1, out="demo")`` writes the five files into ``demo/`` and returns
their row counts: exactly 1,000 people and about 10,000 conversations.

The parts: ``vocabulary`` (word lists, scales, the window), ``company`` (organisations, people
and jobs), ``rhythms`` (the conversations over the years) and ``sink`` (the files).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from graphx.generate.company import build_company, people
from graphx.generate.rhythms import converse
from graphx.generate.sink import HEADERS, open_sink
from graphx.generate.vocabulary import SCALES, WINDOW_END, WINDOW_YEARS, Scale

__all__ = ["HEADERS", "SCALES", "WINDOW_END", "WINDOW_YEARS", "Scale", "generate"]


def generate(
    scale: str | Scale, seed: int, out: Path | str, end: date = WINDOW_END
) -> dict[str, int]:
    """Write the five canonical CSV files into ``out``; return their row counts.

    The counts are keyed by file stem, plus ``opted_out_participations`` (participant rows of
    opted-out people, which an importer is expected to skip).
    """
    spec = SCALES[scale] if isinstance(scale, str) else scale
    company = build_company(spec, seed, end)
    with open_sink(Path(out), company) as sink:
        for org in company.orgs:
            sink.organisation(org)
        interests: dict[int, Sequence[str]] = {}
        for person in people(company):
            sink.person(person)
            if person.row.level in ("board", "executive"):
                interests[person.index] = person.row.interests
        converse(sink, company, interests)
    return sink.counts

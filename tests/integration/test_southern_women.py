"""Validity check on real data no one here wrote: Davis, Gardner & Gardner's Southern Women.

Eighteen women of Natchez, Mississippi, and the fourteen social events each attended
(Davis, Gardner & Gardner 1941, *Deep South*; as shipped by networkx). The original
researchers reported two groups; we use Freeman's (2003) consensus partition. The data go
through the canonical CSV format (``tests/data/southern_women/``, built from networkx by
:func:`canonical_files`) and the real importer, then the ties as of the last event. Tie
strength must separate within-group from between-group pairs at least as well as counting
co-attendance; the model's group factor alone must rank the pairs as Newman's (2001)
1/(n-1) weighting does. With recency decay on, the strength does not yet reach Newman's
figure (a strict expected failure below). See docs/depth.md for the figures.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from pathlib import Path

import networkx as nx
import pytest

from graphx.db import Database
from graphx.importers.canonical import import_canonical
from graphx.ties.model import Config, group_factor
from graphx.ties.view import ties_as_of

FOLDER = Path(__file__).parents[1] / "data" / "southern_women"
AS_OF = date(1935, 11, 21)  # the last event; the year is our assumption, see docs/depth.md
# Month/day of each event as printed in Davis et al.'s table (the year is not printed).
EVENT_DATES = {
    "E1": "06-27", "E2": "03-02", "E3": "04-12", "E4": "09-26", "E5": "02-25", "E6": "05-19",
    "E7": "03-15", "E8": "09-16", "E9": "04-08", "E10": "06-10", "E11": "02-23",
    "E12": "04-07", "E13": "11-21", "E14": "08-03",
}  # fmt: skip
GROUP_1 = {
    "Evelyn Jefferson", "Laura Mandeville", "Theresa Anderson", "Brenda Rogers",
    "Charlotte McDowd", "Frances Anderson", "Eleanor Nye", "Pearl Oglethorpe", "Ruth DeSand",
}  # fmt: skip
STRENGTH_AUC_AT_LEAST = 0.805  # measured 0.806 (co-attendance 0.794, Newman 1/(n-1) 0.850)


def person_id(name: str) -> str:
    return re.sub(r"[^a-z]+", "-", name.lower()).strip("-")


def canonical_files() -> dict[str, str]:
    """The canonical CSV files for the networkx copy of the data."""
    graph = nx.davis_southern_women_graph()
    files: dict[str, list[list[str]]] = {
        "organisations.csv": [
            ["id", "name", "kind", "domain", "sector"],
            ["observers", "Davis, Gardner & Gardner (observers)", "home", "", "research"],
            ["natchez", "Natchez society", "other", "", ""],
        ],
        "people.csv": [
            ["id", "name", "email", "organisation_id", "title", "level", "interests", "opt_out"]
        ],
        "conversations.csv": [["id", "date", "kind", "depth", "duration_minutes", "subject"]],
        "participants.csv": [["conversation_id", "person_id", "role"]],
    }
    for name in graph.graph["top"]:
        files["people.csv"].append([person_id(name), name, "", "natchez", "", "", "", ""])
    for event in graph.graph["bottom"]:
        files["conversations.csv"].append(
            [event, f"1935-{EVENT_DATES[event]}", "event", "", "", f"Social event {event}"]
        )
        for name in sorted(graph.neighbors(event)):
            files["participants.csv"].append([event, person_id(name), "attendee"])
    out = {}
    for filename, rows in files.items():
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        out[filename] = buffer.getvalue()
    return out


def auc(scores: Mapping[tuple[str, str], float | Fraction], within: set[tuple[str, str]]) -> float:
    """Probability that a random within-group pair outscores a between-group pair (ties: 1/2)."""
    pos = [s for pair, s in scores.items() if pair in within]
    neg = [s for pair, s in scores.items() if pair not in within]
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def test_the_canonical_files_are_the_networkx_data() -> None:
    for filename, text in canonical_files().items():
        assert (FOLDER / filename).read_text(encoding="utf-8") == text, filename


def measured_aucs(db: Database) -> dict[str, float]:
    """The data imported and its ties as of the last event (default settings, decay on), then
    the AUC on Freeman's partition of: the stored strength, the co-attendance count, Newman's
    weighting (each shared event adds 1/(n-1), n = its attendees; exact fractions) and the
    model's group factor alone (summed over shared events: no decay, no other weight)."""
    import_canonical(db, FOLDER)
    records = ties_as_of(db, AS_OF)  # every tie is "met" (outside events): none is stored
    graph = nx.davis_southern_women_graph()
    women = sorted(person_id(n) for n in graph.graph["top"])
    pairs = list(itertools.combinations(women, 2))
    strength = {pair: 0.0 for pair in pairs}
    strength.update({(t.a, t.b): t.strength for t in records})
    names = {person_id(n): n for n in graph.graph["top"]}
    size = {event: graph.degree(event) for event in graph.graph["bottom"]}
    shared = {(a, b): set(graph[names[a]]) & set(graph[names[b]]) for a, b in pairs}
    co_attendance = {pair: float(len(events)) for pair, events in shared.items()}
    newman = {
        pair: sum((Fraction(1, size[e] - 1) for e in events), Fraction(0))
        for pair, events in shared.items()
    }
    config = Config.default()
    group_alone = {
        pair: sum(group_factor(size[e], config) for e in events) for pair, events in shared.items()
    }
    group_1 = {person_id(n) for n in GROUP_1}
    within = {(a, b) for a, b in pairs if (a in group_1) == (b in group_1)}
    assert len(pairs) == 153 and len(within) == 72
    assert sum(1 for s in strength.values() if s > 0) == len(records) == 139
    return {
        "strength": auc(strength, within),
        "co-attendance": auc(co_attendance, within),
        "newman": auc(newman, within),
        "group factor": auc(group_alone, within),
    }


def test_tie_strength_separates_the_two_groups_at_least_as_well_as_co_attendance(
    db: Database,
) -> None:
    aucs = measured_aucs(db)
    assert round(aucs["co-attendance"], 3) == 0.794
    assert round(aucs["newman"], 3) == 0.850
    # the model splits an occasion as Newman does: its group factor ranks pairs alike
    assert aucs["group factor"] == aucs["newman"]
    assert aucs["strength"] >= STRENGTH_AUC_AT_LEAST
    assert aucs["strength"] >= aucs["co-attendance"]


@pytest.mark.xfail(
    strict=True,
    reason="recency decay down-weights the season's early events, which says nothing about"
    " the groups: 0.806 with decay against 0.850 for the same 1/(n-1) split without it"
    " (docs/depth.md, 'Validity: the Southern Women')",
)
def test_tie_strength_with_decay_separates_the_two_groups_at_least_as_well_as_newman(
    db: Database,
) -> None:
    aucs = measured_aucs(db)
    assert aucs["strength"] >= aucs["newman"], aucs

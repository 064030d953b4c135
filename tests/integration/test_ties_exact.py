"""Answers are exact for any date, whatever order imports, scores and settings came in.

One generated company (the small scale) reaches the same data in three ways: imported in two
parts with a full score between (the second part re-scored by the import's own call); imported
at once and scored; imported without scoring (the store is then incomplete and every answer is
computed from the conversations). Coverage, portfolio, gaps, introductions, explanations and an
agenda must be identical as JSON for a date inside the first part, a date between, and a date
after the last conversation.
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from graphx.agenda import agenda
from graphx.coverage import coverage, portfolio
from graphx.db import Database, delete_all
from graphx.gaps import gaps
from graphx.generate import WINDOW_END, generate
from graphx.importers.canonical import import_canonical
from graphx.intro import introductions
from graphx.model import to_json
from graphx.repository import organisations, people
from graphx.ties.store import mark_incomplete, rescore, score_all, store_state
from graphx.ties.view import explain

SPLIT = date(2026, 7, 31)  # the later part: about a sixth of the conversations
DATES = (date(2026, 3, 31), date(2026, 8, 15), WINDOW_END + timedelta(days=40))


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The whole company, and its conversations before and from ``SPLIT`` as two folders."""
    root = tmp_path_factory.mktemp("company")
    whole = root / "whole"
    generate("small", 3, whole)
    with (whole / "conversations.csv").open(newline="") as f:
        conversations = list(csv.DictReader(f))
    early = {c["id"] for c in conversations if date.fromisoformat(c["date"][:10]) < SPLIT}
    parts = {"whole": whole}
    for name, keep in (("first", True), ("second", False)):
        folder = root / name
        folder.mkdir()
        for file in whole.iterdir():
            shutil.copy(file, folder / file.name)
        for stem, key in (("conversations", "id"), ("participants", "conversation_id")):
            with (whole / f"{stem}.csv").open(newline="") as f:
                reader = csv.DictReader(f)
                rows = [r for r in reader if (r[key] in early) == keep]
                fields = reader.fieldnames or []
            with (folder / f"{stem}.csv").open("w", newline="") as f:
                writer = csv.DictWriter(f, fieldnames=fields)
                writer.writeheader()
                writer.writerows(rows)
        parts[name] = folder
    return parts


def answers(db: Database) -> dict[str, Any]:
    """Every answer the test compares, as the JSON the commands print."""
    clients = [id_ for id_, _, _ in organisations.clients(db)][:4]
    busiest = people.busiest_colleague(db, date.today())
    assert busiest is not None
    colleague = busiest.id
    out: dict[str, Any] = {}
    for day in DATES:
        maps = [to_json(coverage(db, c, day)) for c in clients]
        directors = [d["id"] for m in maps for d in m["directors"]][:6]
        known = [k["id"] for m in maps for d in m["directors"] for k in d["known_by"]][:3]
        out[day.isoformat()] = {
            "coverage": maps,
            "portfolio": to_json(list(portfolio(db, day))),
            "gaps": to_json(gaps(db, day)),
            "intro": [to_json(introductions(db, colleague, d, as_of=day)) for d in directors[:3]],
            "explain": [to_json(explain(db, colleague, d, day)[0]) for d in directors + known],
            "agenda": to_json(agenda(db, colleague, day)),
        }
    return json.loads(json.dumps(out, default=lambda value: value.isoformat()))


@pytest.mark.neo4j
def test_every_answer_is_the_same_whatever_order_imports_and_scores_came_in(
    db: Database, folders: dict[str, Path]
) -> None:
    import_canonical(db, folders["first"])
    score_all(db)
    second = import_canonical(db, folders["second"])
    scored = rescore(db, second.conversation_ids)
    assert scored is not None and not scored.full  # the second part is under a fifth of all
    assert store_state(db).complete
    in_two_parts = answers(db)

    delete_all(db)
    import_canonical(db, folders["whole"])
    score_all(db)
    at_once = answers(db)
    assert in_two_parts == at_once

    mark_incomplete(db)  # as after `graphx import --no-score`: every tie is computed
    assert answers(db) == at_once

    # the answers are not all alike: the dates differ, and some director is covered
    days = [at_once[d.isoformat()] for d in DATES]
    assert days[0]["portfolio"] != days[2]["portfolio"]
    assert any(row["covered"] for row in days[1]["portfolio"])
    assert any(chain["paths"] for chain in days[1]["intro"])

"""Scoring against a real Neo4j: stored ties, incremental rescoring, as-of dates, assessments."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database
from graphx.errors import GraphxError
from graphx.ties import view
from graphx.ties.model import Config
from graphx.ties.store import (
    TIE_PROPERTIES,
    StoreState,
    mark_incomplete,
    remove_assessment,
    rescore,
    score_all,
    score_conversations,
    set_assessment,
    store_state,
)
from graphx.ties.view import TieView, explain, ties_as_of

AS_OF = date(2025, 6, 30)

# A graph built as docs/model.md describes it: two colleagues (ann, carl) at the home
# organisation, two client people (dora the CEO, ben the buyer), oscar who opted out.
PEOPLE = [
    ("ann", "Ann", "ann@home.com", "home", "executive", False),
    ("carl", "Carl", "carl@home.com", "home", "manager", False),
    ("dora", "Dora", "dora@client.com", "client", "board", False),
    ("ben", "Ben", "ben@client.com", "client", "staff", False),
    ("oscar", "Oscar", "oscar@client.com", "client", "board", True),
]


def conversation(
    cid: str, when: datetime, kind: str, depth: str | None, minutes: int | None,
    size: int, people: list[tuple[str, str]],
) -> dict[str, Any]:  # fmt: skip
    return {
        "id": cid, "date": when, "kind": kind, "depth": depth, "duration_minutes": minutes,
        "participants": size, "people": [{"id": p, "role": r} for p, r in people],
    }  # fmt: skip


def history() -> list[dict[str, Any]]:
    out = []
    start = datetime(2022, 1, 15, 19, 0, tzinfo=UTC)
    for i in range(21):  # a dinner every two months, 2022 to 2025, both sides inviting
        first, second = ("ann", "dora") if i % 2 == 0 else ("dora", "ann")
        out.append(
            conversation(
                f"dinner{i}", start + timedelta(days=61 * i), "meal", "personal", 120, 2,
                [(first, "organizer"), (second, "attendee")],
            )
        )  # fmt: skip
    for i in range(20):  # weekly purchasing meetings in 2025
        when = datetime(2025, 1, 6, 9, 0, tzinfo=UTC) + timedelta(weeks=i)
        out.append(
            conversation(
                f"buy{i}", when, "meeting", "business", 60, 2,
                [("ben", "organizer"), ("carl", "attendee")],
            )
        )  # fmt: skip
    out.append(
        conversation(
            "reception", datetime(2025, 5, 1, 18, 0, tzinfo=UTC), "event", None, 120, 150,
            [(p, "attendee") for p in ("ann", "carl", "dora", "ben", "oscar")],
        )
    )  # fmt: skip
    return out


def load(db: Database, conversations: list[dict[str, Any]]) -> None:
    db.driver.execute_query(
        "CREATE (:Organisation {id: 'home', name: 'Home', kind: 'home'}),"
        " (:Organisation {id: 'client', name: 'Client', kind: 'client'})"
    )
    db.driver.execute_query(
        "UNWIND $people AS p"
        " MATCH (o:Organisation {id: p[3]})"
        " CREATE (x:Person {id: p[0], name: p[1], level: p[4], opt_out: p[5]})"
        " CREATE (x)-[:HAS_EMAIL]->(:Email {address: p[2]})"
        " CREATE (x)-[:WORKS_AT {level: p[4], current: true}]->(o)",
        people=[list(p) for p in PEOPLE],
    )
    add(db, conversations)


def add(db: Database, conversations: list[dict[str, Any]]) -> None:
    db.driver.execute_query(
        "UNWIND $rows AS row"
        " CREATE (c:Conversation {id: row.id, date: row.date, kind: row.kind, depth: row.depth,"
        "   duration_minutes: row.duration_minutes, participants: row.participants,"
        "   source: 'csv'})"
        " WITH c, row UNWIND row.people AS who"
        " MATCH (p:Person {id: who.id}) WHERE NOT coalesce(p.opt_out, false)"
        " CREATE (p)-[:PARTICIPATED {role: who.role}]->(c)",
        rows=conversations,
    )


@pytest.fixture
def graph(db: Database) -> Database:
    load(db, history())
    return db


def stored(db: Database) -> dict[tuple[str, str], dict[str, Any]]:
    records, _, _ = db.driver.execute_query(
        "MATCH (a:Person)-[t:TIE]->(b:Person) RETURN a.id AS a, b.id AS b, properties(t) AS t"
    )
    return {(r["a"], r["b"]): r["t"] for r in records}


def test_scoring_stores_the_ties_that_carry_weight_from_the_smaller_id(graph: Database) -> None:
    summary = score_all(graph)
    # the pairs with two business or personal conversations, at their last contact
    assert summary.pairs_per_level == {0: 0, 1: 0, 2: 1, 3: 0, 4: 1}
    assert (summary.stored, summary.removed, summary.conversations) == (2, 0, 42)
    ties = stored(graph)
    assert {pair: t["level"] for pair, t in ties.items()} == {
        ("ann", "dora"): 4,
        ("ben", "carl"): 2,
    }
    trusted = ties[("ann", "dora")]
    assert set(trusted) == set(TIE_PROPERTIES)
    assert (trusted["conversations"], trusted["n_meal"], trusted["n_event"]) == (22, 21, 1)
    assert (trusted["n_personal"], trusted["n_outside"], trusted["n_business"]) == (21, 1, 0)
    assert (trusted["organised_by_a"], trusted["organised_by_b"]) == (11, 10)
    assert trusted["first_contact"].to_native() == datetime(2022, 1, 15, 19, tzinfo=UTC)
    last = trusted["last_contact"].to_native()
    assert trusted["day"] == last.date().toordinal()
    # trusted, then personal, then business: each drops no earlier than the one above
    assert trusted["day"] < trusted["trusted_until"] <= trusted["personal_until"]
    assert trusted["personal_until"] <= trusted["business_until"]
    assert trusted["config"] == Config.default().fingerprint
    assert store_state(graph) == StoreState(Config.default().fingerprint, date.today(), True)


def test_an_opted_out_person_appears_in_no_tie(graph: Database) -> None:
    score_all(graph)
    assert not any("oscar" in pair for pair in stored(graph))
    assert not any("oscar" in (t.a, t.b) for t in ties_as_of(graph, AS_OF))
    assert ties_as_of(graph, AS_OF, ["oscar"]) == []


def test_rescoring_removes_ties_that_no_longer_carry_weight(graph: Database) -> None:
    score_all(graph)
    graph.driver.execute_query(
        "MATCH (c:Conversation) WHERE c.id STARTS WITH 'buy' DETACH DELETE c"
    )
    summary = score_all(graph)
    assert summary.removed == 1
    assert set(stored(graph)) == {("ann", "dora")}


def test_incremental_scoring_recomputes_only_the_pairs_of_the_new_conversations(
    graph: Database,
) -> None:
    score_all(graph)
    before = stored(graph)
    add(
        graph,
        [
            conversation(
                f"lunch{i}", datetime(2025, 6, 1 + 7 * i, 12, tzinfo=UTC), "meal", "personal",
                90, 2, [("carl", "organizer"), ("dora", "attendee")],
            )
            for i in range(3)
        ],
    )  # fmt: skip
    summary = score_conversations(graph, ["lunch0", "lunch1", "lunch2"])
    assert summary.pairs_per_level == {0: 0, 1: 0, 2: 0, 3: 1, 4: 0}
    after = stored(graph)
    assert after[("carl", "dora")]["level"] == 3
    assert after[("carl", "dora")]["conversations"] == 4
    assert after[("carl", "dora")]["run"] == "incremental"
    assert {p: t for p, t in after.items() if p != ("carl", "dora")} == before


def test_incremental_scoring_removes_a_tie_that_no_longer_carries_weight(
    graph: Database,
) -> None:
    score_all(graph)
    graph.driver.execute_query(
        "MATCH (c:Conversation) WHERE c.id STARTS WITH 'buy' SET c.depth = 'outside'"
    )
    summary = score_conversations(graph, [f"buy{i}" for i in range(20)])
    assert (summary.removed, summary.stored) == (1, 0)
    assert set(stored(graph)) == {("ann", "dora")}


def test_rescore_scores_everything_when_the_store_is_not_complete(graph: Database) -> None:
    score_all(graph)
    mark_incomplete(graph)
    assert not store_state(graph).complete
    summary = rescore(graph, ["buy0"])
    assert summary is not None and summary.full
    assert store_state(graph).complete
    assert rescore(graph, []) is None
    again = rescore(graph, ["buy0"])
    assert again is not None and not again.full


def test_ties_as_of_an_earlier_date_use_only_the_conversations_up_to_then(
    graph: Database,
) -> None:
    ties = {(t.a, t.b): t for t in ties_as_of(graph, date(2022, 12, 31))}
    assert set(ties) == {("ann", "dora")}
    assert ties[("ann", "dora")].level == 3
    assert ties[("ann", "dora")].conversations == 6
    assert ties_as_of(graph, date(2021, 12, 31)) == []


def test_ties_of_some_people_are_only_theirs(graph: Database) -> None:
    ties = ties_as_of(graph, AS_OF, ["carl"])
    assert [(t.a, t.b, t.level) for t in ties] == [
        ("ben", "carl", 2),
        ("ann", "carl", 1),
        ("carl", "dora", 1),
    ]


def test_a_view_reads_stored_ties_only_where_they_hold_the_date_asked(graph: Database) -> None:
    score_all(graph)
    graph.driver.execute_query("MATCH ()-[t:TIE]->() SET t.strength = 99.0")
    later = date(2025, 8, 1)
    (link,) = TieView(graph, later).between(["ann"], ["dora"], 2)
    tie = next(t for t in graph.driver.execute_query(
        "MATCH ()-[t:TIE]->() WHERE t.level = 4 RETURN t.day AS day, t.half_life AS h"
    ).records)  # fmt: skip
    assert link.strength == round(99.0 * 0.5 ** ((later.toordinal() - tie["day"]) / tie["h"]), 4)
    # the reception of 2025-05-01 came after this date: both ends' ties are computed
    (earlier,) = TieView(graph, date(2025, 4, 30)).between(["ann"], ["dora"], 2)
    assert earlier.strength != 99.0 and earlier.level == 4
    graph.driver.execute_query("MATCH ()-[t:TIE]->() SET t.config = 'other'")
    graph.write("ties.set_state", config="other", scored=date.today(), complete=True)
    (computed,) = TieView(graph, later).between(["ann"], ["dora"], 2)
    assert computed.strength != link.strength and computed.level == 4


def test_explain_lists_the_conversations_behind_a_tie_with_their_weights(
    graph: Database,
) -> None:
    tie, history_ = explain(graph, "dora", "ann", AS_OF)
    assert (tie.a, tie.b, tie.level, tie.conversations) == ("ann", "dora", 4, 22)
    assert [c["id"] for c in history_][:2] == ["dinner0", "dinner1"]
    assert history_[0]["organiser"] == "a" and history_[1]["organiser"] == "b"
    reception = next(c for c in history_ if c["id"] == "reception")
    assert (reception["depth"], reception["effective_depth"]) == ("outside", "outside")
    assert reception["weight"] < 0.02
    assert history_[-1]["weight"] > history_[0]["weight"]


def test_an_assessment_shows_beside_the_computed_level_until_it_is_removed(
    graph: Database,
) -> None:
    saved = set_assessment(graph, "dora", "carl", 3, "we sail together every summer", "ann")
    assert (saved.level, saved.by) == (3, "ann")
    tie, _ = explain(graph, "carl", "dora", AS_OF)
    assert (tie.level, tie.assessed_level) == (1, 3)
    assert tie.assessment is not None
    assert tie.assessment.reason == "we sail together every summer"
    listed = {(t.a, t.b): t for t in ties_as_of(graph, AS_OF, ["carl"])}
    assert listed[("carl", "dora")].assessed_level == 3
    assert listed[("ben", "carl")].assessed_level is None
    assert remove_assessment(graph, "carl", "dora") is True
    assert remove_assessment(graph, "carl", "dora") is False
    assert explain(graph, "carl", "dora", AS_OF)[0].assessment is None


def test_an_assessed_pair_without_conversations_is_listed_at_level_zero(db: Database) -> None:
    load(db, [])
    set_assessment(db, "ann", "ben", 2, "old colleagues", "carl")
    (tie,) = ties_as_of(db, AS_OF, ["ben"])
    assert (tie.a, tie.b, tie.level, tie.assessed_level) == ("ann", "ben", 0, 2)


def test_an_assessment_needs_a_valid_level_and_a_reason(graph: Database) -> None:
    with pytest.raises(GraphxError, match="level must be 0-4"):
        set_assessment(graph, "ann", "ben", 5, "x", "me")
    with pytest.raises(GraphxError, match="needs a reason"):
        set_assessment(graph, "ann", "ben", 2, " ", "me")


# --- the command line ---------------------------------------------------------------------

runner = CliRunner()


def run(*args: str) -> Any:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_graphx_score_prints_pairs_per_level_and_stores_ties(cli_env: Any, graph: Database) -> None:
    result = run("score")
    assert "4 trusted" in result.output and "3 personal" in result.output
    assert "2 ties stored (business or deeper, or once personal) from 42 conversations" in (
        result.output
    )
    assert len(stored(graph)) == 2
    data = json.loads(run("stats", "--json").output)
    assert data["ties"] == 2 and data["ties_complete"] is True
    assert data["ties_settings"] == Config.default().fingerprint
    assert data["ties_scored_as_of"] == date.today().isoformat()


def test_graphx_score_reads_the_settings_of_graphx_depth_config(
    cli_env: Any, graph: Database, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "strict.toml"
    config.write_text("[levels]\ntrusted_min_strength = 1000\n")
    monkeypatch.setenv("GRAPHX_DEPTH_CONFIG", str(config))
    run("score")
    assert stored(graph)[("ann", "dora")]["level"] == 3
    assert json.loads(run("stats", "--json").output)["ties_settings"] == (
        Config.from_toml(config).fingerprint
    )
    data = json.loads(run("ties", "--person", "ann", "--as-of", "2025-06-30", "--json").output)
    assert next((t["b"], t["level"]) for t in data["ties"]) == ("dora", 3)
    monkeypatch.delenv("GRAPHX_DEPTH_CONFIG")
    assert "GRAPHX_DEPTH_CONFIG differs" in run("stats").output


def test_graphx_explain_json_names_the_pair_by_email(cli_env: Any, graph: Database) -> None:
    result = run("explain", "DORA@client.com", "ann", "--as-of", "2025-06-30", "--json")
    data = json.loads(result.output)
    assert (data["a"], data["b"], data["level"], data["conversations"]) == ("ann", "dora", 4, 22)
    assert data["first_contact"] == "2022-01-15T19:00:00+00:00"
    assert data["last_contact"] == "2025-05-19T19:00:00+00:00"
    assert data["as_of"] == "2025-06-30"
    assert "both sides invite (Ann organised 11, Dora 10)" in data["components"]
    assert data["assessed_level"] is None and data["assessment"] is None
    assert len(data["history"]) == 22
    text = run("explain", "ann", "dora", "--as-of", "2025-06-30").output
    assert "level 4 (trusted)" in text


def test_graphx_ties_filters_by_person_organisation_and_level(
    cli_env: Any, graph: Database
) -> None:
    data = json.loads(run("ties", "--person", "carl@home.com", "--as-of", "2025-06-30",
                          "--json").output)  # fmt: skip
    assert data["as_of"] == "2025-06-30"
    assert [(t["a"], t["b"], t["level"]) for t in data["ties"]] == [
        ("ben", "carl", 2),
        ("ann", "carl", 1),
        ("carl", "dora", 1),
    ]
    data = json.loads(run("ties", "--organisation", "client", "--min-level", "2",
                          "--as-of", "2025-06-30", "--json").output)  # fmt: skip
    assert [(t["a"], t["b"], t["level"]) for t in data["ties"]] == [
        ("ann", "dora", 4),
        ("ben", "carl", 2),
    ]
    data = json.loads(run("ties", "--person", "ann", "--organisation", "client",
                          "--as-of", "2025-06-30", "--json").output)  # fmt: skip
    assert [(t["a"], t["b"]) for t in data["ties"]] == [("ann", "dora"), ("ann", "ben")]


def test_graphx_ties_set_and_unset_record_and_remove_an_assessment(
    cli_env: Any, graph: Database
) -> None:
    result = run("ties", "set", "carl", "dora@client.com", "--level", "3",
                 "--reason", "sailing partners", "--by", "ann")  # fmt: skip
    assert "assessed carl - dora at level 3 (personal) by ann" in result.output
    data = json.loads(run("ties", "--person", "dora", "--as-of", "2025-06-30", "--json").output)
    carl = next(t for t in data["ties"] if t["a"] == "carl")
    assert (carl["level"], carl["assessed_level"]) == (1, 3)
    assert carl["assessment"]["reason"] == "sailing partners"
    assert carl["assessment"]["by"] == "ann"
    assert "assessment removed" in run("ties", "unset", "carl", "dora").output
    data = json.loads(run("ties", "--person", "dora", "--as-of", "2025-06-30", "--json").output)
    assert all(t["assessed_level"] is None for t in data["ties"])


@pytest.mark.parametrize("day", [AS_OF, date(2025, 5, 10), date(2025, 12, 31), date(2027, 1, 1)])
def test_ties_around_people_from_the_store_equal_those_computed_from_their_histories(
    graph: Database, day: date
) -> None:
    def seen(view: TieView) -> list[tuple[str, str, int, float]]:
        links = view.around(["carl", "dora"], min_level=2)
        return sorted((t.a, t.b, t.level, t.strength) for t in links)

    computed = TieView(graph, day)  # nothing is stored yet
    assert not computed.stored
    expected = seen(computed)
    score_all(graph)
    stored_view = TieView(graph, day)
    assert stored_view.stored
    assert seen(stored_view) == expected
    fresh = {(t.a, t.b): t for t in ties_as_of(graph, day, ["carl", "dora"]) if t.level >= 2}
    assert expected == sorted(
        (p, q, t.level, t.strength)
        for (a, b), t in fresh.items()
        for p, q in ((a, b), (b, a))
        if p in ("carl", "dora")
    )


def test_ties_computed_in_batches_of_people_equal_those_computed_at_once(
    graph: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dora and Ben met Ann and Carl at the same reception: whichever batch of people reads
    it first, each pair is counted."""

    def seen() -> list[tuple[str, str, int, float]]:
        ties = TieView(graph, AS_OF).between(["dora", "ben"], ["ann", "carl"])
        return sorted((t.a, t.b, t.level, t.strength) for t in ties)

    at_once = seen()
    monkeypatch.setattr(view, "_BATCH", 1)
    assert seen() == at_once
    assert [(a, b) for a, b, _, _ in at_once] == [
        ("ben", "ann"), ("ben", "carl"), ("dora", "ann"), ("dora", "carl"),
    ]  # fmt: skip

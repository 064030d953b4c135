from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database
from graphx.errors import NotFound
from graphx.intro import Introductions, introductions, link_weight
from graphx.ties.store import rescore, score_all
from graphx.ties.view import explain
from tests.integration.analytics_graph import AS_OF, days_before, job, meal, org, person, tie

runner = CliRunner()


@pytest.fixture
def chains(db: Database) -> Database:
    """Chains from Ann (a colleague) to Rosa (a client's CEO), strongest first:

    ann-dewi-rosa (two personal ties), ann-cas-eva-rosa (three), ann-bob-rosa (a trusted tie,
    then a weak one). ann-opt-rosa would be best but Opt opted out; ann-x1-...-x4-rosa is
    five hops of trusted ties. Zed knows nobody. The ties are made of conversations
    (``tie``) and stored, so the middle links of a chain come from the store.
    """
    org(db, "us", "Us", "home")
    org(db, "acme", "Acme")
    for pid, name in [
        ("ann", "Ann Smit"), ("bob", "Bob de Wit"), ("cas", "Cas Bos"), ("dewi", "Dewi Visser"),
        ("eva", "Eva Kok"), ("rosa", "Rosa Meijer"), ("zed", "Zed Alone"), ("x1", "X One"),
        ("x2", "X Two"), ("x3", "X Three"), ("x4", "X Four"),
    ]:  # fmt: skip
        person(db, pid, name, email=f"{pid}@example.com")
    person(db, "opt", "Opt Out", opt_out=True)
    job(db, "ann", "us")
    job(db, "rosa", "acme", "board", "CEO")
    tie(db, "ann", "dewi", 3, 6.0, 10)
    tie(db, "dewi", "rosa", 3, 6.0, 28)
    tie(db, "ann", "cas", 3, 6.0, 15)
    tie(db, "cas", "eva", 3, 6.0, 15)
    tie(db, "eva", "rosa", 3, 6.0, 15)
    tie(db, "ann", "bob", 4, 30.0, 5)
    tie(db, "bob", "rosa", 1, 0.3, 200)
    tie(db, "ann", "opt", 4, 30.0, 5)
    tie(db, "opt", "rosa", 4, 30.0, 5)
    for a, b in [("ann", "x1"), ("x1", "x2"), ("x2", "x3"), ("x3", "x4"), ("x4", "rosa")]:
        tie(db, a, b, 4, 30.0, 5)
    score_all(db)
    return db


def _check_properties(db: Database, result: Introductions) -> None:
    """Endpoints, consecutive pairs are ties (each link as a fresh computation of the pair
    gives it), hop limit, strength is the product, order."""
    for chain in result.paths:
        assert chain.people[0] == result.from_id and chain.people[-1] == result.to_id
        assert len(set(chain.people)) == len(chain.people) <= result.max_hops + 1
        pairs = list(zip(chain.people, chain.people[1:], strict=False))
        assert [(link.a, link.b) for link in chain.links] == pairs
        for link in chain.links:
            fresh = explain(db, link.a, link.b, result.as_of)[0]
            assert fresh.level >= 1
            assert (link.level, link.strength) == (fresh.level, fresh.strength)
        assert "opt" not in chain.people
        product = math.prod(link_weight(link.strength) for link in chain.links)
        assert chain.strength == pytest.approx(product)
    strengths = [chain.strength for chain in result.paths]
    assert strengths == sorted(strengths, reverse=True)


def test_the_best_chains_rank_a_weak_link_last_and_skip_opted_out_people(
    chains: Database, cli_env: Path
) -> None:
    result = runner.invoke(
        app, ["intro", "ann", "rosa@example.com", "--as-of", AS_OF.isoformat(), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [p["people"] for p in data["paths"]] == [
        ["ann", "dewi", "rosa"],
        ["ann", "cas", "eva", "rosa"],
        ["ann", "bob", "rosa"],
    ]
    assert data["from"] == "ann" and data["to"] == "rosa"
    assert data["paths"][0] == {
        "people": ["ann", "dewi", "rosa"],
        "strength": round((6 / 9) ** 2, 6),
        "links": [
            {"a": "ann", "b": "dewi", "level": 3, "strength": 6.0, "weight": 0.6667,
             "last_contact": days_before(10).isoformat()},
            {"a": "dewi", "b": "rosa", "level": 3, "strength": 6.0, "weight": 0.6667,
             "last_contact": days_before(28).isoformat()},
        ],
    }  # fmt: skip
    assert (
        data["suggestion"]
        == "Ask Dewi Visser (knows Rosa Meijer personally, last met 4 weeks ago)."
    )
    assert "opt" not in json.dumps(data)
    _check_properties(chains, introductions(chains, "ann", "rosa", as_of=AS_OF))


def test_a_longer_hop_limit_finds_the_five_hop_chain_of_trusted_ties(chains: Database) -> None:
    result = introductions(chains, "ann", "rosa", max_hops=5, top=2, as_of=AS_OF)
    assert [c.people for c in result.paths] == [
        ("ann", "x1", "x2", "x3", "x4", "rosa"),
        ("ann", "dewi", "rosa"),
    ]
    _check_properties(chains, result)
    assert result.suggestion.startswith("Ask X One (knows X Two well, a trusted relationship,")
    assert result.suggestion.endswith("; the chain goes on X Two → X Three → X Four → Rosa Meijer.")


def test_no_chain_is_an_empty_list_and_a_clear_sentence(chains: Database, cli_env: Path) -> None:
    result = runner.invoke(app, ["intro", "ann@EXAMPLE.com", "zed", "--as-of", "2025-06-30",
                                 "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "from": "ann",
        "to": "zed",
        "as_of": "2025-06-30",
        "max_hops": 4,
        "paths": [],
        "suggestion": "No chain of at most 4 ties links Ann Smit to Zed Alone as of 2025-06-30.",
        "names": {"ann": "Ann Smit", "zed": "Zed Alone"},
    }
    table = runner.invoke(app, ["intro", "ann", "zed", "--as-of", "2025-06-30"])
    assert table.exit_code == 0 and "No chain of at most 4 ties" in table.output


def test_a_direct_tie_is_said_so_and_top_limits_the_chains(chains: Database) -> None:
    result = introductions(chains, "ann", "dewi", top=1, as_of=AS_OF)
    assert [c.people for c in result.paths] == [("ann", "dewi")]
    assert result.suggestion == (
        "Ann Smit knows Dewi Visser personally already, last met 10 days ago:"
        " get in touch directly."
    )


def test_opted_out_or_unknown_people_cannot_be_asked_about(chains: Database, cli_env: Path) -> None:
    assert isinstance(runner.invoke(app, ["intro", "ann", "opt"]).exception, NotFound)
    with pytest.raises(NotFound):
        introductions(chains, "ann", "opt", as_of=AS_OF)


def test_chains_in_the_past_come_from_that_dates_conversations(chains: Database) -> None:
    """Early in 2024 the only chain runs through the Ann-Eva and Eva-Rosa dinners (recorded and
    re-scored as an import would): the ties as they stand in 2025, stored, do not count."""
    day = date(2024, 3, 1)
    for n, (a, b) in enumerate([("ann", "eva"), ("eva", "rosa")]):
        meal(chains, f"m{n}a", days_before(30, day), [a, b])
        meal(chains, f"m{n}b", days_before(7, day), [b, a])
    rescore(chains, ["m0a", "m0b", "m1a", "m1b"])
    result = introductions(chains, "ann", "rosa", as_of=day)
    assert [c.people for c in result.paths] == [("ann", "eva", "rosa")]
    assert [link.level for link in result.paths[0].links] == [3, 3]
    assert result.suggestion == "Ask Eva Kok (knows Rosa Meijer personally, last met 7 days ago)."

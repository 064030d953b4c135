from __future__ import annotations

from pathlib import Path

from graphx.coverage import portfolio
from graphx.db import Database
from graphx.demo import demo_login, load_demo_data
from graphx.generate import WINDOW_END
from graphx.repository.stats import graph_stats
from graphx.users import UserStore


def test_the_demo_loads_a_scored_company_once_and_creates_a_director_login(
    db: Database, tmp_path: Path
) -> None:
    assert load_demo_data(db) is True
    loaded = graph_stats(db)
    assert loaded["people"] == 1000
    assert loaded["ties"] > 1000
    assert load_demo_data(db) is False
    assert graph_stats(db) == loaded

    users = UserStore(tmp_path / "users.json")
    login = demo_login(db, users)
    signed_in = users.authenticate("demo", login.password)
    assert signed_in is not None and signed_in.role == "director"
    rows, _, _ = db.driver.execute_query(
        "MATCH (p:Person {id: $id})-[:WORKS_AT {current: true}]->(o:Organisation) RETURN o.kind",
        id=login.person_id,
    )
    assert [r["o.kind"] for r in rows] == ["home"]


def test_the_demo_portfolio_has_a_spread(db: Database) -> None:
    """Well covered clients, partly covered ones and uncovered ones, as in a real firm."""
    load_demo_data(db)
    rows = portfolio(db, WINDOW_END, trend=False)
    well = [r.coverage for r in rows if r.coverage >= 0.5]
    none = [r.coverage for r in rows if r.coverage == 0]
    assert len(rows) == 24
    assert len(well) >= 6 and max(well) >= 0.75
    assert 3 <= len(none) <= 6
    assert len(rows) - len(well) - len(none) >= 6

"""Client accounts: each client's owner is the colleague with the strongest business+ ties."""

from __future__ import annotations

from datetime import date

import pytest

from graphx.accounts import Account, client_accounts, client_names
from graphx.db import Database
from graphx.ties.store import score_all
from graphx.ties.view import TieView
from tests.integration.analytics_graph import AS_OF, job, org, person, tie


@pytest.mark.parametrize("stored", [True, False], ids=["stored", "computed"])
def test_the_owner_has_the_strongest_business_ties_to_the_clients_current_people(
    db: Database, stored: bool
) -> None:
    """Acme: Ann's two business ties (2.5 + 4.0) outweigh Bob's personal one (5.0); Old left
    us, Cas opted out, Dora left Acme: their stronger ties count for nothing. Beta is known
    only from a reception (met): no owner. Gamma is known by nobody. The same from the stored
    ties as computed from the conversations."""
    org(db, "us", "Us", "home")
    org(db, "acme", "Acme")
    org(db, "beta", "Beta")
    org(db, "gamma", "Gamma")
    for pid in ("ann", "bob", "old", "rosa", "piet", "dora", "fay"):
        person(db, pid, pid.title())
    person(db, "cas", "Cas", opt_out=True)
    for pid in ("ann", "bob", "cas"):
        job(db, pid, "us")
    job(db, "old", "us", until=date(2024, 1, 1))
    job(db, "rosa", "acme", "board", "CEO")
    job(db, "piet", "acme", "executive", "CFO")
    job(db, "dora", "acme", "board", "Chair", until=date(2024, 6, 1))
    job(db, "fay", "beta", "board", "CEO")
    tie(db, "ann", "rosa", 2, 2.5)
    tie(db, "ann", "piet", 2, 4.0)
    tie(db, "bob", "rosa", 3, 5.0)
    tie(db, "old", "rosa", 4, 30.0)
    tie(db, "cas", "piet", 4, 30.0)
    tie(db, "bob", "dora", 4, 30.0)
    tie(db, "ann", "fay", 1, 0.9)
    tie(db, "bob", "fay", 1, 0.5)
    if stored:
        score_all(db)
    assert TieView(db, AS_OF).stored == stored

    assert client_accounts(db, AS_OF) == {
        "acme": Account("acme", "Acme", "", "ann", "Ann"),
        "beta": Account("beta", "Beta", "", None, ""),
        "gamma": Account("gamma", "Gamma", "", None, ""),
    }
    assert client_names(db) == {"acme": "Acme", "beta": "Beta", "gamma": "Gamma"}

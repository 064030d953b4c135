from __future__ import annotations

import pytest

from graphx.db import Database
from graphx.errors import NotFound
from graphx.people import resolve_person


@pytest.fixture
def two_people(db: Database) -> Database:
    db.driver.execute_query(
        "CREATE (:Person {id: 'p1', name: 'Ann'})-[:HAS_EMAIL]->(:Email {address: 'ann@acme.com'}),"
        " (:Person {id: 'p2', name: 'Bob', opt_out: true})"
        "-[:HAS_EMAIL]->(:Email {address: 'bob@acme.com'})"
    )
    return db


def test_a_person_is_found_by_id_or_by_address_in_any_case(two_people: Database) -> None:
    assert resolve_person(two_people, "p1") == "p1"
    assert resolve_person(two_people, " Ann@ACME.com ") == "p1"


def test_an_unknown_or_opted_out_person_is_not_found(two_people: Database) -> None:
    with pytest.raises(NotFound, match=r"'nobody@acme\.com'"):
        resolve_person(two_people, "nobody@acme.com")
    with pytest.raises(NotFound):
        resolve_person(two_people, "bob@acme.com")

from __future__ import annotations

from datetime import date

import pytest

from graphx.db import Database
from graphx.errors import NotFound
from graphx.model import Organisation, Person
from graphx.repository.employment import people_at
from graphx.resolver import resolve_organisation, resolve_person


@pytest.fixture
def two_people(db: Database) -> Database:
    db.driver.execute_query(
        "CREATE (:Person {id: 'p1', name: 'Ann'})-[:HAS_EMAIL]->(:Email {address: 'ann@acme.com'}),"
        " (:Person {id: 'p2', name: 'Bob', opt_out: true})"
        "-[:HAS_EMAIL]->(:Email {address: 'bob@acme.com'})"
    )
    return db


def test_a_person_is_found_by_id_or_by_address_in_any_case(two_people: Database) -> None:
    assert resolve_person(two_people, "p1") == Person("p1", "Ann")
    assert resolve_person(two_people, " Ann@ACME.com ") == Person("p1", "Ann")


def test_an_unknown_or_opted_out_person_is_not_found(two_people: Database) -> None:
    with pytest.raises(NotFound, match=r"'nobody@acme\.com'"):
        resolve_person(two_people, "nobody@acme.com")
    with pytest.raises(NotFound):
        resolve_person(two_people, "bob@acme.com")


def test_an_opted_out_person_is_found_only_when_asked_for(two_people: Database) -> None:
    assert resolve_person(two_people, "bob@acme.com", opted_out_too=True) == Person(
        "p2", "Bob", opted_out=True
    )
    with pytest.raises(NotFound):
        resolve_person(two_people, "nobody@acme.com", opted_out_too=True)


def test_an_organisation_is_found_by_id_or_by_a_name_only_it_has(db: Database) -> None:
    db.driver.execute_query(
        "CREATE (:Organisation {id: 'o1', name: 'Acme', kind: 'client'}),"
        " (:Organisation {id: 'o2', name: 'Twin', kind: 'client'}),"
        " (:Organisation {id: 'o3', name: 'Twin', kind: 'prospect'}),"
        " (:Organisation {id: 'Twin', name: 'Other', kind: 'other'})"
    )
    assert resolve_organisation(db, "Acme") == Organisation("o1", "Acme", "client")
    assert resolve_organisation(db, "Twin") == Organisation("Twin", "Other", "other")
    db.driver.execute_query("MATCH (o:Organisation {id: 'Twin'}) DETACH DELETE o")
    with pytest.raises(NotFound, match=r"several organisations are called 'Twin' \(o2, o3\)"):
        resolve_organisation(db, "Twin")
    with pytest.raises(NotFound, match="no organisation with id or name 'Nope'"):
        resolve_organisation(db, "Nope")


def test_who_works_at_an_organisation_follows_the_one_employment_rule(db: Database) -> None:
    """@employed: from <= day < until; a job with no dates counts only when current."""
    db.driver.execute_query(
        "CREATE (o:Organisation {id: 'o1', name: 'Acme', kind: 'client'})"
        " CREATE (:Person {id: 'ceo', name: 'Cy', level: 'board'})"
        "-[:WORKS_AT {current: true, level: 'board', from: date('2020-01-01')}]->(o)"
        " CREATE (:Person {id: 'new', name: 'Nia'})"
        "-[:WORKS_AT {current: true, from: date('2025-03-01')}]->(o)"
        " CREATE (:Person {id: 'gone', name: 'Gus'})"
        "-[:WORKS_AT {current: false, from: date('2019-01-01'), until: date('2025-01-01')}]->(o)"
        " CREATE (:Person {id: 'undated', name: 'Ugo'})-[:WORKS_AT {current: false}]->(o)"
        " CREATE (:Person {id: 'marked', name: 'Mo'})-[:WORKS_AT {current: true}]->(o)"
        " CREATE (:Person {id: 'out', name: 'Oz', opt_out: true})-[:WORKS_AT {current: true}]->(o)"
    )
    assert people_at(db, "o1", date(2024, 12, 31)) == ["ceo", "gone", "marked"]
    assert people_at(db, "o1", date(2025, 1, 1)) == ["ceo", "marked"]
    assert people_at(db, "o1", date(2025, 3, 1)) == ["ceo", "marked", "new"]

"""A small known graph for the browser tests: two clients, three colleagues, scored ties."""

from __future__ import annotations

from datetime import date

from graphx.db import Database

SEED = """
CREATE (home:Organisation {id: 'home', name: 'Graphx Partners', kind: 'home'}),
       (contoso:Organisation {id: 'contoso', name: 'Contoso', kind: 'client', sector: 'energy'}),
       (fabrikam:Organisation {id: 'fabrikam', name: 'Fabrikam', kind: 'client', sector: 'retail'}),
       (dewi:Person {id: 'c-dewi', name: 'Dewi Visser', title: 'Partner', level: 'board'}),
       (sam:Person {id: 'c-sam', name: 'Sam Lee', title: 'Account lead', level: 'staff'}),
       (ann:Person {id: 'c-ann', name: 'Ann Bakker', title: 'Manager', level: 'manager'}),
       (rosa:Person {id: 'd-rosa', name: 'Rosa Meijer', title: 'CFO', level: 'executive',
                     interests: ['sailing', 'opera']}),
       (piet:Person {id: 'd-piet', name: 'Piet Kok', title: 'Chair', level: 'board',
                     interests: ['golf']}),
       (fay:Person {id: 'd-fay', name: 'Fay Brown', title: 'CEO', level: 'board',
                    interests: ['art']}),
       (olga:Person {id: 'd-olga', name: 'Olga Opted', title: 'CTO', level: 'executive',
                     opt_out: true}),
       (dewi)-[:WORKS_AT {current: true, title: 'Partner', level: 'board'}]->(home),
       (sam)-[:WORKS_AT {current: true, title: 'Account lead', level: 'staff'}]->(home),
       (ann)-[:WORKS_AT {current: true, title: 'Manager', level: 'manager'}]->(home),
       (rosa)-[:WORKS_AT {current: true, title: 'CFO', level: 'executive'}]->(contoso),
       (piet)-[:WORKS_AT {current: true, title: 'Chair', level: 'board'}]->(contoso),
       (fay)-[:WORKS_AT {current: true, title: 'CEO', level: 'board'}]->(fabrikam),
       (olga)-[:WORKS_AT {current: true, title: 'CTO', level: 'executive'}]->(contoso)
WITH *
UNWIND $ties AS t
MATCH (a:Person {id: t[0]}), (b:Person {id: t[1]})
CREATE (a)-[:TIE {level: t[2], strength: t[3], conversations: t[4], as_of: $as_of,
                  first_contact: datetime('2021-03-01T12:00:00Z'),
                  last_contact: datetime() - duration({days: t[5]}), components: []}]->(b)
"""

TIES = [
    # a, b (a < b), level, strength, conversations, days since last contact
    ["c-dewi", "d-rosa", 3, 9.0, 14, 20],
    ["c-ann", "c-sam", 2, 5.0, 60, 3],
    ["c-ann", "c-dewi", 2, 4.0, 40, 5],
    ["c-sam", "d-piet", 1, 0.5, 1, 200],
    ["c-ann", "d-fay", 2, 3.0, 12, 30],
]


def seed(db: Database) -> None:
    db.run_in_autocommit("db.delete_all")
    db.driver.execute_query(SEED, ties=TIES, as_of=date.today())

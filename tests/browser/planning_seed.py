"""A small known graph for the occasion and "my network" pages, scored by the depth model.

Colleagues Dewi (golf), Sam and Ann (golf). Contoso: Piet Kok (Chair, golf), met once by Sam
at a 150-guest reception; Rosa Meijer (CFO, sailing), Dewi's personal relationship of years,
silent for 100 days (overdue). Fabrikam: Fay Brown (CEO, golf) in business calls with Ann.
Olga (Contoso CTO, golf) opted out.
"""

from __future__ import annotations

from graphx.db import Database, delete_all
from graphx.ties.store import score_all
from tests.browser.seed import CONVERSATIONS, _series

PEOPLE = """
CREATE (home:Organisation {id: 'home', name: 'Graphx Partners', kind: 'home'}),
       (contoso:Organisation {id: 'contoso', name: 'Contoso', kind: 'client'}),
       (fabrikam:Organisation {id: 'fabrikam', name: 'Fabrikam', kind: 'client'}),
       (dewi:Person {id: 'c-dewi', name: 'Dewi Visser', title: 'Partner', level: 'board',
                     interests: ['golf']}),
       (sam:Person {id: 'c-sam', name: 'Sam Lee', title: 'Account lead', level: 'staff'}),
       (ann:Person {id: 'c-ann', name: 'Ann Bakker', title: 'Manager', level: 'manager',
                    interests: ['golf']}),
       (rosa:Person {id: 'd-rosa', name: 'Rosa Meijer', title: 'CFO', level: 'executive',
                     interests: ['sailing']}),
       (piet:Person {id: 'd-piet', name: 'Piet Kok', title: 'Chair', level: 'board',
                     interests: ['golf']}),
       (fay:Person {id: 'd-fay', name: 'Fay Brown', title: 'CEO', level: 'board',
                    interests: ['golf']}),
       (olga:Person {id: 'd-olga', name: 'Olga Opted', interests: ['golf'], opt_out: true}),
       (dewi)-[:WORKS_AT {current: true, title: 'Partner', level: 'board'}]->(home),
       (sam)-[:WORKS_AT {current: true, title: 'Account lead', level: 'staff'}]->(home),
       (ann)-[:WORKS_AT {current: true, title: 'Manager', level: 'manager'}]->(home),
       (rosa)-[:WORKS_AT {current: true, title: 'CFO', level: 'executive'}]->(contoso),
       (piet)-[:WORKS_AT {current: true, title: 'Chair', level: 'board'}]->(contoso),
       (fay)-[:WORKS_AT {current: true, title: 'CEO', level: 'board'}]->(fabrikam),
       (olga)-[:WORKS_AT {current: true, title: 'CTO', level: 'executive'}]->(contoso)
"""


def conversations() -> list[dict[str, object]]:
    return [
        *_series("c-dewi", "d-rosa", "meal", "personal", 60, 30, 100, alternate=True),
        *_series("c-sam", "d-piet", "event", "outside", 1, 1, 200, size=150),
        *_series("c-ann", "d-fay", "call", "business", 30, 12, 10),
    ]


def seed(db: Database) -> None:
    delete_all(db)
    db.driver.execute_query(PEOPLE)
    db.driver.execute_query(CONVERSATIONS, rows=conversations())
    score_all(db)

"""The demo: a populated graph and a login, so a newcomer sees a useful dashboard at once."""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from graphx.db import Database, apply_schema
from graphx.generate import generate
from graphx.importers.canonical import import_canonical
from graphx.repository import people
from graphx.repository.stats import graph_stats
from graphx.ties.store import score_all
from graphx.users import UserStore

DEMO_USER = "demo"


@dataclass(frozen=True)
class DemoLogin:
    name: str
    password: str
    person_id: str | None
    person_name: str | None


def load_demo_data(db: Database, scale: str = "small", seed: int = 1) -> bool:
    """Generate, import and score the demo company when the database is empty.

    Returns True when it loaded data, False when the database already held some.
    """
    apply_schema(db)
    if graph_stats(db)["people"] > 0:
        return False
    with tempfile.TemporaryDirectory(prefix="graphx-demo-") as folder:
        generate(scale, seed, Path(folder))
        import_canonical(db, Path(folder))
    score_all(db)
    return True


def demo_login(db: Database, users: UserStore) -> DemoLogin:
    """(Re)create the ``demo`` director login, standing for the colleague with most ties."""
    busiest = people.busiest_colleague(db, date.today())
    person_id = busiest.id if busiest else None
    person_name = busiest.name if busiest else None
    password = secrets.token_urlsafe(12)
    users.add(DEMO_USER, "director", password, person_id=person_id)
    return DemoLogin(DEMO_USER, password, person_id, person_name)

"""Client accounts: sector and the colleague who owns the relationship in practice."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from graphx.db import Database
from graphx.model import Level
from graphx.repository import organisations
from graphx.repository.employment import client_people, colleagues
from graphx.ties.view import TieView


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    sector: str
    owner_id: str | None
    owner_name: str


def client_names(db: Database) -> dict[str, str]:
    """Every client's name by id, in order of name."""
    return {id_: name for id_, name, _ in organisations.clients(db)}


def client_accounts(
    db: Database, as_of: date | None = None, *, ties: TieView | None = None
) -> dict[str, Account]:
    """Every client by id, in order of name, as of ``as_of`` (default today); the owner is the
    colleague whose business+ ties to the client's people are strongest in sum (none when no
    colleague has such a tie: a handshake at a reception makes no one the owner)."""
    day = as_of or date.today()
    team = colleagues(db, day)
    client_of: dict[str, set[str]] = defaultdict(set)
    for client_id, people in client_people(db, day).items():
        for person_id in people:
            client_of[person_id].add(client_id)
    view = ties or TieView(db, day)
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for link in view.between(sorted(client_of), list(team), Level.BUSINESS):
        for client_id in client_of[link.a]:
            totals[(client_id, link.b)] += link.strength
    owners: dict[str, str] = {}
    for (client_id, colleague_id), _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0][1])):
        owners.setdefault(client_id, colleague_id)
    accounts = {}
    for id_, name, sector in organisations.clients(db):
        owner = owners.get(id_)
        accounts[id_] = Account(
            id=id_,
            name=name,
            sector=sector,
            owner_id=owner,
            owner_name="" if owner is None else team[owner].name or owner,
        )
    return accounts

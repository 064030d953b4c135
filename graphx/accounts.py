"""Client accounts: sector and the colleague who owns the relationship in practice."""

from __future__ import annotations

from dataclasses import dataclass

from graphx.db import Database


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    sector: str
    owner_id: str | None
    owner_name: str


def client_names(db: Database) -> dict[str, str]:
    """Every client's name by id, in order of name."""
    return {row["id"]: row["name"] for row in db.read("accounts.clients")}


def client_accounts(db: Database) -> dict[str, Account]:
    """Every client by id, in order of name; the owner is the colleague whose business+ ties
    to its current people are strongest in sum (none when no colleague has such a tie)."""
    owners = {row["client_id"]: row for row in db.read("accounts.owners")}
    accounts = {}
    for row in db.read("accounts.clients"):
        owner = owners.get(row["id"], {})
        accounts[row["id"]] = Account(
            id=row["id"],
            name=row["name"],
            sector=row["sector"],
            owner_id=owner.get("owner_id"),
            owner_name=owner.get("owner_name") or "",
        )
    return accounts

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


def client_accounts(db: Database) -> dict[str, Account]:
    """Every client by id; the owner is the colleague with the strongest ties to its people."""
    return {row["id"]: Account(**row) for row in db.read("accounts.clients")}

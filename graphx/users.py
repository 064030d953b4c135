"""Dashboard users: names, roles and salted argon2 password hashes, kept outside the repository."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from graphx.errors import ConfigError, NotFound

Role = Literal["director", "sales", "admin"]
"""admin: runs graphx (the live sources); sees no more relationships than sales."""
ROLES: tuple[str, ...] = get_args(Role)
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("graphx: equalises timing for unknown users")


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password_hash: str
    person_id: str | None = None  # the colleague this login is, for "me" defaults


class UserStore:
    """Users kept as JSON in ``path`` (mode 0600), e.g. ``$GRAPHX_HOME/users.json``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, User]:
        try:
            raw = json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}
        except ValueError as exc:
            raise ConfigError(f"{self.path}: not valid JSON ({exc})") from exc
        return {name: User(**fields) for name, fields in raw.items()}

    def _save(self, users: dict[str, User]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump({name: asdict(u) for name, u in sorted(users.items())}, f, indent=2)
        tmp.replace(self.path)

    def add(self, name: str, role: str, password: str, person_id: str | None = None) -> User:
        """Add or replace a user; the password is stored only as a salted argon2 hash."""
        if role not in ROLES:
            raise ConfigError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        if not name.strip() or len(password) < 8:
            raise ConfigError("a user needs a name and a password of at least 8 characters")
        users = self._load()
        user = User(name=name, role=role, password_hash=_hasher.hash(password), person_id=person_id)
        users[name] = user
        self._save(users)
        return user

    def remove(self, name: str) -> None:
        users = self._load()
        if users.pop(name, None) is None:
            raise NotFound(f"no user {name!r}")
        self._save(users)

    def get(self, name: str) -> User | None:
        return self._load().get(name)

    def names(self) -> list[str]:
        return sorted(self._load())

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when ``password`` is right, else None (same work either way)."""
        user = self._load().get(name)
        try:
            _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        return user

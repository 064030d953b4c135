from __future__ import annotations

from pathlib import Path

import pytest

from graphx.errors import ConfigError
from graphx.users import UserStore


def test_a_user_signs_in_only_with_the_right_password(tmp_path: Path) -> None:
    store = UserStore(tmp_path / "users.json")
    store.add("diana", "director", "long enough password", person_id="c1")
    user = store.authenticate("diana", "long enough password")
    assert user is not None and (user.role, user.person_id) == ("director", "c1")
    assert store.authenticate("diana", "wrong") is None
    assert store.authenticate("nobody", "long enough password") is None


def test_passwords_are_stored_as_salted_argon2_hashes_in_a_private_file(tmp_path: Path) -> None:
    store = UserStore(tmp_path / "users.json")
    store.add("a", "sales", "same password")
    store.add("b", "sales", "same password")
    text = (tmp_path / "users.json").read_text()
    assert "same password" not in text
    hashes = {store.get(n).password_hash for n in ("a", "b")}  # type: ignore[union-attr]
    assert len(hashes) == 2 and all(h.startswith("$argon2id$") for h in hashes)
    assert (tmp_path / "users.json").stat().st_mode & 0o077 == 0


def test_unknown_roles_and_short_passwords_are_refused(tmp_path: Path) -> None:
    store = UserStore(tmp_path / "users.json")
    with pytest.raises(ConfigError, match="role must be one of director, sales, admin"):
        store.add("x", "root", "long enough password")
    with pytest.raises(ConfigError, match="at least 8"):
        store.add("x", "sales", "short")

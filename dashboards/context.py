"""What callbacks and layouts need from the running app: the database, the user, the date."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from typing import TypeVar

from flask import current_app

from dashboards.auth import current_user
from dashboards.cache import SharedResults
from graphx.db import Database
from graphx.errors import GraphxError
from graphx.users import User, UserStore

T = TypeVar("T")


class Forbidden(GraphxError):
    """The signed-in user's role may not see this."""


def database() -> Database:
    db: Database = current_app.config["GRAPHX_DB"]
    return db


def results() -> SharedResults:
    """The answers every user shares (see :mod:`dashboards.cache`)."""
    kept: SharedResults = current_app.config["GRAPHX_SHARED"]
    return kept


def shared(question: Hashable, compute: Callable[[], T]) -> T:
    """The answer every user shares to ``question`` (see :mod:`dashboards.cache`)."""
    value: T = results().get(database(), question, compute)
    return value


def signed_in() -> User | None:
    """The signed-in user, None while Dash validates layouts before anyone signed in."""
    users: UserStore = current_app.config["GRAPHX_USERS"]
    return current_user(users)


def user() -> User:
    """The signed-in user of a callback (the login guard refuses callbacks without one)."""
    found = signed_in()
    if found is None:
        raise Forbidden("login required")
    return found


def as_of(value: object) -> date:
    """The ``as_of`` query-string value as a date; today when absent or malformed."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else date.today()
    except ValueError:
        return date.today()


def may_see_relationship(viewer: User, a: str | None, b: str | None) -> bool:
    """Directors see every relationship; sales only those they are part of themselves."""
    return viewer.role == "director" or (
        viewer.person_id is not None and viewer.person_id in (a, b)
    )

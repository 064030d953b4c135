"""The dashboard when Neo4j stops: a banner instead of errors, and recovery on its own.

The test runs a Neo4j of its own (a temporary GRAPHX_HOME), stops it under a signed-in
session and starts it again on the same port.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from dashboards.app import DB_BANNER, callback_error, create_app
from graphx.config import load_settings
from graphx.db import Database, connect, ping
from graphx.errors import NotFound
from graphx.local_neo4j import LocalNeo4j
from graphx.users import UserStore
from tests.integration.dash_calls import call, find

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalNeo4j, Database]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(GRAPHX_HOME=str(tmp_path_factory.mktemp("down-home")),
               GRAPHX_NEO4J_HEAP="512m", GRAPHX_NEO4J_PAGECACHE="64m")  # fmt: skip
    settings = load_settings(env)
    server = LocalNeo4j(settings)
    try:
        server.start()
    except Exception as exc:
        pytest.fail(f"the test's own Neo4j could not start: {exc}")
    try:
        with connect(settings) as db:
            yield server, db
    finally:
        server.stop()


def _health(client: FlaskClient) -> bool:
    response = call(client, find(client, "db-banner.hidden"), {"db-health.n_intervals": 1})
    assert response.status_code == 200
    hidden: bool = response.get_json()["response"]["db-banner"]["hidden"]
    return hidden


def test_the_banner_shows_while_neo4j_is_down_and_goes_when_it_returns(
    own_server: tuple[LocalNeo4j, Database], tmp_path: Path
) -> None:
    server, db = own_server
    users = UserStore(tmp_path / "users.json")
    users.add("diana", "director", PASSWORD)
    app = create_app(db, users, secret_key="test-secret")
    client = app.server.test_client()
    client.post("/login", data={"username": "diana", "password": PASSWORD, "next": "/"})
    assert client.get("/").status_code == 200
    assert _health(client) is True  # hidden: the database answers

    server.stop()
    assert ping(db) is False
    assert _health(client) is False  # the banner shows
    options = find(client, "coverage-organisation.options")
    response = call(client, options, {"coverage-as-of.data": None})
    assert response.status_code == 200  # not a 500
    body: dict[str, Any] = response.get_json()
    assert body["sideUpdate"] == {"db-banner": {"hidden": False}}
    assert "coverage-organisation" not in body.get("response", {})

    server.start()
    deadline = time.monotonic() + 60
    while not _health(client):
        assert time.monotonic() < deadline, "the banner did not go away after Neo4j returned"
        time.sleep(1)
    response = call(client, options, {"coverage-as-of.data": None})
    assert response.status_code == 200
    assert response.get_json()["response"]["coverage-organisation"]["options"] == []


def test_the_banner_says_what_is_happening() -> None:
    assert DB_BANNER == "The database is not answering; retrying…"


def test_a_graphx_error_in_a_callback_leaves_the_outputs_and_any_other_error_propagates() -> None:
    assert callback_error(NotFound("no organisation 'x'")) is None
    with pytest.raises(ZeroDivisionError):
        callback_error(ZeroDivisionError("a bug"))

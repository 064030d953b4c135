"""Access rules checked over HTTP with Flask's test client (no browser needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from dashboards.app import create_app
from graphx.db import Database
from graphx.users import UserStore

PASSWORD = "correct horse battery"


@pytest.fixture
def client(db: Database, tmp_path: Path) -> FlaskClient:
    users = UserStore(tmp_path / "users.json")
    users.add("diana", "director", PASSWORD)
    app = create_app(db, users, secret_key="test-secret")
    return app.server.test_client()


def _sign_in(client: FlaskClient, password: str = PASSWORD) -> int:
    response = client.post("/login", data={"username": "diana", "password": password, "next": "/"})
    return response.status_code


def test_every_route_but_login_refuses_an_anonymous_request(client: FlaskClient) -> None:
    app_routes = {rule.rule for rule in client.application.url_map.iter_rules()}
    for route in sorted(app_routes - {"/login"}):
        path = route.replace("<path:path>", "x").replace("<path:filename>", "x.js")
        path = path.replace("<string:package_name>", "dash").replace(
            "<path:fingerprinted_path>", "x"
        )
        response = client.get(path)
        assert response.status_code in (302, 401), (route, response.status_code)
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/login?next=")


def test_the_callback_endpoint_answers_401_without_a_session(client: FlaskClient) -> None:
    response = client.post("/_dash-update-component", json={"output": "x", "inputs": []})
    assert response.status_code == 401
    assert response.get_json() == {"error": "login required"}


def test_signing_in_opens_the_app_and_signing_out_closes_it(client: FlaskClient) -> None:
    assert _sign_in(client) == 302
    assert client.get("/").status_code == 200
    client.get("/logout")
    assert client.get("/").status_code == 302


def test_login_attempts_are_throttled_after_five_failures(client: FlaskClient) -> None:
    assert [_sign_in(client, "wrong password") for _ in range(5)] == [401] * 5
    assert _sign_in(client) == 429


def test_a_login_never_redirects_to_another_site(client: FlaskClient) -> None:
    response = client.post(
        "/login", data={"username": "diana", "password": PASSWORD, "next": "//evil.example/x"}
    )
    assert response.headers["Location"] == "/"


def test_every_response_carries_the_security_headers(client: FlaskClient) -> None:
    response = client.get("/login")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_session_cookie_is_http_only(client: FlaskClient) -> None:
    _sign_in(client)
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.http_only


def test_debug_mode_is_off_by_default(client: FlaskClient) -> None:
    assert client.application.debug is False

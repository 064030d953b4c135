"""Access rules checked over HTTP with Flask's test client (no browser needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dash
import pytest
import typer
from flask import Flask
from flask.testing import FlaskClient
from typer.testing import CliRunner

from dashboards.app import create_app
from graphx.cli import app as cli
from graphx.db import Database
from graphx.users import UserStore
from tests.integration.dash_calls import call, find, server_callbacks

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


# --- every route, every page, every callback; roles; cookie; debug ----------------------


def _routes(client: FlaskClient) -> list[str]:
    """Every Flask route (placeholders filled) and every Dash page path."""
    fill = {
        "<path:path>": "x", "<path:filename>": "x.js", "<string:package_name>": "dash",
        "<path:fingerprinted_path>": "x",
    }  # fmt: skip
    paths = set()
    for rule in client.application.url_map.iter_rules():
        path = rule.rule
        for placeholder, value in fill.items():
            path = path.replace(placeholder, value)
        paths.add(path)
    paths |= {page["path"] for page in dash.page_registry.values()}
    return sorted(paths)


def test_every_dash_page_and_every_callback_refuses_an_anonymous_request(
    client: FlaskClient,
) -> None:
    pages = sorted(page["path"] for page in dash.page_registry.values())
    assert {"/", "/coverage", "/relationship", "/intro", "/explorer"} <= set(pages)
    for path in pages:
        response = client.get(path + "?organisation=contoso")
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/login?next=")
    _sign_in(client)
    callbacks = list(server_callbacks(client))
    client.get("/logout")
    assert len(callbacks) > 20
    for callback in callbacks:
        response = call(client, callback)
        assert (response.status_code, response.get_json()) == (401, {"error": "login required"})


def test_every_route_answers_with_the_security_headers_signed_in_or_not(
    client: FlaskClient,
) -> None:
    for signed_in in (False, True):
        if signed_in:
            _sign_in(client)
        for path in _routes(client):
            response = client.get(path)
            for header in (
                "Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                "Referrer-Policy",
            ):  # fmt: skip
                assert header in response.headers, (path, signed_in, header)
            assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


@pytest.fixture
def sales_client(db: Database, tmp_path: Path) -> FlaskClient:
    users = UserStore(tmp_path / "users.json")
    users.add("sam", "sales", PASSWORD, person_id="c-sam")
    client = create_app(db, users, secret_key="test-secret").server.test_client()
    client.post("/login", data={"username": "sam", "password": PASSWORD, "next": "/"})
    return client


def test_a_sales_user_posting_another_pair_to_the_relationship_callback_is_refused(
    sales_client: FlaskClient,
) -> None:
    show = find(sales_client, "relationship-content.children")
    response = call(
        sales_client, show, {"relationship-a.value": "c-dewi", "relationship-b.value": "d-cfo"}
    )
    assert response.status_code == 200
    content = response.get_json()["response"]["relationship-content"]["children"]
    assert content["props"]["id"] == "relationship-forbidden"
    assert content["props"]["children"] == (
        "Your role may open only relationships you are part of."
    )


def test_the_session_cookie_is_secure_when_asked_and_not_by_default(
    db: Database, tmp_path: Path
) -> None:
    users = UserStore(tmp_path / "users.json")
    assert create_app(db, users, "k").server.config["SESSION_COOKIE_SECURE"] is False
    secure = create_app(db, users, "k", secure_cookie=True).server
    assert secure.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize(
    ("host", "env", "secure"),
    [
        ("127.0.0.1", None, False),
        ("0.0.0.0", None, True),
        ("0.0.0.0", "false", False),
        ("127.0.0.1", "true", True),
    ],
)
def test_graphx_serve_runs_waitress_without_debug_and_a_secure_cookie_off_loopback(
    host: str, env: str | None, secure: bool, cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: dict[str, Any] = {}

    def fake_serve(app: Flask, **kwargs: Any) -> None:
        served.update(app=app, **kwargs)

    monkeypatch.setattr("waitress.serve", fake_serve)
    if env is None:
        monkeypatch.delenv("GRAPHX_COOKIE_SECURE", raising=False)
    else:
        monkeypatch.setenv("GRAPHX_COOKIE_SECURE", env)
    result = CliRunner().invoke(cli, ["serve", "--host", host, "--port", "8999"])
    assert result.exit_code == 0, result.output
    assert served["host"] == host and served["port"] == 8999
    assert served["app"].debug is False
    assert served["app"].config["SESSION_COOKIE_SECURE"] is secure


def test_debug_is_an_explicit_option_of_graphx_serve_that_defaults_to_off() -> None:
    (debug,) = [
        p for p in typer.main.get_command(cli).commands["serve"].params if p.name == "debug"
    ]
    assert debug.default is False
    assert debug.opts == ["--debug"]

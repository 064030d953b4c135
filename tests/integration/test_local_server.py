"""The local server's lifecycle, in a home of its own (not the suite's shared server)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.config import load_settings
from graphx.errors import LocalServerError
from graphx.local_neo4j import LocalNeo4j

runner = CliRunner()


@pytest.fixture
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key in list(os.environ):
        if key.startswith("NEO4J_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("GRAPHX_HOME", str(tmp_path))
    monkeypatch.setenv("GRAPHX_NEO4J_HEAP", "512m")
    monkeypatch.setenv("GRAPHX_NEO4J_PAGECACHE", "64m")
    return tmp_path


def test_start_status_stop_and_recovery_from_a_killed_server(
    own_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "-a-password-that-looks-like-an-option")
    started = runner.invoke(app, ["db", "start"])
    assert started.exit_code == 0, started.output
    uri = started.output.strip()
    assert uri.startswith("bolt://127.0.0.1:")
    server = LocalNeo4j(load_settings())
    pid = server.status().pid
    try:
        again = runner.invoke(app, ["db", "start"])
        assert again.output.strip() == uri
        assert server.status().pid == pid

        status = runner.invoke(app, ["db", "status"])
        assert status.exit_code == 0
        assert f"pid {pid}" in status.output

        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while server.status().running and time.monotonic() < deadline:
            time.sleep(0.1)
        stale = runner.invoke(app, ["db", "status"])
        assert stale.exit_code == 1
        assert "not running" in stale.output

        restarted = runner.invoke(app, ["db", "start"])
        assert restarted.exit_code == 0, restarted.output
        assert server.status().running
        assert server.status().pid != pid

        with server.running():  # what `graphx demo` holds: one it did not start stays up
            pass
        assert server.status().running
    finally:
        stopped = runner.invoke(app, ["db", "stop"])
    assert stopped.output.strip() == "stopped"
    assert not server.status().running
    assert runner.invoke(app, ["db", "stop"]).output.strip() == "not running"

    with server.running() as uri:  # one it started itself stops with it
        assert server.status().running
        assert uri.startswith("bolt://127.0.0.1:")
    assert not server.status().running


def test_the_password_file_is_private(own_home: Path) -> None:
    server = LocalNeo4j(load_settings())
    assert len(server.password) >= 24
    assert (own_home / "neo4j" / "password").stat().st_mode & 0o077 == 0


def test_without_java_or_maven_start_names_what_to_install(
    own_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRAPHX_CACHE", str(own_home / "empty-cache"))
    monkeypatch.setenv("PATH", str(own_home))
    with pytest.raises(LocalServerError, match=r"install Java 17\+ and Maven.*docker compose up"):
        LocalNeo4j(load_settings()).start()


def test_commands_refuse_to_manage_a_server_when_neo4j_uri_is_set(
    own_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://db.example:7687")
    result = runner.invoke(app, ["db", "start"])
    assert result.exit_code == 2
    assert "NEO4J_URI is set" in result.output

"""Shared fixtures: the test suite's own Neo4j, started once, never a user's server.

The server lives in a temporary GRAPHX_HOME on its own free port. Tests that need it
fail (never skip) when it cannot start, so a missing Java or Maven shows as red.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphx.config import Settings, load_settings
from graphx.db import Database, apply_schema, connect, delete_all
from graphx.local_neo4j import LocalNeo4j


@pytest.fixture(scope="session")
def test_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of the suite's own server: a temporary home, shared jar cache, no NEO4J_URI."""
    home = tmp_path_factory.mktemp("graphx-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["GRAPHX_HOME"] = str(home)
    env.setdefault("GRAPHX_NEO4J_HEAP", "1g")
    env.setdefault("GRAPHX_NEO4J_PAGECACHE", "256m")
    return load_settings(env)


@pytest.fixture(scope="session")
def neo4j_server(test_settings: Settings) -> Iterator[LocalNeo4j]:
    server = LocalNeo4j(test_settings)
    try:
        server.start()
    except Exception as exc:
        pytest.fail(f"the test Neo4j could not start: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _session_db(neo4j_server: LocalNeo4j, test_settings: Settings) -> Iterator[Database]:
    with connect(test_settings) as db:
        apply_schema(db)
        yield db


@pytest.fixture
def db(_session_db: Database) -> Database:
    """The test server's database, emptied before each test (schema kept)."""
    delete_all(_session_db)
    return _session_db


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, test_settings: Settings, db: Database) -> Path:
    """Point the ``graphx`` command at the test server (for CliRunner tests); returns its home."""
    for key in list(os.environ):
        if key.startswith("NEO4J_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("GRAPHX_HOME", str(test_settings.home))
    monkeypatch.setenv("GRAPHX_NEO4J_HEAP", test_settings.neo4j_heap)
    monkeypatch.setenv("GRAPHX_NEO4J_PAGECACHE", test_settings.neo4j_pagecache)
    return test_settings.home

from __future__ import annotations

from pathlib import Path

from graphx.config import load_settings


def test_without_neo4j_uri_graphx_runs_its_own_server_under_graphx_home() -> None:
    settings = load_settings({"GRAPHX_HOME": "/tmp/somewhere"})
    assert settings.uses_local_server
    assert settings.home == Path("/tmp/somewhere")
    assert settings.neo4j_user == "neo4j"
    assert settings.neo4j_database == "neo4j"
    assert settings.users_file == Path("/tmp/somewhere/users.json")


def test_neo4j_uri_and_credentials_come_from_the_environment() -> None:
    settings = load_settings(
        {
            "NEO4J_URI": "neo4j+s://example.databases.neo4j.io",
            "NEO4J_USER": "reader",
            "NEO4J_PASSWORD": "s3cret",
            "NEO4J_DATABASE": "graphx",
        }
    )
    assert not settings.uses_local_server
    assert settings.neo4j_uri == "neo4j+s://example.databases.neo4j.io"
    assert (settings.neo4j_user, settings.neo4j_password) == ("reader", "s3cret")
    assert settings.neo4j_database == "graphx"


def test_empty_variables_count_as_unset() -> None:
    settings = load_settings({"NEO4J_URI": "", "NEO4J_PASSWORD": ""})
    assert settings.neo4j_uri is None
    assert settings.neo4j_password is None

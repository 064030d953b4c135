"""Settings from the environment, read once into one frozen object."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

NEO4J_VERSION = "5.26.30"


@dataclass(frozen=True)
class Settings:
    """Every setting names the environment variable it comes from.

    When ``neo4j_uri`` is None, graphx runs its own local Neo4j under ``home``.
    """

    neo4j_uri: str | None  # NEO4J_URI: use that server, never start one
    neo4j_user: str  # NEO4J_USER (default neo4j)
    neo4j_password: str | None  # NEO4J_PASSWORD (local server: generated, kept under home)
    neo4j_database: str  # NEO4J_DATABASE (default neo4j)
    home: Path  # GRAPHX_HOME: local server data, users file (default: per-user data dir)
    cache: Path  # GRAPHX_CACHE: resolved Neo4j jars (default: per-user cache dir)
    secret_key: str | None  # GRAPHX_SECRET_KEY: signs dashboard sessions
    neo4j_heap: str  # GRAPHX_NEO4J_HEAP: local server heap (default 2g)
    neo4j_pagecache: str  # GRAPHX_NEO4J_PAGECACHE: local server page cache (default 1g)
    cookie_secure: bool | None  # GRAPHX_COOKIE_SECURE: true/false; unset = not on loopback
    depth_config: Path | None  # GRAPHX_DEPTH_CONFIG: the depth model's TOML (unset: defaults)

    @property
    def uses_local_server(self) -> bool:
        return self.neo4j_uri is None

    @property
    def users_file(self) -> Path:
        return self.home / "users.json"


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read the settings from ``environ`` (default: the process environment)."""
    env = os.environ if environ is None else environ
    return Settings(
        neo4j_uri=env.get("NEO4J_URI") or None,
        neo4j_user=env.get("NEO4J_USER") or "neo4j",
        neo4j_password=env.get("NEO4J_PASSWORD") or None,
        neo4j_database=env.get("NEO4J_DATABASE") or "neo4j",
        home=Path(env.get("GRAPHX_HOME") or user_data_dir("graphx")).expanduser(),
        cache=Path(env.get("GRAPHX_CACHE") or user_cache_dir("graphx")).expanduser(),
        secret_key=env.get("GRAPHX_SECRET_KEY") or None,
        neo4j_heap=env.get("GRAPHX_NEO4J_HEAP") or "2g",
        neo4j_pagecache=env.get("GRAPHX_NEO4J_PAGECACHE") or "1g",
        cookie_secure=_flag(env.get("GRAPHX_COOKIE_SECURE")),
        depth_config=Path(env["GRAPHX_DEPTH_CONFIG"]).expanduser()
        if env.get("GRAPHX_DEPTH_CONFIG")
        else None,
    )


def _flag(value: str | None) -> bool | None:
    """``true``/``false`` (also 1/0, yes/no); None when unset or empty."""
    if not value or not value.strip():
        return None
    return value.strip().lower() in ("1", "true", "yes", "on")

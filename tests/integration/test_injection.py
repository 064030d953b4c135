"""Cypher-injection payloads through every text input: no effect beyond "not found".

Each payload goes through the command line (every command that takes a name), the
dashboard (every callback's inputs and every page's query string, signed in) and the
import fields of a canonical folder; the full graph is dumped before and after and must be
identical (or, for the import, contain the payload only as plain property values).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import dash
import pytest
from flask.testing import FlaskClient
from typer.testing import CliRunner

from dashboards.app import create_app
from graphx.cli import app as cli
from graphx.db import Database
from graphx.errors import GraphxError, InputError
from graphx.importers.canonical import import_canonical
from graphx.users import UserStore
from tests.integration.dash_calls import call, server_callbacks

CANONICAL = Path(__file__).parents[1] / "data" / "canonical"
PASSWORD = "correct horse battery"
PAYLOADS = [
    "' OR 1=1 //",
    '" OR ""="',
    "ann' OR '1'='1",
    '"}) MATCH (n) DETACH DELETE n //',
    "'}) MATCH (n) DETACH DELETE n //",
    "x') DETACH DELETE n RETURN ('",
    "\\u0027) MATCH (n) DETACH DELETE n //",
    "\u0027 OR true //",
    "$param",
    "{id: $id}",
    "`backtick`",
    "`) MATCH (n) DETACH DELETE n //",
    "'; CALL dbms.killQueries(['query-1']) //",
    "'; CALL db.clearQueryCaches() //",
    "ann\n MATCH (n) DETACH DELETE n",
    "ann /* */ RETURN 1 //",
    "1 UNION MATCH (n) RETURN n",
    "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "ann@graphx.example' SET n.opt_out = true //",
    "%27%20OR%201%3D1",
    "\x00",
    "Robert'); DROP TABLE people;--",
]


def dump(db: Database) -> list[str]:
    """Every node and relationship with its labels/type and properties, sorted (the test's own
    Cypher: tests may hold literal queries, the application may not)."""
    nodes, _, _ = db.driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", database_=db.database
    )
    rels, _, _ = db.driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS type, properties(r) AS props, "
        "elementId(b) AS b",
        database_=db.database,
    )
    ids = {}
    for record in db.driver.execute_query(
        "MATCH (n) RETURN elementId(n) AS e, n", database_=db.database
    )[0]:
        ids[record["e"]] = json.dumps(
            [sorted(record["n"].labels), dict(record["n"])], sort_keys=True, default=str
        )
    return sorted(
        [json.dumps([r["labels"], r["props"]], sort_keys=True, default=str) for r in nodes]
        + [
            json.dumps(
                [ids[r["a"]], r["type"], r["props"], ids[r["b"]]], sort_keys=True, default=str
            )
            for r in rels
        ]
    )


@pytest.fixture
def seeded(db: Database) -> Database:
    import_canonical(db, CANONICAL)
    return db


# --- command line ------------------------------------------------------------------------


def _commands(payload: str) -> list[list[str]]:
    return [
        ["coverage", payload],
        ["intro", payload, "ann"],
        ["intro", "ann", payload],
        ["explain", payload, "cfo"],
        ["people", "merge", payload, "ann"],
        ["people", "merge", "ann", payload],
        ["ties", "--person", payload],
        ["ties", "--organisation", payload],
        ["gaps", "--organisation", payload],
        ["agenda", payload],
        ["export-person", payload],
        ["forget", payload, "--yes"],
    ]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_on_the_command_line_is_only_ever_not_found(
    payload: str, seeded: Database, cli_env: Path
) -> None:
    before = dump(seeded)
    runner = CliRunner()
    for args in _commands(payload):
        result = runner.invoke(cli, [*args, "--json"] if args[0] == "coverage" else args)
        error = result.exception
        code = error.exit_code if isinstance(error, GraphxError) else result.exit_code
        assert error is None or isinstance(error, (GraphxError, SystemExit)), (args, error)
        if args[0] == "ties" and code == 0:  # a filter that matches nothing
            assert "0 ties as of" in result.output, args
        else:
            assert code in (2, 5), (args, code, result.output)  # usage error or not found
    assert dump(seeded) == before


# --- dashboard ---------------------------------------------------------------------------


@pytest.fixture
def signed_in(seeded: Database, tmp_path: Path) -> FlaskClient:
    users = UserStore(tmp_path / "users.json")
    users.add("diana", "director", PASSWORD, person_id="ann")
    client = create_app(seeded, users, secret_key="test-secret").server.test_client()
    client.post("/login", data={"username": "diana", "password": PASSWORD, "next": "/"})
    return client


TEXT_PROPERTIES = {"value", "search_value", "date"}
NUMBER_INPUTS = {"occasion-capacity.value", "explorer-min-level.value"}
"""Inputs the browser only ever sends as numbers (not text inputs)."""


def _is_text(dep: dict[str, str]) -> bool:
    """Text a user types or puts in the URL: inputs, searches, dates, the as-of stores."""
    key = f"{dep['id']}.{dep['property']}"
    if dep["property"] == "data":
        return dep["id"].endswith("-as-of")  # the stores that carry the URL's as_of
    return dep["property"] in TEXT_PROPERTIES and key not in NUMBER_INPUTS


QUERY_KEYS = ("organisation", "a", "b", "me", "target", "person", "interest", "as_of", "q")


def _page_values(path: str, payload: str) -> dict[str, Any]:
    search = "?" + urlencode(dict.fromkeys(QUERY_KEYS, payload))
    return {
        "_pages_location.pathname": path, "_pages_location.search": search,
        "url.pathname": path, "url.search": search, "url-state.search": search,
    }  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_in_any_callback_input_or_page_query_string_changes_nothing(
    payload: str, signed_in: FlaskClient, seeded: Database
) -> None:
    before = dump(seeded)
    callbacks = list(server_callbacks(signed_in))
    assert len(callbacks) > 20
    for callback in callbacks:
        values = {
            f"{d['id']}.{d['property']}": payload
            for d in callback["inputs"] + callback["state"]
            if d["property"] in TEXT_PROPERTIES
            and f"{d['id']}.{d['property']}" not in NUMBER_INPUTS
        }
        response = call(signed_in, callback, values)
        assert response.status_code in (200, 204), (callback["output"], response.status_code)
    for page in dash.page_registry.values():
        pages = next(c for c in callbacks if "_pages_content" in c["output"])
        response = call(signed_in, pages, _page_values(page["path"], payload))
        assert response.status_code in (200, 204), (page["path"], response.status_code)
        loaded = signed_in.get(page["path"] + "?" + urlencode(dict.fromkeys(QUERY_KEYS, payload)))
        assert loaded.status_code == 200
    assert dump(seeded) == before


# --- import fields -----------------------------------------------------------------------


def _with_payload(source: Path, target: Path, payload: str) -> None:
    """The canonical folder with the payload appended to every free-text field and id."""
    clean = re.sub(r"[\x00]", "", payload)
    for path in source.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            for key in ("id", "conversation_id", "person_id", "organisation_id"):
                if row.get(key):
                    row[key] = row[key] + clean
            for key in ("name", "subject", "title", "sector"):
                if key in row:
                    row[key] = (row[key] or "") + clean
        with (target / path.name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_in_import_fields_is_stored_as_plain_text_and_nothing_else(
    payload: str, db: Database, tmp_path: Path
) -> None:
    _with_payload(CANONICAL, tmp_path, payload)
    try:
        import_canonical(db, tmp_path)
    except InputError as exc:  # e.g. a line break in an id: a normal validation error
        assert all(":" in problem for problem in exc.problems)
        assert dump(db) == []
        return
    clean = re.sub(r"[\x00]", "", payload)
    (record,), _, _ = db.driver.execute_query(
        "MATCH (p:Person) WITH count(p) AS people MATCH (c:Conversation) "
        "RETURN people, count(c) AS conversations, "
        "size([x IN collect(c.subject) WHERE x ENDS WITH $p]) AS marked",
        p=clean,
        database_=db.database,
    )
    assert (record["people"], record["conversations"], record["marked"]) == (6, 3, 3)
    (home,), _, _ = db.driver.execute_query(
        "MATCH (o:Organisation {id: $id}) RETURN o.name AS name",
        id="home" + clean,
        database_=db.database,
    )
    assert home["name"] == "Graphx Consulting" + clean

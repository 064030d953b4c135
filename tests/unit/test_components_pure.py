"""The dashboard's components are pure and its navigation comes from the page registry.

Components (dashboards/components/) build layout from the data they are given: none imports
the database, the driver or a module that reaches them (the app's context, the pickers, the
shared answers), names ``Database``, or imports a library function that takes one. No module
of the dashboard runs a named query itself: pages ask the library. The header's links are
those the pages register with ``nav=`` and ``order=``, Sources (``admin_only=True``) hidden
until an administrator signs in.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path
from typing import Any, cast

import pytest

from dashboards.app import create_app, header, nav_links
from graphx.db import Database
from graphx.queries import all_queries
from graphx.users import UserStore

ROOT = Path(__file__).parents[2]
COMPONENTS = sorted((ROOT / "dashboards" / "components").glob("*.py"))
DASHBOARDS = sorted((ROOT / "dashboards").rglob("*.py"))
FORBIDDEN = (
    *("graphx.db", "neo4j", "flask", "dashboards.context", "dashboards.answers"),
    *("dashboards.pickers", "dashboards.cache", "dashboards.auth"),
)
"""Modules a component may not import: the database, or what reaches it or the session."""
RUNS_QUERIES = {"read", "write", "stream", "run_in_autocommit", "execute_query"}
NAV = [
    ("Portfolio", "/"),
    ("Coverage", "/coverage"),
    ("Explorer", "/explorer"),
    ("Introductions", "/intro"),
    ("Requests", "/requests"),
    ("Relationship", "/relationship"),
    ("Gaps", "/gaps"),
    ("Occasions", "/occasion"),
    ("My network", "/me"),
    ("Sources", "/sources"),
]
"""The header's links, in order, as they were when the list was written by hand."""


def _imports(tree: ast.AST) -> list[tuple[str, list[str]]]:
    """(module, names imported from it) for every import of a module's AST."""
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


def _takes_database(thing: object) -> bool:
    """Whether a function (or a class's constructor) has a parameter annotated Database."""
    try:
        parameters = inspect.signature(cast(Any, thing)).parameters.values()
    except (TypeError, ValueError):
        return False
    return any("Database" in str(p.annotation) for p in parameters)


@pytest.mark.parametrize("path", COMPONENTS, ids=lambda p: p.name)
def test_a_component_neither_imports_nor_names_the_database(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for module, names in _imports(tree):
        assert not module.startswith(FORBIDDEN), f"{path.name} imports {module}"
        for name in names if module == "dashboards" else []:
            assert f"dashboards.{name}" not in FORBIDDEN, f"{path.name} imports dashboards.{name}"
        if module.startswith("graphx"):
            imported = importlib.import_module(module)
            for name in names:
                assert not _takes_database(getattr(imported, name)), (
                    f"{path.name} imports {module}.{name}, which reads the database"
                )
    named: set[object] = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    named |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    named |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
    assert "Database" not in named, f"{path.name} names Database"
    assert "database" not in named, f"{path.name} asks the app for its database"


def test_no_dashboard_module_runs_a_named_query() -> None:
    queries = set(all_queries())
    for path in DASHBOARDS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert node.value not in queries, f"{path}:{node.lineno} names a query"
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in RUNS_QUERIES
            ):
                receiver = ast.unparse(node.func.value)
                assert "db" not in receiver and "database" not in receiver, (
                    f"{path}:{node.lineno} runs a query: {ast.unparse(node)}"
                )


@pytest.fixture(scope="module")
def app_created(tmp_path_factory: pytest.TempPathFactory) -> None:
    """An app over no database (creating one registers the pages and queries nothing)."""
    users = UserStore(tmp_path_factory.mktemp("users") / "users.json")
    create_app(cast(Database, None), users, secret_key="test-secret")


@pytest.mark.usefixtures("app_created")
def test_the_navigation_lists_the_registered_pages_in_their_order() -> None:
    links = nav_links()
    assert [(link.label, link.href) for link in links] == NAV
    assert [link.label for link in links if link.admin_only] == ["Sources"]
    assert [link.id for link in links if link.id] == ["nav-sources"]


@pytest.mark.usefixtures("app_created")
def test_the_header_draws_each_link_and_hides_the_administrators_one() -> None:
    nav = header().children[1]
    drawn = [
        (link.children, link.href, getattr(link, "id", None), getattr(link, "style", None))
        for link in nav.children
    ]
    assert nav.className == "gx-nav"
    assert {link.className for link in nav.children} == {"gx-nav-link"}
    assert drawn == [(label, href, None, None) for label, href in NAV[:-1]] + [
        ("Sources", "/sources", "nav-sources", {"display": "none"})
    ]


def test_pages_without_a_nav_label_get_no_link_and_order_sorts() -> None:
    registry: dict[str, dict[str, Any]] = {
        "pages.b": {"module": "pages.b", "path": "/b", "order": 2, "nav": "B"},
        "pages.missing": {"module": "pages.missing", "path": "/404", "order": None},
        "pages.a": {"module": "pages.a", "path": "/a", "order": 1, "nav": "A"},
        "pages.admin_page": {
            "module": "pages.admin_page", "path": "/x", "order": 0, "nav": "X", "admin_only": True,
        },
    }  # fmt: skip
    links = nav_links(registry)
    assert [(link.label, link.href, link.id) for link in links] == [
        ("X", "/x", "nav-admin-page"),
        ("A", "/a", None),
        ("B", "/b", None),
    ]

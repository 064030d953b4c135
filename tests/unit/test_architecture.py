"""The layers of docs/architecture.md hold: only the repository runs and names queries (each
module those of its own ``cypher/`` folder), and no module imports a layer above its own."""

from __future__ import annotations

import ast
from pathlib import Path

from graphx.queries import all_queries

ROOT = Path(__file__).parents[2]
LAYERS = ("foundation", "plumbing", "repository", "analytics", "interface")
FOUNDATION = {"model", "errors", "config", "hosts", "palette", "periodic"}
PLUMBING = {"queries", "db", "local_neo4j", "backup"}
QUERY_CALLS = {"read", "write", "stream", "run", "run_in_autocommit"}


def layer(module: str) -> str:
    """The layer of a dotted module name of graphx or dashboards."""
    parts = module.split(".")
    if parts[0] == "dashboards" or parts[1:2] == ["cli"]:
        return "interface"
    if parts[1:2] == ["repository"]:
        return "repository"
    if len(parts) == 1 or (len(parts) == 2 and parts[1] in FOUNDATION):
        return "foundation"
    if len(parts) == 2 and parts[1] in PLUMBING:
        return "plumbing"
    return "analytics"


def modules() -> dict[str, str]:
    """The source of every module of the library and the dashboard, by dotted name."""
    found = {}
    for top in ("graphx", "dashboards"):
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path.read_text(encoding="utf-8")
    return found


def imported(module: str, source: str) -> set[str]:
    """The graphx and dashboards names a module imports (modules, or names in modules)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            anchor = module.split(".")[: -node.level] if node.level else []
            base = ".".join([*anchor, node.module] if node.module else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {n for n in names if n.split(".")[0] in ("graphx", "dashboards")}


def upward_imports(sources: dict[str, str]) -> list[str]:
    """Each import of a module from a higher layer than the importer's."""
    found = []
    for module, source in sources.items():
        for target in sorted(imported(module, source) & set(sources)):
            if LAYERS.index(layer(target)) > LAYERS.index(layer(module)):
                found.append(f"{module} ({layer(module)}) imports {target} ({layer(target)})")
    return found


def misplaced_queries(sources: dict[str, str], queries: set[str]) -> list[str]:
    """Each query run or named where it may not be: a call that runs a named query
    (``db.read("x.y")``, ``tx.run(...)``) or reads in a managed transaction outside the
    repository and plumbing, and a query's name outside ``repository/<its folder>.py``."""
    found = []
    for module, source in sources.items():
        where, own = layer(module), module.split(".")[-1]
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                first = node.args[0] if node.args else None
                named = isinstance(first, ast.Constant) and isinstance(first.value, str)
                runs = node.func.attr == "read_transaction" or (
                    named and node.func.attr in QUERY_CALLS
                )
                if runs and where not in ("repository", "plumbing"):
                    found.append(f"{module}:{node.lineno}: runs a query (.{node.func.attr})")
            elif isinstance(node, ast.Constant) and node.value in queries and "." in node.value:
                folder = str(node.value).split(".")[0]
                if (where, folder) == ("plumbing", "db") or (where, folder) == ("repository", own):
                    continue
                found.append(f"{module}:{node.lineno}: names the query {node.value}")
    return found


def test_only_the_repository_runs_queries_each_module_those_of_its_own_folder() -> None:
    assert misplaced_queries(modules(), set(all_queries())) == []


def test_no_module_imports_a_layer_above_its_own() -> None:
    assert upward_imports(modules()) == []


def test_each_query_folder_belongs_to_one_repository_module() -> None:
    folders = {name.split(".")[0] for name in all_queries() if "." in name}
    repository = {m.split(".")[-1] for m in modules() if layer(m) == "repository"}
    assert sorted(folders - repository - {"db"}) == []


def test_the_checks_find_a_query_out_of_place_and_an_upward_import() -> None:
    sources = {
        "graphx.model": "",
        "graphx.coverage": "from graphx.repository import people\n",
        "graphx.repository.people": (
            "from graphx.coverage import portfolio\n"
            "def named(db):\n    return db.read('people.named') + db.read('ties.assess')\n"
        ),
        "graphx.gaps": "def f(db, tx):\n    db.read_transaction(g)\n    tx.run('x.y', a=1)\n",
        "dashboards.pages.explorer": "from ..components import network\nQ = 'people.named'\n",
        "dashboards.components.network": "from graphx.model import Tie\n",
    }
    queries = {"people.named", "ties.assess"}
    assert misplaced_queries(sources, queries) == [
        "graphx.repository.people:3: names the query ties.assess",
        "graphx.gaps:2: runs a query (.read_transaction)",
        "graphx.gaps:3: runs a query (.run)",
        "dashboards.pages.explorer:2: names the query people.named",
    ]
    assert upward_imports(sources) == [
        "graphx.repository.people (repository) imports graphx.coverage (analytics)"
    ]
    assert imported("dashboards.pages.explorer", sources["dashboards.pages.explorer"]) == {
        "dashboards.components", "dashboards.components.network"
    }  # fmt: skip
    examples = ("graphx", "graphx.db", "graphx.ties.view", "graphx.cli.scoring")
    assert [layer(m) for m in examples] == ["foundation", "plumbing", "analytics", "interface"]

"""No Cypher is ever built from strings: every query comes, whole, from a ``.cypher`` file.

The test walks the AST of graphx/ and dashboards/ and looks at the query argument of every
call that runs Cypher (``execute_query``, ``session.run``, ``tx.run``, ``Database.read`` ...).
That argument must be a query name (a string literal that graphx.queries resolves), a
parameter or loop variable passed down from such a name, or text taken from a loaded query;
an f-string, ``%``, ``.format()``, ``+`` or ``.join`` reaching it, directly or through a
variable, fails the test. Labels and relationship types in the ``.cypher`` files come only
from the fixed lists in graphx/model.py.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from graphx.model import NODE_LABELS, RELATIONSHIP_TYPES
from graphx.queries import all_queries, query_root

ROOT = Path(__file__).parents[2]
SOURCES = sorted([*(ROOT / "graphx").rglob("*.py"), *(ROOT / "dashboards").rglob("*.py")])
QUERY_ARGUMENT = {
    "execute_query": 0, "run": 0, "read": 0, "write": 0,
    "run_in_autocommit": 0, "unwind": 0, "counted": 1, "Query": 0, "read_stream": 0,
}  # fmt: skip
"""Calls that run Cypher, and the position of their query argument."""
BUILDERS = {"format", "join", "replace", "format_map", "__add__", "__mod__"}
CYPHER = re.compile(r"\b(MATCH|MERGE|CREATE|RETURN|UNWIND|DELETE|CALL|SET|DETACH)\b")
QUERY_NAME = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")


def _built(node: ast.AST, assigned: dict[str, list[ast.AST]], seen: set[str]) -> str | None:
    """Why ``node`` is a string built at run time, or None when it is not."""
    if isinstance(node, ast.JoinedStr):
        return "f-string"
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return "string concatenation or %-format"
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in BUILDERS:
            return f".{func.attr}()"
        if isinstance(func, ast.Name) and func.id in ("str", "Query"):
            return next((w for a in node.args if (w := _built(a, assigned, seen))), None)
    if isinstance(node, ast.IfExp):
        return _built(node.body, assigned, seen) or _built(node.orelse, assigned, seen)
    if isinstance(node, ast.Name) and node.id not in seen:
        seen.add(node.id)
        for value in assigned.get(node.id, []):
            if why := _built(value, assigned, seen):
                return f"{why} (through {node.id})"
    return None


def _assignments(function: ast.AST) -> dict[str, list[ast.AST]]:
    found: dict[str, list[ast.AST]] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append(node.value)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
            if node.value is not None:
                found.setdefault(node.target.id, []).append(
                    node if isinstance(node, ast.AugAssign) else node.value
                )
        elif isinstance(node, ast.NamedExpr):
            found.setdefault(node.target.id, []).append(node.value)
    for values in found.values():
        for i, value in enumerate(values):
            if isinstance(value, ast.AugAssign):
                values[i] = ast.BinOp(left=value.target, op=value.op, right=value.value)
    return found


def _name_of(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def violations(source: str, filename: str) -> list[str]:
    """Every place in ``source`` where a built string reaches a query call."""
    tree = ast.parse(source, filename)
    scopes = [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.Lambda))]
    names = set(all_queries())
    found = []
    for scope in scopes:
        assigned = _assignments(scope)
        body = scope.body if isinstance(scope, ast.Module | ast.FunctionDef) else [scope.body]
        for statement in body:
            for node in ast.walk(statement):
                if not isinstance(node, ast.Call) or _name_of(node) not in QUERY_ARGUMENT:
                    continue
                position = QUERY_ARGUMENT[_name_of(node) or ""]
                if len(node.args) <= position:
                    continue
                argument = node.args[position]
                where = f"{filename}:{node.lineno}"
                if why := _built(argument, assigned, set()):
                    found.append(f"{where}: {why} reaches {_name_of(node)}()")
                elif isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    text = argument.value
                    if QUERY_NAME.match(text) and "." in text and text not in names:
                        found.append(f"{where}: {text!r} is not a query under cypher/")
                    elif CYPHER.search(text):
                        found.append(f"{where}: Cypher text in Python; put it in a .cypher file")
    return sorted(set(found))


def test_no_string_built_at_run_time_reaches_a_query_call() -> None:
    found = [
        problem
        for path in SOURCES
        for problem in violations(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == []


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ('db.read(f"people.{kind}")', "f-string reaches read()"),
        ("driver.execute_query('MATCH (n {name: \"' + name + '\"}) RETURN n')", "concatenation"),
        ("session.run('MATCH (n:%s) RETURN n' % label)", "%-format reaches run()"),
        ("tx.run('MATCH (n:{}) RETURN n'.format(label))", ".format() reaches run()"),
        ("q = 'MATCH (n) WHERE n.id = ' + x\nsession.run(q)", "(through q)"),
        ("q = ' '.join(parts)\ndb.write(q)", ".join() (through q)"),
        ("session.run(neo4j.Query(f'MATCH (n:{x}) RETURN n'))", "f-string reaches Query()"),
        ("driver.execute_query('MATCH (n) RETURN n')", "put it in a .cypher file"),
        ("db.read('people.no_such_query')", "is not a query under cypher/"),
    ],
)
def test_the_check_catches_each_way_of_building_a_query(code: str, why: str) -> None:
    source = "def f(db, driver, session, tx, neo4j, kind, name, label, x, parts):\n"
    source += "".join(f"    {line}\n" for line in code.splitlines())
    (problem,) = violations(source, "example.py")
    assert why in problem


def test_named_queries_and_text_loaded_from_cypher_files_pass_the_check() -> None:
    source = (
        "def f(db, driver, name, rows):\n"
        "    db.read('people.search', text='x')\n"
        "    db.write(name, rows=rows)\n"
        "    for statement in load('schema').statements:\n"
        "        driver.execute_query(statement)\n"
        "    query = load('db.ping')\n"
        "    driver.execute_query(query.text)\n"
    )
    assert violations(source, "example.py") == []


def _code(text: str) -> str:
    without_strings = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", text)
    return "\n".join(line.split("//")[0] for line in without_strings.splitlines())


def test_labels_and_relationship_types_come_only_from_the_fixed_lists() -> None:
    labels: set[str] = set()
    types: set[str] = set()
    for path in query_root().rglob("*.cypher"):
        code = _code(path.read_text(encoding="utf-8"))
        for chain in re.findall(r"\(\s*`?\w*`?\s*((?::\s*`?[A-Za-z_]\w*`?\s*)+)", code):
            labels.update(re.findall(r"[A-Za-z_]\w*", chain))
        for chain in re.findall(r"\[\s*\w*\s*:\s*([A-Za-z_|:\s`]+)", code):
            types.update(re.findall(r"[A-Za-z_]\w*", chain))
        labels.update(re.findall(r"\bSET\s+\w+\s*:\s*([A-Za-z_]\w*)", code))
    assert labels and types
    assert sorted(labels - set(NODE_LABELS)) == []
    assert sorted(types - set(RELATIONSHIP_TYPES)) == []

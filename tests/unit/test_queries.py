from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphx.errors import QueryFileError
from graphx.queries import all_queries, load, parse, query_root

SOURCE_DIRS = [Path(__file__).parents[2] / "graphx", Path(__file__).parents[2] / "dashboards"]


def test_every_query_file_parses_and_declares_its_parameters() -> None:
    queries = all_queries()
    assert "schema" in queries
    assert "stats.counts" in queries
    for query in queries.values():
        assert query.text, query.name


def test_a_query_is_named_after_its_path() -> None:
    query = load("stats.counts")
    assert query.path == query_root() / "stats" / "counts.cypher"
    assert query.params == frozenset()
    assert query.doc.startswith("Counts of the graph")


def test_an_undeclared_parameter_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.cypher"
    path.write_text("// A query.\n// params: a\nMATCH (n {x: $a, y: $b}) RETURN n\n")
    with pytest.raises(QueryFileError, match=r"bad\.cypher:2: .*undeclared: \['b'\]"):
        parse(path, "bad")


def test_an_unused_declared_parameter_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.cypher"
    path.write_text("// params: a, c\nMATCH (n {x: $a}) RETURN n\n")
    with pytest.raises(QueryFileError, match=r"unused: \['c'\]"):
        parse(path, "bad")


def test_a_missing_params_line_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.cypher"
    path.write_text("// A query without a params line.\nRETURN 1\n")
    with pytest.raises(QueryFileError, match=r"bad\.cypher:1: no '// params:' line"):
        parse(path, "bad")


def test_dollar_signs_in_strings_and_comments_are_not_parameters(tmp_path: Path) -> None:
    path = tmp_path / "ok.cypher"
    path.write_text("// params: a\nRETURN $a, '$price', \"http://x/$y\" // $z\n")
    assert parse(path, "ok").params == frozenset({"a"})


def test_the_schema_splits_into_one_statement_per_constraint_or_index() -> None:
    statements = load("schema").statements
    assert len(statements) >= 5
    assert all(s.startswith("CREATE ") and "IF NOT EXISTS" in s for s in statements)


def test_every_query_file_is_used_by_the_code() -> None:
    source = "\n".join(path.read_text() for folder in SOURCE_DIRS for path in folder.rglob("*.py"))
    used = set(re.findall(r"[\"']([a-z_]+(?:\.[a-z_]+)+|schema)[\"']", source))
    unused = sorted(set(all_queries()) - used)
    assert unused == []


def test_a_rule_is_written_in_place_with_its_arguments(tmp_path: Path) -> None:
    path = tmp_path / "uses.cypher"
    path.write_text(
        "// params: as_of\nMATCH (x)-[job:WORKS_AT]->() WHERE @employed(job, $as_of) RETURN x\n"
    )
    text = parse(path, "uses").text
    assert "(job.from IS NULL OR job.from <= $as_of)" in text
    assert "job.current = true" in text and "@" not in text and " w." not in text


def test_an_unknown_rule_or_a_wrong_argument_count_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.cypher"
    path.write_text("// params: none\nMATCH (p)\nWHERE @nobody(p)\nRETURN p\n")
    with pytest.raises(QueryFileError, match=r"bad\.cypher:3: no rule @nobody"):
        parse(path, "bad")
    path.write_text("// params: none\nMATCH (p) WHERE @opted_out(p, q) RETURN p\n")
    with pytest.raises(QueryFileError, match=r"bad\.cypher:2: @opted_out takes 1 arguments"):
        parse(path, "bad")


def test_the_employment_and_opt_out_rules_are_written_once() -> None:
    """No query restates a rule: each uses @employed and @opted_out (cypher/rules/). Only the
    queries that set or export people.csv's current job name the ``current`` marker."""
    restated = []
    for path in sorted(query_root().rglob("*.cypher")):
        if path.parent.name == "rules":
            continue
        code = "\n".join(
            line for line in path.read_text().splitlines() if not line.startswith("//")
        )
        if re.search(r"\.opt_out,|until IS NULL OR \w+\.until >|\{current: true\}\]->", code):
            restated.append(path.relative_to(query_root()).as_posix())
    assert restated == [
        "export/people.cypher", "imports/jobs.cypher", "imports/merge_people.cypher"
    ]  # fmt: skip

"""The generated small company imports into Neo4j with exactly the counts of its files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.cli import app

pytestmark = pytest.mark.neo4j
runner = CliRunner()


def test_the_small_company_imports_with_the_counts_of_its_files(
    cli_env: Path, tmp_path: Path
) -> None:
    made = runner.invoke(app, ["generate", "--scale", "small", "--seed", "5", "--out",
                               str(tmp_path), "--json"])  # fmt: skip
    assert made.exit_code == 0, made.output
    counts = json.loads(made.stdout)["counts"]

    imported = runner.invoke(app, ["import", "csv", str(tmp_path), "--json"])
    assert imported.exit_code == 0, imported.output
    stats = runner.invoke(app, ["stats", "--json"])
    assert stats.exit_code == 0, stats.output

    scored = json.loads(imported.stdout)["scoring"]
    assert scored["stored"] == sum(scored["pairs_per_level"].values()) - scored[
        "pairs_per_level"
    ].get("none", 0)
    assert scored["stored"] > 1000
    assert json.loads(stats.stdout) == {
        "organisations": counts["organisations"],
        "people": counts["people"],
        "conversations": counts["conversations"],
        "participations": counts["participants"] - counts["opted_out_participations"],
        "ties": scored["stored"],
    }

"""Neo4j down or unreachable: every command ends with one line saying what to do, exit code 3,
no traceback. Real subprocesses (the installed ``graphx`` entry point), no server needed."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

from graphx.cli import app
from tests.integration.support import GRAPHX

DATA = Path(__file__).parents[1] / "data"

COMMANDS = [
    ["stats"],
    ["stats", "--json"],
    ["schema"],
    ["import", "csv", str(DATA / "canonical")],
    ["import", "mbox", str(DATA / "mail" / "sample.mbox")],
    ["import", "ics", str(DATA / "ics" / "meetings.ics")],
    ["coverage", "contoso"],
    ["coverage", "--all", "--json"],
    ["score"],
    ["intro", "ann", "cfo"],
    ["explain", "ann", "cfo"],
    ["ties"],
    ["gaps"],
    ["people", "merge", "ann", "bob"],
    ["export", "csv", "{tmp}/out"],
    ["export-person", "ann"],
    ["forget", "ann", "--yes"],
    ["db", "reset", "--yes"],
]
OPTIONAL = [
    ["report", "--quarter", "2024Q4", "--out", "{tmp}"],
    ["occasion", "plan", "--interest", "golf"],
]
"""Commands being added; tested once registered."""


def _registered() -> set[str]:
    names = {c.name for c in app.registered_commands}
    return names | {g.name for g in app.registered_groups if g.name}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    return subprocess.run(
        [str(GRAPHX), *argv], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHX_"))}
    return env | {"GRAPHX_HOME": str(tmp_path / "home"), "COLUMNS": "60"} | extra


def _assert_one_line_exit_3(done: subprocess.CompletedProcess[str], hint: str) -> None:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: ")
    assert hint in lines[0]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_command_against_a_closed_port_says_what_to_do_in_one_line(
    args: list[str], tmp_path: Path
) -> None:
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    done = _run(args, _env(tmp_path, NEO4J_URI=uri, NEO4J_PASSWORD="x"), tmp_path)
    _assert_one_line_exit_3(done, f"Neo4j at {uri} does not answer")
    assert "NEO4J_URI" in done.stderr


@pytest.mark.parametrize("args", [["stats"], ["import", "csv", str(DATA / "canonical")],
                                  ["gaps"], ["intro", "ann", "cfo"]], ids=" ".join)  # fmt: skip
def test_a_command_without_a_running_local_server_says_to_start_it(
    args: list[str], tmp_path: Path
) -> None:
    done = _run(args, _env(tmp_path), tmp_path)
    _assert_one_line_exit_3(done, "start it with `graphx db start`")


@pytest.mark.parametrize("args", OPTIONAL, ids=" ".join)
def test_commands_added_later_say_the_same(args: list[str], tmp_path: Path) -> None:
    assert args[0] in _registered(), f"`graphx {args[0]}` is not a command"
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    done = _run(args, _env(tmp_path, NEO4J_URI=uri, NEO4J_PASSWORD="x"), tmp_path)
    _assert_one_line_exit_3(done, f"Neo4j at {uri} does not answer")

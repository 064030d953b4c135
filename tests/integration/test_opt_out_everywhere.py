"""An opted-out person is absent from every view: each command's output is searched for her id,
name and address. Zelda, a client board member who likes golf, first takes part in
conversations (scored), then opts out through a later import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database
from graphx.errors import NotFound
from tests.integration.support import rows

pytestmark = pytest.mark.neo4j
DATA = Path(__file__).parents[1] / "data"
TRACES = ("zq-director", "zelda", "quist")
runner = CliRunner()

PEOPLE_HEADER = "id,name,email,organisation_id,title,level,interests,opt_out\n"
ZELDA = "zq-director,Zelda Quist,zelda.quist@contoso.example,contoso,Chair,board,golf;art,{}\n"


def _folder(root: Path, opt_out: bool) -> Path:
    folder = root / ("opted-out" if opt_out else "zelda")
    folder.mkdir()
    (folder / "organisations.csv").write_text("id,name,kind,domain,sector\n")
    (folder / "people.csv").write_text(PEOPLE_HEADER + ZELDA.format(str(opt_out).lower()))
    (folder / "conversations.csv").write_text(
        "id,date,kind,depth,duration_minutes,subject\n"
        "z1,2025-01-10,meal,personal,120,Dinner\n"
        "z2,2025-02-10,meeting,business,60,Board review\n"
        "z3,2025-03-10,call,personal,30,Catch-up\n"
    )
    (folder / "participants.csv").write_text(
        "conversation_id,person_id,role\n"
        "z1,ann,organizer\nz1,zq-director,attendee\n"
        "z2,bob,organizer\nz2,zq-director,attendee\nz2,cfo,attendee\n"
        "z3,zq-director,organizer\nz3,ann,attendee\n"
    )
    return folder


def _invoke(args: list[str], tmp_path: Path) -> tuple[int, str]:
    done = runner.invoke(app, [a.replace("{tmp}", str(tmp_path)) for a in args])
    return done.exit_code, done.stdout


@pytest.fixture
def graph(cli_env: Path, db: Database, tmp_path: Path) -> Database:
    """The canonical CRM, Zelda's conversations (scored), a full score, and Ann's request
    that Zelda introduce her to the CFO."""
    for folder in (DATA / "canonical", _folder(tmp_path, opt_out=False)):
        assert runner.invoke(app, ["import", "csv", str(folder)]).exit_code == 0
    assert runner.invoke(app, ["score"]).exit_code == 0
    asked = runner.invoke(app, ["intro", "ask", "ann", "cfo", "--via", "zq-director"])
    assert asked.exit_code == 0, asked.output
    return db


@pytest.fixture
def opted_out(graph: Database, tmp_path: Path) -> Database:
    """The same graph after Zelda opted out in a later import."""
    done = runner.invoke(app, ["import", "csv", str(_folder(tmp_path, opt_out=True))])
    assert done.exit_code == 0, done.output
    return graph


VIEWS = [
    ["coverage", "contoso", "--json"],
    ["coverage", "contoso"],
    ["coverage", "--all", "--json"],
    ["gaps", "--json"],
    ["gaps", "--organisation", "contoso", "--json"],
    ["ties", "--json"],
    ["ties", "--as-of", "2025-06-30", "--json"],
    ["ties", "--organisation", "contoso", "--json"],
    ["ties", "--person", "ann", "--json"],
    ["intro", "bob", "cfo", "--json"],
    ["intro", "ann", "cfo", "--max-hops", "3", "--json"],
    ["intro", "requests", "--json"],
    ["alerts", "--since", "2020-01-01", "--json"],
    ["intro", "requests", "--person", "ann", "--json"],
    ["explain", "bob", "cfo", "--json"],
    ["stats", "--json"],
    ["agenda", "ann", "--json"],
    ["agenda", "bob", "--json"],
    ["occasion", "plan", "--interest", "golf", "--json"],
    ["occasion", "plan", "--interest", "art", "--json"],
    ["report", "--quarter", "2025Q1", "--out", "{tmp}/report", "--format", "csv", "--json"],
    ["export", "csv", "{tmp}/export", "--json"],
]
"""Every read view of the CLI."""

NAMING_HER = [
    ["intro", "ann", "zq-director"],
    ["intro", "zelda.quist@contoso.example", "ann"],
    ["intro", "ask", "ann", "cfo", "--via", "zq-director"],
    ["intro", "requests", "--person", "zq-director"],
    ["explain", "ann", "zq-director"],
    ["ties", "--person", "zelda.quist@contoso.example"],
    ["agenda", "zq-director"],
    ["ties", "set", "ann", "zq-director", "--level", "3", "--reason", "x"],
]
"""Commands that name her: she is not found (NotFound, exit 5), as if unknown."""


def _registered(command: str) -> bool:
    names = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    return command in names


def _leaks(text: str) -> list[str]:
    return [t for t in TRACES if t in text.lower()]


def test_before_opting_out_she_does_appear_in_the_views(graph: Database, tmp_path: Path) -> None:
    for args in (["coverage", "contoso", "--json"], ["ties", "--json"], ["intro", "requests"]):
        code, out = _invoke(args, tmp_path)
        assert code == 0
        assert _leaks(out)


def test_opting_out_leaves_only_a_marker_with_her_address(opted_out: Database) -> None:
    assert rows(
        opted_out,
        "MATCH (p:Person {id: 'zq-director'}) "
        "RETURN properties(p), COLLECT { MATCH (p)-[r]-() RETURN type(r) }",
    ) == [({"id": "zq-director", "opt_out": True}, ("HAS_EMAIL",))]
    assert rows(
        opted_out,
        "MATCH (c:Conversation) WHERE c.id STARTS WITH 'z' RETURN c.id, c.participants",
    ) == [("z1", 1), ("z2", 2), ("z3", 1)]


@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
def test_an_opted_out_person_is_absent_from_the_view(
    args: list[str], opted_out: Database, tmp_path: Path
) -> None:
    assert _registered(args[0]), f"`graphx {args[0]}` is not a command"
    code, out = _invoke(args, tmp_path)
    assert code == 0, out
    assert _leaks(out) == []
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.parent.name != "zelda"]
    for path in written:
        if path.parent.name == "opted-out" or path.suffix not in (".csv", ".html", ".json"):
            continue
        text = path.read_text(encoding="utf-8").lower()
        if path.parent.name == "export" and path.name == "people.csv":
            assert "zq-director,,zelda.quist@contoso.example,,,,,true" in text
            continue
        assert _leaks(text) == [], path


@pytest.mark.parametrize("args", NAMING_HER, ids=" ".join)
def test_a_command_naming_an_opted_out_person_does_not_find_her(
    args: list[str], opted_out: Database, tmp_path: Path
) -> None:
    assert _registered(args[0]), f"`graphx {args[0]}` is not a command"
    done = runner.invoke(app, args)
    assert isinstance(done.exception, NotFound), done.output
    assert done.exception.exit_code == 5
    assert _leaks(done.stdout) == []


def test_the_stats_count_none_of_her_participations(opted_out: Database, tmp_path: Path) -> None:
    code, out = _invoke(["stats", "--json"], tmp_path)
    assert code == 0
    assert json.loads(out)["participations"] == 8 + 4

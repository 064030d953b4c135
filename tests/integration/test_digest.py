"""The weekly digest delivered to a real SMTP server on loopback (aiosmtpd), parsed and
checked; sent once per week by send_due_digests; written as .eml files; credentials never in
the clear to another machine."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.agenda import agenda
from graphx.cli import app
from graphx.db import Database
from graphx.digest import Smtp, send_due_digests
from graphx.errors import ConfigError, Refused
from graphx.intro_requests import ask
from graphx.ties.store import score_all
from tests.integration.analytics_graph import tie
from tests.integration.smtp_inbox import parts, smtp_inbox
from tests.integration.test_alerts import company  # noqa: F401  (the fixture)

runner = CliRunner()
DAY = date(2025, 6, 27)
"""A Friday: the week's alerts run from 2025-06-20 (excluded)."""


@pytest.fixture
def mailed(company: Database) -> Database:  # noqa: F811
    """The alerts' company; Ann, Bob and Dan have addresses, Dan knows Ann well and asked her
    on 2025-06-25 to introduce him to Yuri."""
    for pid in ("ann", "bob", "dan"):
        company.driver.execute_query(
            "MATCH (p:Person {id: $id}) CREATE (p)-[:HAS_EMAIL]->(:Email {address: $a})",
            id=pid, a=f"{pid}@us.example",
        )  # fmt: skip
    tie(company, "dan", "ann", 3, 6.0, 5)
    score_all(company)
    ask(company, "dan", "yuri", "ann", "the Beta board seat", date(2025, 6, 25))
    return company


def _by_recipient(messages: list) -> dict[str, tuple[str, str, str]]:  # type: ignore[type-arg]
    out = {}
    for m in messages:
        assert m.get_content_type() == "multipart/alternative"
        assert m["From"] == "graphx@us.example"
        text, html = parts(m)
        out[str(m["To"])] = (str(m["Subject"]), text, html)
    return out


def test_the_digest_reaches_each_colleague_over_smtp(mailed: Database, cli_env: Path) -> None:
    with smtp_inbox() as inbox:
        done = runner.invoke(app, ["digest", "--send", "--smtp", f"127.0.0.1:{inbox.port}",
                                   "--from", "graphx@us.example", "--as-of", DAY.isoformat(),
                                   "--json"])  # fmt: skip
        assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert [(d["person_id"], d["to"], d["week"]) for d in report["digests"]] == [
        ("ann", "ann@us.example", "2025-W26"),
        ("bob", "bob@us.example", "2025-W26"),
        ("dan", "dan@us.example", "2025-W26"),
    ]
    got = _by_recipient(inbox.messages)
    assert sorted(got) == ["ann@us.example", "bob@us.example", "dan@us.example"]
    plan = agenda(mailed, "ann", DAY)
    subject, text, html = got["ann@us.example"]
    assert subject == (
        f"graphx weekly digest 2025-W26: {len(plan.contacts)} to contact, 1 waiting on you,"
        " 0 your open asks, 1 alerts"
    )
    first = plan.contacts[0]
    assert f"* 1. {first.why} {first.reason}\n  {first.hint}\n" in text
    assert (
        "Waiting on you (1)\n------------------\n* r1 Dan Ek asks you to introduce them to Yuri"
        " Baan: requested since 2025-06-25.\n"
    ) in text
    assert (
        "Alerts (1)\n----------\n* 2025-06-21 Beta: Yuri Baan (CEO, Beta): Ann Smit's personal"
        " tie has been silent 67 days, overdue since 2025-06-21 (their role's cadence: 60"
        " days).\n  Ann Smit: get in touch with Yuri Baan this week.\n"
    ) in text
    assert "<h1" in html and "Your week, Ann Smit" in html and 'id="alerts"' in html
    _, dan, _ = got["dan@us.example"]
    assert (
        "* r1 you asked Ann Smit to introduce you to Yuri Baan: requested since 2025-06-25.\n"
    ) in dan
    assert "Piet Kok, who was CFO of Acme, shows up at Nova (prospect) on 2025-06-25" in dan
    _, bob, _ = got["bob@us.example"]
    assert "Bob de Wit is the only one of us who knows Vera Lind" in bob
    assert "Nobody is waiting on you for an introduction." in bob


def test_send_due_digests_sends_each_week_once(mailed: Database) -> None:
    with smtp_inbox() as inbox:
        smtp = Smtp("127.0.0.1", inbox.port, sender="graphx@us.example")
        monday = datetime(2025, 6, 23, 7, tzinfo=UTC)
        sent = send_due_digests(mailed, smtp, monday)
        assert [d.person_id for d in sent] == ["ann", "bob", "dan"]
        assert send_due_digests(mailed, smtp, datetime(2025, 6, 27, 7, tzinfo=UTC)) == []
        next_week = send_due_digests(mailed, smtp, datetime(2025, 6, 30, 7, tzinfo=UTC))
        assert [(d.person_id, d.week) for d in next_week] == [
            ("ann", "2025-W27"), ("bob", "2025-W27"), ("dan", "2025-W27"),
        ]  # fmt: skip
        assert len(inbox.messages) == 6
    weeks = {str(m["Subject"]).split(":")[0] for m in inbox.messages}
    assert weeks == {"graphx weekly digest 2025-W26", "graphx weekly digest 2025-W27"}


def test_the_digest_as_eml_files_for_one_colleague(
    mailed: Database, cli_env: Path, tmp_path: Path
) -> None:
    done = runner.invoke(app, ["digest", "--person", "dan@us.example", "--out", str(tmp_path),
                               "--as-of", DAY.isoformat()])  # fmt: skip
    assert done.exit_code == 0, done.output
    (path,) = tmp_path.iterdir()
    assert path.name == "2025-W26-dan.eml"
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["To"] == "dan@us.example" and message["From"] == "graphx@localhost"
    text, _ = parts(message)  # type: ignore[arg-type]
    assert text.startswith("Your week, Dan Ek\ngraphx weekly digest, 2025-W26, as of 2025-06-27\n")
    assert runner.invoke(app, ["digest", "--as-of", DAY.isoformat()]).exit_code == 2


def test_credentials_never_travel_in_the_clear_to_another_machine() -> None:
    env = {"GRAPHX_SMTP_USER": "graphx", "GRAPHX_SMTP_PASSWORD": "s3cret-pass"}
    remote = Smtp.from_address("mail.example.com:587", env=env)
    assert (remote.user, remote.password) == ("graphx", "s3cret-pass")
    assert "s3cret" not in repr(remote)
    with pytest.raises(Refused, match="use --starttls"):
        remote.check()
    Smtp.from_address("mail.example.com:587", starttls=True, env=env).check()
    Smtp.from_address("127.0.0.1:2525", env=env).check()
    Smtp.from_address("mail.example.com:25", env={}).check()  # nothing secret to send
    with pytest.raises(ConfigError):
        Smtp.from_address("mail.example.com:587", env={"GRAPHX_SMTP_USER": "graphx"})
    with pytest.raises(ConfigError):
        Smtp.from_address("mail.example.com", env={})

"""``graphx sync`` of IMAP mailboxes against the session's real Dovecot."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database, delete_all
from graphx.importers.canonical import import_canonical
from graphx.importers.mail import import_eml, import_mbox
from graphx.repository.stats import graph_stats
from graphx.sources.registry import add_source, all_sources, remove_source
from graphx.sources.spec import SourceSpec, make_spec
from graphx.sources.sync import sync
from graphx.sources.watch import SyncLoop
from tests.integration.support import GRAPHX, canonical_dump, ties
from tests.live.mail_data import DATA, ENRON, MBOX, enron_messages, mbox_messages, message
from tests.live.servers import Dovecot, MailUser

pytestmark = pytest.mark.neo4j
runner = CliRunner()


def imap_source(
    db: Database,
    user: MailUser,
    monkeypatch: pytest.MonkeyPatch,
    *,
    name: str = "mail",
    folders: tuple[str, ...] = ("INBOX",),
    tls: bool = True,
) -> SourceSpec:
    """``user``'s mailbox as a source: IMAPS verified with the test CA (or plain, loopback)."""
    variable = f"GRAPHX_TEST_{name.upper()}_PASSWORD"
    monkeypatch.setenv(variable, user.password)
    server = user.server
    port = server.imaps_port if tls else server.imap_port
    spec = make_spec(
        name, "imap", f"{'imaps' if tls else 'imap'}://{server.host}:{port}", user=user.name,
        password_env=variable, folders=folders, insecure=not tls, ca_file=server.ca_file,
    )  # fmt: skip
    return add_source(db, spec)


def conversation_ids(db: Database) -> list[str]:
    records, _, _ = db.driver.execute_query("MATCH (c:Conversation) RETURN c.id AS id")
    return sorted(r["id"] for r in records)


def fetch_commands(dovecot: Dovecot, user: MailUser) -> list[str]:
    """The FETCH commands the user's sessions sent (from Dovecot's protocol log)."""
    return [line for line in dovecot.protocol_log(user).splitlines() if " FETCH " in line.upper()]


def test_a_first_sync_equals_the_file_import_of_the_same_messages(
    db: Database, mail_user: MailUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_canonical(db, DATA / "canonical")
    mail_user.append_many("INBOX", enron_messages())
    mail_user.append_many("Sent", mbox_messages())
    imap_source(db, mail_user, monkeypatch, folders=("INBOX", "Sent"))
    (result,) = sync(db)
    assert result.error is None
    assert result.fetched == 801 + 6
    synced = canonical_dump(db), graph_stats(db), ties(db)
    delete_all(db)
    import_canonical(db, DATA / "canonical")
    imported = import_eml(db, ENRON)
    imported_mbox = import_mbox(db, [MBOX])
    from graphx.ties.store import score_all

    score_all(db)
    synced_dump, synced_stats, synced_ties = synced
    file_dump = canonical_dump(db)
    file_dump["labels"] = synced_dump["labels"]  # the sources' own nodes aside
    file_dump["types"] = synced_dump["types"]
    assert synced_dump == file_dump
    assert synced_stats == graph_stats(db)
    assert synced_ties == ties(db)
    assert result.skipped == imported.skipped + imported_mbox.skipped
    assert result.created == synced_stats["conversations"] - 3  # the canonical folder's three


def test_only_new_messages_are_fetched_and_nothing_is_marked_read(
    db: Database, dovecot: Dovecot, mail_user: MailUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    mail_user.append_many("INBOX", [message(n) for n in range(1, 6)])
    imap_source(db, mail_user, monkeypatch)
    (first,) = sync(db)
    assert (first.fetched, first.created) == (5, 5)
    assert len(fetch_commands(dovecot, mail_user)) == 1
    uids = [mail_user.append("INBOX", message(n)) for n in (6, 7)]
    (second,) = sync(db)
    assert (second.fetched, second.created, second.updated) == (2, 2, 0)
    fetches = fetch_commands(dovecot, mail_user)
    assert len(fetches) == 2
    assert f"UID FETCH {uids[0]}:{uids[1]} " in fetches[-1] or (
        f"UID FETCH {uids[0]},{uids[1]} " in fetches[-1]
    )
    (third,) = sync(db)
    assert (third.fetched, third.created) == (0, 0)
    assert len(fetch_commands(dovecot, mail_user)) == 2
    with mail_user.connect() as client:
        client.select_folder("INBOX", readonly=True)
        assert client.search(["UNSEEN"]) == client.search(["ALL"])  # nothing marked read
    assert conversation_ids(db) == [f"<m{n}@ourco.com>" for n in range(1, 8)]


def test_a_new_uidvalidity_reads_the_folder_again_without_duplicates(
    db: Database, mail_user: MailUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    mail_user.append_many("INBOX", [message(n) for n in range(1, 4)])
    imap_source(db, mail_user, monkeypatch)
    sync(db)
    before = canonical_dump(db), ties(db)
    mail_user.reset_uidvalidity("INBOX")
    (again,) = sync(db)
    assert (again.fetched, again.created, again.updated) == (3, 0, 0)
    assert (canonical_dump(db), ties(db)) == before
    (state,) = all_sources(db)
    assert state.items_seen == 6


def test_bodies_never_leave_the_server(
    db: Database, dovecot: Dovecot, mail_user: MailUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = "ZEBRA-7731-BODY-TOKEN"
    mail_user.append("INBOX", message(1, body=f"Confidential: {token}\r\n" * 50))
    imap_source(db, mail_user, monkeypatch)
    (result,) = sync(db)
    assert result.created == 1
    records, _, _ = db.driver.execute_query(
        "MATCH (n) UNWIND keys(n) AS k WITH n[k] AS v "
        "UNWIND CASE WHEN v IS :: LIST<ANY> THEN v ELSE [v] END AS x "
        "WITH x WHERE toStringOrNull(x) CONTAINS $token RETURN count(*) AS n",
        token=token,
    )
    assert records[0]["n"] == 0
    commands = dovecot.protocol_log(mail_user)
    (fetch,) = fetch_commands(dovecot, mail_user)
    assert "BODY.PEEK[HEADER.FIELDS (FROM TO CC DATE SUBJECT MESSAGE-ID" in fetch
    for forbidden in ("BODY[]", "BODY.PEEK[]", "RFC822", "BODY[TEXT]", "BINARY["):
        assert forbidden not in commands.upper()
    assert token.encode() not in dovecot.server_output(mail_user)


def test_opted_out_people_and_bulk_mail_follow_the_import_rules(
    db: Database, mail_user: MailUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_canonical(db, DATA / "canonical")
    eve = "eve@contoso.example"  # opted out in the canonical fixture
    records, _, _ = db.driver.execute_query(
        "MATCH (p:Person {opt_out: true})-[:HAS_EMAIL]->(e) RETURN e.address AS a"
    )
    assert eve in [r["a"] for r in records]
    bulk = message(2).replace(b"Subject:", b"List-Id: <news.ourco.com>\r\nSubject:")
    mail_user.append_many("INBOX", [message(1, to=eve), bulk])
    imap_source(db, mail_user, monkeypatch)
    (result,) = sync(db)
    assert result.skipped == {"fewer than two participants": 1, "participant opted out": 1}
    records, _, _ = db.driver.execute_query(
        "MATCH (c:Conversation {source: 'imap'}) RETURN c.id AS id, c.depth AS depth"
    )
    assert [(r["id"], r["depth"]) for r in records] == [("<m2@ourco.com>", "outside")]


def test_sync_json_contract_and_one_failing_source_does_not_stop_the_others(
    cli_env: Path, db: Database, mail_user: MailUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    mail_user.append("INBOX", message(1))
    imap_source(db, mail_user, monkeypatch, name="good")
    bad = mail_user.server.add_user()
    imap_source(db, bad, monkeypatch, name="bad")
    monkeypatch.setenv("GRAPHX_TEST_BAD_PASSWORD", "not-the-password")
    result = runner.invoke(app, ["sync", "--json"])
    assert result.exit_code == 9
    lines = result.stdout
    report = json.loads(lines[: lines.rindex("}") + 1])
    by_name = {s["name"]: s for s in report["sources"]}
    assert sorted(by_name) == ["bad", "good"]
    assert set(by_name["good"]) == {
        "name", "kind", "fetched", "conversations_created", "conversations_updated",
        "conversations_removed", "skipped", "seconds", "error",
    }  # fmt: skip
    good = by_name["good"]
    assert (good["kind"], good["fetched"], good["conversations_created"]) == ("imap", 1, 1)
    assert good["error"] is None
    assert by_name["bad"]["error"] == (
        f"source bad: 127.0.0.1:{bad.server.imaps_port}: the server refused the login of {bad.name}"
    )
    listed = json.loads(runner.invoke(app, ["source", "list", "--json"]).stdout)["sources"]
    assert [(s["name"], s["last_result"], s["items_seen"]) for s in listed] == [
        ("bad", "error", 0), ("good", "ok", 1),
    ]  # fmt: skip
    assert bad.password not in json.dumps(listed) and mail_user.password not in json.dumps(listed)


def _graphx(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(GRAPHX), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_wrong_credentials_and_a_stopped_server_give_one_line_and_distinct_codes(
    cli_env: Path, db: Database, dovecot: Dovecot, mail_user: MailUser
) -> None:
    env = {**os.environ, "MAILPW": "wrong-password"}
    port = dovecot.imaps_port
    added = _graphx(
        env, "source", "add", "box", "--imap", f"imaps://{mail_user.name}@127.0.0.1:{port}",
        "--password-env", "MAILPW", "--ca-file", dovecot.ca_file,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    mail_user.append("INBOX", message(1))
    refused = _graphx(env, "sync")
    assert refused.returncode == 9
    assert refused.stderr.strip().splitlines() == [
        f"error: source box: 127.0.0.1:{port}: the server refused the login of {mail_user.name}"
    ]
    env["MAILPW"] = mail_user.password
    dovecot.stop()
    try:
        down = _graphx(env, "sync")
    finally:
        dovecot.start()
    assert down.returncode == 10
    (line,) = down.stderr.strip().splitlines()
    assert line.startswith(f"error: source box: 127.0.0.1:{port}: cannot connect (")
    recovered = _graphx(env, "sync", "--json")
    assert recovered.returncode == 0, recovered.stderr
    (box,) = json.loads(recovered.stdout)["sources"]
    assert (box["fetched"], box["conversations_created"], box["error"]) == (1, 1, None)


def test_tls_is_verified_and_plain_text_only_to_loopback(
    db: Database, mail_user: MailUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graphx.errors import ConfigError

    server = mail_user.server
    monkeypatch.setenv("MAILPW", mail_user.password)
    untrusted = make_spec(
        "untrusted", "imap", f"imaps://127.0.0.1:{server.imaps_port}", user=mail_user.name,
        password_env="MAILPW",
    )  # fmt: skip
    add_source(db, untrusted)
    (result,) = sync(db)
    assert result.exit_code == 10
    assert "TLS failed (CERTIFICATE_VERIFY_FAILED)" in str(result.error)
    remove_source(db, "untrusted")
    starttls = imap_source(db, mail_user, monkeypatch, tls=False)
    assert starttls.insecure
    mail_user.append("INBOX", message(1))
    assert sync(db)[0].created == 1
    with pytest.raises(ConfigError, match="only allowed to a loopback host"):
        make_spec("far", "imap", "imap://imap.example.com", user="u", password_env="X",
                  insecure=True)  # fmt: skip
    upgrade = make_spec(
        "upgrade", "imap", f"imap://127.0.0.1:{server.imap_port}", user=mail_user.name,
        password_env="MAILPW", ca_file=server.ca_file,
    )  # fmt: skip
    remove_source(db, "mail")
    add_source(db, upgrade)
    mail_user.append("INBOX", message(2))
    (upgraded,) = sync(db)
    assert (upgraded.error, upgraded.fetched, upgraded.created) == (None, 2, 1)


def test_remove_keeps_what_was_imported_unless_purged(
    db: Database, mail_user: MailUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_canonical(db, DATA / "canonical")
    mail_user.append_many("INBOX", [message(n) for n in (1, 2)])
    imap_source(db, mail_user, monkeypatch, name="one")
    sync(db)
    other = mail_user.server.add_user()
    other.append("INBOX", message(2))
    imap_source(db, other, monkeypatch, name="two")
    sync(db, ["two"])
    assert remove_source(db, "one") == 0
    assert "<m1@ourco.com>" in conversation_ids(db)
    imap_source(db, mail_user, monkeypatch, name="one")
    sync(db, ["one"])
    assert remove_source(db, "one", purge=True) == 1  # m2 came through "two" as well
    assert [c for c in conversation_ids(db) if c.startswith("<m")] == ["<m2@ourco.com>"]
    assert [s.spec.name for s in all_sources(db)] == ["two"]
    before = ties(db)
    from graphx.ties.store import score_all

    score_all(db)
    assert ties(db) == before  # the purge re-scored what it removed


def test_new_mail_reaches_the_graph_through_idle_within_a_minute(
    db: Database, mail_user: MailUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    mail_user.append("INBOX", message(1))
    imap_source(db, mail_user, monkeypatch)
    loop = SyncLoop(db, every=3600).start()
    try:
        deadline = time.monotonic() + 30
        while "<m1@ourco.com>" not in conversation_ids(db) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert conversation_ids(db) == ["<m1@ourco.com>"]
        time.sleep(2)  # the watcher is idling by now
        arrived = time.monotonic()
        mail_user.append("INBOX", message(2))
        while len(conversation_ids(db)) < 2 and time.monotonic() < arrived + 60:
            time.sleep(0.2)
        took = time.monotonic() - arrived
    finally:
        loop.stop()
    assert conversation_ids(db) == ["<m1@ourco.com>", "<m2@ourco.com>"]
    assert took < 60  # the next scheduled round was an hour away: IDLE woke the sync


def test_a_source_name_is_taken_once_and_an_unknown_one_is_not_found(
    db: Database, mail_user: MailUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graphx.errors import ConfigError, NotFound

    imap_source(db, mail_user, monkeypatch)
    with pytest.raises(ConfigError, match="source mail exists: remove it first"):
        imap_source(db, mail_user, monkeypatch)
    with pytest.raises(NotFound, match="no source named 'nope'"):
        sync(db, ["nope"])
    assert [s.spec.name for s in all_sources(db)] == ["mail"]

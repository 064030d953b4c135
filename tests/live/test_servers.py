"""The live sources' test servers do what the product's tests rely on: real Dovecot and
Radicale, TLS with the session's CA, fresh users, protocol and request logs, restarts."""

from __future__ import annotations

import os
import pwd
import ssl
import urllib.error
import urllib.request

import imapclient.exceptions
import pytest
from caldav.davclient import DAVClient
from imapclient import IMAPClient

from tests.live.servers import CalUser, Dovecot, MailUser, Radicale


def message(n: int) -> bytes:
    """A small message with the usual headers and a body that names ``n``."""
    return (
        f"From: Person {n} <p{n}@example.com>\r\nTo: Ann <ann@example.com>\r\n"
        f"Subject: message {n}\r\nMessage-ID: <{n}@example.com>\r\n"
        f"Date: Sun, 06 Dec 2026 10:00:00 +0000\r\n\r\nthe body of message {n}\r\n"
    ).encode()


def event(uid: str) -> bytes:
    """A one-hour event ``uid`` as an iCalendar object."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//graphx//tests//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20261201T090000Z\r\nDTSTART:20261207T100000Z\r\n"
        f"DTEND:20261207T110000Z\r\nSUMMARY:meeting {uid}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def test_imaps_verifies_with_the_session_ca_only(dovecot: Dovecot, mail_user: MailUser) -> None:
    with mail_user.connect(tls=True) as client:
        assert client.select_folder("INBOX")[b"EXISTS"] == 0
    with pytest.raises(ssl.SSLCertVerificationError):
        IMAPClient(dovecot.host, port=dovecot.imaps_port, ssl_context=ssl.create_default_context())


def test_starttls_on_the_plain_port(dovecot: Dovecot, mail_user: MailUser) -> None:
    client = IMAPClient(dovecot.host, port=dovecot.imap_port, ssl=False)
    assert b"STARTTLS" in client.capabilities()
    client.starttls(ssl.create_default_context(cafile=dovecot.ca_file))
    client.login(mail_user.name, mail_user.password)
    assert client.logout().startswith(b"Logging out")


def test_wrong_password_is_refused(dovecot: Dovecot, mail_user: MailUser) -> None:
    refused = pytest.raises(imapclient.exceptions.LoginError, match="AUTHENTICATIONFAILED")
    with IMAPClient(dovecot.host, port=dovecot.imap_port, ssl=False) as client, refused:
        client.login(mail_user.name, mail_user.password + "x")


def test_append_gives_increasing_uids_and_select_counts_them(mail_user: MailUser) -> None:
    uids = [mail_user.append("INBOX", message(n)) for n in range(3)]
    archived = mail_user.append("Archive/2026", message(3), flags=[b"\\Seen"])
    assert uids == sorted(set(uids))
    with mail_user.connect() as client:
        assert client.select_folder("INBOX")[b"EXISTS"] == 3
        assert client.search("ALL") == uids
        client.select_folder("Archive/2026")
        assert b"\\Seen" in client.get_flags([archived])[archived]


def test_append_many_and_delete(mail_user: MailUser) -> None:
    uids = mail_user.append_many("Bulk", (message(n) for n in range(1500)))  # two batches
    assert uids == list(range(uids[0], uids[0] + 1500))
    mail_user.delete("Bulk", uids[7])
    with mail_user.connect() as client:
        assert client.select_folder("Bulk")[b"EXISTS"] == 1499
        assert uids[7] not in client.search("ALL")


def test_select_answers_highestmodseq(mail_user: MailUser) -> None:
    """Without ENABLE CONDSTORE too: the fixtures' sessions made the mailboxes track modseqs."""
    mail_user.append("Later", message(1))
    with mail_user.connect() as client:
        assert client.select_folder("INBOX")[b"HIGHESTMODSEQ"] >= 1
        first = client.select_folder("Later")[b"HIGHESTMODSEQ"]
    mail_user.append("Later", message(2))
    with mail_user.connect() as client:
        client.enable("CONDSTORE")
        assert client.select_folder("Later")[b"HIGHESTMODSEQ"] > first


def test_reset_uidvalidity_keeps_the_messages(mail_user: MailUser) -> None:
    uids = [mail_user.append("INBOX", message(n)) for n in range(2)]
    before = mail_user.uidvalidity("INBOX")
    after = mail_user.reset_uidvalidity("INBOX")
    assert after != before
    assert mail_user.uidvalidity("INBOX") == after
    with mail_user.connect() as client:
        assert client.select_folder("INBOX")[b"UIDVALIDITY"] == after
        fetched = client.fetch(uids, ["BODY.PEEK[]"])
    assert [fetched[uid][b"BODY[]"] for uid in uids] == [message(0), message(1)]


def test_protocol_log_records_the_clients_commands(dovecot: Dovecot, mail_user: MailUser) -> None:
    uid = mail_user.append("INBOX", message(1))
    with mail_user.connect() as client:
        client.select_folder("INBOX", readonly=True)
        client.fetch([uid], ["ENVELOPE", "FLAGS"])
    commands = dovecot.protocol_log(mail_user)
    assert f"UID FETCH {uid} (ENVELOPE FLAGS)" in commands
    assert "APPEND" not in commands  # the fixture's own session is left out
    output = dovecot.server_output(mail_user.name)
    assert b"ENVELOPE (" in output
    assert b"the body of message 1" not in output


def test_mail_processes_are_unprivileged(dovecot: Dovecot, mail_user: MailUser) -> None:
    with mail_user.connect(tls=True):  # TLS keeps imap-login running, as the proxy
        running = dovecot.processes()
    uids = {name: {uid for n, uids in running if n == name for uid in uids} for name, _ in running}
    if os.geteuid() == 0:
        assert uids["imap"] == {pwd.getpwnam("nobody").pw_uid}
        assert uids["imap-login"] == {pwd.getpwnam("dovenull").pw_uid}
        assert uids["auth"] == {pwd.getpwnam("dovecot").pw_uid}
    else:
        assert uids["imap"] == uids["imap-login"] == {os.getuid()}


def test_dovecot_stops_and_starts_with_its_data(dovecot: Dovecot, mail_user: MailUser) -> None:
    uid = mail_user.append("INBOX", message(1))
    validity = mail_user.uidvalidity("INBOX")
    dovecot.stop()
    try:
        with pytest.raises(ConnectionRefusedError):
            mail_user.connect()
    finally:
        dovecot.start()
    with mail_user.connect() as client:
        assert client.select_folder("INBOX")[b"UIDVALIDITY"] == validity
        assert client.search("ALL") == [uid]


def test_sync_collection_reports_a_deleted_event(radicale: Radicale, cal_user: CalUser) -> None:
    calendar_url = cal_user.make_calendar("Work")
    first = cal_user.put_event(calendar_url, "one", event("one"))
    second = cal_user.put_event(calendar_url, "two", event("two"))
    client = DAVClient(
        url=cal_user.principal_url,
        username=cal_user.name,
        password=cal_user.password,
        auth_type="basic",
    )
    calendar = client.calendar(url=calendar_url)
    initial = calendar.get_objects_by_sync_token(disable_fallback=True)
    assert initial.sync_token
    assert {str(o.url) for o in initial} == {first, second}
    cal_user.delete_event(calendar_url, "one")
    changes = calendar.get_objects_by_sync_token(initial.sync_token, disable_fallback=True)
    assert {str(url) for url in changes.deleted_urls} == {first}
    assert changes.sync_token != initial.sync_token
    reports = [path for method, path in radicale.requests() if method == "REPORT"]
    assert reports[-2:] == [calendar_url.removeprefix(radicale.url[:-1])] * 2


def test_wrong_calendar_password_gets_401(radicale: Radicale, cal_user: CalUser) -> None:
    auth = (cal_user.name, cal_user.password + "x")
    assert radicale.request("PROPFIND", cal_user.principal_url, auth)[0] == 401


def test_radicale_stops_and_starts_with_its_data(radicale: Radicale, cal_user: CalUser) -> None:
    event_url = cal_user.put_event(cal_user.make_calendar("Home"), "kept", event("kept"))
    radicale.stop()
    try:
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(radicale.url, timeout=5)
    finally:
        radicale.start()
    status, body = radicale.request("GET", event_url, (cal_user.name, cal_user.password))
    assert (status, b"UID:kept" in body) == (200, True)


def test_https_instance_verifies_with_the_session_ca(radicale_tls: Radicale) -> None:
    user = radicale_tls.add_user()
    assert radicale_tls.url.startswith("https://127.0.0.1:")
    calendar_url = user.make_calendar("Secure")
    client = DAVClient(
        url=user.principal_url,
        username=user.name,
        password=user.password,
        ssl_verify_cert=str(radicale_tls.ca_file),
    )
    assert [str(c.url) for c in client.principal().calendars()] == [calendar_url]
    with pytest.raises(urllib.error.URLError, match="CERTIFICATE_VERIFY_FAILED"):
        urllib.request.urlopen(radicale_tls.url, timeout=5)

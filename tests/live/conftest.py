"""The live sources' servers: the session's Dovecot (IMAP) and Radicale (CalDAV), started once
on loopback in temporary folders and stopped at the end; a fresh user for each test.

A server that cannot start fails the tests that need it (never a skip).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.live.servers import (
    CalUser,
    CertificateAuthority,
    Dovecot,
    MailUser,
    Radicale,
    ServerError,
)


@pytest.fixture(scope="session")
def test_ca(tmp_path_factory: pytest.TempPathFactory) -> CertificateAuthority:
    """The session's CA and the servers' certificate for 127.0.0.1 and localhost."""
    try:
        return CertificateAuthority(tmp_path_factory.mktemp("ca"))
    except ServerError as exc:
        pytest.fail(f"the test CA cannot be made: {exc}")


@pytest.fixture(scope="session")
def dovecot(
    tmp_path_factory: pytest.TempPathFactory, test_ca: CertificateAuthority
) -> Iterator[Dovecot]:
    """The session's Dovecot, running."""
    try:
        server = Dovecot(tmp_path_factory.mktemp("dovecot"), test_ca)
    except ServerError as exc:
        pytest.fail(f"the test Dovecot cannot be set up: {exc}")
    try:
        server.start()
    except ServerError as exc:
        server.close()
        pytest.fail(f"the test Dovecot could not start: {exc}")
    yield server
    server.close()


def _radicale(
    tmp_path_factory: pytest.TempPathFactory, ca: CertificateAuthority, *, tls: bool
) -> Iterator[Radicale]:
    server = Radicale(tmp_path_factory.mktemp("radicale"), ca, tls=tls)
    try:
        server.start()
    except ServerError as exc:
        pytest.fail(f"the test Radicale could not start: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def radicale(
    tmp_path_factory: pytest.TempPathFactory, test_ca: CertificateAuthority
) -> Iterator[Radicale]:
    """The session's Radicale over plain HTTP, running."""
    yield from _radicale(tmp_path_factory, test_ca, tls=False)


@pytest.fixture(scope="session")
def radicale_tls(
    tmp_path_factory: pytest.TempPathFactory, test_ca: CertificateAuthority
) -> Iterator[Radicale]:
    """The session's Radicale over HTTPS (the test CA's certificate), started when first used."""
    yield from _radicale(tmp_path_factory, test_ca, tls=True)


@pytest.fixture
def mail_user(dovecot: Dovecot) -> MailUser:
    """A new user of the session's Dovecot, with an empty mailbox."""
    return dovecot.add_user()


@pytest.fixture
def cal_user(radicale: Radicale) -> CalUser:
    """A new user of the session's Radicale, with no calendars."""
    return radicale.add_user()

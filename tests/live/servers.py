"""Real mail and calendar servers for the tests: Dovecot (IMAP) and Radicale (CalDAV).

Each server runs as a child process on free ports of 127.0.0.1, with its configuration, data
and logs in temporary folders, and TLS certificates of a CA made for the test session.
"""

from __future__ import annotations

import base64
import contextlib
import grp
import itertools
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

from imapclient import IMAPClient

HOST = "127.0.0.1"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
APPEND_BATCH = 1000
"""Messages per MULTIAPPEND command of ``MailUser.append_many``."""


class ServerError(Exception):
    """A test server cannot be set up, started or used."""


def free_ports(count: int) -> list[int]:
    """``count`` different TCP ports of 127.0.0.1 that nothing listens on now."""
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for s in sockets:
            s.bind((HOST, 0))
        return [int(s.getsockname()[1]) for s in sockets]


def _listening(port: int) -> bool:
    """Whether a socket listens on 127.0.0.1:``port`` (Linux's /proc/net/tcp: a test connection
    would have the server log a client that went away, and keep Dovecot busy for seconds)."""
    address = f"{int.from_bytes(socket.inet_aton(HOST), sys.byteorder):08X}:{port:04X}"
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1] == address and fields[3] == "0A":  # TCP_LISTEN
            return True
    return False


def _run(args: Sequence[str], what: str, cwd: Path | None = None) -> str:
    """The output of a command; ServerError when it is missing or fails."""
    try:
        done = subprocess.run(
            args, cwd=cwd, capture_output=True, text=True, timeout=60, check=False
        )
    except FileNotFoundError as exc:
        raise ServerError(f"{what}: {args[0]} is not installed") from exc
    if done.returncode != 0:
        raise ServerError(f"{what} failed: {(done.stderr or done.stdout).strip()}")
    return done.stdout


_OPENSSL_CONFIG = """\
[req]
prompt = no
distinguished_name = ca_name

[ca_name]
CN = graphx test CA

[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[server]
subjectAltName = IP:127.0.0.1, DNS:localhost
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


class CertificateAuthority:
    """A CA made for one test session, and a server certificate it signed for 127.0.0.1 and
    localhost (EC P-256, valid two days; made with the ``openssl`` command)."""

    def __init__(self, directory: Path) -> None:
        self.ca_file = directory / "ca.pem"
        self.cert_file = directory / "server.pem"
        self.key_file = directory / "server.key"
        (directory / "openssl.cnf").write_text(_OPENSSL_CONFIG)
        new_key = "req -config openssl.cnf -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
        for command, what in (
            (f"{new_key} -x509 -extensions ca -days 2 -keyout ca.key -out ca.pem", "a CA"),
            (f"{new_key} -subj /CN=localhost -keyout server.key -out server.csr", "a key"),
            (
                "x509 -req -in server.csr -CA ca.pem -CAkey ca.key -days 2 -extfile openssl.cnf"
                f" -extensions server -set_serial {secrets.randbits(63)} -out server.pem",
                "a certificate",
            ),
        ):
            _run(["openssl", *command.split()], f"making {what}", cwd=directory)

    def client_context(self) -> ssl.SSLContext:
        """A client TLS context that trusts this CA (and verifies host names)."""
        return ssl.create_default_context(cafile=self.ca_file)


class _Child:
    """A server run as a child process in a process group of its own, its output appended to
    a file; killed (the whole group) when it does not start or stop in time."""

    def __init__(self, name: str, output: Path) -> None:
        self.name = name
        self.output = output
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, args: Sequence[str], ports: Iterable[int]) -> None:
        """Run ``args``; return once it listens on every port."""
        if self.process is not None:
            raise ServerError(f"{self.name} is already running")
        with self.output.open("ab") as out:
            try:
                self.process = subprocess.Popen(
                    args,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            except OSError as exc:
                raise ServerError(f"{self.name} cannot run: {exc}") from exc
        deadline = time.monotonic() + START_TIMEOUT
        for port in ports:
            while not _listening(port):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise ServerError(f"{self.name} did not start on port {port}:\n{self.tail()}")
                time.sleep(0.05)
        if self.process.poll() is not None:  # another program had taken the port
            self.stop()
            raise ServerError(f"{self.name} exited:\n{self.tail()}")

    def stop(self) -> None:
        """Terminate the server, kill what is left of its process group, and wait for it."""
        process, self.process = self.process, None
        if process is None:
            return
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(STOP_TIMEOUT)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def tail(self) -> str:
        """The end of the server's output."""
        return self.output.read_text(errors="replace")[-3000:]


class Dovecot:
    """A Dovecot IMAP server of the test session: plain IMAP (with STARTTLS) on ``imap_port``,
    IMAPS on ``imaps_port``; a maildir per user, folders separated by ``/`` (``Sent`` and
    ``Trash`` carry their special-use attributes), CONDSTORE, QRESYNC and IDLE; a protocol log
    (rawlog) of each user's own IMAP sessions (not of the fixtures' sessions).

    Configuration, state and the log live in ``workdir``; users' mail, rawlogs and passwords in
    ``users_dir``. As root, the login processes run as ``dovenull``, Dovecot's internal ones
    (auth, anvil, stats) as ``dovecot`` and the mail processes as ``nobody``: ``users_dir`` is
    then a folder of its own in the system temporary folder (theirs to reach, unlike pytest's
    private folders), deleted by ``close()``. Otherwise every process runs as the current user,
    and ``users_dir`` is in ``workdir``.

    Each user has a passwd-file of their own: Dovecot checks a changed passwd-file at most once
    a second, so a user added to a shared one could not log in at once. For the tests' speed,
    mail is not fsynced, a wrong password is refused within 0.5 s and never delays later logins
    (no auth penalty), and a user may hold 100 connections.
    """

    host = HOST

    def __init__(self, workdir: Path, ca: CertificateAuthority) -> None:
        self.workdir = workdir
        self.ca_file = ca.ca_file
        self.config_path = workdir / "dovecot.conf"
        self.log_path = workdir / "dovecot.log"
        self.imap_port, self.imaps_port = free_ports(2)
        binary = shutil.which("dovecot", path=f"{os.environ.get('PATH', '')}:/usr/sbin")
        if binary is None:
            raise ServerError("dovecot is not installed (Debian: apt-get install dovecot-imapd)")
        self._binary = binary
        root = os.geteuid() == 0
        try:
            mail_account = pwd.getpwnam("nobody") if root else pwd.getpwuid(os.getuid())
            login_user = pwd.getpwnam("dovenull") if root else mail_account
            internal_user = pwd.getpwnam("dovecot") if root else mail_account
            internal_group = grp.getgrgid(internal_user.pw_gid).gr_name
        except KeyError as exc:
            raise ServerError(f"a user Dovecot runs as is missing: {exc}") from exc
        self.mail_uid = mail_account.pw_uid
        self._mail_gid = mail_account.pw_gid
        if root:
            self.users_dir = Path(tempfile.mkdtemp(prefix="graphx-dovecot-"))
            self.users_dir.chmod(0o711)
        else:
            self.users_dir = workdir / "users"
            self.users_dir.mkdir()
        self._passwd = self.users_dir / "passwd"
        self._passwd.mkdir(0o711)
        self._rawlog = self.users_dir / "rawlog"
        self._rawlog.mkdir(0o711)
        mail = self.users_dir / "mail"
        mail.mkdir(0o700)
        os.chown(mail, self.mail_uid, self._mail_gid)
        self.config_path.write_text(
            self._config(
                ca,
                login_user.pw_name,
                internal_user.pw_name,
                internal_group,
                mail,
                "" if root else "  chroot =\n",
            )
        )
        self._serial = itertools.count(1)
        self._child = _Child("Dovecot", self.log_path)

    def _config(
        self,
        ca: CertificateAuthority,
        login_user: str,
        internal_user: str,
        internal_group: str,
        mail: Path,
        chroot: str,
    ) -> str:
        uid, gid = self.mail_uid, self._mail_gid
        return f"""\
# The test session's Dovecot (tests/live/servers.py).
instance_name = graphx-test-{self.imap_port}
base_dir = {self.workdir}/run
state_dir = {self.workdir}/state
log_path = {self.log_path}
protocols = imap
listen = {HOST}
ssl = yes
ssl_cert = <{ca.cert_file}
ssl_key = <{ca.key_file}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
auth_verbose = yes
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
first_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:~/Maildir:LAYOUT=fs
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
  }}
  mailbox Trash {{
    special_use = \\Trash
  }}
}}
mail_fsync = never
mail_max_userip_connections = 100
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%n {self._passwd}/%n
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={mail}/%n
}}
service imap-login {{
  inet_listener imap {{
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    port = {self.imaps_port}
    ssl = yes
  }}
{chroot}}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
{chroot}}}
protocol imap {{
  rawlog_dir = {self._rawlog}/%u
}}
"""

    def start(self) -> None:
        """Start the server (``dovecot -F``, a child process); return once both ports listen."""
        self._child.start(
            [self._binary, "-F", "-c", str(self.config_path)], [self.imap_port, self.imaps_port]
        )

    def stop(self) -> None:
        """Stop the server; mail, users and ports stay for the next ``start()``."""
        self._child.stop()

    def close(self) -> None:
        """Stop the server and delete ``users_dir`` when it is outside ``workdir``."""
        self.stop()
        if not self.users_dir.is_relative_to(self.workdir):
            shutil.rmtree(self.users_dir)

    def add_user(self, name: str | None = None) -> MailUser:
        """A new user with a random password and an empty INBOX that tracks modseqs."""
        name = name or f"user{next(self._serial)}"
        if not re.fullmatch(r"[a-z0-9_+-][a-z0-9._+-]*", name) or (self._passwd / name).exists():
            raise ValueError(f"not a new user name (lower case, no @): {name!r}")
        password = secrets.token_urlsafe(12)
        rawlog = self._rawlog / name
        rawlog.mkdir(0o700)
        os.chown(rawlog, self.mail_uid, self._mail_gid)
        (self._passwd / name).write_text(f"{name}:{{PLAIN}}{password}::::::\n")
        user = MailUser(self, name, password)
        with user.fixture_session() as client:
            client.select_folder("INBOX")
        return user

    def doveadm(self, *args: str) -> str:
        """The output of ``doveadm`` with this server's configuration (works while stopped)."""
        return _run(["doveadm", "-c", str(self.config_path), *args], "doveadm")

    def protocol_log(self, user: MailUser | str) -> str:
        """Everything ``user``'s IMAP clients sent, session after session (rawlog ``*.in``
        files, written as the sessions go; each line prefixed with a timestamp)."""
        return b"".join(self._rawlogs(user, "in")).decode(errors="replace")

    def server_output(self, user: MailUser | str) -> bytes:
        """Everything the server sent ``user``'s IMAP clients (rawlog ``*.out`` files)."""
        return b"".join(self._rawlogs(user, "out"))

    def _rawlogs(self, user: MailUser | str, direction: str) -> list[bytes]:
        name = user.name if isinstance(user, MailUser) else user
        return [p.read_bytes() for p in sorted((self._rawlog / name).glob(f"*.{direction}"))]

    def processes(self) -> list[tuple[str, tuple[int, ...]]]:
        """(name, (real, effective, saved, filesystem uid)) of each process the running
        Dovecot master has started (imap-login, imap, auth, ...)."""
        master = self._child.process
        if master is None:
            return []
        found = []
        for status in Path("/proc").glob("[0-9]*/status"):
            with contextlib.suppress(OSError):
                fields = dict(
                    line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
                )
                if int(fields["PPid"]) == master.pid:
                    uids = tuple(int(uid) for uid in fields["Uid"].split())
                    found.append((fields["Name"].strip(), uids))
        return found


def _uids(response: bytes) -> list[int]:
    """The UIDs an APPEND got, from its APPENDUID response code (RFC 4315)."""
    match = re.search(rb"\[APPENDUID \d+ ([\d:,]+)\]", response)
    if match is None:
        raise ServerError(f"no APPENDUID in {response!r}")
    uids: list[int] = []
    for part in match.group(1).split(b","):
        first, _, last = part.partition(b":")
        uids.extend(range(int(first), int(last or first) + 1))
    return uids


@dataclass
class MailUser:
    """A user of the test Dovecot, and the fixtures' ways to fill and change their mailbox.

    The fixtures log in as ``{name}@fixture``: the same user and mailbox (Dovecot looks users
    up by the part before the @), but sessions kept out of the user's protocol log, which
    records only clients that log in as ``name``.
    """

    server: Dovecot
    name: str
    password: str

    def connect(self, *, tls: bool = False) -> IMAPClient:
        """A logged-in client session of the user: plain IMAP, or IMAPS verified with the test
        CA (``tls``). Its commands go to the protocol log, like the product's."""
        return self._login(self.name, tls=tls)

    def fixture_session(self) -> IMAPClient:
        """A logged-in session over plain IMAP that the protocol log leaves out, with CONDSTORE
        enabled (so every mailbox it touches tracks modseqs, and a later SELECT without
        CONDSTORE still answers HIGHESTMODSEQ)."""
        client = self._login(f"{self.name}@fixture", tls=False)
        client.enable("CONDSTORE")
        return client

    def _login(self, login: str, *, tls: bool) -> IMAPClient:
        if tls:
            context = ssl.create_default_context(cafile=self.server.ca_file)
            client = IMAPClient(HOST, port=self.server.imaps_port, ssl_context=context)
        else:
            client = IMAPClient(HOST, port=self.server.imap_port, ssl=False)
        client.login(login, self.password)
        return client

    def append(self, folder: str, message: bytes, flags: Sequence[str | bytes] = ()) -> int:
        """Append ``message`` to ``folder`` (created when missing); returns its UID."""
        with self.fixture_session() as client:
            _ensure_folder(client, folder)
            return _uids(client.append(folder, message, flags))[0]

    def append_many(self, folder: str, messages: Iterable[bytes]) -> list[int]:
        """Append ``messages`` to ``folder`` (created when missing) over one connection,
        ``APPEND_BATCH`` per MULTIAPPEND command (RFC 3502); returns their UIDs.

        Measured with 100,000 small (300-byte) messages on two cores: 10,000 a second when idle,
        7,000 with other tests running (10-14 s), then 2-4 s for the first SELECT; 400 MB of
        disk, a 4 KB block per maildir file. Batch size (1,000 or 5,000) makes no difference;
        one APPEND per message runs at about half the rate, and writing maildir files directly was
        no faster (7.7 s for 30,000 against 8.0 s here, under the same load).
        """
        uids: list[int] = []
        with self.fixture_session() as client:
            _ensure_folder(client, folder)
            remaining = iter(messages)
            while batch := list(itertools.islice(remaining, APPEND_BATCH)):
                status, data = client.multiappend(folder, batch)
                if status != "OK":
                    raise ServerError(f"MULTIAPPEND to {folder}: {status} {data!r}")
                uids += _uids(data[-1])
        return uids

    def delete(self, folder: str, uid: int) -> None:
        """Flag message ``uid`` of ``folder`` \\Deleted and expunge it (UID EXPUNGE)."""
        with self.fixture_session() as client:
            client.select_folder(folder)
            client.delete_messages([uid])
            client.expunge([uid])

    def uidvalidity(self, folder: str) -> int:
        """The UIDVALIDITY of ``folder`` (IMAP STATUS)."""
        with self.fixture_session() as client:
            return int(client.folder_status(folder, [b"UIDVALIDITY"])[b"UIDVALIDITY"])

    def reset_uidvalidity(self, folder: str) -> int:
        """Give ``folder`` a new UIDVALIDITY, keeping its messages and their UIDs (``doveadm
        mailbox update --uid-validity``); returns the new value. Dovecot disconnects a session
        that has the folder selected."""
        new = self.uidvalidity(folder) % 0xFFFFFFFF + 1
        self.server.doveadm(
            "mailbox", "update", "-u", self.name, "--uid-validity", str(new), folder
        )
        return new


def _ensure_folder(client: IMAPClient, folder: str) -> None:
    if not client.folder_exists(folder):
        client.create_folder(folder)


class Radicale:
    """A Radicale CalDAV server of the test session on a free port of 127.0.0.1: plain HTTP,
    or HTTPS with the test CA's certificate (``tls``). Users in an htpasswd file (plain
    passwords, read on every request), each owning only their own collections; no delay after
    a wrong password; requests logged (``[logging] level = debug``) to ``log_path``.
    """

    host = HOST

    def __init__(self, workdir: Path, ca: CertificateAuthority, *, tls: bool = False) -> None:
        [self.port] = free_ports(1)
        self.tls = tls
        self.ca_file = ca.ca_file
        self.url = f"{'https' if tls else 'http'}://{HOST}:{self.port}/"
        self.config_path = workdir / "radicale.conf"
        self.log_path = workdir / "radicale.log"
        self._htpasswd = workdir / "htpasswd"
        self._htpasswd.touch()
        self._context = ca.client_context() if tls else None
        self.config_path.write_text(f"""\
# The test session's Radicale (tests/live/servers.py).
[server]
hosts = {HOST}:{self.port}
ssl = {tls}
certificate = {ca.cert_file}
key = {ca.key_file}

[auth]
type = htpasswd
htpasswd_filename = {self._htpasswd}
htpasswd_encryption = plain
delay = 0

[rights]
type = owner_only

[storage]
filesystem_folder = {workdir / "collections"}

[web]
type = none

[logging]
level = debug
request_content_on_debug = True
""")
        self._users: set[str] = set()
        self._serial = itertools.count(1)
        self._child = _Child("Radicale", self.log_path)

    def start(self) -> None:
        """Start the server (``python -m radicale``); return once its port listens."""
        self._child.start(
            [sys.executable, "-m", "radicale", "--config", str(self.config_path)], [self.port]
        )

    def stop(self) -> None:
        """Stop the server; collections, users and the port stay for the next ``start()``."""
        self._child.stop()

    def add_user(self, name: str | None = None) -> CalUser:
        """A new user with a random password and no calendars yet."""
        name = name or f"user{next(self._serial)}"
        if not re.fullmatch(r"[A-Za-z0-9_+-][A-Za-z0-9._@+-]*", name) or name in self._users:
            raise ValueError(f"not a new user name: {name!r}")
        password = secrets.token_urlsafe(12)
        with self._htpasswd.open("a") as htpasswd:
            htpasswd.write(f"{name}:{password}\n")
        self._users.add(name)
        return CalUser(self, name, password)

    def log_text(self) -> str:
        """The server's log: its startup, and a line per request (then debug details)."""
        return self.log_path.read_text(errors="replace")

    def requests(self) -> list[tuple[str, str]]:
        """(method, path) of every request the server received, oldest first."""
        return re.findall(r"\] (\w+) request for '([^']*)'", self.log_text())

    def request(
        self,
        method: str,
        url: str,
        auth: tuple[str, str],
        body: bytes = b"",
        content_type: str = "",
    ) -> tuple[int, bytes]:
        """Send one request as user ``auth`` (name, password); returns status and body
        (an error status too, not an exception)."""
        headers = {"Authorization": "Basic " + base64.b64encode(":".join(auth).encode()).decode()}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(url, data=body or None, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30, context=self._context) as response:
                return int(response.status), bytes(response.read())
        except urllib.error.HTTPError as error:
            return int(error.code), bytes(error.read())


@dataclass
class CalUser:
    """A user of the test Radicale, and the fixtures' ways to fill and change their calendars."""

    server: Radicale
    name: str
    password: str

    @property
    def principal_url(self) -> str:
        """The user's principal collection (the home of their calendars)."""
        return f"{self.server.url}{quote(self.name)}/"

    def make_calendar(self, name: str) -> str:
        """A new calendar ``name`` (MKCALENDAR); returns its URL."""
        url = f"{self.principal_url}{quote(name, safe='')}/"
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            f"<D:set><D:prop><D:displayname>{escape(name)}</D:displayname></D:prop></D:set>"
            "</C:mkcalendar>"
        ).encode()
        self._expect("MKCALENDAR", url, {201}, body, "application/xml")
        return url

    def put_event(self, calendar_url: str, uid: str, ics: bytes) -> str:
        """Store ``ics`` as ``{uid}.ics`` in the calendar (created or replaced); returns its URL."""
        url = f"{calendar_url}{quote(uid, safe='')}.ics"
        self._expect("PUT", url, {201, 204}, ics, "text/calendar; charset=utf-8")
        return url

    def delete_event(self, calendar_url: str, uid: str) -> None:
        """Delete ``{uid}.ics`` from the calendar."""
        self._expect("DELETE", f"{calendar_url}{quote(uid, safe='')}.ics", {200, 204})

    def _expect(
        self, method: str, url: str, statuses: set[int], body: bytes = b"", content_type: str = ""
    ) -> None:
        auth = (self.name, self.password)
        status, answer = self.server.request(method, url, auth, body, content_type)
        if status not in statuses:
            raise ServerError(f"{method} {url}: {status} {answer[:500]!r}")

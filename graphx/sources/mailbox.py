"""IMAP mailboxes, with imapclient: headers only, new messages only.

Each folder is opened read-only (EXAMINE) and only the header fields graphx reads are fetched
(``BODY.PEEK[HEADER.FIELDS (...)]``): bodies never leave the server and nothing is marked
read. A folder's bookmark is its UIDVALIDITY, the last UID read and, where the server offers
CONDSTORE, its HIGHESTMODSEQ; a changed UIDVALIDITY reads the folder again from the start
(the same Message-IDs, so nothing doubles). Messages become conversations exactly as
``graphx import mbox`` makes them (``graphx.importers.mail.encounter``).
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator, Mapping
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from graphx.errors import ConfigError, SourceAuthError, SourceUnreachable
from graphx.importers.mail import BULK_RECIPIENTS, encounter, parse_headers
from graphx.importers.writer import chunks
from graphx.sources.spec import SourceSpec
from graphx.sources.steps import Cursors, Item, Step

HEADER_FIELDS = "FROM TO CC DATE SUBJECT MESSAGE-ID LIST-ID PRECEDENCE X-FROM"
"""Every header ``graphx.importers.mail.encounter`` reads, and no other."""
FETCH = f"BODY.PEEK[HEADER.FIELDS ({HEADER_FIELDS})]"
FETCH_CHUNK = 1000
"""Messages fetched, and written in one transaction with their bookmark, at a time."""
TIMEOUT = 60.0


def connect(spec: SourceSpec, timeout: float = TIMEOUT) -> IMAPClient:
    """A logged-in client: IMAPS, or STARTTLS on ``imap://`` (plain only when ``insecure``),
    the certificate verified; refused credentials and unreachable servers raise the sources'
    errors, naming the source."""
    context = ssl.create_default_context(cafile=spec.ca_file)
    port = spec.port or (993 if spec.tls else 143)
    where = f"source {spec.name}: {spec.host}:{port}"
    password = spec.password()
    try:
        client = IMAPClient(
            spec.host, port=port, ssl=spec.tls, ssl_context=context, timeout=timeout
        )
        if not spec.tls and not spec.insecure:
            client.starttls(context)
    except ssl.SSLError as exc:
        raise SourceUnreachable(f"{where}: TLS failed ({exc.reason or exc})") from None
    except (OSError, IMAPClientError) as exc:
        raise SourceUnreachable(f"{where}: cannot connect ({_reason(exc)})") from None
    try:
        if spec.auth == "oauth2":
            client.oauth2_login(spec.user, password)
        else:
            client.login(spec.user, password)
    except LoginError:
        _close(client)
        raise SourceAuthError(f"{where}: the server refused the login of {spec.user}") from None
    except (OSError, IMAPClientError) as exc:
        _close(client)
        raise SourceUnreachable(f"{where}: login failed ({_reason(exc)})") from None
    return client


def _reason(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout):
        return "timed out"
    return str(exc) or exc.__class__.__name__


def _close(client: IMAPClient) -> None:
    try:
        client.logout()
    except (OSError, IMAPClientError):
        client.shutdown()


def _header(data: Mapping[bytes, Any]) -> bytes:
    """The fetched header block (servers quote the item's name in different ways)."""
    for key, value in data.items():
        if key.startswith(b"BODY[HEADER"):
            return bytes(value or b"")
    return b""


class MailboxReader:
    """The new messages of a source's folders, as steps of ``FETCH_CHUNK``."""

    def __init__(self, spec: SourceSpec) -> None:
        self.spec = spec
        self.client = connect(spec)
        if self.client.has_capability("CONDSTORE") and self.client.has_capability("ENABLE"):
            self.client.enable("CONDSTORE")  # SELECT then tells HIGHESTMODSEQ

    def close(self) -> None:
        _close(self.client)

    def steps(self, cursors: Cursors, known: Mapping[str, Item]) -> Iterator[Step]:
        """For each folder, the messages with a UID past its bookmark (every message when
        the folder's UIDVALIDITY changed), oldest first; a step only when something changed."""
        for folder in self.spec.folders:
            yield from self._folder(folder, cursors.get(folder))

    def _folder(self, folder: str, saved: dict[str, Any] | None) -> Iterator[Step]:
        try:
            info = self.client.select_folder(folder, readonly=True)
        except IMAPClientError as exc:
            raise ConfigError(f"source {self.spec.name}: folder {folder!r}: {exc}") from None
        validity = int(info[b"UIDVALIDITY"])
        modseq = int(info[b"HIGHESTMODSEQ"]) if b"HIGHESTMODSEQ" in info else None
        same = saved is not None and saved.get("uidvalidity") == validity
        last = int(saved["last_uid"]) if same and saved is not None else 0
        done = {"uidvalidity": validity, "last_uid": last, "modseq": modseq}
        uid_next = info.get(b"UIDNEXT")
        if same and (
            (modseq is not None and saved is not None and saved.get("modseq") == modseq)
            or (uid_next is not None and int(uid_next) <= last + 1)
        ):
            if saved != done:  # only the modseq moved (flags): keep it
                yield Step(cursor=(folder, done))
            return
        uids = sorted(u for u in self.client.search(["UID", f"{last + 1}:*"]) if u > last)
        batches = list(chunks(uids, FETCH_CHUNK)) or [[]]
        for number, chunk in enumerate(batches, start=1):
            fetched = self.client.fetch(chunk, [FETCH]) if chunk else {}
            # the modseq says "read up to here" only once the folder's last message is read
            final = number == len(batches)
            state = {**done, "last_uid": chunk[-1] if chunk else last}
            state["modseq"] = modseq if final else None
            step = Step(fetched=len(fetched), cursor=(folder, state))
            for uid in chunk:
                if uid not in fetched:  # expunged since the search
                    continue
                found = encounter(parse_headers(_header(fetched[uid])), "imap", BULK_RECIPIENTS)
                if isinstance(found, str):
                    step.skipped.append(found)
                else:
                    step.encounters.append(found)
            yield step

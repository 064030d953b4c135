"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for the digest tests."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, cast

from aiosmtpd.controller import Controller


class Inbox:
    """The messages received, parsed, in order."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.port = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        self.messages.append(cast(EmailMessage, message_from_bytes(raw, policy=policy.default)))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def smtp_inbox() -> Iterator[Inbox]:
    """An SMTP server on 127.0.0.1 (a free port: ``inbox.port``), stopped afterwards."""
    inbox = Inbox()
    inbox.port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


def parts(message: EmailMessage) -> tuple[str, str]:
    """The plain-text and HTML parts of a digest."""
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    return (
        str(text.get_content()).replace("\r\n", "\n"),
        str(html.get_content()).replace("\r\n", "\n"),
    )

"""What a live source is: its kind, address, account and where its secret comes from.

A source's password or app token is read from the environment variable it names, when it
syncs; it is never written anywhere. Addresses are TLS by default (``imaps://``, or
``imap://`` upgraded with STARTTLS; ``https://``), certificates verified; plain text only
with ``insecure`` and only to a loopback host.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

from graphx.errors import ConfigError
from graphx.hosts import is_loopback

Kind = Literal["imap", "caldav"]
KINDS: tuple[str, ...] = get_args(Kind)
Auth = Literal["password", "oauth2"]
"""``password``: a password or app password; ``oauth2``: an OAuth 2.0 access token (IMAP
XOAUTH2, CalDAV Bearer), as Gmail and Microsoft 365 require."""
AUTHS: tuple[str, ...] = get_args(Auth)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_SCHEMES = {"imap": ("imaps", "imap"), "caldav": ("https", "http")}
DEFAULT_FOLDERS = ("INBOX",)


@dataclass(frozen=True)
class SourceSpec:
    """A configured source. ``url`` holds no user or password; ``folders`` are the mailbox
    folders (IMAP) or the calendars' names (CalDAV; empty: every calendar of the account)."""

    name: str
    kind: Kind
    url: str
    user: str
    password_env: str
    folders: tuple[str, ...] = ()
    insecure: bool = False
    ca_file: str | None = None
    auth: Auth = "password"

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def port(self) -> int | None:
        return urlsplit(self.url).port

    @property
    def tls(self) -> bool:
        """Whether the scheme is the TLS one (``imaps``/``https``)."""
        return urlsplit(self.url).scheme == _SCHEMES[self.kind][0]

    def password(self) -> str:
        """The secret, from the environment variable the source names."""
        value = os.environ.get(self.password_env)
        if not value:
            raise ConfigError(
                f"source {self.name}: the environment variable {self.password_env} "
                "(its password or app token) is not set"
            )
        return value

    def row(self) -> dict[str, Any]:
        """The properties stored in the graph (never a secret)."""
        return {
            "name": self.name, "kind": self.kind, "url": self.url, "user": self.user,
            "folders": list(self.folders), "password_env": self.password_env,
            "insecure": self.insecure, "ca_file": self.ca_file, "auth": self.auth,
        }  # fmt: skip

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> SourceSpec:
        kind = row["kind"]
        if kind not in KINDS:
            raise ConfigError(f"source {row['name']}: unknown kind {kind!r}")
        return cls(
            name=row["name"], kind=kind, url=row["url"], user=row["user"],
            password_env=row["password_env"], folders=tuple(row.get("folders") or ()),
            insecure=bool(row.get("insecure")), ca_file=row.get("ca_file"),
            auth="oauth2" if row.get("auth") == "oauth2" else "password",
        )  # fmt: skip


def make_spec(
    name: str,
    kind: Kind,
    url: str,
    *,
    user: str | None,
    password_env: str | None,
    folders: tuple[str, ...] = (),
    insecure: bool = False,
    ca_file: str | None = None,
    auth: Auth = "password",
) -> SourceSpec:
    """A checked source: a valid name, the kind's scheme, TLS unless ``insecure`` to loopback,
    an account (``user``, or the user part of an IMAP URL) and a variable for its secret."""
    problems = []
    if not _NAME.fullmatch(name):
        problems.append(f"name {name!r}: letters, digits, '.', '_' or '-', at most 64")
    parts = urlsplit(url)
    secure, plain = _SCHEMES[kind]
    account = user or (parts.username if kind == "imap" else None)
    if parts.scheme not in (secure, plain) or not parts.hostname:
        problems.append(f"{url!r}: not a {secure}:// (or {plain}://) address with a host")
    elif parts.password:
        problems.append(
            "the address must not hold a password: name its variable with --password-env"
        )
    elif parts.scheme == plain and kind == "caldav" and not insecure:
        problems.append(
            f"{plain}:// sends the password in clear: use {secure}://"
            " (or --insecure, to a loopback host only)"
        )
    elif insecure and not is_loopback(parts.hostname):
        problems.append(f"--insecure is only allowed to a loopback host, not {parts.hostname}")
    if not account:
        problems.append("no account: give --user (or USER@ in an IMAP address)")
    if not password_env or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", password_env):
        problems.append("--password-env must name an environment variable, e.g. GRAPHX_MAIL_TOKEN")
    if ca_file is not None and not os.path.isfile(ca_file):
        problems.append(f"--ca-file {ca_file}: not a file")
    if problems:
        raise ConfigError(f"source {name}: " + "; ".join(problems))
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    clean = parts._replace(netloc=netloc).geturl()
    if kind == "imap":
        clean = clean.rstrip("/")
        folders = folders or DEFAULT_FOLDERS
    return SourceSpec(
        name=name, kind=kind, url=clean, user=str(account), password_env=str(password_env),
        folders=tuple(dict.fromkeys(folders)), insecure=insecure,
        ca_file=os.path.abspath(ca_file) if ca_file else None, auth=auth,
    )  # fmt: skip

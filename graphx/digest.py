"""The weekly digest: each colleague's agenda, introduction requests and alerts, by e-mail.

Each colleague with an address gets one message (an HTML and a plain-text part) with: whom to
contact (their agenda, :mod:`graphx.agenda`), their open introduction requests and those
waiting on them (:mod:`graphx.intro_requests`), and the alerts of the past week
(:mod:`graphx.alerts`) on the clients they cover (where they know a director personally or
better, the coverage rule) or that name them. Messages go over SMTP or into ``.eml`` files.

SMTP credentials come only from the environment (``GRAPHX_SMTP_USER``,
``GRAPHX_SMTP_PASSWORD``); they are never sent over a plain connection to a host other than
loopback (use STARTTLS). :func:`send_due_digests` sends each colleague the current ISO week's
digest once, recording who had it in Neo4j, so a scheduler may call it as often as it likes.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from graphx.agenda import agenda
from graphx.alerts import Alert, Alerts, alerts
from graphx.coverage import COVERED_LEVEL
from graphx.db import Database
from graphx.errors import ConfigError, NotFound, Refused
from graphx.hosts import is_loopback
from graphx.intro_requests import IntroRequest, list_requests, mine, waiting_on
from graphx.repository import digest as sent_digests
from graphx.repository.employment import colleagues
from graphx.ties.view import TieView

DEFAULT_SENDER = "graphx@localhost"
ALERT_DAYS = 7
"""A digest reports the alerts of the week before its date."""
USER_ENV, PASSWORD_ENV = "GRAPHX_SMTP_USER", "GRAPHX_SMTP_PASSWORD"
_TEMPLATES = Path(__file__).parent / "templates"


def week_of(day: date) -> str:
    """The ISO week of a day, e.g. ``2025-W27``.

    >>> week_of(date(2025, 6, 30)), week_of(date(2027, 1, 1))
    ('2025-W27', '2026-W53')
    """
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class Smtp:
    """Where and how to send: the server, STARTTLS or not, the sender, the credentials."""

    host: str
    port: int
    starttls: bool = False
    sender: str = DEFAULT_SENDER
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_address(
        cls,
        address: str,
        starttls: bool = False,
        sender: str = DEFAULT_SENDER,
        env: Mapping[str, str] | None = None,
    ) -> Smtp:
        """``HOST:PORT`` with the credentials of the environment (both or neither)."""
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit():
            raise ConfigError(f"--smtp must be HOST:PORT, not {address!r}")
        env = os.environ if env is None else env
        user, password = env.get(USER_ENV) or None, env.get(PASSWORD_ENV) or None
        if (user is None) != (password is None):
            raise ConfigError(f"set both {USER_ENV} and {PASSWORD_ENV}, or neither")
        return cls(host, int(port), starttls, sender, user, password)

    def check(self) -> None:
        """Refuse to send credentials in the clear to another machine."""
        if self.user is not None and not self.starttls and not is_loopback(self.host):
            raise Refused(
                f"refusing to send SMTP credentials over a plain connection to {self.host}:"
                " use --starttls"
            )


@dataclass(frozen=True)
class Item:
    head: str
    body: str
    hint: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    items: tuple[Item, ...]
    empty: str


@dataclass(frozen=True)
class Digest:
    """One colleague's digest as of a day."""

    person_id: str
    name: str
    address: str
    as_of: date
    sections: tuple[Section, ...]

    @property
    def week(self) -> str:
        return week_of(self.as_of)

    @property
    def subject(self) -> str:
        counts = ", ".join(f"{len(s.items)} {s.title.lower()}" for s in self.sections)
        return f"graphx weekly digest {self.week}: {counts}"

    def text(self) -> str:
        lines = [
            f"Your week, {self.name}",
            f"graphx weekly digest, {self.week}, as of {self.as_of}",
        ]
        for s in self.sections:
            lines += ["", f"{s.title} ({len(s.items)})", "-" * (len(s.title) + 4)]
            if not s.items:
                lines.append(s.empty)
            for item in s.items:
                lines.append(f"* {item.head} {item.body}".rstrip())
                if item.hint:
                    lines.append(f"  {item.hint}")
        return "\n".join(lines) + "\n"

    def html(self) -> str:
        env = Environment(
            loader=FileSystemLoader(_TEMPLATES),
            autoescape=select_autoescape(["j2"]),
            undefined=StrictUndefined,
        )
        return env.get_template("digest.html.j2").render(
            subject=self.subject, name=self.name, week=self.week, as_of=self.as_of,
            sections=self.sections,
        )  # fmt: skip

    def message(self, sender: str, now: datetime | None = None) -> EmailMessage:
        msg = EmailMessage()
        msg["Subject"] = self.subject
        msg["From"] = sender
        msg["To"] = self.address
        msg["Date"] = format_datetime(now or datetime.now(UTC))
        msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
        msg.set_content(self.text())
        msg.add_alternative(self.html(), subtype="html")
        return msg

    def to_json(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "to": self.address,
            "week": self.week,
            "subject": self.subject,
            "sections": {s.id: len(s.items) for s in self.sections},
        }


def _request(r: IntroRequest, mine_: bool) -> Item:
    who = (
        f"you asked {r.name(r.via_id)} to introduce you"
        if mine_
        else f"{r.name(r.from_id)} asks you to introduce them"
    )
    stale = f"; stale, {r.days_since_update} days: chase it or drop it" if r.stale else ""
    return Item(r.id, f"{who} to {r.name(r.to_id)}: {r.status} since {r.updated}{stale}.")


def _alert(a: Alert) -> Item:
    return Item(f"{a.date.isoformat()} {a.organisation.name}:", a.text, a.action)


def digests(db: Database, as_of: date, person_id: str | None = None) -> list[Digest]:
    """The digest of each colleague with an address as of ``as_of`` (or of one colleague)."""
    team = colleagues(db, as_of)
    wanted = [person_id] if person_id is not None else sorted(team)
    if person_id is not None and person_id not in team:
        raise NotFound(f"{person_id} is not a colleague as of {as_of.isoformat()}")
    addresses = sent_digests.addresses(db, wanted)
    view = TieView(db, as_of)
    found: Alerts = alerts(db, as_of, as_of - timedelta(days=ALERT_DAYS))
    requests = list_requests(db, as_of)
    out = []
    for pid in wanted:
        if pid not in addresses:
            continue
        plan = agenda(db, pid, as_of, ties=view)
        covered = {e.director.organisation_id for e in plan.ties if e.tie.level >= COVERED_LEVEL}
        theirs = [
            a
            for a in found.alerts
            if a.organisation.id in covered or any(p.id == pid for p in a.people)
        ]
        sections = (
            Section("agenda", "To contact",
                    tuple(Item(f"{c.rank}. {c.why}", c.reason, c.hint) for c in plan.contacts),
                    "Nothing pressing: every tie is in rhythm."),
            Section("waiting", "Waiting on you",
                    tuple(_request(r, False) for r in waiting_on(requests, pid)),
                    "Nobody is waiting on you for an introduction."),
            Section("asks", "Your open asks",
                    tuple(_request(r, True) for r in mine(requests, pid) if r.is_open),
                    "No open introduction request."),
            Section("alerts", "Alerts", tuple(_alert(a) for a in theirs),
                    "Nothing changed this week on the clients you cover."),
        )  # fmt: skip
        out.append(Digest(pid, team[pid].name, addresses[pid], as_of, sections))
    return out


def write_eml(found: list[Digest], folder: Path, sender: str = DEFAULT_SENDER) -> list[Path]:
    """Each digest as ``WEEK-PERSON.eml`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for d in found:
        path = folder / f"{d.week}-{d.person_id.replace('/', '_').replace(':', '_')}.eml"
        path.write_bytes(bytes(d.message(sender)))
        paths.append(path)
    return paths


def send(found: list[Digest], smtp: Smtp, now: datetime | None = None) -> list[Digest]:
    """Send each digest over one SMTP connection; the ones sent."""
    smtp.check()
    if not found:
        return []
    with smtplib.SMTP(smtp.host, smtp.port, timeout=30) as server:
        if smtp.starttls:
            server.starttls(context=ssl.create_default_context())
        if smtp.user is not None and smtp.password is not None:
            server.login(smtp.user, smtp.password)
        for d in found:
            server.send_message(d.message(smtp.sender, now))
    return found


def send_due_digests(db: Database, smtp: Smtp, now: datetime | None = None) -> list[Digest]:
    """Send this ISO week's digest to every colleague who has not had it yet (as of ``now``'s
    day, default the current moment), recording each in Neo4j as it goes: calling it again in
    the same week sends nothing more. Returns the digests sent."""
    moment = now or datetime.now(UTC)
    day = moment.date()
    week = week_of(day)
    smtp.check()
    done = sent_digests.sent_to(db, week)
    due = [d for d in digests(db, day) if d.person_id not in done]
    for d in due:
        send([d], smtp, moment)
        sent_digests.record_sent(db, week, d.person_id, moment)
    return due

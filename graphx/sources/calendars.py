"""CalDAV calendars, with the caldav library: what changed, by sync token or by ETag.

Each calendar of the account (or those named) is one bookmark: its RFC 6578 sync token where
the server offers one. With a token, only the objects changed or deleted since are listed;
without one (a first sync, an expired token, a server without sync-collection) every object
is listed with its ETag and compared with the ETags kept. Changed objects are fetched in
multiget reports and expanded exactly as ``graphx import ics`` expands a file, to the same
horizon (``graphx.importers.calendar``); a recurring object is read again once the horizon
has moved past the one it was expanded to. A deleted object removes its conversations, a
cancelled one too; a moved occurrence keeps its id and is updated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import unquote

from caldav.collection import Calendar
from caldav.davclient import DAVClient
from caldav.lib import error as dav_error
from caldav.lib.url import URL
from niquests.exceptions import ConnectionError as HTTPConnectionError
from niquests.exceptions import SSLError, Timeout

from graphx.errors import ConfigError, InputError, SourceAuthError, SourceUnreachable
from graphx.importers.calendar import default_horizon, expand_calendar, occurrence
from graphx.importers.writer import chunks
from graphx.sources.spec import SourceSpec
from graphx.sources.steps import Cursors, Item, Step

FETCH_CHUNK = 200
"""Calendar objects fetched (one multiget), and written in one transaction, at a time."""
TIMEOUT = 60
_RECURS = re.compile(rb"^(RRULE|RDATE)[:;]", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Wanted:
    """An object to fetch: its URL as the server spelt it, and the ETag it was listed with."""

    url: Any
    etag: str | None


def _key(url: Any) -> str:
    """An object's or calendar's key: its URL, unquoted (servers quote ``@`` differently)."""
    return unquote(str(url))


def connect(spec: SourceSpec) -> DAVClient:
    """A client for the source (HTTPS with the certificate verified unless ``insecure``)."""
    return DAVClient(
        url=spec.url,
        username=spec.user,
        password=spec.password(),
        auth_type="bearer" if spec.auth == "oauth2" else None,
        ssl_verify_cert=spec.ca_file or True,
        timeout=TIMEOUT,
        require_tls=not spec.insecure,
    )


class CalendarReader:
    """The changed objects of a source's calendars, as steps of ``FETCH_CHUNK``.

    ``use_sync_tokens=False`` compares ETags on every sync, as for a server without
    sync-collection.
    """

    def __init__(self, spec: SourceSpec, *, use_sync_tokens: bool = True) -> None:
        self.spec = spec
        self.use_sync_tokens = use_sync_tokens
        self.horizon = default_horizon()
        self.client = connect(spec)
        self.calendars = self._calendars()

    def close(self) -> None:
        self.client.close()

    def _failure(self, exc: Exception) -> Exception:
        where = f"source {self.spec.name}: {self.spec.url}"
        if isinstance(exc, dav_error.AuthorizationError):
            return SourceAuthError(f"{where}: the server refused the login of {self.spec.user}")
        if isinstance(exc, SSLError):
            return SourceUnreachable(f"{where}: TLS failed ({exc})")
        if isinstance(exc, (HTTPConnectionError, Timeout, OSError)):
            return SourceUnreachable(f"{where}: cannot connect ({exc.__class__.__name__})")
        return SourceUnreachable(f"{where}: {exc.__class__.__name__}: {exc}")

    def _calendars(self) -> list[Calendar]:
        try:
            found = list(self.client.principal().calendars())
            names = {cal: cal.get_display_name() or "" for cal in found}
        except (dav_error.DAVError, HTTPConnectionError, Timeout, OSError) as exc:
            raise self._failure(exc) from None
        if not self.spec.folders:
            return found
        missing = [f for f in self.spec.folders if f not in names.values()]
        if missing:
            raise ConfigError(
                f"source {self.spec.name}: no calendar named {', '.join(map(repr, missing))}"
                f" (there are: {', '.join(sorted(map(repr, names.values())))})"
            )
        return [cal for cal in found if names[cal] in self.spec.folders]

    def steps(self, cursors: Cursors, known: Mapping[str, Item]) -> Iterator[Step]:
        """For each calendar, the objects changed or deleted since its bookmark."""
        for calendar in self.calendars:
            key = _key(calendar.url)
            mine = {k: item for k, item in known.items() if k.startswith(key)}
            try:
                yield from self._calendar(calendar, key, cursors.get(key), mine)
            except (dav_error.DAVError, HTTPConnectionError, Timeout, OSError) as exc:
                raise self._failure(exc) from None

    def _calendar(
        self,
        calendar: Calendar,
        key: str,
        saved: dict[str, Any] | None,
        known: Mapping[str, Item],
    ) -> Iterator[Step]:
        changed, gone, token = self._changes(calendar, saved, known)
        for k, item in known.items():
            if item.recurring and _before(item, self.horizon) and k not in changed:
                changed[k] = Wanted(URL.objectify(k), item.etag)
        batches = list(chunks(sorted(changed), FETCH_CHUNK)) or [[]]
        for number, batch in enumerate(batches, start=1):
            step = Step(gone=gone if number == 1 else [])
            if number == len(batches):
                step.cursor = (key, {"token": token})
            if batch:
                fetched: Any = calendar.multiget([changed[k].url for k in batch])
                for obj in fetched:
                    step.fetched += 1
                    self._read(obj, changed.get(_key(obj.url)), step)
            yield step

    def _changes(
        self, calendar: Calendar, saved: dict[str, Any] | None, known: Mapping[str, Item]
    ) -> tuple[dict[str, Wanted], list[str], str | None]:
        """The changed objects by key, the deleted ones, and the token to keep."""
        token = (saved or {}).get("token")
        if token and self.use_sync_tokens:
            try:
                delta: Any = calendar.get_objects_by_sync_token(
                    token, load_objects=False, disable_fallback=True
                )
            except dav_error.DAVError:  # expired or unknown token: list everything
                delta = None
            if delta is not None:
                deleted = {_key(url) for url in delta.deleted_urls}
                changed = {
                    _key(obj.url): Wanted(obj.url, _etag(obj))
                    for obj in delta.objects
                    if _key(obj.url) not in deleted
                }
                return changed, sorted(k for k in deleted if k in known), _real(delta.sync_token)
        listing: Any = calendar.get_objects_by_sync_token(None, load_objects=False)
        deleted = {_key(url) for url in listing.deleted_urls}
        listed = {
            _key(obj.url): Wanted(obj.url, _etag(obj))
            for obj in listing.objects
            if _key(obj.url) not in deleted
        }
        changed = {
            k: w
            for k, w in listed.items()
            if k not in known or w.etag is None or w.etag != known[k].etag
        }
        gone = sorted(k for k in known if k not in listed)
        kept = _real(listing.sync_token) if self.use_sync_tokens else None
        return changed, gone, kept

    def _read(self, obj: Any, wanted: Wanted | None, step: Step) -> None:
        key = _key(obj.url)
        etag = _etag(obj) or (wanted.etag if wanted else None)
        data = str(obj.data or "").encode()
        try:
            events = expand_calendar(data, self.horizon, key)
        except InputError:
            step.skipped.append("unreadable calendar object")
            step.items.append(Item(key, etag, (), self.horizon))
            return
        ids: list[str] = []
        for event in events:
            found = occurrence(event, "caldav")
            if isinstance(found, str):
                step.skipped.append(found)
            else:
                ids.append(found.id)
                step.encounters.append(found)
        recurring = _RECURS.search(data) is not None
        step.items.append(Item(key, etag, tuple(ids), self.horizon, recurring))


def _etag(obj: Any) -> str | None:
    value = getattr(obj, "props", {}).get("{DAV:}getetag")
    return str(value) if value else None


def _real(token: Any) -> str | None:
    """A server's sync token, not the library's stand-in for servers without them."""
    return str(token) if token and not str(token).startswith("fake-") else None


def _before(item: Item, horizon: date) -> bool:
    return item.horizon is None or item.horizon < horizon

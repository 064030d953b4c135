"""A colleague's relationship agenda: their ties to client directors, and whom to contact next.

The rules are those of :mod:`graphx.gaps` seen from one colleague: a tie at level 3+ is
*overdue* when its silence passes the director tier's cadence target or ``rhythm_factor`` times
the pair's usual gap (``GapsConfig``), *due* when it will within ``DUE_DAYS``; a tie below 3
that once stood at 3+ is *fading*. The contact list ranks overdue ties first (longest past
their limit first), then fading ones (most recently deep first), then due ones (soonest first),
then *deepen*: directors nobody of us knows personally and whom this colleague knows best of
us (chair and CEO first). Each names the director's interests as a hint for the conversation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from graphx.db import Database
from graphx.errors import NotFound
from graphx.gaps import GapsConfig, usual_gap
from graphx.model import Director, Level, Tie, to_json
from graphx.repository import employment
from graphx.ties.view import TieView
from graphx.ties.wording import ago

DEEP = int(Level.PERSONAL)
DUE_DAYS = 30
"""A tie whose limit falls within this many days is due this month."""
TOP = 5
_ORDER = {"overdue": 0, "fading": 1, "due": 2, "deepen": 3}


def _day(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class AgendaEntry:
    """A client director on a colleague's agenda: the colleague's tie to them and its state as
    of the date (silence allowed at level 3+, by the role's cadence or the pair's rhythm)."""

    director: Director
    tie: Tie  # seen from the colleague
    days_silent: int | None
    limit_days: int | None  # level 3+: days of silence allowed (cadence or rhythm)
    limit_reason: str | None  # "cadence" | "rhythm"
    status: str  # "overdue" | "due" | "fading" | "ok"
    shared_interests: tuple[str, ...]

    @property
    def last_contact(self) -> date | None:
        return _day(self.tie.last_contact)

    @property
    def last_deep(self) -> date | None:
        return _day(self.tie.last_deep)

    def to_json(self) -> dict[str, Any]:
        d = self.director
        return {
            "person_id": d.id,
            "name": d.name,
            "title": d.title,
            "organisation_id": d.organisation_id,
            "organisation_name": d.organisation_name,
            "level": self.tie.level,
            "strength": round(self.tie.strength, 3),
            "last_contact": self.last_contact,
            "days_silent": self.days_silent,
            "limit_days": self.limit_days,
            "limit_reason": self.limit_reason,
            "last_deep": self.last_deep,
            "status": self.status,
            "interests": list(d.interests),
            "shared_interests": list(self.shared_interests),
        }


@dataclass(frozen=True)
class Contact:
    """Whom to contact, why (``overdue``, ``fading``, ``due``, ``deepen``), and a hint."""

    rank: int
    person_id: str
    organisation_id: str
    why: str
    reason: str
    hint: str


@dataclass(frozen=True)
class Agenda:
    """A colleague's ties to client directors (strongest first) and whom to contact."""

    person_id: str
    name: str
    as_of: date
    ties: tuple[AgendaEntry, ...]
    contacts: tuple[Contact, ...]

    def by_level(self) -> dict[int, list[AgendaEntry]]:
        """The entries grouped by their tie's level, 4 down to 1 (every level, maybe empty)."""
        out: dict[int, list[AgendaEntry]] = {lv: [] for lv in (4, 3, 2, 1)}
        for t in self.ties:
            out[t.tie.level].append(t)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "as_of": self.as_of,
            "levels": {Level(lv).label: len(ts) for lv, ts in self.by_level().items()},
            "ties": to_json(self.ties),
            "contact": to_json(self.contacts),
        }


def _limit(d: Director, link: Tie, cfg: GapsConfig) -> tuple[int, str]:
    """Days of silence a level-3+ tie may have, and which rule set them (as in gaps)."""
    target = cfg.target(d)
    gap = usual_gap(link)
    rhythm = gap * cfg.rhythm_factor if gap is not None else None
    if rhythm is not None and rhythm < target:
        return int(rhythm), "rhythm"
    return target, "cadence"


def _entry(d: Director, link: Tie, mine: set[str], as_of: date, cfg: GapsConfig) -> AgendaEntry:
    last = _day(link.last_contact)
    silent = (as_of - last).days if last else None
    limit, why = _limit(d, link, cfg) if link.level >= DEEP else (None, None)
    status = "ok"
    if link.level < DEEP and link.last_deep is not None:
        status = "fading"
    elif limit is not None and silent is not None:
        status = "overdue" if silent > limit else "due" if silent > limit - DUE_DAYS else "ok"
    shared = tuple(sorted(mine & set(d.interests)))
    return AgendaEntry(d, link, silent, limit, why, status, shared)


def _hint(t: AgendaEntry) -> str:
    likes = ", ".join(t.director.interests)
    if t.shared_interests:
        return f"They like {likes}; you share {', '.join(t.shared_interests)}: meet around that."
    if likes:
        return f"They like {likes}: an occasion around that suits them."
    return "Their interests are not recorded: ask about them."


def _reason(t: AgendaEntry, why: str) -> str:
    d = t.director
    head = f"{d.name} ({d.title or 'director'}, {d.organisation_name})"
    label = Level(t.tie.level).label
    last = f"last contact {ago(t.days_silent)}" if t.days_silent is not None else "no contact"
    if why == "overdue":
        rule = (
            f"the {t.limit_days}-day cadence for their role"
            if t.limit_reason == "cadence"
            else f"your own rhythm with them ({t.limit_days} days of silence)"
        )
        return f"{head}: {label} tie, {last}; overdue, past {rule}."
    if why == "fading":
        return f"{head}: personal until {t.last_deep}, {label} now; revive it."
    if why == "due":
        left = (t.limit_days or 0) - (t.days_silent or 0)
        return f"{head}: {label} tie, {last}; due within {left} days."
    return f"{head}: you know them best of us ({label}) and nobody of us knows them personally."


def agenda(
    db: Database,
    person_id: str,
    as_of: date | None = None,
    config: GapsConfig | None = None,
    *,
    top: int = TOP,
    ties: TieView | None = None,
) -> Agenda:
    """The agenda of colleague ``person_id`` as of ``as_of`` (default today)."""
    cfg = config or GapsConfig()
    day = as_of or date.today()
    found_person = employment.colleague(db, person_id, day)
    if found_person is None:
        raise NotFound(f"no person with id {person_id!r}")
    person, employed = found_person
    if not employed:
        raise NotFound(f"{person.name} ({person_id}) is not a colleague as of {day}")
    mine = set(person.interests)
    view = ties or TieView(db, day)
    # this colleague's ties, then which of those people direct a client (not every director)
    around = [t for t in view.around([person_id]) if t.a != t.b]
    directors: dict[str, Director] = {}
    for d in employment.directors_among(db, sorted({t.b for t in around}), day):
        directors.setdefault(d.id, d)
    links = [t for t in around if t.b in directors]
    found = sorted(
        (_entry(directors[t.b], t, mine, day, cfg) for t in links),
        key=lambda e: (-e.tie.level, -e.tie.strength, e.director.name, e.director.id),
    )
    candidates: list[tuple[tuple[Any, ...], AgendaEntry, str]] = []
    for t in found:
        if t.status == "overdue":
            key: tuple[Any, ...] = (-((t.days_silent or 0) - (t.limit_days or 0)),)
        elif t.status == "fading":
            key = (-(t.last_deep or date.min).toordinal(),)
        elif t.status == "due":
            key = ((t.limit_days or 0) - (t.days_silent or 0),)
        else:
            continue
        candidates.append(((_ORDER[t.status], *key, t.director.id), t, t.status))
    for t in _closest_of_us(view, found, person_id, lambda: employment.colleagues(db, day)):
        d = t.director
        candidates.append(((_ORDER["deepen"], not d.is_top, -t.tie.strength, d.id), t, "deepen"))
    candidates.sort(key=lambda c: c[0])
    contacts = tuple(
        Contact(rank, t.director.id, t.director.organisation_id, why, _reason(t, why), _hint(t))
        for rank, (_, t, why) in enumerate(candidates[:top], start=1)
    )
    return Agenda(person_id, person.name, day, tuple(found), contacts)


def _closest_of_us(
    view: TieView,
    found: list[AgendaEntry],
    person_id: str,
    team: Callable[[], Mapping[str, Any]],
) -> list[AgendaEntry]:
    """This colleague's level 1-2 ties to directors nobody of us knows at 3+, where nobody
    of us knows the director better (level, then strength). ``team`` gives our colleagues,
    asked for only when there are such ties."""
    shallow = {e.director.id: e for e in found if e.tie.level < DEEP and e.status == "ok"}
    if not shallow:
        return []
    best: dict[str, list[Tie]] = defaultdict(list)
    # the two best ties of each such director to us hold the best one not this colleague's
    for link in view.notable_between(sorted(shallow), list(team()), top=2):
        best[link.a].append(link)
    out = []
    for pid, entry in shallow.items():
        others = [lk for lk in best[pid] if lk.b != person_id]
        if any(lk.level >= DEEP for lk in others):
            continue
        mine = (entry.tie.level, entry.tie.strength)
        if any((lk.level, lk.strength) > mine for lk in others):
            continue
        out.append(entry)
    return out

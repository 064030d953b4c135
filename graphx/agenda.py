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
from graphx.directory import Director, colleagues, directors_among
from graphx.errors import NotFound
from graphx.gaps import GapsConfig, usual_gap
from graphx.model import Level
from graphx.ties.model import Tie
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
class AgendaTie:
    """One tie of the colleague to a client director, with its state as of the date."""

    person_id: str
    name: str
    title: str
    organisation_id: str
    organisation_name: str
    level: int
    strength: float
    last_contact: date | None
    days_silent: int | None
    limit_days: int | None  # level 3+: days of silence allowed (cadence or rhythm)
    limit_reason: str | None  # "cadence" | "rhythm"
    last_deep: date | None
    status: str  # "overdue" | "due" | "fading" | "ok"
    interests: tuple[str, ...]
    shared_interests: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "title": self.title,
            "organisation_id": self.organisation_id,
            "organisation_name": self.organisation_name,
            "level": self.level,
            "strength": round(self.strength, 3),
            "last_contact": self.last_contact,
            "days_silent": self.days_silent,
            "limit_days": self.limit_days,
            "limit_reason": self.limit_reason,
            "last_deep": self.last_deep,
            "status": self.status,
            "interests": list(self.interests),
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

    def to_json(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "person_id": self.person_id,
            "organisation_id": self.organisation_id,
            "why": self.why,
            "reason": self.reason,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class Agenda:
    """A colleague's ties to client directors (strongest first) and whom to contact."""

    person_id: str
    name: str
    as_of: date
    ties: tuple[AgendaTie, ...]
    contacts: tuple[Contact, ...]

    def by_level(self) -> dict[int, list[AgendaTie]]:
        """The ties grouped by level, 4 down to 1 (every level present, maybe empty)."""
        out: dict[int, list[AgendaTie]] = {lv: [] for lv in (4, 3, 2, 1)}
        for t in self.ties:
            out[t.level].append(t)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "as_of": self.as_of,
            "levels": {Level(lv).label: len(ts) for lv, ts in self.by_level().items()},
            "ties": [t.to_json() for t in self.ties],
            "contact": [c.to_json() for c in self.contacts],
        }


def _limit(d: Director, link: Tie, cfg: GapsConfig) -> tuple[int, str]:
    """Days of silence a level-3+ tie may have, and which rule set them (as in gaps)."""
    target = cfg.target(d)
    gap = usual_gap(link)
    rhythm = gap * cfg.rhythm_factor if gap is not None else None
    if rhythm is not None and rhythm < target:
        return int(rhythm), "rhythm"
    return target, "cadence"


def _tie(d: Director, link: Tie, mine: set[str], as_of: date, cfg: GapsConfig) -> AgendaTie:
    last = _day(link.last_contact)
    silent = (as_of - last).days if last else None
    limit, why = _limit(d, link, cfg) if link.level >= DEEP else (None, None)
    status = "ok"
    if link.level < DEEP and link.last_deep is not None:
        status = "fading"
    elif limit is not None and silent is not None:
        status = "overdue" if silent > limit else "due" if silent > limit - DUE_DAYS else "ok"
    return AgendaTie(
        d.id, d.name, d.title, d.organisation_id, d.organisation_name, link.level,
        link.strength, last, silent, limit, why, _day(link.last_deep), status, d.interests,
        tuple(sorted(mine & set(d.interests))),
    )  # fmt: skip


def _hint(t: AgendaTie) -> str:
    if t.shared_interests:
        return (
            f"They like {', '.join(t.interests)}; you share {', '.join(t.shared_interests)}:"
            " meet around that."
        )
    if t.interests:
        return f"They like {', '.join(t.interests)}: an occasion around that suits them."
    return "Their interests are not recorded: ask about them."


def _reason(t: AgendaTie, why: str) -> str:
    head = f"{t.name} ({t.title or 'director'}, {t.organisation_name})"
    label = Level(t.level).label
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
    rows = db.read("agenda.colleague", id=person_id, as_of=day)
    if not rows:
        raise NotFound(f"no person with id {person_id!r}")
    if not rows[0]["colleague"]:
        raise NotFound(f"{rows[0]['name']} ({person_id}) is not a colleague as of {day}")
    mine = {str(i).lower() for i in rows[0]["interests"]}
    view = ties or TieView(db, day)
    # this colleague's ties, then which of those people direct a client (not every director)
    around = [t for t in view.around([person_id]) if t.a != t.b]
    directors: dict[str, Director] = {}
    for d in directors_among(db, sorted({t.b for t in around}), day):
        directors.setdefault(d.id, d)
    links = [t for t in around if t.b in directors]
    found = sorted(
        (_tie(directors[t.b], t, mine, day, cfg) for t in links),
        key=lambda t: (-t.level, -t.strength, t.name, t.person_id),
    )
    candidates: list[tuple[tuple[Any, ...], AgendaTie, str]] = []
    for t in found:
        if t.status == "overdue":
            key: tuple[Any, ...] = (-((t.days_silent or 0) - (t.limit_days or 0)),)
        elif t.status == "fading":
            key = (-(t.last_deep or date.min).toordinal(),)
        elif t.status == "due":
            key = ((t.limit_days or 0) - (t.days_silent or 0),)
        else:
            continue
        candidates.append(((_ORDER[t.status], *key, t.person_id), t, t.status))
    for t in _closest_of_us(view, found, person_id, lambda: colleagues(db, day), directors):
        top_first = not directors[t.person_id].is_top
        candidates.append(((_ORDER["deepen"], top_first, -t.strength, t.person_id), t, "deepen"))
    candidates.sort(key=lambda c: c[0])
    contacts = tuple(
        Contact(rank, t.person_id, t.organisation_id, why, _reason(t, why), _hint(t))
        for rank, (_, t, why) in enumerate(candidates[:top], start=1)
    )
    return Agenda(person_id, str(rows[0]["name"] or person_id), day, tuple(found), contacts)


def _closest_of_us(
    view: TieView,
    found: list[AgendaTie],
    person_id: str,
    team: Callable[[], Mapping[str, Any]],
    directors: Mapping[str, Director],
) -> list[AgendaTie]:
    """This colleague's level 1-2 ties to directors nobody of us knows at 3+, where nobody
    of us knows the director better (level, then strength). ``team`` gives our colleagues,
    asked for only when there are such ties."""
    shallow = {t.person_id: t for t in found if t.level < DEEP and t.status == "ok"}
    if not shallow:
        return []
    best: dict[str, list[Tie]] = defaultdict(list)
    # the two best ties of each such director to us hold the best one not this colleague's
    for link in view.notable_between(sorted(shallow), list(team()), top=2):
        best[link.a].append(link)
    out = []
    for pid, t in shallow.items():
        others = [lk for lk in best[pid] if lk.b != person_id]
        if any(lk.level >= DEEP for lk in others):
            continue
        if any((lk.level, lk.strength) > (t.level, t.strength) for lk in others):
            continue
        if pid in directors:
            out.append(t)
    return out

"""The occasion planner: whom to invite to an occasion chosen for the client, and who hosts.

Start from the client: the guests are current client directors (not opted out) whose own
interests match the occasion's, ranked by what the invitation would do for coverage
(see docs/occasion.md):

1. *uncovered* (no colleague knows them at level 3+) and *fading* directors (a colleague's tie
   that stood at level 3+ is lower now), then 2. *single-threaded* ones (exactly one colleague
   at 3+), then 3. the rest; within each group the most exposed client first (lowest coverage
   score), the chair and CEO before other directors, the weakest best tie first, then by name.

Directors who took part in an occasion of the same kind recently (a conversation of kind
``event`` or ``trip`` whose subject names the interest, within ``recent_days`` before the date)
are left out. Each guest gets a host, in rank order: the colleague with the strongest tie, else
the first colleague of the best warm chain, else a colleague sharing the interest, skipping
colleagues who already host ``max_guests_per_host`` guests.

>>> interest_key(" Golfing "), interest_key("Yachting"), interest_key("opera")
('golf', 'sailing', 'opera')
>>> mentions("Golf day at St Andrews", "golf"), mentions("Golfers' dinner", "golf")
(True, False)
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from graphx.coverage import DirectorCoverage, score
from graphx.db import Database
from graphx.errors import InputError
from graphx.intro import link_weight
from graphx.model import Director, Level, Person, Tie, to_json
from graphx.repository.conversations import occasions
from graphx.repository.employment import client_directors, colleagues
from graphx.repository.people import named
from graphx.ties.view import TieView, until

OCCASION_KINDS: tuple[str, ...] = ("event", "trip")
"""Conversation kinds that count as an occasion for the recently-met rule."""

SYNONYMS: Mapping[str, str] = {
    "golfing": "golf",
    "sail": "sailing",
    "yachting": "sailing",
    "arts": "art",
    "fine art": "art",
    "wines": "wine",
    "wine tasting": "wine",
}
"""The only synonyms the planner knows: each word on the left matches the one on the right."""

DEEP = int(Level.PERSONAL)
TIERS = ("uncovered", "fading", "single_threaded", "covered")
CSV_COLUMNS = (
    "rank", "person_id", "name", "title", "organisation_id", "organisation_name", "interest",
    "date", "host_id", "host_name", "reason", "attended",
)  # fmt: skip
"""The invitation list's columns; ``attended`` is left empty for ``graphx occasion record``."""

_KNOWS = {
    1: "has met them",
    2: "knows them through business",
    3: "knows them personally",
    4: "knows them well",
}


def interest_key(word: str) -> str:
    """An interest as the planner compares it: lower case, single spaces, synonyms folded."""
    text = " ".join(word.lower().split())
    return SYNONYMS.get(text, text)


def interest_terms(interest: str) -> tuple[str, ...]:
    """The interest and every synonym of it, as they may appear in a subject."""
    key = interest_key(interest)
    return (key, *sorted(w for w, k in SYNONYMS.items() if k == key))


def likes(interests: Iterable[str], interest: str) -> bool:
    """Whether one of ``interests`` is ``interest`` (case-insensitive, synonyms folded)."""
    key = interest_key(interest)
    return any(interest_key(i) == key for i in interests)


def mentions(subject: str, interest: str) -> bool:
    """Whether ``subject`` names the interest (or a synonym) as a whole word."""
    text = subject.lower()
    return any(re.search(rf"\b{re.escape(t)}\b", text) for t in interest_terms(interest))


@dataclass(frozen=True)
class Guest:
    """One invitation: the director, why they rank where they do, and who hosts them."""

    rank: int
    person_id: str
    name: str
    title: str
    organisation_id: str
    organisation_name: str
    tier: str  # one of TIERS
    coverage: float  # their client's coverage score
    best_level: int
    host_id: str | None
    host_name: str | None
    host_via: str  # "tie" | "path" | "interest" | "none"
    through_id: str | None
    reason: str


@dataclass(frozen=True)
class RecentlyMet:
    """A matching director left out: they were at an occasion of the same kind recently."""

    person_id: str
    organisation_id: str
    conversation_id: str
    date: date


@dataclass(frozen=True)
class OccasionPlan:
    """The ranked guests (at most ``capacity``), those left out, and those beyond capacity."""

    interest: str
    on: date
    capacity: int
    recent_days: int
    max_guests_per_host: int
    guests: tuple[Guest, ...]
    recently_met: tuple[RecentlyMet, ...] = ()
    waiting: tuple[str, ...] = ()
    hosts: Mapping[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "interest": self.interest,
            "date": self.on,
            "as_of": self.on,
            "capacity": self.capacity,
            "recent_days": self.recent_days,
            "max_guests_per_host": self.max_guests_per_host,
            "guests": to_json(self.guests),
            "recently_met": to_json(self.recently_met),
            "waiting": list(self.waiting),
            "hosts": dict(self.hosts),
        }

    def to_csv(self) -> str:
        """The invitation list as CSV (``CSV_COLUMNS``), guests in ranked order."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for g in self.guests:
            writer.writerow(
                [
                    g.rank, g.person_id, g.name, g.title, g.organisation_id, g.organisation_name,
                    self.interest, self.on.isoformat(), g.host_id or "", g.host_name or "",
                    g.reason, "",
                ]
            )  # fmt: skip
        return buffer.getvalue()


@dataclass(frozen=True)
class _Candidate:
    director: Director
    tier: str
    coverage: float
    links: tuple[Tie, ...]  # colleague ties, best first

    @property
    def best_level(self) -> int:
        return self.links[0].level if self.links else 0

    def key(self) -> tuple[Any, ...]:
        group = {"uncovered": 0, "fading": 0, "single_threaded": 1}.get(self.tier, 2)
        d = self.director
        return (group, self.coverage, not d.is_top, self.best_level, d.name, d.id)


def _once_each(candidates: list[_Candidate]) -> list[_Candidate]:
    """A director of two clients once, at their better rank."""
    seen: set[str] = set()
    out = []
    for c in candidates:
        if c.director.id not in seen:
            seen.add(c.director.id)
            out.append(c)
    return out


def _tier(links: list[Tie]) -> str:
    deep = [t for t in links if t.level >= DEEP]
    if not deep:
        return "uncovered"
    if any(t.level < DEEP and t.last_deep is not None for t in links):
        return "fading"
    return "single_threaded" if len(deep) == 1 else "covered"


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _recently_met(
    db: Database, directors: list[Director], interest: str, on: date, recent_days: int
) -> dict[str, RecentlyMet]:
    """Directors at an occasion of the same kind within ``recent_days`` before ``on``."""
    if not directors:
        return {}
    since = datetime.combine(on - timedelta(days=recent_days), time(), UTC)
    attended = occasions(
        db, sorted({d.id for d in directors}), list(OCCASION_KINDS), since, until(on)
    )
    org = {d.id: d.organisation_id for d in directors}
    found: dict[str, RecentlyMet] = {}
    for pid, met in attended:
        if pid not in found and mentions(met.subject, interest):
            found[pid] = RecentlyMet(pid, org[pid], met.id, _day(met.date))
    return found


def _chains(
    view: TieView, guest_ids: list[str], team: Mapping[str, Person]
) -> dict[str, list[tuple[float, str, str]]]:
    """For each guest, ``(weight, colleague, intermediary)`` of two-link warm chains, best first:
    someone who knows the guest at level 2+ and has a tie with a colleague."""
    around = [t for t in view.around(guest_ids, min_level=2) if t.b not in team]
    middle = sorted({t.b for t in around})
    to_team: dict[str, list[Tie]] = defaultdict(list)
    for t in view.between(middle, list(team)):
        to_team[t.a].append(t)
    out: dict[str, list[tuple[float, str, str]]] = defaultdict(list)
    for first in around:
        for second in to_team.get(first.b, []):
            weight = link_weight(first.strength) * link_weight(second.strength)
            out[first.a].append((weight, second.b, first.b))
    for options in out.values():
        options.sort(key=lambda o: (-o[0], o[1], o[2]))
    return out


def _hosts(
    c: _Candidate,
    interest: str,
    team: Mapping[str, Person],
    chains: Mapping[str, list[tuple[float, str, str]]],
) -> list[tuple[str, str, str | None]]:
    """Every colleague who could host ``c``, best placed first: ``(id, via, through)``."""
    out: list[tuple[str, str, str | None]] = [(t.b, "tie", None) for t in c.links]
    out += [(colleague, "path", middle) for _, colleague, middle in chains.get(c.director.id, [])]
    sharing = [p for p in team.values() if likes(p.interests, interest)]
    mine = set(c.director.interests)
    sharing.sort(key=lambda p: (-len(mine & set(p.interests)), p.id))
    out += [(p.id, "interest", None) for p in sharing]
    seen: set[str] = set()
    unique = []
    for option in out:
        if option[0] not in seen:
            seen.add(option[0])
            unique.append(option)
    return unique


def _status(c: _Candidate, names: Mapping[str, str]) -> str:
    best = c.links[0] if c.links else None
    if c.tier == "fading":
        faded = next(t for t in c.links if t.level < DEEP and t.last_deep is not None)
        assert faded.last_deep is not None
        return f"{names[faded.b]} knew them personally until {_day(faded.last_deep)}, fading since"
    if best is None:
        return "nobody of us knows them yet"
    if c.tier == "uncovered" and best.level == 1:
        once = " once" if best.conversations == 1 else ""
        return f"met only{once}, at events, by {names[best.b]}"
    if c.tier == "uncovered":
        return f"known through business only, best by {names[best.b]}"
    if c.tier == "single_threaded":
        return f"known personally by {names[best.b]} alone"
    deep = sum(t.level >= DEEP for t in c.links)
    return f"known personally by {deep} of us"


def _host_text(
    c: _Candidate,
    interest: str,
    host: tuple[str, str, str | None] | None,
    skipped: list[str],
    team: Mapping[str, Person],
    names: Mapping[str, str],
    limit: int,
) -> str:
    full = f" ({', '.join(names[s] for s in skipped)} already hosting {limit})" if skipped else ""
    if host is None:
        if skipped:
            return f"no host yet: every colleague placed to host is full{full}"
        return "no host yet: nobody of us is placed to host them"
    colleague, via, through = host
    too = f" and likes {interest} too" if likes(team[colleague].interests, interest) else ""
    if via == "tie":
        level = next(t.level for t in c.links if t.b == colleague)
        return f"host: {names[colleague]}, who {_KNOWS[level]}{too}{full}"
    if via == "path":
        assert through is not None
        return f"host: {names[colleague]}, introduced by {names[through]}{too}{full}"
    return f"host: {names[colleague]}, who likes {interest} too{full}"


def plan_occasion(
    db: Database,
    interest: str,
    capacity: int = 20,
    on: date | None = None,
    recent_days: int = 365,
    max_guests_per_host: int = 3,
    *,
    ties: TieView | None = None,
) -> OccasionPlan:
    """Whom to invite to an occasion around ``interest`` on ``on`` (default today), and who
    hosts each guest. Ties and coverage are taken as of ``on``."""
    word = interest_key(interest)
    if not word:
        raise InputError(["interest: required, but empty"])
    day = on or date.today()
    view = ties or TieView(db, day)
    _, directors = client_directors(db, day)
    team = colleagues(db, day)
    by_director: dict[str, list[Tie]] = defaultdict(list)
    for t in view.between(sorted({d.id for d in directors}), list(team)):
        if t.a != t.b:
            by_director[t.a].append(t)
    ranked_links = {
        pid: tuple(sorted(ls, key=lambda t: (-t.level, -t.strength, t.b)))
        for pid, ls in by_director.items()
    }
    per_org: dict[str, list[DirectorCoverage]] = defaultdict(list)
    for d in directors:
        best = ranked_links[d.id][0].level if d.id in ranked_links else 0
        per_org[d.organisation_id].append(
            DirectorCoverage(d.id, d.name, d.title, d.level, d.is_top, best, ())
        )
    scores = {org: score(ds) for org, ds in per_org.items()}

    matching = [d for d in directors if likes(d.interests, word)]
    recent = _recently_met(db, matching, word, day, recent_days)
    candidates = sorted(
        (
            _Candidate(
                d,
                _tier(list(ranked_links.get(d.id, ()))),
                scores[d.organisation_id],
                ranked_links.get(d.id, ()),
            )
            for d in matching
            if d.id not in recent
        ),
        key=_Candidate.key,
    )
    candidates = _once_each(candidates)
    invited, waiting = candidates[: max(capacity, 0)], candidates[max(capacity, 0) :]
    chains = _chains(view, [c.director.id for c in invited], team) if invited else {}
    middle = {m for options in chains.values() for _, _, m in options}
    names = {p.id: p.name for p in team.values()}
    names |= {p.id: p.name for p in named(db, sorted(middle)).values()}

    load: Counter[str] = Counter()
    guests = []
    for rank, c in enumerate(invited, start=1):
        skipped: list[str] = []
        host = None
        for option in _hosts(c, word, team, chains):
            if load[option[0]] < max_guests_per_host:
                host = option
                break
            skipped.append(option[0])
        if host is not None:
            load[host[0]] += 1
        d = c.director
        pct = round(100 * c.coverage)
        reason = (
            f"{d.name}, {d.title or d.level} of {d.organisation_name}: likes {word}; "
            f"{_status(c, names)}; {d.organisation_name} is {pct}% covered; "
            f"{_host_text(c, word, host, skipped, team, names, max_guests_per_host)}."
        )
        guests.append(
            Guest(
                rank, d.id, d.name, d.title, d.organisation_id, d.organisation_name, c.tier,
                c.coverage, c.best_level, host[0] if host else None,
                names[host[0]] if host else None, host[1] if host else "none",
                host[2] if host else None, reason,
            )
        )  # fmt: skip
    return OccasionPlan(
        interest=word,
        on=day,
        capacity=capacity,
        recent_days=recent_days,
        max_guests_per_host=max_guests_per_host,
        guests=tuple(guests),
        recently_met=tuple(sorted(recent.values(), key=lambda r: r.person_id)),
        waiting=tuple(c.director.id for c in waiting),
        hosts=dict(sorted(load.items())),
    )

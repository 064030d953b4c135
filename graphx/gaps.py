"""Coverage gaps: what the quarterly report asks account teams to act on.

- ``uncovered``: client directors no colleague knows at level 3 (personal) or more;
- ``single_threaded``: directors known at level 3+ by exactly one colleague (key-person risk);
- ``fading``: colleague-director ties that once stood at level 3+ and are lower now, with the
  date they last did (the depth model's ``last_deep``: the last personal contact as of which
  the tie stood at 3+);
- ``overdue``: ties at level 3+ silent longer than the cadence target of the director's tier
  (chair/CEO 60 days, other directors 90) or than ``rhythm_factor`` (8) times the pair's own
  usual gap, ``(last - first contact) / (conversations - 1)``: past about 8 usual gaps a tie
  most likely decays (Navarro et al. 2017).

Each entry carries an :class:`Action` that starts from the director: the colleague best
placed to deepen the relationship (an existing tie, else a warm path through someone who
knows the director, else shared interests).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import combinations

from graphx.db import Database
from graphx.intro import link_weight
from graphx.model import Director, Level, Person, Tie, is_top_director, to_json
from graphx.repository.employment import client_directors, colleagues, directors_of
from graphx.repository.people import named
from graphx.ties.view import TieView
from graphx.ties.wording import ago

DEEP = int(Level.PERSONAL)
_LEVEL_WORDS = {
    1: "has met them",
    2: "knows them through business",
    3: "knows them personally",
    4: "knows them well, a trusted relationship",
}


@dataclass(frozen=True)
class GapsConfig:
    """Cadence targets per director tier, in days, and the own-rhythm factor."""

    cadence_top_days: int = 60  # chair and CEO (by title)
    cadence_board_days: int = 90
    cadence_executive_days: int = 90
    rhythm_factor: float = 8.0

    def target(self, director: Director) -> int:
        if director.is_top:
            return self.cadence_top_days
        if director.level == "board":
            return self.cadence_board_days
        return self.cadence_executive_days


@dataclass(frozen=True)
class Action:
    """Who should act, how they are placed, and the recommendation in words."""

    colleague_id: str | None
    via: str  # "tie" | "path" | "interests" | "none"
    through_id: str | None
    shared_interests: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Uncovered:
    organisation_id: str
    person_id: str
    name: str
    title: str
    best_level: int
    closest_colleague_id: str | None
    action: Action


@dataclass(frozen=True)
class SingleThreaded:
    organisation_id: str
    person_id: str
    name: str
    title: str
    colleague_id: str
    level: int
    action: Action


@dataclass(frozen=True)
class Fading:
    organisation_id: str
    person_id: str
    colleague_id: str
    level_before: int
    level_now: int
    last_deep: date
    action: Action


@dataclass(frozen=True)
class Overdue:
    organisation_id: str
    person_id: str
    colleague_id: str
    level: int
    last_contact: date
    days_silent: int
    target_days: int
    usual_gap_days: float | None
    reason: str  # "cadence" | "rhythm"
    action: Action


@dataclass(frozen=True)
class Gaps:
    """All four gap lists as of a date (for one organisation, or every client)."""

    as_of: date
    organisation_id: str | None
    uncovered: tuple[Uncovered, ...] = ()
    single_threaded: tuple[SingleThreaded, ...] = ()
    fading: tuple[Fading, ...] = ()
    overdue: tuple[Overdue, ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)


def most_pressing(found: Gaps) -> Gaps:
    """``found`` with each list in the order to act on it across clients (a stable sort, so
    ties keep their client order): uncovered chairs and CEOs first, then whoever none of us
    has even met; single-threaded chairs and CEOs first; the ties that faded most recently
    (still the easiest to revive); the ties furthest past their target."""
    return replace(
        found,
        uncovered=tuple(
            sorted(found.uncovered, key=lambda g: (not is_top_director(g.title), g.best_level))
        ),
        single_threaded=tuple(
            sorted(found.single_threaded, key=lambda g: not is_top_director(g.title))
        ),
        fading=tuple(sorted(found.fading, key=lambda g: g.last_deep, reverse=True)),
        overdue=tuple(sorted(found.overdue, key=lambda g: g.target_days - g.days_silent)),
    )


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def usual_gap(link: Tie) -> float | None:
    """Mean days between the pair's conversations; None with fewer than two or on one day."""
    if link.conversations < 2 or link.first_contact is None or link.last_contact is None:
        return None
    gap = (_day(link.last_contact) - _day(link.first_contact)).days / (link.conversations - 1)
    return round(gap, 1) if gap >= 1 else None


def _best(links: Iterable[Tie]) -> list[Tie]:
    return sorted(links, key=lambda t: (-t.level, -t.strength, t.b))


class _Advisor:
    """Chooses the colleague best placed to deepen a relationship with a director; a warm
    path's two links are both at business level or above."""

    def __init__(
        self,
        view: TieView,
        team: Mapping[str, Person],
        ties: Mapping[str, list[Tie]],
        need_paths: list[str],
        as_of: date,
    ) -> None:
        self.team, self.ties, self.as_of = team, ties, as_of
        self.paths: dict[str, list[tuple[float, Tie, Tie]]] = defaultdict(list)
        around = [t for t in view.around(need_paths, Level.BUSINESS) if t.b not in team]
        middle = sorted({t.b for t in around})
        self.by_interest: dict[str, set[str]] = defaultdict(set)
        for colleague in team.values():
            for interest in set(colleague.interests):
                self.by_interest[interest].add(colleague.id)
        self.names = {p.id: p.name for p in named(view.db, middle).values()}
        self.names |= {p.id: p.name for p in team.values()}
        to_team: dict[str, list[Tie]] = defaultdict(list)
        for t in view.between(middle, list(team), min_level=Level.BUSINESS):
            to_team[t.a].append(t)
        for first in around:
            for second in to_team.get(first.b, []):
                weight = link_weight(first.strength) * link_weight(second.strength)
                self.paths[first.a].append((weight, first, second))

    def _most_alike(self, interests: frozenset[str], exclude: frozenset[str]) -> str | None:
        """The colleague sharing most of these interests (lowest id among equals): the most
        interests that some colleagues all hold, found by intersecting who holds each."""
        known = self.by_interest
        holders = [known[i] - exclude for i in sorted(interests) if i in known]
        for size in range(len(holders), 0, -1):
            found = set().union(*(set.intersection(*c) for c in combinations(holders, size)))
            if found:
                return min(found)
        return None

    def _shared(self, director: Director, colleague_id: str) -> tuple[str, ...]:
        mine = set(self.team[colleague_id].interests) if colleague_id in self.team else set()
        return tuple(sorted(mine & set(director.interests)))

    def _head(self, d: Director) -> str:
        likes = f"; interests: {', '.join(d.interests)}" if d.interests else ""
        return f"{d.name} ({d.title or d.level}, {d.organisation_name}{likes})"

    def _share_text(self, shared: tuple[str, ...]) -> str:
        return f"; they share {', '.join(shared)}: meet around that" if shared else ""

    def advise(self, d: Director, goal: str, exclude: frozenset[str] = frozenset()) -> Action:
        """The action for director ``d``; ``goal`` says what to achieve ("deepen", ...)."""

        def name(pid: str) -> str:
            return self.names.get(pid, pid)

        head = self._head(d)
        for t in _best(self.ties.get(d.id, [])):
            if t.b in exclude:
                continue
            shared = self._shared(d, t.b)
            last = (
                f", last met {ago((self.as_of - _day(t.last_contact)).days)}"
                if t.last_contact
                else ""
            )
            words = _LEVEL_WORDS.get(t.level, "knows them")
            text = f"{head}: {goal} through {name(t.b)}, who {words}{last}"
            return Action(t.b, "tie", None, shared, text + self._share_text(shared) + ".")
        options = [p for p in self.paths.get(d.id, []) if p[2].b not in exclude]
        if options:
            _, first, second = max(options, key=lambda p: (p[0], p[2].b))
            shared = self._shared(d, second.b)
            text = (
                f"{head}: {goal} by asking {name(first.b)}, who "
                f"{_LEVEL_WORDS.get(first.level, 'knows them')}, to introduce {name(second.b)}"
            )
            return Action(second.b, "path", first.b, shared, text + self._share_text(shared) + ".")
        colleague = self._most_alike(frozenset(d.interests), exclude)
        if colleague is not None:
            shared = self._shared(d, colleague)
            text = f"{head}: {goal}: {name(colleague)} shares {', '.join(shared)} with them"
            return Action(colleague, "interests", None, shared, text + "; start there.")
        return Action(
            None,
            "none",
            None,
            (),
            f"{head}: {goal}: nobody is placed yet; find an occasion around what they care about.",
        )


def _levels_before(view: TieView, fading: list[tuple[Director, Tie]]) -> dict[tuple[str, str], int]:
    """The level of each fading pair as of its ``last_deep`` date (computed, one call a date)."""
    by_day: dict[date, list[Tie]] = defaultdict(list)
    for _, t in fading:
        assert t.last_deep is not None
        by_day[_day(t.last_deep)].append(t)
    out: dict[tuple[str, str], int] = {}
    for day, links in by_day.items():
        then = TieView(view.db, day, config=view.config)
        # as of its last_deep a tie stood at personal or above, by definition
        found = then.between({t.a for t in links}, {t.b for t in links}, Level.PERSONAL)
        out.update({(t.a, t.b): t.level for t in found})
    return out


def gaps(
    db: Database,
    as_of: date,
    organisation_id: str | None = None,
    config: GapsConfig | None = None,
    *,
    ties: TieView | None = None,
    team: Mapping[str, Person] | None = None,
) -> Gaps:
    """The four gap lists as of ``as_of``, for one organisation or for every client.

    ``team``: our colleagues as of ``as_of`` (``colleagues``), when the caller has them.
    """
    cfg = config or GapsConfig()
    if organisation_id is not None:
        directors = directors_of(db, organisation_id, as_of)
    else:
        directors = client_directors(db, as_of)[1]
    team = team if team is not None else colleagues(db, as_of)
    view = ties or TieView(db, as_of)
    by_director: dict[str, list[Tie]] = defaultdict(list)
    # the best two ties of a director (the second is advised beside a single deep one) and
    # every business+ or once-deep one: the other "met" ties change no gap
    for t in view.notable_between(sorted({d.id for d in directors}), list(team), top=2):
        if t.a != t.b:
            by_director[t.a].append(t)
    need_paths = sorted(
        {d.id for d in directors if sum(t.level >= DEEP for t in by_director[d.id]) <= 1}
    )
    advisor = _Advisor(view, team, by_director, need_paths, as_of)

    uncovered, single, fading_links, overdue = [], [], [], []
    for d in directors:
        links = _best(by_director.get(d.id, []))
        deep = [t for t in links if t.level >= DEEP]
        if not deep:
            uncovered.append(
                Uncovered(
                    d.organisation_id,
                    d.id,
                    d.name,
                    d.title,
                    links[0].level if links else 0,
                    links[0].b if links else None,
                    advisor.advise(d, "build a personal relationship"),
                )
            )
        elif len(deep) == 1:
            single.append(
                SingleThreaded(
                    d.organisation_id,
                    d.id,
                    d.name,
                    d.title,
                    deep[0].b,
                    deep[0].level,
                    advisor.advise(d, "add a second relationship", frozenset({deep[0].b})),
                )
            )
        fading_links += [(d, t) for t in links if t.level < DEEP and t.last_deep is not None]
        for t in deep:
            if t.last_contact is None:
                continue
            silent = (as_of - _day(t.last_contact)).days
            gap = usual_gap(t)
            target = cfg.target(d)
            rhythm = gap * cfg.rhythm_factor if gap is not None else None
            reason = "rhythm" if rhythm is not None and rhythm < target else "cadence"
            limit = min(target, rhythm) if rhythm is not None else target
            if silent > limit:
                overdue.append(
                    Overdue(
                        d.organisation_id,
                        d.id,
                        t.b,
                        t.level,
                        _day(t.last_contact),
                        silent,
                        target,
                        gap,
                        reason,
                        advisor.advise(d, "get back in touch", frozenset(team) - {t.b}),
                    )
                )

    before = _levels_before(view, fading_links) if fading_links else {}
    fading = [
        Fading(
            d.organisation_id,
            d.id,
            t.b,
            max(DEEP, before.get((t.a, t.b), DEEP)),
            t.level,
            _day(t.last_deep),
            advisor.advise(d, "revive the relationship", frozenset(team) - {t.b}),
        )
        for d, t in fading_links
        if t.last_deep is not None
    ]
    result = Gaps(
        as_of, organisation_id, tuple(uncovered), tuple(single), tuple(fading), tuple(overdue)
    )
    return _named(db, result, directors, team)


def _named(
    db: Database, result: Gaps, directors: list[Director], team: Mapping[str, Person]
) -> Gaps:
    """The result with the names of the people its entries mention."""
    known = {d.id: d.name for d in directors} | {p.id: p.name for p in team.values()}
    mentioned: set[str] = set()
    entries: list[Uncovered | SingleThreaded | Fading | Overdue] = [
        *result.uncovered,
        *result.single_threaded,
        *result.fading,
        *result.overdue,
    ]
    for entry in entries:
        data = to_json(entry)
        action = data["action"]
        for key in ("person_id", "colleague_id", "closest_colleague_id"):
            if data.get(key):
                mentioned.add(data[key])
        mentioned.update(p for p in (action["colleague_id"], action["through_id"]) if p)
    missing = sorted(mentioned - set(known))
    if missing:
        known |= {pid: p.name for pid, p in named(db, missing).items()}
    names = {pid: known.get(pid, pid) for pid in sorted(mentioned)}
    return Gaps(
        result.as_of,
        result.organisation_id,
        result.uncovered,
        result.single_threaded,
        result.fading,
        result.overdue,
        names,
    )

"""What the quarterly coverage-gap report says: a frozen :class:`Report` built from the
analytics (``graphx.coverage``, ``graphx.gaps``) as of the quarter end and the previous one.

Everything is sorted, so the same data and quarter give the same report; only ``generated``
(the day it was made) differs between runs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from graphx.coverage import (
    COVERED_LEVEL,
    CoverageConfig,
    DirectorCoverage,
    client_coverage,
    coverage,
    score,
)
from graphx.db import Database
from graphx.gaps import Gaps, gaps
from graphx.model import Organisation
from graphx.reports.occasions import occasion_for
from graphx.reports.quarters import Quarter
from graphx.repository.people import named
from graphx.ties.view import Histories, TieView

HISTORY_QUARTERS = 8
"""Quarters in the coverage history chart, the report's quarter included."""
SINGLE_WEIGHT = 0.5
"""How much a single-threaded director counts towards exposure (an uncovered one counts 1)."""

State = tuple[list[Organisation], dict[str, list[DirectorCoverage]]]


@dataclass(frozen=True)
class Knower:
    """A colleague who knows a director, at a level, last met on a day."""

    id: str
    name: str
    level: int
    last_contact: date | None


@dataclass(frozen=True)
class DirectorLine:
    """A client director: best level now and at the previous quarter end (None: not a
    director then), and who of us knows them now, best first."""

    id: str
    name: str
    title: str
    is_top: bool
    level_now: int
    level_before: int | None
    known_by: tuple[Knower, ...]

    @property
    def covered(self) -> bool:
        return self.level_now >= COVERED_LEVEL


@dataclass(frozen=True)
class Thread:
    """A single-threaded director and the one colleague who knows them at level 3+."""

    person_id: str
    name: str
    title: str
    colleague_id: str
    colleague_name: str
    level: int


@dataclass(frozen=True)
class Change:
    """A colleague-director tie whose level changed this quarter."""

    person_id: str
    name: str
    colleague_id: str
    colleague_name: str
    level_before: int
    level_now: int


@dataclass(frozen=True)
class Action:
    """A recommendation that starts from the director: who should act, and at what occasion."""

    organisation_id: str
    organisation_name: str
    person_id: str
    name: str
    title: str
    reason: str  # "uncovered", "fading" or "uncovered, fading"
    colleague_id: str | None
    colleague_name: str | None
    via: str  # "tie" | "path" | "interests" | "none"
    occasion: str
    text: str


@dataclass(frozen=True)
class ClientSection:
    """One client: scores, coverage by quarter, and its directors in each list."""

    id: str
    name: str
    coverage: float
    previous_coverage: float | None
    exposure: float
    history: tuple[float | None, ...]
    directors: tuple[DirectorLine, ...]
    uncovered: tuple[DirectorLine, ...]
    single_threaded: tuple[Thread, ...]
    dropped: tuple[Change, ...]
    reached: tuple[Change, ...]

    @property
    def covered(self) -> int:
        return sum(d.covered for d in self.directors)


@dataclass(frozen=True)
class Summary:
    """The portfolio now and a quarter earlier, directors per best level (0-4), the risks."""

    clients: int
    directors: int
    coverage: float
    previous_coverage: float
    levels_now: tuple[int, ...]
    levels_before: tuple[int, ...]
    risks: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """The quarterly coverage-gap report of every client, or of one organisation."""

    quarter: str
    as_of: date
    previous_quarter: str
    previous_as_of: date
    organisation_id: str | None
    scope: str
    quarters: tuple[str, ...]
    history: tuple[float | None, ...]
    summary: Summary
    clients: tuple[ClientSection, ...]
    actions: tuple[Action, ...]
    generated: date = field(compare=False, default_factory=date.today)

    @property
    def empty(self) -> bool:
        """True when no colleague has a tie with any director now or a quarter earlier."""
        return not self.clients

    @property
    def files_stem(self) -> str:
        """``report-2026Q3`` (or ``report-2026Q3-<organisation id>``): the output file names."""
        suffix = f"-{_safe(self.organisation_id)}" if self.organisation_id else ""
        return f"report-{self.quarter}{suffix}"


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text)


def _day(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _state(db: Database, view: TieView, organisation_id: str | None, min_level: int = 1) -> State:
    """Clients and their directors' coverage from the ties at ``min_level`` or above."""
    if organisation_id is None:
        return client_coverage(db, view.as_of, view, min_level)
    found = coverage(db, organisation_id, view.as_of, ties=view, min_level=min_level)
    return [found.organisation], {found.organisation.id: list(found.directors)}


def _weight(director: DirectorCoverage | DirectorLine, cfg: CoverageConfig) -> float:
    return cfg.top_weight if director.is_top else cfg.other_weight


def _changes(
    now: DirectorCoverage, before: DirectorCoverage | None
) -> tuple[list[Change], list[Change]]:
    """Ties of a director that dropped a level, and that reached level 3 or 4, this quarter."""
    if before is None:
        return [], []
    names = {k.id: k.name for k in (*before.known_by, *now.known_by)}
    was = {k.id: k.level for k in before.known_by}
    is_ = {k.id: k.level for k in now.known_by}
    dropped, reached = [], []
    for colleague in sorted(set(was) | set(is_)):
        lb, ln = was.get(colleague, 0), is_.get(colleague, 0)
        change = Change(now.id, now.name, colleague, names[colleague], lb, ln)
        if ln < lb:
            dropped.append(change)
        elif ln > lb and ln >= COVERED_LEVEL:
            reached.append(change)
    return dropped, reached


def _section(
    org: Organisation,
    now: list[DirectorCoverage],
    before: Mapping[str, DirectorCoverage],
    found: Gaps,
    history: tuple[float | None, ...],
    previous: float | None,
    cfg: CoverageConfig,
) -> ClientSection:
    lines = []
    dropped: list[Change] = []
    reached: list[Change] = []
    for d in now:
        earlier = before.get(d.id)
        known = tuple(Knower(k.id, k.name, k.level, _day(k.last_contact)) for k in d.known_by)
        lines.append(
            DirectorLine(
                d.id, d.name, d.title, d.is_top, d.best_level,
                None if earlier is None else earlier.best_level, known,
            )
        )  # fmt: skip
        down, up = _changes(d, earlier)
        dropped += down
        reached += up
    uncovered = {g.person_id for g in found.uncovered if g.organisation_id == org.id}
    threads = tuple(
        Thread(g.person_id, g.name, g.title, g.colleague_id, found.names[g.colleague_id], g.level)
        for g in found.single_threaded
        if g.organisation_id == org.id
    )
    total = sum(_weight(d, cfg) for d in lines)
    single = {t.person_id for t in threads}
    exposed = sum(
        _weight(d, cfg) * (1.0 if d.id in uncovered else SINGLE_WEIGHT if d.id in single else 0)
        for d in lines
    )
    return ClientSection(
        id=org.id,
        name=org.name,
        coverage=score(now, cfg),
        previous_coverage=previous,
        exposure=round(exposed / total, 4) if total else 0.0,
        history=history,
        directors=tuple(lines),
        uncovered=tuple(d for d in lines if d.id in uncovered),
        single_threaded=threads,
        dropped=tuple(dropped),
        reached=tuple(reached),
    )


def _actions(db: Database, sections: Sequence[ClientSection], found: Gaps) -> tuple[Action, ...]:
    """One action per uncovered or fading director, most exposed client first."""
    by_person = {(g.organisation_id, g.person_id): g.action for g in found.uncovered}
    pair_action = {(g.person_id, g.colleague_id): g.action for g in found.fading}
    for g in found.overdue:
        pair_action.setdefault((g.person_id, g.colleague_id), g.action)
    wanted = [
        (s, d)
        for s in sections
        for d in s.directors
        if not d.covered or any(c.person_id == d.id for c in s.dropped)
    ]
    interests = {p.id: p.interests for p in named(db, [d.id for _, d in wanted]).values()}
    out = []
    for s, d in wanted:
        drops = [c for c in s.dropped if c.person_id == d.id]
        reason = ", ".join(
            r for r, yes in (("uncovered", not d.covered), ("fading", bool(drops))) if yes
        )
        action = by_person.get((s.id, d.id))
        if action is None:
            action = next(
                (pair_action[k] for c in drops if (k := (d.id, c.colleague_id)) in pair_action),
                None,
            )
        if action is not None:
            colleague, via, text = action.colleague_id, action.via, action.text
            shared = action.shared_interests
        else:
            drop = drops[0]
            colleague, via, shared = drop.colleague_id, "tie", ()
            text = (
                f"{d.name} ({d.title or 'director'}, {s.name}): keep up the relationship through"
                f" {drop.colleague_name}, at level {drop.level_now} now after"
                f" {drop.level_before} a quarter ago."
            )
        names = {**found.names, **{k.id: k.name for k in d.known_by}}
        out.append(
            Action(
                s.id, s.name, d.id, d.name, d.title, reason, colleague,
                names.get(colleague) if colleague else None, via,
                occasion_for(interests.get(d.id, ()), shared), text,
            )
        )  # fmt: skip
    return tuple(out)


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _risks(sections: Sequence[ClientSection], report_quarter: str) -> tuple[str, ...]:
    """The three biggest risks, one sentence each: a coverage fall, a key person, an exposed
    client; taken in turn from each kind, biggest first."""
    falls = []
    for s in sorted(
        (s for s in sections if s.previous_coverage is not None),
        key=lambda s: (s.coverage - (s.previous_coverage or 0.0), s.name, s.id),
    ):
        assert s.previous_coverage is not None
        if s.coverage >= s.previous_coverage:
            break
        lost = [d.name for d in s.directors if not d.covered and (d.level_before or 0) >= 3]
        why = f": {_names(lost)} no longer known personally by anyone" if lost else ""
        falls.append(
            f"{s.name}'s coverage fell from {_pct(s.previous_coverage)} to {_pct(s.coverage)}"
            f" in {report_quarter}{why}."
        )
    hangs: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for s in sections:
        for t in s.single_threaded:
            hangs[(t.colleague_id, t.colleague_name)].append((t.name, s.name))
    keys = []
    for (_, colleague), held in sorted(hangs.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(held) == 1:
            person, client = held[0]
            keys.append(f"{person} of {client} hangs on {colleague} alone.")
        else:
            clients = sorted({c for _, c in held})
            keys.append(
                f"{colleague} is the only personal relationship of {len(held)} directors at"
                f" {_names(clients)}."
            )
    exposed = []
    for s in sections:
        if s.exposure <= 0 or not s.uncovered:
            continue
        top = [d for d in s.uncovered if d.is_top]
        among = f", {_names([d.title or d.name for d in top])} among them" if top else ""
        exposed.append(
            f"{s.name} is exposed: {len(s.uncovered)} of its {len(s.directors)} directors"
            f"{among}, known personally by nobody (coverage {_pct(s.coverage)})."
        )
    out: list[str] = []
    for i in range(max(len(falls), len(keys), len(exposed))):
        out += [kind[i] for kind in (falls, keys, exposed) if i < len(kind)]
    return tuple(out[:3])


def _names(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    if len(items) > 3:
        return f"{', '.join(items[:3])} and {len(items) - 3} more"
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _levels(directors: Sequence[DirectorCoverage]) -> tuple[int, ...]:
    return tuple(sum(d.best_level == level for d in directors) for level in range(5))


def build_report(
    db: Database,
    quarter: str,
    organisation_id: str | None = None,
    *,
    generated: date | None = None,
    quarters: int = HISTORY_QUARTERS,
    config: CoverageConfig | None = None,
) -> Report:
    """The report for ``quarter`` (``"2026Q3"``): every client, or one organisation, as of the
    quarter end compared with the previous quarter end."""
    cfg = config or CoverageConfig()
    q = Quarter.parse(quarter)
    span = q.history(max(2, quarters))
    histories = Histories(q.end)
    views = {p: TieView(db, p.end, histories=histories) for p in span}
    # the older quarters only feed the coverage chart: their covered directors suffice
    states = {
        p: _state(db, views[p], organisation_id, 1 if p in (q, q.previous) else cfg.covered_level)
        for p in span
    }
    clients, now = states[q]
    before_by_org = states[q.previous][1]
    all_now = [d for ds in now.values() for d in ds]
    all_before = [d for ds in before_by_org.values() for d in ds]
    history = tuple(
        score([d for ds in states[p][1].values() for d in ds], cfg)
        if any(states[p][1].values())
        else None
        for p in span
    )
    anyone = any(d.known_by for d in (*all_now, *all_before))
    sections: list[ClientSection] = []
    actions: tuple[Action, ...] = ()
    if anyone:
        found = gaps(db, q.end, organisation_id, ties=views[q])
        for org in clients:
            before = {d.id: d for d in before_by_org.get(org.id, [])}
            by_quarter = tuple(
                score(states[p][1][org.id], cfg) if states[p][1].get(org.id) else None for p in span
            )
            previous = score(list(before.values()), cfg) if before else None
            sections.append(
                _section(org, now.get(org.id, []), before, found, by_quarter, previous, cfg)
            )
        sections.sort(key=lambda s: (-s.exposure, s.coverage, s.name, s.id))
        actions = _actions(db, sections, found)
    scope = clients[0].name if organisation_id is not None and clients else "all clients"
    summary = Summary(
        clients=len(clients),
        directors=len(all_now),
        coverage=score(all_now, cfg),
        previous_coverage=score(all_before, cfg),
        levels_now=_levels(all_now),
        levels_before=_levels(all_before),
        risks=_risks(sections, q.label),
    )
    return Report(
        quarter=q.label,
        as_of=q.end,
        previous_quarter=q.previous.label,
        previous_as_of=q.previous.end,
        organisation_id=organisation_id,
        scope=scope,
        quarters=tuple(p.label for p in span),
        history=history,
        summary=summary,
        clients=tuple(sections),
        actions=actions,
        generated=generated or date.today(),
    )

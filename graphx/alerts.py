"""Alerts: what changed in our client relationships since a date, each with what to do.

Five kinds, each dated by the day it happened; ``alerts(db, as_of, since)`` reports those
that happened after ``since`` and by ``as_of`` (an upcoming departure counts from the day it
is known: its date is the departure's):

- ``level_fell``: a client director (then and now) whose best tie to any of us stood lower on
  ``as_of`` than on ``since``; it names the colleague who held the best tie on ``since``, the
  first day their tie stood lower, and why it stands where it does now (the depth model's
  explanation), or that the colleague left us;
- ``director_left``: a board or executive job at a client ended;
- ``director_moved``: someone who directed a client shows up at another organisation: a job
  there that started, or a person created from an unknown address in mail or calendar who
  bears their name and works there (by the address's domain) took part in a first
  conversation; with that organisation's kind (a former director now at a prospect is a warm
  lead);
- ``sole_tie_leaving``: the only colleague with a business-or-better tie to a client director
  is leaving us (their job has an end date) or has left;
- ``agenda_overdue``: a personal-or-better tie to a client director went past its silence limit
  (:mod:`graphx.gaps`' overdue rule, the agenda's): dated the first day it was overdue.

The rules of who directs a client, who is a colleague and what a tie stands at are those of
:mod:`graphx.directory`, :mod:`graphx.coverage` and :mod:`graphx.ties.view`; opted-out people
appear nowhere.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from graphx.coverage import DirectorCoverage, client_coverage
from graphx.db import Database
from graphx.gaps import GapsConfig, gaps
from graphx.importers.resolve import AUTO_PERSON_PREFIX
from graphx.model import Arrival, Director, Employment, Level, Organisation, Tie, to_json
from graphx.relationship import contacts_of
from graphx.repository import employment
from graphx.repository.employment import client_directors, colleagues
from graphx.repository.people import namesakes
from graphx.ties.model import configured, score_pair
from graphx.ties.view import TieView, explain, until
from graphx.ties.wording import level_reason

DEFAULT_DAYS = 30
"""Without a ``since``, alerts cover the 30 days up to ``as_of``."""
KINDS = ("level_fell", "director_left", "director_moved", "sole_tie_leaving", "agenda_overdue")
BUSINESS = int(Level.BUSINESS)


@dataclass(frozen=True)
class Named:
    """A person an alert is about, and their part in it (``director`` or ``colleague``)."""

    id: str
    name: str
    role: str


@dataclass(frozen=True)
class Alert:
    """One change: its kind, the day it happened, the people and organisation, a sentence a
    director reads and what to do; ``to_organisation`` where a director showed up."""

    kind: str
    date: date
    organisation: Organisation
    people: tuple[Named, ...]
    text: str
    action: str
    to_organisation: Organisation | None = None

    def to_json(self) -> dict[str, Any]:
        def org(o: Organisation | None) -> dict[str, str] | None:
            return None if o is None else {"id": o.id, "name": o.name, "kind": o.kind}

        return {
            "kind": self.kind,
            "date": self.date,
            "organisation": org(self.organisation),
            "to_organisation": org(self.to_organisation),
            "people": to_json(self.people),
            "text": self.text,
            "action": self.action,
        }


@dataclass(frozen=True)
class Alerts:
    """The alerts between ``since`` (excluded) and ``as_of``, latest first."""

    as_of: date
    since: date
    organisation_id: str | None
    alerts: tuple[Alert, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "since": self.since,
            "organisation": self.organisation_id,
            "alerts": to_json(self.alerts),
        }


def _who(d: Director | DirectorCoverage, org: Organisation) -> str:
    return f"{d.name} ({d.title or 'director'}, {org.name})"


def _known_as(level: int) -> str:
    return {1: "has met them", 2: "knows them through business", 3: "knows them personally",
            4: "knows them well"}.get(level, "knows them")  # fmt: skip


def _first_lower(
    db: Database, colleague: str, director: str, level: int, since: date, as_of: date
) -> date:
    """The first day after ``since`` on which the pair's tie stood below ``level``."""
    config = configured()
    _, history = explain(db, colleague, director, as_of, config)
    a, b = sorted((colleague, director))
    contacts = contacts_of(history)
    day = since + timedelta(days=1)
    while day < as_of and score_pair(a, b, contacts, day, config).level >= level:
        day += timedelta(days=1)
    return day


class _Scan:
    """What the five rules share: the dates, the clients, our colleagues, the ties."""

    def __init__(self, db: Database, as_of: date, since: date) -> None:
        self.db, self.as_of, self.since = db, as_of, since
        self.view = TieView(db, as_of)
        self.team = colleagues(db, as_of)
        self.clients, self.directors = client_directors(db, as_of)
        self.orgs = {o.id: o for o in self.clients}
        self.leavers = employment.home_leavers(db, since)

    def level_fell(self) -> list[Alert]:
        # business+ ties decide most; a director whose best fell below business is looked
        # at again with every tie (met ones too)
        clients, then = client_coverage(self.db, self.since, TieView(self.db, self.since), 1)
        _, now = client_coverage(self.db, self.as_of, self.view, BUSINESS)
        out = []
        for org in clients:
            current = {d.id: d.best_level for d in now.get(org.id, [])}
            for before in then.get(org.id, []):
                level = current.get(before.id)
                if level is None or level >= before.best_level:
                    continue
                if level < BUSINESS:
                    best = self._best_of_us([before.id]).get(before.id)
                    level = best.level if best else 0
                    if level >= before.best_level:
                        continue
                out.append(self._fell(org, before, level))
        return out

    def _fell(self, org: Organisation, before: DirectorCoverage, level: int) -> Alert:
        best = before.known_by[0]
        if best.id in self.team:
            tie, _ = explain(self.db, best.id, before.id, self.as_of)
            why = f"{best.name}'s tie: {level_reason(tie.components)}"
            when = _first_lower(
                self.db, best.id, before.id, before.best_level, self.since, self.as_of
            )
            action = f"Ask {best.name} to meet {before.name} in person soon."
        else:
            why = f"{best.name}, who held it, no longer works with us"
            left = self.leavers.get(best.id)
            when = left[1] if left else self.as_of
            action = f"Find who of us should take over {best.name}'s tie to {before.name}."
        text = (
            f"{_who(before, org)}: our best tie fell from {Level(before.best_level).label} to"
            f" {Level(level).label}; {why}."
        )
        people = (Named(before.id, before.name, "director"),
                  Named(best.id, best.name, "colleague"))  # fmt: skip
        return Alert("level_fell", when, org, people, text, action)

    def _best_of_us(self, person_ids: list[str]) -> dict[str, Tie]:
        best: dict[str, Tie] = {}
        for t in self.view.between(person_ids, list(self.team)):
            if t.a != t.b and (
                t.a not in best or (t.level, t.strength) > (best[t.a].level, best[t.a].strength)
            ):
                best[t.a] = t
        return best

    def _ask_colleague(self, best: Tie | None, name: str, then: str) -> str:
        if best is None:
            return f"Nobody of us knows {name} yet: find a warm introduction, then {then}"
        return f"Ask {self.team[best.b].name}, who {_known_as(best.level)}, to {then}"

    def departures(self) -> list[Alert]:
        """Directors who left a client, and those who showed up elsewhere."""
        found = employment.director_jobs(self.db)
        jobs: dict[str, list[Employment]] = defaultdict(list)
        for job in found:
            jobs[job.person_id].append(job)
        best = self._best_of_us(sorted(jobs))
        out = []
        for job in found:
            ended = job.until
            if ended is None or not self.since < ended <= self.as_of:
                continue
            org = job.organisation
            name, tie = job.person_name, best.get(job.person_id)
            text = f"{name}, {job.title or 'director'} of {org.name}, left on {ended.isoformat()}."
            action = self._ask_colleague(
                tie, name, f"stay in touch with {name} and learn where they go; meet their "
                f"successor at {org.name}."
            )  # fmt: skip
            out.append(Alert("director_left", ended, org, self._people(job, tie), text, action))
        moves = employment.jobs_started(self.db, sorted(jobs), self.since, self.as_of)
        moves += namesakes(
            self.db, {k: v[0].person_name for k, v in jobs.items()}, AUTO_PERSON_PREFIX,
            until(self.since), until(self.as_of),
        )  # fmt: skip
        seen: set[tuple[str, str]] = set()
        for m in sorted(moves, key=lambda m: (m.person_id, m.day)):
            pid, to_id = m.person_id, m.organisation.id
            directed = [j for j in jobs[pid] if j.organisation.id != to_id]
            if not directed or (pid, to_id) in seen:
                continue
            seen.add((pid, to_id))
            job = max(directed, key=lambda j: (j.until or date.max, j.organisation.id))
            out.append(self._moved(job, m, best.get(pid)))
        return out

    def _people(self, job: Employment, tie: Tie | None) -> tuple[Named, ...]:
        director = Named(job.person_id, job.person_name, "director")
        if tie is None:
            return (director,)
        return director, Named(tie.b, self.team[tie.b].name, "colleague")

    def _moved(self, job: Employment, move: Arrival, tie: Tie | None) -> Alert:
        org, to = job.organisation, move.organisation
        name, day = job.person_name, move.day
        how = f"mail or calendar from {move.address}" if move.address else "a new job there"
        was = "is" if job.until is None or job.until > self.as_of else "was"
        text = (
            f"{name}, who {was} {job.title or 'director'} of {org.name}, shows up at"
            f" {to.name} ({to.kind}) on {day.isoformat()}: {how}."
        )
        then = {
            "prospect": f"congratulate {name} (a warm lead into {to.name}).",
            "client": f"reconnect with {name} at {to.name}, another of our clients.",
        }.get(to.kind, f"keep in touch with {name} at {to.name}.")
        action = self._ask_colleague(tie, name, then)
        return Alert("director_moved", day, org, self._people(job, tie), text, action, to)

    def sole_ties(self) -> list[Alert]:
        leavers = self.leavers
        if not leavers:
            return []
        team = dict(colleagues(self.db, self.since)) | dict(self.team)
        by_director: dict[str, list[Tie]] = defaultdict(list)
        ids = sorted({d.id for d in self.directors})
        for t in self.view.between(ids, list(team), BUSINESS):
            if t.a != t.b:
                by_director[t.a].append(t)
        out = []
        for d in self.directors:
            links = by_director.get(d.id, [])
            if len(links) != 1 or links[0].b not in leavers:
                continue
            (only,) = links
            leaver, ends = leavers[only.b]
            org = self.orgs[d.organisation_id]
            goes = "leaves us" if ends > self.as_of else "left us"
            text = (
                f"{leaver.name} is the only one of us who knows {_who(d, org)} through"
                f" business or better ({Level(only.level).label}), and {goes} on"
                f" {ends.isoformat()}."
            )
            action = (
                f"Before {ends.isoformat()}, ask {leaver.name} to introduce a colleague to"
                f" {d.name}."
                if ends > self.as_of
                else f"Find who of us should take over {d.name}: {leaver.name} has left."
            )
            people = (
                Named(d.id, d.name, "director"),
                Named(only.b, leaver.name, "colleague"),
            )
            out.append(Alert("sole_tie_leaving", ends, org, people, text, action))
        return out

    def overdue(self) -> list[Alert]:
        cfg = GapsConfig()
        found = gaps(self.db, self.as_of, None, cfg, ties=self.view, team=self.team)
        directors = {d.id: d for d in self.directors}
        out = []
        for g in found.overdue:
            limit = (
                g.target_days
                if g.reason == "cadence"
                else (g.usual_gap_days or 0) * cfg.rhythm_factor
            )
            due = g.last_contact + timedelta(days=math.floor(limit) + 1)
            if due <= self.since:
                continue
            d, org = directors[g.person_id], self.orgs[g.organisation_id]
            colleague = self.team[g.colleague_id].name
            rule = "their role's cadence" if g.reason == "cadence" else "your usual rhythm"
            text = (
                f"{_who(d, org)}: {colleague}'s {Level(g.level).label} tie has been silent"
                f" {g.days_silent} days, overdue since {due.isoformat()} ({rule}:"
                f" {math.floor(limit)} days)."
            )
            action = f"{colleague}: get in touch with {d.name} this week."
            people = (
                Named(d.id, d.name, "director"),
                Named(g.colleague_id, colleague, "colleague"),
            )
            out.append(Alert("agenda_overdue", due, org, people, text, action))
        return out


def alerts(
    db: Database,
    as_of: date,
    since: date | None = None,
    organisation_id: str | None = None,
) -> Alerts:
    """Everything of :data:`KINDS` that happened after ``since`` (default 30 days before
    ``as_of``) and by ``as_of``, for one organisation (the client, or where a director showed
    up) or every client; latest first."""
    start = since if since is not None else as_of - timedelta(days=DEFAULT_DAYS)
    scan = _Scan(db, as_of, start)
    found = [*scan.level_fell(), *scan.departures(), *scan.sole_ties(), *scan.overdue()]
    if organisation_id is not None:
        found = [
            a
            for a in found
            if organisation_id in (a.organisation.id, a.to_organisation and a.to_organisation.id)
        ]
    found.sort(key=lambda a: (-a.date.toordinal(), KINDS.index(a.kind), a.organisation.id,
                              [p.id for p in a.people]))  # fmt: skip
    return Alerts(as_of, start, organisation_id, tuple(found))

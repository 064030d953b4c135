"""Coverage maps: who of our colleagues knows each director of a client, and how well.

A director is *covered* when some colleague knows them at level 3 (personal) or more. The
organisation's coverage is the weighted share of its directors that are covered, the chair
and the CEO weighing ``top_weight`` (default 2), other directors 1 (see docs/analytics.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from graphx.db import Database
from graphx.errors import NotFound
from graphx.model import Director, Level, Organisation, Person, Tie, to_json
from graphx.repository import organisations
from graphx.repository.employment import client_directors, colleagues, directors_of
from graphx.ties.view import TieView

COVERED_LEVEL = Level.PERSONAL
TREND_DAYS = 91
"""The portfolio's trend compares with this many days earlier (one quarter)."""


@dataclass(frozen=True)
class CoverageConfig:
    """How the coverage score weighs directors."""

    top_weight: float = 2.0  # chair and CEO (by title)
    other_weight: float = 1.0
    covered_level: int = COVERED_LEVEL


@dataclass(frozen=True)
class Acquaintance:
    """A colleague who knows a director: the tie's level, strength and last contact."""

    id: str
    name: str
    level: int
    strength: float
    last_contact: datetime | None


@dataclass(frozen=True)
class DirectorCoverage:
    """One director and the colleagues who know them, best first."""

    id: str
    name: str
    title: str
    level: str
    is_top: bool
    best_level: int
    known_by: tuple[Acquaintance, ...]


@dataclass(frozen=True)
class Coverage:
    """The coverage map of one organisation as of a date."""

    organisation: Organisation
    as_of: date
    coverage: float
    directors: tuple[DirectorCoverage, ...]

    @property
    def covered(self) -> int:
        return sum(d.best_level >= COVERED_LEVEL for d in self.directors)

    def to_json(self) -> dict[str, Any]:
        return {
            "organisation": {"id": self.organisation.id, "name": self.organisation.name},
            "as_of": self.as_of,
            "coverage": self.coverage,
            "directors": to_json(self.directors),
        }


@dataclass(frozen=True)
class PortfolioRow:
    """One client in the portfolio: score, directors, covered directors, trend."""

    organisation_id: str
    organisation_name: str
    coverage: float
    directors: int
    covered: int
    previous_coverage: float | None
    trend: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "organisation": {"id": self.organisation_id, "name": self.organisation_name},
            "coverage": self.coverage,
            "directors": self.directors,
            "covered": self.covered,
            "previous_coverage": self.previous_coverage,
            "trend": self.trend,
        }


def score(directors: list[DirectorCoverage], config: CoverageConfig | None = None) -> float:
    """Weighted share of covered directors, 0 when there are none.

    >>> d = lambda top, best: DirectorCoverage("x", "x", "", "board", top, best, ())
    >>> score([d(True, 3), d(False, 2), d(False, 0)])
    0.5
    >>> score([d(True, 2), d(False, 4)]), score([])
    (0.3333, 0.0)
    """
    cfg = config or CoverageConfig()
    total = covered = 0.0
    for d in directors:
        weight = cfg.top_weight if d.is_top else cfg.other_weight
        total += weight
        covered += weight if d.best_level >= cfg.covered_level else 0.0
    return round(covered / total, 4) if total else 0.0


def _map(
    directors: list[Director], links: list[Tie], known: Mapping[str, Person]
) -> list[DirectorCoverage]:
    by_director: dict[str, list[Acquaintance]] = defaultdict(list)
    for link in links:
        if link.a == link.b:
            continue
        person = known[link.b]
        by_director[link.a].append(
            Acquaintance(person.id, person.name, link.level, link.strength, link.last_contact)
        )
    out = []
    for d in directors:
        acq = sorted(by_director.get(d.id, []), key=lambda k: (-k.level, -k.strength, k.id))
        best = acq[0].level if acq else 0
        out.append(DirectorCoverage(d.id, d.name, d.title, d.level, d.is_top, best, tuple(acq)))
    return out


def coverage(
    db: Database,
    organisation_id: str,
    as_of: date,
    config: CoverageConfig | None = None,
    *,
    ties: TieView | None = None,
    min_level: int = 1,
    team: Mapping[str, Person] | None = None,
) -> Coverage:
    """Directors of ``organisation_id`` as of ``as_of``, who of us knows them (at ``min_level``
    or above), and the score. ``team``: our colleagues as of ``as_of`` (``colleagues``), when
    the caller has them."""
    match = [o for o in organisations.by_key(db, organisation_id) if o.id == organisation_id]
    if not match:
        raise NotFound(f"no organisation with id {organisation_id!r}")
    org = match[0]
    directors = directors_of(db, organisation_id, as_of)
    team = team if team is not None else colleagues(db, as_of)
    view = ties or TieView(db, as_of)
    links = view.between([d.id for d in directors], list(team), min_level)
    mapped = _map(directors, links, team)
    return Coverage(org, as_of, score(mapped, config), tuple(mapped))


def _scores(
    db: Database, as_of: date, view: TieView, min_level: int = 1
) -> tuple[list[Organisation], dict[str, list[DirectorCoverage]]]:
    """Every client and its directors' coverage, from the ties of ``min_level`` and above."""
    clients, directors = client_directors(db, as_of)
    team = colleagues(db, as_of)
    links = view.between(sorted({d.id for d in directors}), list(team), min_level)
    by_org: dict[str, list[DirectorCoverage]] = defaultdict(list)
    for d, mapped in zip(directors, _map(directors, links, team), strict=True):
        by_org[d.organisation_id].append(mapped)
    return clients, by_org


def client_coverage(
    db: Database, as_of: date, ties: TieView, min_level: int = 1
) -> tuple[list[Organisation], dict[str, list[DirectorCoverage]]]:
    """Every client, and its directors' coverage as of ``as_of`` by client id from the ties of
    ``min_level`` and above (one ties lookup for all of them; the quarterly report calls it
    once per quarter end)."""
    return _scores(db, as_of, ties, min_level)


def portfolio(
    db: Database,
    as_of: date,
    config: CoverageConfig | None = None,
    *,
    trend: bool = True,
    ties: TieView | None = None,
) -> list[PortfolioRow]:
    """Every client's score, directors and covered directors, with the change since 91 days
    earlier (``trend=False`` skips that second, computed evaluation). Weakest first."""
    cfg = config or CoverageConfig()
    # the scores need only the ties that cover a director
    view = ties or TieView(db, as_of)
    clients, now = _scores(db, as_of, view, cfg.covered_level)
    before: dict[str, list[DirectorCoverage]] | None = None
    if trend:
        earlier = as_of - timedelta(days=TREND_DAYS)
        then = TieView(db, earlier, config=view.config)
        _, before = _scores(db, earlier, then, cfg.covered_level)
    rows = []
    for org in clients:
        mapped = now.get(org.id, [])
        value = score(mapped, cfg)
        previous = score(before.get(org.id, []), cfg) if before is not None else None
        rows.append(
            PortfolioRow(
                organisation_id=org.id,
                organisation_name=org.name,
                coverage=value,
                directors=len(mapped),
                covered=sum(d.best_level >= cfg.covered_level for d in mapped),
                previous_coverage=previous,
                trend=None if previous is None else round(value - previous, 4),
            )
        )
    return sorted(rows, key=lambda r: (r.coverage, r.organisation_name, r.organisation_id))

"""The depth model: how well two people know each other, from their conversations.

Pure: no database. Given one pair's conversation history and a date, :func:`score_pair`
returns a :class:`graphx.model.Tie` with a ``strength`` (a number), a ``level`` 0-4 (none, met,
business, personal, trusted) and ``components``: sentences that say why. The formula,
its grounds and its defaults are in ``docs/depth.md``; every weight and threshold lives in
:class:`Config`, loaded from a TOML file (defaults: ``graphx/ties/defaults.toml``).

Scale of ``strength``: one one-hour, one-to-one business meeting held on the as-of date
contributes 1.0. Each conversation contributes::

    kind_weight[kind] x depth_weight[depth] x group factor x duration factor x decay

plus a reciprocity bonus (both sides organise) and a bonus for the years the relationship
has lasted. A few examples of the parts:

>>> cfg = Config.default()
>>> [round(group_factor(n, cfg), 3) for n in (2, 4, 150)]
[1.0, 0.333, 0.007]
>>> duration_factor(60, cfg), duration_factor(240, cfg), duration_factor(None, cfg)
(1.0, 2.0, 1.0)
>>> effective_depth("personal", 20, cfg), effective_depth("business", 200, cfg)
('business', 'outside')
"""

from __future__ import annotations

import hashlib
import json
import math
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from graphx.config import load_settings
from graphx.errors import ConfigError
from graphx.model import (
    CONVERSATION_KINDS,
    DEFAULT_DEPTH,
    DEPTHS,
    YEAR_DAYS,
    Contact,
    Level,
    Organiser,
    Tie,
)
from graphx.ties.wording import components, count

DEFAULTS_PATH = Path(__file__).with_name("defaults.toml")
_SECTIONS = ("group", "duration", "decay", "bonus", "levels")
DEPTH_RANK = {depth: rank for rank, depth in enumerate(DEPTHS)}
"""Effective depths in order: outside 0, business 1, personal 2 (``Prepared.rank``)."""
_LN2 = math.log(2)


@dataclass(frozen=True)
class Config:
    """Every weight and threshold of the model (see ``defaults.toml`` for each meaning).

    TOML tables map to fields: ``[kind_weight]`` and ``[depth_weight]`` are mappings, and a
    key ``k`` of table ``[group]``, ``[duration]``, ``[decay]``, ``[bonus]`` or ``[levels]``
    is the field ``<table>_<k>`` (``[decay] half_life_days`` is ``decay_half_life_days``).
    """

    kind_weight: Mapping[str, float]
    depth_weight: Mapping[str, float]
    group_exponent: float
    group_personal_max: int
    group_business_max: int
    duration_reference_minutes: float
    duration_exponent: float
    duration_min_factor: float
    duration_max_factor: float
    decay_half_life_days: float
    decay_half_life_days_per_year: float
    decay_max_half_life_days: float
    bonus_reciprocity: float
    bonus_per_year: float
    bonus_max_years: float
    levels_recent_days: int
    levels_business_min_strength: float
    levels_business_min_recent: int
    levels_personal_min_strength: float
    levels_personal_min_recent: int
    levels_trusted_min_strength: float
    levels_trusted_min_personal_years: int
    levels_trusted_min_initiations: int

    @classmethod
    def default(cls) -> Config:
        """The defaults of ``graphx/ties/defaults.toml``."""
        return _default_config()

    @classmethod
    def from_toml(cls, path: Path | str) -> Config:
        """The defaults overridden by the tables of the TOML file at ``path``.

        Raises ConfigError naming the file and the key when a key is unknown or a value
        is not a number.
        """
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the depth model settings: {exc}") from exc
        return _merge(asdict(cls.default()), data, str(path))

    @property
    def fingerprint(self) -> str:
        """A short hash of every value: stored ties remember which settings made them."""
        text = json.dumps(asdict(self), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:12]


def _merge(base: dict[str, Any], data: Mapping[str, Any], where: str) -> Config:
    values = dict(base)
    kinds: dict[str, tuple[str, ...]] = {
        "kind_weight": CONVERSATION_KINDS,
        "depth_weight": DEPTHS,
    }
    for table, entries in data.items():
        if not isinstance(entries, Mapping):
            raise ConfigError(f"{where}: {table!r} must be a table")
        for key, value in entries.items():
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{where}: [{table}] {key} must be a number >= 0")
            if table in kinds:
                if key not in kinds[table]:
                    raise ConfigError(f"{where}: [{table}] {key}: not one of {kinds[table]}")
                values[table] = {**values[table], key: float(value)}
            elif table in _SECTIONS and f"{table}_{key}" in values:
                name = f"{table}_{key}"
                values[name] = type(base[name])(value)
            else:
                raise ConfigError(f"{where}: unknown setting [{table}] {key}")
    return Config(**values)


@cache
def _default_config() -> Config:
    data = tomllib.loads(DEFAULTS_PATH.read_text(encoding="utf-8"))
    flat: dict[str, Any] = {"kind_weight": {}, "depth_weight": {}}
    for table, entries in data.items():
        for key, value in entries.items():
            if table in flat:
                flat[table][key] = float(value)
            else:
                flat[f"{table}_{key}"] = value
    names = {f.name: f.type for f in fields(Config)}
    missing = set(names) - set(flat)
    if missing:
        raise ConfigError(f"{DEFAULTS_PATH}: missing {sorted(missing)}")
    ints = {n for n, t in names.items() if t == "int"}
    values: dict[str, Any] = {k: int(v) if k in ints else v for k, v in flat.items()}
    return Config(**values)


def configured() -> Config:
    """The depth model's settings for this process: ``GRAPHX_DEPTH_CONFIG`` (a TOML file of
    the shape of ``defaults.toml``), else the defaults. Every path reads them here."""
    path = load_settings().depth_config
    if path is None:
        return Config.default()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise ConfigError(f"GRAPHX_DEPTH_CONFIG={path}: cannot read it: {exc}") from exc
    return _from_file(str(path), stamp)


@cache
def _from_file(path: str, stamp: int) -> Config:
    """The settings of one version (modification time ``stamp``) of a TOML file."""
    return Config.from_toml(path)


# --- the parts of the formula ---------------------------------------------------------


def group_factor(participants: int, config: Config) -> float:
    """A pair's share of one conversation among ``n`` people: ``(1 / (n - 1)) ** exponent``.

    Each participant's attention is split equally among the ``n - 1`` others present
    (Newman 2001), so with the default exponent 1 a pair gets ``1 / (n - 1)`` of what a
    one-to-one gives. Non-increasing in the group size; groups below two count as two.

    >>> cfg = Config.default()
    >>> [round(group_factor(n, cfg), 3) for n in (1, 2, 3, 4, 10, 300)]
    [1.0, 1.0, 0.5, 0.333, 0.111, 0.003]
    """
    return float((1.0 / (max(participants, 2) - 1)) ** config.group_exponent)


def duration_factor(minutes: float | None, config: Config) -> float:
    """Longer conversations weigh more, within bounds; unknown duration is 1.

    >>> cfg = Config.default()
    >>> duration_factor(15, cfg), duration_factor(120, cfg) == 2 ** 0.5
    (0.5, True)
    """
    if minutes is None or minutes <= 0:
        return 1.0
    value = float((minutes / config.duration_reference_minutes) ** config.duration_exponent)
    return min(config.duration_max_factor, max(config.duration_min_factor, value))


def effective_depth(depth: str, participants: int, config: Config) -> str:
    """The depth a conversation has for each pair in it: intimacy needs a small group.

    A personal conversation among more than ``group_personal_max`` people counts as
    business, and a business one among more than ``group_business_max`` as outside.

    >>> cfg = Config.default()
    >>> effective_depth("personal", 2, cfg), effective_depth("personal", 9, cfg)
    ('personal', 'business')
    >>> effective_depth("personal", 31, cfg)
    'outside'
    """
    if depth == "personal" and participants > config.group_personal_max:
        depth = "business"
    if depth == "business" and participants > config.group_business_max:
        depth = "outside"
    return depth


def half_life_days(span_days: float, config: Config) -> float:
    """The decay half-life of a relationship that has lasted ``span_days`` (first to last).

    >>> cfg = Config.default()
    >>> half_life_days(0, cfg), half_life_days(365.25, cfg), half_life_days(3650, cfg)
    (180.0, 360.0, 720.0)
    """
    value = config.decay_half_life_days + config.decay_half_life_days_per_year * (
        span_days / YEAR_DAYS
    )
    return float(min(config.decay_max_half_life_days, value))


def base_weight(
    kind: str, depth: str | None, participants: int, minutes: float | None, config: Config
) -> tuple[float, str]:
    """The undecayed weight of one conversation for a pair in it, and its effective depth.

    >>> cfg = Config.default()
    >>> base_weight("meeting", "business", 2, 60, cfg)
    (1.0, 'business')
    >>> w, d = base_weight("event", None, 150, 120, cfg); (round(w, 4), d)
    (0.0024, 'outside')
    """
    tagged = depth or DEFAULT_DEPTH.get(kind, "business")
    eff = effective_depth(tagged, participants, config)
    weight = (
        config.kind_weight.get(kind, 1.0)
        * config.depth_weight[eff]
        * group_factor(participants, config)
        * duration_factor(minutes, config)
    )
    return weight, eff


# --- the pair's evaluation ------------------------------------------------------------


class Prepared(NamedTuple):
    """One contact reduced to what the formula needs (shared by all pairs of a conversation)."""

    day: int  # proleptic ordinal of the UTC date
    base: float
    rank: int  # effective depth: 0 outside, 1 business, 2 personal
    kind: str
    organiser: str
    when: datetime
    participants: int
    year: int


def _as_datetime(value: datetime | date) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time(), tzinfo=UTC)


def prepare(contact: Contact, config: Config) -> Prepared:
    """The contact's day, base weight and effective depth."""
    when = _as_datetime(contact.date)
    utc = when.astimezone(UTC)
    base, eff = base_weight(
        contact.kind, contact.depth, contact.participants, contact.duration_minutes, config
    )
    return Prepared(
        utc.toordinal(), base, DEPTH_RANK[eff], contact.kind, contact.organiser, when,
        contact.participants, utc.year,
    )  # fmt: skip


@dataclass
class Stats:
    """One pair's evaluation as of a day: the sums of the formula, the counts the level rules
    read, and the strength and level they give (:func:`evaluate`)."""

    n: int = 0
    total: float = 0.0
    by_a: float = 0.0
    by_b: float = 0.0
    substantive: float = 0.0
    personal: float = 0.0
    recent_substantive: int = 0
    recent_personal: int = 0
    personal_years: set[int] = field(default_factory=set)
    org_a: int = 0
    org_b: int = 0
    half_life: float = 0.0
    reciprocity: float = 0.0
    years_bonus: float = 0.0
    substantive_years: float = 0.0
    strength: float = 0.0
    level: int = 0


def evaluate(items: Sequence[Prepared], as_of_day: int, config: Config) -> Stats:
    """Strength and level of a pair from its prepared contacts (sorted by day, <= as_of)."""
    s = Stats(n=len(items))
    if not items:
        return s
    s.half_life = half_life_days(items[-1].day - items[0].day, config)
    k = _LN2 / s.half_life
    recent_from = as_of_day - config.levels_recent_days
    first_sub = last_sub = -1
    exp = math.exp
    for it in items:
        w = it.base * exp(-k * (as_of_day - it.day))
        s.total += w
        org = it.organiser
        if org == "a" or org == "both":
            s.by_a += w
            if it.rank:
                s.org_a += 1
        if org == "b" or org == "both":
            s.by_b += w
            if it.rank:
                s.org_b += 1
        if it.rank:
            s.substantive += w
            if first_sub < 0:
                first_sub = it.day
            last_sub = it.day
            recent = it.day >= recent_from
            if recent:
                s.recent_substantive += 1
            if it.rank == 2:
                s.personal += w
                s.personal_years.add(it.year)
                if recent:
                    s.recent_personal += 1
    s.reciprocity = config.bonus_reciprocity * min(s.by_a, s.by_b)
    if last_sub >= 0:
        s.substantive_years = (last_sub - first_sub) / YEAR_DAYS
        s.years_bonus = (
            config.bonus_per_year
            * min(s.substantive_years, config.bonus_max_years)
            * exp(-k * (as_of_day - last_sub))
        )
    s.strength = s.total + s.reciprocity + s.years_bonus
    s.level = int(_level(s, config))
    return s


def _level(s: Stats, c: Config) -> int:
    if s.n == 0:
        return Level.NONE
    if not (
        s.substantive >= c.levels_business_min_strength
        and s.recent_substantive >= c.levels_business_min_recent
    ):
        return Level.MET
    if not (
        s.personal >= c.levels_personal_min_strength
        and s.recent_personal >= c.levels_personal_min_recent
    ):
        return Level.BUSINESS
    if (
        s.strength >= c.levels_trusted_min_strength
        and len(s.personal_years) >= c.levels_trusted_min_personal_years
        and min(s.org_a, s.org_b) >= c.levels_trusted_min_initiations
    ):
        return Level.TRUSTED
    return Level.PERSONAL


def last_deep(items: Sequence[Prepared], config: Config, checks: int = 12) -> datetime | None:
    """The last personal contact as of which the tie stood at level 3+ (last ``checks`` tried)."""
    tried = 0
    for index in range(len(items) - 1, -1, -1):
        if items[index].rank != 2:
            continue
        upto = items[: index + 1]
        if evaluate(upto, items[index].day, config).level >= Level.PERSONAL:
            return items[index].when
        tried += 1
        if tried >= checks:
            break
    return None


def tie_from_prepared(
    a: str,
    b: str,
    items: Sequence[Prepared],
    as_of: date,
    config: Config,
    names: Mapping[str, str] | None = None,
) -> Tie:
    """The tie from contacts already prepared; ``items`` must be sorted by day, <= as_of.

    ``names`` (by id) words the components; without them they name the ids."""
    day = as_of.toordinal()
    s = evaluate(items, day, config)
    if not items:
        return Tie(a, b, 0, 0.0, None, None, 0, {}, {}, ("no recorded contact",), as_of)
    by_kind = count(it.kind for it in items)
    by_depth = count(DEPTHS[it.rank] for it in items)
    deep = last_deep(items, config) if s.recent_personal or s.personal else None
    return Tie(
        a=a, b=b, level=s.level, strength=round(s.strength, 4),
        first_contact=items[0].when, last_contact=items[-1].when, conversations=s.n,
        by_kind=by_kind, by_depth=by_depth,
        components=tuple(components(
            (names or {}).get(a, a), (names or {}).get(b, b), items, s, day, config
        )), as_of=as_of,
        organised_by_a=s.org_a, organised_by_b=s.org_b, last_deep=deep,
    )  # fmt: skip


def _ordered(a: str, b: str, contacts: Iterable[Contact]) -> tuple[str, str, list[Contact]]:
    if a < b:
        return a, b, list(contacts)
    swap: dict[str, Organiser] = {"a": "b", "b": "a", "both": "both", "other": "other"}
    flipped = [
        Contact(
            c.date, c.kind, c.depth, c.duration_minutes, c.participants, swap[c.organiser], c.id
        )
        for c in contacts
    ]
    return b, a, flipped


def score_pair(
    a: str,
    b: str,
    contacts: Iterable[Contact],
    as_of: date,
    config: Config | None = None,
    names: Mapping[str, str] | None = None,
) -> Tie:
    """The tie between ``a`` and ``b`` as of ``as_of``, from their conversations up to that day.

    Conversations after ``as_of`` are ignored; the returned tie has ``a < b`` (organisers
    are swapped accordingly). ``names`` (by id) words the components.

    >>> d = date(2024, 6, 1)
    >>> dinner = Contact(date(2024, 5, 1), "meal", "personal", 120, 2, "a")
    >>> tie = score_pair("p2", "p1", [dinner], d)
    >>> tie.a, tie.b, tie.level, tie.strength
    ('p1', 'p2', 1, 5.6479)
    >>> score_pair("p1", "p2", [dinner], date(2024, 4, 1)).level   # before the dinner
    0
    """
    config = config or configured()
    a, b, ordered = _ordered(a, b, contacts)
    day = as_of.toordinal()
    items = sorted(
        (p for p in (prepare(c, config) for c in ordered) if p.day <= day),
        key=lambda p: (p.day, p.when),
    )
    return tie_from_prepared(a, b, items, as_of, config, names)


def contributions(
    contacts: Sequence[Contact], as_of: date, config: Config | None = None
) -> list[float]:
    """Each contact's decayed weight in the strength (0 after ``as_of``), in input order.

    The bonuses for reciprocity and years are not spread over conversations.
    """
    config = config or configured()
    day = as_of.toordinal()
    prepared = [prepare(c, config) for c in contacts]
    kept = [p.day for p in prepared if p.day <= day]
    if not kept:
        return [0.0 for _ in prepared]
    k = _LN2 / half_life_days(max(kept) - min(kept), config)
    return [
        round(p.base * math.exp(-k * (day - p.day)), 4) if p.day <= day else 0.0 for p in prepared
    ]

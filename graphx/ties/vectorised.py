"""The depth model over many pairs at once (numpy): what makes scoring fast.

:func:`graphx.ties.model.tie_from_prepared` scores one pair in a Python loop. Scoring a
whole graph means millions of pair-conversations, so here conversations are flat arrays
(:class:`Conversations`), their pairs are formed with numpy, one group size at a time, and
the formula of ``docs/depth.md`` is evaluated per pair with ``reduceat`` sums -- the same
operations in the same order, so levels and strengths equal the per-pair model's
(``tests/unit/test_vectorised.py`` compares them on generated histories).

Two ways to score: as of one date (``as_of``), or each pair as of its own last contact
(``as_of=None``, what the store keeps). In the second, every pair also gets the days on
which its level drops (:class:`Drops`): without new conversations a tie only decays, so its
level for any later date follows from those days (``docs/depth.md``, "What is stored").

Two things need the per-pair model: a pair within rounding of a level threshold (its level
and strength are taken from it), and a pair that may once have stood at personal (its
``last_deep`` looks back over its history). Nothing here words a tie: ``graphx explain``
words any pair on demand.
"""

from __future__ import annotations

import gc
import math
from array import array
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt

from graphx.model import CONVERSATION_KINDS, DEPTHS, YEAR_DAYS, Level, Tie
from graphx.ties.model import (
    DEPTH_RANK,
    Config,
    Prepared,
    base_weight,
    evaluate,
    last_deep,
)

_KIND_INDEX = {k: i for i, k in enumerate(CONVERSATION_KINDS)}
_ORGANISERS = ("other", "a", "b", "both")  # index = 1 * (a organised) + 2 * (b organised)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_LN2 = math.log(2)
_SLACK = 1e-9  # relative margin around thresholds inside which a pair is re-scored exactly
NEVER = date.max.toordinal()
"""The drop day of a level that never drops (a threshold of 0)."""

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass
class Conversations:
    """Conversations as flat arrays, each with its members (person indexes into ``people``,
    which is sorted, so index order is id order) from ``starts[i]`` to ``starts[i + 1]``;
    ``seq`` is each one's place in time (the stream's order breaks ties)."""

    people: list[str]
    at: IntArray
    seq: IntArray
    base: FloatArray
    rank: IntArray
    kind: IntArray
    size: IntArray
    touched: BoolArray
    starts: IntArray
    member: IntArray
    organiser: BoolArray
    kinds: list[str]

    def __len__(self) -> int:
        return len(self.at)

    def pair_counts(self, mask: BoolArray) -> tuple[IntArray, IntArray]:
        """The sorted, distinct keys (``a * len(people) + b``) of the pairs in the masked
        conversations, and how many of those conversations each pair shared."""
        found = [a * self.n + b for a, b, _, _ in self._pairs(mask)]
        if not found:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        keys, counts = np.unique(np.concatenate(found), return_counts=True)
        return keys, counts

    def pair_keys(self, mask: BoolArray) -> IntArray:
        """The sorted, distinct keys of the pairs in the masked conversations."""
        return self.pair_counts(mask)[0]

    @property
    def n(self) -> int:
        return max(len(self.people), 1)

    def _pairs(
        self, mask: BoolArray | None = None
    ) -> Iterator[tuple[IntArray, IntArray, IntArray, IntArray]]:
        """Per group size: the pairs ``(a, b, conversation, organiser code)`` of the masked
        conversations (all when None), ``a < b``."""
        sizes = np.diff(self.starts)
        chosen = sizes >= 2 if mask is None else (sizes >= 2) & mask
        for k in np.unique(sizes[chosen]).tolist():
            convs = np.flatnonzero(chosen & (sizes == k))
            cols = self.starts[convs][:, None] + np.arange(k)[None, :]
            i, j = np.triu_indices(k, 1)
            ca, cb = cols[:, i].ravel(), cols[:, j].ravel()
            a, b = self.member[ca], self.member[cb]
            keep = a != b
            org = self.organiser[ca].astype(np.int64) + 2 * self.organiser[cb].astype(np.int64)
            yield a[keep], b[keep], np.repeat(convs, len(i))[keep], org[keep]

    def contacts(self, keys: IntArray | None = None) -> PairContacts:
        """Every pair-conversation (only of the pairs whose sorted ``keys`` are given)."""
        parts: list[tuple[IntArray, ...]] = []
        for a, b, c, o in self._pairs():
            if keys is not None:
                key = a * self.n + b
                found = np.searchsorted(keys, key).clip(max=max(len(keys) - 1, 0))
                keep = keys[found] == key if len(keys) else np.zeros(len(key), dtype=bool)
                a, b, c, o = a[keep], b[keep], c[keep], o[keep]
            parts.append((a, b, c, o))
        if parts:
            a, b, c, o = (np.concatenate(column) for column in zip(*parts, strict=True))
        else:
            a = b = c = o = np.zeros(0, dtype=np.int64)
        return PairContacts(
            people=self.people, a=a, b=b, at=self.at[c], seq=self.seq[c], base=self.base[c],
            rank=self.rank[c], kind=self.kind[c], organiser=o, participants=self.size[c],
            kinds=self.kinds, conversations=len(self),
        )  # fmt: skip


def read_conversations(
    rows: Iterable[Sequence[Any]],
    config: Config,
    before: int | None = None,
    touched: Collection[str] = (),
    among: Collection[str] | None = None,
) -> Conversations:
    """Conversations from rows shaped as :func:`graphx.repository.conversations.every`
    streams them (values in its column order).

    Only those with ``at < before`` (epoch seconds) when given, and the ``touched`` ones
    whatever their date (incremental scoring marks them). With ``among``, members outside it
    are left out before pairs are formed (group sizes stay what the conversation says).
    Members are kept as indexes, four bytes each: the large scale has 3M participations.
    """
    weights: dict[tuple[Any, ...], tuple[float, int]] = {}
    conv_at, conv_base = array("q"), array("d")
    conv_rank, conv_kind, conv_size, conv_touched = array("b"), array("b"), array("l"), array("b")
    starts, member, organiser = array("q", [0]), array("i"), array("b")
    position: dict[str, int] = {}
    kinds = list(CONVERSATION_KINDS)
    kind_index = dict(_KIND_INDEX)
    keep = None if among is None else set(among)
    for conversation_id, at, kind, depth, minutes, participants, people in rows:
        mark = conversation_id in touched
        if before is not None and at >= before and not mark:
            continue
        key = (kind, depth, participants, minutes)
        found = weights.get(key)
        if found is None:
            base, eff = base_weight(kind, depth, int(participants), minutes, config)
            found = weights[key] = (base, DEPTH_RANK[eff])
        if kind not in kind_index:
            kind_index[kind] = len(kinds)
            kinds.append(kind)
        conv_at.append(at)
        conv_base.append(found[0])
        conv_rank.append(found[1])
        conv_kind.append(kind_index[kind])
        conv_size.append(int(participants))
        conv_touched.append(mark)
        for person, role in people:
            if keep is not None and person not in keep:
                continue
            member.append(position.setdefault(person, len(position)))
            organiser.append(role == "organizer")
        starts.append(len(member))
    ids = sorted(position, key=position.__getitem__)
    order = sorted(range(len(ids)), key=ids.__getitem__)
    remap = np.empty(len(ids), dtype=np.int64)
    remap[np.array(order, dtype=np.int64)] = np.arange(len(ids))
    members = remap[np.frombuffer(member, dtype=np.int32)] if member else np.zeros(0, np.int64)
    bounds = np.frombuffer(starts, dtype=np.int64)
    orgs = np.frombuffer(organiser, dtype=np.int8).astype(bool)
    # members by id within each conversation (pairs come out with a < b)
    conv_of = np.repeat(np.arange(len(conv_at)), np.diff(bounds))
    by_id = np.lexsort((members, conv_of))
    at = np.frombuffer(conv_at, dtype=np.int64).copy()
    in_time = np.argsort(at, kind="stable")
    seq = np.empty_like(in_time)
    seq[in_time] = np.arange(len(in_time))
    return Conversations(
        people=[ids[i] for i in order], at=at, seq=seq,
        base=np.frombuffer(conv_base, dtype=np.float64).copy(),
        rank=np.frombuffer(conv_rank, dtype=np.int8).astype(np.int64),
        kind=np.frombuffer(conv_kind, dtype=np.int8).astype(np.int64),
        size=np.array(conv_size, dtype=np.int64),
        touched=np.frombuffer(conv_touched, dtype=np.int8).astype(bool),
        starts=bounds.copy(), member=members[by_id], organiser=orgs[by_id], kinds=kinds,
    )  # fmt: skip


@dataclass
class PairContacts:
    """Pair-conversations as flat arrays (one entry per pair per shared conversation).

    ``a`` < ``b`` index ``people``. ``seq`` orders conversations that share a timestamp.
    """

    people: list[str]
    a: IntArray
    b: IntArray
    at: IntArray
    seq: IntArray
    base: FloatArray
    rank: IntArray
    kind: IntArray
    organiser: IntArray
    participants: IntArray
    kinds: list[str] = field(default_factory=lambda: list(CONVERSATION_KINDS))
    conversations: int = 0  # how many conversations they came from


@dataclass
class Drops:
    """The first day (proleptic ordinal) on which a tie scored at its last contact is no
    longer business, personal, trusted; the scoring day itself when it was not."""

    business: IntArray
    personal: IntArray
    trusted: IntArray


@dataclass
class PairScores:
    """Every pair's tie as columns.

    ``day`` is the ordinal day each pair was scored as of; ``raw_strength`` the strength
    before rounding and ``half_life`` its decay (what a later date's strength follows from);
    ``last_deep`` in epoch seconds, -1 when the pair never stood at personal; ``drops`` is
    set when each pair was scored as of its own last contact.
    """

    people: list[str]
    a: IntArray
    b: IntArray
    level: IntArray
    strength: FloatArray
    raw_strength: FloatArray
    half_life: FloatArray
    day: IntArray
    first_at: IntArray
    last_at: IntArray
    conversations: IntArray
    organised_by_a: IntArray
    organised_by_b: IntArray
    by_kind: IntArray  # (pairs, len(kinds)) counts
    by_depth: IntArray  # (pairs, 3) counts: outside, business, personal
    kinds: list[str]
    last_deep: IntArray
    drops: Drops | None = None

    def __len__(self) -> int:
        return len(self.a)

    def weighty(self) -> IntArray:
        """The pairs the store keeps: business or above at their scoring day, or once
        personal (``last_deep``): every other pair is at most *met* from then on."""
        return np.flatnonzero((self.level >= Level.BUSINESS) | (self.last_deep >= 0))

    def met(self) -> IntArray:
        """The pairs (indexes) at level 1 or above: the ties there are."""
        return np.flatnonzero(self.level >= Level.MET)

    def notable(self, owners: BoolArray, others: BoolArray, top: int) -> IntArray:
        """The pairs (sorted indexes) at level 1 or above that are, for a person of ``owners``
        (a mask over ``people``), a tie to someone of ``others`` among their ``top`` strongest
        (level, then strength, then the other's id), at business or above, or once personal."""
        pair = np.arange(len(self))
        met = self.level >= Level.MET
        forward = met & owners[self.a] & others[self.b]
        backward = met & owners[self.b] & others[self.a]
        owner = np.concatenate([self.a[forward], self.b[backward]])
        other = np.concatenate([self.b[forward], self.a[backward]])
        index = np.concatenate([pair[forward], pair[backward]])
        order = np.lexsort((other, -self.strength[index], -self.level[index], owner))
        owner, index = owner[order], index[order]
        first = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        place = np.arange(len(owner)) - np.repeat(first, np.diff(np.r_[first, len(owner)]))
        weighty = (self.level[index] >= Level.BUSINESS) | (self.last_deep[index] >= 0)
        return np.unique(index[(place < top) | weighty])

    def ties(self, chosen: IntArray | None = None) -> list[Tie]:
        """The pairs (the ``chosen`` indexes, else all) as Ties, without ``components``
        (``graphx explain`` words a pair)."""
        people, kinds = self.people, self.kinds
        moment = partial(datetime.fromtimestamp, tz=UTC)
        columns = zip(
            *(
                (values if chosen is None else values[chosen]).tolist()
                for values in (
                    self.a, self.b, self.level, self.strength, self.first_at, self.last_at,
                    self.conversations, self.by_kind, self.by_depth, self.day,
                    self.organised_by_a, self.organised_by_b, self.last_deep,
                )
            ),
            strict=True,
        )  # fmt: skip
        out: list[Tie] = []
        for a, b, level, strength, first, last, n, kind, depth, day, by_a, by_b, deep in columns:
            out.append(
                Tie(
                    a=people[a], b=people[b], level=level, strength=strength,
                    first_contact=moment(first), last_contact=moment(last), conversations=n,
                    by_kind=_counts(kinds, kind), by_depth=_counts(DEPTHS, depth),
                    components=(), as_of=date.fromordinal(day),
                    organised_by_a=by_a, organised_by_b=by_b,
                    last_deep=None if deep < 0 else moment(deep),
                )
            )  # fmt: skip
        return out

    def rows(self, chosen: IntArray) -> list[list[Any]]:
        """Rows for :func:`graphx.repository.ties.store` of the ``chosen`` pairs (scored as of
        their last contact): ``[a, b, level, strength, half_life, day, business_until,
        personal_until, trusted_until, first, last, conversations, organised_by_a,
        organised_by_b, n_<kind>... (model order), n_<depth>..., last_deep]``, moments in
        epoch seconds."""
        if self.drops is None:
            raise ValueError("only ties scored as of their last contact are stored")
        kind_cols = [self.kinds.index(k) if k in self.kinds else -1 for k in CONVERSATION_KINDS]
        zeros = np.zeros(len(self), dtype=np.int64)
        counts = [self.by_kind[:, c] if c >= 0 else zeros for c in kind_cols]
        counts += [self.by_depth[:, r] for r in range(len(DEPTHS))]
        people = self.people
        columns = [
            [people[i] for i in self.a[chosen].tolist()],
            [people[i] for i in self.b[chosen].tolist()],
            *(
                values[chosen].tolist()
                for values in (
                    self.level, self.raw_strength, self.half_life, self.day,
                    self.drops.business, self.drops.personal, self.drops.trusted,
                    self.first_at, self.last_at, self.conversations, self.organised_by_a,
                    self.organised_by_b, *counts,
                )
            ),
            [None if d < 0 else d for d in self.last_deep[chosen].tolist()],
        ]  # fmt: skip
        return [list(values) for values in zip(*columns, strict=True)]


def _counts(names: Sequence[str], values: Sequence[int]) -> dict[str, int]:
    return {name: n for name, n in zip(names, values, strict=True) if n}


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic lists are made.

    Allocating the stream's rows and the TIE rows triggers full collections over an ever
    larger heap; none of these objects form cycles, so reference counting frees them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def score_contacts(pc: PairContacts, as_of: date | None, config: Config) -> PairScores:
    """Every pair's tie as of ``as_of``, or each as of its own last contact when None (with
    its :class:`Drops`); contacts must already be up to ``as_of``."""
    n_people = max(len(pc.people), 1)
    key = pc.a * n_people + pc.b
    order = np.lexsort((pc.seq, key))
    key = key[order]
    at, base, rank = pc.at[order], pc.base[order], pc.rank[order]
    kind, org = pc.kind[order], pc.organiser[order]
    day = at // 86400 + _EPOCH_ORDINAL
    n = len(key)
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if n else np.zeros(0, np.int64)
    ends = np.r_[starts[1:], n].astype(np.int64)
    group = np.repeat(np.arange(len(starts)), ends - starts)
    last_day = day[ends - 1] if n else np.zeros(0, dtype=np.int64)
    ref = last_day if as_of is None else np.full(len(starts), as_of.toordinal(), dtype=np.int64)
    ref_of = ref[group]

    span = (last_day - day[starts]).astype(np.float64) if n else np.zeros(0)
    half_life = np.minimum(
        config.decay_max_half_life_days,
        config.decay_half_life_days + config.decay_half_life_days_per_year * (span / YEAR_DAYS),
    ).astype(np.float64)
    k = _LN2 / half_life
    w = base * np.exp(-k[group] * (ref_of - day).astype(np.float64))

    def total(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        if not n:
            return np.zeros(0, dtype=values.dtype)
        return np.add.reduceat(values, starts)

    zero = np.zeros(n)
    by_a_mask = (org == 1) | (org == 3)
    by_b_mask = (org == 2) | (org == 3)
    substantive_mask = rank > 0
    personal_mask = rank == 2
    recent = day >= ref_of - config.levels_recent_days
    strength_total = total(w)
    by_a = total(np.where(by_a_mask, w, zero))
    by_b = total(np.where(by_b_mask, w, zero))
    substantive = total(np.where(substantive_mask, w, zero))
    personal = total(np.where(personal_mask, w, zero))
    org_a = total((by_a_mask & substantive_mask).astype(np.int64))
    org_b = total((by_b_mask & substantive_mask).astype(np.int64))
    recent_sub = total((substantive_mask & recent).astype(np.int64))
    recent_personal = total((personal_mask & recent).astype(np.int64))
    n_personal = total(personal_mask.astype(np.int64))
    base_personal = total(np.where(personal_mask, base, zero))
    big = np.iinfo(np.int64).max
    first_sub = np.minimum.reduceat(np.where(substantive_mask, day, big), starts) if n else ref
    last_sub = np.maximum.reduceat(np.where(substantive_mask, day, -1), starts) if n else ref
    has_sub = last_sub >= 0
    years = np.where(has_sub, (last_sub - first_sub) / YEAR_DAYS, 0.0)
    years_bonus = np.where(
        has_sub,
        config.bonus_per_year
        * np.minimum(years, config.bonus_max_years)
        * np.exp(-k * (ref - np.where(has_sub, last_sub, ref)).astype(np.float64)),
        0.0,
    )
    reciprocity = config.bonus_reciprocity * np.minimum(by_a, by_b)
    raw_strength = strength_total + reciprocity + years_bonus
    # personal contact in how many calendar years
    days = day - _EPOCH_ORDINAL
    year = days[personal_mask].astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)
    pairs_years = np.unique(group[personal_mask] * 100_000 + (year + 50_000))
    personal_years = np.bincount(pairs_years // 100_000, minlength=len(starts))

    c = config
    business = (substantive >= c.levels_business_min_strength) & (
        recent_sub >= c.levels_business_min_recent
    )
    is_personal = (
        business
        & (personal >= c.levels_personal_min_strength)
        & (recent_personal >= c.levels_personal_min_recent)
    )
    static_trust = (personal_years >= c.levels_trusted_min_personal_years) & (
        np.minimum(org_a, org_b) >= c.levels_trusted_min_initiations
    )
    trusted = is_personal & (raw_strength >= c.levels_trusted_min_strength) & static_trust
    level = 1 + business.astype(np.int64) + is_personal + trusted

    # The per-pair model decides a quantity within rounding of its threshold (so the level
    # cannot differ by an ulp), and looks back for a possible last_deep.
    def near(values: FloatArray, threshold: float) -> BoolArray:
        return np.abs(values - threshold) <= _SLACK * max(abs(threshold), 1.0)

    may_be_deep = (n_personal >= max(1, c.levels_personal_min_recent)) & (
        base_personal >= c.levels_personal_min_strength * (1 - _SLACK)
    )
    again = (
        near(substantive, c.levels_business_min_strength)
        | near(personal, c.levels_personal_min_strength)
        | near(raw_strength, c.levels_trusted_min_strength)
    )
    participants = pc.participants[order]

    def items_of(g: int) -> list[Prepared]:
        out = []
        for i in range(int(starts[g]), int(ends[g])):
            when = datetime.fromtimestamp(int(at[i]), UTC)
            out.append(
                Prepared(
                    int(day[i]), float(base[i]), int(rank[i]), pc.kinds[int(kind[i])],
                    _ORGANISERS[int(org[i])], when, int(participants[i]), when.year,
                )
            )  # fmt: skip
        return out

    for g in np.flatnonzero(again).tolist():
        stats = evaluate(items_of(g), int(ref[g]), config)
        level[g], raw_strength[g] = stats.level, stats.strength
    # Python's round (correctly rounded), as the per-pair model rounds
    strength = np.array([round(x, 4) for x in raw_strength.tolist()], dtype=np.float64)
    deep = np.full(len(starts), -1, dtype=np.int64)
    for g in np.flatnonzero(may_be_deep).tolist():
        found = last_deep(items_of(g), config)
        if found is not None:
            deep[g] = int(found.timestamp())

    drops = None
    if as_of is None:
        values = _Values(substantive, personal, raw_strength, k, ref)
        drops = _drops(level, values, day, group, substantive_mask, personal_mask, config)
        for g in _near_drops(values, drops, level, config):
            _exact_drops(drops, g, items_of(g), config)

    kind_counts = np.bincount(
        group * len(pc.kinds) + kind, minlength=len(starts) * len(pc.kinds)
    ).reshape(len(starts), len(pc.kinds))
    depth_counts = np.bincount(group * 3 + rank, minlength=len(starts) * 3).reshape(len(starts), 3)
    return PairScores(
        people=pc.people, a=key[starts] // n_people, b=key[starts] % n_people, level=level,
        strength=strength, raw_strength=raw_strength, half_life=half_life, day=ref,
        first_at=at[starts], last_at=at[ends - 1] if n else ref,
        conversations=ends - starts, organised_by_a=org_a, organised_by_b=org_b,
        by_kind=kind_counts, by_depth=depth_counts, kinds=pc.kinds, last_deep=deep,
        drops=drops,
    )  # fmt: skip


@dataclass
class _Values:
    """The decaying quantities of each pair at its scoring day, and their decay rate."""

    substantive: FloatArray
    personal: FloatArray
    strength: FloatArray
    k: FloatArray
    day: IntArray


def _fades(value: FloatArray, threshold: float, v: _Values) -> IntArray:
    """The first day on which ``value * exp(-k * days)`` is below ``threshold``."""
    if threshold <= 0:
        return np.full(len(value), NEVER, dtype=np.int64)
    with np.errstate(divide="ignore"):
        lasting = np.log(np.maximum(value, 1e-300) / threshold) / v.k
    return np.where(value >= threshold, v.day + np.floor(lasting).astype(np.int64) + 1, v.day)


def _expires(
    needed: int, mask: BoolArray, day: IntArray, group: IntArray, v: _Values, recent_days: int
) -> IntArray:
    """The first day on which fewer than ``needed`` masked conversations are recent: the day
    after the ``needed``-th most recent one leaves the window."""
    if needed <= 0:
        return np.full(len(v.day), NEVER, dtype=np.int64)
    counts = np.bincount(group[mask], minlength=len(v.day))
    picked = np.flatnonzero(mask)  # contacts are sorted by time within each pair
    owner = group[picked]
    within = np.arange(len(picked)) - (np.cumsum(counts) - counts)[owner]
    chosen = picked[counts[owner] - within == needed]
    out = v.day.copy()
    out[group[chosen]] = day[chosen] + recent_days + 1
    return out


def _drops(
    level: IntArray,
    v: _Values,
    day: IntArray,
    group: IntArray,
    substantive_mask: BoolArray,
    personal_mask: BoolArray,
    c: Config,
) -> Drops:
    """Each condition of a level holds until a day that follows from the scoring day's
    figures; a level holds while its conditions and the level below all hold."""
    recent = c.levels_recent_days
    business = np.minimum(
        _fades(v.substantive, c.levels_business_min_strength, v),
        _expires(c.levels_business_min_recent, substantive_mask, day, group, v, recent),
    )
    personal = np.minimum.reduce([
        business,
        _fades(v.personal, c.levels_personal_min_strength, v),
        _expires(c.levels_personal_min_recent, personal_mask, day, group, v, recent),
    ])  # fmt: skip
    trusted = np.minimum(personal, _fades(v.strength, c.levels_trusted_min_strength, v))
    return Drops(
        business=np.where(level >= Level.BUSINESS, business, v.day),
        personal=np.where(level >= Level.PERSONAL, personal, v.day),
        trusted=np.where(level >= Level.TRUSTED, trusted, v.day),
    )


def _near_drops(v: _Values, drops: Drops, level: IntArray, c: Config) -> list[int]:
    """Pairs whose drop day rests on a quantity within rounding of its threshold on the
    day before or of the drop: the per-pair model decides those."""
    suspect = np.zeros(len(level), dtype=bool)
    checks = (
        (v.substantive, c.levels_business_min_strength, drops.business, Level.BUSINESS),
        (v.personal, c.levels_personal_min_strength, drops.personal, Level.PERSONAL),
        (v.strength, c.levels_trusted_min_strength, drops.trusted, Level.TRUSTED),
    )
    for value, threshold, until, floor in checks:
        if threshold <= 0:
            continue
        for offset in (0, 1):
            later = value * np.exp(-v.k * (until - offset - v.day).astype(np.float64))
            near = np.abs(later - threshold) <= _SLACK * max(threshold, 1.0)
            suspect |= near & (level >= floor) & (until < NEVER)
    return np.flatnonzero(suspect).tolist()


def _exact_drops(drops: Drops, g: int, items: list[Prepared], config: Config) -> None:
    """The drop days of pair ``g`` by the per-pair model, searched near the computed ones."""
    for floor, until in (
        (Level.BUSINESS, drops.business),
        (Level.PERSONAL, drops.personal),
        (Level.TRUSTED, drops.trusted),
    ):
        computed = int(until[g])
        day = max(computed - 2, items[-1].day)
        while day < computed + 2 and evaluate(items, day, config).level >= floor:
            day += 1
        until[g] = day

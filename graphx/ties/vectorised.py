"""The depth model over many pairs at once (numpy): what makes full scoring fast.

:func:`graphx.ties.model.tie_from_prepared` scores one pair in a Python loop (tens of
microseconds, most of it the ``components`` sentences). A full run has millions of pairs,
so here every pair-conversation is a row of flat arrays, sorted by (pair, time), and the
formula of ``docs/depth.md`` is evaluated per pair with ``reduceat`` sums -- the same
operations in the same order, so levels and strengths equal the per-pair model's
(``tests/unit/test_bulkscore.py`` compares them on generated histories).

Pairs that need more than numbers -- level business (2) or above, any pair that may ever
have stood at personal (its ``last_deep``), or one within rounding of a level threshold --
are then scored again by :func:`graphx.ties.model.tie_from_prepared`, which also words their
``components``. The rest (nearly all of them *met*) keep the vectorised figures and no
components; ``graphx explain`` words any pair on demand.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from graphx.model import CONVERSATION_KINDS, DEPTHS, Level
from graphx.ties.model import Config, Prepared, Tie, base_weight, tie_from_prepared

_RANK = {"outside": 0, "business": 1, "personal": 2}
_KIND_INDEX = {k: i for i, k in enumerate(CONVERSATION_KINDS)}
_ORGANISERS = ("other", "a", "b", "both")  # index = 1 * (a organised) + 2 * (b organised)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_LN2 = math.log(2)
_YEAR_DAYS = 365.25
_SLACK = 1e-9  # relative margin around thresholds inside which a pair is re-scored exactly

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass
class PairContacts:
    """Pair-conversations as flat arrays (one entry per pair per shared conversation).

    ``a`` < ``b`` index ``people``, which is sorted, so index order is id order.
    ``seq`` orders conversations that share a timestamp (the stream's order).
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
class PairScores:
    """Every pair's tie as columns; ``detailed`` holds the full Tie of the re-scored pairs."""

    people: list[str]
    a: IntArray
    b: IntArray
    level: IntArray
    strength: FloatArray
    first_at: IntArray
    last_at: IntArray
    conversations: IntArray
    organised_by_a: IntArray
    organised_by_b: IntArray
    by_kind: IntArray  # (pairs, len(kinds)) counts
    by_depth: IntArray  # (pairs, 3) counts: outside, business, personal
    kinds: list[str]
    detailed: dict[int, Tie]
    as_of: date

    def __len__(self) -> int:
        return len(self.a)

    def level_counts(self) -> dict[int, int]:
        counts = np.bincount(self.level, minlength=len(Level))
        return {int(level): int(counts[int(level)]) for level in Level}

    def stored(self) -> int:
        """How many ties are stored (level 1+)."""
        return int(np.count_nonzero(self.level > 0))

    def ties(self, among: Collection[str] | None = None) -> list[Tie]:
        """Every pair as a Tie (only pairs with someone in ``among`` when given); pairs not
        re-scored per pair have no ``components`` (``graphx explain`` words them)."""
        position = {p: i for i, p in enumerate(self.people)}
        wanted = None if among is None else {position[p] for p in among if p in position}
        out: list[Tie] = []
        kinds, people = self.kinds, self.people
        for i, (a, b) in enumerate(zip(self.a.tolist(), self.b.tolist(), strict=True)):
            if wanted is not None and a not in wanted and b not in wanted:
                continue
            detailed = self.detailed.get(i)
            if detailed is not None:
                out.append(detailed)
                continue
            out.append(
                Tie(
                    a=people[a], b=people[b], level=int(self.level[i]),
                    strength=float(self.strength[i]),
                    first_contact=datetime.fromtimestamp(int(self.first_at[i]), UTC),
                    last_contact=datetime.fromtimestamp(int(self.last_at[i]), UTC),
                    conversations=int(self.conversations[i]),
                    by_kind=_counts(kinds, self.by_kind[i]),
                    by_depth=_counts(DEPTHS, self.by_depth[i]),
                    components=(), as_of=self.as_of,
                    organised_by_a=int(self.organised_by_a[i]),
                    organised_by_b=int(self.organised_by_b[i]),
                )
            )  # fmt: skip
        return out

    def rows(self) -> list[list[Any]]:
        """Every row of :meth:`batches` in one list (small runs and tests)."""
        return [row for batch in self.batches(max(len(self), 1)) for row in batch]

    def batches(self, size: int) -> Iterator[list[list[Any]]]:
        """Rows for ``ties.create`` / ``ties.store`` (level 1+ only), ``size`` at a time,
        built as they are sent so that millions of ties are never all Python lists at once.

        ``[a, b, level, strength, first, last, conversations, organised_by_a,
        organised_by_b, n_<kind>... (model order), n_<depth>..., last_deep, components]``,
        dates in epoch seconds.
        """
        kind_cols = [self.kinds.index(k) if k in self.kinds else -1 for k in CONVERSATION_KINDS]
        zeros = np.zeros(len(self), dtype=np.int64)
        counts = [self.by_kind[:, c] if c >= 0 else zeros for c in kind_cols]
        counts += [self.by_depth[:, r] for r in range(len(DEPTHS))]
        kept = np.flatnonzero(self.level > 0)
        people = self.people
        for start in range(0, len(kept), size):
            keep = kept[start : start + size]
            columns = [
                [people[i] for i in self.a[keep].tolist()],
                [people[i] for i in self.b[keep].tolist()],
                self.level[keep].tolist(),
                self.strength[keep].tolist(),
                self.first_at[keep].tolist(),
                self.last_at[keep].tolist(),
                self.conversations[keep].tolist(),
                self.organised_by_a[keep].tolist(),
                self.organised_by_b[keep].tolist(),
                *(column[keep].tolist() for column in counts),
            ]
            out = [[*values, None, None] for values in zip(*columns, strict=True)]
            for position, index in enumerate(keep.tolist()):
                tie = self.detailed.get(index)
                if tie is not None:
                    row = out[position]
                    row[-2] = None if tie.last_deep is None else int(tie.last_deep.timestamp())
                    row[-1] = list(tie.components)
            yield out


def _counts(names: Sequence[str], values: IntArray) -> dict[str, int]:
    return {name: n for name, n in zip(names, values.tolist(), strict=True) if n}


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


def _people_index(ids: Iterable[str]) -> tuple[list[str], dict[str, int]]:
    people = sorted(set(ids))
    return people, {p: i for i, p in enumerate(people)}


def contacts_from_conversations(
    rows: Iterable[Sequence[Any]],
    before: int,
    config: Config,
    touching: Collection[str] | None = None,
) -> PairContacts:
    """Expand ``ties.conversations`` rows (values in its column order) into pair-contacts.

    Only conversations with ``at < before`` (epoch seconds) count. Pairs are formed with
    numpy, one conversation size at a time. With ``touching`` (conversation ids), only the
    pairs who share at least one of those conversations are kept, with their whole history
    up to ``before`` (the touched conversations after it still say which pairs to keep).
    """
    weights: dict[tuple[Any, ...], tuple[float, int]] = {}
    conv_at: list[int] = []
    conv_base: list[float] = []
    conv_rank: list[int] = []
    conv_kind: list[int] = []
    conv_size: list[int] = []
    member_conv: list[int] = []
    member_person: list[str] = []
    member_org: list[bool] = []
    conv_touched: list[bool] = []
    conv_late: list[bool] = []
    kinds = list(CONVERSATION_KINDS)
    kind_index = dict(_KIND_INDEX)
    for conversation_id, at, kind, depth, minutes, participants, people in rows:
        touched = touching is not None and conversation_id in touching
        if at >= before and not touched:
            continue
        conv_touched.append(touched)
        conv_late.append(at >= before)
        key = (kind, depth, participants, minutes)
        found = weights.get(key)
        if found is None:
            base, eff = base_weight(kind, depth, int(participants), minutes, config)
            found = weights[key] = (base, _RANK[eff])
        index = len(conv_at)
        conv_at.append(at)
        conv_base.append(found[0])
        conv_rank.append(found[1])
        if kind not in kind_index:
            kind_index[kind] = len(kinds)
            kinds.append(kind)
        conv_kind.append(kind_index[kind])
        conv_size.append(int(participants))
        for person, role in people:
            member_conv.append(index)
            member_person.append(person)
            member_org.append(role == "organizer")
    people_ids, position = _people_index(member_person)
    person = np.array([position[p] for p in member_person], dtype=np.int64)
    conv = np.array(member_conv, dtype=np.int64)
    org = np.array(member_org, dtype=bool)
    at_arr = np.array(conv_at, dtype=np.int64)
    # Order conversations by time (stable: the stream's order breaks ties), members by id.
    conv_order = np.argsort(at_arr, kind="stable")
    seq_of_conv = np.empty_like(conv_order)
    seq_of_conv[conv_order] = np.arange(len(conv_order))
    order = np.lexsort((person, conv))
    person, conv, org = person[order], conv[order], org[order]
    starts = np.flatnonzero(np.r_[True, conv[1:] != conv[:-1]]) if len(conv) else conv
    sizes = np.diff(np.r_[starts, len(conv)])
    pa: list[IntArray] = []
    pb: list[IntArray] = []
    pc: list[IntArray] = []
    po: list[IntArray] = []
    for k in np.unique(sizes).tolist():
        if k < 2:
            continue
        first = starts[sizes == k]
        cols = first[:, None] + np.arange(k)[None, :]
        i, j = np.triu_indices(k, 1)
        ca, cb = cols[:, i].ravel(), cols[:, j].ravel()
        pa.append(person[ca])
        pb.append(person[cb])
        pc.append(conv[ca])
        po.append(org[ca].astype(np.int64) + 2 * org[cb].astype(np.int64))
    if pa:
        a, b = np.concatenate(pa), np.concatenate(pb)
        c, o = np.concatenate(pc), np.concatenate(po)
        keep = a != b
        if touching is not None:
            pair = a * max(len(people_ids), 1) + b
            keep &= np.isin(pair, pair[np.array(conv_touched, dtype=bool)[c] & keep])
            keep &= ~np.array(conv_late, dtype=bool)[c]
        a, b, c, o = a[keep], b[keep], c[keep], o[keep]
    else:
        a = b = c = o = np.zeros(0, dtype=np.int64)
    return PairContacts(
        people=people_ids, a=a, b=b, at=at_arr[c], seq=seq_of_conv[c],
        base=np.array(conv_base, dtype=np.float64)[c], rank=np.array(conv_rank, dtype=np.int64)[c],
        kind=np.array(conv_kind, dtype=np.int64)[c], organiser=o,
        participants=np.array(conv_size, dtype=np.int64)[c], kinds=kinds,
        conversations=conv_late.count(False),
    )  # fmt: skip


def score_contacts(pc: PairContacts, as_of: date, config: Config) -> PairScores:
    """Every pair's tie as of ``as_of`` (contacts must already be up to ``as_of``)."""
    n_people = max(len(pc.people), 1)
    key = pc.a * n_people + pc.b
    order = np.lexsort((pc.seq, key))
    key = key[order]
    at, base, rank = pc.at[order], pc.base[order], pc.rank[order]
    kind, org = pc.kind[order], pc.organiser[order]
    days = at // 86400
    day = days + _EPOCH_ORDINAL
    n = len(key)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return PairScores(
            pc.people, empty, empty, empty, np.zeros(0), empty, empty, empty, empty, empty,
            np.zeros((0, len(pc.kinds)), dtype=np.int64), np.zeros((0, 3), dtype=np.int64),
            pc.kinds, {}, as_of,
        )  # fmt: skip
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    ends = np.r_[starts[1:], n]
    group = np.repeat(np.arange(len(starts)), ends - starts)
    as_of_day = as_of.toordinal()

    span = (day[ends - 1] - day[starts]).astype(np.float64)
    half_life = np.minimum(
        config.decay_max_half_life_days,
        config.decay_half_life_days + config.decay_half_life_days_per_year * (span / _YEAR_DAYS),
    ).astype(np.float64)
    k = _LN2 / half_life
    w = base * np.exp(-k[group] * (as_of_day - day).astype(np.float64))

    def total(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        return np.add.reduceat(values, starts)

    zero = np.zeros(n)
    by_a_mask = (org == 1) | (org == 3)
    by_b_mask = (org == 2) | (org == 3)
    substantive_mask = rank > 0
    personal_mask = rank == 2
    recent = day >= as_of_day - config.levels_recent_days
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
    first_sub = np.minimum.reduceat(np.where(substantive_mask, day, big), starts)
    last_sub = np.maximum.reduceat(np.where(substantive_mask, day, -1), starts)
    has_sub = last_sub >= 0
    years = np.where(has_sub, (last_sub - first_sub) / _YEAR_DAYS, 0.0)
    years_bonus = np.where(
        has_sub,
        config.bonus_per_year
        * np.minimum(years, config.bonus_max_years)
        * np.exp(-k * (as_of_day - np.where(has_sub, last_sub, as_of_day)).astype(np.float64)),
        0.0,
    )
    reciprocity = config.bonus_reciprocity * np.minimum(by_a, by_b)
    strength = strength_total + reciprocity + years_bonus
    # personal contact in how many calendar years
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
    trusted = (
        is_personal
        & (strength >= c.levels_trusted_min_strength)
        & (personal_years >= c.levels_trusted_min_personal_years)
        & (np.minimum(org_a, org_b) >= c.levels_trusted_min_initiations)
    )
    level = 1 + business.astype(np.int64) + is_personal + trusted

    # Which pairs the per-pair model scores again: level 2+, a possible last_deep, or a
    # quantity within rounding of its threshold (so the level cannot differ by an ulp).
    def near(values: FloatArray, threshold: float) -> npt.NDArray[np.bool_]:
        return np.abs(values - threshold) <= _SLACK * max(abs(threshold), 1.0)

    may_be_deep = (n_personal >= max(1, c.levels_personal_min_recent)) & (
        base_personal >= c.levels_personal_min_strength * (1 - _SLACK)
    )
    again = (
        (level >= 2)
        | may_be_deep
        | near(substantive, c.levels_business_min_strength)
        | near(personal, c.levels_personal_min_strength)
        | near(strength, c.levels_trusted_min_strength)
    )
    participants = pc.participants[order]
    detailed: dict[int, Tie] = {}
    for g in np.flatnonzero(again).tolist():
        s, e = int(starts[g]), int(ends[g])
        items = []
        for i in range(s, e):
            when = datetime.fromtimestamp(int(at[i]), UTC)
            items.append(
                Prepared(
                    int(day[i]),
                    float(base[i]),
                    int(rank[i]),
                    pc.kinds[int(kind[i])],
                    _ORGANISERS[int(org[i])],
                    when,
                    int(participants[i]),
                    when.year,
                )
            )
        a, b = pc.people[int(key[s] // n_people)], pc.people[int(key[s] % n_people)]
        detailed[g] = tie_from_prepared(a, b, items, as_of, config)
    # Python's round (correctly rounded), as the per-pair model rounds
    strength = np.array([round(x, 4) for x in strength.tolist()], dtype=np.float64)
    for g, tie in detailed.items():
        level[g] = tie.level
        strength[g] = tie.strength

    kind_counts = np.bincount(
        group * len(pc.kinds) + kind, minlength=len(starts) * len(pc.kinds)
    ).reshape(len(starts), len(pc.kinds))
    depth_counts = np.bincount(group * 3 + rank, minlength=len(starts) * 3).reshape(len(starts), 3)
    return PairScores(
        people=pc.people, a=key[starts] // n_people, b=key[starts] % n_people, level=level,
        strength=strength, first_at=at[starts], last_at=at[ends - 1],
        conversations=ends - starts, organised_by_a=org_a, organised_by_b=org_b,
        by_kind=kind_counts, by_depth=depth_counts, kinds=pc.kinds, detailed=detailed,
        as_of=as_of,
    )  # fmt: skip

"""The depth model in words: the sentences that say why a tie stands where it does.

``components`` words one pair's evaluation (:class:`graphx.ties.model.Stats`) for a director:
"21 personal meals since 2022, last 6 weeks ago (one-to-one)", "both sides invite (ann
organised 11, dora 10)", the reason for the level and the sum behind the strength.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from graphx.model import DEPTHS, YEAR_DAYS, Level

if TYPE_CHECKING:  # the model words its ties with this module
    from graphx.ties.model import Config, Prepared, Stats


def count(values: Iterable[str]) -> dict[str, int]:
    """Counts by value (a plain loop: ``Counter`` costs more on the many short histories)."""
    out: dict[str, int] = {}
    for value in values:
        out[value] = out.get(value, 0) + 1
    return out


_NOUN = {
    "email": ("e-mail", "e-mails"),
    "call": ("call", "calls"),
    "meeting": ("meeting", "meetings"),
    "meal": ("meal", "meals"),
    "event": ("event", "events"),
    "trip": ("trip", "trips"),
}


def ago(days: int) -> str:
    """A span of days in words a director reads at a glance.

    >>> ago(0), ago(1), ago(20), ago(100), ago(800)
    ('today', 'yesterday', '3 weeks ago', '3 months ago', '2 years ago')
    """
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{round(days / 7)} weeks ago"
    if days < 730:
        return f"{round(days / 30.44)} months ago"
    return f"{round(days / YEAR_DAYS)} years ago"


def _noun(kind: str, n: int) -> str:
    one, many = _NOUN.get(kind, (kind, kind + "s"))
    return one if n == 1 else many


def _depth_sentence(depth: str, group: list[Prepared], as_of_day: int) -> str:
    kinds = count(it.kind for it in group)
    n = len(group)
    if len(kinds) == 1:
        what = f"{n} {depth} {_noun(next(iter(kinds)), n)}"
    else:
        common = sorted(kinds.items(), key=lambda km: -km[1])
        parts = ", ".join(f"{m} {_noun(k, m)}" for k, m in common)
        what = f"{n} {depth} conversations ({parts})"
    last = ago(as_of_day - group[-1].day)
    when = f"{last}" if n == 1 else f"since {group[0].when.year}, last {last}"
    sizes = sorted(it.participants for it in group)
    median = sizes[len(sizes) // 2]
    size = "one-to-one" if median <= 2 else f"typically {median} people"
    return f"{what} {when} ({size})"


def components(
    a: str, b: str, items: Sequence[Prepared], s: Stats, as_of_day: int, c: Config
) -> list[str]:
    out: list[str] = []
    for rank in (2, 1, 0):
        group = [it for it in items if it.rank == rank]
        if group:
            out.append(_depth_sentence(DEPTHS[rank], group, as_of_day))
    if s.org_a and s.org_b:
        out.append(f"both sides invite ({a} organised {s.org_a}, {b} {s.org_b})")
    elif s.org_a or s.org_b:
        who, n = (a, s.org_a) if s.org_a else (b, s.org_b)
        out.append(f"only {who} takes the initiative ({n} organised)")
    else:
        out.append("neither organised a business or personal conversation: others convened them")
    out.append(_level_reason(s, as_of_day, items, c))
    out.append(
        f"strength {s.strength:.2f} = {s.total:.2f} from conversations"
        f" + {s.reciprocity:.2f} for reciprocity + {s.years_bonus:.2f} for"
        f" {s.substantive_years:.1f} years of contact (half-life {s.half_life:.0f} days)"
    )
    return out


_REASON_STARTS = ("trusted:", "personal:", "business:", "met only:", "no recorded contact")


def level_reason(sentences: Sequence[str]) -> str:
    """The one of a tie's ``components`` that says why it stands at its level.

    >>> level_reason(["2 business meetings", "met only: every contact was outside", "strength"])
    'met only: every contact was outside'
    """
    return next((s for s in sentences if s.startswith(_REASON_STARTS)), "no recorded contact")


def _level_reason(s: Stats, as_of_day: int, items: Sequence[Prepared], c: Config) -> str:
    months = round(c.levels_recent_days / 30.44)
    window = f"the last {months} months"
    if s.level == Level.TRUSTED:
        return (
            f"trusted: personal contact in {len(s.personal_years)} different years,"
            f" both sides invest, strength {s.strength:.1f} >= {c.levels_trusted_min_strength:g}"
        )
    if s.level == Level.PERSONAL:
        why_not = []
        if len(s.personal_years) < c.levels_trusted_min_personal_years:
            why_not.append(
                f"personal contact in {len(s.personal_years)} year(s),"
                f" trusted needs {c.levels_trusted_min_personal_years}"
            )
        if min(s.org_a, s.org_b) < c.levels_trusted_min_initiations:
            why_not.append(
                f"trusted needs each side to organise {c.levels_trusted_min_initiations}"
            )
        if s.strength < c.levels_trusted_min_strength:
            why_not.append(
                f"strength {s.strength:.1f} below {c.levels_trusted_min_strength:g} for trusted"
            )
        return f"personal: {s.recent_personal} personal conversations in {window}" + (
            "; not trusted: " + "; ".join(why_not) if why_not else ""
        )
    if s.level == Level.BUSINESS:
        if s.recent_personal < c.levels_personal_min_recent:
            why = f"{s.recent_personal} personal conversation(s) in {window}" + (
                f", needs {c.levels_personal_min_recent}"
            )
        else:
            why = f"personal weight {s.personal:.1f} below {c.levels_personal_min_strength:g}"
        return (
            f"business: {s.recent_substantive} business or personal conversations in {window};"
            f" not personal: {why}"
        )
    if s.level == Level.MET:
        substantive = [it for it in items if it.rank]
        if not substantive:
            return "met only: every contact was outside (receptions, large groups)"
        if s.recent_substantive < c.levels_business_min_recent:
            last = ago(as_of_day - substantive[-1].day)
            return (
                f"met only: {s.recent_substantive} business or personal conversation(s)"
                f" in {window} (needs {c.levels_business_min_recent}; the last was {last})"
            )
        return (
            f"met only: business and personal weight {s.substantive:.1f}"
            f" below {c.levels_business_min_strength:g}"
        )
    return "no recorded contact"

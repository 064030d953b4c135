"""The conversations of six years and their rhythms: weekly project meetings, calls and
e-mails, quarterly reviews, personal ties that deepen (or fade), pursuits of prospects and
partners, colleagues' own meetings, and the yearly receptions, conferences and golf weekend.

Each organisation's threads draw from their own random stream and stop at its share of the
conversation target; ``converse`` writes them all to a sink as they are made.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from graphx.generate.company import Company, Org, Pools, pools, random_stream
from graphx.generate.sink import Sink
from graphx.generate.vocabulary import RESTAURANTS, TOPICS, TRIPS, WINDOW_YEARS

MAX_THREADS = 10_000
"""A bound on the threads one organisation's budget may take (guards against empty pools)."""

BUDGET_SHARE = {"client": 0.64, "home": 0.16, "prospect": 0.08, "partner": 0.07, "other": 0.03}
"""How the conversation target splits between kinds of organisation (events take the rest)."""


def converse(sink: Sink, company: Company, interests: Mapping[int, Sequence[str]]) -> None:
    """Write every conversation of ``company``; ``interests`` are its directors' interests."""
    _internal(sink, company)
    for org in company.orgs:
        if org.kind == "client":
            _client(sink, company, org, interests)
        elif org.kind != "home":
            _pursuit(sink, company, org)
    _occasions(sink, company)


def _workday(day: int) -> int:
    """The day itself on weekdays, else the following Monday (ordinal 1 is a Monday)."""
    weekday = (day - 1) % 7
    return day + (7 - weekday if weekday >= 5 else 0)


def _holiday(day: int) -> bool:
    d = date.fromordinal(day)
    return (d.month == 12 and d.day >= 23) or (d.month == 1 and d.day <= 2)


def rhythm(
    rng: random.Random, start: int, end: int, every: float, skip: float = 0.08, jitter: int = 1
) -> Iterator[int]:
    """Workdays from ``start`` (inclusive) to ``end`` about ``every`` days apart.

    Some occurrences are skipped (holidays, illness, a cancelled week): a real rhythm.
    """
    day = start + rng.random() * every
    while day < end:
        when = _workday(int(day) + rng.randint(-jitter, jitter))
        if start <= when < end and not _holiday(when) and rng.random() >= skip:
            yield when
        day += every


def _minute(rng: random.Random, first_hour: int = 8, last_hour: int = 17) -> int:
    return rng.randrange(first_hour * 4, last_hour * 4) * 15


def _pick(rng: random.Random, pool: Sequence[tuple[int, int]], k: int) -> list[tuple[int, int]]:
    return rng.sample(pool, min(k, len(pool)))


@dataclass(slots=True)
class Account:
    """Who of the home organisation works on a client, prospect or partner."""

    lead: tuple[int, int]
    sponsor: tuple[int, int]
    team: list[tuple[int, int]]


def _account(rng: random.Random, home: Pools, org: Org, single: bool) -> Account:
    lead = rng.choice(home.manager if org.size < 150 else home.executive)
    sponsor = rng.choice(home.directors)
    size = 1 if single else min(12, 2 + org.size // 25)
    team = [lead, *_pick(rng, home.manager + home.staff, size - 1)] if size > 1 else [lead]
    return Account(lead, lead if single else sponsor, team)


def _project(
    sink: Sink,
    rng: random.Random,
    company: Company,
    org: Org,
    account: Account,
    client: Pools,
    remaining: int,
) -> int:
    """One project: weekly meetings, calls and e-mails between a team and client staff.

    It ends early once ``remaining`` conversations are written (the account's budget).
    """
    first = max(org.since, company.start)
    start = first + rng.randrange(max(1, company.end - first - 30))
    end = min(company.end, start + rng.randint(90, 540))
    ours = account.team[:1] + _pick(rng, account.team[1:], rng.randint(1, 3))
    theirs = _pick(rng, client.working, rng.randint(1, 4))
    if rng.random() < 0.3:
        theirs += _pick(rng, client.executive, 1)
    title = f"{org.name.split()[0]} {rng.choice(TOPICS)}"
    streams = (
        ((day, "meeting") for day in rhythm(rng, start, end, 7)),
        ((day, "call") for day in rhythm(rng, start, end, 14, skip=0.2)),
        ((day, "email") for day in rhythm(rng, start, end, 4, skip=0.1, jitter=2)),
    )
    written = 0
    minutes: int | None
    for day, kind in heapq.merge(*streams):
        if written >= remaining:
            break
        if kind == "meeting":
            people, minutes, subject = [*ours[:1], *theirs, *ours[1:]], 60, f"{title}: weekly"
        else:
            people = [rng.choice(ours), rng.choice(theirs)]
            rng.shuffle(people)
            minutes, subject = (30, f"{title}: call") if kind == "call" else (None, f"Re: {title}")
            if kind == "email":
                people += _pick(rng, ours + theirs, rng.randint(0, 3))
        minute = _minute(rng, 7, 22) if kind == "email" else _minute(rng)
        written += sink.add(day, minute, kind, "business", minutes, subject, people)
    return written


def _reviews(
    sink: Sink, rng: random.Random, company: Company, org: Org, account: Account, client: Pools
) -> int:
    """Quarterly business reviews with the client's executives (business, not personal)."""
    theirs = client.executive[:3]
    people = [account.lead, *theirs, account.sponsor]
    written = 0
    for day in rhythm(rng, max(org.since, company.start), company.end, 91, skip=0.1, jitter=5):
        quarter = (date.fromordinal(day).month - 1) // 3 + 1
        subject = f"Quarterly business review {org.name} Q{quarter} {date.fromordinal(day).year}"
        written += sink.add(day, _minute(rng, 9, 16), "meeting", "business", 120, subject, people)
    return written


def _personal(
    sink: Sink,
    rng: random.Random,
    company: Company,
    ours: tuple[int, int],
    theirs: tuple[int, int],
    start: int,
    end: int,
    interests: Sequence[str],
) -> int:
    """A colleague-director relationship that deepens: dinners ever more often, a yearly trip."""
    written = 0
    day = start + rng.randrange(30)
    while day < end:
        progress = (day - start) / (3 * 365)
        every = max(45.0, 150 - 100 * min(1.0, progress))
        when = _workday(day)
        if not _holiday(when):
            kind, minutes = rng.choice((("meal", 150), ("meal", 120), ("call", 40)))
            subject = f"Dinner at {rng.choice(RESTAURANTS)}" if kind == "meal" else "Catch-up"
            minute = _minute(rng, 18, 20) if kind == "meal" else _minute(rng)
            written += sink.add(when, minute, kind, "personal", minutes, subject, [ours, theirs])
        day += int(every * rng.uniform(0.8, 1.2))
    trips = [i for i in interests if i in TRIPS]
    for year_start in range(start + 300, end, 365) if trips else ():
        when = _workday(year_start + rng.randrange(60))
        if when < end and rng.random() < 0.7:
            subject = rng.choice(TRIPS[rng.choice(trips)])
            written += sink.add(
                when, 9 * 60, "trip", "personal", 2 * 24 * 60, subject, [ours, theirs]
            )
    return written


def _director_ties(
    sink: Sink,
    rng: random.Random,
    company: Company,
    org: Org,
    account: Account,
    client: Pools,
    interests: Mapping[int, Sequence[str]],
    showcase: bool,
) -> int:
    """Personal relationships with a covered client's directors (every one of a strong
    client's who stayed, most of a covered one's, about half of a single-threaded one's, all
    held by one colleague there; a few of them fade), or a fading client chair's only one."""
    if org.exposure == "fading" and client.board:
        begin = company.end - rng.randint(4, 5) * 365
        end = company.end - rng.randint(300, 420)  # long enough ago to have dropped a level
        interests_of = interests.get(client.board[0][0], ())
        return _personal(sink, rng, company, account.sponsor, client.board[0], begin, end,
                         interests_of)  # fmt: skip
    if org.exposure not in ("covered", "strong", "single") or not client.directors:
        return 0
    home = company.colleagues()
    stayers = [d for d in client.directors if d[0] not in company.moves]
    if org.exposure == "strong":
        share = 1.0  # every director who stayed
    else:
        share = rng.uniform(0.6, 0.9) if org.exposure == "covered" else rng.uniform(0.4, 0.7)
    chosen = _pick(rng, stayers, max(1, round(share * len(stayers))))
    if showcase and stayers:
        chosen = [stayers[0], *(d for d in chosen if d != stayers[0])]
    written = 0
    for number, theirs in enumerate(chosen):
        deepest = showcase and number == 0
        if deepest:
            ours = next(d for d in home.directors if d[0] not in company.moves)
        elif org.exposure == "single":  # one colleague holds every relationship
            ours = account.lead
        else:
            ours = account.sponsor if number == 0 else rng.choice([account.lead, *home.directors])
        strong = org.exposure == "strong"
        first = max(org.since, company.start)  # room to deepen before the window ends
        begin = first + rng.randrange(
            30 if deepest or strong else max(30, (company.end - first) // 3)
        )
        fades = not deepest and not strong and rng.random() < 0.15
        end = begin + rng.randrange(365, 3 * 365) if fades else company.end
        directors_interests = interests.get(theirs[0], ())
        written += _personal(
            sink, rng, company, ours, theirs, begin, min(end, company.end), directors_interests
        )
    return written


def _partner_bridge(sink: Sink, rng: random.Random, company: Company, client: Pools) -> int:
    """A partner firm's director who works with this client's chair, and with one of our
    directors: the warm way in to an uncovered client."""
    partners = [o for o in company.orgs if o.kind == "partner"]
    theirs = pools(company, partners[0]).board if partners else []
    if not theirs or not client.board:
        return 0
    bridge, ours = theirs[0], company.colleagues().directors[0]
    written = 0
    start = company.end - 2 * 365
    for other in (client.board[0], ours):
        for day in rhythm(rng, start, company.end, 30, skip=0.1, jitter=3):
            subject = "Joint venture steering" if other is ours else "Board advisory"
            written += sink.add(day, _minute(rng), "meeting", "business", 60, subject,
                                [bridge, other])  # fmt: skip
    return written


def _budget(company: Company, org: Org) -> int:
    """This organisation's share of the conversation target (clients in proportion to size)."""
    scale = company.scale
    same = [o for o in company.orgs if o.kind == org.kind]
    total = sum(o.size for o in same) if org.kind == "client" else len(same)
    weight = org.size if org.kind == "client" else 1
    return round(scale.conversations * BUDGET_SHARE[org.kind] * weight / total)


def _client(sink: Sink, company: Company, org: Org, interests: Mapping[int, Sequence[str]]) -> None:
    rng = random_stream(company.seed, "client", org.index)
    client = pools(company, org)
    account = _account(rng, company.colleagues(), org, org.exposure == "single")
    showcase = org is next(o for o in company.orgs if o.kind == "client")
    written = _reviews(sink, rng, company, org, account, client)
    written += _director_ties(sink, rng, company, org, account, client, interests, showcase)
    if org.exposure == "bridged":
        written += _partner_bridge(sink, rng, company, client)
    budget = _budget(company, org)
    for _ in range(MAX_THREADS):
        if written >= budget:
            break
        written += _project(sink, rng, company, org, account, client, budget - written)
    if org.exposure in ("covered", "strong"):
        company.golfers.extend(p for p, _ in client.directors if "golf" in interests.get(p, ()))


def _pursuit(sink: Sink, company: Company, org: Org) -> None:
    """A prospect or partner: calls, meetings, e-mails and the odd dinner with a small team."""
    rng = random_stream(company.seed, org.kind, org.index)
    theirs = pools(company, org)
    account = _account(rng, company.colleagues(), org, rng.random() < 0.5)
    budget = _budget(company, org)
    written = 0
    every = 30 if org.kind == "partner" else 21
    people_pool = theirs.directors[:3] + theirs.working[:4]
    first = max(org.since, company.start)
    for _ in range(MAX_THREADS if people_pool else 0):
        if written >= budget:
            break
        start = first + rng.randrange(max(1, company.end - first - 60))
        them = rng.choice(people_pool)
        us = rng.choice(account.team)
        for day in rhythm(rng, start, company.end, every, skip=0.15, jitter=3):
            kind = rng.choices(("call", "meeting", "email", "meal"), (4, 3, 6, 1))[0]
            depth = "personal" if kind == "meal" else "business"
            minutes = {"call": 30, "meeting": 60, "email": None, "meal": 120}[kind]
            subject = f"{org.name}: {'lunch' if kind == 'meal' else rng.choice(TOPICS)}"
            pair = [us, them] if rng.random() < 0.6 else [them, us]
            written += sink.add(day, _minute(rng), kind, depth, minutes, subject, pair)
            if written >= budget:
                break


def _internal(sink: Sink, company: Company) -> None:
    """Colleagues among themselves: board meetings, team meetings and one-to-ones."""
    rng = random_stream(company.seed, "internal")
    home = company.colleagues()
    budget = _budget(company, company.home)
    written = 0
    for day in rhythm(rng, company.start, company.end, 30, skip=0.05, jitter=3):
        written += sink.add(
            day, 9 * 60, "meeting", "business", 180, "Board meeting", home.directors
        )
    for _ in range(MAX_THREADS):
        if written >= budget:
            break
        lead = rng.choice(home.manager)
        team = [lead, *_pick(rng, home.staff + home.manager, rng.randint(3, 7))]
        start = company.start + rng.randrange(WINDOW_YEARS * 365 - 60)
        end = min(company.end, start + rng.randint(180, 3 * 365))
        for day in rhythm(rng, start, end, 7, skip=0.1):
            written += sink.add(day, _minute(rng), "meeting", "business", 45, "Team meeting", team)
        for day in rhythm(rng, start, end, 14, skip=0.15):
            pair = [lead, rng.choice(team[1:])]
            written += sink.add(day, _minute(rng), "meeting", "business", 30, "One-to-one", pair)


def _occasions(sink: Sink, company: Company) -> None:
    """Annual receptions with hundreds of guests (outside), conferences, a yearly golf weekend."""
    rng = random_stream(company.seed, "occasions")
    first, last = date.fromordinal(company.start).year, date.fromordinal(company.end).year
    for year in range(first, last + 1):
        _receptions(sink, rng, company, year)
        for number in range(max(2, company.scale.clients // 12)):
            _conference(sink, rng, company, year, number + 1)
        _golf_weekend(sink, rng, company, year)


def _on(company: Company, year: int, month: int, day: int, spread: int, rng: random.Random) -> int:
    """A workday within ``spread`` days after the given date, or 0 outside the window."""
    when = _workday(date(year, month, day).toordinal() + rng.randrange(spread))
    return when if company.start <= when < company.end else 0


def _receptions(sink: Sink, rng: random.Random, company: Company, year: int) -> None:
    """The December client reception and the June garden party: hundreds of guests."""
    home = company.colleagues()
    outside = [o for o in company.orgs if o.kind != "home"]
    size = max(150, min(800, company.scale.people // 5))
    for month, name, minutes in (
        (12, "Annual client reception", 240),
        (6, "Summer garden party", 180),
    ):
        day = _on(company, year, month, 10, 5, rng)
        hosts = [*home.directors, *_pick(rng, home.manager, size // 10)]
        guests = _guests(rng, company, outside, size)
        if day:
            sink.add(day, 18 * 60, "event", "outside", minutes, f"{name} {year}", [*hosts, *guests])


def _conference(sink: Sink, rng: random.Random, company: Company, year: int, number: int) -> None:
    home = company.colleagues()
    outside = [o for o in company.orgs if o.kind != "home"]
    day = _on(company, year, 3, 1, 270, rng)
    people = [*_pick(rng, home.manager + home.staff, 6), *_guests(rng, company, outside, 60)]
    if day:
        subject = f"Industry conference {year} #{number}"
        sink.add(day, 9 * 60, "event", "outside", 420, subject, people)


def _golf_weekend(sink: Sink, rng: random.Random, company: Company, year: int) -> None:
    """The yearly golf weekend: our directors with golf-loving directors of covered clients."""
    golfers = _pick(rng, [(p, -1) for p in company.golfers], 10)
    day = _on(company, year, 9, 1, 20, rng)
    if golfers and day:
        people = [*company.colleagues().directors[:3], *golfers]
        sink.add(day, 9 * 60, "trip", "personal", 3 * 24 * 60, "Golf weekend, Scotland", people)


def _guests(
    rng: random.Random, company: Company, orgs: Sequence[Org], k: int
) -> list[tuple[int, int]]:
    """``k`` reception guests: mostly directors and managers, a few private guests."""
    chosen: list[tuple[int, int]] = []
    for _ in range(k):
        if rng.random() < 0.05:
            chosen.append((rng.choice(company.guests), -1))
            continue
        org = rng.choice(orgs)
        offset = rng.randrange(min(org.size, org.board + org.executive + org.manager))
        chosen.append((org.first + offset, -1))
    return chosen

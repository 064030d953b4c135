"""The company's structure: organisations and their levels, who changed jobs, and the people.

``build_company`` draws the organisations, their sizes, exposure and job moves from the seed;
``people`` then yields everyone's people.csv row, one organisation at a time. Random draws
come from independent streams per purpose, so each part is deterministic on its own.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from graphx.generate.vocabulary import (
    BOARD_TITLES,
    EXECUTIVE_TITLES,
    FIRST_NAMES,
    HOME_MANAGER_TITLES,
    HOME_STAFF_TITLES,
    INTEREST_WEIGHTS,
    INTERESTS,
    LAST_NAMES,
    MANAGER_TITLES,
    OTHER_KINDS,
    PRIVATE_DOMAINS,
    REGIONS,
    SECTORS,
    STAFF_TITLES,
    STEMS,
    TLDS,
    WINDOW_END,
    WINDOW_YEARS,
    Scale,
)
from graphx.importers.rows import PersonRow
from graphx.model import PersonLevel


@dataclass(slots=True)
class Org:
    """One organisation, its people being the index range ``first .. first + size``."""

    index: int
    name: str
    kind: str
    domains: tuple[str, ...]
    sector: str
    first: int
    board: int
    executive: int
    manager: int
    staff: int
    exposure: str = "covered"
    since: int = 0
    formers: list[int] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"o{self.index:05d}"

    @property
    def size(self) -> int:
        return self.board + self.executive + self.manager + self.staff

    def level_of(self, offset: int) -> PersonLevel:
        """The level of the person at ``offset`` within this organisation."""
        if offset < self.board:
            return "board"
        if offset < self.board + self.executive:
            return "executive"
        return "manager" if offset < self.board + self.executive + self.manager else "staff"


@dataclass(frozen=True, slots=True)
class Move:
    """A person's job change: from ``source`` to their current organisation on ``day``."""

    source: int
    target: int
    day: int
    title: str
    level: PersonLevel


@dataclass(slots=True)
class Company:
    """The generated structure: organisations, job moves, and per-person facts by index."""

    seed: int
    scale: Scale
    end: int
    orgs: list[Org]
    moves: dict[int, Move]
    guests: range
    golfers: list[int] = field(default_factory=list)
    _colleagues: Pools | None = None

    @property
    def start(self) -> int:
        return self.end - WINDOW_YEARS * 365 - 1

    @property
    def home(self) -> Org:
        return self.orgs[0]

    def colleagues(self) -> Pools:
        """The home organisation's people by level, built once."""
        if self._colleagues is None:
            self._colleagues = pools(self, self.home)
        return self._colleagues

    def opted_out(self, person: int) -> bool:
        """About one person in 300 opted out: a pure function of the seed and the index."""
        return _unit(self.seed, person, 7) < 1 / 300

    def at(self, person: int, org: int, day: int) -> bool:
        """Whether ``person`` worked at ``org`` on ``day`` (-1: any affiliation will do)."""
        move = self.moves.get(person)
        if move is None:
            return True
        return day < move.day if move.source == org else day >= move.day


@dataclass(slots=True)
class Pools:
    """People of one organisation by level, as ``(person, org)``, opted-out people left out."""

    board: list[tuple[int, int]]
    executive: list[tuple[int, int]]
    manager: list[tuple[int, int]]
    staff: list[tuple[int, int]]

    @property
    def directors(self) -> list[tuple[int, int]]:
        return self.board + self.executive

    @property
    def working(self) -> list[tuple[int, int]]:
        return self.manager + self.staff or self.executive


def pools(company: Company, org: Org) -> Pools:
    """Current and former people of ``org`` grouped by the level they held there."""
    groups: dict[str, list[tuple[int, int]]] = {level: [] for level in Pools.__slots__}
    for offset in range(org.size):
        person = org.first + offset
        if not company.opted_out(person):
            groups[org.level_of(offset)].append((person, org.index))
    for person in org.formers:
        groups[company.moves[person].level].append((person, org.index))
    return Pools(**groups)


def _unit(seed: int, index: int, salt: int) -> float:
    """A well-mixed number in [0, 1) from the seed, an index and a salt (SplitMix64)."""
    z = (seed * 0x9E3779B97F4A7C15 + index * 0xBF58476D1CE4E5B9 + salt) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return ((z ^ (z >> 31)) >> 11) / float(1 << 53)


def random_stream(seed: int, *purpose: object) -> random.Random:
    """An independent random stream for one purpose (string seeds hash stably via SHA-512)."""
    return random.Random("/".join(str(p) for p in (seed, *purpose)))


def _slug(text: str, separator: str = "") -> str:
    """ASCII lower-case letters and digits of ``text`` (``Søren O'Brien`` -> ``sorenobrien``)."""
    text = text.replace("ø", "o").replace("Ø", "O").replace("ß", "ss").replace("\u0131", "i")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = ["".join(c for c in w.lower() if c.isalnum()) for w in ascii_text.split()]
    return separator.join(w for w in words if w)


def _split_sizes(rng: random.Random, total: int, count: int, minimum: int) -> list[int]:
    """``count`` sizes summing to ``total``, spread like real account sizes (log-normal)."""
    weights = [rng.lognormvariate(0, 0.6) for _ in range(count)]
    spare, whole = total - minimum * count, sum(weights)
    sizes = [minimum + int(spare * w / whole) for w in weights]
    sizes[0] += total - sum(sizes)
    return sizes


def _structure(rng: random.Random, size: int, kind: str) -> tuple[int, int, int, int]:
    """Board, executive, manager and staff counts of an organisation of ``size`` people."""
    if kind == "home":
        board = 9 if size > 500 else 7
        executive = min(14, max(6, size // 200))
    else:
        board = rng.randint(5, 9) if size >= 20 else rng.randint(2, 4)
        executive = rng.randint(4, 8) if size >= 20 else rng.randint(2, 3)
    manager = max(1, round((size - board - executive) * 0.35))
    return board, executive, manager, size - board - executive - manager


def _org_name(rng: random.Random, kind: str, sector: str, taken: set[str]) -> str:
    while True:
        stem = rng.choice(STEMS)
        region = rng.choice(REGIONS)
        suffix = rng.choice(OTHER_KINDS) if kind == "other" else SECTORS[sector]
        name = " ".join(w for w in (stem, region, suffix) if w)
        if name not in taken:
            taken.add(name)
            return name


def _domains(rng: random.Random, name: str, taken: set[str], several: bool) -> tuple[str, ...]:
    base = _slug(name, "-")
    tld = "com" if several else rng.choice(TLDS)
    domain = f"{base}.{tld}"
    number = 2
    while domain in taken:
        domain = f"{base}{number}.{tld}"
        number += 1
    taken.add(domain)
    if not several:
        return (domain,)
    short = f"{_slug(name.split()[0])}-group.com"
    if short in taken:
        return (domain,)
    taken.add(short)
    return (domain, short)


def build_company(scale: Scale, seed: int, end: date = WINDOW_END) -> Company:
    """The organisations, their sizes and structure, and who moved jobs (no people rows yet)."""
    rng = random_stream(seed, "structure")
    fixed = (
        scale.home
        + scale.guests
        + scale.prospects * scale.prospect_size
        + scale.partners * scale.partner_size
        + scale.others * scale.other_size
    )
    plan = [("home", scale.home)]
    plan += [("client", s) for s in _split_sizes(rng, scale.people - fixed, scale.clients, 15)]
    plan += [("prospect", scale.prospect_size)] * scale.prospects
    plan += [("partner", scale.partner_size)] * scale.partners
    plan += [("other", scale.other_size)] * scale.others
    names: set[str] = set()
    domains: set[str] = set()
    orgs: list[Org] = []
    first = 0
    sectors = sorted(SECTORS)
    for index, (kind, size) in enumerate(plan):
        sector = "professional services" if kind == "home" else rng.choice(sectors)
        if kind == "home":
            name = f"{rng.choice(STEMS)} Partners"
        else:
            name = _org_name(rng, kind, "technology" if kind == "partner" else sector, names)
        org = Org(
            index,
            name,
            kind,
            _domains(rng, name, domains, kind == "home" or rng.random() < 0.1),
            sector,
            first,
            *_structure(rng, size, kind),
        )
        orgs.append(org)
        first += size
    company = Company(seed, scale, end.toordinal(), orgs, {}, range(first, first + scale.guests))
    _assign_exposure(company, rng)
    _assign_moves(company, rng)
    return company


def _assign_exposure(company: Company, rng: random.Random) -> None:
    """Which clients are well covered, which exposed; how long each relationship has run."""
    clients = [o for o in company.orgs if o.kind == "client"]
    for position, org in enumerate(clients):
        if position == 0:
            org.exposure = "strong"  # the showcase account: a deep, long-running relationship
        elif position in (1, 2, 3):  # a chair whose one personal tie fades; single-threaded;
            # uncovered, but a partner firm's director knows its chair (a warm introduction)
            org.exposure = ("fading", "single", "bridged")[position - 1]
        else:
            org.exposure = rng.choices(
                ("strong", "covered", "exposed", "single"), (20, 45, 20, 15)
            )[0]
        years_back = WINDOW_YEARS if position == 0 else rng.choice((6, 6, 6, 5, 4, 3, 2))
        org.since = company.end - years_back * 365 + rng.randrange(60)
    for org in company.orgs:
        if org.kind != "client":
            org.since = company.start + (rng.randrange(3 * 365) if org.kind == "other" else 0)
        if org.kind == "prospect":
            org.since = company.end - rng.randrange(120, 900)


def _assign_moves(company: Company, rng: random.Random) -> None:
    """About 6% of people changed jobs in the window; some colleagues left or joined."""
    orgs = company.orgs
    others = [o for o in orgs if o.kind != "home"]
    for org in orgs:
        for offset in range(org.size):
            if rng.random() >= (0.03 if org.kind == "home" else 0.06):
                continue
            person = org.first + offset
            if company.opted_out(person):
                continue
            if org.kind == "home" or rng.random() < 0.1:
                source = rng.choice(others) if org.kind == "home" else company.home
            else:
                source = rng.choice(others)
                if source is org:
                    continue
            level = org.level_of(offset)
            if rng.random() < 0.4 and level in ("board", "executive"):
                level = "executive" if level == "board" else "manager"
            day = company.end - rng.randrange(60, (WINDOW_YEARS - 1) * 365)
            title = _title(rng, source, level)
            company.moves[person] = Move(source.index, org.index, day, title, level)
            source.formers.append(person)


def _title(rng: random.Random, org: Org, level: str, offset: int = -1) -> str:
    if level == "board":
        return BOARD_TITLES[min(offset, 3)] if offset in (0, 1) else rng.choice(BOARD_TITLES[2:])
    if level == "executive":
        if 0 <= offset < len(EXECUTIVE_TITLES):
            return EXECUTIVE_TITLES[offset]
        return rng.choice(EXECUTIVE_TITLES[3:])
    if org.kind == "home":
        return rng.choice(HOME_MANAGER_TITLES if level == "manager" else HOME_STAFF_TITLES)
    return rng.choice(MANAGER_TITLES if level == "manager" else STAFF_TITLES)


@dataclass(frozen=True, slots=True)
class PersonPlan:
    """One generated person: their people.csv row, and the index by which the plan knows them
    (the key of job moves, opt-outs and directors' interests)."""

    index: int
    row: PersonRow


def _interests(rng: random.Random, level: str) -> list[str]:
    count = {"board": (2, 4), "executive": (1, 3), "manager": (0, 2), "staff": (0, 2)}[level]
    picked = rng.choices(INTERESTS, INTEREST_WEIGHTS, k=rng.randint(*count))
    return list(dict.fromkeys(picked))


def _name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES).replace("_", " ")


def _address(local: str, domain: str, used: set[str]) -> str:
    """``local@domain``, numbered (``anna.smith2@...``) when the address is already used."""
    address, number = f"{local}@{domain}", 2
    while address in used:
        address, number = f"{local}{number}@{domain}", number + 1
    used.add(address)
    return address


def people(company: Company) -> Iterator[PersonPlan]:
    """Everyone in people.csv in index order: each organisation's people, then the guests."""
    old_addresses: set[str] = set()
    for org in company.orgs:
        yield from _org_people(company, org, old_addresses)
    yield from _guest_people(company)


def _org_people(company: Company, org: Org, old_addresses: set[str]) -> Iterator[PersonPlan]:
    """The people currently at ``org``, in index order (deterministic per seed and org)."""
    rng = random_stream(company.seed, "people", org.index)
    used: set[str] = set()
    for offset in range(org.size):
        person = org.first + offset
        first, last = _name(rng)
        level = org.level_of(offset)
        emails = [_address(f"{_slug(first)}.{_slug(last)}", org.domains[0], used)]
        move = company.moves.get(person)
        if move is not None:  # the address at the former employer: initial and last name
            old_domain = company.orgs[move.source].domains[0]
            emails.append(_address(f"{_slug(first)[0]}.{_slug(last)}", old_domain, old_addresses))
        position = offset if level == "board" else offset - org.board
        row = PersonRow(
            id=f"p{person:06d}",
            name=f"{first} {last}",
            email=emails,
            organisation_id=org.id,
            title=_title(rng, org, level, position),
            level=level,
            interests=_interests(rng, level),
            opt_out=company.opted_out(person),
        )
        yield PersonPlan(person, row)


def _guest_people(company: Company) -> Iterator[PersonPlan]:
    """Guests of unknown affiliation: private addresses, no organisation, title or level."""
    rng = random_stream(company.seed, "guests")
    used: set[str] = set()
    for person in company.guests:
        first, last = _name(rng)
        domain = rng.choice(PRIVATE_DOMAINS)
        emails = [_address(f"{_slug(first)}.{_slug(last)}", domain, used)]
        row = PersonRow(
            id=f"p{person:06d}",
            name=f"{first} {last}",
            email=emails,
            interests=_interests(rng, "staff"),
        )
        yield PersonPlan(person, row)

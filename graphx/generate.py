"""A realistic synthetic company in the canonical CSV format (``graphx generate``).

One home organisation, clients with boards and executives, prospects, partners and others;
six years of conversations with the rhythms of real account work: weekly project meetings,
calls and e-mails, quarterly business reviews, personal dinners that deepen over years (or
stop), annual receptions with hundreds of guests, golf and sailing trips; people who change
jobs; a few opted-out people; and clients left exposed on purpose (no personal tie to any
director, or one colleague carrying the whole account) so that gap reports have findings.

The output is deterministic per seed (byte-identical files) and written as it is generated:
memory holds one organisation's people at a time, never the conversations.

``generate("small", seed=1, out="demo")`` writes the five files into ``demo/`` and returns
their row counts: exactly 1,000 people and about 10,000 conversations.
"""

from __future__ import annotations

import csv
import heapq
import random
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

WINDOW_END = date(2026, 11, 27)
"""The default last day of generated history (fixed, so that output never depends on today)."""

WINDOW_YEARS = 6
"""Years of history before the window end."""

HEADERS: dict[str, tuple[str, ...]] = {
    "organisations": ("id", "name", "kind", "domain", "sector"),
    "people": ("id", "name", "email", "organisation_id", "title", "level", "interests", "opt_out"),
    "conversations": ("id", "date", "kind", "depth", "duration_minutes", "subject"),
    "participants": ("conversation_id", "person_id", "role"),
    "employments": ("person_id", "organisation_id", "title", "level", "from", "until"),
}
"""Each canonical file's stem and its exact header row (the brief's contract)."""


@dataclass(frozen=True, slots=True)
class Scale:
    """How big a generated company is: target totals and how they split."""

    people: int
    conversations: int
    home: int
    clients: int
    prospects: int
    partners: int
    others: int
    guests: int
    prospect_size: int
    partner_size: int
    other_size: int


SCALES: dict[str, Scale] = {
    "small": Scale(1_000, 10_000, 120, 24, 12, 8, 6, 10, 12, 12, 8),
    "medium": Scale(10_000, 100_000, 900, 100, 80, 40, 40, 100, 25, 25, 15),
    "large": Scale(100_000, 1_000_000, 6_000, 300, 400, 150, 200, 1_000, 40, 60, 30),
}
"""The named scales; people counts are exact, conversation counts approximate (within 10%)."""

MAX_THREADS = 10_000
"""A bound on the threads one organisation's budget may take (guards against empty pools)."""

BUDGET_SHARE = {"client": 0.64, "home": 0.16, "prospect": 0.08, "partner": 0.07, "other": 0.03}
"""How the conversation target splits between kinds of organisation (events take the rest)."""


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --- vocabulary --------------------------------------------------------------------------------

FIRST_NAMES = _words(
    "James Emma Oliver Sophie William Charlotte Henry Amelia George Isla Thomas Grace Edward "
    "Alice Jan Anna Pieter Sanne Joris Femke Bram Lotte Maximilian Lena Felix Hannah Lukas "
    "Johanna Jürgen Katrin Matthias Élodie Antoine Camille Julien Margaux Louis Chloé Mateo "
    "Lucía Javier Carmen Alejandro Isabel Marco Giulia Luca Francesca Alessandro Chiara Søren "
    "Ingrid Lars Astrid Erik Freya Mikkel Sigrid Piotr Agnieszka Tomasz Katarzyna Priya Arjun "
    "Ananya Rohan Kavya Vikram Wei Mei Jun Li Hiroshi Yuki Kenji Sakura Omar Layla Karim "
    "Yasmin Tariq Amira Chinedu Ngozi Kwame Ama Oluwaseun Zainab Mehmet Elif Emre Zeynep "
    "Daniel Sarah Michael Laura David Rachel Andrew Nadia Patrick Siobhán Seán Aoife Niamh "
    "Rafael Beatriz João Mariana Dmitri Olga Nikolai Tatiana Ahmed Fatima Hugo Zoë Noah Eva"
)

LAST_NAMES = _words(
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans "
    "Walker White Roberts Green Hall Wood Jackson Clarke de_Vries Jansen de_Jong Bakker "
    "Visser Smit Meijer van_Dijk Mulder Bos Müller Schmidt Schneider Fischer Weber Becker "
    "Hoffmann Schäfer Koch Richter Martin Bernard Dubois Lefèvre Moreau Laurent Girard "
    "García Fernández González Rodríguez López Martínez Rossi Russo Ferrari Esposito Bianchi "
    "Romano Colombo Hansen Nielsen Andersen Larsen Johansson Lindqvist Eriksson Nowak "
    "Kowalski Wiśniewski Wójcik Sharma Patel Gupta Iyer Reddy Mehta Wang Zhang Chen Liu Tanaka "
    "Suzuki Watanabe Sato Haddad Khalil Mansour Nasser Okafor Adeyemi Mensah Boateng Y\u0131lmaz "
    "Kaya Demir Çelik O'Brien Murphy Kelly O'Sullivan Walsh Byrne Silva Santos Oliveira "
    "Costa Ivanov Petrov Popescu Novak Horvath Kovács Nagy Papadopoulos Cohen Levi Stewart "
    "MacDonald Campbell Anderson Scott"
)

INTERESTS = (
    "golf",
    "sailing",
    "art",
    "opera",
    "wine",
    "cycling",
    "tennis",
    "football",
    "theatre",
    "running",
    "skiing",
    "history",
    "architecture",
    "classical music",
    "jazz",
    "hiking",
    "photography",
    "cooking",
    "rugby",
    "horse riding",
    "literature",
    "chess",
    "fishing",
)
INTEREST_WEIGHTS = (8, 5, 4, 3, 5, 4, 4, 4, 3, 4, 3, 3, 2, 2, 2, 3, 2, 3, 2, 1, 2, 1, 1)

SECTORS = {
    "banking": "Bank",
    "insurance": "Insurance",
    "energy": "Energy",
    "retail": "Retail",
    "logistics": "Logistics",
    "pharmaceuticals": "Pharma",
    "telecom": "Telecom",
    "manufacturing": "Industries",
    "real estate": "Properties",
    "media": "Media",
    "technology": "Systems",
    "food": "Foods",
    "chemicals": "Chemicals",
    "transport": "Rail",
    "public sector": "Authority",
    "healthcare": "Health",
}

STEMS = _words(
    "Aldermoor Brightwater Corvane Duneland Eastmere Fairhaven Greyhill Harrowgate Ironbridge "
    "Juniper Kestrel Larkspur Marlowe Northgate Oakridge Pemberton Quayside Ravenscar "
    "Silverline Thornbury Umbra Valemont Westbrook Yarrow Zephyr Ashcombe Blackstone Caledon "
    "Driftwood Elmstead Foxglove Glenmore Hollins Ivory Kingsmead Lindisfarne Merrow Norland "
    "Orchard Pinecrest Redwater Stonebridge Tidewell Upton Verity Whitlock Amberley Bellhaven "
    "Castlerock Deepwell Everline Fernhill Goldcrest Highmoor Isleworth Larchfield Meadowgate "
    "Nettlebed Otterburn Penrose Rosewood Saltmarsh Trevane Wyvern"
)
REGIONS = ("", "Nordic", "Atlantic", "Continental", "Alpine", "Central", "Global", "Northern")
TLDS = ("com", "com", "com", "co.uk", "de", "nl", "fr", "eu", "ch", "se")
OTHER_KINDS = ("Chamber of Commerce", "University", "Foundation", "Institute", "Association")
PRIVATE_DOMAINS = ("gmail.com", "outlook.com", "proton.me", "icloud.com", "yahoo.co.uk")

BOARD_TITLES = ("Chair", "Vice Chair", "Senior Independent Director", "Non-executive Director")
EXECUTIVE_TITLES = (
    "Chief Executive Officer",
    "Chief Financial Officer",
    "Chief Operating Officer",
    "Chief Technology Officer",
    "Chief People Officer",
    "Chief Marketing Officer",
    "General Counsel",
    "Chief Information Officer",
    "Chief Strategy Officer",
    "Chief Risk Officer",
    "Chief Sustainability Officer",
    "Chief Procurement Officer",
)
MANAGER_TITLES = (
    "Head of Procurement",
    "Programme Manager",
    "Purchasing Manager",
    "IT Director",
    "Head of Finance",
    "Project Manager",
    "Head of Operations",
    "Head of Strategy",
    "Category Manager",
    "Head of Legal",
    "Regional Director",
    "Head of Data",
)
STAFF_TITLES = (
    "Buyer",
    "Analyst",
    "Project Engineer",
    "Controller",
    "Business Analyst",
    "Consultant",
    "Project Coordinator",
    "Legal Counsel",
    "Data Engineer",
    "Assistant",
    "Specialist",
)
HOME_MANAGER_TITLES = ("Account Director", "Practice Lead", "Engagement Manager", "Partner")
HOME_STAFF_TITLES = ("Account Manager", "Consultant", "Senior Consultant", "Analyst", "Associate")
TOPICS = (
    "ERP migration",
    "supply-chain review",
    "data platform",
    "cost programme",
    "audit",
    "cloud move",
    "pricing study",
    "risk model",
    "CRM roll-out",
    "due diligence",
    "operating model",
    "cyber assessment",
    "ESG reporting",
    "market entry",
    "tender",
)
RESTAURANTS = ("The Ivy", "Hawksmoor", "Le Gavroche", "Noma", "Chez Janou", "De Kas", "Zuma")
TRIPS = {
    "golf": ("Golf weekend, St Andrews", "Golf day, Wentworth", "Golf trip, Algarve"),
    "sailing": ("Sailing, Cowes Week", "Regatta, Kiel Week", "Sailing weekend, Solent"),
    "skiing": ("Ski weekend, Verbier", "Ski trip, St. Moritz"),
}

# --- the company's structure -------------------------------------------------------------------


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

    def level_of(self, offset: int) -> str:
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
    level: str


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


def _unit(seed: int, index: int, salt: int) -> float:
    """A well-mixed number in [0, 1) from the seed, an index and a salt (SplitMix64)."""
    z = (seed * 0x9E3779B97F4A7C15 + index * 0xBF58476D1CE4E5B9 + salt) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return ((z ^ (z >> 31)) >> 11) / float(1 << 53)


def _rng(seed: int, *purpose: object) -> random.Random:
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
    rng = _rng(seed, "structure")
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


# --- people ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    """One person as people.csv describes them (their current job)."""

    index: int
    name: str
    emails: tuple[str, ...]
    org: int | None
    title: str
    level: str
    interests: tuple[str, ...]
    opt_out: bool

    @property
    def id(self) -> str:
        return f"p{self.index:06d}"


def _interests(rng: random.Random, level: str) -> tuple[str, ...]:
    count = {"board": (2, 4), "executive": (1, 3), "manager": (0, 2), "staff": (0, 2)}[level]
    picked = rng.choices(INTERESTS, INTEREST_WEIGHTS, k=rng.randint(*count))
    return tuple(dict.fromkeys(picked))


def _name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES).replace("_", " ")


def _address(local: str, domain: str, used: set[str]) -> str:
    """``local@domain``, numbered (``anna.smith2@...``) when the address is already used."""
    address, number = f"{local}@{domain}", 2
    while address in used:
        address, number = f"{local}{number}@{domain}", number + 1
    used.add(address)
    return address


def org_people(company: Company, org: Org, old_addresses: set[str]) -> Iterator[Person]:
    """The people currently at ``org``, in index order (deterministic per seed and org)."""
    rng = _rng(company.seed, "people", org.index)
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
        yield Person(
            person,
            f"{first} {last}",
            tuple(emails),
            org.index,
            _title(rng, org, level, position),
            level,
            _interests(rng, level),
            company.opted_out(person),
        )


def guest_people(company: Company) -> Iterator[Person]:
    """Guests of unknown affiliation: private addresses, no organisation, title or level."""
    rng = _rng(company.seed, "guests")
    used: set[str] = set()
    for person in company.guests:
        first, last = _name(rng)
        domain = rng.choice(PRIVATE_DOMAINS)
        emails = (_address(f"{_slug(first)}.{_slug(last)}", domain, used),)
        interests = _interests(rng, "staff")
        yield Person(person, f"{first} {last}", emails, None, "", "", interests, False)


def _person_row(person: Person, company: Company) -> list[str]:
    org = "" if person.org is None else company.orgs[person.org].id
    return [
        person.id,
        person.name,
        ";".join(person.emails),
        org,
        person.title,
        person.level,
        ";".join(person.interests),
        "true" if person.opt_out else "false",
    ]


def _employment_rows(person: Person, company: Company) -> list[list[str]]:
    move = company.moves.get(person.index)
    if move is None or person.org is None:
        return []
    day = date.fromordinal(move.day).isoformat()
    source = company.orgs[move.source]
    return [
        [person.id, source.id, move.title, move.level, "", day],
        [person.id, company.orgs[person.org].id, person.title, person.level, day, ""],
    ]


# --- conversations -----------------------------------------------------------------------------


class Sink:
    """Writes conversations and their participants as they are generated, and counts them."""

    def __init__(self, conversations: Any, participants: Any, company: Company) -> None:
        self._conversations = conversations
        self._participants = participants
        self._company = company
        self.count = 0
        self.participations = 0
        self.opted_out_participations = 0

    def add(
        self,
        day: int,
        minute: int,
        kind: str,
        depth: str,
        minutes: int | None,
        subject: str,
        people: Sequence[tuple[int, int]],
    ) -> bool:
        """Write one conversation on ``day`` among the ``(person, org)`` who were there then.

        The first present person organises. Nothing is written (False) when fewer than two of
        them still worked where the thread expects them.
        """
        present = [p for p, org in people if self._company.at(p, org, day)]
        present = list(dict.fromkeys(present))
        if len(present) < 2:
            return False
        self.count += 1
        cid = f"c{self.count:07d}"
        when = f"{date.fromordinal(day).isoformat()}T{minute // 60:02d}:{minute % 60:02d}:00Z"
        duration = "" if minutes is None else str(minutes)
        self._conversations.writerow((cid, when, kind, depth, duration, subject))
        rows = [(cid, f"p{present[0]:06d}", "organizer")]
        rows += [(cid, f"p{p:06d}", "attendee") for p in present[1:]]
        self._participants.writerows(rows)
        self.participations += len(rows)
        self.opted_out_participations += sum(map(self._company.opted_out, present))
        return True


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
    interests: dict[int, tuple[str, ...]],
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


def _client(sink: Sink, company: Company, org: Org, interests: dict[int, tuple[str, ...]]) -> None:
    rng = _rng(company.seed, "client", org.index)
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
    rng = _rng(company.seed, org.kind, org.index)
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
    rng = _rng(company.seed, "internal")
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
    rng = _rng(company.seed, "occasions")
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


# --- the whole run -----------------------------------------------------------------------------


def _writer(stack: ExitStack, out: Path, stem: str) -> Any:
    handle = stack.enter_context((out / f"{stem}.csv").open("w", encoding="utf-8", newline=""))
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(HEADERS[stem])
    return writer


def generate(
    scale: str | Scale, seed: int, out: Path | str, end: date = WINDOW_END
) -> dict[str, int]:
    """Write the five canonical CSV files into ``out``; return their row counts.

    The counts are keyed by file stem, plus ``opted_out_participations`` (participant rows of
    opted-out people, which an importer is expected to skip).
    """
    spec = SCALES[scale] if isinstance(scale, str) else scale
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    company = build_company(spec, seed, end)
    counts: dict[str, int] = {}
    with ExitStack() as stack:
        writers = {stem: _writer(stack, target, stem) for stem in HEADERS}
        for org in company.orgs:
            domains = ";".join(org.domains)
            writers["organisations"].writerow((org.id, org.name, org.kind, domains, org.sector))
        interests = _write_people(company, writers["people"], writers["employments"], counts)
        sink = Sink(writers["conversations"], writers["participants"], company)
        _internal(sink, company)
        for org in company.orgs:
            if org.kind == "client":
                _client(sink, company, org, interests)
            elif org.kind != "home":
                _pursuit(sink, company, org)
        _occasions(sink, company)
    counts["organisations"] = len(company.orgs)
    counts["conversations"] = sink.count
    counts["participants"] = sink.participations
    counts["opted_out_participations"] = sink.opted_out_participations
    return {key: counts[key] for key in (*HEADERS, "opted_out_participations")}


def _write_people(
    company: Company, people: Any, employments: Any, counts: dict[str, int]
) -> dict[int, tuple[str, ...]]:
    """Write people.csv and employments.csv; return the interests of directors."""
    interests: dict[int, tuple[str, ...]] = {}
    old_addresses: set[str] = set()
    counts["people"] = counts["employments"] = 0
    for org in company.orgs:
        for person in org_people(company, org, old_addresses):
            people.writerow(_person_row(person, company))
            rows = _employment_rows(person, company)
            employments.writerows(rows)
            counts["people"] += 1
            counts["employments"] += len(rows)
            if person.level in ("board", "executive"):
                interests[person.index] = person.interests
    for person in guest_people(company):
        people.writerow(_person_row(person, company))
        counts["people"] += 1
    return interests

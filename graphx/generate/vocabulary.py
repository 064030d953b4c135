"""The generator's fixed inputs: the history window, the named scales and the word lists
(names, organisation names, sectors, titles, interests, topics, restaurants and trips).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

WINDOW_END = date(2026, 11, 27)
"""The default last day of generated history (fixed, so that output never depends on today)."""

WINDOW_YEARS = 6
"""Years of history before the window end."""


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


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


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

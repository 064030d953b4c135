"""``graphx generate``: the synthetic company honours the canonical format and tells a story."""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.generate import generate

FILES = ("organisations", "people", "conversations", "participants", "employments")
HEADERS = {
    "organisations": ["id", "name", "kind", "domain", "sector"],
    "people": ["id", "name", "email", "organisation_id", "title", "level", "interests", "opt_out"],
    "conversations": ["id", "date", "kind", "depth", "duration_minutes", "subject"],
    "participants": ["conversation_id", "person_id", "role"],
    "employments": ["person_id", "organisation_id", "title", "level", "from", "until"],
}
WINDOW = (date(2020, 11, 26), date(2026, 11, 27))


Rows = dict[str, list[dict[str, str]]]


def _read(folder: Path) -> Rows:
    rows = {}
    for stem in FILES:
        with (folder / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
            rows[stem] = list(csv.DictReader(handle))
    return rows


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("small")
    return folder, generate("small", seed=42, out=folder)


@pytest.fixture(scope="module")
def rows(small: tuple[Path, dict[str, int]]) -> Rows:
    return _read(small[0])


@pytest.fixture(scope="module")
def home_id(rows: Rows) -> str:
    (home,) = [o["id"] for o in rows["organisations"] if o["kind"] == "home"]
    return home


@pytest.fixture(scope="module")
def personal_contacts(rows: Rows, home_id: str) -> dict[tuple[str, str], list[str]]:
    """Dates of personal conversations of each (colleague, outside director) pair."""
    people = {p["id"]: p for p in rows["people"]}
    conversations = {c["id"]: c for c in rows["conversations"]}
    members: dict[str, list[str]] = defaultdict(list)
    for row in rows["participants"]:
        members[row["conversation_id"]].append(row["person_id"])
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cid, ids in members.items():
        if conversations[cid]["depth"] != "personal":
            continue
        ours = [p for p in ids if people[p]["organisation_id"] == home_id]
        directors = [
            p
            for p in ids
            if people[p]["level"] in ("board", "executive")
            and people[p]["organisation_id"] != home_id
        ]
        for colleague in ours:
            for director in directors:
                pairs[colleague, director].append(conversations[cid]["date"][:10])
    return pairs


def _bytes(folder: Path) -> dict[str, bytes]:
    return {stem: (folder / f"{stem}.csv").read_bytes() for stem in FILES}


def test_the_same_seed_writes_byte_identical_files(tmp_path: Path) -> None:
    generate("small", seed=7, out=tmp_path / "a")
    generate("small", seed=7, out=tmp_path / "b")
    assert _bytes(tmp_path / "a") == _bytes(tmp_path / "b")


def test_a_different_seed_writes_different_files(tmp_path: Path) -> None:
    generate("small", seed=7, out=tmp_path / "a")
    generate("small", seed=8, out=tmp_path / "b")
    first, second = _bytes(tmp_path / "a"), _bytes(tmp_path / "b")
    assert all(first[stem] != second[stem] for stem in FILES)


def test_every_file_starts_with_exactly_the_briefs_header_row(small: tuple[Path, dict]) -> None:
    for stem, header in HEADERS.items():
        first_line = (small[0] / f"{stem}.csv").read_text(encoding="utf-8").split("\n")[0]
        assert first_line == ",".join(header)


def test_the_returned_counts_are_the_rows_of_each_file(
    small: tuple[Path, dict[str, int]], rows: Rows
) -> None:
    counts = small[1]
    assert {stem: counts[stem] for stem in FILES} == {stem: len(rows[stem]) for stem in FILES}


def test_the_small_scale_has_its_documented_size(small: tuple[Path, dict[str, int]]) -> None:
    counts = small[1]
    assert counts["people"] == 1000
    assert counts["organisations"] == 1 + 24 + 12 + 8 + 6
    assert 9_000 <= counts["conversations"] <= 11_000
    assert 2.5 <= counts["participants"] / counts["conversations"] <= 4.5
    assert 50 <= counts["employments"] <= 250


def test_every_value_comes_from_the_briefs_vocabulary(rows: Rows) -> None:
    kinds = Counter(o["kind"] for o in rows["organisations"])
    assert set(kinds) == {"home", "client", "prospect", "partner", "other"}
    assert {p["level"] for p in rows["people"]} == {"board", "executive", "manager", "staff", ""}
    assert {p["opt_out"] for p in rows["people"]} == {"true", "false"}
    conversation_kinds = {c["kind"] for c in rows["conversations"]}
    assert conversation_kinds == {"email", "call", "meeting", "meal", "event", "trip"}
    assert {c["depth"] for c in rows["conversations"]} == {"outside", "business", "personal"}
    assert {p["role"] for p in rows["participants"]} == {"organizer", "attendee"}
    assert {e["level"] for e in rows["employments"]} <= {"board", "executive", "manager", "staff"}


def test_there_is_exactly_one_home_organisation(rows: Rows) -> None:
    assert [o["kind"] for o in rows["organisations"]].count("home") == 1


def test_every_reference_points_at_an_existing_row(rows: Rows) -> None:
    organisations = {o["id"] for o in rows["organisations"]}
    people = {p["id"] for p in rows["people"]}
    conversations = {c["id"] for c in rows["conversations"]}
    assert {p["organisation_id"] for p in rows["people"]} <= organisations | {""}
    assert {r["person_id"] for r in rows["participants"]} <= people
    assert {r["conversation_id"] for r in rows["participants"]} == conversations
    assert {e["person_id"] for e in rows["employments"]} <= people
    assert {e["organisation_id"] for e in rows["employments"]} <= organisations


def test_ids_are_unique(rows: Rows) -> None:
    for stem in ("organisations", "people", "conversations"):
        ids = [row["id"] for row in rows[stem]]
        assert len(ids) == len(set(ids)), stem


def test_every_conversation_has_two_people_or_more_and_exactly_one_organizer(rows: Rows) -> None:
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    seen: set[tuple[str, str]] = set()
    for row in rows["participants"]:
        roles[row["conversation_id"]][row["role"]] += 1
        key = (row["conversation_id"], row["person_id"])
        assert key not in seen, f"{key} takes part twice"
        seen.add(key)
    assert all(r["organizer"] == 1 for r in roles.values())
    assert all(r["organizer"] + r["attendee"] >= 2 for r in roles.values())


def test_every_date_lies_in_six_years_that_end_near_today(rows: Rows) -> None:
    days = sorted(date.fromisoformat(c["date"][:10]) for c in rows["conversations"])
    assert WINDOW[0] <= days[0] <= date(2021, 1, 31)
    assert date(2026, 11, 1) <= days[-1] <= WINDOW[1]
    assert all(c["date"].endswith("Z") and len(c["date"]) == 20 for c in rows["conversations"])


def test_email_addresses_are_unique_and_current_ones_on_the_organisations_domain(
    rows: Rows,
) -> None:
    domains = {o["id"]: o["domain"].split(";") for o in rows["organisations"]}
    addresses = [a for p in rows["people"] for a in p["email"].split(";")]
    assert len(addresses) == len(set(addresses))
    for person in rows["people"]:
        if person["organisation_id"]:
            current = person["email"].split(";")[0]
            assert current.split("@")[1] == domains[person["organisation_id"]][0]


def test_people_who_changed_jobs_left_one_organisation_the_day_they_joined_the_next(
    rows: Rows,
) -> None:
    current = {p["id"]: p["organisation_id"] for p in rows["people"]}
    history: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows["employments"]:
        history[row["person_id"]].append(row)
    assert history
    for person, (before, now) in ((p, tuple(h)) for p, h in history.items()):
        assert before["until"] == now["from"] != ""
        assert now["until"] == "" and now["organisation_id"] == current[person]
        assert before["organisation_id"] != now["organisation_id"]


def test_directors_have_interests_from_the_list(rows: Rows) -> None:
    directors = [p for p in rows["people"] if p["level"] in ("board", "executive")]
    interests = Counter(i for p in directors for i in p["interests"].split(";") if i)
    assert all(p["interests"] for p in directors if p["level"] == "board")
    assert {"golf", "sailing", "wine", "art", "opera"} <= set(interests)


def test_annual_receptions_have_hundreds_of_guests_and_are_outside(rows: Rows) -> None:
    size = Counter(r["conversation_id"] for r in rows["participants"])
    receptions = [c for c in rows["conversations"] if "reception" in c["subject"]]
    assert len(receptions) == 6
    assert all(c["kind"] == "event" and c["depth"] == "outside" for c in receptions)
    assert all(size[c["id"]] >= 150 for c in receptions)


def test_opted_out_people_exist_and_only_attend_large_events(
    small: tuple[Path, dict[str, int]], rows: Rows
) -> None:
    opted_out = {p["id"] for p in rows["people"] if p["opt_out"] == "true"}
    kinds = {c["id"]: c["kind"] for c in rows["conversations"]}
    theirs = [r for r in rows["participants"] if r["person_id"] in opted_out]
    assert opted_out
    assert {kinds[r["conversation_id"]] for r in theirs} <= {"event"}
    assert len(theirs) == small[1]["opted_out_participations"]


def test_some_client_has_a_director_no_colleague_ever_met_personally(
    rows: Rows, personal_contacts: dict[tuple[str, str], list[str]]
) -> None:
    clients = {o["id"] for o in rows["organisations"] if o["kind"] == "client"}
    known = {director for _, director in personal_contacts}
    uncovered = [
        p
        for p in rows["people"]
        if p["organisation_id"] in clients
        and p["level"] in ("board", "executive")
        and p["id"] not in known
    ]
    assert uncovered
    fully_exposed = {p["organisation_id"] for p in rows["people"]} & clients
    for person in rows["people"]:
        if person["id"] in known:
            fully_exposed.discard(person["organisation_id"])
    assert fully_exposed, "no client without any personal tie to its directors"


def test_some_colleague_knows_a_director_deeply_over_years(
    personal_contacts: dict[tuple[str, str], list[str]],
) -> None:
    def years(days: list[str]) -> float:
        first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
        return (last - first).days / 365

    deep = [d for d in personal_contacts.values() if len(d) >= 20 and years(d) >= 5]
    assert deep
    assert any(max(days) >= "2026-09-01" for days in deep)


def test_some_personal_relationship_fades_years_before_the_end(
    personal_contacts: dict[tuple[str, str], list[str]],
) -> None:
    faded = [d for d in personal_contacts.values() if len(d) >= 5 and max(d) < "2025-06-01"]
    assert faded


def test_the_command_writes_the_files_and_prints_their_counts_as_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["generate", "--scale", "small", "--seed", "3", "--out", str(tmp_path), "--json"]
    )
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["scale"] == "small" and printed["seed"] == 3
    assert printed["counts"] == generate("small", seed=3, out=tmp_path / "again")
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == sorted(f"{s}.csv" for s in FILES)

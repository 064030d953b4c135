"""The coverage map's matrix: row and column order, the minimum level, the drawn columns."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dashboards.components.heatmap import UPRIGHT_AFTER, heatmap, matrix
from graphx.coverage import Acquaintance, Coverage, DirectorCoverage
from graphx.model import Organisation

SEEN = datetime(2026, 10, 1, tzinfo=UTC)


def director(
    person: str, title: str, is_top: bool, known: dict[str, tuple[int, float]]
) -> DirectorCoverage:
    known_by = tuple(
        Acquaintance(cid, cid.title(), level, strength, SEEN)
        for cid, (level, strength) in known.items()
    )
    best = max((level for level, _ in known.values()), default=0)
    return DirectorCoverage(person, person.title(), title, "board", is_top, best, known_by)


COVERAGE = Coverage(
    Organisation("acme", "Acme", "client"),
    date(2026, 11, 1),
    0.5,
    (
        director("zoe", "Director", False, {"ann": (1, 0.1), "bob": (3, 2.0), "cas": (1, 0.2)}),
        director("adam", "Chair", True, {"ann": (2, 0.9), "cas": (1, 0.3)}),
    ),
)


def test_chair_first_and_the_colleagues_who_know_most_directors_best_first() -> None:
    m = matrix(COVERAGE)
    assert [d.id for d in m.directors] == ["adam", "zoe"]
    assert m.colleague_ids == ["ann", "cas", "bob"]  # ann and cas know two; ann the stronger
    assert m.levels == [[2, 1, 0], [1, 1, 3]]


def test_a_minimum_level_keeps_the_colleagues_who_reach_it_with_their_actual_levels() -> None:
    m = matrix(COVERAGE, min_level=2)
    assert m.colleague_ids == ["bob", "ann"]  # cas only met them; bob's tie is the stronger
    assert m.levels == [[0, 2], [3, 1]]  # ann's "met" with zoe still shows
    assert matrix(COVERAGE, min_level=4).colleague_ids == []


def test_first_keeps_the_leading_columns_of_every_row() -> None:
    m = matrix(COVERAGE).first(2)
    assert m.colleague_ids == ["ann", "cas"]
    assert m.colleague_names == ["Ann", "Cas"]
    assert m.levels == [[2, 1], [1, 1]]
    assert m.strengths == [[0.9, 0.3], [0.1, 0.2]]
    assert m.last_contacts == [[SEEN, SEEN], [SEEN, SEEN]]


def test_names_of_many_narrow_columns_stand_upright_so_they_do_not_overlap() -> None:
    assert heatmap(matrix(COVERAGE)).layout.xaxis.tickangle == -35
    many = {f"c{i:02}": (1, 0.1) for i in range(UPRIGHT_AFTER + 1)}
    rows = tuple(director(f"d{i}", "Director", False, many) for i in range(5))
    crowded = heatmap(matrix(Coverage(COVERAGE.organisation, COVERAGE.as_of, 0.0, rows)))
    assert crowded.layout.xaxis.tickangle == -90
    assert len(crowded.layout.xaxis.ticktext) == UPRIGHT_AFTER + 1
    assert crowded.layout.height == 34 * 5 + 240  # 100 px more room for the upright names

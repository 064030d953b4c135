"""The quarterly report on a small graph whose quarter-over-quarter story is obvious.

Colleagues Ann (golf), Bob (golf), Cas (opera). At Acme: Nora (CEO) meets Ann and Cas for
two personal dinners in Q3 2026 (newly covered); Fred (CFO, golf) had four personal lunches
with Bob in summer 2025 and only business meetings since (fading: level 3 at the end of Q2,
2 at the end of Q3); Sara (Chair) is known personally by Ann only (single-threaded), Bob met
her at a reception; Vic (CTO, opera) has never met any of us. At Beta, Bart (CEO) dines with
Ann and Bob every quarter (covered twice, unchanged).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from graphx.cli import app
from graphx.db import Database
from graphx.errors import GraphxError
from graphx.reports import build_report, render_html, render_pdf, report_file, write_report
from graphx.reports import html as html_module
from graphx.ties.store import score_all
from tests.integration.analytics_graph import job, org, person

runner = CliRunner()
Q3_END = date(2026, 9, 30)


def talk(
    db: Database, cid: str, day: str, people: list[str], kind: str = "meal",
    depth: str = "personal", participants: int | None = None,
) -> None:  # fmt: skip
    """A one-hour conversation at noon UTC on ``day``; the first person organises."""
    when = datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC).replace(hour=12)
    db.driver.execute_query(
        "CREATE (c:Conversation {id: $id, date: $when, kind: $kind, depth: $depth,"
        " duration_minutes: 60, participants: $n, source: 'csv'})"
        " WITH c UNWIND range(0, size($people) - 1) AS i"
        " MATCH (p:Person {id: $people[i]})"
        " CREATE (p)-[:PARTICIPATED {role: CASE i WHEN 0 THEN 'organizer'"
        " ELSE 'attendee' END}]->(c)",
        {"id": cid, "when": when, "kind": kind, "depth": depth, "people": people,
         "n": participants or len(people)},
        database_=db.database,
    )  # fmt: skip


@pytest.fixture
def story(db: Database) -> Database:
    org(db, "us", "Us", "home")
    org(db, "acme", "Acme")
    org(db, "beta", "Beta")
    for pid, name, likes in [
        ("ann", "Ann Smit", ["golf"]), ("bob", "Bob de Wit", ["golf"]),
        ("cas", "Cas Bos", ["opera"]),
    ]:  # fmt: skip
        person(db, pid, name, interests=likes)
        job(db, pid, "us")
    for pid, name, organisation, level, title, likes in [
        ("nora", "Nora Noble", "acme", "executive", "CEO", []),
        ("sara", "Sara Stone", "acme", "board", "Chair", []),
        ("fred", "Fred Falk", "acme", "executive", "CFO", ["golf"]),
        ("vic", "Vic Vos", "acme", "executive", "CTO", ["opera"]),
        ("bart", "Bart Bakker", "beta", "board", "CEO", []),
    ]:
        person(db, pid, name, interests=likes)
        job(db, pid, organisation, level, title)
    talk(db, "nora-1", "2026-07-15", ["ann", "nora", "cas"])
    talk(db, "nora-2", "2026-08-20", ["cas", "nora", "ann"])
    for i, day in enumerate(["2025-08-05", "2025-08-20", "2025-09-03", "2025-09-17"]):
        talk(db, f"fred-meal-{i}", day, ["bob", "fred"] if i % 2 else ["fred", "bob"])
    for i, day in enumerate(["2026-08-10", "2026-09-10"]):
        talk(db, f"fred-meeting-{i}", day, ["bob", "fred"], "meeting", "business")
    for i, day in enumerate(["2026-02-10", "2026-05-15", "2026-08-12", "2026-09-08"]):
        talk(db, f"sara-{i}", day, ["ann", "sara"] if i % 2 else ["sara", "ann"])
    talk(db, "reception", "2026-03-01", ["bob", "sara"], "event", "outside", participants=300)
    for i, day in enumerate(["2025-11-20", "2026-02-18", "2026-05-20", "2026-08-19"]):
        talk(db, f"bart-{i}", day, ["ann", "bart", "bob"] if i % 2 else ["bart", "ann", "bob"])
    score_all(db)
    return db


def _section(doc: lxml.html.HtmlElement, client: str, kind: str) -> list[tuple[str, str]]:
    items = doc.xpath(f'//*[@id="client-{client}"]//*[@class="{kind}"]//li')
    return [(li.get("data-person"), li.get("data-colleague") or "") for li in items]


def _csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_each_director_appears_in_the_right_section_of_the_html(story: Database) -> None:
    report = build_report(story, "2026Q3", generated=date(2026, 11, 27))
    doc = lxml.html.fromstring(render_html(report))
    assert [c.get("id") for c in doc.xpath('//*[@class="client"]')] == [
        "client-acme",
        "client-beta",
    ]
    assert _section(doc, "acme", "reached") == [("nora", "ann"), ("nora", "cas")]
    assert _section(doc, "acme", "dropped") == [("fred", "bob")]
    assert _section(doc, "acme", "single-threaded") == [("sara", "ann")]
    assert _section(doc, "acme", "uncovered") == [("fred", ""), ("vic", "")]
    for kind in ("reached", "dropped", "single-threaded", "uncovered"):
        assert _section(doc, "beta", kind) == []
    actions = doc.xpath('//*[@id="actions"]//li')
    assert [li.get("data-person") for li in actions] == ["fred", "vic"]
    assert "Who: Bob de Wit" in actions[0].text_content()
    assert "Occasion: a golf day." in actions[0].text_content()
    assert "Who: Cas Bos" in actions[1].text_content()
    assert "Occasion: an evening at the opera." in actions[1].text_content()
    kpi = doc.get_element_by_id("kpi-coverage").text_content()
    assert kpi.startswith("75%portfolio coverage62% last quarter (+12 points)")
    assert [li.text_content() for li in doc.xpath('//*[@id="risks"]/li')] == [
        "Sara Stone of Acme hangs on Ann Smit alone.",
        "Acme is exposed: 2 of its 4 directors, known personally by nobody (coverage 67%).",
    ]


def test_less_exposed_clients_beyond_the_limit_share_one_table(
    story: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html_module, "MAX_CLIENTS", 1)
    doc = lxml.html.fromstring(render_html(build_report(story, "2026Q3")))
    assert [c.get("id") for c in doc.xpath('//*[@class="client"]')] == ["client-acme"]
    rows = doc.xpath('//*[@id="other-clients"]//tr[@data-client]')
    assert [[td.text_content() for td in row] for row in rows] == [
        ["Beta", "100%", "100%", "0%", "1 of 1"]
    ]
    assert "Less exposed clients (1)" in doc.get_element_by_id("other-clients").text_content()


def test_the_report_compares_the_quarter_end_with_the_previous_one(story: Database) -> None:
    report = build_report(story, "2026Q3")
    assert (report.as_of, report.previous_as_of) == (Q3_END, date(2026, 6, 30))
    assert report.quarters == (
        "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3",
    )  # fmt: skip
    s = report.summary
    assert (s.clients, s.directors, s.coverage, s.previous_coverage) == (2, 5, 0.75, 0.625)
    assert (s.levels_now, s.levels_before) == ((1, 0, 1, 3, 0), (2, 0, 0, 3, 0))
    acme = report.clients[0]
    assert [(d.id, d.level_now, d.level_before) for d in acme.directors] == [
        ("fred", 2, 3), ("nora", 3, 0), ("sara", 3, 3), ("vic", 0, 0),
    ]  # fmt: skip
    assert (acme.coverage, acme.previous_coverage, acme.exposure) == (0.6667, 0.5, 0.5)
    assert acme.history[-2:] == (0.5, 0.6667)


def test_the_csv_files_hold_exact_rows(story: Database, tmp_path: Path) -> None:
    report = build_report(story, "2026Q3", generated=date(2026, 11, 27))
    written = write_report(report, tmp_path, ["csv"])
    assert [p.name for p in written] == [
        f"report-2026Q3-{name}.csv"
        for name in (
            "summary", "risks", "clients", "coverage_history", "directors", "uncovered",
            "single_threaded", "dropped", "reached", "actions",
        )
    ]  # fmt: skip
    assert _csv(tmp_path / "report-2026Q3-uncovered.csv") == [
        ["organisation_id", "organisation", "person_id", "name", "title", "best_level"],
        ["acme", "Acme", "fred", "Fred Falk", "CFO", "2"],
        ["acme", "Acme", "vic", "Vic Vos", "CTO", "0"],
    ]
    assert _csv(tmp_path / "report-2026Q3-single_threaded.csv")[1:] == [
        ["acme", "Acme", "sara", "Sara Stone", "Chair", "ann", "Ann Smit", "3"],
    ]
    assert _csv(tmp_path / "report-2026Q3-dropped.csv")[1:] == [
        ["acme", "Acme", "fred", "Fred Falk", "bob", "Bob de Wit", "3", "2"],
    ]
    assert _csv(tmp_path / "report-2026Q3-reached.csv")[1:] == [
        ["acme", "Acme", "nora", "Nora Noble", "ann", "Ann Smit", "0", "3"],
        ["acme", "Acme", "nora", "Nora Noble", "cas", "Cas Bos", "0", "3"],
    ]
    actions = _csv(tmp_path / "report-2026Q3-actions.csv")
    assert [row[:11] for row in actions[1:]] == [
        ["1", "acme", "Acme", "fred", "Fred Falk", "CFO", "uncovered, fading", "bob",
         "Bob de Wit", "tie", "a golf day"],
        ["2", "acme", "Acme", "vic", "Vic Vos", "CTO", "uncovered", "cas", "Cas Bos",
         "interests", "an evening at the opera"],
    ]  # fmt: skip
    assert _csv(tmp_path / "report-2026Q3-summary.csv") == [
        ["measure", "2026Q3", "2026Q2"],
        ["coverage", "0.7500", "0.6250"],
        ["clients", "2", ""],
        ["directors", "5", "5"],
        ["directors_at_level_0", "1", "2"],
        ["directors_at_level_1", "0", "0"],
        ["directors_at_level_2", "1", "0"],
        ["directors_at_level_3", "3", "3"],
        ["directors_at_level_4", "0", "0"],
    ]
    assert [row[:3] for row in _csv(tmp_path / "report-2026Q3-clients.csv")[1:]] == [
        ["1", "acme", "Acme"],
        ["2", "beta", "Beta"],
    ]


def _pdf_text(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return pages, text


def test_the_pdf_is_multi_page_and_names_the_directors(story: Database, tmp_path: Path) -> None:
    report = build_report(story, "2026Q3", generated=date(2026, 11, 27))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render_pdf(report))
    assert pdf.read_bytes().startswith(b"%PDF-")
    pages, text = _pdf_text(pdf)
    assert pages >= 3
    for name in ("Nora Noble", "Fred Falk", "Sara Stone", "Vic Vos", "Bart Bakker"):
        assert name in text
    assert text.count("Generated 2026-11-27") == pages
    assert text.count("Coverage-gap report 2026Q3 · all clients") == pages
    assert f"Page {pages} of {pages}" in text


def test_an_empty_database_gives_a_short_clear_report(db: Database, tmp_path: Path) -> None:
    report = build_report(db, "2026Q3", generated=date(2026, 11, 27))
    assert report.empty
    html = render_html(report)
    doc = lxml.html.fromstring(html)
    assert doc.get_element_by_id("empty-notice").text_content().split()[:5] == [
        "Nothing", "to", "report", "for", "2026Q3.",
    ]  # fmt: skip
    assert "No client directors are recorded as of 30 September 2026." in html
    assert doc.xpath('//*[@id="clients"]') == []
    paths = write_report(report, tmp_path, ["pdf", "csv"])
    pages, text = _pdf_text(paths[0])
    assert pages == 1
    assert "Nothing to report for 2026Q3." in text
    assert _csv(tmp_path / "report-2026Q3-uncovered.csv") == [
        ["organisation_id", "organisation", "person_id", "name", "title", "best_level"]
    ]


def test_a_quarter_before_any_conversation_is_reported_as_nothing_to_compare(
    story: Database,
) -> None:
    report = build_report(story, "2024Q1")
    assert report.empty
    assert (report.summary.clients, report.summary.directors) == (2, 5)
    assert "None of our colleagues has a recorded relationship with any of the 5 client" in (
        " ".join(render_html(report).split())
    )


def test_the_same_data_and_quarter_give_the_same_report(story: Database, tmp_path: Path) -> None:
    first = build_report(story, "2026Q3", generated=date(2026, 11, 27))
    second = build_report(story, "2026Q3", generated=date(2027, 1, 2))
    assert first == second
    html_a = render_html(first).replace("2026-11-27", "DAY")
    html_b = render_html(second).replace("2027-01-02", "DAY")
    assert html_a == html_b
    a = write_report(first, tmp_path / "a", ["csv"])
    b = write_report(second, tmp_path / "b", ["csv"])
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_a_download_holds_what_the_files_hold(story: Database, tmp_path: Path) -> None:
    report = build_report(story, "2026Q3", "acme", generated=date(2026, 11, 27))
    written = write_report(report, tmp_path, ["html", "csv"])
    name, data = report_file(report, "html")
    assert (name, data) == ("report-2026Q3-acme.html", written[0].read_bytes())
    name, data = report_file(report, "csv")
    assert name == "report-2026Q3-acme-csv.zip"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [p.name for p in written[1:]]
        assert [archive.read(p.name) for p in written[1:]] == [p.read_bytes() for p in written[1:]]
    assert report_file(report, "csv")[1] == data  # same report, same bytes
    name, data = report_file(report, "pdf")
    assert name == "report-2026Q3-acme.pdf" and data.startswith(b"%PDF-")
    with pytest.raises(GraphxError, match="not 'docx'"):
        report_file(report, "docx")


def test_one_organisation_gets_its_own_report(story: Database) -> None:
    report = build_report(story, "2026Q3", "beta")
    assert (report.scope, [c.id for c in report.clients], report.actions) == ("Beta", ["beta"], ())
    assert report.files_stem == "report-2026Q3-beta"
    assert report.summary.coverage == 1.0


def test_graphx_report_writes_the_files_it_is_asked_for(
    story: Database, cli_env: Path, tmp_path: Path
) -> None:
    result = runner.invoke(
        app,
        ["report", "--quarter", "2026Q3", "--organisation", "Acme", "--out", str(tmp_path),
         "--format", "html,csv", "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["organisation_id"], data["coverage"], data["actions"]) == ("acme", 0.6667, 2)
    assert data["files"][0] == str(tmp_path / "report-2026Q3-acme.html")
    assert len(data["files"]) == 11


def test_graphx_report_refuses_a_malformed_quarter_and_format(cli_env: Path) -> None:
    bad_quarter = runner.invoke(app, ["report", "--quarter", "2026-09"])
    assert "a quarter is written like 2026Q3, not '2026-09'" in str(bad_quarter.exception)
    bad_format = runner.invoke(app, ["report", "--quarter", "2026Q3", "--format", "docx"])
    assert "--format takes html,pdf,csv" in str(bad_format.exception)

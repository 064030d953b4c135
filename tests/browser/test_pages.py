"""Each page's main interaction on the small known graph of seed.py."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from graphx.db import Database
from graphx.reports.quarters import Quarter
from tests.browser.conftest import console_errors, save_screenshot, wait_for, wait_for_text
from tests.browser.seed import seed

Login = Callable[[str, str], WebDriver]


@pytest.fixture(scope="module", autouse=True)
def known_graph(_session_db: Database) -> Iterator[None]:
    seed(_session_db)
    yield


def _figure(browser: WebDriver, graph_id: str) -> dict[str, object]:
    return dict(
        browser.execute_script(
            f"const gd = document.querySelector('#{graph_id} .js-plotly-plot');"
            "return {x: gd.data[0].x, y: gd.data[0].y, z: gd.data[0].z || null,"
            " xticks: gd.layout.xaxis.ticktext || null, yticks: gd.layout.yaxis.ticktext || null};"
        )
    )


def test_the_portfolio_lists_clients_most_exposed_first(login: Login) -> None:
    browser = login("diana", "/")
    wait_for_text(browser, "#portfolio-kpi-covered", "1 / 3")
    assert browser.find_element(By.ID, "portfolio-kpi-clients").text == "2"
    wait_for(browser, "#portfolio-table .ag-row")
    assert _grid_names(browser, "portfolio-table") == ["Fabrikam", "Contoso"]  # weakest first
    wait_for(browser, "#portfolio-chart .js-plotly-plot .bars")
    uncovered = _figure(browser, "portfolio-chart")  # the first trace: directors not covered
    assert (uncovered["y"], uncovered["x"]) == (["Contoso", "Fabrikam"], [1, 1])
    save_screenshot(browser, "portfolio-test")
    assert console_errors(browser) == []


def _grid_names(browser: WebDriver, grid_id: str) -> list[str]:
    """The ``name`` of each row the grid shows, in its filter's and sort's order."""
    return list(
        browser.execute_script(
            f"const names = []; dash_ag_grid.getApi('{grid_id}')"
            ".forEachNodeAfterFilterAndSort(n => names.push(n.data.name)); return names;"
        )
    )


def test_the_portfolio_grid_filters_exports_what_it_shows_and_cuts_no_column(
    login: Login, downloads: Path
) -> None:
    browser = login("diana", "/")
    wait_for(browser, "#portfolio-table .ag-row")
    pinned = browser.find_elements(
        By.CSS_SELECTOR, "#portfolio-table .ag-pinned-left-cols-container [col-id='name']"
    )
    assert sorted(cell.text for cell in pinned) == ["Contoso", "Fabrikam"]
    headers = browser.execute_script(
        "return [...document.querySelectorAll('#portfolio-table .ag-header-cell-text')]"
        ".map(h => [h.textContent, h.scrollWidth <= h.clientWidth])"
    )
    assert [name for name, _ in headers] == [
        "Client", "Sector", "Account owner", "Coverage %", "Covered", "Directors", "Trend (pts)"
    ]  # fmt: skip
    assert all(fits for _, fits in headers), headers
    exposed = browser.find_elements(By.CSS_SELECTOR, "#portfolio-table [col-id='coverage'].gx-bad")
    assert len(exposed) == 2  # both clients under half covered, marked
    link = browser.find_element(By.CSS_SELECTOR, "#portfolio-table [col-id='name'] a")
    assert link.get_attribute("href").endswith("/coverage?organisation=fabrikam")
    browser.execute_script(
        "dash_ag_grid.getApi('portfolio-table').setFilterModel("
        "{name: {filterType: 'text', type: 'contains', filter: 'onto'}})"
    )
    WebDriverWait(browser, 30).until(lambda b: _grid_names(b, "portfolio-table") == ["Contoso"])
    exported = downloads / "portfolio-table.csv"
    exported.unlink(missing_ok=True)
    browser.find_element(By.ID, "portfolio-table-csv").click()
    WebDriverWait(browser, 30).until(lambda _: exported.exists() and exported.stat().st_size)
    lines = exported.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith('"Client","Sector","Account owner","Coverage %"')
    assert [line.split(",")[0] for line in lines[1:]] == ['"Contoso"']
    assert console_errors(browser) == []


def test_the_coverage_map_leaves_out_colleagues_below_the_minimum_level(login: Login) -> None:
    browser = login("diana", "/coverage?organisation=contoso&min_level=2")
    wait_for_text(browser, "#coverage-summary", "1 of 2 directors known at level 3 or more.")
    wait_for(browser, "#coverage-heatmap .js-plotly-plot")
    figure = _figure(browser, "coverage-heatmap")
    assert figure["x"] == ["c-dewi"]  # Sam Lee only met Piet Kok
    assert figure["z"] == [[0], [4]]
    slider = browser.find_element(By.CSS_SELECTOR, "#coverage-min-level [role='slider']")
    assert slider.get_attribute("aria-valuenow") == "2"
    assert console_errors(browser) == []


def test_the_coverage_map_shows_each_directors_level_with_each_colleague(login: Login) -> None:
    browser = login("diana", "/coverage?organisation=contoso")
    wait_for_text(browser, "#coverage-summary", "1 of 2 directors known at level 3 or more.")
    wait_for(browser, "#coverage-heatmap .js-plotly-plot")
    figure = _figure(browser, "coverage-heatmap")
    assert figure["x"] == ["c-dewi", "c-sam"]
    assert figure["xticks"] == ["Dewi Visser", "Sam Lee"]
    assert figure["yticks"] == ["Piet Kok (Chair)", "Rosa Meijer (CFO)"]
    assert figure["z"] == [[0, 1], [4, 0]]
    assert "golf" in browser.find_element(By.ID, "coverage-directors").text
    assert "Olga" not in browser.page_source
    save_screenshot(browser, "coverage-test")
    plot_area = browser.find_element(By.CSS_SELECTOR, "#coverage-heatmap .nsewdrag")
    width, height = plot_area.size["width"], plot_area.size["height"]
    # the cell of the first column (Dewi Visser) and second row (Rosa Meijer)
    ActionChains(browser).move_to_element_with_offset(
        plot_area, -width // 4, height // 4
    ).click().perform()
    wait_for_text(browser, "#relationship-level", "Level today: trusted")
    assert browser.current_url.endswith("/relationship?a=c-dewi&b=d-rosa")
    assert console_errors(browser) == []


def test_a_warm_introduction_chain_starts_with_the_signed_in_colleague(login: Login) -> None:
    browser = login("diana", "/intro?target=d-piet")
    wait_for_text(browser, "#intro-suggestion", "Ask Ann Bakker")
    chain = browser.find_element(By.ID, "intro-chain-1").text
    names = [n for n in ("Dewi Visser", "Ann Bakker", "Sam Lee", "Piet Kok") if n in chain]
    assert names == ["Dewi Visser", "Ann Bakker", "Sam Lee", "Piet Kok"]
    assert [chain.index(n) for n in names] == sorted(chain.index(n) for n in names)
    save_screenshot(browser, "intro-test")
    assert console_errors(browser) == []


def test_the_gaps_page_lists_uncovered_and_single_threaded_directors(login: Login) -> None:
    browser = login("diana", "/gaps")
    wait_for_text(browser, "#gaps-uncovered h2", "Uncovered directors (2)")
    uncovered = browser.find_element(By.ID, "gaps-uncovered").text
    assert "Piet Kok · Contoso · Chair" in uncovered and "Fay Brown · Fabrikam · CEO" in uncovered
    single = browser.find_element(By.ID, "gaps-single").text
    assert "Single-threaded (1)" in single
    assert "Rosa Meijer" in single and "known only by Dewi Visser" in single
    assert browser.find_element(By.CSS_SELECTOR, "#gaps-fading h2").text == "Fading (0)"
    assert "Olga" not in browser.page_source
    save_screenshot(browser, "gaps-test")
    assert console_errors(browser) == []


def test_the_gaps_page_downloads_the_quarterly_report_of_the_chosen_client(
    login: Login, downloads: Path
) -> None:
    browser = login("diana", "/gaps?organisation=contoso")
    wait_for_text(browser, "#gaps-uncovered h2", "Uncovered directors (1)")
    quarter = Quarter.last_complete(date.today()).label
    assert browser.find_element(By.ID, "gaps-report-quarter").text == quarter
    browser.find_element(By.ID, "gaps-report-download").click()
    pdf = downloads / f"report-{quarter}-contoso.pdf"
    WebDriverWait(browser, 60).until(lambda _: pdf.exists())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert f"Coverage-gap report {quarter}" in text
    assert "Contoso" in text and "Piet Kok" in text and "Fabrikam" not in text
    assert console_errors(browser) == []


def test_the_as_of_date_in_the_address_applies_to_the_page_and_shows_in_the_header(
    login: Login,
) -> None:
    browser = login("diana", "/coverage?organisation=contoso&as_of=2020-01-01")
    wait_for_text(browser, "#coverage-summary", "0 of 2 directors known at level 3 or more.")
    picker = browser.find_element(By.CSS_SELECTOR, "input#header-as-of")
    assert picker.get_attribute("value") == "2020-01-01"


def test_picking_a_date_in_the_header_recomputes_the_page_as_of_that_date(login: Login) -> None:
    browser = login("diana", "/coverage?organisation=contoso")
    wait_for_text(browser, "#coverage-summary", "1 of 2 directors known at level 3 or more.")
    picker = browser.find_element(By.CSS_SELECTOR, "input#header-as-of")
    assert picker.get_attribute("value") == date.today().isoformat()  # what the page answers
    assert browser.current_url.endswith("/coverage?organisation=contoso")
    picker.clear()
    picker.send_keys("2020-01-01", Keys.ENTER)
    wait_for_text(browser, "#coverage-summary", "0 of 2 directors known at level 3 or more.")
    assert browser.current_url.endswith("/coverage?organisation=contoso&as_of=2020-01-01")
    browser.back()  # the browser's history holds each view
    WebDriverWait(browser, 30).until(lambda b: b.current_url.endswith("?organisation=contoso"))
    wait_for_text(browser, "#coverage-summary", "1 of 2 directors known at level 3 or more.")
    WebDriverWait(browser, 30).until(
        lambda b: picker.get_attribute("value") == date.today().isoformat()
    )

"""The quarterly coverage-gap report: content from the analytics, written as HTML, PDF, CSV.

>>> report = build_report(db, "2026Q3")                      # doctest: +SKIP
>>> write_report(report, Path("out"), {"html", "pdf", "csv"})  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from graphx.errors import GraphxError
from graphx.reports.content import Report, build_report
from graphx.reports.html import render_html
from graphx.reports.pdf import render_pdf
from graphx.reports.tables import render_csv

__all__ = ["FORMATS", "Report", "build_report", "render_html", "render_pdf", "write_report"]

FORMATS = ("html", "pdf", "csv")


def write_report(report: Report, out_dir: Path, formats: Collection[str]) -> list[Path]:
    """Write the report in ``formats`` (html, pdf, csv) into ``out_dir``; the paths written.

    Files are ``report-2026Q3.html``, ``.pdf`` and ``report-2026Q3-<table>.csv`` (with the
    organisation id after the quarter for a one-organisation report).
    """
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown or not formats:
        raise GraphxError(f"formats are {', '.join(FORMATS)}; not {', '.join(unknown) or 'none'}")
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = report.files_stem
    written: list[Path] = []
    if "html" in formats:
        path = out_dir / f"{stem}.html"
        path.write_text(render_html(report), encoding="utf-8")
        written.append(path)
    if "pdf" in formats:
        path = out_dir / f"{stem}.pdf"
        path.write_bytes(render_pdf(report))
        written.append(path)
    if "csv" in formats:
        for name, text in render_csv(report):
            path = out_dir / f"{stem}-{name}.csv"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written

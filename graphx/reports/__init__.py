"""The quarterly coverage-gap report: content from the analytics, written as HTML, PDF, CSV.

>>> report = build_report(db, "2026Q3")                      # doctest: +SKIP
>>> write_report(report, Path("out"), {"html", "pdf", "csv"})  # doctest: +SKIP
>>> name, data = report_file(report, "pdf")                  # doctest: +SKIP
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Collection
from pathlib import Path

from graphx.errors import GraphxError
from graphx.reports.content import Report, build_report
from graphx.reports.html import render_html
from graphx.reports.pdf import render_pdf
from graphx.reports.tables import render_csv

__all__ = [
    "FORMATS",
    "Report",
    "build_report",
    "render_html",
    "render_pdf",
    "report_file",
    "write_report",
]

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


def report_file(report: Report, fmt: str) -> tuple[str, bytes]:
    """The report in one format as one download: its file name and bytes.

    The CSV tables come zipped (``report-2026Q3-csv.zip``, members named as
    :func:`write_report` names its files, fixed timestamps: the same report, the same bytes).
    """
    stem = report.files_stem
    if fmt == "html":
        return f"{stem}.html", render_html(report).encode("utf-8")
    if fmt == "pdf":
        return f"{stem}.pdf", render_pdf(report)
    if fmt == "csv":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, text in render_csv(report):
                member = zipfile.ZipInfo(f"{stem}-{name}.csv")  # dated 1980-01-01
                archive.writestr(member, text, compress_type=zipfile.ZIP_DEFLATED)
        return f"{stem}-csv.zip", buffer.getvalue()
    raise GraphxError(f"formats are {', '.join(FORMATS)}; not {fmt!r}")

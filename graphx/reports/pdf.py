"""The report as a PDF: WeasyPrint typesets the HTML (A4, page numbers, the quarter and the
date of generation in every page's margins)."""

from __future__ import annotations

import logging

from graphx.reports.content import Report
from graphx.reports.html import render_html


def render_pdf(report: Report) -> bytes:
    """The report typeset as PDF bytes."""
    from weasyprint import HTML  # imported here: it loads pango, which only the PDF needs

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=render_html(report)).write_pdf()  # type: ignore[no-any-return]

"""HTML → PDF with WeasyPrint: CSS paged media gives A4 pages, page numbers, a table of contents with page
numbers and table rows that never split. Pure Python on top of Debian's pango; no browser, nothing fetched."""

from __future__ import annotations

import logging
from pathlib import Path

from selaras.report.html import render_html
from selaras.report.model import RakorReport

__all__ = ["write_pdf"]


def write_pdf(report: RakorReport, path: Path) -> None:
    """Write the report as PDF from the same markup as ``laporan.html``."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # WeasyPrint ships no type hints

    # WeasyPrint logs every CSS property it ignores (e.g. screen-only rules); the report does not need them.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    HTML(string=render_html(report), base_url=str(path.parent)).write_pdf(path)

"""The official table as a PDF: the same table rendered from HTML by WeasyPrint, as the Rakor report is.

Landscape A4 or F4 (215 × 330 mm); an item with several indicators takes one line per indicator (its other
cells span them, so each target stands beside its indicator); the header rows repeat on every page
(WeasyPrint repeats ``thead``), a line never splits across pages, the signature block stays whole, pages are
numbered. Amounts are written
the Indonesian way (``1.234.567``) whatever the reader's system, since the PDF is what gets signed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup, escape

from selaras.numbers import format_number
from selaras.report.html import template_environment
from selaras.report.official.table import PER_INDICATOR, Column, OfficialTable, Paper, Row

__all__ = ["render_official_html", "write_official_pdf"]

PAGE_SIZES = {Paper.A4: "A4 landscape", Paper.F4: "330mm 215mm"}
"""CSS page sizes, landscape: a named size takes the orientation keyword, explicit lengths are width then height."""
WIDE = 10
"""Tables with more columns than this (the RKPD's twelve) print a half point smaller."""


def _cell(row: Row, column: Column) -> Markup:
    """Amounts with Indonesian grouping, lines kept apart, everything else escaped."""
    value = row.cell(column.key)
    if value is None:
        return Markup("")
    if not isinstance(value, str):
        decimals = 0 if value == value.to_integral_value() else 2
        return Markup(escape(format_number(value, decimals=decimals)))
    return Markup("<br>").join(escape(line) for line in value.split("\n"))


def render_official_html(table: OfficialTable, *, paper: Paper = Paper.A4) -> str:
    """The table as one self-contained HTML page (the PDF's source)."""
    total = sum(column.width for column in table.columns)
    top: list[tuple[str, int, int]] = []
    index = 0
    for group, span in table.header_groups():
        top.append((table.columns[index].title, 2, 1) if group is None else (group, 1, span))
        index += span
    return (
        template_environment()
        .get_template("official.html.j2")
        .render(
            table=table,
            top=top,
            widths=[round(100 * column.width / total, 2) for column in table.columns],
            cell=_cell,
            per_indicator=PER_INDICATOR,
            page_size=PAGE_SIZES[paper],
            font_size=7 if len(table.columns) <= WIDE else 6.5,
        )
    )


def write_official_pdf(table: OfficialTable, path: Path, *, paper: Paper = Paper.A4) -> None:
    from weasyprint import HTML  # type: ignore[import-untyped]  # WeasyPrint ships no type hints

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    path.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=render_official_html(table, paper=paper), base_url=str(path.parent)).write_pdf(path)

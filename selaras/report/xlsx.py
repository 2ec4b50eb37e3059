"""The report's tables as an Excel workbook planners can filter and recompute.

One sheet per table that names one (``Table.sheet``), in report order: frozen header, auto-filter over the
data rows (the total row stays below, out of the sort), full amounts with a Rupiah number format (Excel
shows them in the reader's locale, ``Rp 1.234.567`` in an Indonesian one) and a colour scale on scores.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from selaras.report.model import Cell, Column, ColumnKind, RakorReport, Table

__all__ = ["NUMBER_FORMATS", "write_xlsx"]

RUPIAH_FORMAT = '"Rp" #,##0'
NUMBER_FORMATS: dict[ColumnKind, str] = {
    ColumnKind.RUPIAH: RUPIAH_FORMAT,
    ColumnKind.JUTA: RUPIAH_FORMAT,
    ColumnKind.PERCENT: "0.0%",
    ColumnKind.SCORE: "0.0",
    ColumnKind.DELTA: "+0.0;-0.0;0.0",
}
HEADER_FILL = PatternFill("solid", fgColor="E8EEF5")
WRAP_FROM = 40
"""Columns at least this wide wrap their text instead of running into the next cell."""
SCORE_SCALE = {
    "start_type": "num",
    "start_value": 0,
    "start_color": "F4A582",
    "mid_type": "num",
    "mid_value": 80,
    "mid_color": "FCEFC0",
    "end_type": "num",
    "end_value": 100,
    "end_color": "92C5DE",
}
"""Vermillion-ish to pale yellow to blue: readable with red-green colour-blindness; the number is always shown."""


def _value(value: Cell, column: Column) -> Cell:
    """Percentages are stored as fractions (Excel's ``%`` format multiplies by 100)."""
    if column.kind is ColumnKind.PERCENT and isinstance(value, int | float):
        return value / 100
    return None if value == "" and column.kind is not ColumnKind.TEXT else value


def _number_format(column: Column) -> str | None:
    if column.kind is ColumnKind.NUMBER:
        return "#,##0" + ("." + "0" * column.decimals if column.decimals else "")
    return NUMBER_FORMATS.get(column.kind)


def _write_table(sheet: Worksheet, table: Table) -> None:
    sheet.append([column.title for column in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        sheet.append([_value(value, column) for value, column in zip(row, table.columns, strict=True)])
    last = len(table.rows) + 1
    if table.total is not None:
        sheet.append([_value(value, column) for value, column in zip(table.total, table.columns, strict=True)])
        for cell in sheet[last + 1]:
            cell.font = Font(bold=True)
    bottom = sheet.max_row
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        number_format = _number_format(column)
        wrap = column.kind is ColumnKind.TEXT and column.width >= WRAP_FROM
        for (cell,) in sheet.iter_rows(min_row=2, max_row=bottom, min_col=index, max_col=index):
            if number_format:
                cell.number_format = number_format
            if wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.kind is ColumnKind.SCORE and table.rows:
            scale = ColorScaleRule(**SCORE_SCALE)  # type: ignore[no-untyped-call]  # openpyxl's stubs leave it untyped
            sheet.conditional_formatting.add(f"{letter}2:{letter}{last}", scale)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{last}"


def write_xlsx(report: RakorReport, path: Path) -> None:
    """One sheet per named table; sheet names are unique by construction (``sheet-*`` texts)."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for _, table in report.tables():
        if table.sheet is not None:
            _write_table(workbook.create_sheet(table.sheet[:31]), table)
    workbook.properties.title = f"{report.title} — {report.pemda_name} {report.year}"
    workbook.save(path)

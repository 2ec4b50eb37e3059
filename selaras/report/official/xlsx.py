"""The official table as an Excel sheet ready to print and sign.

Letterhead lines merged across the table, the lampiran's two-row header (merged groups *Rencana Tahun n* and
*Prakiraan Maju*) with the column numbers below it, rows indented and bold by level, one sheet row per
indicator (the item's other cells merged down them), amounts as numbers with a
thousands format (an Indonesian Excel shows ``1.234.567``; they still add up), the signature block under the
table. Print setup: landscape A4 or F4, one page wide, header rows repeated on every page, page numbers.
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from selaras.domain.codes import CodeLevel
from selaras.report.official.table import PER_INDICATOR, Column, OfficialTable, Paper, Row

__all__ = ["MONEY_FORMAT", "PAPER_SIZES", "write_official_xlsx"]

MONEY_FORMAT = "#,##0"
PAPER_SIZES = {Paper.A4: 9, Paper.F4: 14}
"""Excel paper codes: 9 is A4, 14 is Folio 8½ × 13 in, which Indonesian offices call F4."""
_THIN = Side(style="thin")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_LEVEL_FILL = {
    CodeLevel.URUSAN: PatternFill("solid", fgColor="E7E6E6"),
    CodeLevel.BIDANG_URUSAN: PatternFill("solid", fgColor="F2F2F2"),
}
_BOLD_LEVELS = (CodeLevel.URUSAN, CodeLevel.BIDANG_URUSAN, CodeLevel.PROGRAM)
_INDENT = {level: index for index, level in enumerate(CodeLevel)}
_SIZE = 9
_CHARS_PER_WIDTH = 1.05
"""Characters of the 9-point body per unit of column width (a unit is one character of the 11-point default),
kept a little short of the real 1.2 so that a word that does not fit breaks onto a line the estimate counts."""
_LINE_POINTS = 12
_SIGNATURE_COLUMNS = 3


def _font(*, size: float = _SIZE, bold: bool = False, italic: bool = False) -> Font:
    """Arial: the face Indonesian government documents are typed in (LibreOffice prints it as Liberation Sans)."""
    return Font(name="Arial", size=size, bold=bold, italic=italic)


def _text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _merge(sheet: Worksheet, row: int, first: int, last: int, value: str, font: Font) -> None:
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = sheet.cell(row, first, _text(value))
    cell.font = font
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _header(sheet: Worksheet, table: OfficialTable, top: int) -> None:
    """Two header rows (a group title over its columns, other titles merged down) and the numbering row."""
    font = _font(bold=True, size=_SIZE)
    middle = Alignment(horizontal="center", vertical="center", wrap_text=True)
    index = 1
    for group, span in table.header_groups():
        if group is None:
            sheet.merge_cells(start_row=top, start_column=index, end_row=top + 1, end_column=index)
            sheet.cell(top, index, table.columns[index - 1].title)
        else:
            sheet.merge_cells(start_row=top, start_column=index, end_row=top, end_column=index + span - 1)
            sheet.cell(top, index, group)
            for offset in range(span):
                sheet.cell(top + 1, index + offset, table.columns[index - 1 + offset].title)
        index += span
    for number in range(1, len(table.columns) + 1):
        sheet.cell(top + 2, number, f"({number})")
        for row in range(top, top + 3):
            cell = sheet.cell(row, number)
            cell.font, cell.alignment, cell.border, cell.fill = font, middle, _GRID, _HEADER_FILL
    sheet.row_dimensions[top].height = 30
    sheet.row_dimensions[top + 1].height = 45


def _number(value: Decimal | str | None) -> str | int | float | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return None if value is None else _text(value)


def _wrapped(text: str | None, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (at most ``width`` per line)."""
    if not text:
        return 1
    return sum(max(1, math.ceil(len(line) / max(width, 1))) for line in text.split("\n"))


def _chars(row: Row, column: Column) -> float:
    indent = 2 * _INDENT[row.level] if column.key == "uraian" else 0
    return column.width * _CHARS_PER_WIDTH - indent


def _heights(row: Row, columns: tuple[Column, ...]) -> list[float]:
    """Height in points of each of the row's lines (one per indicator) for its longest wrapped cell: Excel and
    LibreOffice keep the default height of a row written by openpyxl, so wrapped text would hide behind the
    next row. What the spanning cells need beyond the lines' own height goes to the last line."""
    lines = [
        max(
            _wrapped(row.line(column.key, index), _chars(row, column))
            for column in columns
            if column.key in PER_INDICATOR
        )
        for index in range(row.lines)
    ]
    spanning = max(
        _wrapped(value if isinstance(value := row.cell(column.key), str) else None, _chars(row, column))
        for column in columns
        if column.key not in PER_INDICATOR
    )
    lines[-1] += max(0, spanning - sum(lines))
    return [count * _LINE_POINTS + 3 for count in lines]


def _body_row(sheet: Worksheet, number: int, row: Row, columns: tuple[Column, ...], *, total: bool = False) -> int:
    """Write ``row`` from sheet row ``number`` on, one sheet row per indicator with the other cells merged down
    them (as the PDF spans them); returns the next free sheet row."""
    last = number + row.lines - 1
    for offset, height in enumerate(_heights(row, columns)):
        sheet.row_dimensions[number + offset].height = height
    bold = total or row.level in _BOLD_LEVELS
    fill = None if total else _LEVEL_FILL.get(row.level)
    for index, column in enumerate(columns, start=1):
        per_indicator = column.key in PER_INDICATOR
        if per_indicator:
            for offset in range(row.lines):
                sheet.cell(number + offset, index, _number(row.line(column.key, offset)))
        else:
            sheet.cell(number, index, _number(row.cell(column.key)))
            if last > number:
                sheet.merge_cells(start_row=number, start_column=index, end_row=last, end_column=index)
        indent = _INDENT[row.level] if column.key == "uraian" and not total else 0
        horizontal = "right" if column.money else "left"
        for line in range(number, last + 1):
            cell = sheet.cell(line, index)
            cell.font = _font(bold=bold, size=_SIZE)
            cell.border = _GRID
            cell.alignment = Alignment(horizontal=horizontal, vertical="top", wrap_text=True, indent=indent)
            if column.money:
                cell.number_format = MONEY_FORMAT
            elif column.key == "kode":
                cell.number_format = "@"
            if fill is not None:
                cell.fill = fill
    return last + 1


def _signature(sheet: Worksheet, table: OfficialTable, top: int) -> int:
    """Place and date, position, room to sign, a blank name line and NIP; under the last columns."""
    last = len(table.columns)
    first = max(1, last - _SIGNATURE_COLUMNS + 1)
    place = table.signature.place or "…………………"
    date = table.signature.date or "…………………"
    lines = [f"{place}, {date}", table.signature.jabatan, "", "", "", "(…………………………………………)", "NIP. …………………………………"]
    room = sum(column.width for column in table.columns[first - 1 :]) * _CHARS_PER_WIDTH * _SIZE / (_SIZE + 1)
    for offset, line in enumerate(lines):
        _merge(sheet, top + offset, first, last, line, _font(size=_SIZE + 1, bold=offset == 1))
        sheet.row_dimensions[top + offset].height = _wrapped(line, room) * (_LINE_POINTS + 1) + 3
    return top + len(lines)


def write_official_xlsx(table: OfficialTable, path: Path, *, paper: Paper = Paper.A4) -> None:
    """One sheet: letterhead, header, rows, total, notes and the signature block, set up for printing."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = f"{table.kind.value.capitalize()} {table.year}"
    width = len(table.columns)
    line = 1
    if table.label:
        _merge(sheet, line, 1, width, table.label, _font(size=_SIZE + 1, italic=True))
        line += 1
    for text in table.heading:
        _merge(sheet, line, 1, width, text, _font(size=12, bold=True))
        line += 1
    header = line + 1
    _header(sheet, table, header)
    first = header + 3
    total = first
    for row in table.rows:
        total = _body_row(sheet, total, row, table.columns)
    line = _body_row(sheet, total, table.total, table.columns, total=True) + 1
    for note in table.notes:  # merged across the table and wrapped: text running past it would widen the print
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=width)
        cell = sheet.cell(line, 1, _text(note))
        cell.font = _font(size=_SIZE, italic=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[line].height = _wrapped(note, sum(c.width for c in table.columns)) * _LINE_POINTS + 3
        line += 1
    _signature(sheet, table, line + 1)
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = f"A{first}"
    sheet.print_title_rows = f"{header}:{header + 2}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = PAPER_SIZES[paper]
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.print_options.horizontalCentered = True
    footer = sheet.oddFooter
    assert footer is not None  # openpyxl gives every new sheet its header and footer
    footer.center.text = "Halaman &P dari &N"
    footer.right.text = table.source
    workbook.properties.title = " ".join(table.heading)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)

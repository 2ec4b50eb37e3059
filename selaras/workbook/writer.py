"""Writes the Selaras workbook: an empty template to fill in, a whole plan for export, or the CSV equivalents.

Every sheet gets its Indonesian headers, a frozen header row, dropdowns on the fixed-value columns and text
format on code columns; :mod:`selaras.workbook.schema` decides all of that, this module only lays it out.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from selaras.domain import Document, DocumentKind, Period, Plan
from selaras.workbook.cells import number_cell, number_format, number_text
from selaras.workbook.petunjuk import write_petunjuk
from selaras.workbook.schema import PETUNJUK, SheetSpec, sheets

__all__ = ["write_csv_dir", "write_plan", "write_template"]

Value = str | int | Decimal | None
Rows = dict[str, list[list[Value]]]

_LAST_ROW = 1_048_576  # dropdowns and text format cover the whole column, however many rows are added
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")


def write_template(path: Path, *, kind: DocumentKind, period: Period) -> Path:
    """An empty workbook for ``kind`` over ``period`` with the Dokumen row half filled in (``selaras template``)."""
    document = Document(kind=kind, pemda="", period=period, version=kind.default_version)
    rows: Rows = {"Dokumen": [_document_row(document)]}
    return _write_xlsx(path, sheets(period), rows)


def write_plan(path: Path, plan: Plan) -> Path:
    """Export ``plan`` completely; :func:`selaras.ingest.selaras_workbook.read_workbook` gives an equal plan back."""
    return _write_xlsx(path, sheets(_target_period(plan)), _plan_rows(plan))


def write_csv_dir(directory: Path, plan: Plan) -> Path:
    """The same content as :func:`write_plan`, one UTF-8 CSV per sheet (``dokumen.csv``, ``item.csv``, ...).

    Numbers are written in Indonesian format, as in the workbook's text cells.
    """
    directory.mkdir(parents=True, exist_ok=True)
    rows = _plan_rows(plan)
    for spec in sheets(_target_period(plan)):
        with (directory / spec.csv_name).open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(spec.headers)
            writer.writerows([_csv_value(value) for value in row] for row in rows.get(spec.name, []))
    return directory


def _target_period(plan: Plan) -> Period:
    """The document period, widened to any target year outside it: such a target is written (and then
    reported on import as a year outside the period) rather than dropped silently."""
    years = {year for item in plan.items for indicator in item.indicators for year in indicator.targets}
    period = plan.document.period
    return Period(min(years | {period.start}), max(years | {period.end}))


def _document_row(document: Document) -> list[Value]:
    return [
        document.kind.value,
        document.pemda,
        document.pd,
        str(document.period),
        document.version,
        document.status.value,
        document.title,
    ]


def _plan_rows(plan: Plan) -> Rows:
    years = _target_period(plan).years
    items = plan.items
    return {
        "Dokumen": [_document_row(plan.document)],
        "Item": [
            [item.key, item.parent, item.level.value, item.code, item.text, item.pd, item.lokasi, item.order, item.unit]
            for item in items
        ],
        "Indikator": [
            [
                item.key,
                indicator.name,
                indicator.satuan,
                indicator.kind.value,
                indicator.baseline,
                indicator.direction.value,
                *(indicator.targets.get(year) for year in years),
            ]
            for item in items
            for indicator in item.indicators
        ],
        "Anggaran": [
            [item.key, budget.year, budget.pagu, budget.realisasi, budget.sumber_dana]
            for item in items
            for budget in item.budgets
        ],
        "Rincian": [
            [item.key, rincian.year, rincian.kind.value, rincian.kode, rincian.nama, rincian.pagu]
            for item in items
            for rincian in item.rincian
        ],
        "Tautan": [
            [
                link.source.item,
                link.target.document,
                link.target.item,
                link.kind.value,
                link.origin.value,
                link.status.value,
                None if link.score is None else Decimal(repr(link.score)),
                link.decided_by,
                None if link.decided_at is None else link.decided_at.isoformat(),
            ]
            for link in plan.links
        ],
    }


def _write_xlsx(path: Path, specs: Sequence[SheetSpec], rows: Rows) -> Path:
    workbook = Workbook()
    petunjuk = workbook.active
    assert petunjuk is not None  # a new Workbook always has one sheet
    petunjuk.title = PETUNJUK
    write_petunjuk(petunjuk, specs)
    for spec in specs:
        _write_sheet(workbook.create_sheet(spec.name), spec, rows.get(spec.name, []))
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _write_sheet(sheet: Worksheet, spec: SheetSpec, rows: Iterable[list[Value]]) -> None:
    sheet.append(spec.headers)
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(1, index)
        header.font = Font(bold=True)
        header.fill = _HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="top")
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        if column.is_text:
            dimension.number_format = "@"
        if column.choices:
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle=column.header,
                error="Pilihan yang sah: " + ", ".join(column.choices),
            )
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{_LAST_ROW}")
    for row_number, row in enumerate(rows, start=2):
        for index, value in enumerate(row, start=1):
            _write_cell(sheet, row_number, index, value)
    sheet.freeze_panes = "A2"


def _write_cell(sheet: Worksheet, row: int, column: int, value: Value) -> None:
    cell = sheet.cell(row, column)
    if value is None or value == "":
        return
    if isinstance(value, Decimal):
        cell.value = number_cell(value)
        cell.number_format = "@" if isinstance(cell.value, str) else number_format(value)
    elif isinstance(value, int):
        cell.value = value
    else:
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters cannot be stored in xlsx
        cell.data_type = "s"  # text starting with "=" stays text, never a formula
        cell.number_format = "@"


def _csv_value(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return number_text(value)
    return str(value)

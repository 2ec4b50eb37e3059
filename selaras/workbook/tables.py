"""Loads the sheets of a Selaras workbook — an .xlsx/.xlsm file or a folder of CSV files — as plain tables.

Nothing here knows what a plan is: a :class:`Table` is a header row mapped to columns and the data rows with
their Excel row numbers. Missing sheets, unreadable files and missing required columns become problems.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from selaras.ingest.problems import ImportProblem
from selaras.workbook.cells import cell_text
from selaras.workbook.schema import DOKUMEN_SHEET, ITEM_SHEET, Column, SheetSpec, normalize_header

__all__ = ["Table", "is_selaras_workbook", "load_tables"]

RawRows = list[tuple[object, ...]]
_EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_UNREADABLE = (OSError, InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError)


@dataclass(slots=True)
class Table:
    """One sheet (or CSV file): where problems in it are reported, its headers as written, its data rows."""

    spec: SheetSpec
    file: str
    sheet: str | None
    headers: tuple[str, ...]
    rows: list[tuple[int, tuple[object, ...]]] = field(default_factory=list)
    _index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for index, header in reversed(list(enumerate(self.headers))):  # the first of duplicate headers wins
            self._index[normalize_header(header)] = index

    def has(self, column: Column) -> bool:
        return normalize_header(column.header) in self._index

    def value(self, values: tuple[object, ...], column: Column) -> object:
        index = self._index.get(normalize_header(column.header))
        return values[index] if index is not None and index < len(values) else None


def is_selaras_workbook(path: Path) -> bool:
    """A folder holding ``dokumen.csv``, or an Excel file with Dokumen and Item sheets; anything else
    (a SIPD export, an unreadable file) is left to the other readers."""
    if path.is_dir():
        return (path / DOKUMEN_SHEET.csv_name).is_file()
    if path.suffix.lower() not in _EXCEL_SUFFIXES:
        return False
    try:
        workbook = load_workbook(path, read_only=True)
    except _UNREADABLE:
        return False
    names = {title.strip().casefold() for title in workbook.sheetnames}
    workbook.close()
    return {DOKUMEN_SHEET.name.casefold(), ITEM_SHEET.name.casefold()} <= names


def load_tables(path: Path, specs: tuple[SheetSpec, ...], problems: list[ImportProblem]) -> dict[str, Table] | None:
    """The tables of ``specs`` found at ``path`` by sheet name; None when the file itself cannot be read."""
    if path.is_dir():
        raw = _csv_sheets(path, specs, problems)
    elif path.suffix.lower() in _EXCEL_SUFFIXES:
        raw = _excel_sheets(path, specs, problems)
    else:
        problems.append(ImportProblem.in_file("file-type", file=path.name, found=path.suffix or path.name))
        return None
    if raw is None:
        return None
    tables: dict[str, Table] = {}
    for spec in specs:
        if spec.name not in raw:
            if spec.required:
                problems.append(_missing(path, spec, specs))
            continue
        file, sheet, rows = raw[spec.name]
        table = _table(spec, file, sheet, rows, problems)
        if table is not None:
            tables[spec.name] = table
    return tables


def _missing(path: Path, spec: SheetSpec, specs: tuple[SheetSpec, ...]) -> ImportProblem:
    def name(sheet: SheetSpec) -> str:
        return sheet.csv_name if path.is_dir() else sheet.name

    expected = ", ".join(name(sheet) for sheet in specs if sheet.required)
    return ImportProblem.in_file("sheet-missing", file=path.name, sheet_name=name(spec), expected=expected)


def _table(spec: SheetSpec, file: str, sheet: str | None, rows: RawRows, problems: list[ImportProblem]) -> Table | None:
    headers = tuple(cell_text(value) for value in rows[0]) if rows else ()
    table = Table(spec, file, sheet, headers)
    if not any(table.has(column) for column in spec.columns):
        problems.append(
            ImportProblem.in_file("header-not-found", file=file, sheet=sheet, expected=", ".join(spec.headers))
        )
        return None
    missing = [column for column in spec.columns if column.required and not table.has(column)]
    for column in missing:
        problems.append(ImportProblem.in_file("column-missing", file=file, sheet=sheet, expected=column.header))
    if missing:
        return None  # rows without a required column would only repeat that problem on every line
    table.rows = [
        (number, values) for number, values in enumerate(rows[1:], start=2) if any(cell_text(value) for value in values)
    ]
    return table


def _excel_sheets(
    path: Path, specs: tuple[SheetSpec, ...], problems: list[ImportProblem]
) -> dict[str, tuple[str, str | None, RawRows]] | None:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except _UNREADABLE as exc:
        problems.append(
            ImportProblem.in_file("file-unreadable", file=path.name, expected="buku kerja Excel (.xlsx)", detail=exc)
        )
        return None
    try:
        by_name = {title.strip().casefold(): title for title in workbook.sheetnames}
        found: dict[str, tuple[str, str | None, RawRows]] = {}
        for spec in specs:
            title = by_name.get(spec.name.casefold())
            if title is not None:
                found[spec.name] = (path.name, title, list(workbook[title].iter_rows(values_only=True)))
        return found
    finally:
        workbook.close()


def _csv_sheets(
    directory: Path, specs: tuple[SheetSpec, ...], problems: list[ImportProblem]
) -> dict[str, tuple[str, str | None, RawRows]] | None:
    by_name = {child.name.casefold(): child for child in directory.iterdir() if child.is_file()}
    found: dict[str, tuple[str, str | None, RawRows]] = {}
    for spec in specs:
        child = by_name.get(spec.csv_name)
        if child is None:
            continue
        try:
            found[spec.name] = (child.name, None, _read_csv(child))
        except (OSError, csv.Error, UnicodeDecodeError) as exc:
            problems.append(ImportProblem.in_file("file-unreadable", file=child.name, expected="CSV", detail=exc))
    return found


def _read_csv(path: Path) -> RawRows:
    """UTF-8 (with or without BOM), else Windows-1252 as Excel saves "CSV" on Windows; ``,`` or ``;`` separated
    (an Indonesian Excel writes ``;`` because ``,`` is its decimal mark)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="cp1252")
    first_line = text.partition("\n")[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [tuple(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]

"""Loads the sheets of a Selaras workbook — an .xlsx/.xlsm file or a folder of CSV files — as plain tables.

Nothing here knows what a plan is: a :class:`Table` is a header row mapped to columns and the data rows with
their Excel row numbers. Files are opened, cells read and headers compared through :mod:`selaras.ingest.sheets`,
like every other input; missing sheets, unreadable files and missing required columns become problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from selaras.ingest.problems import ImportProblem
from selaras.ingest.sheets import (
    EXCEL_SUFFIXES,
    Row,
    Sheet,
    SheetReadError,
    exact_text,
    normalize_header,
    open_spreadsheet,
)
from selaras.workbook.schema import DOKUMEN_SHEET, ITEM_SHEET, Column, SheetSpec

__all__ = ["Table", "is_selaras_workbook", "load_tables"]

_Found = dict[str, tuple[str, Sheet]]
"""Sheet spec name → (file name, the sheet holding it)."""


@dataclass(slots=True)
class Table:
    """One sheet (or CSV file): where problems in it are reported, its headers as written, its data rows."""

    spec: SheetSpec
    file: str
    sheet: str | None
    headers: tuple[str, ...]
    rows: list[tuple[int, Row]] = field(default_factory=list)
    _index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for index, header in reversed(list(enumerate(self.headers))):  # the first of duplicate headers wins
            self._index[normalize_header(header)] = index

    def has(self, column: Column) -> bool:
        return normalize_header(column.header) in self._index

    def value(self, values: Row, column: Column) -> object:
        index = self._index.get(normalize_header(column.header))
        return values[index] if index is not None and index < len(values) else None


def is_selaras_workbook(path: Path) -> bool:
    """A folder holding ``dokumen.csv``, or an Excel file with Dokumen and Item sheets; anything else
    (a SIPD export, an unreadable file) is left to the other readers."""
    if path.is_dir():
        return (path / DOKUMEN_SHEET.csv_name).is_file()
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        return False
    try:
        with open_spreadsheet(path) as book:
            names = {(sheet.name or "").strip().casefold() for sheet in book.sheets}
    except SheetReadError:
        return False
    return {DOKUMEN_SHEET.name.casefold(), ITEM_SHEET.name.casefold()} <= names


def load_tables(path: Path, specs: tuple[SheetSpec, ...], problems: list[ImportProblem]) -> dict[str, Table] | None:
    """The tables of ``specs`` found at ``path`` by sheet name; None when the file itself cannot be read."""
    if path.is_dir():
        return _tables(path, specs, _csv_sheets(path, specs, problems), problems)
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        problems.append(ImportProblem.in_file("file-type", file=path.name, found=path.suffix or path.name))
        return None
    try:
        with open_spreadsheet(path) as book:
            by_name = {(sheet.name or "").strip().casefold(): sheet for sheet in book.sheets}
            found = {
                spec.name: (path.name, by_name[spec.name.casefold()])
                for spec in specs
                if spec.name.casefold() in by_name
            }
            return _tables(path, specs, found, problems)
    except SheetReadError as error:  # a workbook corrupt halfway surfaces only while its rows are read
        problems.append(error.problem)
        return None


def _csv_sheets(directory: Path, specs: tuple[SheetSpec, ...], problems: list[ImportProblem]) -> _Found:
    """One CSV file per sheet; an unreadable file is reported (and its sheet then counts as missing)."""
    by_name = {child.name.casefold(): child for child in directory.iterdir() if child.is_file()}
    found: _Found = {}
    for spec in specs:
        child = by_name.get(spec.csv_name)
        if child is None:
            continue
        try:
            with open_spreadsheet(child) as book:  # a CSV is read whole when it is opened
                found[spec.name] = (child.name, book.sheets[0])
        except SheetReadError as error:
            problems.append(error.problem)
    return found


def _tables(path: Path, specs: tuple[SheetSpec, ...], found: _Found, problems: list[ImportProblem]) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for spec in specs:
        if spec.name not in found:
            problems.append(_missing(path, spec, specs))
            continue
        file, sheet = found[spec.name]
        table = _table(spec, file, sheet, problems)
        if table is not None:
            tables[spec.name] = table
    return tables


def _missing(path: Path, spec: SheetSpec, specs: tuple[SheetSpec, ...]) -> ImportProblem:
    def name(sheet: SheetSpec) -> str:
        return sheet.csv_name if path.is_dir() else sheet.name

    if not spec.required:  # it may be empty, but without it the import would delete what it holds
        return ImportProblem.in_file(
            "sheet-missing-data",
            file=path.name,
            sheet_name=name(spec),
            removed=spec.holds,
            expected=", ".join(spec.headers),
        )
    expected = ", ".join(name(sheet) for sheet in specs if sheet.required)
    return ImportProblem.in_file("sheet-missing", file=path.name, sheet_name=name(spec), expected=expected)


def _table(spec: SheetSpec, file: str, sheet: Sheet, problems: list[ImportProblem]) -> Table | None:
    """Row 1 is the header, as the writer lays it out; the data rows follow it, blank rows skipped."""
    name, rows = sheet.name, sheet.rows()
    header = next(rows, (1, ()))[1]
    table = Table(spec, file, name, tuple(exact_text(value) for value in header))
    if not any(table.has(column) for column in spec.columns):
        problems.append(
            ImportProblem.in_file("header-not-found", file=file, sheet=name, expected=", ".join(spec.headers))
        )
        return None
    missing = [column for column in spec.columns if column.required and not table.has(column)]
    for column in missing:
        problems.append(ImportProblem.in_file("column-missing", file=file, sheet=name, expected=column.header))
    if missing:
        return None  # rows without a required column would only repeat that problem on every line
    table.rows = [(number, values) for number, values in rows if any(exact_text(value) for value in values)]
    return table

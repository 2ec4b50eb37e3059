"""Spreadsheets as plain rows of cell values, for every reader that takes Excel (.xlsx/.xlsm) or CSV.

Planners hand in whatever their office tools produce: workbooks with title rows above the table, headers merged
over several rows, code cells that Excel turned into numbers, CSV files saved with ``;`` because the comma is the
Indonesian decimal mark. This module hides those differences so a reader only sees numbered rows of values:

- :func:`open_spreadsheet` opens a file or raises :class:`SheetReadError` carrying the one
  :class:`ImportProblem` that says why it cannot be read. Workbooks are read with calamine (Rust), ten times
  faster than openpyxl on a 15,000-row SIPD Rekap; a sheet is read whole when a reader first asks for its rows,
  which for the largest real exports is a few megabytes;
- :func:`locate_header` finds the header row(s) by synonyms and rebuilds merged header cells;
- :func:`code_text` and :func:`cell_text` turn cell values into the text a planner sees, and :func:`exact_text`
  into the text as typed (for the Selaras workbook, whose text must come back exactly as it was exported).

This is the one spreadsheet layer: the SIPD readers and the Selaras workbook reader
(:mod:`selaras.ingest.workbook_tables`) open files, read cells and compare headers only through it.

Merged cells are rebuilt from the *shape* of the header (a blank group cell above sub-headers belongs to the group
on its left, a blank cell below a header belongs to the header above), not from the workbook's merge list: that
list is not needed, and the same rule then also works for a CSV saved from a merged sheet.

Calamine gives every number as a float (``5.0``, ``2024.0``) and an empty cell as ``""``: empty cells become None
here, and every reader reads numbers through :func:`cell_text`, :func:`code_text` and ``parse_number``, which
treat ``5.0`` as ``5``.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from xml.etree.ElementTree import ParseError

from openpyxl.utils import get_column_letter
from python_calamine import CalamineError, CalamineWorkbook

from selaras.ingest.csv_dialect import csv_records
from selaras.ingest.limits import NumberTooLarge, read_number
from selaras.ingest.problems import ImportProblem
from selaras.ingest.sheet_extent import oversized_sheet
from selaras.ingest.xlsx_faults import locate_fault

__all__ = [
    "CSV_SUFFIX",
    "EXCEL_SUFFIXES",
    "Column",
    "HeaderLayout",
    "Row",
    "Sheet",
    "SheetReadError",
    "Spreadsheet",
    "cell_at",
    "cell_text",
    "code_text",
    "exact_text",
    "find_year",
    "locate_header",
    "match_field",
    "normalize_header",
    "open_spreadsheet",
    "opened",
    "parse_measure",
]

Row = tuple[object, ...]
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIX = ".csv"
_UNREADABLE = (CalamineError, zipfile.BadZipFile, KeyError, OSError, ParseError, ValueError, TypeError)
_CSV_ERRORS = {
    "line contains NUL": "berisi karakter NUL",
    f"field larger than field limit ({csv.field_size_limit()})": "sel lebih panjang dari yang diizinkan",
}
_MAX_HEADER_ROWS = 4  # the tallest real header: group / year / target-or-Rp, plus one spare


class SheetReadError(Exception):
    """The file cannot be read at all; ``problem`` says why (wrong type, not a spreadsheet, corrupt)."""

    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(problem.message())
        self.problem = problem


@dataclass(frozen=True)
class Sheet:
    """One worksheet, or the single table of a CSV file (``name`` None), read row by row on demand.

    ``max_row`` is the last row as far as the file declares it (0 when it does not) — good enough for a
    progress bar, never used to cut reading short.
    """

    name: str | None
    max_row: int
    _rows: Callable[[int], Iterator[Row]] = field(repr=False)

    def rows(self, start: int = 1) -> Iterator[tuple[int, Row]]:
        """``(row number as Excel shows it, values)`` from row ``start`` on; blank rows are included."""
        return enumerate(self._rows(start), start=start)


class Spreadsheet:
    """An opened file: its sheets in workbook order. Use as a context manager so the file is closed."""

    def __init__(self, name: str, sheets: list[Sheet], close: Callable[[], None] = lambda: None) -> None:
        self.name = name
        self.sheets = sheets
        self._close = close

    def __enter__(self) -> Spreadsheet:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self._close()


def open_spreadsheet(path: Path) -> Spreadsheet:
    """Open ``path`` by its suffix (.xlsx/.xlsm/.csv); raise :class:`SheetReadError` when that is impossible.

    Errors that surface only while rows are streamed (a workbook corrupt halfway) raise ``SheetReadError`` too.
    """
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _open_workbook(path)
    if suffix == CSV_SUFFIX:
        return Spreadsheet(path.name, [_csv_sheet(path)])
    raise SheetReadError(ImportProblem.in_file("file-type", file=path.name, found=suffix or "tanpa akhiran"))


@contextmanager
def opened(source: Path | Spreadsheet) -> Iterator[Spreadsheet]:
    """``source`` as an open spreadsheet: a path is opened (and closed after), a spreadsheet already open is
    used as it is — the import opens a file once to recognise its layout and hands it to the reader."""
    if isinstance(source, Spreadsheet):
        yield source
        return
    with open_spreadsheet(source) as book:
        yield book


def _unreadable(path: Path, expected: str, error: BaseException) -> SheetReadError:
    detail = str(error) or type(error).__name__
    return SheetReadError(ImportProblem.in_file("file-unreadable", file=path.name, expected=expected, detail=detail))


def _open_workbook(path: Path) -> Spreadsheet:
    if (oversized := oversized_sheet(path)) is not None:  # calamine would abort the process, not raise
        raise SheetReadError(oversized)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except _UNREADABLE as error:
        raise _refused(path, None, error) from error
    sheets: list[Sheet] = []
    try:  # every sheet from A1, so row numbers are the ones Excel shows
        for name in book.sheet_names:
            try:
                sheets.append(_calamine_sheet(name, book.get_sheet_by_name(name).to_python(skip_empty_area=False)))
            except _UNREADABLE as error:
                raise _refused(path, name, error) from error
    finally:
        book.close()
    return Spreadsheet(path.name, sheets)


def _refused(path: Path, sheet: str | None, error: BaseException) -> SheetReadError:
    """Calamine refused the workbook (or ``sheet``): say where it is broken, in the planner's words, when the
    standard library can find it; calamine's own file-level words only when it cannot."""
    problem = locate_fault(path, sheet)
    return SheetReadError(problem) if problem is not None else _unreadable(path, "Excel (.xlsx)", error)


def _calamine_sheet(name: str, values: Sequence[Sequence[object]]) -> Sheet:
    grid = [tuple(None if cell == "" else _without_nul(cell) for cell in row) for row in values]
    return Sheet(name, len(grid), lambda start: iter(grid[start - 1 :]))


def _without_nul(cell: object) -> object:
    """A NUL character is never text a planner typed (a broken writer left it) and no database stores it."""
    return cell.replace("\x00", "") if isinstance(cell, str) and "\x00" in cell else cell


def _csv_sheet(path: Path) -> Sheet:
    """Read a CSV whole (it is small next to a workbook): UTF-8 or Windows-1252, delimiter ``,`` ``;`` or tab."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise _unreadable(path, "CSV", error) from error
    if b"\x00" in raw[:4096]:
        raise _unreadable(path, "CSV", ValueError("berkas biner, bukan teks"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    table: list[Row] = []
    try:
        for record in csv_records(text):
            table.append(tuple(cell.replace("\x00", "").strip() or None for cell in record))  # see _without_nul
    except csv.Error as error:  # the record after the last one read is broken
        detail = _CSV_ERRORS.get(str(error), "tanda kutip atau akhir baris yang rusak")
        problem = ImportProblem("csv-row", path.name, None, len(table) + 1, params={"detail": detail})
        raise SheetReadError(problem) from error
    return Sheet(None, len(table), lambda start: iter(table[start - 1 :]))


# --- cell values -------------------------------------------------------------------------------------------------


def cell_at(values: Row, column: Column | None) -> object:
    """The value in ``column``; rows may be shorter than the header (trailing blanks are not stored)."""
    return values[column.index] if column is not None and column.index < len(values) else None


def _text(value: object) -> str:
    """The one conversion of a cell value to text: blank is ``""`` and a whole float (Excel stores every number as
    one) is shown without ``.0``; everything else as Python writes it (``12.5``, ``5.01``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cell_text(value: object) -> str:
    """The text of a cell as a planner reads it: whitespace collapsed, ``14.0`` shown as ``14``, blank as ``""``."""
    return " ".join(_text(value).split())


def exact_text(value: object) -> str:
    """The text of a cell as typed, only the surrounding whitespace removed: a line break or a double space inside
    stays, because the Selaras workbook gives back exactly what was exported. Dates are ISO 8601
    (``2025-03-01T10:00:00``), the form the workbook writes date-times in."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return _text(value).strip()


_TEXT_MARKS = "'\u2018\u2019"  # the apostrophe, and the curly ones an autocorrecting editor turns it into


def code_text(value: object) -> str:
    """A code cell as text, undoing what Excel does to codes typed into number cells.

    ``5`` → ``"5"``; ``5.01`` → ``"5.01"``; ``1.1`` → ``"1.10"`` (a numeric cell lost the trailing zero of bidang
    ``1.10``, and bidang numbers always have two digits); text keeps its digits but loses stray spaces
    (``" 5.01. 02 "`` → ``"5.01.02"``) and a leading apostrophe (``"'1.01.02"`` → ``"1.01.02"``): Excel's mark for
    "keep this as text" is no part of the value in a workbook, but a CSV written by hand or by an application, or a
    sheet pasted from one, keeps it in the cell.
    """
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if number == number.to_integral_value():
            return str(int(number))
        if number.quantize(Decimal("0.01")) == number:
            return f"{number:.2f}"
        return str(number)
    return re.sub(r"\s+", "", str(value)).lstrip(_TEXT_MARKS)


_MEASURE = re.compile(r"^([-+(]?\d[\d.,]*\)?)\s*(\S.*)$")


def parse_measure(value: object, satuan: str = "") -> tuple[Decimal | None, str]:
    """A target-like cell as (number, unit written in it): ``"12,5%"`` → ``(12.5, "%")``, ``"14 Dokumen"`` →
    ``(14, "Dokumen")``, ``14`` → ``(14, "")``, blank → ``(None, "")``.

    A trailing word is accepted as the unit only when the row has no ``satuan`` or the same one: ``"14 Dokumen"``
    in a row whose satuan is ``Unit`` is a contradiction and raises ``ValueError`` like any text that is not a number;
    a number too large to store raises :class:`~selaras.ingest.limits.NumberTooLarge`.
    """
    text = cell_text(value)
    try:
        return read_number(value), "%" if text.endswith("%") else ""
    except NumberTooLarge:
        raise
    except ValueError:
        match = _MEASURE.match(text)
        if not match or (satuan and match.group(2).casefold() != satuan.casefold()):
            raise
    return read_number(match.group(1)), match.group(2)


_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d|21\d\d)(?!\d)")
_YEAR_WORDS = re.compile(r"\b(tahun|thn|th)\b")


def find_year(text: object) -> int | None:
    """The year named in a header (``"Target 2026"``, ``"Tahun 2026"``, ``2026``), or None."""
    match = _YEAR.search(cell_text(text))
    return int(match.group(1)) if match else None


def normalize_header(text: object) -> str:
    """Lower-case words and digits only, so ``"No. Kode"`` and ``"no kode"`` compare equal."""
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", cell_text(text).lower()).split())


def match_field(text: object, fields: Mapping[str, Sequence[str]]) -> str | None:
    """Which field a header names, by synonym, ignoring case, punctuation, a year and a trailing ``(Rp)``-like
    remark: ``"Pagu Indikatif (Rp) Tahun 2026"`` matches the synonym ``"Pagu Indikatif"``."""
    plain = cell_text(text)
    candidates = (plain, re.sub(r"\([^)]*\)", " ", plain))
    for candidate in candidates:
        normal = normalize_header(candidate)
        # "Tahun 2026" is a year label, but a bare "Tahun" (the year column of a flat list) is a header itself
        words = _YEAR_WORDS.sub(" ", _YEAR.sub(" ", normal)) if _YEAR.search(normal) else normal
        key = " ".join(words.split())
        for name, synonyms in fields.items():
            if key and any(key == normalize_header(synonym) for synonym in synonyms):
                return name
    return None


# --- header ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table as its header describes it.

    ``label`` is the header text as written (parts of a multi-row header joined by ``" / "``, e.g.
    ``"Target / 2026"``), the column letter when the header is blank; ``field`` the synonym group it matched;
    ``year`` the year named anywhere in its header, found on row ``year_row``.
    """

    index: int
    label: str
    field: str | None
    year: int | None = None
    year_row: int | None = None


@dataclass(frozen=True, slots=True)
class HeaderLayout:
    """Where a table's header is (``first_row``..``last_row``), where data starts, and what each column holds."""

    first_row: int
    last_row: int
    data_row: int
    columns: tuple[Column, ...]

    def of(self, name: str) -> list[Column]:
        """The columns of field ``name`` in sheet order."""
        return [column for column in self.columns if column.field == name]

    def first(self, name: str) -> Column | None:
        """The first column of field ``name``, None when the table has none."""
        return next((column for column in self.columns if column.field == name), None)


def locate_header(
    head: Sequence[tuple[int, Row]], fields: Mapping[str, Sequence[str]], *, min_fields: int = 2
) -> HeaderLayout | None:
    """Find the header among the first rows of a sheet: the first row naming at least ``min_fields`` different
    fields, extended by the header rows below it (sub-headers such as years), followed optionally by a column
    numbering row (``1 2 3 …``), which is skipped. None when no row looks like a header."""
    for position, (number, values) in enumerate(head):
        if len({match_field(value, fields) for value in values} - {None}) < min_fields:
            continue
        block = [list(values)]
        for _, more in head[position + 1 : position + _MAX_HEADER_ROWS]:
            if not _continues_header(more):
                break
            block.append(list(more))
        last_row = number + len(block) - 1
        following = head[position + len(block)][1] if position + len(block) < len(head) else ()
        data_row = last_row + (2 if _is_numbering_row(following) else 1)
        return HeaderLayout(number, last_row, data_row, _columns(block, number, fields))
    return None


def _continues_header(values: Row) -> bool:
    """A header row goes on while a row holds only words or years: a data row has a code or an amount."""
    texts = [value for value in values if cell_text(value)]
    return bool(texts) and all(
        isinstance(value, str | int | float) and (find_year(value) is not None or not re.search(r"\d", str(value)))
        for value in texts
    )


def _is_numbering_row(values: Row) -> bool:
    """The ``1 | 2 | 3 | …`` row many templates put under the header (sometimes with ``6=4x5``-style cells)."""
    texts = [cell_text(value) for value in values if cell_text(value)]
    return (
        len(texts) >= 3
        and texts[:3] == ["1", "2", "3"]
        and all(re.fullmatch(r"[\d\s()=+x*/.,-]+", text) for text in texts)
    )


def _columns(block: list[list[object]], first_row: int, fields: Mapping[str, Sequence[str]]) -> tuple[Column, ...]:
    width = max(len(values) for values in block)
    grid = [[cell_text(value) for value in values] + [""] * (width - len(values)) for values in block]
    for row in range(len(grid) - 1):  # rebuild horizontally merged group cells (see module docstring)
        for col in range(1, width):
            below = [grid[lower][col] for lower in range(row + 1, len(grid))]
            left_below = [grid[lower][col - 1] for lower in range(row + 1, len(grid))]
            if not grid[row][col] and grid[row][col - 1] and any(below) and any(left_below):
                grid[row][col] = grid[row][col - 1]
    columns = []
    for col in range(width):
        parts: list[tuple[int, str]] = []
        for row in range(len(grid)):
            if grid[row][col] and (not parts or parts[-1][1] != grid[row][col]):
                parts.append((first_row + row, grid[row][col]))
        years = [(number, find_year(text)) for number, text in parts if find_year(text) is not None]
        matched = next((match_field(text, fields) for _, text in reversed(parts) if match_field(text, fields)), None)
        label = " / ".join(text for _, text in parts) or get_column_letter(col + 1)
        year_row, year = years[0] if years else (None, None)
        columns.append(Column(col, label, matched, year, year_row))
    return tuple(columns)

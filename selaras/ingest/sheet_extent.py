"""How many cells calamine will lay out for each sheet, checked before it reads them.

Calamine reads a sheet into one dense rectangle from A1 to its farthest cell with a value. A workbook of two
kilobytes holding one value in A1 and one in ``B99999999999`` asks it for a hundred billion cells: the process
aborts (Rust's out-of-memory handler, no exception to catch), and on the web it takes the worker with it. The
unpacked-size limit (:mod:`selaras.ingest.upload_limits`) does not help, since the sheet is tiny unpacked.

:func:`oversized_sheet` therefore bounds every sheet's rectangle before calamine sees it, from the cheapest
estimate to the exact one, stopping as soon as one is within :data:`MAX_CELLS`:

1. byte searches over the decompressed sheet XML: how many digits the largest row number has and how many letters
   the largest column (a sheet whose rows stay below 10,000 and columns below AA is at most 9,999 × 26 cells),
   plus the rows and cells that name no position. Nearly every workbook ends here (for the largest real SIPD
   Rekap in about a third of the time calamine takes to read it);
2. the largest row number and column exactly, still without parsing;
3. the rectangle as calamine builds it (cells with a value only; a cell without ``r`` follows the previous one),
   with a streaming XML parser. When that parser finds the XML broken, the sheet is refused where it breaks
   (:func:`~selaras.ingest.xlsx_faults.locate_fault`): calamine's parser is more lenient and would lay out the
   far cells of a broken sheet all the same.

A sheet whose exact rectangle exceeds :data:`MAX_CELLS` is refused at its farthest cell, with the advice a
planner can follow (Excel's Ctrl+End shows that cell).
"""

from __future__ import annotations

import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from selaras.ingest.problems import ImportProblem
from selaras.ingest.xlsx_faults import ZIP_ERRORS, column_letter, column_number, locate_fault, sheet_parts
from selaras.numbers import format_number

__all__ = ["MAX_CELLS", "oversized_sheet"]

# 40 × the largest real sheet (Kab. Buru Rekap 2024: 5,482 rows × 21 columns); 5 million cells are about 250 MB
# in calamine and Python together, a hundred times fewer than what aborts the process.
MAX_CELLS = 5_000_000

_CHUNK = 1 << 20
# how writers put a position: ` r="B7"` on <row> and <c>; any other spelling of the attribute (other white space,
# single quotes, spaces around "=") sends the sheet to the exact count
_ODD_R = re.compile(rb"""r\s*=\s*'|r\s+=|r=\s""")
_ODD_SPACE = (b'\nr="', b'\tr="', b'\rr="')
_ROW_NUMBERS = re.compile(rb' r="[A-Za-z]*(\d+)"')
_COLUMN_LETTERS = re.compile(rb' r="([A-Za-z]+)\d')
_REFERENCE = re.compile(r"^([A-Za-z]*)(\d+)$")


def oversized_sheet(path: Path) -> ImportProblem | None:
    """The first sheet of the workbook at ``path`` whose cells would exceed :data:`MAX_CELLS`, as a problem at its
    farthest cell; None when every sheet fits (or the zip is too broken to tell: calamine will say so).

    When the workbook's own parts are too broken to name the sheets, every worksheet part is bounded, and one
    that is too large is refused with the workbook's first fault: calamine may read past that fault.
    """
    parts = sheet_parts(path)
    try:
        with zipfile.ZipFile(path) as archive:
            if parts is None:
                parts = [(name, name) for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
                named = False
            else:
                named = True
            for name, part in parts:
                if _cells(_bound(archive, part, exact_maxima=False)) <= MAX_CELLS:
                    continue
                rows, columns = _bound(archive, part, exact_maxima=True)
                if rows * columns <= MAX_CELLS:
                    continue
                far = _exact_far_cell(archive, part)
                if far is not None and far.rows * far.columns <= MAX_CELLS:
                    continue
                if far is None or not named:  # broken XML, which calamine may read past, far cells and all
                    fault = locate_fault(path, name if named else None)
                    return fault or (far or _Far(rows, columns, rows, columns)).problem(path.name, name)
                return far.problem(path.name, name)
    except ZIP_ERRORS:
        return None  # a damaged part: calamine refuses it and xlsx_faults locates the damage
    return None


def _cells(bound: tuple[int, int]) -> int:
    return bound[0] * bound[1]


def _bound(archive: zipfile.ZipFile, part: str, *, exact_maxima: bool) -> tuple[int, int]:
    """Upper bounds of the sheet's rows and columns, from byte searches over its XML (no parsing).

    Rows: the largest row number named by an ``r`` attribute — by its number of digits (9,999 for four), or
    (``exact_maxima``) exactly — plus every row that names none. Columns likewise, from the column letters, plus
    every cell that names none (any ``<c…`` tag without `` r="`` right after it counts: ``<col>`` too, which only
    loosens the bound). Both unbounded (``sys.maxsize``) when an ``r`` attribute is spelled unusually.
    """
    digits = letters = 0
    rows = columns = 0
    unpositioned = {b"row": 0, b"c": 0}
    carry = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            data = carry + chunk
            cut = data.rfind(b">") + 1  # whole tags only; the rest waits for the next chunk
            data, carry = data[:cut], data[cut:]
            if _ODD_R.search(data) or any(odd in data for odd in _ODD_SPACE):
                return sys.maxsize, sys.maxsize
            for tag in unpositioned:
                unpositioned[tag] += data.count(b"<" + tag) - data.count(b"<" + tag + b' r="')
                unpositioned[tag] += data.count(b":" + tag) - data.count(b":" + tag + b' r="')
            if exact_maxima:
                rows = max([rows, *(int(number) for number in _ROW_NUMBERS.findall(data))])
                columns = max([columns, *(column_number(name.decode()) for name in set(_COLUMN_LETTERS.findall(data)))])
            else:
                while re.search(rb' r="[A-Za-z]*\d{%d}' % (digits + 1), data):
                    digits += 1
                while re.search(rb' r="[A-Za-z]{%d}' % (letters + 1), data):
                    letters += 1
    if not exact_maxima:
        rows = 10**digits - 1
        columns = sum(26**width for width in range(1, letters + 1))
    return rows + unpositioned[b"row"], columns + unpositioned[b"c"]


@dataclass
class _Far:
    """The sheet's rectangle (``rows`` × ``columns``) and the cell with a value that stretches it most."""

    rows: int = 0
    columns: int = 0
    row: int = 0
    column: int = 0

    def include(self, row: int, column: int) -> None:
        self.rows = max(self.rows, row)
        self.columns = max(self.columns, column)
        if row * column > self.row * self.column:
            self.row, self.column = row, column

    def problem(self, file: str, sheet: str) -> ImportProblem:
        letter = column_letter(self.column)
        return ImportProblem.at_cell(
            "sheet-too-large",
            file=file,
            sheet=sheet,
            row=self.row,
            column=letter,
            cell=f"{letter}{self.row}",
            rows=format_number(self.rows),
            columns=format_number(self.columns),
            cells=format_number(self.rows * self.columns),
            limit=format_number(MAX_CELLS),
        )


def _exact_far_cell(archive: zipfile.ZipFile, part: str) -> _Far | None:
    """The rectangle calamine builds: cells with a value (``<v>`` or inline text), a cell without ``r`` after the
    previous one, a row without ``r`` after the previous row. None when the XML is broken (calamine refuses it)."""
    far = _Far()
    row = column = 0
    has_value = False
    in_value = False

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal row, column, has_value, in_value
        local = tag.rsplit(":", 1)[-1]
        if local == "row":
            number = attributes.get("r", "")
            row = int(number) if number.isdigit() else row + 1
            column = 0
        elif local == "c":
            match = _REFERENCE.match(attributes.get("r", ""))
            if match is not None:
                row = int(match.group(2))
                column = column_number(match.group(1)) if match.group(1) else column + 1
            else:
                column += 1
            has_value = False
        elif local in ("v", "t"):
            in_value = True

    def end(tag: str) -> None:
        nonlocal has_value, in_value
        local = tag.rsplit(":", 1)[-1]
        if local in ("v", "t"):
            in_value = False
        elif local == "c" and has_value:
            far.include(row, column)

    def text(data: str) -> None:
        nonlocal has_value
        if in_value and data:
            has_value = True

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        return None
    return far

"""A sheet whose values lie far apart is refused at its farthest cell before calamine lays it out (which would
abort the process for a hundred billion cells, with no exception to catch)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from selaras.ingest.sheet_extent import oversized_sheet
from selaras.ingest.sheets import SheetReadError, open_spreadsheet

SHEET = "xl/worksheets/sheet1.xml"
BURU = Path(__file__).parent.parent / "data" / "sipd-kab-buru-2024"


def workbook(path: Path, far_row: str) -> Path:
    """Sheet "Item" with "Kode" in A1, 5 in B2, and ``far_row`` (XML of one more row) after them."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Item"
    sheet["A1"] = "Kode"
    sheet["B2"] = 5
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[SHEET] = re.sub(rb"</sheetData>", far_row.encode() + b"</sheetData>", parts[SHEET])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def test_a_value_a_hundred_billion_cells_away_is_refused_at_that_cell(tmp_path: Path) -> None:
    path = workbook(tmp_path / "renja.xlsx", '<row r="99999999999"><c r="B99999999999"><v>1</v></c></row>')
    problem = oversized_sheet(path)
    assert problem is not None
    assert (problem.code, problem.sheet, problem.row, problem.column) == ("sheet-too-large", "Item", 99999999999, "B")
    assert problem.message() == (
        "Lembar ini berisi isi sampai sel B99999999999: 99.999.999.999 baris × 2 kolom = 199.999.999.998 sel, "
        "lebih dari 5.000.000 sel yang dapat dibaca. Hapus isi sel yang jauh di luar tabel (di Excel, Ctrl+End "
        "menunjukkan sel terakhir yang berisi), lalu simpan ulang"
    )
    assert problem.message("en").startswith("This sheet has content up to cell B99999999999: 99.999.999.999 rows")


def test_the_import_refuses_it_before_calamine_reads_it(tmp_path: Path) -> None:
    """Six million cells: calamine would read them (slowly); the refusal comes first."""
    path = workbook(tmp_path / "renja.xlsx", '<row r="600000"><c r="J600000" t="n"><v>1</v></c></row>')
    with pytest.raises(SheetReadError) as refused:
        open_spreadsheet(path)
    problem = refused.value.problem
    assert (problem.code, problem.row, problem.column, problem.params["cells"]) == (
        "sheet-too-large",
        600000,
        "J",
        "6.000.000",
    )


def test_cells_without_a_reference_count_where_calamine_puts_them(tmp_path: Path) -> None:
    """A far row whose cells name no column: calamine places them from column A of that row."""
    cells = "".join("<c><v>1</v></c>" for _ in range(3))
    problem = oversized_sheet(workbook(tmp_path / "renja.xlsx", f'<row r="2000000">{cells}</row>'))
    assert problem is not None and (problem.row, problem.column) == (2000000, "C")


def test_a_far_cell_in_a_sheet_with_broken_xml_is_refused_where_the_xml_breaks(tmp_path: Path) -> None:
    """Calamine's parser reads past a stray character and would still lay out the far cell (found by the fuzzer:
    194 GB asked for); the stricter XML parser cannot count the cells, so the break is what is reported."""
    path = workbook(tmp_path / "renja.xlsx", '<row r="99999999999"><c r="B99999999999"><v>1</v></c></row>')
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[SHEET] = parts[SHEET].replace(b"<v>5</v>", b"<v>5&</v>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    problem = oversized_sheet(path)
    assert problem is not None
    assert (problem.code, problem.sheet, problem.row, problem.column) == ("xml-broken", "Item", 2, "B")


def test_a_far_cell_in_a_workbook_whose_sheets_cannot_be_named_is_refused_with_the_workbook_fault(
    tmp_path: Path,
) -> None:
    """Without _rels/.rels the sheets have no names to check by; every worksheet part is bounded instead."""
    path = workbook(tmp_path / "renja.xlsx", '<row r="99999999999"><c r="B99999999999"><v>1</v></c></row>')
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist() if info.filename != "_rels/.rels"}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    problem = oversized_sheet(path)
    assert problem is not None
    assert (problem.code, problem.params["part"]) == ("xlsx-part-missing", "_rels/.rels")


@pytest.mark.parametrize(
    "far_row",
    [
        '<row r="9000000" s="1" customFormat="1"/>',  # a formatted row, empty
        '<row r="9000000"><c r="XFD9000000" s="1"/></row>',  # a formatted cell
        '<row r="9000000"><c r="XFD9000000" s="1"></c></row>',  # an empty cell written long-hand
        '<row r="9000000"><c r="XFD9000000" t="s"><v></v></c></row>',  # an empty value
    ],
)
def test_far_cells_without_a_value_are_not_counted(tmp_path: Path, far_row: str) -> None:
    """Calamine skips cells without a value, so a sheet formatted to its last row is read as it is."""
    path = workbook(tmp_path / "renja.xlsx", far_row)
    assert oversized_sheet(path) is None
    with open_spreadsheet(path) as book:
        assert len(list(book.sheets[0].rows())) == 2


def test_the_largest_real_sheets_fit_well_within_the_limit() -> None:
    for name in ("rekap_2024.xlsx", "kua_ppas_sub_kegiatan_2024.xlsx", "tabel_iv3_kua_ppas_2024.xlsx"):
        assert oversized_sheet(BURU / name) is None

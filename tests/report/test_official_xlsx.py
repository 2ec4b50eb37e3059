"""The official table as an Excel sheet: letterhead, merged two-row header, numbered columns, amounts as
numbers, subtotals, print setup and the signature block, read back with openpyxl."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from official_world import SUB_PAGU, renja, surroundings
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from selaras.report.official.table import OfficialTable, Paper, build_official_table
from selaras.report.official.xlsx import MONEY_FORMAT, PAPER_SIZES, write_official_xlsx


@pytest.fixture
def table() -> OfficialTable:
    return build_official_table(renja(), surroundings())


def _sheet(table: OfficialTable, path: Path, paper: Paper = Paper.A4) -> Worksheet:
    write_official_xlsx(table, path, paper=paper)
    sheet = load_workbook(path).active
    assert isinstance(sheet, Worksheet)
    return sheet


def _find(sheet: Worksheet, value: str) -> tuple[int, int]:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell.row, cell.column
    raise AssertionError(f"{value!r} not in the sheet")


def test_letterhead_lines_span_the_table(table: OfficialTable, tmp_path: Path) -> None:
    sheet = _sheet(table, tmp_path / "renja.xlsx")
    assert [sheet.cell(row, 1).value for row in range(1, 5)] == ["Tabel T-C.33", *table.heading]
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {"A1:J1", "A2:J2", "A3:J3", "A4:J4"} <= merged


def test_header_is_merged_as_in_the_lampiran_and_numbered(table: OfficialTable, tmp_path: Path) -> None:
    sheet = _sheet(table, tmp_path / "renja.xlsx")
    top, _ = _find(sheet, "Kode")
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert f"A{top}:A{top + 1}" in merged  # Kode spans both header rows
    assert sheet.cell(top, 4).value == "Rencana Tahun 2026" and f"D{top}:G{top}" in merged
    assert sheet.cell(top, 9).value == "Prakiraan Maju Rencana Tahun 2027" and f"I{top}:J{top}" in merged
    assert [sheet.cell(top + 1, column).value for column in range(4, 8)] == [
        "Lokasi",
        "Target Capaian Kinerja",
        "Kebutuhan Dana/Pagu Indikatif (Rp)",
        "Sumber Dana",
    ]
    assert [sheet.cell(top + 2, column).value for column in range(1, 11)] == [f"({n})" for n in range(1, 11)]
    assert sheet.print_title_rows == f"${top}:${top + 2}"
    assert sheet.freeze_panes == f"A{top + 3}"


def test_rows_subtotals_and_total_are_numbers_with_a_thousands_format(table: OfficialTable, tmp_path: Path) -> None:
    sheet = _sheet(table, tmp_path / "renja.xlsx")
    top, _ = _find(sheet, "Kode")
    total_row, _ = _find(sheet, "JUMLAH")
    at = {sheet.cell(number, 1).value: number for number in range(top + 3, total_row) if sheet.cell(number, 1).value}
    assert list(at) == [row.kode for row in table.rows]  # in order, codes as text
    for row in table.rows:
        cell = sheet.cell(at[row.kode], 6)
        assert cell.value == row.pagu and cell.number_format == MONEY_FORMAT
    subs = [number for code, number in at.items() if str(code).startswith("5.01.02.") and str(code).count(".") == 5]
    assert sheet.cell(at["5.01.02"], 6).value == sum(sheet.cell(number, 6).value for number in subs)
    assert Decimal(sheet.cell(total_row, 6).value) == sum(SUB_PAGU.values())
    assert sheet.cell(total_row, 6).font.bold
    assert sheet.cell(at["5"], 2).font.bold and not sheet.cell(at["5.01.02.1.01.0001"], 2).font.bold


def test_each_indicator_takes_a_sheet_row_beside_its_target(table: OfficialTable, tmp_path: Path) -> None:
    sheet = _sheet(table, tmp_path / "renja.xlsx")
    program, _ = _find(sheet, "5.01.02")
    lines = [[sheet.cell(number, column).value for column in (3, 5)] for number in (program, program + 1)]
    assert lines == [["Persentase keselarasan RPJMD dengan Renstra PD", "97,5%"], ["Nilai evaluasi RKPD", "80 Nilai"]]
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {f"B{program}:B{program + 1}", f"F{program}:F{program + 1}"} <= merged
    assert f"C{program}:C{program + 1}" not in merged
    assert sheet.cell(program, 3).alignment.wrap_text
    heights = [sheet.row_dimensions[number].height for number in (program, program + 1)]
    assert all(height is not None and height >= 15 for height in heights)
    assert heights[0] > heights[1]  # the first indicator's name wraps, the second's does not


def test_signature_block_follows_the_table_with_blank_name_and_nip(table: OfficialTable, tmp_path: Path) -> None:
    sheet = _sheet(table, tmp_path / "renja.xlsx")
    total_row, _ = _find(sheet, "JUMLAH")
    place_row, column = _find(sheet, "Palangka Raya, 2 Januari 2026")
    assert place_row > total_row and column == 8  # under the last three columns
    assert sheet.cell(place_row + 1, column).value == table.signature.jabatan
    name_row, _ = _find(sheet, "(…………………………………………)")
    assert name_row > place_row + 2  # room to sign
    assert str(sheet.cell(name_row + 1, column).value).startswith("NIP. …")
    notes = {sheet.cell(row, 1).value: row for row in range(total_row + 1, place_row)}
    source = notes["Sumber: dokumen 62/RENJA/5.01.01/2026/final (Selaras)."]
    assert f"A{source}:J{source}" in {str(cells) for cells in sheet.merged_cells.ranges}  # never runs past the table


@pytest.mark.parametrize("paper", list(Paper))
def test_print_setup_is_landscape_one_page_wide(table: OfficialTable, tmp_path: Path, paper: Paper) -> None:
    sheet = _sheet(table, tmp_path / f"{paper}.xlsx", paper)
    setup = sheet.page_setup
    assert (setup.orientation, int(setup.paperSize)) == ("landscape", PAPER_SIZES[paper])
    assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr is not None and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert "&P" in (sheet.oddFooter.center.text or "")

"""Generic spreadsheet helpers: cell text, codes stored as numbers, header synonyms and merged headers."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sipd_builders import write_xlsx

from selaras.ingest.sheets import (
    SheetReadError,
    cell_text,
    code_text,
    exact_text,
    find_year,
    locate_header,
    match_field,
    open_spreadsheet,
    parse_measure,
)

FIELDS = {"code": ("Kode",), "name": ("Uraian",), "target": ("Target",), "pagu": ("Pagu Indikatif", "Rp")}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (5, "5"),
        (5.0, "5"),
        (5.01, "5.01"),
        (1.1, "1.10"),
        (Decimal("5.05"), "5.05"),
        (" 5.01. 02\u00a0", "5.01.02"),
        (None, ""),
    ],
)
def test_code_text_undoes_excel_numbers_and_stray_spaces(value: object, text: str) -> None:
    assert code_text(value) == text


def test_cell_text_collapses_whitespace_and_whole_floats() -> None:
    assert cell_text("  Jumlah\n dokumen ") == "Jumlah dokumen"
    assert (cell_text(14.0), cell_text(12.5), cell_text(None)) == ("14", "12.5", "")


def test_exact_text_keeps_what_was_typed_inside_the_cell() -> None:
    assert exact_text("  Baris satu\nbaris  dua ") == "Baris satu\nbaris  dua"
    assert (exact_text(14.0), exact_text(12.5), exact_text(None)) == ("14", "12.5", "")
    assert exact_text(datetime(2025, 3, 1, 10, 0)) == "2025-03-01T10:00:00"
    assert cell_text(datetime(2025, 3, 1, 10, 0)) == "2025-03-01 10:00:00"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("KODE", "code"),
        ("Pagu Indikatif (Rp)", "pagu"),
        ("Pagu Indikatif Tahun 2027", "pagu"),
        ("Target 2026", "target"),
        ("Rp", "pagu"),
        ("Keterangan", None),
        (2026, None),
    ],
)
def test_match_field_by_synonym(header: object, field: str | None) -> None:
    assert match_field(header, FIELDS) == field


@pytest.mark.parametrize(
    ("value", "satuan", "measure"),
    [
        ("14 Dokumen", "", (Decimal(14), "Dokumen")),
        ("14 dokumen", "Dokumen", (Decimal(14), "dokumen")),
        ("12,5%", "", (Decimal("12.5"), "%")),
        ("1.000", "", (Decimal(1000), "")),
        (14.0, "Unit", (Decimal("14.0"), "")),
        (None, "", (None, "")),
    ],
)
def test_parse_measure_splits_a_number_and_its_unit(value: object, satuan: str, measure: tuple[object, str]) -> None:
    assert parse_measure(value, satuan) == measure


@pytest.mark.parametrize(("value", "satuan"), [("14 Dokumen", "Unit"), ("Tersedia", ""), ("WTP", "Predikat")])
def test_parse_measure_refuses_text_and_contradicting_units(value: str, satuan: str) -> None:
    with pytest.raises(ValueError):
        parse_measure(value, satuan)


def test_find_year() -> None:
    assert (find_year("Tahun 2026"), find_year(2030)) == (2026, 2030)
    assert (find_year("Target"), find_year("12026")) == (None, None)


def test_locate_header_after_title_rows_rebuilds_merged_groups_and_skips_numbering() -> None:
    head = list(
        enumerate(
            [
                ("RENJA 2026",),
                (),
                ("Kode", "Uraian", "Target", None, "Pagu Indikatif", None, "Satuan"),
                (None, None, 2026, "2027", "Tahun 2026", "Tahun 2027", None),
                ("1", "2", "3", "4", "5", "6", "7"),
                ("5.01.02", "Program", 1, 2, 3, 4, "%"),
            ],
            start=1,
        )
    )
    layout = locate_header(head, FIELDS)
    assert layout is not None
    assert (layout.first_row, layout.last_row, layout.data_row) == (3, 4, 6)
    assert [(column.label, column.field, column.year) for column in layout.columns] == [
        ("Kode", "code", None),
        ("Uraian", "name", None),
        ("Target / 2026", "target", 2026),
        ("Target / 2027", "target", 2027),
        ("Pagu Indikatif / Tahun 2026", "pagu", 2026),
        ("Pagu Indikatif / Tahun 2027", "pagu", 2027),
        ("Satuan", None, None),
    ]


def test_locate_header_needs_two_fields_in_one_row() -> None:
    assert locate_header([(1, ("Kode",)), (2, ("Uraian",))], FIELDS) is None


def test_csv_with_windows_encoding_and_tabs(tmp_path: Path) -> None:
    path = tmp_path / "tabel.csv"
    path.write_bytes(b"Kode\tUraian\n5.01.02\tPerencanaan \x96 Daerah\n")  # 0x96: the en dash of Windows-1252
    with open_spreadsheet(path) as book:
        rows = list(book.sheets[0].rows())
    assert rows == [(1, ("Kode", "Uraian")), (2, ("5.01.02", "Perencanaan \u2013 Daerah"))]


def test_csv_delimiter_is_not_fooled_by_quotes_around_tabs_in_a_cell(tmp_path: Path) -> None:
    path = tmp_path / "item.csv"
    path.write_text("Kunci,Uraian,Lokasi\nT1,a\tb\t'c'\t'd',\"x, y\"\nT2,Lagi,\n", encoding="utf-8")
    with open_spreadsheet(path) as book:
        rows = [values for _, values in book.sheets[0].rows()]
    assert rows == [("Kunci", "Uraian", "Lokasi"), ("T1", "a\tb\t'c'\t'd'", "x, y"), ("T2", "Lagi", None)]


def test_workbook_rows_are_numbered_as_excel_shows_them(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "tabel.xlsx", [["a"], [], ["b", 2]])
    with open_spreadsheet(path) as book:
        sheet = book.sheets[0]
        assert (sheet.name, sheet.max_row) == ("Tabel", 3)
        assert [(number, values[:1]) for number, values in sheet.rows(2)] == [(2, (None,)), (3, ("b",))]


def test_unsupported_file_raises_sheet_read_error(tmp_path: Path) -> None:
    with pytest.raises(SheetReadError) as caught:
        open_spreadsheet(tmp_path / "renja.xls")
    assert (caught.value.problem.code, caught.value.problem.params["found"]) == ("file-type", ".xls")


def test_a_nul_character_inside_a_csv_cell_is_dropped(tmp_path: Path) -> None:
    """Python's csv reader lets NUL through; PostgreSQL refuses it in text (found by the fuzzer)."""
    path = tmp_path / "renja.csv"
    path.write_bytes(("Kode;Uraian\n" + "x" * 5000 + ";y\n5.01.02;PROGRAM\x00 PERENCANAAN\n").encode())
    with open_spreadsheet(path) as book:
        rows = [values for _, values in book.sheets[0].rows()]
    assert rows[-1] == ("5.01.02", "PROGRAM PERENCANAAN")

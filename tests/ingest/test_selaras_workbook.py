"""Bad workbooks: every problem is named exactly (code, sheet, row, column, value) and nothing is importable.

The base workbook is :func:`rich_plan` written out. Its rows: Item 2 T1, 3 T1.S1, 4 program 1.01.02, 5 kegiatan
1.01.02.2.01, 6 sub kegiatan; Indikator 2 T1, 3-4 T1.S1, 5 program, 6-7 sub kegiatan; Anggaran 2-6 program
(2025-2029), 7-9 kegiatan, 10 sub kegiatan; Rincian 2-4 sub kegiatan; Tautan 2-3.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from workbook_samples import CellValue, budget_plan, edit, rich_plan

from selaras.domain import Direction, DocumentStatus, IndicatorKind, ItemLevel, LinkKind, LinkOrigin
from selaras.ingest.problems import ImportProblem, Severity
from selaras.ingest.selaras_workbook import read_workbook
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.workbook.schema import sheets
from selaras.workbook.writer import write_csv_dir, write_plan

NOMENCLATURE = bundled_nomenclature()
Found = tuple[str, str | None, int | None, str | None, str]


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_plan(tmp_path / "renstra.xlsx", rich_plan())


def _read(path: Path) -> list[ImportProblem]:
    """The problems of a file that must not import: a galat means no plan at all."""
    plan, problems = read_workbook(path, nomenclature=NOMENCLATURE)
    assert plan is None
    assert any(problem.severity is Severity.GALAT for problem in problems)
    return problems


def _where(problems: list[ImportProblem]) -> list[Found]:
    return [(problem.code, problem.sheet, problem.row, problem.column, problem.value) for problem in problems]


CELL_ERRORS = [
    ("Item", {"C3": "subsasaran"}, ("invalid-choice", "Item", 3, "Tingkat", "subsasaran")),
    ("Item", {"E4": None}, ("required", "Item", 4, "Uraian", "")),
    ("Item", {"H4": "1,5"}, ("not-an-integer", "Item", 4, "Urutan", "1,5")),
    ("Item", {"D5": "1.01.2.01"}, ("malformed-code", "Item", 5, "Kode Nomenklatur", "1.01.2.01")),
    ("Item", {"D5": "1.01.02"}, ("code-wrong-level", "Item", 5, "Kode Nomenklatur", "1.01.02")),
    ("Item", {"D2": "1.01.02"}, ("code-wrong-level", "Item", 2, "Kode Nomenklatur", "1.01.02")),
    ("Item", {"D6": "1.01.02.2.02.0001"}, ("code-orphan", "Item", 6, "Kode Nomenklatur", "1.01.02.2.02.0001")),
    ("Item", {"A7": "T1", "C7": "tujuan", "E7": "Lagi"}, ("duplicate", "Item", 7, "Kunci", "T1")),
    ("Item", {"B6": "1.01.02.2.99"}, ("unknown-reference", "Item", 6, "Kunci Induk", "1.01.02.2.99")),
    ("Item", {"B2": "T1"}, ("unknown-reference", "Item", 2, "Kunci Induk", "T1")),
    ("Indikator", {"A6": "X9"}, ("unknown-reference", "Indikator", 6, "Kunci Item", "X9")),
    ("Indikator", {"G2": "tinggi"}, ("not-a-number", "Indikator", 2, "Target 2025", "tinggi")),
    ("Indikator", {"F3": "menaik"}, ("invalid-choice", "Indikator", 3, "Arah", "menaik")),
    ("Indikator", {"K1": "Target 2031"}, ("invalid-year", "Indikator", 1, "Target 2031", "2031")),
    ("Anggaran", {"A10": "X9"}, ("unknown-reference", "Anggaran", 10, "Kunci Item", "X9")),
    ("Anggaran", {"B10": 2031}, ("invalid-year", "Anggaran", 10, "Tahun", "2031")),
    ("Anggaran", {"C7": "satu juta"}, ("not-a-number", "Anggaran", 7, "Pagu", "satu juta")),
    ("Anggaran", {"C7": -5}, ("negative", "Anggaran", 7, "Pagu", "-5")),
    ("Anggaran", {"D7": "-1.000"}, ("negative", "Anggaran", 7, "Realisasi", "-1.000")),
    ("Anggaran", {"C8": None}, ("required", "Anggaran", 8, "Pagu", "")),
    ("Rincian", {"A3": "X9"}, ("unknown-reference", "Rincian", 3, "Kunci Item", "X9")),
    ("Rincian", {"B2": 2031}, ("invalid-year", "Rincian", 2, "Tahun", "2031")),
    ("Rincian", {"C2": "pajak"}, ("invalid-choice", "Rincian", 2, "Jenis Rincian", "pajak")),
    ("Rincian", {"D4": None}, ("required", "Rincian", 4, "Kode", "")),
    ("Rincian", {"F3": -1}, ("negative", "Rincian", 3, "Pagu", "-1")),
    ("Tautan", {"A3": "T9"}, ("unknown-reference", "Tautan", 3, "Kunci Item Sumber", "T9")),
    ("Tautan", {"B2": "RPJMD 2025"}, ("unknown-reference", "Tautan", 2, "Dokumen Tujuan", "RPJMD 2025")),
    ("Tautan", {"I2": "kemarin"}, ("invalid-datetime", "Tautan", 2, "Waktu Keputusan", "kemarin")),
    ("Tautan", {"G2": "tinggi"}, ("not-a-number", "Tautan", 2, "Skor", "tinggi")),
    ("Dokumen", {"A2": "RENSTRA-X"}, ("invalid-choice", "Dokumen", 2, "Jenis Dokumen", "RENSTRA-X")),
    ("Dokumen", {"B2": "99.99"}, ("unknown-reference", "Dokumen", 2, "Kode Pemda", "99.99")),
    ("Dokumen", {"D2": "lima tahun"}, ("invalid-period", "Dokumen", 2, "Periode", "lima tahun")),
    ("Dokumen", {"A2": "RENJA"}, ("invalid-period", "Dokumen", 2, "Periode", "2025-2029")),
    ("Dokumen", {"A3": "RENJA", "B3": "62"}, ("too-many-rows", "Dokumen", 3, None, "")),
]


@pytest.mark.parametrize(("sheet", "cells", "expected"), CELL_ERRORS, ids=[case[2][0] for case in CELL_ERRORS])
def test_each_bad_cell_is_reported_exactly(
    workbook: Path, sheet: str, cells: dict[str, CellValue], expected: Found
) -> None:
    problems = _read(edit(workbook, sheet, cells))
    assert _where(problems) == [expected]
    assert problems[0].file == "renstra.xlsx"


def test_invalid_choice_lists_the_valid_ones(workbook: Path) -> None:
    (problem,) = _read(edit(workbook, "Item", {"C3": "subsasaran"}))
    assert problem.message() == (
        "'subsasaran' tidak dikenal; pilihan yang sah: visi, misi, tujuan, sasaran, strategi, arah_kebijakan, "
        "prioritas, program, kegiatan, sub_kegiatan"
    )


def test_wrong_code_level_says_what_was_expected(workbook: Path) -> None:
    (problem,) = _read(edit(workbook, "Item", {"D5": "1.01.02"}))
    assert problem.message() == "Kode '1.01.02' adalah program; di sini diharapkan kode kegiatan"


def test_unknown_but_well_formed_code_is_a_warning_and_still_imported(workbook: Path) -> None:
    plan, problems = read_workbook(edit(workbook, "Item", {"D6": "1.01.02.2.01.0999"}), nomenclature=NOMENCLATURE)
    assert _where(problems) == [("unknown-code", "Item", 6, "Kode Nomenklatur", "1.01.02.2.01.0999")]
    assert problems[0].severity is Severity.PERINGATAN
    assert plan is not None and plan.items[-1].code == "1.01.02.2.01.0999"


def test_codes_are_checked_against_the_pemda_level(workbook: Path) -> None:
    """1.01.02.2.01 is a kabupaten/kota kegiatan; read for a province it is unknown (but imported)."""
    plan, problems = read_workbook(workbook, nomenclature=NOMENCLATURE, jenis="provinsi")
    assert plan is not None
    assert [(p.code, p.row) for p in problems] == [("unknown-code", 5), ("unknown-code", 6)]


def test_all_problems_are_collected_in_one_pass(workbook: Path) -> None:
    edit(workbook, "Item", {"C3": "subsasaran", "D5": "1.01.2.01"})
    edit(workbook, "Anggaran", {"C7": "satu juta", "B10": 2031})
    edit(workbook, "Tautan", {"I2": "kemarin"})
    assert [(code, sheet, row) for code, sheet, row, _, _ in _where(_read(workbook))] == [
        ("invalid-choice", "Item", 3),
        ("malformed-code", "Item", 5),
        ("not-a-number", "Anggaran", 7),
        ("invalid-year", "Anggaran", 10),
        ("invalid-datetime", "Tautan", 2),
    ]


def test_empty_dokumen_sheet(workbook: Path) -> None:
    edit(workbook, "Dokumen", {f"{letter}2": None for letter in "ABCDEFG"})
    assert _where(_read(workbook)) == [("empty", "Dokumen", None, None, "")]


def test_missing_sheet(workbook: Path) -> None:
    book = load_workbook(workbook)
    del book["Item"]
    book.save(workbook)
    problems = _read(workbook)
    assert problems[0].code == "sheet-missing"
    assert problems[0].message() == "Lembar 'Item' tidak ada; lembar yang diharapkan: Dokumen, Item"


def test_missing_required_column(workbook: Path) -> None:
    problems = _read(edit(workbook, "Item", {"E1": "Nama"}))
    assert problems[0].message() == "Kolom wajib 'Uraian' tidak ada"
    assert (problems[0].code, problems[0].sheet) == ("column-missing", "Item")


def test_header_row_not_found(workbook: Path) -> None:
    book = load_workbook(workbook)
    book["Anggaran"].delete_rows(1)
    book.save(workbook)
    assert _where(_read(workbook))[0] == ("header-not-found", "Anggaran", None, None, "")


def test_unsupported_and_unreadable_files(tmp_path: Path) -> None:
    text = tmp_path / "rencana.txt"
    text.write_text("bukan buku kerja")
    assert [problem.code for problem in _read(text)] == ["file-type"]
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"PK bukan zip")
    assert [(problem.code, problem.file) for problem in _read(broken)] == [("xlsx-not-zip", "rusak.xlsx")]


@pytest.mark.parametrize("pagu", ["1.234.567,89", "1,234,567.89", "Rp 1.234.567,89", "1234567.89", 1234567.89])
def test_indonesian_and_english_numbers_read_the_same(workbook: Path, pagu: CellValue) -> None:
    plan, problems = read_workbook(edit(workbook, "Anggaran", {"C10": pagu, "D10": "12,5"}), nomenclature=NOMENCLATURE)
    assert problems == []
    assert plan is not None
    assert plan.items[-1].budgets[0].pagu == Decimal("1234567.89")
    assert plan.items[-1].budgets[0].realisasi == Decimal("12.5")


def test_dropdown_values_are_accepted_in_any_case(workbook: Path) -> None:
    edit(workbook, "Dokumen", {"A2": "renstra", "F2": "FINAL"})
    edit(workbook, "Item", {"C2": "TUJUAN", "C6": "Sub Kegiatan"})
    edit(workbook, "Indikator", {"D2": "Outcome", "F2": " Naik "})
    edit(workbook, "Tautan", {"D2": "CASCADE", "E2": "Suggested"})
    plan, problems = read_workbook(workbook, nomenclature=NOMENCLATURE)
    assert problems == []
    assert plan == rich_plan()
    assert plan is not None
    assert plan.document.status is DocumentStatus.FINAL
    assert plan.items[-1].level is ItemLevel.SUB_KEGIATAN
    assert (plan.items[0].indicators[0].kind, plan.items[0].indicators[0].direction) == (
        IndicatorKind.OUTCOME,
        Direction.NAIK,
    )
    assert (plan.links[0].kind, plan.links[0].origin) == (LinkKind.CASCADE, LinkOrigin.SUGGESTED)


@pytest.mark.parametrize(
    ("kind", "written", "version"), [("kua-ppas", None, "murni"), ("APBD", "Perubahan", "perubahan")]
)
def test_budget_stage_version_defaults_to_murni_in_any_case(
    tmp_path: Path, kind: str, written: str | None, version: str
) -> None:
    path = edit(write_plan(tmp_path / "apbd.xlsx", budget_plan()), "Dokumen", {"A2": kind, "E2": written})
    plan, problems = read_workbook(path, nomenclature=NOMENCLATURE)
    assert problems == [] and plan is not None
    assert (plan.document.kind.value, plan.document.version) == (kind.upper().replace("-", "_"), version)


def test_budget_stage_knows_only_murni_and_perubahan(tmp_path: Path) -> None:
    path = edit(write_plan(tmp_path / "apbd.xlsx", budget_plan()), "Dokumen", {"E2": "final"})
    (problem,) = _read(path)
    assert _where([problem]) == [("invalid-choice", "Dokumen", 2, "Versi", "final")]
    assert problem.message() == "'final' tidak dikenal; pilihan yang sah: murni, perubahan"


def test_blank_optional_cells_take_their_defaults(workbook: Path) -> None:
    edit(workbook, "Dokumen", {"E2": None, "F2": None})
    edit(workbook, "Item", {"H2": None, "H3": None})
    edit(workbook, "Indikator", {"D7": None, "F7": None})
    plan, problems = read_workbook(workbook, nomenclature=NOMENCLATURE)
    assert problems == [] and plan is not None
    assert (plan.document.version, plan.document.status) == ("final", DocumentStatus.DRAFT)
    assert [item.order for item in plan.items[:2]] == [1, 2]  # the row's position among the items
    assert (plan.items[-1].indicators[1].kind, plan.items[-1].indicators[1].direction) == (
        IndicatorKind.OTHER,
        Direction.NAIK,
    )


def _rewrite_csv(
    path: Path, edits: dict[tuple[int, int], str], *, delimiter: str = ",", encoding: str = "utf-8"
) -> None:
    """Change cells of a CSV (row and column 1-based, header = row 1) and save it the way Excel might."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    for (row, column), value in edits.items():
        rows[row - 1][column - 1] = value
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)


def test_csv_problems_name_the_file(tmp_path: Path) -> None:
    folder = write_csv_dir(tmp_path / "renstra", rich_plan())
    _rewrite_csv(folder / "anggaran.csv", {(7, 3): "satu juta"})
    problems = _read(folder)
    assert [(p.code, p.file, p.sheet, p.row, p.column, p.value) for p in problems] == [
        ("not-a-number", "anggaran.csv", None, 7, "Pagu", "satu juta")
    ]


def test_csv_saved_by_an_indonesian_excel_reads_the_same(tmp_path: Path) -> None:
    """Semicolons (the comma is the decimal mark) and Windows-1252 text."""
    folder = write_csv_dir(tmp_path / "renstra", rich_plan())
    for path in folder.iterdir():
        edits = {(2, 7): "Palangka Raya – Kalteng"} if path.name == "item.csv" else {}
        _rewrite_csv(path, edits, delimiter=";", encoding="cp1252")
    plan, problems = read_workbook(folder, nomenclature=NOMENCLATURE)
    assert problems == []
    expected = rich_plan()
    expected.items[0].lokasi = "Palangka Raya – Kalteng"
    assert plan == expected


def test_csv_folder_without_dokumen(tmp_path: Path) -> None:
    folder = write_csv_dir(tmp_path / "renstra", rich_plan())
    (folder / "dokumen.csv").unlink()
    assert _where(_read(folder))[0] == ("sheet-missing", None, None, None, "")


def _patch_part(path: Path, part: str, change: Callable[[str], str]) -> Path:
    """Rewrite one XML part inside the xlsx zip, as a tool that writes its own XML might leave it."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[part] = change(parts[part].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return path


def _sheet_part(path: Path, sheet: str) -> str:
    book = load_workbook(path)
    return f"xl/worksheets/sheet{book.sheetnames.index(sheet) + 1}.xml"


def test_a_dimension_that_declares_too_few_rows_does_not_cut_the_sheet(workbook: Path) -> None:
    """Issue 14 #2: a sheet declaring ``A1:I5`` imported only its first rows; the real extent is read."""
    for sheet in ("Item", "Indikator", "Anggaran"):
        part = _sheet_part(workbook, sheet)
        _patch_part(workbook, part, lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:I2"', xml))
        assert '<dimension ref="A1:I2"' in zipfile.ZipFile(workbook).read(part).decode()
    plan, problems = read_workbook(workbook, nomenclature=NOMENCLATURE)
    assert plan is not None and not problems
    expected = rich_plan()
    assert [item.key for item in plan.items] == [item.key for item in expected.items]
    assert plan.indicator_count() == expected.indicator_count()
    assert plan.pagu_per_year(ItemLevel.PROGRAM) == expected.pagu_per_year(ItemLevel.PROGRAM)


@pytest.mark.parametrize(
    ("sheet", "removed"),
    [
        ("Indikator", "semua indikator"),
        ("Anggaran", "semua pagu"),
        ("Rincian", "semua rincian pagu"),
        ("Tautan", "semua tautan"),
    ],
)
def test_a_missing_data_sheet_is_refused_because_the_import_would_delete_what_it_holds(
    workbook: Path, sheet: str, removed: str
) -> None:
    """Issue 14 #3: a workbook without its Anggaran sheet replaced the document and wiped all pagu."""
    book = load_workbook(workbook)
    headers = ", ".join(next(spec for spec in sheets(None) if spec.name == sheet).headers)  # targets need the period
    del book[sheet]
    book.save(workbook)
    (problem,) = _read(workbook)
    assert (problem.code, problem.sheet, problem.row) == ("sheet-missing-data", None, None)
    assert problem.message() == (
        f"Lembar '{sheet}' tidak ada; tanpa lembar ini {removed} dokumen yang tersimpan akan terhapus. "
        f"Tambahkan lembar itu dengan baris judul kolomnya ({headers}), kosong bila dokumen memang tidak memilikinya"
    )


def test_an_empty_data_sheet_means_none(workbook: Path) -> None:
    book = load_workbook(workbook)
    book["Anggaran"].delete_rows(2, 20)
    book.save(workbook)
    plan, problems = read_workbook(workbook, nomenclature=NOMENCLATURE)
    assert plan is not None and not problems
    assert all(not item.budgets for item in plan.items)


VALUES_THE_DATABASE_CANNOT_HOLD = [
    ("Anggaran", {"C7": 10**20}, ("too-large", "Anggaran", 7, "Pagu", "100000000000000000000")),
    (
        "Anggaran",
        {"C7": "100.000.000.000.000.000.000"},
        ("too-large", "Anggaran", 7, "Pagu", "100.000.000.000.000.000.000"),
    ),
    ("Indikator", {"G2": 1e21}, ("too-large", "Indikator", 2, "Target 2025", "1" + "0" * 21)),
    ("Item", {"H4": 2**31}, ("too-large", "Item", 4, "Urutan", "2147483648")),
    ("Item", {"F4": "1" * 301}, ("too-long", "Item", 4, "Kode PD", "1" * 301)),
    ("Item", {"I6": "Puskesmas " * 31}, ("too-long", "Item", 6, "Sub Unit", ("Puskesmas " * 31).strip())),
    ("Indikator", {"C2": "s" * 121}, ("too-long", "Indikator", 2, "Satuan", "s" * 121)),
    ("Anggaran", {"E7": "DAU " * 51}, ("too-long", "Anggaran", 7, "Sumber Dana", ("DAU " * 51).strip())),
    ("Rincian", {"D2": "5" * 61}, ("too-long", "Rincian", 2, "Kode", "5" * 61)),
    ("Tautan", {"H2": "B" * 121}, ("too-long", "Tautan", 2, "Diputuskan Oleh", "B" * 121)),
    ("Dokumen", {"E2": "v" * 41}, ("too-long", "Dokumen", 2, "Versi", "v" * 41)),
]


@pytest.mark.parametrize(
    ("sheet", "cells", "expected"),
    VALUES_THE_DATABASE_CANNOT_HOLD,
    ids=[f"{case[2][0]}-{case[2][3]}" for case in VALUES_THE_DATABASE_CANNOT_HOLD],
)
def test_values_too_large_for_their_column_are_reported_at_their_cell(
    workbook: Path, sheet: str, cells: dict[str, CellValue], expected: Found
) -> None:
    """Issue 14: on PostgreSQL these ended in a traceback (pagu ≥ 10^20, text longer than its String(n))."""
    assert _where(_read(edit(workbook, sheet, cells))) == [expected]


def test_too_large_and_too_long_say_the_limit(workbook: Path) -> None:
    edit(workbook, "Anggaran", {"C7": 10**20})
    edit(workbook, "Item", {"F4": "1" * 301})  # an item's PD may be a full PD name
    assert [problem.message() for problem in _read(workbook)] == [
        "Teks berisi 301 karakter; yang dapat disimpan paling banyak 300 karakter",
        "Angka '100000000000000000000' terlalu besar untuk disimpan; diharapkan di bawah 100.000.000.000.000.000.000",
    ]


@pytest.mark.parametrize("number", ["inf", "nan", "-inf", "1e400"])
def test_non_finite_numbers_in_the_xml_are_not_numbers(workbook: Path, number: str) -> None:
    """Calamine reads ``<v>inf</v>`` as a float infinity; it used to crash the comparison with zero."""

    def poke(xml: str) -> str:  # the Pagu cell of row 7
        return re.sub(r'(<c r="C7"[^>]*>)<v>[^<]*</v>', rf"\1<v>{number}</v>", xml)

    _patch_part(workbook, _sheet_part(workbook, "Anggaran"), poke)
    [problem] = _read(workbook)
    assert (problem.code, problem.sheet, problem.row, problem.column) == ("not-a-number", "Anggaran", 7, "Pagu")


def test_a_repeated_link_is_reported_at_its_row(workbook: Path) -> None:
    """Two equal Tautan rows broke the link table's uniqueness constraint with a traceback."""
    book = load_workbook(workbook)
    tautan = book["Tautan"]
    tautan.append([cell.value for cell in tautan[2]])
    book.save(workbook)
    [problem] = _read(workbook)
    assert (problem.code, problem.sheet, problem.row, problem.column) == (
        "duplicate-link",
        "Tautan",
        4,
        "Kunci Item Tujuan",
    )
    assert problem.message() == "Tautan ini sama dengan tautan di baris 2; hapus salah satunya"

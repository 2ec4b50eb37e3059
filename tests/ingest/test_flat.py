"""read_flat on small flat lists shaped like SIPD-RI downloads of other years and other offices."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from selaras.domain import Document, DocumentKind, ItemLevel, Period, RincianKind
from selaras.ingest.flat import read_flat
from selaras.ingest.problems import ImportProblem
from selaras.ingest.sections import Section
from selaras.reference.nomenclature import bundled_nomenclature

APBD = Document(DocumentKind.APBD, "81.04", Period(2025, 2025), version="murni")
DINKES = ("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
PUSKESMAS = ("1.02.0.00.0.00.01.0001", "Puskesmas Namlea")
PROGRAM = ("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT")
KEGIATAN = ("1.02.02.2.02", "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota")
SUB = ("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil")
REKAP_HEADER = [
    "NO",
    "TAHUN",
    "KODE SKPD",
    "NAMA SKPD",
    "KODE SUB UNIT",
    "NAMA SUB UNIT",
    "KODE PROGRAM",
    "NAMA PROGRAM",
    "KODE KEGIATAN",
    "NAMA KEGIATAN",
    "KODE SUB KEGIATAN",
    "NAMA SUB KEGIATAN",
    "KODE SUMBER DANA",
    "NAMA SUMBER DANA",
    "KODE REKENING",
    "NAMA REKENING",
    "PAKET/KELOMPOK",
    "NAMA PAKET/KELOMPOK",
    "PAGU",
]
DAU = ("1.2.01.01.01.0001", "DAU")
HONOR = ("5.1.02.02.01.0003", "Belanja Honorarium Narasumber")
MODAL = ("5.2.02.05.01.0005", "Belanja Modal Alat Kedokteran")


def rekap_row(number: int, unit: tuple[str, str], rekening: tuple[str, str], paket: str, pagu: object) -> list[object]:
    return [number, 2025, *DINKES, *unit, *PROGRAM, *KEGIATAN, *SUB, *DAU, *rekening, paket, f"Paket {paket}", pagu]


def write(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def read(path: Path) -> tuple[list[Section], list[ImportProblem]]:
    return read_flat(path, document=APBD, nomenclature=bundled_nomenclature(), jenis="kabupaten_kota")


def test_paket_rows_of_one_sub_kegiatan_add_up_with_their_decimals_exact(tmp_path: Path) -> None:
    path = write(
        tmp_path / "rekap-2025.xlsx",
        [
            ["Rekap APBD Tahun 2025"],
            [],
            REKAP_HEADER,
            rekap_row(1, DINKES, HONOR, "P1", "1.000.000,21"),
            rekap_row(2, DINKES, HONOR, "P2", 2500000.2),
            rekap_row(3, DINKES, MODAL, "P3", "891.408.158.910,42"),
        ],
    )
    [section], problems = read(path)
    assert [problem.code for problem in problems if problem.severity.value == "galat"] == []
    item = section.plan.item(SUB[0])
    assert item.pagu(2025) == Decimal("891411658910.83")
    rekening = {line.kode: line.pagu for line in item.rincian if line.kind is RincianKind.REKENING}
    assert rekening == {HONOR[0]: Decimal("3500000.41"), MODAL[0]: Decimal("891408158910.42")}
    assert section.plan.item(PROGRAM[0]).pagu(2025) == item.pagu(2025)  # rolled up
    assert section.skpd is not None and section.skpd.nama == "Dinas Kesehatan"


def test_standar_harga_columns_are_ignored_and_sub_units_keep_their_own_items(tmp_path: Path) -> None:
    header = [*REKAP_HEADER[:-3], "KODE STANDAR HARGA", "NAMA STANDAR HARGA", "PAGU"]
    path = write(
        tmp_path / "rekap-ssh.xlsx",
        [
            header,
            rekap_row(1, DINKES, HONOR, "1.1.7.01.01.01.001", 100),
            rekap_row(2, PUSKESMAS, HONOR, "1.1.7.01.01.01.001", 200),
            rekap_row(3, PUSKESMAS, HONOR, "1.1.7.01.01.01.002", 300),
        ],
    )
    [section], problems = read(path)
    assert not [problem for problem in problems if problem.severity.value == "galat"]
    own, puskesmas = section.plan.item(SUB[0]), section.plan.item(f"{PUSKESMAS[0]}/{SUB[0]}")
    assert (own.unit, own.pagu(2025)) == ("", Decimal(100))
    assert (puskesmas.unit, puskesmas.pagu(2025)) == ("Puskesmas Namlea", Decimal(500))
    assert puskesmas.parent == f"{PUSKESMAS[0]}/{KEGIATAN[0]}"
    assert section.plan.level_counts() == {"program": 2, "kegiatan": 2, "sub_kegiatan": 2}


def test_a_list_without_breakdown_columns_refuses_a_repeated_sub_kegiatan_of_one_unit(tmp_path: Path) -> None:
    header = ["Kode", "Sub Kegiatan", "Nilai", "Kode SKPD", "Nama SKPD"]
    path = write(
        tmp_path / "daftar.xlsx",
        [
            header,
            [SUB[0], SUB[1], 0, *DINKES],
            ["2.10.03.7.01.0001", "Sub kegiatan kekhususan", 0, *DINKES],  # kegiatan digit 7 is valid
            [SUB[0], SUB[1], 0, *DINKES],
        ],
    )
    _, problems = read(path)
    [duplicate] = [problem for problem in problems if problem.severity.value == "galat"]
    assert (duplicate.code, duplicate.row, duplicate.column) == ("duplicate", 4, "Kode")
    assert duplicate.params["first_row"] == "2"


def test_parents_come_from_the_code_and_are_named_from_the_nomenclature(tmp_path: Path) -> None:
    path = write(
        tmp_path / "daftar.xlsx",
        [["Kode", "Sub Kegiatan", "Nilai", "Kode SKPD", "Nama SKPD"], [SUB[0], SUB[1], "1.500", *DINKES]],
    )
    [section], _ = read(path)
    levels = [(item.level, item.key, item.parent) for item in section.plan.items]
    assert levels == [
        (ItemLevel.PROGRAM, PROGRAM[0], None),
        (ItemLevel.KEGIATAN, KEGIATAN[0], PROGRAM[0]),
        (ItemLevel.SUB_KEGIATAN, SUB[0], KEGIATAN[0]),
    ]
    assert section.plan.item(PROGRAM[0]).text.upper().startswith("PROGRAM PEMENUHAN UPAYA KESEHATAN")
    assert section.plan.pagu_per_year(ItemLevel.PROGRAM) == {2025: Decimal(1500)}


def test_a_row_of_another_year_and_a_contradicting_program_code_are_located(tmp_path: Path) -> None:
    other_year = rekap_row(1, DINKES, HONOR, "P1", 100)
    other_year[1] = 2024
    wrong_program = rekap_row(2, DINKES, HONOR, "P2", 100)
    wrong_program[6] = "1.02.03"
    path = write(tmp_path / "rekap.xlsx", [REKAP_HEADER, other_year, wrong_program])
    _, problems = read(path)
    assert {(problem.code, problem.row, problem.column) for problem in problems} == {
        ("invalid-year", 2, "TAHUN"),
        ("code-orphan", 3, "KODE PROGRAM"),
    }


def test_a_semicolon_csv_rekap_with_indonesian_numbers_reads_the_same(tmp_path: Path) -> None:
    rows = [REKAP_HEADER, rekap_row(1, DINKES, HONOR, "P1", "1.000.000,50")]
    path = tmp_path / "rekap.csv"
    path.write_text("\n".join(";".join(str(cell) for cell in row) for row in rows), encoding="utf-8")
    [section], problems = read(path)
    assert not [problem for problem in problems if problem.severity.value == "galat"]
    assert section.plan.item(SUB[0]).pagu(2025) == Decimal("1000000.50")

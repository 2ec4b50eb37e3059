"""read_flat on small flat lists shaped like SIPD-RI downloads of other years and other offices, and on Renja/RKPD
lists with indicators and one pagu column per stage, as planning applications export them (the real PPU export)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from sipd_builders import write_xlsx

from selaras.domain import Document, DocumentKind, IndicatorKind, Item, ItemLevel, Period, RincianKind
from selaras.ingest.flat import read_flat
from selaras.ingest.problems import ImportProblem
from selaras.ingest.sections import Section
from selaras.ingest.service import ImportRequest, import_file
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.store import Database
from selaras.store.plans import load_plan

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


def read(path: Path) -> tuple[list[Section], list[ImportProblem]]:
    return read_flat(path, document=APBD, nomenclature=bundled_nomenclature(), jenis="kabupaten_kota")


def test_paket_rows_of_one_sub_kegiatan_add_up_with_their_decimals_exact(tmp_path: Path) -> None:
    path = write_xlsx(
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
    path = write_xlsx(
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
    path = write_xlsx(
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
    path = write_xlsx(
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
    path = write_xlsx(tmp_path / "rekap.xlsx", [REKAP_HEADER, other_year, wrong_program])
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


# --- Renja / RKPD lists with indicators and one pagu column per stage ----------------------------------------------

RENJA = Document(DocumentKind.RENJA, "64.09", Period(2024, 2024))
PPU = Path(__file__).parent.parent / "data" / "sipd" / "renja-ppu-2024" / "renja_sub_kegiatan.csv"
STAGE_HEADER = [
    "kode_program",
    "kode_kegiatan",
    "kode_sub_kegiatan",
    "nama_sub_kegiatan",
    "indikator_sub_kegiatan",
    "pagu_rkpd",
    "pagu_apbd",
    "pagu_rkpd_perubahan",
    "target_sebelum",
    "target_sesudah",
    "jml_target_sebelum",
    "satuan_target_sebelum",
    "sumber_dana",
]
STAGE_ROWS = [
    ["5.01.01", "5.01.01.2.01", "5.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "Jumlah Dokumen Perencanaan Perangkat Daerah ", "1.000.000", "29400000", "23330000", "14 Dokumen", "15 Dokumen",
     "14", "Dokumen", "DAU"],
    ["5.01.02", "5.01.02.2.01", "5.01.02.2.01.0003", "Koordinasi Penyelenggaraan Konsultasi Publik",
     "Jumlah Berita Acara Konsultasi Publik", "100000000", "85640620", "85640620", "1 Berita Acara", "1 Berita Acara",
     "1", "Berita", "DAU"],
    ["5.01.02", "5.01.02.2.02", "5.01.02.2.02.0001", "Analisis Data untuk Penyusunan Kebijakan Perencanaan",
     "Persentase data terverifikasi", "241212350,5", "285806922", "320591922", "1.234,5 %", "99,5 %",
     "1234", "%", "DAU"],
]  # fmt: skip


def write_csv(path: Path, rows: list[list[object]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def read_as(path: Path, document: Document) -> tuple[list[Section], list[ImportProblem]]:
    return read_flat(path, document=document, nomenclature=bundled_nomenclature(), jenis="kabupaten_kota")


def sub_kegiatan(section: Section) -> list[Item]:
    return [item for item in section.plan.items if item.level is ItemLevel.SUB_KEGIATAN]


def test_a_renja_list_reads_the_rkpd_pagu_and_the_indicator_with_its_target_split_from_the_cell(
    tmp_path: Path,
) -> None:
    [section], problems = read_as(write_csv(tmp_path / "renja.csv", [STAGE_HEADER, *STAGE_ROWS]), RENJA)
    subs = sub_kegiatan(section)
    assert [item.pagu(2024) for item in subs] == [Decimal(1000000), Decimal(100000000), Decimal("241212350.5")]
    assert section.plan.item("5.01.02").pagu(2024) == Decimal("341212350.5")  # rolled up from the stage's pagu
    indicators = [(found.name, found.satuan, found.kind, found.targets) for item in subs for found in item.indicators]
    assert indicators == [
        ("Jumlah Dokumen Perencanaan Perangkat Daerah", "Dokumen", IndicatorKind.OUTPUT, {2024: Decimal(14)}),
        # the cell as typed, not satuan_target_sebelum 'Berita': the application splits it at the first space
        ("Jumlah Berita Acara Konsultasi Publik", "Berita Acara", IndicatorKind.OUTPUT, {2024: Decimal(1)}),
        ("Persentase data terverifikasi", "%", IndicatorKind.OUTPUT, {2024: Decimal("1234.5")}),
    ]
    assert [(problem.code, problem.severity.value, problem.row) for problem in problems] == [
        ("columns-chosen", "peringatan", 1)
    ]
    message = problems[0].message()
    assert "untuk RENJA final dibaca pagu 'pagu_rkpd' dan target 'target_sebelum';" in message
    assert "tidak dibaca: 'pagu_apbd', 'pagu_rkpd_perubahan', 'target_sesudah', 'jml_target_sebelum'." in message


def test_each_stage_reads_its_own_pagu_and_target_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "renja.csv", [STAGE_HEADER, *STAGE_ROWS])
    perubahan = Document(DocumentKind.RENJA, "64.09", Period(2024, 2024), version="perubahan")
    apbd = Document(DocumentKind.APBD, "64.09", Period(2024, 2024), version="murni")
    [changed], _ = read_as(path, perubahan)
    [budget], _ = read_as(path, apbd)
    assert [item.pagu(2024) for item in sub_kegiatan(changed)] == [23330000, 85640620, 320591922]
    assert [item.indicators[0].targets[2024] for item in sub_kegiatan(changed)] == [15, 1, Decimal("99.5")]
    assert [item.pagu(2024) for item in sub_kegiatan(budget)] == [29400000, 85640620, 285806922]

    without = [[cell for position, cell in enumerate(row) if position != 7] for row in [STAGE_HEADER, *STAGE_ROWS]]
    [section], problems = read_as(write_csv(tmp_path / "tanpa-perubahan.csv", without), perubahan)
    assert [item.pagu(2024) for item in sub_kegiatan(section)] == [1000000, 100000000, Decimal("241212350.5")]
    assert "dibaca pagu 'pagu_rkpd' dan target 'target_sesudah'" in problems[0].message()


def test_separate_target_and_satuan_columns_with_indonesian_numbers_and_a_single_pagu(tmp_path: Path) -> None:
    header = ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode SKPD", "Nama SKPD", "Indikator", "Target", "Satuan"]
    rows = [[SUB[0], SUB[1], *DINKES, "Jumlah ibu hamil dilayani", "1.234,5", "Orang", "1.500.000"]]
    [section], problems = read_as(write_csv(tmp_path / "rkpd.csv", [[*header, "Pagu"], *rows], ";"), RENJA)
    [item] = sub_kegiatan(section)
    assert problems == []  # one generic pagu column: read as always, nothing to say
    assert item.pagu(2024) == Decimal(1500000)
    assert [(found.name, found.satuan, found.targets) for found in item.indicators] == [
        ("Jumlah ibu hamil dilayani", "Orang", {2024: Decimal("1234.5")})
    ]


@pytest.mark.parametrize("placeholder", ["0", "-", "undefined"])
def test_an_indicator_cell_that_names_no_indicator_is_skipped_with_a_warning(tmp_path: Path, placeholder: str) -> None:
    header = ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode SKPD", "Nama SKPD", "Indikator", "Target", "Pagu"]
    rows = [[SUB[0], SUB[1], *DINKES, placeholder, "0 0", "75.000.000"]]
    [section], problems = read_as(write_csv(tmp_path / "kua.csv", [header, *rows], ";"), RENJA)
    [item] = sub_kegiatan(section)
    assert item.indicators == [] and item.pagu(2024) == Decimal(75000000)
    assert [(problem.code, problem.severity.value, problem.value) for problem in problems] == [
        ("empty-marker", "peringatan", placeholder)
    ]


def test_a_sub_kegiatan_repeated_for_a_second_indicator_keeps_both_and_its_pagu_once(tmp_path: Path) -> None:
    first, second = list(STAGE_ROWS[0]), list(STAGE_ROWS[0])
    second[4], second[8] = "Persentase dokumen tepat waktu", "100 %"
    [section], problems = read_as(write_csv(tmp_path / "renja.csv", [STAGE_HEADER, first, second]), RENJA)
    [item] = sub_kegiatan(section)
    assert [problem.code for problem in problems] == ["columns-chosen"]
    assert item.pagu(2024) == Decimal(1000000)  # the repeated pagu is not added again
    assert [(found.name, found.satuan, found.targets[2024]) for found in item.indicators] == [
        ("Jumlah Dokumen Perencanaan Perangkat Daerah", "Dokumen", Decimal(14)),
        ("Persentase dokumen tepat waktu", "%", Decimal(100)),
    ]
    assert [line.pagu for line in item.rincian] == [Decimal(1000000)]

    blank = list(second)
    blank[5] = ""  # a repeated row may leave the pagu blank
    [section], problems = read_as(write_csv(tmp_path / "kosong.csv", [STAGE_HEADER, first, blank]), RENJA)
    assert [problem.code for problem in problems] == ["columns-chosen"]
    assert [len(item.indicators) for item in sub_kegiatan(section)] == [2]
    assert sub_kegiatan(section)[0].pagu(2024) == Decimal(1000000)


def test_a_repeated_sub_kegiatan_with_another_pagu_or_the_same_indicator_is_refused_at_its_cell(
    tmp_path: Path,
) -> None:
    first, other_pagu, same = list(STAGE_ROWS[0]), list(STAGE_ROWS[0]), list(STAGE_ROWS[0])
    other_pagu[4], other_pagu[5] = "Persentase dokumen tepat waktu", "2.000.000"
    _, problems = read_as(write_csv(tmp_path / "renja.csv", [STAGE_HEADER, first, other_pagu, same]), RENJA)
    galat = [problem for problem in problems if problem.severity.value == "galat"]
    assert [(problem.code, problem.row, problem.column, problem.value) for problem in galat] == [
        ("pagu-conflict", 3, "pagu_rkpd", "2.000.000"),
        ("duplicate", 4, "kode_sub_kegiatan", "5.01.01.2.01.0001"),
    ]
    assert (
        galat[0].message().startswith("Pagu 2.000.000 berbeda dari pagu 1.000.000 sub kegiatan yang sama di baris 2;")
    )


def test_a_target_that_is_no_number_is_a_galat_at_its_cell(tmp_path: Path) -> None:
    bad, nameless = list(STAGE_ROWS[0]), list(STAGE_ROWS[1])
    bad[8] = "empat belas Dokumen"
    nameless[4] = ""
    _, problems = read_as(write_csv(tmp_path / "renja.csv", [STAGE_HEADER, bad, nameless]), RENJA)
    galat = [problem for problem in problems if problem.severity.value == "galat"]
    assert [(problem.code, problem.row, problem.column, problem.value) for problem in galat] == [
        ("not-a-number", 2, "target_sebelum", "empat belas Dokumen"),
        ("required", 3, "indikator_sub_kegiatan", ""),
    ]
    assert galat[0].message().startswith("'empat belas Dokumen' bukan angka;")


def test_the_real_ppu_renja_export_imports_with_its_rkpd_pagu_and_every_indicator(database: Database) -> None:
    with PPU.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    pagu_rkpd = sum((Decimal(row["pagu_rkpd"]) for row in rows), Decimal(0))
    named = [row for row in rows if row["indikator_sub_kegiatan"].strip()]
    request = ImportRequest(PPU, "64.09", DocumentKind.RENJA, Period(2024, 2024), pd="Bappelitbang", create_pd=True)
    result = import_file(database, request, nomenclature=bundled_nomenclature())
    assert [problem.code for problem in result.warnings] == ["columns-chosen", "columns-unread"]
    [stored] = result.documents
    with database.session() as session:
        plan = load_plan(session, stored.document_key)
    assert plan.level_counts() == {"program": 4, "kegiatan": 15, "sub_kegiatan": 45}
    assert plan.pagu_per_year(ItemLevel.SUB_KEGIATAN) == {2024: pagu_rkpd}
    assert plan.pagu_per_year(ItemLevel.PROGRAM) == {2024: pagu_rkpd}
    assert plan.indicator_count() == len(named) == 45
    item = plan.item("5.01.02.2.01.0003")
    assert [(found.name, found.satuan, found.targets) for found in item.indicators] == [
        ("Jumlah Berita Acara Konsultasi Publik", "Berita Acara", {2024: Decimal(1)})
    ]


def test_an_indicator_repeated_on_each_sumber_dana_row_is_one_indicator_and_must_keep_its_target(
    tmp_path: Path,
) -> None:
    header = ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode SKPD", "Nama SKPD", "Sumber Dana"]
    header += ["Indikator", "Target", "Pagu"]
    dau = [SUB[0], SUB[1], *DINKES, "DAU", "Jumlah ibu hamil dilayani", "120 Orang", "1.000.000"]
    dak = [SUB[0], SUB[1], *DINKES, "DAK Fisik", "Jumlah ibu hamil dilayani", "120 Orang", "500.000"]
    [section], problems = read_as(write_csv(tmp_path / "rkpd.csv", [header, dau, dak]), RENJA)
    [item] = sub_kegiatan(section)
    assert problems == []
    assert item.pagu(2024) == Decimal(1500000)  # two sumber dana lines of one sub kegiatan add up
    assert {line.nama: line.pagu for line in item.rincian} == {"DAU": Decimal(1000000), "DAK Fisik": Decimal(500000)}
    assert [(found.name, found.satuan, found.targets) for found in item.indicators] == [
        ("Jumlah ibu hamil dilayani", "Orang", {2024: Decimal(120)})
    ]

    dak[6] = "100 Orang"
    _, problems = read_as(write_csv(tmp_path / "beda.csv", [header, dau, dak]), RENJA)
    assert [(problem.code, problem.row, problem.column, problem.value) for problem in problems] == [
        ("indicator-conflict", 3, "Target", "100 Orang")
    ]
    message = problems[0].message()
    assert message.startswith(
        "Indikator 'Jumlah ibu hamil dilayani' sudah tercatat di baris 2 dengan target 120 Orang;"
    )


def test_a_pagu_excel_wrote_in_scientific_notation_says_digits_were_lost(tmp_path: Path) -> None:
    header = ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode SKPD", "Nama SKPD", "Pagu"]
    rows = [[SUB[0], SUB[1], *DINKES, "8.66035E+11"], [SUB[0][:-1] + "2", SUB[1], *DINKES, "tiga juta"]]
    _, problems = read_as(write_csv(tmp_path / "rekap.csv", [header, *rows]), RENJA)
    scientific, words = problems
    assert (scientific.code, words.code) == ("not-a-number", "not-a-number")  # one code for scripts, ...
    assert "notasi ilmiah" in scientific.message() and "digit belakangnya" in scientific.message()  # ... the cause told
    assert words.message().startswith("'tiga juta' bukan angka")

"""Real exports as planners pass them on after touching them: a code that kept Excel's text apostrophe, a
"Jumlah" row typed under a flat list, pagu written ``Rp 1.234.567,-``. Each must read as the untouched file does."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from sipd_builders import write_xlsx

from selaras.domain import Document, DocumentKind, ItemLevel, Period, Plan
from selaras.ingest.flat import read_flat
from selaras.ingest.problems import ImportProblem
from selaras.ingest.realisasi_tables import read_realisasi_table
from selaras.ingest.sipd import read_sipd
from selaras.numbers import format_rupiah
from selaras.reference.nomenclature import bundled_nomenclature

APBD = Document(DocumentKind.APBD, "81.04", Period(2024, 2024), version="murni")
DINKES = ["1.02.0.00.0.00.01.0000", "Dinas Kesehatan"]
REKAP_HEADER = [
    "NO",
    "TAHUN",
    "KODE SKPD",
    "NAMA SKPD",
    "KODE PROGRAM",
    "NAMA PROGRAM",
    "KODE KEGIATAN",
    "NAMA KEGIATAN",
    "KODE SUB KEGIATAN",
    "NAMA SUB KEGIATAN",
    "PAGU",
]
PROGRAM = ["1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT"]
KEGIATAN = ["1.02.02.2.02", "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota"]
SUBS = [
    ["1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", 150000000],
    ["1.02.02.2.02.0002", "Pengelolaan Pelayanan Kesehatan Ibu Bersalin", 250000000],
]


def rekap_rows(code: str = "{}") -> list[list[object]]:
    """A two-row Rekap; ``code`` writes each code cell (``"'{}"`` keeps the text apostrophe)."""
    rows: list[list[object]] = []
    for number, (sub, name, pagu) in enumerate(SUBS, start=1):
        codes = [code.format(PROGRAM[0]), PROGRAM[1], code.format(KEGIATAN[0]), KEGIATAN[1], code.format(sub), name]
        rows.append([number, 2024, code.format(DINKES[0]), DINKES[1], *codes, pagu])
    return rows


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


def flat(path: Path) -> tuple[list[Plan], list[ImportProblem]]:
    sections, problems = read_flat(path, document=APBD, nomenclature=bundled_nomenclature(), jenis="kabupaten_kota")
    return [section.plan for section in sections], problems


def hierarchical(path: Path) -> tuple[list[Plan], list[ImportProblem]]:
    sections, problems = read_sipd(path, document=APBD, nomenclature=bundled_nomenclature(), jenis="kabupaten_kota")
    return [section.plan for section in sections], problems


def shape(plans: list[Plan]) -> list[tuple[str, ItemLevel, str, Decimal | None]]:
    return [
        (item.key, item.level, item.text, item.budgets[0].pagu if item.budgets else None)
        for plan in plans
        for item in plan.items
    ]


def test_codes_that_kept_the_text_apostrophe_read_as_the_codes(tmp_path: Path) -> None:
    plain = flat(write_csv(tmp_path / "rekap.csv", [REKAP_HEADER, *rekap_rows()]))
    marked = flat(write_csv(tmp_path / "rekap-apostrof.csv", [REKAP_HEADER, *rekap_rows("'{}")]))
    assert plain[1] == [] and marked[1] == []
    assert shape(marked[0]) == shape(plain[0])
    assert [item.key for item in marked[0][0].items] == ["1.02.02", "1.02.02.2.02", *(sub[0] for sub in SUBS)]

    table = [["Kode", "Uraian", "Pagu Indikatif"], ["'1.02.02", PROGRAM[1], None], ["'1.02.02.2.02", KEGIATAN[1], None]]
    table += [[f"'{sub}", name, pagu] for sub, name, pagu in SUBS]
    plans, problems = hierarchical(write_xlsx(tmp_path / "tabel.xlsx", table))
    assert problems == []
    assert [(item.key, item.budgets[0].pagu) for item in plans[0].items] == [
        ("1.02.02", Decimal(400000000)),
        ("1.02.02.2.02", Decimal(400000000)),
        ("1.02.02.2.02.0001", Decimal(150000000)),
        ("1.02.02.2.02.0002", Decimal(250000000)),
    ]


def test_a_jumlah_row_under_a_flat_list_is_a_total_not_an_item(tmp_path: Path) -> None:
    plain = flat(write_xlsx(tmp_path / "rekap.xlsx", [REKAP_HEADER, *rekap_rows()]))
    total = ["JUMLAH", *[None] * (len(REKAP_HEADER) - 2), sum(sub[2] for sub in SUBS)]
    subtotal = [None, None, None, None, None, None, None, "Total Dinas Kesehatan", None, None, 400000000]
    with_totals = flat(write_xlsx(tmp_path / "rekap-jumlah.xlsx", [REKAP_HEADER, *rekap_rows(), subtotal, [], total]))
    assert plain[1] == [] and with_totals[1] == []
    assert shape(with_totals[0]) == shape(plain[0])

    daftar = [["Kode", "Sub Kegiatan", "Nilai", "Kode SKPD", "Nama SKPD"]]
    daftar += [[sub, name, pagu, *DINKES] for sub, name, pagu in SUBS] + [["Jumlah", None, 400000000]]
    plans, problems = flat(write_xlsx(tmp_path / "daftar.xlsx", daftar))
    assert problems == []
    assert [item.code for item in plans[0].items if item.level is ItemLevel.SUB_KEGIATAN] == [s[0] for s in SUBS]


def test_a_row_with_a_code_is_never_taken_for_a_total(tmp_path: Path) -> None:
    rows = rekap_rows()
    rows[1][0] = "Jumlah"  # a NO cell overwritten by mistake: the row has its codes, so it is a sub kegiatan
    plans, problems = flat(write_xlsx(tmp_path / "rekap.xlsx", [REKAP_HEADER, *rows]))
    assert problems == []
    assert [item.code for item in plans[0].items][-1] == SUBS[1][0]


def test_a_jumlah_row_in_a_realisasi_export_is_skipped(tmp_path: Path) -> None:
    header = ["kode_sub_kegiatan", "indikator_sub_kegiatan", "jml_realisasi_tw1", "nilai_realisasi_tw1"]
    rows = [header, [SUBS[0][0], "Jumlah ibu hamil dilayani", "12", "1.500.000"], ["Jumlah", None, None, "1.500.000"]]
    table = read_realisasi_table(write_csv(tmp_path / "realisasi.csv", rows))
    assert table.problems == []
    assert [(figure.code, figure.measure, figure.value) for figure in table.figures] == [
        (SUBS[0][0], "kinerja", Decimal(12)),
        (SUBS[0][0], "anggaran", Decimal(1500000)),
    ]


def test_pagu_written_as_whole_rupiah_with_a_closing_dash(tmp_path: Path) -> None:
    table = [["Kode", "Uraian", "Pagu Indikatif (Rp)"], [PROGRAM[0], PROGRAM[1], "Rp 400.000.000,-"]]
    table += [[KEGIATAN[0], KEGIATAN[1], "Rp 400.000.000,-"]]
    table += [[sub, name, f"{format_rupiah(pagu)},-"] for sub, name, pagu in SUBS]  # "Rp 150.000.000,-"
    plans, problems = hierarchical(write_csv(tmp_path / "tabel.csv", table))
    assert problems == []
    assert [(item.key, item.budgets[0].pagu) for item in plans[0].items] == [
        (PROGRAM[0], Decimal(400000000)),
        (KEGIATAN[0], Decimal(400000000)),
        *((sub, Decimal(pagu)) for sub, _, pagu in SUBS),
    ]


def test_an_unknown_code_is_reported_as_the_code_read_not_the_cell_with_its_apostrophe(tmp_path: Path) -> None:
    # the import asks older nomenclature lists about the warning's value: "'1.02…" was never found in them
    table = [["Kode", "Uraian"], ["'1.02.02", PROGRAM[1]], ["'1.02.02.2.02", KEGIATAN[1]]]
    table += [["'1.02.02.2.02.0099", "Sub kegiatan yang lebih baru"]]
    _, problems = hierarchical(write_xlsx(tmp_path / "tabel.xlsx", table))
    assert [(problem.code, problem.row, problem.value) for problem in problems] == [
        ("unknown-code", 4, "1.02.02.2.02.0099")
    ]


def test_a_renja_application_export_says_which_stage_columns_it_read_and_which_it_did_not(tmp_path: Path) -> None:
    header = ["kode_program", "kode_kegiatan", "kode_sub_kegiatan", "nama_sub_kegiatan", "indikator_sub_kegiatan"]
    header += ["pagu_rkpd", "pagu_apbd", "target_sesudah", "pagu_n1", "lokasi"]
    rows = [
        [PROGRAM[0], KEGIATAN[0], sub, name, "Jumlah ibu hamil", pagu, pagu + 1, "100 Orang", 1, "Namlea"]
        for sub, name, pagu in SUBS
    ]
    plans, problems = flat(write_csv(tmp_path / "renja_sub_kegiatan.csv", [header, *rows]))  # an APBD murni
    subs = [item for item in plans[0].items if item.level is ItemLevel.SUB_KEGIATAN]
    assert [item.pagu(2024) for item in subs] == [Decimal(pagu + 1) for _, _, pagu in SUBS]  # pagu_apbd
    assert [[(found.name, found.targets) for found in item.indicators] for item in subs] == [
        [("Jumlah ibu hamil", {})]
    ] * 2  # target_sesudah is the target after the change: an APBD murni has none here
    assert [(problem.code, problem.severity.value, problem.row) for problem in problems] == [
        ("columns-chosen", "peringatan", 1),
        ("columns-unread", "peringatan", 1),
    ]
    assert (
        "untuk APBD murni dibaca pagu 'pagu_apbd' dan target -; tidak dibaca: 'pagu_rkpd', 'target_sesudah'."
        in problems[0].message()
    )
    assert problems[1].message().startswith("1 kolom judul tidak dibaca: 'pagu_n1';")


def test_a_rekap_whose_sub_kegiatan_code_header_is_not_recognised_is_refused_not_read_as_kegiatan(
    tmp_path: Path,
) -> None:
    header = [label.replace("KODE SUB KEGIATAN", "KODE SUB KEG.") for label in REKAP_HEADER]
    plans, problems = flat(write_xlsx(tmp_path / "rekap.xlsx", [header, *rekap_rows()]))
    assert plans == []
    assert [(problem.code, problem.severity.value, problem.sheet) for problem in problems] == [
        ("column-not-recognised", "galat", "Tabel")
    ]
    message = problems[0].message()
    assert message.startswith("Kolom wajib 'Kode Sub Kegiatan' tidak dikenali pada baris judul 1.")
    assert "'KODE KEGIATAN'" in message and "'Kode Subkegiatan'" in message


def test_a_rekap_whose_pagu_header_is_not_recognised_says_so(tmp_path: Path) -> None:
    header = [label.replace("PAGU", "NILAI RINCIAN (Rp)") for label in REKAP_HEADER]
    plans, problems = flat(write_xlsx(tmp_path / "rekap.xlsx", [header, *rekap_rows()]))
    assert [item.budgets for item in plans[0].items] == [[]] * 4
    assert [problem.code for problem in problems] == ["columns-unread"]
    assert problems[0].message().startswith("1 kolom judul tidak dibaca: 'NILAI RINCIAN (Rp)';")

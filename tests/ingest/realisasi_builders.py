"""Realisasi files for tests: the Permendagri 86/2017 evaluation table and the Selaras Realisasi sheet, both for
the real PPU Renja 2024 (see ``tests/data/realisasi/SOURCE.md``)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from selaras.workbook.schema import REALISASI_SHEET

EVALUASI_ROWS: list[list[object]] = [
    ["5", "PERENCANAAN", None, None, None, None, None, *[None] * 8],
    ["5.01", "PERENCANAAN", None, None, None, None, None, *[None] * 8],
    [
        "5.01.02",
        "PROGRAM KOORDINASI DAN SINKRONISASI PERENCANAAN PEMBANGUNAN DAERAH",
        "Persentase Kesesuaian Program RPJMD dengan RKPD",
        "100%",
        "100%",
        "100%",
        3507014611,
        *(None, 400000000, None, 900000000, None, 800000000, None, None),
    ],
    [
        "5.01.02.2.01.0001",
        "Analisis Kondisi Daerah, Permasalahan, dan Isu Strategis Pembangunan Daerah",
        "Jumlah Dokumen Rancangan Awal RPJMD/RKPD",
        "2 Dokumen",
        "2 Dokumen",
        "2 Dokumen",
        883059714,
        *("0", "Rp 100.000.000", "1 Dokumen", "Rp 300.000.000", "1", "250.000.000", None, None),
    ],
    [
        "5.01.02.2.01.0006",
        "Penyiapan Bahan Koordinasi Musrenbang Kecamatan",
        "Jumlah Usulan yang Terverifikasi oleh Kecamatan",
        "40 Usulan",
        "40 Usulan",
        "40 Usulan",
        16323306,
        *(10, 1000000, 25, 9000000, 5, 4000000, None, None),
    ],
    [None, "Jumlah", None, None, None, None, 899383020, *[None] * 8],
]
"""Rows of the table after its numbering row: headings (urusan, bidang), a program, two sub kegiatan, a total."""


def build_evaluasi(path: Path, rows: list[list[object]] | None = None) -> Path:
    """The evaluation table as Bappeda forms print it: two title rows, a three-row merged header, a numbering row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "T-C.30"
    sheet.append(["EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN PENAJAM PASER UTARA"])
    sheet.append(["Renja Bappelitbang Tahun 2024, periode pelaksanaan s.d. Triwulan III"])
    sheet.append([])
    group = [
        "Kode",
        "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
        "Indikator Kinerja Program (outcomes)/Kegiatan (output)",
        "Target Kinerja Capaian Program (Renstra Perangkat Daerah) Tahun 2026",
        "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s.d. Renja Perangkat Daerah Tahun Lalu",
        "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan yang Dievaluasi",
        None,
        "Realisasi Kinerja Pada Triwulan",
        *[None] * 7,
    ]
    sheet.append(group)
    sheet.append([None] * 7 + ["I", None, "II", None, "III", None, "IV", None])
    sheet.append([None] * 5 + ["K", "Rp"] + ["K", "Rp"] * 4)
    sheet.append(list(range(1, 16)))
    for row in EVALUASI_ROWS if rows is None else rows:
        sheet.append(row)
    book.save(path)
    return path


def build_realisasi_sheet(path: Path, rows: list[list[object]]) -> Path:
    """A workbook with the Selaras Realisasi sheet, headers from the schema."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = REALISASI_SHEET.name
    sheet.append(REALISASI_SHEET.headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path

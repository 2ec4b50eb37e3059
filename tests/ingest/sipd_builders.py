"""Builders that turn the real source CSVs under tests/data into SIPD-style tables the way planners receive them.

The Situbondo Renstra becomes a two-sheet workbook (a cover sheet, then the table) with title rows, a two-row
header where Target and Pagu Indikatif are merged over 2026-2030, a numbering row, urusan/bidang heading rows,
programs with several indicators continuing on the rows below, sub-total rows, codes partly stored as numbers
or with stray spaces, and pagu partly written as Indonesian text. The PPU Renja becomes a one-header-row table
with "14 Dokumen" targets, as .xlsx or as a ``;``-separated CSV with Indonesian numbers.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from selaras.numbers import format_number, format_rupiah

DATA = Path(__file__).parent.parent / "data"
SITUBONDO = DATA / "situbondo"
RENJA_PPU = DATA / "sipd" / "renja-ppu-2024"
YEARS = range(2026, 2031)

Cells = Sequence[object]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_xlsx(path: Path, rows: Sequence[Cells], *, merged: Sequence[str] = (), title: str = "Tabel") -> Path:
    """A one-sheet workbook of ``rows`` (None for an empty cell), with the given ranges merged."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for cell_range in merged:
        sheet.merge_cells(cell_range)
    book.save(path)
    return path


# --- Renstra BAPPERIDA Situbondo ---------------------------------------------------------------------------------

RENSTRA_HEADER_TOP = [
    "Kode",
    "Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan",
    "Indikator Kinerja Program (Outcome)/Kegiatan (Output)",
    "Satuan",
    "Kondisi Awal",
    "Target",
    *[None] * 4,
    "Pagu Indikatif",
    *[None] * 4,
    "Perangkat Daerah Penanggung Jawab",
    "Lokasi",
]
RENSTRA_HEADER_YEARS = [*[None] * 5, *YEARS, *(f"Tahun {year}" for year in YEARS), None, None]
RENSTRA_MERGED = [*(f"{col}6:{col}7" for col in "ABCDEPQ"), "F6:J6", "K6:O6"]
RENSTRA_FIRST_DATA_ROW = 9
PD = "BAPPERIDA"


def _indicator_cells(row: dict[str, str], index: int) -> list[object]:
    """Indicator, satuan, kondisi awal and five targets; targets alternate numeric cells and Indonesian text."""
    targets: list[object] = []
    for year in YEARS:
        text = row[f"target_{year}"]
        targets.append(None if not text else float(text) if index % 2 else text.replace(".", ","))
    return [row["indikator"], row["satuan"], row["kondisi_awal"] or None, *targets]


def _pagu_cells(row: dict[str, str] | None, style: str) -> list[object]:
    """Five yearly pagu: numeric cells, ``Rp 1.234.567,00`` text, or ``1.234.567`` text."""
    if row is None:
        return [None] * 5
    cells: list[object] = []
    for year in YEARS:
        amount = Decimal(row[f"anggaran_{year}"])
        if style == "rupiah":
            cells.append(format_rupiah(amount, decimals=2))
        elif style == "titik":
            cells.append(format_number(amount))
        else:
            cells.append(float(amount))
    return cells


def _item_rows(code: object, name: str, indicators: list[dict[str, str]], pagu_style: str, lokasi: str) -> list[Cells]:
    """The item's row (code, name, first indicator, pagu) and one row per further indicator (no code, no name)."""
    budget_row = next((row for row in indicators if row["anggaran_2026"]), None)
    rows: list[Cells] = []
    for index, indicator in enumerate(indicators):
        head = [code, name] if index == 0 else [None, None]
        pagu = _pagu_cells(budget_row, pagu_style) if index == 0 else [None] * 5
        tail = [PD, lokasi or None] if index == 0 else [None, None]
        rows.append([*head, *_indicator_cells(indicator, index), *pagu, *tail])
    return rows


def _subtotal(label: str, totals: dict[int, Decimal]) -> Cells:
    return [None, label, None, None, None, *[None] * 5, *(float(totals[year]) for year in YEARS), None, None]


def situbondo_rows() -> list[Cells]:
    """The Renstra table body: headings, items with their indicator rows, a sub-total after each program."""
    programs: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read_csv(SITUBONDO / "program.csv"):
        programs[row["program_id"]].append(row)
    kegiatan_indicators = defaultdict(list)
    for row in read_csv(SITUBONDO / "kegiatan_indikator.csv"):
        kegiatan_indicators[row["kegiatan_id"]].append(row)
    sub_indicators = defaultdict(list)
    for row in read_csv(SITUBONDO / "sub_kegiatan_indikator.csv"):
        sub_indicators[row["sub_kegiatan_id"]].append(row)
    kegiatan = read_csv(SITUBONDO / "kegiatan.csv")
    subs = read_csv(SITUBONDO / "sub_kegiatan.csv")

    rows: list[Cells] = [[5, "UNSUR PENUNJANG URUSAN PEMERINTAHAN"]]
    bidang_names = {"5.01": "PERENCANAAN", "5.05": "PENELITIAN DAN PENGEMBANGAN"}
    bidang_seen: set[str] = set()
    for program_id, indicators in programs.items():
        code = indicators[0]["kode_program"]
        bidang = code[:4]
        if bidang not in bidang_seen:  # bidang codes stored as numbers, the way Excel keeps "5.01"
            bidang_seen.add(bidang)
            rows.append([float(bidang), bidang_names[bidang]])
        rows += _item_rows(code, indicators[0]["nama_program"], indicators, "rupiah", "")
        for number, kegiatan_row in enumerate(row for row in kegiatan if row["program_id"] == program_id):
            kegiatan_code = f" {kegiatan_row['kode_kegiatan']} " if number % 2 else kegiatan_row["kode_kegiatan"]
            kegiatan_rows = kegiatan_indicators[kegiatan_row["kegiatan_id"]]
            rows += _item_rows(kegiatan_code, kegiatan_row["nama_kegiatan"], kegiatan_rows, "number", "")
            for sub_number, sub in enumerate(row for row in subs if row["kegiatan_id"] == kegiatan_row["kegiatan_id"]):
                style = "titik" if sub_number % 3 == 0 else "number"
                sub_rows = sub_indicators[sub["sub_kegiatan_id"]]
                rows += _item_rows(sub["kode_sub_kegiatan"], sub["nama_sub_kegiatan"], sub_rows, style, "Situbondo")
        totals = {year: Decimal(indicators[0][f"anggaran_{year}"]) for year in YEARS}
        rows += [_subtotal(f"Jumlah {code}", totals), []]
    return rows


def build_situbondo_renstra(path: Path) -> Path:
    """The Renstra as a SIPD-style workbook: cover sheet, then sheet "T-C.27" with the table from row 9."""
    body = situbondo_rows()
    grand = {year: Decimal(0) for year in YEARS}
    for row in read_csv(SITUBONDO / "program.csv"):
        for year in YEARS:
            grand[year] += Decimal(row[f"anggaran_{year}"] or 0)
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Sampul"
    cover.append(["RENCANA STRATEGIS PERANGKAT DAERAH 2025-2029"])
    cover.append(["Disusun oleh BAPPERIDA Kabupaten Situbondo"])
    table = book.create_sheet("T-C.27")
    table.append(["RENCANA PROGRAM, KEGIATAN, SUB KEGIATAN DAN PENDANAAN PERANGKAT DAERAH"])
    table.append(["BADAN PERENCANAAN PEMBANGUNAN, RISET DAN INOVASI DAERAH"])
    table.append(["KABUPATEN SITUBONDO"])
    table.append(["PERIODE 2025-2029"])
    table.append([])
    table.append(RENSTRA_HEADER_TOP)
    table.append(RENSTRA_HEADER_YEARS)
    table.append(list(range(1, len(RENSTRA_HEADER_TOP) + 1)))
    for row in body:
        table.append(list(row))
    table.append(["TOTAL", None, None, None, None, *[None] * 5, *(float(grand[year]) for year in YEARS)])
    table.merge_cells(f"A{table.max_row}:B{table.max_row}")
    table.merge_cells("A1:Q1")
    for cell_range in RENSTRA_MERGED:
        table.merge_cells(cell_range)
    book.save(path)
    return path


# --- Renja Bappelitbang Penajam Paser Utara 2024 -----------------------------------------------------------------

RENJA_HEADER = [
    "No. Kode",
    "Program/Kegiatan/Sub Kegiatan",
    "Indikator Kinerja",
    "Lokasi",
    "Target",
    "Pagu Indikatif (Rp)",
    "Sumber Dana",
    "SKPD",
]
_ARTEFACT = re.compile(r"(?<![a-z])n(?=[A-Z0-9%])")  # the app stored line breaks as a bare "n"


def split_lines(text: str) -> list[str]:
    """``"Persentase ...;nIndeks Kepuasan"`` → two lines, as the planner typed them."""
    return [line.strip(" ;") for line in _ARTEFACT.sub("\n", text).split("\n") if line.strip(" ;")]


def renja_rows() -> list[list[object]]:
    """The Renja table body; program indicators that the app kept in one cell become one row each."""
    pd = "BADAN PERENCANAAN, PENELITIAN DAN PENGEMBANGAN"
    kegiatan = read_csv(RENJA_PPU / "renja_kegiatan.csv")
    subs = read_csv(RENJA_PPU / "renja_sub_kegiatan.csv")
    rows: list[list[object]] = [["5", "UNSUR PENUNJANG URUSAN PEMERINTAHAN"]]
    for program in read_csv(RENJA_PPU / "renja_program.csv"):
        if not any(row[0] == program["kode_bidang"] for row in rows):
            rows.append([program["kode_bidang"], "PERENCANAAN" if program["kode_bidang"] == "5.01" else "PENELITIAN"])
        targets = split_lines(program["target_sesudah"])
        for index, indicator in enumerate(split_lines(program["indikator_program"])):
            head = [program["kode_program"], program["nama_program"]] if index == 0 else [None, None]
            pagu = int(program["pagu_apbd"]) if index == 0 else None
            rows.append([*head, indicator, None, targets[index], pagu, None, pd if index == 0 else None])
        for row in (row for row in kegiatan if row["kode_program"] == program["kode_program"]):
            target = " ".join(split_lines(row["target_sesudah"]))
            indicator = " ".join(split_lines(row["indikator_kegiatan"]))
            rows.append([row["kode_kegiatan"], row["nama_kegiatan"], indicator, None, target, int(row["pagu_apbd"])])
            for sub in (sub for sub in subs if sub["kode_kegiatan"] == row["kode_kegiatan"]):
                rows.append(
                    [
                        sub["kode_sub_kegiatan"],
                        sub["nama_sub_kegiatan"],
                        sub["indikator_sub_kegiatan"],
                        sub["lokasi"],
                        sub["target_sesudah"],
                        int(sub["pagu_apbd"]),
                        sub["sumber_dana"],
                        pd,
                    ]
                )
    return rows


def build_ppu_renja(path: Path) -> Path:
    """The Renja as .xlsx (numeric pagu) or, for a .csv path, ``;``-separated with pagu as ``Rp 1.234.567``."""
    rows = [RENJA_HEADER, *renja_rows()]
    if path.suffix == ".xlsx":
        return write_xlsx(path, rows, title="Renja 2024")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        for row in rows:
            writer.writerow(format_rupiah(cell) if isinstance(cell, int) else cell for cell in row)
    return path

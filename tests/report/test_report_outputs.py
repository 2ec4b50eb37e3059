"""The three files of the small province: HTML self-contained with Indonesian numbers, Excel reopened against
the data, PDF read back with poppler (page count, section titles, page numbers, page 1 as PNG)."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from report_world import LINKED_PAGU, UNLINKED_PAGU, Small

from selaras.report.render import write_report

TITLES = [
    "Ringkasan eksekutif",
    "Keselarasan dengan agenda nasional",
    "Keselarasan dengan prioritas daerah",
    "Konsistensi perencanaan",
    "Sinkronisasi IKU",
    "Orientasi kinerja",
    "Efisiensi anggaran",
    "Capaian dan serapan",
    "Kartu skor per PD",
    "Metodologi",
]
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


@pytest.fixture(scope="module")
def written(small: Small, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_report(small.report(), tmp_path_factory.mktemp("laporan"))


def test_html_is_self_contained_with_titles_and_indonesian_numbers(written: dict[str, Path]) -> None:
    html = written["html"].read_text(encoding="utf-8")
    assert all(title in html for title in TITLES)
    assert "Rp 1.500.000.000" in html and "Rp 2.000.000.000" in html  # linked pagu, the PD's Renja total
    assert "75,0" in html  # the province's keselarasan score
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html and "<link" not in html
    assert html.count("<svg") >= 2


def test_english_report_has_english_titles(small: Small, tmp_path: Path) -> None:
    html = write_report(small.report("en"), tmp_path, ("html",))["html"].read_text(encoding="utf-8")
    assert "Executive summary" in html and "Ringkasan eksekutif" not in html
    assert "Rp 1,500,000,000" in html


def test_excel_sheets_headers_formats_and_totals(small: Small, written: dict[str, Path]) -> None:
    workbook = load_workbook(written["xlsx"])
    assert workbook.sheetnames[:5] == [
        "0 Keputusan",
        "1 Ringkasan",
        "1a Peringkat kab-kota",
        "1b Temuan utama",
        "2 PD x Asta Cita",
    ]
    shares = workbook["2b Pagu per Asta Cita"]
    assert [cell.value for cell in shares[1]] == ["Kode", "Nama", "Pagu", "Porsi"]
    assert shares.freeze_panes == "A2" and shares.auto_filter.ref == "A1:D9"
    ac4 = next(row for row in shares.iter_rows(min_row=2) if row[0].value == "AC4")
    assert ac4[2].value == Decimal(LINKED_PAGU) and ac4[2].number_format == '"Rp" #,##0'
    assert shares.cell(10, 3).value == sum(
        card.pagu_per_target["asta_cita"].get("AC4", 0) for card in small.cards if card.pd is not None
    )
    unaligned = workbook["7c Pagu tanpa prioritas"]
    assert unaligned.cell(2, 5).value == Decimal(UNLINKED_PAGU)
    summary = workbook["1 Ringkasan"]
    assert [row[0].value for row in summary.iter_rows(min_row=2)] == ["62", "62.71"]
    assert summary.conditional_formatting, "scores carry a colour scale"


@needs_poppler
def test_pdf_has_pages_titles_page_numbers_and_renders_to_png(written: dict[str, Path], tmp_path: Path) -> None:
    pdf = written["pdf"]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 10  # cover and contents, one page per section, the PD card
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert all(title in text for title in TITLES)
    assert text.index("Yang perlu diputuskan Rakor") < text.index("Halaman 1 / ") < text.index("Daftar isi")
    assert f"Halaman 3 / {pages}" in text  # page 2, the cover and contents, has no footer
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    [png] = list(tmp_path.glob("p*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

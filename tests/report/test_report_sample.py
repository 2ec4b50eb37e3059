"""The report of the whole sample province: rendered in under 30 s, every section in the PDF, the Excel
totals equal to the score cards, and the HTML showing the same numbers."""

from __future__ import annotations

import shutil
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from selaras.checks.builtin import builtin_registry
from selaras.checks.data import PlanningData
from selaras.checks.run import run_checks
from selaras.checks.thresholds import CheckContext, Thresholds
from selaras.reference.frameworks import national_frameworks
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.reference.wilayah import PUSAT
from selaras.report.format import rupiah
from selaras.report.model import build_report
from selaras.report.render import write_report
from selaras.sample import generate_province
from selaras.scores import ScoreCard, compute_scorecards

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[ScoreCard], dict[str, Path], float]:
    sample = generate_province()
    started = time.process_time()  # CPU time: WeasyPrint runs in-process, and other load does not count
    data = PlanningData([PUSAT, *sample.pemda], sample.perangkat_daerah, [*national_frameworks(), *sample.plans])
    registry = builtin_registry()
    checks = run_checks(data, CheckContext(2026, bundled_nomenclature()), registry)
    cards = compute_scorecards(data, checks, registry, year=2026, thresholds=Thresholds())
    report = build_report(data, checks, cards, registry, pemda="62", year=2026, generated="2026-03-01")
    written = write_report(report, tmp_path_factory.mktemp("provinsi"))
    return cards, written, time.process_time() - started


def test_the_whole_province_renders_in_under_30_seconds(
    province: tuple[list[ScoreCard], dict[str, Path], float],
) -> None:
    assert province[2] < 30


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_pdf_has_every_section_and_a_page_per_provincial_pd(
    province: tuple[list[ScoreCard], dict[str, Path], float],
) -> None:
    cards, written, _ = province
    text = subprocess.run(["pdftotext", str(written["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.count("\f")
    provincial_pd = sum(1 for card in cards if card.pemda == "62" and card.pd is not None)
    assert pages > 10 + provincial_pd
    for title in ("1. Ringkasan eksekutif", "5. Sinkronisasi IKU", "8. Kartu skor per PD", "9. Metodologi"):
        assert title in text
    assert f"Halaman {pages} / {pages}" in text
    assert "Dinas Pendidikan" in text and "Kabupaten Kapuas" in text


def test_excel_and_html_carry_the_score_cards_pagu(province: tuple[list[ScoreCard], dict[str, Path], float]) -> None:
    cards, written, _ = province
    [provinsi] = [card for card in cards if card.pemda == "62" and card.pd is None]
    expected = sum(provinsi.pagu_per_target["asta_cita"].values(), Decimal(0))
    shares = load_workbook(written["xlsx"])["2b Pagu per Asta Cita"]
    assert Decimal(str(shares.cell(shares.max_row, 3).value)) == expected  # Excel holds floats: compare as written
    for row in shares.iter_rows(min_row=2, max_row=shares.max_row - 1):
        assert Decimal(str(row[2].value)) == provinsi.pagu_per_target["asta_cita"].get(row[0].value, 0)
    html = written["html"].read_text(encoding="utf-8")
    assert rupiah(expected) in html
    summary = load_workbook(written["xlsx"])["1 Ringkasan"]
    assert summary.max_row == 1 + 15  # the province and its 14 kab/kota

"""The report of the whole sample province: every section in the PDF, the Excel totals equal to the score cards,
and the HTML showing the same numbers; with every PD of its kab/kota too (how long each takes: ``make bench``,
report-province).

The report with every PD of the kab/kota runs to hundreds of PDF pages that WeasyPrint takes minutes to lay out;
its Excel file carries every row, and its PDF is printed with each table cut to a few rows and two PD cards of
each kind, which lays out every section and both kinds of card in seconds."""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from selaras.checks.builtin import builtin_registry
from selaras.checks.data import PlanningData
from selaras.checks.run import CheckReport, run_checks
from selaras.checks.thresholds import CheckContext, Thresholds
from selaras.reference.frameworks import national_frameworks
from selaras.reference.nomenclature_versions import bundled_versions
from selaras.reference.wilayah import PUSAT
from selaras.report.format import rupiah
from selaras.report.model import Paragraph, RakorReport, Scope, Section, Table, build_report
from selaras.report.render import FORMATS, write_report
from selaras.sample import SampleData
from selaras.scores import ScoreCard, compute_scorecards
from selaras.scores.alignment import PENUNJANG

pytestmark = pytest.mark.slow


Checked = tuple[PlanningData, CheckReport, list[ScoreCard]]


@pytest.fixture(scope="module")
def checked(defective_sample: SampleData) -> tuple[Checked, float]:
    sample = defective_sample
    started = time.process_time()  # CPU time: WeasyPrint runs in-process, and other load does not count
    data = PlanningData([PUSAT, *sample.pemda], sample.perangkat_daerah, [*national_frameworks(), *sample.plans])
    registry = builtin_registry()
    checks = run_checks(data, CheckContext(2026, bundled_versions()), registry)
    cards = compute_scorecards(data, checks, registry, year=2026, thresholds=Thresholds())
    return (data, checks, cards), time.process_time() - started


def _render(
    checked: Checked, folder: Path, scope: Scope, formats: tuple[str, ...] = FORMATS
) -> tuple[RakorReport, dict[str, Path], float]:
    """The report of the province in ``scope`` written in ``formats``, with the CPU seconds that took."""
    data, checks, cards = checked
    started = time.process_time()
    report = build_report(
        data, checks, cards, builtin_registry(), pemda="62", year=2026, scope=scope, generated="2026-03-01"
    )
    written = write_report(report, folder, formats)
    return report, written, time.process_time() - started


@pytest.fixture(scope="module")
def province(
    checked: tuple[Checked, float], tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[ScoreCard], dict[str, Path], float]:
    _, written, seconds = _render(checked[0], tmp_path_factory.mktemp("provinsi"), Scope.PROVINSI)
    return checked[0][2], written, checked[1] + seconds


@pytest.fixture(scope="module")
def whole_province(
    checked: tuple[Checked, float], tmp_path_factory: pytest.TempPathFactory
) -> tuple[RakorReport, dict[str, Path], float]:
    return _render(checked[0], tmp_path_factory.mktemp("semua"), Scope.SEMUA, ("xlsx", "html"))


def test_every_pd_of_the_province_and_its_kabkota_is_in_the_whole_report(
    whole_province: tuple[RakorReport, dict[str, Path], float],
) -> None:
    """How long it takes is measured by ``make bench`` (report-province), not here."""
    report, written, _ = whole_province
    [cards] = [section for section in report.sections if section.key == "kartu"]
    full = [card for card in cards.subsections if not card.wide]
    compact = [card for card in cards.subsections if card.wide]
    assert {card.key.split("-")[1] for card in full} == {"62"}  # a page for each provincial PD with actions
    assert len(compact) == 14  # and one dense table for each kab/kota
    kabkota_pd = sum(len(table.rows) for card in compact for table in card.blocks if isinstance(table, Table))
    assert kabkota_pd > 400
    calm_title = "Perangkat daerah tanpa tindakan mendesak"  # one table instead of a card that says nothing
    calm = sum(len(block.rows) for block in cards.blocks if isinstance(block, Table) and block.title == calm_title)
    overview = load_workbook(written["xlsx"], read_only=True)["9 Kartu skor PD"]
    assert overview.max_row == 1 + len(full) + calm + kabkota_pd  # Excel keeps a row for every PD


def _cut(section: Section, rows: int) -> Section:
    """``section`` with each table cut to its first ``rows`` rows and the first two PD cards of each kind."""
    blocks = [replace(block, rows=block.rows[:rows]) if isinstance(block, Table) else block for block in section.blocks]
    kept: list[Section] = []
    for card in section.subsections:
        if sum(1 for other in kept if other.wide == card.wide) < 2:
            kept.append(_cut(card, rows))
    return replace(section, blocks=blocks, subsections=kept)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_every_section_of_the_whole_report_prints_to_pdf(
    whole_province: tuple[RakorReport, dict[str, Path], float], tmp_path: Path
) -> None:
    report, _, _ = whole_province
    cut = replace(report, front=_cut(report.front, 3), sections=[_cut(section, 3) for section in report.sections])
    [cards] = [section for section in cut.sections if section.key == "kartu"]
    assert [card.wide for card in cards.subsections] == [False, False, True, True]  # both kinds of card
    written = write_report(cut, tmp_path, ("pdf",))
    text = subprocess.run(["pdftotext", str(written["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.count("\f")
    assert f"Halaman {pages} / {pages}" in text
    words = " ".join(text.split())  # titles may wrap
    for section in [*cut.sections, *cards.subsections]:
        assert section.title in words


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_pdf_has_every_section_and_a_page_per_provincial_pd(
    province: tuple[list[ScoreCard], dict[str, Path], float],
) -> None:
    cards, written, _ = province
    text = subprocess.run(["pdftotext", str(written["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.count("\f")
    provincial_pd = sum(1 for card in cards if card.pemda == "62" and card.pd is not None)
    assert pages > 10 + provincial_pd
    for title in ("1. Ringkasan eksekutif", "5. Sinkronisasi IKU", "9. Kartu skor per PD", "10. Metodologi"):
        assert title in text
    assert f"Halaman {pages} / {pages}" in text
    assert "Dinas Pendidikan" in text and "Kabupaten Kapuas" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_page_one_holds_all_the_meeting_decides_and_the_cover_follows(
    province: tuple[list[ScoreCard], dict[str, Path], float],
) -> None:
    _, written, _ = province

    def page(number: int) -> str:
        command = ["pdftotext", "-f", str(number), "-l", str(number), str(written["pdf"]), "-"]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    first, second = page(1), page(2)
    assert "Yang perlu diputuskan Rakor" in first
    assert "Sinkronisasi IKU" in first  # the last row of page 1's last table: nothing spilled onto page 2
    assert "Laporan Rakor Keselarasan" in second  # the cover
    assert "Median kab/" not in second  # a split table repeats its header on the next page


def test_excel_and_html_carry_the_score_cards_pagu(province: tuple[list[ScoreCard], dict[str, Path], float]) -> None:
    cards, written, _ = province
    [provinsi] = [card for card in cards if card.pemda == "62" and card.pd is None]
    expected = sum(provinsi.pagu_per_target["asta_cita"].values(), Decimal(0))
    shares = load_workbook(written["xlsx"])["2b Pagu per Asta Cita"]
    assert Decimal(str(shares.cell(shares.max_row, 3).value)) == expected  # Excel holds floats: compare as written
    for row in shares.iter_rows(min_row=2, max_row=shares.max_row - 1):
        target = row[0].value or PENUNJANG  # the row "belanja penunjang" has no code
        assert Decimal(str(row[2].value)) == provinsi.pagu_per_target["asta_cita"].get(target, 0)
    html = written["html"].read_text(encoding="utf-8")
    assert rupiah(expected) in html
    summary = load_workbook(written["xlsx"])["1 Ringkasan"]
    assert summary.max_row == 1 + 15  # the province and its 14 kab/kota


def test_kabkota_are_ranked_with_their_change_since_the_last_report(checked: tuple[Checked, float]) -> None:
    (data, checks, cards), _ = checked
    registry = builtin_registry()
    current = build_report(data, checks, cards, registry, pemda="62", year=2026, generated="2026-03-01").snapshot
    lowered = {
        code: {key: (value - 10 if value is not None else None) for key, value in scores.items()}
        for code, scores in current.scores.items()
    }
    lowered["62.71"] = current.scores["62.71"]  # Kota Palangkaraya unchanged, all others 10 points lower then
    previous = replace(current, scores=lowered)
    report = build_report(
        data, checks, cards, registry, pemda="62", year=2026, generated="2026-06-01", previous=previous
    )
    [ranking] = [table for _, table in report.tables() if table.title.startswith("Peringkat kab/kota")]
    assert [row[0] for row in ranking.rows] == list(range(1, 15))
    means = [row[3] for row in ranking.rows]
    assert means == sorted(means, reverse=True)
    changes = {row[1]: row[4] for row in ranking.rows}
    assert changes.pop("62.71") == 0
    assert set(changes.values()) == {10.0}
    assert {row[1] for row in ranking.rows} == {p.kode for p in data.pemda if p.kode.startswith("62.")}
    assert all(isinstance(row[5], int) for row in ranking.rows)


def test_no_two_rows_of_a_findings_table_read_the_same(
    whole_province: tuple[RakorReport, dict[str, Path], float],
) -> None:
    """The same item often carries the same finding in its Renstra and its Renja (a non-standard indicator, say);
    the rows must say which document each is about, or the reader sees one finding printed twice."""
    report, _, _ = whole_province
    tables = [
        block
        for section in [report.front, *report.sections]
        for part in [section, *section.subsections]
        for block in part.blocks
        if isinstance(block, Table) and any(column.title == "Pesan (nilai dibandingkan)" for column in block.columns)
    ]
    assert tables
    for table in tables:
        seen = [row[: len(table.columns) - 1] for row in table.rows]  # without the tindak lanjut, shared by design
        assert len(seen) == len(set(seen)), table.title


def test_the_document_lists_what_needs_a_decision_and_excel_every_finding(
    whole_province: tuple[RakorReport, dict[str, Path], float],
) -> None:
    """Info findings are counted in a sentence under each findings table of the document; its Excel sheet
    keeps every one of them."""
    report, _, _ = whole_province
    [section] = [section for section in report.sections if section.key == "konsistensi"]
    [shown] = [b for b in section.blocks if isinstance(b, Table) and b.in_document and b.title.startswith("Temuan")]
    [sheet] = [b for b in section.blocks if isinstance(b, Table) and b.sheet == "4b Temuan konsistensi"]
    severity = [column.title for column in shown.columns].index("Tingkat")
    assert shown.rows and {row[severity] for row in shown.rows} <= {"galat", "peringatan"}
    info = [row for row in sheet.rows if row[severity] == "info"]
    assert info and len(sheet.rows) == len(shown.rows) + len(info)
    [note] = [b for b in section.blocks if isinstance(b, Paragraph) and "tidak dicantumkan" in b.text]
    assert note.text.startswith(f"{len(info):,}".replace(",", ".") + " temuan tingkat info (")

"""Section 3's governor's priorities × kab/kota table: the figures of provincial_world (traced by hand in its
docstring), in Indonesian and English, in HTML and Excel, and only in a province's report with kab/kota."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import YEAR
from openpyxl import load_workbook
from provincial_world import JT, provincial_world

from selaras.checks.builtin import builtin_registry
from selaras.checks.run import run_checks
from selaras.checks.thresholds import CheckContext, Thresholds
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.report.html import render_html
from selaras.report.model import RakorReport, Table, build_report
from selaras.report.xlsx import write_xlsx
from selaras.scores import compute_scorecards

Reports = dict[tuple[str, str], RakorReport]
"""Built reports by (pemda, language)."""


@pytest.fixture(scope="module")
def reports() -> Reports:
    data, registry = provincial_world(), builtin_registry()
    checks = run_checks(data, CheckContext(YEAR, bundled_nomenclature()), registry)
    cards = compute_scorecards(data, checks, registry, year=YEAR, thresholds=Thresholds())
    return {
        (pemda, lang): build_report(data, checks, cards, registry, pemda=pemda, year=YEAR, lang=lang)
        for pemda in ("62", "62.71")
        for lang in ("id", "en")
    }


def _governor(report: RakorReport) -> list[Table]:
    """The table shown in section 3 and the one of Excel sheet 3c (same title)."""
    section = next(section for section in report.sections if section.key == "daerah")
    titles = ("Prioritas gubernur × kab/kota", "Governor's priorities × kab/kota")
    return [block for block in section.blocks if isinstance(block, Table) and block.title.startswith(titles)]


def test_each_kabkota_row_holds_its_traced_pagu_per_priority_and_its_share(reports: Reports) -> None:
    shown, sheet = _governor(reports[("62", "id")])
    assert shown.title == sheet.title == "Prioritas gubernur × kab/kota: pagu Renja 2026 dan keselarasan"
    assert (shown.in_document, shown.sheet, sheet.in_document, sheet.sheet) == (
        True, None, False, "3c Prioritas prov x kab-kota"
    )  # fmt: skip
    assert [column.title for column in sheet.columns] == [
        "Kab/kota", "P1", "P2", "Ke prioritas provinsi", "Pagu Renja tanpa penunjang", "Keselarasan"
    ]  # fmt: skip
    kabupaten, kota = sheet.rows
    assert kabupaten[:5] == ("Kabupaten Kotawaringin Barat", 350 * JT, 250 * JT, 600 * JT, 700 * JT)
    assert kabupaten[5] == pytest.approx(600 / 7)
    assert kota == ("Kota Palangkaraya", 400 * JT, "✗", 400 * JT, 500 * JT, 80.0)
    assert sheet.total is not None and sheet.total[:5] == ("Jumlah", 750 * JT, 250 * JT, 1000 * JT, 1200 * JT)
    assert sheet.total[5] == pytest.approx(100 * 1000 / 1200)
    assert [column.title for column in shown.columns] == ["Kab/kota", "P1", "P2", "Keselarasan"]
    assert shown.rows == [(*row[:3], row[5]) for row in sheet.rows]
    assert shown.total == (*sheet.total[:3], sheet.total[5])


def test_the_table_names_the_priorities_and_says_how_it_is_traced_in_both_languages(reports: Reports) -> None:
    section = next(section for section in reports[("62", "en")].sections if section.key == "daerah")
    table, _ = _governor(reports[("62", "en")])
    assert table.title == "Governor's priorities × kab/kota: 2026 Renja pagu and alignment"
    at = section.blocks.index(table)
    before, after = section.blocks[at - 1], section.blocks[at + 1]
    assert before.items == ("P1 Peningkatan layanan kesehatan", "P2 Pembangunan jalan dan jembatan")  # type: ignore[union-attr]
    assert after.text.startswith("Pagu is traced from the kab/kota's 2026 Renja sub kegiatan")  # type: ignore[union-attr]


def test_html_shows_indonesian_numbers_and_the_mark(reports: Reports) -> None:
    html = render_html(reports[("62", "id")])
    start = html.index("Prioritas gubernur × kab/kota")
    row = html[html.index("Kabupaten Kotawaringin Barat", start) : html.index("Kota Palangkaraya", start)]
    assert ">350,0<" in row and ">250,0<" in row and ">85,7%<" in row
    assert "✗" in html[start : html.index("Jumlah", start)]


def test_excel_keeps_full_rupiah(reports: Reports, tmp_path: Path) -> None:
    path = tmp_path / "laporan.xlsx"
    write_xlsx(reports[("62", "id")], path)
    sheet = load_workbook(path)["3c Prioritas prov x kab-kota"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Kab/kota", "P1", "P2")
    assert rows[2][:3] == ("Kota Palangkaraya", 400_000_000, "✗")
    assert rows[2][5] == pytest.approx(0.8)


def test_only_a_provinces_report_has_the_table(reports: Reports) -> None:
    assert _governor(reports[("62.71", "id")]) == []


def test_page_one_weighs_a_priority_a_kabkota_does_not_take_up_by_its_share_of_the_kabkota_pagu(
    reports: Reports,
) -> None:
    """SEL108 names no amount: its stake is the kota's Renja pagu (500 jt) over the province's two priorities."""
    [decisions] = [block for block in reports[("62", "id")].front.blocks if isinstance(block, Table) and block.sheet]
    [row] = [row for row in decisions.rows if str(row[1]).startswith("SEL108")]
    assert row[2] == "Bappeda (pemilik RPJMD/RKPD) — Kota Palangkaraya"
    assert row[3] == 250 * JT

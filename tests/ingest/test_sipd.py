"""read_sipd on realistic tables built from real plans: the Situbondo Renstra and the PPU Renja."""

from __future__ import annotations

import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sipd_builders import (
    RENJA_PPU,
    SITUBONDO,
    YEARS,
    build_ppu_renja,
    build_situbondo_renstra,
    read_csv,
    split_lines,
    write_xlsx,
)

from selaras.domain import Document, DocumentKind, IndicatorKind, ItemLevel, Period, Plan
from selaras.ingest.problems import ImportProblem, Severity, has_errors
from selaras.ingest.sipd import read_sipd
from selaras.reference.nomenclature import bundled_nomenclature

KABKOTA = "kabupaten_kota"
RENSTRA = Document(DocumentKind.RENSTRA, "35.12", Period(2026, 2030), pd="5.01.01", title="Renstra BAPPERIDA")
RENJA = Document(DocumentKind.RENJA, "64.09", Period(2024, 2024), pd="5.01.01", title="Renja Bappelitbang 2024")


def read(path: Path, document: Document = RENSTRA) -> tuple[Plan, list[ImportProblem]]:
    sections, problems = read_sipd(path, document=document, nomenclature=bundled_nomenclature(), jenis=KABKOTA)
    return (sections[0].plan if sections else Plan(document)), problems


def csv_pagu(name: str, folder: Path = SITUBONDO, years: range = YEARS, column: str = "anggaran_{}") -> dict:
    totals = {year: Decimal(0) for year in years}
    for row in read_csv(folder / name):
        for year in years:
            totals[year] += Decimal(row[column.format(year)] or 0)
    return totals


def unknown_codes(codes: set[str]) -> set[str]:
    return {code for code in codes if bundled_nomenclature().lookup(code, KABKOTA) is None}


@pytest.fixture(scope="module")
def situbondo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Plan, list[ImportProblem]]:
    path = build_situbondo_renstra(tmp_path_factory.mktemp("renstra") / "renstra-bapperida-situbondo.xlsx")
    return path, *read(path)


def test_situbondo_renstra_has_the_items_and_indicators_of_its_source(situbondo) -> None:
    _, plan, _ = situbondo
    programs = {row["kode_program"] for row in read_csv(SITUBONDO / "program.csv")}
    assert (
        plan.level_counts()
        == {
            "program": len(programs),
            "kegiatan": len(read_csv(SITUBONDO / "kegiatan.csv")),
            "sub_kegiatan": len(read_csv(SITUBONDO / "sub_kegiatan.csv")),
        }
        == {"program": 5, "kegiatan": 19, "sub_kegiatan": 94}
    )
    indicators = defaultdict(int)
    for item in plan.items:
        indicators[item.level] += len(item.indicators)
    assert (
        indicators
        == {
            ItemLevel.PROGRAM: len(read_csv(SITUBONDO / "program.csv")),
            ItemLevel.KEGIATAN: len(read_csv(SITUBONDO / "kegiatan_indikator.csv")),
            ItemLevel.SUB_KEGIATAN: len(read_csv(SITUBONDO / "sub_kegiatan_indikator.csv")),
        }
        == {ItemLevel.PROGRAM: 15, ItemLevel.KEGIATAN: 94, ItemLevel.SUB_KEGIATAN: 94}
    )


def test_situbondo_renstra_pagu_per_year_and_level_equals_the_source_sums(situbondo) -> None:
    _, plan, _ = situbondo
    assert plan.pagu_per_year(ItemLevel.PROGRAM) == csv_pagu("program.csv")
    assert plan.pagu_per_year(ItemLevel.KEGIATAN) == csv_pagu("kegiatan_indikator.csv")
    assert plan.pagu_per_year(ItemLevel.SUB_KEGIATAN) == csv_pagu("sub_kegiatan_indikator.csv")
    assert plan.pagu_per_year(ItemLevel.SUB_KEGIATAN)[2026] == Decimal("10857167927")


def test_situbondo_renstra_warns_about_codes_newer_than_the_nomenclature_and_nothing_else(situbondo) -> None:
    path, plan, problems = situbondo
    assert not has_errors(problems)
    assert {problem.code for problem in problems} == {"unknown-code"}
    warned = {problem.value for problem in problems}
    # The 7 sub kegiatan SOURCE.md names, plus program 5.05.03 and kegiatan 5.01.02.2.04 / 5.05.03.2.02,
    # which the 2020 list lacks as well.
    assert warned == unknown_codes({item.key for item in plan.items})
    assert len([code for code in warned if len(code.split(".")) == 6]) == 7
    assert {"5.01.01.2.01.0008", "5.05.03.2.02.0021", "5.05.03", "5.01.02.2.04"} <= warned
    sheet = load_workbook(path)["T-C.27"]
    for problem in problems:  # row and column point at the very cell in Excel
        assert (problem.file, problem.sheet, problem.column) == (path.name, "T-C.27", "Kode")
        assert str(sheet.cell(problem.row, 1).value).strip() == problem.value
        assert problem.severity is Severity.PERINGATAN
        assert problem.params["reference"] == bundled_nomenclature().label


def test_situbondo_renstra_items_keep_tree_indicators_and_targets(situbondo) -> None:
    _, plan, _ = situbondo
    program = plan.item("5.01.02")
    assert program.parent is None and program.pd == "BAPPERIDA"
    assert [indicator.kind for indicator in program.indicators] == [IndicatorKind.OUTCOME] * 4
    first = plan.item("5.01.01").indicators[0]
    assert (first.name, first.satuan, first.baseline) == (
        "Capaian Nilai SAKIP Perangkat Daerah",
        "Nilai",
        Decimal("88.5"),
    )
    assert first.targets == dict(zip(YEARS, map(Decimal, ("88.7", "88.9", "89.1", "89.3", "89.5")), strict=True))
    kegiatan = plan.item("5.01.01.2.02")  # written " 5.01.01.2.02 " with stray spaces
    assert kegiatan.parent == "5.01.01" and kegiatan.indicators[0].kind is IndicatorKind.OUTPUT
    sub = plan.item("5.01.01.2.01.0001")
    assert sub.parent == "5.01.01.2.01" and sub.lokasi == "Situbondo"
    assert sub.indicators[0].targets[2030] == Decimal(3) and sub.pagu(2026) == Decimal("35000000")
    for item in plan.items:  # every parent precedes its children
        assert item.parent is None or plan.items.index(plan.item(item.parent)) < plan.items.index(item)
    empty_years = [row for row in read_csv(SITUBONDO / "sub_kegiatan_indikator.csv") if not row["target_2027"]]
    assert empty_years, "the source schedules some outputs in alternate years"
    assert sum(2027 not in i.indicators[0].targets for i in plan.items if i.level is ItemLevel.SUB_KEGIATAN) == len(
        empty_years
    )


def test_renja_xlsx_and_csv_read_the_same_plan(tmp_path: Path) -> None:
    from_xlsx, xlsx_problems = read(build_ppu_renja(tmp_path / "renja-ppu-2024.xlsx"), RENJA)
    from_csv, csv_problems = read(build_ppu_renja(tmp_path / "renja-ppu-2024.csv"), RENJA)
    assert from_xlsx.items == from_csv.items
    assert [problem.value for problem in xlsx_problems] == [problem.value for problem in csv_problems]


def test_renja_one_year_columns_belong_to_the_document_year_and_14_dokumen_is_split(tmp_path: Path) -> None:
    plan, problems = read(build_ppu_renja(tmp_path / "renja-ppu-2024.xlsx"), RENJA)
    subs = read_csv(RENJA_PPU / "renja_sub_kegiatan.csv")
    programs = read_csv(RENJA_PPU / "renja_program.csv")
    assert (
        plan.level_counts()
        == {
            "program": len(programs),
            "kegiatan": len(read_csv(RENJA_PPU / "renja_kegiatan.csv")),
            "sub_kegiatan": len(subs),
        }
        == {"program": 4, "kegiatan": 15, "sub_kegiatan": 45}
    )
    program_indicators = sum(len(split_lines(row["indikator_program"])) for row in programs)
    assert plan.indicator_count() == program_indicators + 15 + 45 == 66
    for level, name in ((ItemLevel.PROGRAM, "renja_program.csv"), (ItemLevel.SUB_KEGIATAN, "renja_sub_kegiatan.csv")):
        assert plan.pagu_per_year(level) == csv_pagu(name, RENJA_PPU, range(2024, 2025), "pagu_apbd")
    sub = plan.item("5.01.01.2.01.0001")  # target "14 Dokumen", no satuan column
    assert (sub.indicators[0].satuan, sub.indicators[0].targets) == ("Dokumen", {2024: Decimal(14)})
    assert sub.budgets[0].sumber_dana == "Dana Transfer Umum-Dana Bagi Hasil"
    assert plan.item("5.01.02.2.01.0003").indicators[0].satuan == "Berita Acara"
    ikm = plan.item("5.01.01").indicators[1]  # "80 %"
    assert (ikm.name, ikm.satuan, ikm.targets) == ("Indeks Kepuasan Masyarakat (IKM)", "%", {2024: Decimal(80)})
    assert not has_errors(problems)
    assert {problem.value for problem in problems if problem.code == "unknown-code"} == unknown_codes(
        {item.key for item in plan.items}
    )
    # its SKPD column names the PD in full, longer than item.pd holds: a warning, and the document's PD applies
    assert {problem.code for problem in problems} <= {"unknown-code", "pd-too-long"}


def test_a_20000_row_workbook_is_read_with_progress(tmp_path: Path) -> None:
    header = ["Kode", "Uraian", "Indikator", "Satuan", "Target", "Pagu"]
    rows: list[list[object]] = [header, ["5.01.02", "PROGRAM PERENCANAAN", "Persentase", "%", 100, None]]
    for kegiatan in range(1, 21):
        rows.append([f"5.01.02.2.{kegiatan:02d}", f"Kegiatan {kegiatan}", "Jumlah dokumen", "Dokumen", 1, None])
        for sub in range(1, 1000):
            code = f"5.01.02.2.{kegiatan:02d}.{sub:04d}"
            rows.append([code, f"Sub kegiatan {sub}", "Jumlah laporan", "Laporan", sub % 7, 1_000_000 + sub])
    path = write_xlsx(tmp_path / "besar.xlsx", rows)
    calls: list[tuple[int, int]] = []
    started = time.perf_counter()
    sections, problems = read_sipd(
        path,
        document=RENJA,
        nomenclature=bundled_nomenclature(),
        jenis=KABKOTA,
        progress=lambda done, total: calls.append((done, total)),
    )
    [section] = sections
    plan = section.plan
    elapsed = time.perf_counter() - started
    assert len(rows) - 1 == 20_001
    assert plan.level_counts() == {"program": 1, "kegiatan": 20, "sub_kegiatan": 19_980}
    assert plan.pagu_per_year(ItemLevel.SUB_KEGIATAN) == {2024: Decimal(20 * (999 * 1_000_000 + 999 * 1000 // 2))}
    assert not has_errors(problems)
    assert len(calls) >= 20_000 // 500 and calls[-1] == (20_001, 20_001)
    assert all(done <= total for done, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    print(f"read 20,001 rows in {elapsed:.2f} s")

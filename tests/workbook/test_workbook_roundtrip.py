"""Export → import gives the same plan back, for the workbook and for the CSV folder.

"The same" is value equality of the domain objects: Decimals compare by value (``100000000000.00`` may come back
as ``100000000000``), datetimes by instant.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from workbook_samples import budget_plan, rich_plan

from selaras.domain import Budget, Indicator, Plan
from selaras.ingest.selaras_workbook import read_workbook
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.workbook.writer import write_csv_dir, write_plan

NOMENCLATURE = bundled_nomenclature()
Writer = Callable[[Plan, Path], Path]


def _xlsx(plan: Plan, tmp_path: Path) -> Path:
    return write_plan(tmp_path / "rencana.xlsx", plan)


def _csv(plan: Plan, tmp_path: Path) -> Path:
    return write_csv_dir(tmp_path / "rencana", plan)


WRITERS = [pytest.param(_xlsx, id="xlsx"), pytest.param(_csv, id="csv")]


def _roundtrip(plan: Plan, tmp_path: Path, write: Writer) -> Plan:
    read, problems = read_workbook(write(plan, tmp_path), nomenclature=NOMENCLATURE)
    assert problems == []
    assert read is not None
    return read


@pytest.mark.parametrize("write", WRITERS)
def test_rich_plan_comes_back_equal(tmp_path: Path, write: Writer) -> None:
    plan = rich_plan()
    read = _roundtrip(plan, tmp_path, write)
    assert read == plan
    assert [item.key for item in read.items] == [item.key for item in plan.items]
    assert read.item("1.01.02.2.01").pagu(2026) == Decimal("1234567.99")
    assert read.items[-1].unit == "UPTD SD Negeri 1 Palangka Raya"
    assert [line.pagu for line in read.items[-1].rincian] == [2500000000, Decimal("0.5"), Decimal("2499999999.5")]
    assert read.links[0].decided_at == plan.links[0].decided_at
    assert read.links[0].decided_at is not None and read.links[0].decided_at.utcoffset() is not None


@pytest.mark.parametrize("write", WRITERS)
@pytest.mark.parametrize("version", ["murni", "perubahan"])
def test_budget_stage_plan_comes_back_equal(tmp_path: Path, write: Writer, version: str) -> None:
    plan = budget_plan(version)
    assert _roundtrip(plan, tmp_path, write) == plan


@pytest.mark.parametrize("write", WRITERS)
def test_shared_renja_fixture_comes_back_equal(renja_plan: Plan, tmp_path: Path, write: Writer) -> None:
    assert _roundtrip(renja_plan, tmp_path, write) == renja_plan


NUMBERS = [
    "0.1",
    "12.5",
    "1234567.89",
    "100000000000.00",
    "0.125",  # three decimals: "0,125" would read as English 125
    "1.000",
    "1500",
    "0.000001",
    "1E+19",  # the database keeps 20 whole digits: 1E+20 is refused at its cell (too-large)
    "99999999999999.99",  # 16 digits: kept as text so Excel cannot round it
    "12345678901234567.891",
    "0.1234567890123456789",
]


@pytest.mark.parametrize("write", WRITERS)
@pytest.mark.parametrize("text", NUMBERS)
def test_decimals_keep_their_value(tmp_path: Path, write: Writer, text: str) -> None:
    number = Decimal(text)
    plan = rich_plan()
    item = plan.items[-1]
    item.indicators = [Indicator("Capaian", "%", baseline=-number, targets={2025: number, 2029: number * 3})]
    item.budgets = [Budget(2026, number, number, "DAU")]
    read = _roundtrip(plan, tmp_path, write).items[-1]
    assert read.indicators[0].baseline == -number
    assert read.indicators[0].targets == {2025: number, 2029: number * 3}
    assert read.budgets == [Budget(2026, number, number, "DAU")]


def test_numbers_are_numeric_cells_with_a_display_format(tmp_path: Path) -> None:
    plan = rich_plan()
    plan.items[-1].budgets = [
        Budget(2025, Decimal("2500000000")),
        Budget(2026, Decimal("1234567.89")),
        Budget(2027, Decimal("99999999999999.99")),
    ]
    sheet = load_workbook(write_plan(tmp_path / "rencana.xlsx", plan))["Anggaran"]
    rows = {row[1].value: row[2] for row in sheet.iter_rows(min_row=2) if row[0].value == plan.items[-1].key}
    assert (rows[2025].value, rows[2025].number_format) == (2500000000, "#,##0")
    assert (rows[2026].value, rows[2026].number_format) == (1234567.89, "#,##0.00")
    assert (rows[2027].value, rows[2027].data_type) == ("99.999.999.999.999,99", "s")


def test_codes_are_text_cells(tmp_path: Path) -> None:
    sheet = load_workbook(write_plan(tmp_path / "rencana.xlsx", rich_plan()))["Item"]
    program = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "1.01.02")
    assert program[0].data_type == "s" and program[0].number_format == "@"
    assert program[3].value == "1.01.02"


@pytest.mark.parametrize("write", WRITERS)
def test_awkward_text_survives(tmp_path: Path, write: Writer) -> None:
    plan = rich_plan()
    plan.items[0] = replace(
        plan.items[0], text="=SUM(A1:A2) bukan rumus", lokasi="Baris satu\nbaris dua; 'kutip', \"ganda\""
    )
    plan.items[2] = replace(plan.items[2], text="Tempel dari Word:\t'tab'\t'lagi'", unit="Bagian  Umum")
    plan.items[1] = replace(plan.items[1], order=0, pd="1.01.01")
    assert _roundtrip(plan, tmp_path, write) == plan


@pytest.mark.parametrize("write", WRITERS)
def test_target_outside_the_period_is_not_dropped_silently(tmp_path: Path, write: Writer) -> None:
    plan = rich_plan()
    plan.items[0].indicators[0].targets[2030] = Decimal(1)
    read, problems = read_workbook(write(plan, tmp_path), nomenclature=NOMENCLATURE)
    assert read is None
    assert [(problem.code, problem.row, problem.column) for problem in problems] == [("invalid-year", 1, "Target 2030")]


def test_progress_is_reported_per_sheet(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    read_workbook(
        _xlsx(rich_plan(), tmp_path),
        nomenclature=NOMENCLATURE,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(1, 26), (6, 26), (12, 26), (21, 26), (24, 26), (26, 26)]

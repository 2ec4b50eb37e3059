"""A planning–budgeting comparison as a workbook Bappeda can filter (``selaras anggaran --xlsx``).

Three sheets: one row per PD (and the pemda total) with counts, pagu and shares; one row per sub kegiatan with
its status and the pagu on both sides; one row per PD and sumber dana. Amounts are numbers with a thousands
format and shares are Excel percentages, so the reader's Excel shows them in its own locale (``1.234.567`` in an
Indonesian one) and they can still be summed.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from selaras.checks.budgeting import BudgetingAnalysis, BudgetShape, Consistency, kind_label
from selaras.i18n import pick

__all__ = ["write_budgeting_xlsx"]

RUPIAH, PERCENT = "#,##0", "0.0%"

SUMMARY = (
    (("PD", "Agency"), 24, None),
    (("Nama PD", "Agency name"), 40, None),
    (("Dokumen rencana", "Plan document"), 12, None),
    (("Sub kegiatan di keduanya", "Sub kegiatan in both"), 12, None),
    (("Hanya di anggaran", "Only in the budget"), 12, None),
    (("Hanya di rencana", "Only in the plan"), 12, None),
    (("Pagu anggaran", "Budget pagu"), 18, RUPIAH),
    (("% anggaran yang direncanakan", "% of the budget planned"), 12, PERCENT),
    (("Pagu rencana", "Plan pagu"), 18, RUPIAH),
    (("% rencana yang didanai", "% of the plan funded"), 12, PERCENT),
    (("% program penunjang", "% program penunjang"), 12, PERCENT),
    (("% belanja modal", "% belanja modal"), 12, PERCENT),
)
ITEMS = (
    (("PD", "Agency"), 24, None),
    (("Kode sub kegiatan", "Sub kegiatan code"), 20, None),
    (("Sub kegiatan", "Sub kegiatan"), 50, None),
    (("Status", "Status"), 16, None),
    (("Pagu rencana", "Plan pagu"), 18, RUPIAH),
    (("Pagu anggaran", "Budget pagu"), 18, RUPIAH),
    (("Selisih", "Difference"), 18, RUPIAH),
    (("Selisih (% rencana)", "Difference (% of plan)"), 12, PERCENT),
    (("Sub unit", "Sub units"), 30, None),
)
FUNDS = (
    (("PD", "Agency"), 24, None),
    (("Kode sumber dana", "Funding source code"), 20, None),
    (("Sumber dana", "Funding source"), 50, None),
    (("Pagu", "Pagu"), 18, RUPIAH),
    (("% pagu bersumber dana", "% of pagu with a source"), 12, PERCENT),
)
SHEETS = {
    "summary": ("Ringkasan", "Summary"),
    "items": ("Sub kegiatan", "Sub kegiatan"),
    "funds": ("Sumber dana", "Funding"),
}
STATUS = {"keduanya": "both", "hanya_anggaran": "budget only", "hanya_rencana": "plan only"}


def _sheet(
    workbook: Workbook,
    title: str,
    columns: tuple[tuple[tuple[str, str], int, str | None], ...],
    rows: list[list[object]],
    lang: str,
) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append([pick(header, lang) for header, _, _ in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([float(value) if isinstance(value, Decimal) else value for value in row])
    for index, (_, width, number_format) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _summary(
    pd: str, nama: str, plan: str | None, consistency: Consistency, shape: BudgetShape, *, comparable: bool
) -> list[object]:
    """One summary row; without both sides the two consistency shares stay empty (0 % would read as a finding)."""
    return [
        pd,
        nama,
        plan,
        consistency.both,
        consistency.only_budget,
        consistency.only_plan,
        consistency.budget_pagu,
        consistency.planned_share if comparable else None,
        consistency.plan_pagu,
        consistency.funded_share if comparable else None,
        shape.penunjang_share,
        shape.modal_share,
    ]


def write_budgeting_xlsx(path: Path, analysis: BudgetingAnalysis, *, lang: str = "id") -> None:
    """Write the three sheets; an empty share (no pagu, no rincian) is an empty cell, never 0 %."""
    workbook = Workbook()
    default = workbook.active
    assert default is not None
    workbook.remove(default)
    summary = [
        _summary(
            row.pd,
            row.nama,
            kind_label(row.plan.kind) if row.plan else None,
            row.consistency,
            row.shape,
            comparable=row.comparable,
        )
        for row in analysis.pds
    ]
    total = "Jumlah pemda" if lang == "id" else "Pemda total"
    summary.append(
        _summary(analysis.pemda, total, None, analysis.consistency, analysis.shape, comparable=analysis.comparable)
    )
    _sheet(workbook, pick(SHEETS["summary"], lang), SUMMARY, summary, lang)
    items: list[list[object]] = [
        [
            match.pd,
            match.code,
            match.name,
            match.status.value if lang == "id" else STATUS[match.status.value],
            match.plan.pagu if match.plan else None,
            match.budget.pagu if match.budget else None,
            match.selisih,
            match.relative,
            ", ".join(match.budget.units if match.budget else ()),
        ]
        for match in analysis.matches
    ]
    _sheet(workbook, pick(SHEETS["items"], lang), ITEMS, items, lang)
    funds: list[list[object]] = [
        [row.pd, fund.kode, fund.nama, fund.pagu, fund.share] for row in analysis.pds for fund in row.shape.sumber_dana
    ]
    funds += [[analysis.pemda, fund.kode, fund.nama, fund.pagu, fund.share] for fund in analysis.shape.sumber_dana]
    _sheet(workbook, pick(SHEETS["funds"], lang), FUNDS, funds, lang)
    workbook.save(path)

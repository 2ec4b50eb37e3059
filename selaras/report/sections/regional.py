"""Section 3, Keselarasan dengan prioritas daerah: how the year's Renja pagu covers the RPJMD.

For each RPJMD misi, sasaran and prioritas: how many budgeted Renja units reach it and with how much pagu
(a unit counts fully for every target it reaches, so rows do not add up to the Renja total), and its
status: covered, reached by programs but unfunded this year, or reached by no program at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from selaras.checks.reach import reach_of
from selaras.domain import DocumentKind, ItemLevel, ItemRef, Pemda, Plan
from selaras.report.inputs import ReportInput
from selaras.report.model import Cell, Column, ColumnKind, Paragraph, Section, Table

__all__ = ["TargetRow", "section", "target_rows"]

LEVELS = (ItemLevel.MISI, ItemLevel.SASARAN, ItemLevel.PRIORITAS)


@dataclass(frozen=True, slots=True)
class TargetRow:
    pemda: str
    key: str
    level: ItemLevel
    text: str
    units: int
    pagu: Decimal
    status: str
    """``tercakup``, ``tanpa-pagu`` (programs reach it, none with pagu this year) or ``tanpa-program``."""


def target_rows(source: ReportInput, pemda: Pemda) -> list[TargetRow]:
    """The RPJMD targets of ``pemda`` in document order with the Renja units and pagu reaching them."""
    units = [unit for unit in source.units if unit.plan.document.pemda == pemda.kode]
    reached: dict[str, tuple[int, Decimal]] = {}
    supported = reach_of(source.data).supported_by_programs(pemda.kode)
    rows = []
    for plan in source.data.plans_of(DocumentKind.RPJMD, pemda.kode):
        key = plan.document.key
        for unit in units:
            for ref in _with_misi(source, plan, unit.regional):
                count, pagu = reached.get(ref.item, (0, Decimal(0)))
                reached[ref.item] = (count + 1, pagu + unit.pagu)
        misi_supported = {ref.item for ref in _with_misi(source, plan, supported) if ref.document == key}
        for item in plan.items:
            if item.level not in LEVELS:
                continue
            count, pagu = reached.get(item.key, (0, Decimal(0)))
            if pagu > 0:
                status = "tercakup"
            elif ItemRef(key, item.key) in supported or item.key in misi_supported:
                status = "tanpa-pagu"
            else:
                status = "tanpa-program"
            rows.append(TargetRow(pemda.kode, item.key, item.level, item.text, count, pagu, status))
    return rows


def _with_misi(source: ReportInput, plan: Plan, refs: frozenset[ItemRef]) -> set[ItemRef]:
    """``refs`` of this RPJMD plus the misi above each of them (a misi is served through its sasaran)."""
    key = plan.document.key
    found = {ref for ref in refs if ref.document == key}
    for ref in list(found):
        item = source.data.item(ref)
        if item is not None:
            found |= {ItemRef(key, up.key) for up in source.data.ancestors(plan, item) if up.level is ItemLevel.MISI}
    return found


def section(source: ReportInput) -> Section:
    tr = source.tr
    summary = Table(
        tr("t-rpjmd-summary"),
        (
            Column(tr("col-pemda"), width=32),
            Column(tr("col-sasaran-covered"), ColumnKind.NUMBER, 14),
            Column(tr("col-sasaran-all"), ColumnKind.NUMBER, 12),
            Column(tr("col-priority-funded"), ColumnKind.NUMBER, 14),
            Column(tr("col-priority-all"), ColumnKind.NUMBER, 12),
            Column(tr("col-pagu-regional"), ColumnKind.RUPIAH, 22),
            Column(tr("col-pagu-renja"), ColumnKind.RUPIAH, 22),
        ),
        sheet=tr("sheet-3"),
    )
    columns = [Column(tr("col-pemda"), width=28)] if source.many_pemda else []
    columns += [
        Column(tr("col-kode"), width=10),
        Column(tr("col-level"), width=11),
        Column(tr("col-description"), width=60),
        Column(tr("col-units"), ColumnKind.NUMBER, 10),
        Column(tr("col-pagu-year", year=source.year), ColumnKind.RUPIAH, 22),
        Column(tr("col-status"), width=22),
    ]
    targets = Table(tr("t-rpjmd-targets"), tuple(columns), sheet=tr("sheet-3b"), in_document=not source.many_pemda)
    gaps = Table(tr("t-rpjmd-gaps"), tuple(columns), group_by=0 if source.many_pemda else None, empty=tr("no-gaps"))
    for pemda in source.scoped_pemda:
        rows = target_rows(source, pemda)
        if not rows:
            continue
        units = [unit for unit in source.units if unit.plan.document.pemda == pemda.kode]
        sasaran = [row for row in rows if row.level is ItemLevel.SASARAN]
        priorities = [row for row in rows if row.level is ItemLevel.PRIORITAS]
        summary.rows.append(
            (
                pemda.nama,
                sum(1 for row in sasaran if row.status == "tercakup"),
                len(sasaran),
                sum(1 for row in priorities if row.status == "tercakup"),
                len(priorities),
                sum((unit.pagu for unit in units if unit.regional), Decimal(0)),
                sum((unit.pagu for unit in units), Decimal(0)),
            )
        )
        for row in rows:
            cells: tuple[Cell, ...] = ((pemda.nama,) if source.many_pemda else ()) + (
                row.key,
                tr(f"level-{row.level.value}"),
                row.text,
                row.units,
                row.pagu,
                tr(f"status-{row.status}"),
            )
            targets.rows.append(cells)
            if row.status != "tercakup":
                gaps.rows.append(cells)
    blocks: list[Paragraph | Table] = [Paragraph(tr("s3-intro", year=source.year)), summary, gaps, targets]
    if not summary.rows:
        blocks = [Paragraph(tr("no-rpjmd"))]
    return Section("daerah", 3, tr("s3"), list(blocks))

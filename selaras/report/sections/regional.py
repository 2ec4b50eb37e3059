"""Section 3, Keselarasan dengan prioritas daerah: how the year's Renja pagu covers the RPJMD.

For each RPJMD misi, sasaran and prioritas: how many budgeted Renja units reach it and with how much pagu
(a unit counts fully for every target it reaches, so rows do not add up to the Renja total), and its
status: covered, reached by programs but unfunded this year, or reached by no program at all.

A province's report with kab/kota adds the governor's priorities × the kab/kota: each kab/kota's Renja pagu
reaching each provincial priority (:mod:`selaras.scores.provincial`, split so that a row adds up) and the share of
its pagu reaching any, for every kab/kota whatever the report's scope, as the ranking and the IKU matrix do. A kab/kota
is a row and the priorities are columns, so the table stays narrow on a phone and a page; their names are listed
above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from selaras.checks.reach import reach_of, rpjmd_priorities
from selaras.domain import DocumentKind, ItemLevel, ItemRef, Pemda, PemdaLevel, Plan
from selaras.report.inputs import ReportInput
from selaras.report.model import Cell, Column, ColumnKind, Paragraph, Section, Table
from selaras.scores.provincial import kabkota_support

__all__ = ["UNSUPPORTED", "TargetRow", "governor_priorities", "section", "target_rows"]

LEVELS = (ItemLevel.MISI, ItemLevel.SASARAN, ItemLevel.PRIORITAS)
UNSUPPORTED = "✗"
"""The cell of a provincial priority no sasaran or priority of the kab/kota's RPJMD is linked to."""


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
    intro = Paragraph(tr("s3-intro", year=source.year))
    governor, sheet = governor_priorities(source)
    blocks: list[Paragraph | Table] = [intro, summary, *governor, gaps, targets, *sheet]
    if not summary.rows:
        blocks = [Paragraph(tr("no-rpjmd"))]
    return Section("daerah", 3, tr("s3"), list(blocks))


def governor_priorities(source: ReportInput) -> tuple[list[Paragraph | Table], list[Table]]:
    """The governor's priorities × the kab/kota (see the module docstring) as the document's blocks and the
    Excel sheet's table; nothing unless the report is a province's with kab/kota and the province's RPJMD has
    priorities. The document shows the pagu per priority and the alignment share; the sheet adds the pagu reaching
    any priority and the Renja pagu the share is taken of (eleven number columns do not fit a portrait page next
    to the kab/kota's names)."""
    tr, year = source.tr, source.year
    head = source.family[0] if source.family else None
    priorities = rpjmd_priorities(source.data, head.kode) if head and head.level is PemdaLevel.PROVINSI else []
    kabkota = source.family[1:]
    if not priorities or not kabkota:
        return [], []
    name = Column(tr("col-kabkota"), width=32)
    per_priority = tuple(Column(item.key, ColumnKind.JUTA, 12, decimals=1) for _, item in priorities)
    share = Column(tr("col-alignment"), ColumnKind.PERCENT, 12)
    money = (
        Column(tr("col-to-governor"), ColumnKind.JUTA, 14, decimals=1),
        Column(tr("col-pagu-net"), ColumnKind.JUTA, 14, decimals=1),
    )
    title = tr("t-governor", year=year)
    full = Table(title, (name, *per_priority, *money, share), sheet=tr("sheet-3c"), in_document=False)
    shown = Table(title, (name, *per_priority, share))
    sums = [Decimal(0)] * len(priorities)
    reaching = total = Decimal(0)
    for pemda in kabkota:
        found = kabkota_support(source.data, priorities, pemda.kode, year)
        cells: list[Cell] = []
        for index, (ref, _) in enumerate(priorities):
            pagu = found.pagu.get(ref, Decimal(0))
            sums[index] += pagu
            cells.append(UNSUPPORTED if not pagu and ref not in found.stated else pagu)
        full.rows.append((pemda.nama, *cells, found.reaching, found.total, found.share))
        shown.rows.append((pemda.nama, *cells, found.share))
        reaching, total = reaching + found.reaching, total + found.total
    overall = float(100 * reaching / total) if total else None
    full.total = (tr("total"), *sums, reaching, total, overall)
    shown.total = (tr("total"), *sums, overall)
    legend = tuple(f"{item.key} {item.text}" for _, item in priorities)
    intro, trace = Paragraph(tr("governor-intro", year=year), legend), Paragraph(tr("governor-trace", year=year))
    return [intro, shown, trace], [full]

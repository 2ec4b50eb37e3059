"""Section 7, Efisiensi anggaran: duplicated work between PD, unit-cost outliers against the median of the
other pemda, and the year's pagu on Renja items that reach no regional and no national priority."""

from __future__ import annotations

from decimal import Decimal

from selaras.report.charts import BarChart
from selaras.report.followup import with_followup
from selaras.report.format import compact_rupiah, percent, rupiah
from selaras.report.inputs import ReportInput
from selaras.report.model import Block, Cell, Column, ColumnKind, Paragraph, Section, Table
from selaras.report.sections.quality import findings_table, outside_note

__all__ = ["section", "unaligned_units"]

DUPLICATE, OUTLIER = "SEL601", "SEL602"
DOCUMENT_ROWS = 30


def section(source: ReportInput) -> Section:
    tr = source.tr
    duplicates = [f for f in source.scoped_findings(frozenset({"efficiency"})) if f.rule.code == DUPLICATE]
    blocks: list[Block] = [Paragraph(tr("s7-intro"))]
    blocks += findings_table(source, duplicates, tr("t-duplicates"), tr("sheet-7"))
    blocks += _outliers(source)
    blocks += _unaligned(source)
    blocks += outside_note(source, frozenset({"efficiency"}))
    return Section("efisiensi", 7, tr("s7"), blocks)


def _outliers(source: ReportInput) -> list[Block]:
    tr = source.tr
    findings = [f for f in source.scoped_findings(frozenset({"efficiency"})) if f.rule.code == OUTLIER]
    columns = (
        Column(tr("col-pd"), width=36),
        Column(tr("col-kode"), width=20),
        Column(tr("col-indicator"), width=46),
        Column(tr("col-satuan"), width=12),
        Column(tr("col-unit-cost"), ColumnKind.RUPIAH, 20),
        Column(tr("col-median"), ColumnKind.RUPIAH, 20),
        Column(tr("col-ratio"), ColumnKind.NUMBER, 10, decimals=1),
        Column(tr("col-peers"), ColumnKind.NUMBER, 10),
    )
    table = Table(tr("t-outliers"), columns, sheet=tr("sheet-7b"), empty=tr("no-outliers"))
    categories, values, labels = [], [], []
    for finding in findings:
        where, evidence = finding.finding.location, finding.finding.evidence
        cost, median = _decimal(evidence.get("unit_cost")), _decimal(evidence.get("median"))
        ratio = _decimal(evidence.get("ratio"))
        peers = evidence.get("peers")
        agency = source.data.get_pd(where.pemda, where.pd)
        name = source.pd_name(where.pemda, where.pd)
        table.rows.append(
            (
                f"{name} — {source.pemda_name(where.pemda)}",
                where.code,
                where.indicator,
                str(evidence.get("satuan", "")),
                cost,
                median,
                ratio,
                peers if isinstance(peers, int) else None,
            )
        )
        short = agency.singkatan if agency and agency.singkatan else name
        categories.append(f"{where.code} · {short} ({where.pemda})")
        values.append((float(median or 0), float(cost or 0)))
        labels.append((compact_rupiah(median or 0, source.lang), compact_rupiah(cost or 0, source.lang)))
    blocks: list[Block] = [*with_followup(source, table, findings)]
    if findings:
        series = (tr("series-median"), tr("series-item"))
        blocks.append(BarChart(tr("c-outliers"), tuple(categories), series, tuple(values), tuple(labels)))
    return blocks


def _decimal(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def unaligned_units(source: ReportInput) -> list[tuple[Cell, ...]]:
    """Budgeted Renja units of the year reaching no RPJMD target and no national priority, largest pagu first."""
    rows: list[tuple[Cell, ...]] = []
    for unit in sorted(source.units, key=lambda unit: -unit.pagu):
        if unit.regional or unit.national:
            continue
        pemda, pd = unit.plan.document.pemda, unit.plan.document.pd or ""
        rows.append(
            (
                source.pd_name(pemda, pd),
                source.pemda_name(pemda),
                unit.item.code or unit.item.key,
                unit.item.text,
                unit.pagu,
            )
        )
    return rows


def _unaligned(source: ReportInput) -> list[Block]:
    tr = source.tr
    rows = unaligned_units(source)
    columns = (
        Column(tr("col-pd"), width=36),
        Column(tr("col-pemda"), width=28),
        Column(tr("col-kode"), width=20),
        Column(tr("col-description"), width=60),
        Column(tr("col-pagu-year", year=source.year), ColumnKind.RUPIAH, 22),
    )
    total_pagu = sum((unit.pagu for unit in source.units), Decimal(0))
    unaligned = sum((Decimal(str(row[-1])) for row in rows), Decimal(0))
    share = 100 * unaligned / total_pagu if total_pagu else Decimal(0)
    intro = Paragraph(
        tr("unaligned-intro", count=len(rows), pagu=rupiah(unaligned, source.lang), share=percent(share, source.lang))
    )
    full = Table(tr("t-unaligned"), columns, rows, sheet=tr("sheet-7c"), in_document=len(rows) <= DOCUMENT_ROWS)
    full.total = ("", "", "", tr("total"), unaligned)
    blocks: list[Block] = [intro]
    if rows:
        blocks.append(full)
    if len(rows) > DOCUMENT_ROWS:
        blocks.append(Table(tr("t-unaligned-top", count=DOCUMENT_ROWS), columns, rows[:DOCUMENT_ROWS]))
    return blocks

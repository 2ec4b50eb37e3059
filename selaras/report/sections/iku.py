"""Section 5, Sinkronisasi IKU: the province × kab/kota matrix as a heat map, rows grouped by provincial PD.

The statuses are those of ``iku_sync_matrix`` (the same pairing the IKU rules use); each has a colour and
a symbol, so the map reads without colour too.
"""

from __future__ import annotations

from selaras.checks.iku_matrix import SyncRow, SyncStatus, iku_sync_matrix
from selaras.domain import PemdaLevel
from selaras.report.charts import Category, HeatMap
from selaras.report.inputs import ReportInput
from selaras.report.model import Block, Cell, Column, ColumnKind, Paragraph, Section, Table

__all__ = ["STYLE", "section"]

STYLE: dict[SyncStatus, tuple[str, str]] = {
    SyncStatus.SELARAS: ("#0072B2", "✓"),
    SyncStatus.SATUAN_BERBEDA: ("#F0E442", "S"),
    SyncStatus.ARAH_BERBEDA: ("#E69F00", "A"),
    SyncStatus.TIDAK_ADA: ("#D55E00", "✗"),
    SyncStatus.TANPA_MITRA: ("#DDDDDD", "–"),
}
ROWS_PER_MAP = 40


def _short(name: str) -> str:
    return name.replace("Kabupaten ", "Kab. ")


def section(source: ReportInput) -> Section:
    tr = source.tr
    head = source.family[0] if source.family else None
    if head is None or head.level is not PemdaLevel.PROVINSI:
        return Section("iku", 5, tr("s5"), [Paragraph(tr("iku-not-province"))])
    matrix = iku_sync_matrix(source.data, head.kode, source.thresholds)
    if not matrix:
        return Section("iku", 5, tr("s5"), [Paragraph(tr("no-iku"))])
    kabkota = source.family[1:]
    statuses = list(SyncStatus)
    categories = tuple(Category(tr(f"sync-{s.name.lower()}"), *STYLE[s]) for s in statuses)
    blocks: list[Block] = [Paragraph(tr("s5-intro", count=len(matrix), kabkota=len(kabkota)))]
    blocks.append(_score_table(source, matrix))
    chunks = [matrix[start : start + ROWS_PER_MAP] for start in range(0, len(matrix), ROWS_PER_MAP)]
    for number, chunk in enumerate(chunks, start=1):
        part = f" ({number}/{len(chunks)})" if len(chunks) > 1 else ""
        blocks.append(
            HeatMap(
                tr("c-iku") + part,
                tuple(f"{_pd_label(source, head.kode, row)} · {row.indicator}" for row in chunk),
                tuple(_short(p.nama) for p in kabkota),
                tuple(
                    tuple(statuses.index(row.statuses.get(p.kode, SyncStatus.TANPA_MITRA)) for p in kabkota)
                    for row in chunk
                ),
                categories,
            )
        )
    blocks.append(_matrix_table(source, matrix))
    return Section("iku", 5, tr("s5"), blocks)


def _pd_label(source: ReportInput, provinsi: str, row: SyncRow) -> str:
    agency = source.data.get_pd(provinsi, row.pd)
    return agency.singkatan if agency and agency.singkatan else row.pd_nama


def _score_table(source: ReportInput, matrix: list[SyncRow]) -> Table:
    tr = source.tr
    head = source.pemda_cards.get(source.family[0].kode)
    columns = (
        Column(tr("col-kabkota"), width=32),
        *(Column(tr(f"sync-{s.name.lower()}"), ColumnKind.NUMBER, 12) for s in SyncStatus),
        Column(tr("score-sinkronisasi_iku"), ColumnKind.SCORE, 14),
    )
    table = Table(tr("t-iku-scores"), columns, sheet=tr("sheet-5"))
    for pemda in source.family[1:]:
        counts = [sum(1 for row in matrix if row.statuses.get(pemda.kode) is s) for s in SyncStatus]
        found = head.scores.get(f"sinkronisasi_iku:{pemda.kode}") if head else None
        table.rows.append((pemda.nama, *counts, found.value if found else None))
    return table


def _matrix_table(source: ReportInput, matrix: list[SyncRow]) -> Table:
    """Every cell of the matrix as text, for filtering in Excel (the document shows the heat map)."""
    tr = source.tr
    kabkota = source.family[1:]
    columns = (
        Column(tr("col-pd"), width=36),
        Column(tr("col-indicator"), width=50),
        Column(tr("col-satuan"), width=12),
        *(Column(_short(p.nama), width=14) for p in kabkota),
    )
    table = Table(tr("t-iku-matrix"), columns, sheet=tr("sheet-5b"), in_document=False)
    for row in matrix:
        cells: tuple[Cell, ...] = (row.pd_nama, row.indicator, row.satuan)
        statuses = tuple(tr(f"sync-{row.statuses.get(p.kode, SyncStatus.TANPA_MITRA).name.lower()}") for p in kabkota)
        table.rows.append(cells + statuses)
    return table

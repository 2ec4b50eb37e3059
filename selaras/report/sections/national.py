"""Section 2, Keselarasan dengan agenda nasional: PD × Asta Cita matrix, pagu shares, PD → Asta Cita flows.

Pagu per misi comes from the PD score cards (``pagu_per_target``, a unit reaching several misi split
equally), so the report's totals are the scores' totals; item counts count each unit once per misi.
"""

from __future__ import annotations

from decimal import Decimal

from selaras.checks.reach import owner
from selaras.domain import DocumentKind
from selaras.report.charts import BarChart, Sankey
from selaras.report.format import compact_rupiah, percent, rupiah
from selaras.report.inputs import ReportInput
from selaras.report.model import Block, Cell, Column, ColumnKind, Paragraph, Section, Table
from selaras.scores.alignment import PENUNJANG

__all__ = ["asta_cita_pagu", "section"]

ASTA_CITA = tuple(f"AC{n}" for n in range(1, 9))
PN = tuple(f"PN{n}" for n in range(1, 9))
SANKEY_SOURCES = 12


def asta_cita_pagu(source: ReportInput, kind: str = "asta_cita") -> dict[str, Decimal]:
    """Pagu per Asta Cita misi (or per PN) summed over the PD in scope, from their score cards."""
    totals: dict[str, Decimal] = {}
    for pd in source.scoped_pd:
        card = source.pd_cards.get((pd.pemda, pd.kode))
        for label, pagu in (card.pagu_per_target.get(kind, {}) if card else {}).items():
            totals[label] = totals.get(label, Decimal(0)) + pagu
    return totals


def section(source: ReportInput) -> Section:
    tr = source.tr
    shares = asta_cita_pagu(source)
    blocks: list[Block] = [Paragraph(tr("s2-intro")), *_matrix(source)]
    blocks += [_share_table(source, shares, DocumentKind.ASTA_CITA, ASTA_CITA, "t-share-ac", "sheet-2b")]
    blocks.append(_share_chart(source, shares))
    pn = asta_cita_pagu(source, "pn")
    if pn:
        blocks.append(_share_table(source, pn, DocumentKind.RPJMN, PN, "t-share-pn", "sheet-2c"))
        ac_total, pn_total = sum(shares.values(), Decimal(0)), sum(pn.values(), Decimal(0))
        if ac_total != pn_total:
            totals = {"ac": rupiah(ac_total, source.lang), "pn": rupiah(pn_total, source.lang)}
            blocks.append(Paragraph(tr("totals-differ", **totals)))
    else:
        blocks.append(Paragraph(tr("no-pn")))
    flows = _flows(source)
    if flows:
        labels = {name: compact_rupiah(total, source.lang) for name, total in _node_totals(flows).items()}
        blocks.append(Sankey(tr("c-sankey"), tuple(flows), labels))
    return Section("nasional", 2, tr("s2"), blocks, wide=True)


def _matrix(source: ReportInput) -> list[Table]:
    """The PD × Asta Cita matrix with every PD in scope. When that takes in the PD of kab/kota under the
    report's province, the document shows the province's own PD and one summed row per kab/kota instead (the
    Excel sheet keeps every PD): some 500 rows of mostly blank cells made 25 pages that nobody reads."""
    tr = source.tr
    columns = [Column(tr("col-pd"), width=36)]
    columns += [Column(tr("col-pemda"), width=24)] if source.many_pemda else []
    for label in ASTA_CITA:
        columns += [Column(tr("col-items-of", label=label), ColumnKind.NUMBER, 8)]
        columns += [Column(tr("col-pagu-of", label=label), ColumnKind.JUTA, 16)]
    # Several pemda: their name heads each group of rows (the PD are in pemda order) instead of a column,
    # which leaves the PD names room for one line.
    group = 1 if source.many_pemda else None
    table = Table(tr("t-matrix-ac"), tuple(columns), sheet=tr("sheet-2"), group_by=group)
    nothing = [(0, Decimal(0))] * len(ASTA_CITA)
    totals, others, own = nothing, dict[str, list[tuple[int, Decimal]]](), list[tuple[Cell, ...]]()
    for pd in source.scoped_pd:
        card = source.pd_cards.get((pd.pemda, pd.kode))
        pagu = card.pagu_per_target.get("asta_cita", {}) if card else {}
        counts = dict.fromkeys(ASTA_CITA, 0)
        for unit in source.units_by_pd.get((pd.pemda, pd.kode), []):
            for ref in unit.national:
                if owner(ref)[1] == DocumentKind.ASTA_CITA.value and ref.item in counts:
                    counts[ref.item] += 1
        values = [(counts[label], pagu.get(label, Decimal(0))) for label in ASTA_CITA]
        row = (pd.nama, *([source.pemda_name(pd.pemda)] if source.many_pemda else []), *_cells(values))
        table.rows.append(row)
        totals = _add(totals, values)
        if pd.pemda == source.pemda:
            own.append(row)
        else:
            others[pd.pemda] = _add(others.get(pd.pemda, nothing), values)
    table.total = (tr("total"), *([""] if source.many_pemda else []), *(cell for pair in totals for cell in pair))
    if not others:
        return [table]
    shown = Table(tr("t-matrix-ac"), table.columns, own, table.total, group_by=group)
    label = tr("col-kabkota")
    for pemda, values in others.items():
        count = sum(1 for pd in source.scoped_pd if pd.pemda == pemda)
        shown.rows.append((tr("pemda-pd", pemda=source.pemda_name(pemda), count=count), label, *_cells(values)))
    table.in_document = False
    return [shown, table]


def _cells(values: list[tuple[int, Decimal]]) -> list[Cell]:
    """Item count and pagu per misi, blank rather than a wall of zeros."""
    return [cell for count, pagu in values for cell in (count or None, pagu or None)]


def _add(left: list[tuple[int, Decimal]], right: list[tuple[int, Decimal]]) -> list[tuple[int, Decimal]]:
    return [(n + m, a + b) for (n, a), (m, b) in zip(left, right, strict=True)]


def _share_table(
    source: ReportInput,
    shares: dict[str, Decimal],
    kind: DocumentKind,
    labels: tuple[str, ...],
    title: str,
    sheet: str,
) -> Table:
    tr = source.tr
    columns = (
        Column(tr("col-kode"), width=8),
        Column(tr("col-name"), width=70),
        Column(tr("col-pagu"), ColumnKind.RUPIAH, 22),
        Column(tr("col-share"), ColumnKind.PERCENT, 10),
    )
    table = Table(tr(title), columns, sheet=tr(sheet))
    total = sum(shares.values(), Decimal(0))
    for label in labels:
        pagu = shares.get(label, Decimal(0))
        share = float(100 * pagu / total) if total else 0.0
        table.rows.append((label, source.item_text(kind, label), pagu, share))
    if shares.get(PENUNJANG):
        pagu = shares[PENUNJANG]
        table.rows.append(("", tr("belanja-penunjang"), pagu, float(100 * pagu / total)))
    table.total = ("", tr("total"), total, 100.0 if total else 0.0)
    return table


def _share_chart(source: ReportInput, shares: dict[str, Decimal]) -> BarChart:
    total = sum(shares.values(), Decimal(0)) or Decimal(1)
    values = [float(shares.get(label, 0)) for label in ASTA_CITA]
    amounts = [shares.get(label, Decimal(0)) for label in ASTA_CITA]
    texts = [f"{compact_rupiah(v, source.lang)} ({percent(100 * v / total, source.lang)})" for v in amounts]
    categories = tuple(f"{label} {source.item_text(DocumentKind.ASTA_CITA, label)}" for label in ASTA_CITA)
    return BarChart(
        source.tr("c-share-ac"),
        categories,
        (source.tr("col-pagu"),),
        tuple((value,) for value in values),
        tuple((text,) for text in texts),
    )


def _flows(source: ReportInput) -> list[tuple[str, str, float]]:
    """PD → Asta Cita pagu; the PD beyond the largest ``SANKEY_SOURCES`` are merged into one node."""
    per_pd: list[tuple[str, dict[str, Decimal]]] = []
    for pd in source.scoped_pd:
        card = source.pd_cards.get((pd.pemda, pd.kode))
        if card and card.pagu_per_target.get("asta_cita"):
            name = pd.singkatan or pd.nama
            label = f"{name} ({pd.pemda})" if source.many_pemda else name
            per_pd.append((label, card.pagu_per_target["asta_cita"]))
    per_pd.sort(key=lambda entry: -sum(entry[1].values()))
    flows: dict[tuple[str, str], Decimal] = {}
    others = source.tr("other-pd", count=max(0, len(per_pd) - SANKEY_SOURCES))
    for index, (label, pagu) in enumerate(per_pd):
        name = label if index < SANKEY_SOURCES else others
        for target, amount in pagu.items():
            shown = source.tr("belanja-penunjang") if target == PENUNJANG else target
            flows[(name, shown)] = flows.get((name, shown), Decimal(0)) + amount
    return [(name, target, float(amount)) for (name, target), amount in flows.items() if amount > 0]


def _node_totals(flows: list[tuple[str, str, float]]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for source, target, value in flows:
        totals[source] = totals.get(source, 0) + value
        totals[target] = totals.get(target, 0) + value
    return totals

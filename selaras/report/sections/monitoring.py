"""Section 8, Capaian dan serapan: is the year's plan being carried out, and is the money buying its targets?

From the realisasi per triwulan (:mod:`selaras.checks.monitoring`) up to the triwulan under review:

- serapan anggaran per PD at the end of each triwulan against the plan's curve (a table and a bar chart, the
  PD furthest behind on top), with capaian kinerja and its Permendagri 86/2017 band; the table names whose pagu
  the serapan is measured against (APBD, KUA-PPAS or Renja: :func:`selaras.checks.monitoring.measured_pagu`);
- effectiveness per priority (:mod:`selaras.checks.effectiveness`): for the head of region's RPJMD priorities
  and the Asta Cita missions, the money that reached them, what was realised and how much of it bought its
  targets;
- a capaian map per priority: priority × kab/kota for a province with kab/kota, PD × priority for one pemda;
- the lagging list: the monitoring findings (SEL9xx) with the person following each up (PIC) — the follow-up
  assignee when one was assigned, else the PD — and the deadline.

Without realisasi the section says so in one line, so a reader never wonders where it went.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from selaras.checks.effectiveness import Effectiveness, effectiveness, followed_priorities
from selaras.checks.monitoring import ItemProgress, Rating, expected_share, rating, summarise
from selaras.domain import ItemRef
from selaras.domain.realisasi import roman
from selaras.report.charts import BarChart, Category, HeatMap
from selaras.report.format import day, number, percent, rupiah
from selaras.report.inputs import RenderedFinding, ReportInput
from selaras.report.model import Block, Cell, Column, ColumnKind, Paragraph, Section, Table
from selaras.report.sections.decisions import responsible
from selaras.report.sections.quality import outside_note

__all__ = ["capaian_map", "priorities", "section"]

NUMBER = 8
FAMILY = frozenset({"monitoring"})
DOCUMENT_PD = 40
"""Beyond this many PD in scope the document shows one row (and one bar group) per pemda; Excel keeps every PD."""
LAGGING_ROWS = 30
"""Lagging items listed in the document; the Excel sheet has all of them."""
CHART_ROWS = 15
"""PD (or pemda) in the serapan chart: those furthest behind, when there are more."""
NO_DATA = "#EEEEEE"

Grid = tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[Decimal | None, ...], ...]]
"""Row labels, column labels and the capaian in each cell (None: no reporting money reached it)."""


def section(source: ReportInput) -> Section:
    tr = source.tr
    title = tr("s-capaian")
    if not source.progress:
        return Section("capaian", NUMBER, title, [Paragraph(tr("mon-none", year=source.year))])
    scoped = source.scoped_codes
    quarters = [[own for own in progress if own.plan.document.pemda in scoped] for progress in source.progress]
    blocks: list[Block] = [Paragraph(_intro(source, quarters))]
    if quarters[-1]:
        blocks += _absorption(source, quarters)
        blocks += _effectiveness(source, quarters[-1])
    blocks += _map(source)
    blocks += _lagging(source)
    blocks += outside_note(source, FAMILY)
    return Section("capaian", NUMBER, title, blocks, wide=True)


def _band(source: ReportInput, value: Decimal | None) -> str:
    band = rating(value)
    return source.tr(f"rating-{band.name.lower()}") if band else ""


def _percent(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _intro(source: ReportInput, quarters: Sequence[Sequence[ItemProgress]]) -> str:
    tr, lang = source.tr, source.lang
    triwulan = len(quarters)
    shares = {tw: expected_share(source.thresholds, tw) * 100 for tw in (1, 2, 3, 4)}
    curve = ", ".join(f"TW {roman(tw)} {percent(share, lang, decimals=0)}" for tw, share in shares.items())
    if not quarters[-1]:
        return tr("mon-scope-none", triwulan=roman(triwulan), year=source.year, curve=curve)
    total = summarise("", quarters[-1])
    return tr(
        "mon-intro",
        triwulan=roman(triwulan),
        year=source.year,
        items=number(total.items, lang),
        anggaran=rupiah(total.anggaran, lang),
        pagu=rupiah(total.pagu, lang),
        basis=total.basis,
        serapan=percent(total.serapan or 0, lang),
        capaian=percent(total.capaian, lang) if total.capaian is not None else "–",
        band=_band(source, total.capaian) or "–",
        curve=curve,
    )


def _group_by_pd(progress: Sequence[ItemProgress]) -> dict[tuple[str, str], list[ItemProgress]]:
    grouped: dict[tuple[str, str], list[ItemProgress]] = defaultdict(list)
    for own in progress:
        grouped[own.plan.document.pemda, own.pd].append(own)
    return dict(sorted(grouped.items()))


def _absorption(source: ReportInput, quarters: Sequence[Sequence[ItemProgress]]) -> list[Block]:
    """Serapan per PD at each triwulan and capaian at the last, as a table and a chart; with more than
    :data:`DOCUMENT_PD` PD the document takes one row per pemda (the Excel sheet keeps the PD)."""
    per_quarter = [_group_by_pd(progress) for progress in quarters]
    by_pd = {key: [grouped.get(key, []) for grouped in per_quarter] for key in per_quarter[-1]}
    by_pemda: dict[str, list[list[ItemProgress]]] = {}
    for (pemda, _), series in by_pd.items():
        lists = by_pemda.setdefault(pemda, [[] for _ in quarters])
        for index, items in enumerate(series):
            lists[index] += items
    table = _curve_table(source, by_pd, per_pemda=False)
    blocks: list[Block] = [table]
    chosen: dict[tuple[str, str], list[list[ItemProgress]]] = by_pd
    if len(by_pd) > DOCUMENT_PD:
        table.in_document = False
        chosen = {(pemda, ""): series for pemda, series in by_pemda.items()}
        blocks.append(_curve_table(source, chosen, per_pemda=True))
    blocks.append(_curve_chart(source, chosen))
    return blocks


def _curve_table(
    source: ReportInput, rows: dict[tuple[str, str], list[list[ItemProgress]]], *, per_pemda: bool
) -> Table:
    tr = source.tr
    triwulan = len(next(iter(rows.values())))
    many = source.many_pemda and not per_pemda
    columns = [Column(tr("col-pemda" if per_pemda else "col-pd"), width=40)]
    columns += [Column(tr("col-pemda"), width=28)] if many else []
    columns += [
        Column(tr("col-units"), ColumnKind.NUMBER, 8),
        Column(tr("col-pagu-year", year=source.year), ColumnKind.JUTA, 16, decimals=1),
        Column(tr("col-pagu-basis"), width=14),
        Column(tr("col-realisasi"), ColumnKind.JUTA, 16, decimals=1),
        *(Column(tr("col-serapan-tw", triwulan=roman(tw)), ColumnKind.PERCENT, 11) for tw in range(1, triwulan + 1)),
        Column(tr("col-capaian"), ColumnKind.PERCENT, 11),
        Column(tr("col-rating"), width=14),
    ]
    title = tr("t-serapan-pemda" if per_pemda else "t-serapan-pd", triwulan=roman(triwulan))
    table = Table(title, tuple(columns), sheet=None if per_pemda else tr("sheet-capaian"), group_by=1 if many else None)
    every: list[list[ItemProgress]] = [[] for _ in range(triwulan)]
    for (pemda, pd), series in rows.items():
        summaries = [summarise("", items) for items in series]
        last = summaries[-1]
        name = source.pemda_name(pemda) if per_pemda else source.pd_name(pemda, pd)
        cells: tuple[Cell, ...] = (name, *((source.pemda_name(pemda),) if many else ()))
        serapan = tuple(_percent(summary.serapan) for summary in summaries)
        band = _band(source, last.capaian)
        table.rows.append(
            (*cells, last.items, last.pagu, last.basis, last.anggaran, *serapan, _percent(last.capaian), band)
        )
        for index, items in enumerate(series):
            every[index] += items
    totals = [summarise("", items) for items in every]
    table.total = (
        tr("total"),
        *(("",) if many else ()),
        totals[-1].items,
        totals[-1].pagu,
        totals[-1].basis,
        totals[-1].anggaran,
        *(_percent(summary.serapan) for summary in totals),
        _percent(totals[-1].capaian),
        _band(source, totals[-1].capaian),
    )
    return table


def _curve_chart(source: ReportInput, rows: dict[tuple[str, str], list[list[ItemProgress]]]) -> BarChart:
    """Serapan at each triwulan per PD (or pemda), the furthest behind first (at most :data:`CHART_ROWS`), with
    the plan's curve."""
    tr, lang = source.tr, source.lang
    triwulan = len(next(iter(rows.values())))
    entries = []
    for (pemda, pd), series in rows.items():
        values = tuple(float(summarise("", items).serapan or 0) for items in series)
        agency = source.data.get_pd(pemda, pd) if pd else None
        name = (agency.singkatan or agency.nama) if agency else source.pemda_name(pemda)
        if pd and source.many_pemda:
            name = f"{name} ({pemda})"
        entries.append((values[-1], name, values))
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    title = tr("c-serapan", triwulan=roman(triwulan))
    if len(entries) > CHART_ROWS:
        title = tr("c-serapan-lowest", triwulan=roman(triwulan), count=CHART_ROWS, total=len(entries))
        entries = entries[:CHART_ROWS]
    references = tuple(
        (tr("plan-tw", triwulan=roman(tw), share=percent(share, lang, decimals=0)), float(share))
        for tw in range(1, triwulan + 1)
        if (share := expected_share(source.thresholds, tw) * 100)
    )
    return BarChart(
        title,
        tuple(name for _, name, _ in entries),
        tuple(f"TW {roman(tw)}" for tw in range(1, triwulan + 1)),
        tuple(values for _, _, values in entries),
        tuple(tuple(percent(value, lang, decimals=0) for value in values) for _, _, values in entries),
        maximum=100,
        references=references,
    )


def priorities(source: ReportInput) -> list[tuple[ItemRef, str, str]]:
    """The priorities the section follows (:func:`followed_priorities` of the report's pemda) as (reference,
    code, name)."""
    return [(ref, item.key, item.text) for ref, item in followed_priorities(source.data, source.pemda)]


def _effectiveness(source: ReportInput, progress: Sequence[ItemProgress]) -> list[Block]:
    tr = source.tr
    found = effectiveness(source.data, progress)
    columns = (
        Column(tr("col-kode"), width=8),
        Column(tr("col-priority"), width=50),
        Column(tr("col-units"), ColumnKind.NUMBER, 8),
        Column(tr("col-pagu-year", year=source.year), ColumnKind.JUTA, 16, decimals=1),
        Column(tr("col-realisasi"), ColumnKind.JUTA, 16, decimals=1),
        Column(tr("col-serapan"), ColumnKind.PERCENT, 10),
        Column(tr("col-capaian-weighted"), ColumnKind.PERCENT, 12),
        Column(tr("col-rating"), width=14),
        Column(tr("col-effective"), ColumnKind.JUTA, 16, decimals=1),
        Column(tr("col-effective-share"), ColumnKind.PERCENT, 12),
    )
    table = Table(tr("t-effectiveness"), columns, sheet=tr("sheet-capaian-b"))
    for ref, code, name in priorities(source):
        own = found.get(ref)
        table.rows.append((code, name, *_effect_cells(source, own)))
    return [Paragraph(tr("effectiveness-intro")), table]


def _effect_cells(source: ReportInput, own: Effectiveness | None) -> tuple[Cell, ...]:
    if own is None:
        return (0, None, None, None, None, "", None, None)
    return (
        own.items,
        own.pagu,
        own.anggaran,
        _percent(own.serapan),
        _percent(own.capaian),
        _band(source, own.capaian),
        own.effective,
        _percent(own.effective_share),
    )


def capaian_map(source: ReportInput) -> Grid:
    """Capaian per priority × pemda of the family (a province with kab/kota), or per PD × priority (one pemda):
    the money-weighted capaian of the items reaching the priority in that pemda or PD."""
    progress = source.progress[-1]
    followed = priorities(source)
    if len(source.family) > 1:
        per_pemda: dict[str, list[ItemProgress]] = defaultdict(list)
        for own in progress:
            per_pemda[own.plan.document.pemda].append(own)
        columns = [pemda for pemda in source.family if per_pemda.get(pemda.kode)]
        found = [effectiveness(source.data, per_pemda[pemda.kode]) for pemda in columns]
        cells = tuple(tuple(_capaian(column.get(ref)) for column in found) for ref, _, _ in followed)
        rows = tuple(f"{code} {name}" for _, code, name in followed)
        return rows, tuple(pemda.nama for pemda in columns), cells
    grouped = _group_by_pd(progress)
    names = []
    cells_pd = []
    for (pemda, pd), items in grouped.items():
        agency = source.data.get_pd(pemda, pd)
        names.append(f"{agency.singkatan or agency.nama}" if agency else pd)
        found_pd = effectiveness(source.data, items)
        cells_pd.append(tuple(_capaian(found_pd.get(ref)) for ref, _, _ in followed))
    return tuple(names), tuple(code for _, code, _ in followed), tuple(cells_pd)


def _capaian(own: Effectiveness | None) -> Decimal | None:
    return None if own is None else own.capaian


def _map(source: ReportInput) -> list[Block]:
    tr, lang = source.tr, source.lang
    rows, columns, cells = capaian_map(source)
    if not rows or not columns:
        return []
    bands = list(Rating)
    categories = (
        *(Category(tr(f"legend-{band.name.lower()}"), band.colour, "") for band in bands),
        Category(tr("legend-none"), NO_DATA, "–"),
    )
    indexes = tuple(
        tuple(len(bands) if value is None else bands.index(rating(value) or Rating.SANGAT_RENDAH) for value in row)
        for row in cells
    )
    labels = tuple(tuple("–" if value is None else number(value, lang) for value in row) for row in cells)
    province = len(source.family) > 1
    chart = HeatMap(tr("c-capaian-map" if province else "c-capaian-map-pd"), rows, columns, indexes, categories, labels)
    head = Column(tr("col-priority" if province else "col-pd"), width=50)
    table = Table(
        chart.title,
        (head, *(Column(column, ColumnKind.PERCENT, 12) for column in columns)),
        [(row, *(_percent(value) for value in values)) for row, values in zip(rows, cells, strict=True)],
        sheet=tr("sheet-capaian-c"),
        in_document=False,
    )
    return [Paragraph(tr("map-intro" if province else "map-intro-pd")), chart, table]


def _lagging(source: ReportInput) -> list[Block]:
    """The SEL9xx findings in scope, galat first then by rupiah at stake, each with its PIC and deadline."""
    tr = source.tr
    findings = sorted(
        source.scoped_findings(FAMILY),
        key=lambda f: (f.finding.location.pemda if source.many_pemda else "", f.severity_rank, -_stake(f)),
    )
    columns = (
        Column(tr("col-no"), ColumnKind.NUMBER, 5),
        *((Column(tr("col-pemda"), width=28),) if source.many_pemda else ()),
        Column(tr("col-kode"), width=20),
        Column(tr("col-message"), width=70),
        Column(tr("col-pic"), width=30),
        Column(tr("col-deadline"), width=20),
    )
    group = 1 if source.many_pemda else None
    rows = [_lagging_row(source, place, finding) for place, finding in enumerate(findings, start=1)]
    full = Table(tr("t-lagging"), columns, rows, sheet=tr("sheet-capaian-d"), group_by=group, empty=tr("no-lagging"))
    blocks: list[Block] = [full]
    if len(rows) > LAGGING_ROWS:
        full.in_document = False
        shown = Table(tr("t-lagging-top", count=LAGGING_ROWS, total=len(rows)), columns, rows[:LAGGING_ROWS])
        shown.group_by = group
        blocks.append(shown)
    return blocks


def _stake(finding: RenderedFinding) -> Decimal:
    return max((value for value in finding.finding.evidence.values() if isinstance(value, Decimal)), default=Decimal(0))


def _lagging_row(source: ReportInput, place: int, finding: RenderedFinding) -> tuple[Cell, ...]:
    tr = source.tr
    where = finding.finding.location
    pd = responsible(source, finding)
    followup = source.followup(finding)
    pic = f"{followup.assignee} ({pd})" if followup is not None else pd
    if followup is not None:
        deadline = day(followup.deadline, source.lang)
    elif source.deadline is not None:
        deadline = f"{day(source.deadline, source.lang)} ({tr('proposed')})"
    else:
        deadline = "–"
    pemda: tuple[Cell, ...] = (source.pemda_name(where.pemda),) if source.many_pemda else ()
    return (place, *pemda, where.code or where.item, f"{finding.rule.code} · {finding.message}", pic, deadline)

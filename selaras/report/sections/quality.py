"""Sections 4 and 6: chain consistency and performance orientation, each as scores per PD and the findings
behind them grouped by PD (the message carries the values compared)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from selaras.checks.findings import FindingSeverity
from selaras.report.charts import BarChart
from selaras.report.followup import document_table, sheet_table, with_followup
from selaras.report.format import number, score
from selaras.report.inputs import RenderedFinding, ReportInput
from selaras.report.model import Block, Cell, Column, ColumnKind, Paragraph, Section, Table
from selaras.scores.quality import CONSISTENCY_FAMILIES, PERFORMANCE_FAMILIES

__all__ = ["consistency_section", "findings_table", "outside_note", "performance_section", "score_tables"]

CHART_ROWS = 15


def findings_table(source: ReportInput, findings: list[RenderedFinding], title: str, sheet: str | None) -> list[Block]:
    """Findings grouped by PD: rule, severity, where (document, item, indicator), message, suggestion and the
    tindak lanjut (:func:`selaras.report.followup.with_followup`: the document's table, then Excel's).

    With an Excel sheet, the document lists the galat and peringatan and counts the info findings in one
    sentence, by rule: a few hundred "not the standard indicator" notes would otherwise fill thirty pages of the
    Rakor's document with what needs no decision, while every agency still finds its own in the sheet."""
    table = _findings_rows(source, findings, title, sheet)
    kept = [index for index, finding in enumerate(findings) if finding.rule.severity is not FindingSeverity.INFO]
    if sheet is None or len(kept) == len(findings):
        return list(with_followup(source, table, findings))
    info = [finding for finding in findings if finding.rule.severity is FindingSeverity.INFO]
    listed = [findings[index] for index in kept]
    document = replace(table, rows=[table.rows[index] for index in kept], sheet=None)
    blocks: list[Block] = [document_table(source, document, listed)] if listed else []
    blocks.append(sheet_table(source, table, findings))
    counts = Counter(finding.rule.code for finding in info)
    rules = ", ".join(f"{code} × {number(count, source.lang)}" for code, count in sorted(counts.items()))
    said = source.tr("info-in-excel", count=number(len(info), source.lang), rules=rules, sheet=sheet)
    return [*blocks, Paragraph(said)]


def _findings_rows(source: ReportInput, findings: list[RenderedFinding], title: str, sheet: str | None) -> Table:
    tr = source.tr
    columns = (
        Column(tr("col-pd"), width=40),
        Column(tr("col-rule"), width=9),
        Column(tr("col-severity"), width=11),
        Column(tr("col-item"), width=20),
        Column(tr("col-message"), width=70),
        Column(tr("col-suggestion"), width=60),
    )
    table = Table(title, columns, sheet=sheet, group_by=0, empty=tr("no-findings"))
    for finding in findings:
        where = finding.finding.location
        group = source.pd_name(where.pemda, where.pd) if where.pd else tr("whole-pemda")
        if source.many_pemda or not where.pd:
            group = f"{group} — {source.pemda_name(where.pemda)}"
        severity = tr(f"sev-{finding.rule.severity.value}")
        place = source.place(where)
        table.rows.append((group, finding.rule.code, severity, place, finding.message, finding.suggestion))
    return table


def score_tables(source: ReportInput, key: str, unit: str, sheet: str) -> list[Table]:
    """One row per PD in scope: units scored, units without a problem and the score. When the scope takes in
    the kab/kota under the report's province, the document lists the province's own PD and one row per kab/kota
    (its pemda score) instead; the Excel sheet, the last table, keeps every PD."""
    tr = source.tr
    columns = [Column(tr("col-pd"), width=40)]
    columns += [Column(tr("col-pemda"), width=28)] if source.many_pemda else []
    columns += [
        Column(tr(f"col-{unit}-total"), ColumnKind.NUMBER, 12),
        Column(tr("col-achieved"), ColumnKind.NUMBER, 12),
        Column(tr(f"score-{key}"), ColumnKind.SCORE, 14),
    ]
    group = 1 if source.many_pemda else None
    table = Table(tr("t-scores-pd", score=tr(f"score-{key}")), tuple(columns), sheet=sheet, group_by=group)
    shown = Table(table.title, table.columns, group_by=group)
    for pd in source.scoped_pd:
        card = source.pd_cards.get((pd.pemda, pd.kode))
        if card is None or key not in card.scores:
            continue
        found = card.scores[key]
        cells: tuple[Cell, ...] = (pd.nama,) + ((source.pemda_name(pd.pemda),) if source.many_pemda else ())
        table.rows.append((*cells, int(found.total), int(found.achieved), found.value))
        if pd.pemda == source.pemda:
            shown.rows.append(table.rows[-1])
    others = [pemda for pemda in source.scoped_pemda if pemda.kode != source.pemda]
    if not others:
        return [table]
    for pemda in others:
        count = sum(1 for pd in source.scoped_pd if pd.pemda == pemda.kode)
        card = source.pemda_cards.get(pemda.kode)
        if card is None or key not in card.scores or not count:
            continue
        found = card.scores[key]
        name = tr("pemda-pd", pemda=pemda.nama, count=count)
        shown.rows.append((name, tr("col-kabkota"), int(found.total), int(found.achieved), found.value))
    table.in_document = False
    return [shown, table]


def _lowest_chart(source: ReportInput, table: Table, key: str) -> BarChart | Paragraph:
    """The PD with the lowest scores, lowest first; a sentence instead when every PD scores 100."""
    scored = [(str(row[0]), row[-1]) for row in table.rows if isinstance(row[-1], float)]  # every PD in scope
    lowest = sorted((entry for entry in scored if entry[1] < 100), key=lambda entry: entry[1])[:CHART_ROWS]
    if not lowest:
        return Paragraph(source.tr("all-perfect", score=source.tr(f"score-{key}")))
    return BarChart(
        source.tr("c-lowest", score=source.tr(f"score-{key}")),
        tuple(name for name, _ in lowest),
        (source.tr(f"score-{key}"),),
        tuple((value,) for _, value in lowest),
        tuple((score(value, source.lang),) for _, value in lowest),
        maximum=100,
    )


def outside_note(source: ReportInput, families: frozenset[str]) -> list[Paragraph]:
    count = source.outside_scope(families)
    return [Paragraph(source.tr("outside-scope", count=count))] if count else []


def consistency_section(source: ReportInput) -> Section:
    tr = source.tr
    scores = score_tables(source, "konsistensi", "items", tr("sheet-4"))
    findings = findings_table(source, source.scoped_findings(CONSISTENCY_FAMILIES), tr("t-consistency"), tr("sheet-4b"))
    chart = _lowest_chart(source, scores[-1], "konsistensi")
    blocks: list[Block] = [Paragraph(tr("s4-intro")), chart, *findings, *scores]
    blocks += outside_note(source, CONSISTENCY_FAMILIES)
    return Section("konsistensi", 4, tr("s4"), blocks)


def performance_section(source: ReportInput) -> Section:
    tr = source.tr
    scores = score_tables(source, "orientasi_kinerja", "indicators", tr("sheet-6"))
    findings = findings_table(source, source.scoped_findings(PERFORMANCE_FAMILIES), tr("t-performance"), tr("sheet-6b"))
    chart = _lowest_chart(source, scores[-1], "orientasi_kinerja")
    blocks: list[Block] = [Paragraph(tr("s6-intro")), chart, *findings, *scores]
    blocks += outside_note(source, PERFORMANCE_FAMILIES)
    return Section("kinerja", 6, tr("s6"), blocks)

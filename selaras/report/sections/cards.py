"""Section 8, Kartu skor per PD: one page per perangkat daerah with its scores, findings and actions.

Actions say what to fix and where: the document and item of each finding with the rule's suggestion, and
the largest Renja items that reach no target (from the alignment score's ``lowered_by``).
"""

from __future__ import annotations

from decimal import Decimal

from selaras.domain import PerangkatDaerah
from selaras.report.format import number, rupiah
from selaras.report.inputs import SEVERITIES, RenderedFinding, ReportInput
from selaras.report.model import Block, Cell, Column, ColumnKind, Paragraph, Section, Table
from selaras.report.sections.summary import importance
from selaras.scores.model import Score, ScoreCard

__all__ = ["CARD_SCORES", "actions", "section"]

CARD_SCORES = (
    "keselarasan",
    "keselarasan_daerah_item",
    "keselarasan_daerah_pagu",
    "keselarasan_nasional_item",
    "keselarasan_nasional_pagu",
    "konsistensi",
    "orientasi_kinerja",
)
FINDINGS_SHOWN = 8
ACTIONS_SHOWN = 8
UNLINKED_SHOWN = 3


def section(source: ReportInput) -> Section:
    tr = source.tr
    overview, todo = _overview(source), _todo(source)
    cards = [_card(source, pd) for pd in source.scoped_pd]
    blocks: list[Block] = [Paragraph(tr("s8-intro", count=len(cards))), overview, todo]
    return Section("kartu", 8, tr("s8"), blocks, subsections=cards)


def document_label(source: ReportInput, document: str) -> str:
    """``Renja 2026`` from ``62/RENJA/1.01.01/2026/final``."""
    parts = document.split("/")
    if len(parts) < 4:
        return document
    return f"{source.tr('kind-' + parts[1].lower())} {parts[3]}"


def actions(source: ReportInput, card: ScoreCard | None, findings: list[RenderedFinding]) -> list[tuple[str, str, str]]:
    """(document, item, what to do), most important first: findings, then unlinked Renja items by pagu."""
    todo = []
    for finding in sorted(findings, key=lambda f: importance(f, source.pemda)):
        if finding.rule.severity is SEVERITIES[-1]:
            continue
        where = finding.finding.location
        item = " · ".join(part for part in (where.code or where.item, where.indicator) if part)
        todo.append((document_label(source, where.document), item, finding.suggestion))
    if card is not None:
        for key in ("keselarasan_daerah_pagu", "keselarasan_nasional_pagu"):
            target = source.tr(f"target-{key}")
            for contribution in card.scores[key].lowered_by[:UNLINKED_SHOWN]:
                what = source.tr(
                    "action-link", text=contribution.text, pagu=rupiah(contribution.weight, source.lang), target=target
                )
                todo.append((document_label(source, contribution.document), contribution.code, what))
    return todo


def _explain(source: ReportInput, key: str, found: Score) -> str:
    if found.value is None:
        return source.tr("nothing-scored")
    if key.endswith("_pagu"):
        achieved, total = rupiah(found.achieved, source.lang), rupiah(found.total, source.lang)
    else:
        achieved, total = number(found.achieved, source.lang), number(found.total, source.lang)
    return source.tr(f"explain-{key}", achieved=achieved, total=total)


def _card(source: ReportInput, pd: PerangkatDaerah) -> Section:
    tr = source.tr
    card = source.pd_cards.get((pd.pemda, pd.kode))
    findings = sorted(source.findings_by_pd.get((pd.pemda, pd.kode), []), key=lambda f: importance(f, source.pemda))
    units = source.units_by_pd.get((pd.pemda, pd.kode), [])
    counts = {s: sum(1 for f in findings if f.rule.severity is s) for s in SEVERITIES}
    line = tr(
        "card-line",
        kode=pd.kode,
        pemda=source.pemda_name(pd.pemda),
        year=source.year,
        pagu=rupiah(sum((u.pagu for u in units), Decimal(0)), source.lang),
        findings=len(findings),
        galat=counts[SEVERITIES[0]],
        peringatan=counts[SEVERITIES[1]],
    )
    scores = Table(
        tr("t-card-scores"),
        (Column(tr("col-score"), width=30), Column(tr("col-value"), ColumnKind.SCORE, 10), Column(tr("col-basis"))),
    )
    for key in CARD_SCORES if card else ():
        assert card is not None
        found = card.scores[key]
        scores.rows.append((tr(f"score-{key}"), found.value, _explain(source, key, found)))
    shown = Table(
        tr("t-card-findings"),
        (Column(tr("col-rule")), Column(tr("col-severity")), Column(tr("col-item")), Column(tr("col-message"))),
        empty=tr("no-findings"),
    )
    for finding in findings[:FINDINGS_SHOWN]:
        where = finding.finding.location
        item = " · ".join(part for part in (where.code or where.item, where.indicator) if part)
        severity = tr(f"sev-{finding.rule.severity.value}")
        shown.rows.append((finding.rule.code, severity, item, finding.message))
    blocks: list[Block] = [Paragraph(line), scores, shown]
    if len(findings) > FINDINGS_SHOWN:
        blocks.append(Paragraph(tr("more-findings", count=len(findings) - FINDINGS_SHOWN)))
    todo = actions(source, card, findings)[:ACTIONS_SHOWN]
    items = tuple(f"{document} · {item}: {what}" if item else f"{document}: {what}" for document, item, what in todo)
    blocks.append(Paragraph(tr("actions") if items else tr("no-actions"), items))
    title = f"{pd.nama} — {source.pemda_name(pd.pemda)}" if source.many_pemda else pd.nama
    return Section(f"pd-{pd.pemda}-{pd.kode}", 0, title, blocks)


def _overview(source: ReportInput) -> Table:
    """Every PD's scores in one row (Excel only: the document has a page per PD)."""
    tr = source.tr
    columns = (
        Column(tr("col-pemda"), width=28),
        Column(tr("col-kode"), width=10),
        Column(tr("col-pd"), width=40),
        Column(tr("col-pagu-year", year=source.year), ColumnKind.RUPIAH, 22),
        *(Column(tr(f"score-{key}"), ColumnKind.SCORE, 14) for key in CARD_SCORES),
        *(Column(tr(f"sev-{s.value}"), ColumnKind.NUMBER, 10) for s in SEVERITIES),
    )
    table = Table(tr("t-card-overview"), columns, sheet=tr("sheet-8"), in_document=False)
    for pd in source.scoped_pd:
        card = source.pd_cards.get((pd.pemda, pd.kode))
        findings = source.findings_by_pd.get((pd.pemda, pd.kode), [])
        pagu = sum((u.pagu for u in source.units_by_pd.get((pd.pemda, pd.kode), [])), Decimal(0))
        values: tuple[Cell, ...] = tuple(card.scores[key].value if card else None for key in CARD_SCORES)
        counts = tuple(sum(1 for f in findings if f.rule.severity is s) for s in SEVERITIES)
        table.rows.append((source.pemda_name(pd.pemda), pd.kode, pd.nama, pagu, *values, *counts))
    return table


def _todo(source: ReportInput) -> Table:
    tr = source.tr
    columns = (
        Column(tr("col-pd"), width=40),
        Column(tr("col-document"), width=16),
        Column(tr("col-item"), width=30),
        Column(tr("col-action"), width=90),
    )
    table = Table(tr("t-actions"), columns, sheet=tr("sheet-8b"), in_document=False)
    for pd in source.scoped_pd:
        card = source.pd_cards.get((pd.pemda, pd.kode))
        findings = source.findings_by_pd.get((pd.pemda, pd.kode), [])
        name = f"{pd.nama} — {source.pemda_name(pd.pemda)}"
        table.rows += [(name, document, item, what) for document, item, what in actions(source, card, findings)]
    return table

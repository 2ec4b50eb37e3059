"""Section 9, Kartu skor per PD: one page per perangkat daerah of the report's pemda with its scores, findings
and actions; the PD of its kab/kota get one dense table per kab/kota instead (a row each: headline scores,
finding counts, the most important actions). A page for each of some 500 kab/kota PD made a 640-page PDF that
took over a minute to render and that nobody at a Rakor reads; a kab/kota's own report gives its full cards.

Actions say what to fix and where: the document and item of each finding with the rule's suggestion, and
the largest Renja items that reach no target (from the alignment score's ``lowered_by``).
"""

from __future__ import annotations

from decimal import Decimal

from selaras.domain import Pemda, PerangkatDaerah
from selaras.report.followup import with_followup
from selaras.report.format import number, rupiah
from selaras.report.inputs import HEADLINE, SEVERITIES, RenderedFinding, ReportInput
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
COMPACT_ACTIONS = 2
"""Actions shown in a kab/kota PD's row of the dense table."""


def section(source: ReportInput) -> Section:
    tr = source.tr
    overview, todo = _overview(source), _todo(source)
    own = [pd for pd in source.scoped_pd if pd.pemda == source.pemda]
    urgent = [pd for pd in own if _actions_of(source, pd)]
    cards = [_card(source, pd) for pd in urgent]
    blocks: list[Block] = [Paragraph(tr("s8-intro", count=len(cards)))] if cards else []
    calm = [pd for pd in own if pd not in urgent]
    if calm:
        blocks += [Paragraph(tr("calm-intro", count=len(calm))), _calm(source, calm)]
    others = [pemda for pemda in source.scoped_pemda if pemda.kode != source.pemda]
    compact = [table for pemda in others if (table := _compact(source, pemda)) is not None]
    if compact:
        count = sum(1 for pd in source.scoped_pd if pd.pemda != source.pemda)
        blocks.append(Paragraph(tr("s8-compact", count=count, pemda=len(compact))))
    return Section("kartu", 9, tr("s8"), [*blocks, overview, todo], subsections=cards + compact)


def actions(source: ReportInput, card: ScoreCard | None, findings: list[RenderedFinding]) -> list[tuple[str, str, str]]:
    """(document, item, what to do), most important first: findings, then unlinked Renja items by pagu."""
    todo = []
    for finding in sorted(findings, key=lambda f: importance(f, source.pemda)):
        if finding.rule.severity is SEVERITIES[-1]:
            continue
        where = finding.finding.location
        todo.append((source.document_label(where.document), source.place(where, document=False), finding.suggestion))
    if card is not None:
        for key in ("keselarasan_daerah_pagu", "keselarasan_nasional_pagu"):
            target = source.tr(f"target-{key}")
            for contribution in card.scores[key].lowered_by[:UNLINKED_SHOWN]:
                what = source.tr(
                    "action-link", text=contribution.text, pagu=rupiah(contribution.weight, source.lang), target=target
                )
                todo.append((source.document_label(contribution.document), contribution.code, what))
    return todo


def _explain(source: ReportInput, key: str, found: Score) -> str:
    if found.unavailable is not None:
        return source.tr(f"unavailable-{found.unavailable}")
    if found.value is None:
        return source.tr("nothing-scored")
    if key.endswith("_pagu"):
        achieved, total = rupiah(found.achieved, source.lang), rupiah(found.total, source.lang)
    else:
        achieved, total = number(found.achieved, source.lang), number(found.total, source.lang)
    return source.tr(f"explain-{key}", achieved=achieved, total=total)


def _pagu(source: ReportInput, pd: PerangkatDaerah) -> Decimal:
    return sum((unit.pagu for unit in source.units_by_pd.get((pd.pemda, pd.kode), [])), Decimal(0))


def _findings(source: ReportInput, pd: PerangkatDaerah) -> list[RenderedFinding]:
    """The PD's findings, most important first."""
    found = source.findings_by_pd.get((pd.pemda, pd.kode), [])
    return sorted(found, key=lambda f: importance(f, source.pemda))


def _counts(findings: list[RenderedFinding]) -> tuple[int, ...]:
    """Findings per severity, in ``SEVERITIES`` order."""
    return tuple(sum(1 for f in findings if f.rule.severity is s) for s in SEVERITIES)


def _action_text(document: str, item: str, what: str) -> str:
    return f"{document} · {item}: {what}" if item else f"{document}: {what}"


def _card(source: ReportInput, pd: PerangkatDaerah) -> Section:
    tr = source.tr
    card = source.pd_cards.get((pd.pemda, pd.kode))
    findings = _findings(source, pd)
    counts = _counts(findings)
    line = tr(
        "card-line",
        kode=pd.kode,
        pemda=source.pemda_name(pd.pemda),
        year=source.year,
        pagu=rupiah(_pagu(source, pd), source.lang),
        findings=len(findings),
        galat=counts[0],
        peringatan=counts[1],
    )
    scores = Table(
        tr("t-card-scores"),
        (
            Column(tr("col-score"), width=30),
            Column(tr("col-value"), ColumnKind.SCORE, 10),
            Column(tr("col-basis"), width=40),
        ),
    )
    for key in CARD_SCORES if card else ():
        assert card is not None
        found = card.scores[key]
        scores.rows.append((tr(f"score-{key}"), found.value, _explain(source, key, found)))
    shown = Table(
        tr("t-card-findings"),
        (
            Column(tr("col-rule"), width=9),
            Column(tr("col-severity"), width=11),
            Column(tr("col-item"), width=20),
            Column(tr("col-message"), width=70),
        ),
        empty=tr("no-findings"),
    )
    for finding in findings[:FINDINGS_SHOWN]:
        severity = tr(f"sev-{finding.rule.severity.value}")
        shown.rows.append((finding.rule.code, severity, source.place(finding.finding.location), finding.message))
    blocks: list[Block] = [Paragraph(line), scores, *with_followup(source, shown, findings[:FINDINGS_SHOWN])]
    if len(findings) > FINDINGS_SHOWN:
        blocks.append(Paragraph(tr("more-findings", count=len(findings) - FINDINGS_SHOWN)))
    todo = actions(source, card, findings)[:ACTIONS_SHOWN]
    items = tuple(_action_text(*action) for action in todo)
    blocks.append(Paragraph(tr("actions"), items))
    title = f"{pd.nama} — {source.pemda_name(pd.pemda)}" if source.many_pemda else pd.nama
    return Section(f"pd-{pd.pemda}-{pd.kode}", 0, title, blocks)


def _actions_of(source: ReportInput, pd: PerangkatDaerah) -> list[tuple[str, str, str]]:
    return actions(source, source.pd_cards.get((pd.pemda, pd.kode)), _findings(source, pd))


def _calm(source: ReportInput, pds: list[PerangkatDaerah]) -> Table:
    """The PD with no urgent action in one table instead of a card each that says only that."""
    tr = source.tr
    columns = (
        Column(tr("col-kode"), width=10),
        Column(tr("col-pd"), width=40),
        Column(tr("col-pagu-year", year=source.year), ColumnKind.JUTA, 12),
        *(Column(tr(f"score-{key}"), ColumnKind.SCORE, 11) for key in HEADLINE),
        Column(tr("sev-info"), ColumnKind.NUMBER, 7),
    )
    table = Table(tr("t-calm"), columns)
    for pd in pds:
        card = source.pd_cards.get((pd.pemda, pd.kode))
        scores: tuple[Cell, ...] = tuple(card.scores[key].value if card else None for key in HEADLINE)
        table.rows.append((pd.kode, pd.nama, _pagu(source, pd), *scores, _counts(_findings(source, pd))[2]))
    return table


def _compact(source: ReportInput, pemda: Pemda) -> Section | None:
    """Every PD of a kab/kota as a row: pagu, headline scores, findings per severity, the top actions (on
    landscape pages, where the actions fit on a line or two)."""
    tr = source.tr
    pds = [pd for pd in source.scoped_pd if pd.pemda == pemda.kode]
    if not pds:
        return None
    columns = (
        Column(tr("col-kode"), width=10),
        Column(tr("col-pd"), width=30),
        Column(tr("col-pagu-year", year=source.year), ColumnKind.JUTA, 11),
        *(Column(tr(f"score-{key}"), ColumnKind.SCORE, 9) for key in HEADLINE),
        *(Column(tr(f"sev-{severity.value}"), ColumnKind.NUMBER, 8) for severity in SEVERITIES[:2]),
        Column(tr("col-action-main"), width=90),
    )
    table = Table("", columns)
    for pd in pds:
        card = source.pd_cards.get((pd.pemda, pd.kode))
        findings = _findings(source, pd)
        todo = actions(source, card, findings)
        shown = "; ".join(_action_text(*action) for action in todo[:COMPACT_ACTIONS])
        if len(todo) > COMPACT_ACTIONS:
            shown += " " + tr("more-actions", count=len(todo) - COMPACT_ACTIONS)
        scores: tuple[Cell, ...] = tuple(card.scores[key].value if card else None for key in HEADLINE)
        table.rows.append((pd.kode, pd.nama, _pagu(source, pd), *scores, *_counts(findings)[:2], shown or "–"))
    title = tr("compact-title", pemda=pemda.nama, count=len(pds))
    return Section(f"pd-{pemda.kode}", 0, title, [table], wide=True)


def _overview(source: ReportInput) -> Table:
    """Every PD's scores in one row (Excel only: the document has the cards and the dense tables)."""
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
        values: tuple[Cell, ...] = tuple(card.scores[key].value if card else None for key in CARD_SCORES)
        counts = _counts(source.findings_by_pd.get((pd.pemda, pd.kode), []))
        table.rows.append((source.pemda_name(pd.pemda), pd.kode, pd.nama, _pagu(source, pd), *values, *counts))
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

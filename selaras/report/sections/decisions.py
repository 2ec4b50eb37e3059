"""Page 1, Yang harus diputuskan Rakor: the five to ten things the meeting must decide, ordered by impact, each
with the PD responsible and the deadline; then the headline scores with their spread over the kab/kota.

Impact is money and priority weight, not severity alone. A finding's stake is the largest rupiah amount it
names (a pagu difference), else the pagu of its item in the report's year; a finding about an RPJMD target
(an unfunded governor priority, a sasaran without a program, a governor priority a kab/kota does not take up)
has no amount of its own and stakes the target's fair share of the budget (the finding's pemda's Renja pagu over
the targets of that level in the RPJMD the finding is about: a kab/kota's over the province's priorities). The
stake is weighted by severity, doubled for a regional priority, and divided by one plus the years until the year
it concerns (a pagu slip in 2029 weighs a quarter of one this year). Findings of one rule in one PD make one
decision.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from selaras.checks.findings import FindingSeverity
from selaras.domain import DocumentKind, ItemLevel, ItemRef
from selaras.report.format import day, number, score
from selaras.report.inputs import HEADLINE, RenderedFinding, ReportInput
from selaras.report.model import Block, Cell, Column, ColumnKind, Paragraph, Section, Table
from selaras.report.sections.summary import unavailable
from selaras.store.responses import ResponseState

__all__ = ["Decision", "decisions", "impact", "section"]

SHOWN = (5, 10)
"""At least five decisions when there are as many, at most ten."""
SEVERITY_WEIGHT = {
    FindingSeverity.GALAT: Decimal(1),
    FindingSeverity.PERINGATAN: Decimal("0.6"),
    FindingSeverity.INFO: Decimal("0.2"),
}
PRIORITY_WEIGHT = Decimal(2)
PER_RULE = 2
SPREAD_SCORES = (*HEADLINE, "sinkronisasi_iku")


@dataclass(frozen=True, slots=True)
class Decision:
    """Findings of one rule in one PD, their summed impact and stake, the earliest deadline."""

    findings: tuple[RenderedFinding, ...]
    impact: Decimal
    stake: Decimal
    deadline: date | None
    assigned: bool
    """Whether the deadline is a follow-up's (else it is the default one, proposed)."""


def _target(source: ReportInput, finding: RenderedFinding) -> ItemLevel | None:
    """The level of the RPJMD sasaran or prioritas a finding is about, if it is."""
    where = finding.finding.location
    if f"/{DocumentKind.RPJMD.value}/" not in f"/{where.document}/":
        return None
    item = source.data.item(ItemRef(where.document, where.item))
    return item.level if item is not None and item.level in (ItemLevel.SASARAN, ItemLevel.PRIORITAS) else None


def _fair_share(source: ReportInput, pemda: str, rpjmd: str, level: ItemLevel) -> Decimal:
    """``pemda``'s Renja pagu spread evenly over the targets of ``level`` in the RPJMD ``rpjmd``: its own, or its
    province's for a governor's priority that a kab/kota does not take up (SEL108, which names no amount)."""
    plan = source.data.plan(rpjmd)
    targets = sum(1 for item in plan.items if item.level is level) if plan is not None else 0
    return source.renja_pagu(pemda) / targets if targets else Decimal(0)


def _stake(source: ReportInput, finding: RenderedFinding) -> Decimal:
    amounts = [abs(v) for v in finding.finding.evidence.values() if isinstance(v, Decimal)]
    if amounts:
        return max(amounts)
    where = finding.finding.location
    level = _target(source, finding)
    if level is not None:
        return _fair_share(source, where.pemda, where.document, level)
    item = source.data.item(ItemRef(where.document, where.item)) if where.item else None
    return (item.pagu(where.year or source.year) or Decimal(0)) if item is not None else Decimal(0)


def _year(source: ReportInput, finding: RenderedFinding) -> int:
    year = finding.finding.location.year or finding.finding.evidence.get("year")
    return year if isinstance(year, int) else source.year


def impact(source: ReportInput, finding: RenderedFinding) -> Decimal:
    """Stake × severity weight × 2 for a regional priority ÷ (1 + years ahead of the report's year)."""
    weight = SEVERITY_WEIGHT[finding.rule.severity]
    if _target(source, finding) is ItemLevel.PRIORITAS:
        weight *= PRIORITY_WEIGHT
    ahead = max(_year(source, finding) - source.year, 0)
    return _stake(source, finding) * weight / (1 + ahead)


def decisions(source: ReportInput) -> list[Decision]:
    """Every group of still-open findings (rule, pemda, PD), most impact first."""
    groups: dict[tuple[str, str, str], list[RenderedFinding]] = {}
    for finding in source.findings:
        state = source.followup_state(finding)
        if state in (ResponseState.SELESAI, ResponseState.PENGECUALIAN):
            continue
        where = finding.finding.location
        groups.setdefault((finding.rule.code, where.pemda, where.pd), []).append(finding)
    found = []
    for members in groups.values():
        ranked = sorted(members, key=lambda f: -impact(source, f))
        deadlines = [followup.deadline for f in ranked if (followup := source.followup(f)) is not None]
        found.append(
            Decision(
                tuple(ranked),
                sum((impact(source, f) for f in ranked), Decimal(0)),
                sum((_stake(source, f) for f in ranked), Decimal(0)),
                min(deadlines) if deadlines else source.deadline,
                bool(deadlines),
            )
        )
    return sorted(found, key=lambda d: (-d.impact, d.findings[0].severity_rank, d.findings[0].rule.code))


def responsible(source: ReportInput, finding: RenderedFinding) -> str:
    """The PD that acts on a finding: its own PD, or for a pemda-wide document (RPJMD, RKPD) the planning
    agency that owns it."""
    where = finding.finding.location
    name = source.pd_name(where.pemda, where.pd) if where.pd else source.planning_agency(where.pemda)
    return name if where.pemda == source.pemda else f"{name} — {source.pemda_name(where.pemda)}"


def section(source: ReportInput) -> Section:
    tr = source.tr
    found = decisions(source)
    shown = _choose(found)
    columns = (
        Column(tr("col-no"), ColumnKind.NUMBER, 4),
        Column(tr("col-decide"), width=70),
        Column(tr("col-responsible"), width=26),
        Column(tr("col-stake"), ColumnKind.JUTA, 12, decimals=1),
        Column(tr("col-deadline"), width=16),
    )
    table = Table(tr("t-decisions"), columns, sheet=tr("sheet-0"), empty=tr("no-decisions"))
    table.rows += [_row(source, place, decision) for place, decision in enumerate(shown, start=1)]
    blocks: list[Block] = [
        Paragraph(tr("decisions-intro", count=len(shown), total=number(len(found), source.lang))),
        table,
        Paragraph(tr("decisions-method")),
        _spread(source),
        *unavailable(source),
    ]
    return Section("keputusan", 0, tr("s0"), blocks)


def _choose(found: list[Decision]) -> list[Decision]:
    """The first ten with any impact, at most :data:`PER_RULE` of one rule (ten PD with the same unlinked
    program is one message, not ten); topped up to five when fewer have an impact."""
    shown: list[Decision] = []
    for decision in found:
        same = sum(1 for d in shown if d.findings[0].rule.code == decision.findings[0].rule.code)
        if decision.impact > 0 and same < PER_RULE and len(shown) < SHOWN[1]:
            shown.append(decision)
    shown += [d for d in found if d not in shown][: max(SHOWN[0] - len(shown), 0)]
    return sorted(shown, key=found.index)


def _row(source: ReportInput, place: int, decision: Decision) -> tuple[Cell, ...]:
    tr = source.tr
    top = decision.findings[0]
    what = top.message
    if len(decision.findings) > 1:
        title = top.rule.title[0 if source.lang == "id" else 1]
        what = tr("decision-many", title=title, count=len(decision.findings), first=what)
    deadline = "–"
    if decision.deadline is not None:
        deadline = day(decision.deadline, source.lang) + ("" if decision.assigned else f" ({tr('proposed')})")
    followup = source.followup(top)
    if followup is not None:
        deadline += f" · {followup.assignee}"
    return (place, f"{top.rule.code} · {what}", responsible(source, top), decision.stake or None, deadline)


def _spread(source: ReportInput) -> Table:
    """Each headline score of the pemda, and over its kab/kota the lowest, the median and the highest; a pemda
    without kab/kota (a kabupaten's own report) has only its own column."""
    tr = source.tr
    snapshot = source.snapshot("")
    own_column = Column(source.pemda_name(source.pemda), ColumnKind.SCORE, 11)
    if len(source.family) <= 1:
        alone = Table(tr("t-headline-own"), (Column(tr("col-score"), width=20), own_column))
        alone.rows.extend((tr(f"score-{key}"), snapshot.scores.get(source.pemda, {}).get(key)) for key in SPREAD_SCORES)
        return alone
    columns = (
        Column(tr("col-score"), width=20),
        own_column,
        Column(tr("col-median-kabkota"), ColumnKind.SCORE, 11),
        Column(tr("col-lowest"), width=26),
        Column(tr("col-highest"), width=26),
    )
    table = Table(tr("t-spread"), columns)
    for key in SPREAD_SCORES:
        own = snapshot.scores.get(source.pemda, {}).get(key)
        values = [
            (value, pemda.nama)
            for pemda in source.family[1:]
            if (value := snapshot.scores.get(pemda.kode, {}).get(key)) is not None
        ]
        if not values:
            table.rows.append((tr(f"score-{key}"), own, None, "–", "–"))
            continue
        low, high = min(values), max(values)
        median = statistics.median(value for value, _ in values)
        table.rows.append(
            (
                tr(f"score-{key}"),
                own,
                median,
                f"{score(low[0], source.lang)} {low[1]}",
                f"{score(high[0], source.lang)} {high[1]}",
            )
        )
    return table

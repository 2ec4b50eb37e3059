"""Score cards per pemda and per PD: every score of docs/scores.md for one year."""

from __future__ import annotations

from collections import defaultdict

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding
from selaras.checks.iku_matrix import SyncStatus, iku_sync_matrix
from selaras.checks.reach import has_rpjmd_targets
from selaras.checks.registry import RuleRegistry
from selaras.checks.run import CheckReport
from selaras.checks.thresholds import Thresholds
from selaras.domain import DocumentKind, PemdaLevel, Plan
from selaras.scores.alignment import alignment_scores, alignment_units, pagu_per_target
from selaras.scores.model import Contribution, Score, ScoreCard
from selaras.scores.quality import consistency_score, performance_score

__all__ = ["compute_scorecards", "iku_sync_scores"]


def _card(
    data: PlanningData,
    findings: dict[str, list[Finding]],
    registry: RuleRegistry,
    year: int,
    pemda: str,
    pd: str | None,
    plans: list[Plan],
    regional_targets: bool,
) -> ScoreCard:
    renja = [plan for plan in plans if plan.document.kind is DocumentKind.RENJA and year in plan.document.period]
    planned = [plan for plan in plans if plan.document.kind in (DocumentKind.RENJA, DocumentKind.RENSTRA)]
    units = alignment_units(data, renja, year)
    card = ScoreCard(pemda, pd, year, pagu_per_target=pagu_per_target(data, units))
    card.scores.update(alignment_scores(units, regional_targets=regional_targets))
    frames = [] if pd is not None else [plan for plan in plans if _is_frame(plan, year)]
    about = [finding for plan in plans for finding in findings.get(plan.document.key, ())]
    card.scores["konsistensi"] = consistency_score(planned, about, registry, year, frames)
    card.scores["orientasi_kinerja"] = performance_score(planned, about, registry)
    return card


def _is_frame(plan: Plan, year: int) -> bool:
    """Whether ``plan`` is an RPJMD or RKPD of ``year``: the pemda's own documents framing its Renstra and
    Renja, which a pemda card counts through the plans they frame and a PD card leaves out (no PD answers for
    the RPJMD's or RKPD's period)."""
    return plan.document.kind in (DocumentKind.RPJMD, DocumentKind.RKPD) and year in plan.document.period


def iku_sync_scores(data: PlanningData, provinsi: str, thresholds: Thresholds) -> dict[str, Score]:
    """Per kab/kota: the share of the provincial IKU it carries in sync (status "selaras"), among those
    for which it has a counterpart PD."""
    achieved: dict[str, float] = {}
    totals: dict[str, float] = {}
    lowered: dict[str, list[Contribution]] = {}
    for row in iku_sync_matrix(data, provinsi, thresholds):
        for kabkota, status in row.statuses.items():
            if status is SyncStatus.TANPA_MITRA:
                continue
            totals[kabkota] = totals.get(kabkota, 0) + 1
            if status is SyncStatus.SELARAS:
                achieved[kabkota] = achieved.get(kabkota, 0) + 1
            else:
                reason = f"IKU provinsi: {status.value}"
                contribution = Contribution(row.document, row.item, "", row.indicator, reason, indicator=row.indicator)
                lowered.setdefault(kabkota, []).append(contribution)
    return {
        kabkota: Score("sinkronisasi_iku", achieved.get(kabkota, 0), total, tuple(lowered.get(kabkota, [])))
        for kabkota, total in sorted(totals.items())
    }


def compute_scorecards(
    data: PlanningData, report: CheckReport, registry: RuleRegistry, *, year: int, thresholds: Thresholds
) -> list[ScoreCard]:
    """One card per regional pemda and one per PD, in code order. The findings come from ``report``
    (run the checks first); the province's card also carries each kab/kota's IKU sync index.

    A card's scores only look at the findings about its own plans, so each card gets those alone: going over
    every finding of the province for each of its hundreds of cards took most of the time."""
    findings: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        findings[finding.location.document].append(finding)
    cards = []
    for pemda in data.regional_pemda():
        plans = [plan for plan in data.plans if plan.document.pemda == pemda.kode]
        regional = has_rpjmd_targets(data, pemda.kode)
        card = _card(data, findings, registry, year, pemda.kode, None, plans, regional)
        if pemda.level is PemdaLevel.PROVINSI:
            sync = iku_sync_scores(data, pemda.kode, thresholds)
            card.scores.update({f"sinkronisasi_iku:{kabkota}": score for kabkota, score in sync.items()})
        cards.append(card)
        for agency in sorted(
            (pd for pd in data.perangkat_daerah if pd.pemda == pemda.kode), key=lambda agency: agency.kode
        ):
            own = [plan for plan in plans if plan.document.pd == agency.kode]
            cards.append(_card(data, findings, registry, year, pemda.kode, agency.kode, own, regional))
    return cards

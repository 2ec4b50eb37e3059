"""Consistency and performance-orientation scores: the share of units no rule of a family complains about,
weighted by money and by the severity of what is found (a galat costs the whole unit, a peringatan half)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.registry import RuleRegistry
from selaras.domain import DocumentKind, Item, ItemLevel, Plan
from selaras.scores.model import Contribution, Score

__all__ = [
    "CONSISTENCY_FAMILIES",
    "PERFORMANCE_FAMILIES",
    "SEVERITY_WEIGHT",
    "consistency_score",
    "performance_score",
]

CONSISTENCY_FAMILIES = frozenset({"consistency", "budget", "nomenclature", "period"})
PERFORMANCE_FAMILIES = frozenset({"performance"})
SEVERITY_WEIGHT = {FindingSeverity.GALAT: 1.0, FindingSeverity.PERINGATAN: 0.5}
"""How much of a unit a finding takes away: a galat (the plan is wrong) all of it, a peringatan (it should
be looked at) half. Info findings take nothing."""


def _problems(
    findings: Iterable[Finding], registry: RuleRegistry, families: frozenset[str]
) -> dict[tuple[str, str], list[tuple[str, str, float]]]:
    """(document, item) → [(indicator or "", rule title, severity weight)] for galat/peringatan findings of
    ``families``; a finding about a whole document (no item, such as a period finding) is keyed by
    (document, "")."""
    found: dict[tuple[str, str], list[tuple[str, str, float]]] = defaultdict(list)
    for finding in findings:
        rule = registry.get(finding.code)
        if rule.family in families and rule.severity in SEVERITY_WEIGHT and finding.location.document:
            where = finding.location
            found[(where.document, where.item)].append((where.indicator, rule.title[0], SEVERITY_WEIGHT[rule.severity]))
    return found


def _programs(plan: Plan) -> dict[str, list[Item]]:
    """Each program-part item of ``plan`` under the key of its program (the topmost program-part ancestor)."""
    by_key = {item.key: item for item in plan.items}
    grouped: dict[str, list[Item]] = defaultdict(list)
    for item in plan.items:
        if not item.level.is_program_part:
            continue
        top = item
        while top.parent in by_key and by_key[top.parent].level.is_program_part and top.level is not ItemLevel.PROGRAM:
            top = by_key[top.parent]
        grouped[top.key].append(item)
    return grouped


def _pagu(items: list[Item], top: Item, year: int) -> Decimal:
    """The program's pagu of ``year``, or the sum of its leaves' where the program row carries none."""
    if top.pagu(year):
        return top.pagu(year) or Decimal(0)
    parents = {item.parent for item in items}
    return sum((item.pagu(year) or Decimal(0) for item in items if item.key not in parents), Decimal(0))


def consistency_score(
    plans: Iterable[Plan], findings: Iterable[Finding], registry: RuleRegistry, year: int, frames: Iterable[Plan] = ()
) -> Score:
    """Share of the year's pagu, program by program, that no consistency, budget, nomenclature or period
    finding touches. A finding anywhere in a program (its kegiatan and sub kegiatan included) or about its
    whole document lowers the program by its heaviest severity weight; a plan with no pagu in ``year``
    counts its programs equally.

    ``frames`` are the pemda's documents that frame its plans without being scored program by program: an
    RPJMD frames every Renstra (they share a period), an RKPD the Renja of its year. A finding about a whole
    frame (a period finding, SEL801/SEL804, which has no item) counts as a finding about each plan it frames,
    so it lowers the score instead of vanishing for want of an item."""
    problems = _problems(findings, registry, CONSISTENCY_FAMILIES)
    frames = list(frames)
    total, lost, lowered = 0.0, 0.0, []
    for plan in plans:
        document = plan.document.key
        whole = problems.get((document, ""), []) + [
            reason for frame in frames if _frames(frame, plan) for reason in problems.get((frame.document.key, ""), [])
        ]
        programs = _programs(plan)
        by_key = {item.key: item for item in plan.items}
        pagu = {key: _pagu(items, by_key[key], year) for key, items in programs.items()}
        by_money = any(pagu.values())
        for key, items in programs.items():
            weight = float(pagu[key]) if by_money else 1.0
            total += weight
            reasons = [reason for item in items for reason in problems.get((document, item.key), [])] + whole
            if reasons and weight:
                share = max(severity for _, _, severity in reasons)
                lost += weight * share
                top = by_key[key]
                reason = "; ".join(sorted({title for _, title, _ in reasons}))
                lowered.append(Contribution(document, key, top.code or "", top.text, reason, weight * share))
    lowered.sort(key=lambda contribution: -contribution.weight)
    return Score("konsistensi", total - lost, total, tuple(lowered))


def _frames(frame: Plan, plan: Plan) -> bool:
    """Whether ``frame`` (an RPJMD or RKPD) frames ``plan``: an RPJMD every Renstra, an RKPD a Renja of its year."""
    kinds = (frame.document.kind, plan.document.kind)
    if kinds == (DocumentKind.RPJMD, DocumentKind.RENSTRA):
        return True
    return kinds == (DocumentKind.RKPD, DocumentKind.RENJA) and frame.document.period == plan.document.period


def performance_score(plans: Iterable[Plan], findings: Iterable[Finding], registry: RuleRegistry) -> Score:
    """Share of indicators of ``plans`` with no performance-orientation finding, each finding taking its
    severity weight (a finding about the item as a whole, such as an output indicator at program level,
    counts against each of its indicators)."""
    problems = _problems(findings, registry, PERFORMANCE_FAMILIES)
    total, lost, lowered = 0, 0.0, []
    for plan in plans:
        for item in plan.items:
            reasons = problems.get((plan.document.key, item.key), [])
            for indicator in item.indicators:
                total += 1
                hits = [(title, severity) for name, title, severity in reasons if name in ("", indicator.name)]
                if hits:
                    share = max(severity for _, severity in hits)
                    lost += share
                    lowered.append(
                        Contribution(
                            plan.document.key,
                            item.key,
                            item.code or "",
                            item.text,
                            "; ".join(sorted({title for title, _ in hits})),
                            share,
                            indicator=indicator.name,
                        )
                    )
    lowered.sort(key=lambda contribution: -contribution.weight)
    return Score("orientasi_kinerja", total - lost, total, tuple(lowered))

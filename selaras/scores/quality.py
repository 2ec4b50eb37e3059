"""Consistency and performance-orientation scores: the share of units no rule of a family complains about."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.registry import RuleRegistry
from selaras.domain import Plan
from selaras.scores.model import Contribution, Score

__all__ = ["CONSISTENCY_FAMILIES", "PERFORMANCE_FAMILIES", "consistency_score", "performance_score"]

CONSISTENCY_FAMILIES = frozenset({"consistency", "budget", "nomenclature", "period"})
PERFORMANCE_FAMILIES = frozenset({"performance"})
_COUNTED = (FindingSeverity.GALAT, FindingSeverity.PERINGATAN)


def _problems(
    findings: Iterable[Finding], registry: RuleRegistry, families: frozenset[str]
) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(document, item) → [(indicator or "", rule title)] for galat/peringatan findings of ``families``."""
    found: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for finding in findings:
        rule = registry.get(finding.code)
        if rule.family in families and rule.severity in _COUNTED and finding.location.item:
            where = finding.location
            found[(where.document, where.item)].append((where.indicator, rule.title[0]))
    return found


def consistency_score(plans: Iterable[Plan], findings: Iterable[Finding], registry: RuleRegistry) -> Score:
    """Share of program-part items of ``plans`` with no consistency, budget, nomenclature or period finding."""
    problems = _problems(findings, registry, CONSISTENCY_FAMILIES)
    total, lowered = 0, []
    for plan in plans:
        for item in plan.items:
            if not item.level.is_program_part:
                continue
            total += 1
            reasons = problems.get((plan.document.key, item.key))
            if reasons:
                reason = "; ".join(sorted({title for _, title in reasons}))
                lowered.append(Contribution(plan.document.key, item.key, item.code or "", item.text, reason))
    return Score("konsistensi", total - len(lowered), total, tuple(lowered))


def performance_score(plans: Iterable[Plan], findings: Iterable[Finding], registry: RuleRegistry) -> Score:
    """Share of indicators of ``plans`` with no performance-orientation finding (a finding about the item as
    a whole, such as an output indicator at program level, counts against each of its indicators)."""
    problems = _problems(findings, registry, PERFORMANCE_FAMILIES)
    total, lowered = 0, []
    for plan in plans:
        for item in plan.items:
            reasons = problems.get((plan.document.key, item.key), [])
            for indicator in item.indicators:
                total += 1
                titles = sorted({title for name, title in reasons if name in ("", indicator.name)})
                if titles:
                    lowered.append(
                        Contribution(
                            plan.document.key,
                            item.key,
                            item.code or "",
                            item.text,
                            "; ".join(titles),
                            indicator=indicator.name,
                        )
                    )
    return Score("orientasi_kinerja", total - len(lowered), total, tuple(lowered))

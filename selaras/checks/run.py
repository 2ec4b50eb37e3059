"""Running rules over planning data and collecting what they find into one report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.registry import Rule, RuleRegistry
from selaras.checks.thresholds import CheckContext

__all__ = ["CheckReport", "concerns_year", "run_checks"]


@dataclass(slots=True)
class CheckReport:
    """The findings of one run, and which rules ran. ``valid`` is False when anything is a galat."""

    rules: list[Rule]
    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.count(FindingSeverity.GALAT)

    def count(self, severity: FindingSeverity) -> int:
        by_code = {rule.code: rule.severity for rule in self.rules}
        return sum(1 for finding in self.findings if by_code[finding.code] is severity)

    def per_rule(self) -> dict[str, int]:
        counts = Counter(finding.code for finding in self.findings)
        return {rule.code: counts[rule.code] for rule in self.rules}


def concerns_year(finding: Finding, data: PlanningData, year: int) -> bool:
    """Whether ``finding`` is about ``year``: its own year when it names one (a pagu, a target, a Renstra
    year), else the period of its document (a Renja 2025 is not about 2026; an RPJMD 2025-2029 is), else yes
    (a finding about a whole pemda or a document not loaded has no year to tell)."""
    location = finding.location
    if location.year is not None:
        return location.year == year
    plan = data.plan(location.document) if location.document else None
    return plan is None or year in plan.document.period


def run_checks(
    data: PlanningData,
    context: CheckContext,
    registry: RuleRegistry,
    codes: Iterable[str] | None = None,
    *,
    year_only: bool = False,
) -> CheckReport:
    """Run the selected rules (all by default); findings come out in rule order, then as each rule yields them.

    With ``year_only`` only the findings that :func:`concerns_year` ``context.year`` are kept: the rules see
    every year (a Renja is compared with its five-year Renstra), the report says only what the year needs.
    """
    rules = registry.select(codes)
    report = CheckReport(rules)
    for rule in rules:
        found = rule.check(data, context)
        report.findings.extend(f for f in found if not year_only or concerns_year(f, data, context.year))
    return report

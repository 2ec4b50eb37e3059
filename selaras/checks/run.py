"""Running rules over planning data and collecting what they find into one report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.registry import Rule, RuleRegistry
from selaras.checks.thresholds import CheckContext

__all__ = ["CheckReport", "run_checks"]


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


def run_checks(
    data: PlanningData, context: CheckContext, registry: RuleRegistry, codes: Iterable[str] | None = None
) -> CheckReport:
    """Run the selected rules (all by default); findings come out in rule order, then as each rule yields them."""
    rules = registry.select(codes)
    report = CheckReport(rules)
    for rule in rules:
        report.findings.extend(rule.check(data, context))
    return report

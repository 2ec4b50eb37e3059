"""Periods: each document's years fit the document it elaborates (RPJPD ⊃ RPJMD = Renstra ∋ Renja / RKPD year).

Everything is compared within one pemda (and, for Renstra and Renja, one PD). When the higher document is not
loaded there is nothing to compare with and the rule stays silent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.locate import document_location
from selaras.checks.registry import registry
from selaras.checks.thresholds import CheckContext
from selaras.domain import DocumentKind, Period, Plan

__all__ = ["renja_year_outside_renstra", "renstra_period_differs", "rkpd_year_outside_rpjmd", "rpjmd_outside_rpjpd"]

_Fits = Callable[[Period, Period], bool]


def _inside(inner: Period, outer: Period) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _mismatches(
    data: PlanningData, code: str, lower: DocumentKind, higher: DocumentKind, fits: _Fits, *, per_pd: bool
) -> Iterator[Finding]:
    """Lower documents whose period fits none of the higher documents of the same pemda (and PD)."""
    for pemda in data.regional_pemda():
        for plan in data.plans_of(lower, pemda.kode):
            pd = plan.document.pd if per_pd else None
            periods = sorted({higher_plan.document.period for higher_plan in data.plans_of(higher, pemda.kode, pd)})
            if periods and not any(fits(plan.document.period, period) for period in periods):
                yield _finding(code, plan, periods)


def _finding(code: str, plan: Plan, periods: list[Period]) -> Finding:
    document = plan.document
    evidence = {"period": str(document.period), "expected": ", ".join(str(period) for period in periods)}
    return Finding(code, document_location(document), evidence)


@registry.register(
    code="SEL801",
    name="rpjmd-outside-rpjpd",
    severity=FindingSeverity.GALAT,
    title=("Periode RPJMD di luar RPJPD", "RPJMD period outside the RPJPD"),
    message=(
        "Periode RPJMD {period} tidak berada di dalam periode RPJPD ({expected}).",
        "The RPJMD period {period} is not inside the RPJPD period ({expected}).",
    ),
    suggestion=(
        "Perbaiki periode RPJMD agar berada di dalam RPJPD {expected}, atau muat RPJPD yang sesuai.",
        "Correct the RPJMD period to lie inside the RPJPD {expected}, or load the matching RPJPD.",
    ),
)
def rpjmd_outside_rpjpd(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an RPJMD whose period is not inside the period of any RPJPD of its pemda.

    Why: the RPJMD is a five-year stage of the twenty-year RPJPD (UU 25/2004); outside it, it cannot elaborate
    the RPJPD's misi and every link between them is suspect. Usually a typo in the period.

    Example: RPJPD 2025-2045, RPJMD 2024-2028.
    """
    yield from _mismatches(data, "SEL801", DocumentKind.RPJMD, DocumentKind.RPJPD, _inside, per_pd=False)


@registry.register(
    code="SEL802",
    name="renstra-period-differs",
    severity=FindingSeverity.GALAT,
    title=("Periode Renstra berbeda dengan RPJMD", "Renstra period differs from the RPJMD"),
    message=(
        "Periode Renstra {period} tidak sama dengan periode RPJMD ({expected}).",
        "The Renstra period {period} differs from the RPJMD period ({expected}).",
    ),
    suggestion=(
        "Samakan periode Renstra dengan RPJMD ({expected}).",
        "Make the Renstra period the same as the RPJMD's ({expected}).",
    ),
)
def renstra_period_differs(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a Renstra whose period equals no RPJMD period of its pemda.

    Why: a Renstra is the agency's elaboration of the RPJMD and covers exactly its years (Permendagri 86/2017);
    a shifted period means yearly targets and pagu are compared with the wrong RPJMD year.

    Example: RPJMD 2025-2029, Renstra Dinas Pendidikan 2024-2028.
    """
    yield from _mismatches(data, "SEL802", DocumentKind.RENSTRA, DocumentKind.RPJMD, lambda a, b: a == b, per_pd=False)


@registry.register(
    code="SEL803",
    name="renja-year-outside-renstra",
    severity=FindingSeverity.GALAT,
    title=("Tahun Renja di luar periode Renstra", "Renja year outside the Renstra period"),
    message=(
        "Tahun Renja {period} tidak berada di dalam periode Renstra PD ini ({expected}).",
        "The Renja year {period} is not inside this agency's Renstra period ({expected}).",
    ),
    suggestion=(
        "Perbaiki tahun Renja, atau muat Renstra PD yang mencakup tahun {period}.",
        "Correct the Renja year, or load the agency's Renstra that covers {period}.",
    ),
)
def renja_year_outside_renstra(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a Renja whose year lies in no Renstra period of the same PD (PD without a Renstra are skipped).

    Why: the Renja is one year of the Renstra; without a Renstra for that year its targets and pagu have no
    reference and the Renstra ↔ Renja consistency checks cannot run.

    Example: Renstra Dinas Kesehatan 2025-2029, Renja 2030.
    """
    yield from _mismatches(data, "SEL803", DocumentKind.RENJA, DocumentKind.RENSTRA, _inside, per_pd=True)


@registry.register(
    code="SEL804",
    name="rkpd-year-outside-rpjmd",
    severity=FindingSeverity.GALAT,
    title=("Tahun RKPD di luar periode RPJMD", "RKPD year outside the RPJMD period"),
    message=(
        "Tahun RKPD {period} tidak berada di dalam periode RPJMD ({expected}).",
        "The RKPD year {period} is not inside the RPJMD period ({expected}).",
    ),
    suggestion=(
        "Perbaiki tahun RKPD, atau muat RPJMD yang mencakup tahun {period}.",
        "Correct the RKPD year, or load the RPJMD that covers {period}.",
    ),
)
def rkpd_year_outside_rpjmd(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an RKPD whose year lies in no RPJMD period of its pemda.

    Why: the RKPD is one year of the RPJMD; outside it, its priorities have no mid-term plan to follow.

    Example: RPJMD 2025-2029, RKPD 2031.
    """
    yield from _mismatches(data, "SEL804", DocumentKind.RKPD, DocumentKind.RPJMD, _inside, per_pd=False)

"""Budget: pagu that adds up, is never negative, and always buys something measurable.

Within one document: a parent's pagu covers its children's, every budgeted item has an indicator, and every
Renja sub kegiatan with a target has the money to reach it. National framework documents carry no pagu.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.locate import item_finding
from selaras.checks.registry import registry
from selaras.checks.thresholds import CheckContext
from selaras.domain import DocumentKind, ItemLevel, Plan

__all__ = ["child_pagu_exceeds_parent", "indicator_without_pagu", "negative_pagu", "pagu_without_indicator"]

_PLAN_DOCUMENTS = (DocumentKind.RPJMD, DocumentKind.RENSTRA, DocumentKind.RKPD, DocumentKind.RENJA)


def _regional_plans(data: PlanningData, *kinds: DocumentKind) -> Iterator[Plan]:
    for kind in kinds or _PLAN_DOCUMENTS:
        yield from data.regional_plans(kind)


@registry.register(
    code="SEL301",
    name="child-pagu-exceeds-parent",
    severity=FindingSeverity.GALAT,
    title=("Jumlah pagu rincian melebihi induknya", "Children's pagu exceeds the parent's"),
    message=(
        "Jumlah pagu {year} di bawah {code} Rp {children} melebihi pagu {code} sendiri Rp {parent} "
        "(selisih Rp {selisih}).",
        "The {year} pagu under {code} adds up to Rp {children}, more than the Rp {parent} of {code} itself "
        "(by Rp {selisih}).",
    ),
    suggestion=(
        "Naikkan pagu {year} {code} menjadi Rp {children} atau kurangi pagu rinciannya.",
        "Raise the {year} pagu of {code} to Rp {children} or lower the pagu of the items below it.",
    ),
)
def child_pagu_exceeds_parent(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a program or kegiatan whose children's pagu for a year adds up to more than its own pagu for that
    year (beyond ``sum_tolerance`` rupiah). The location is the parent, with the year. Parents without a pagu
    for the year are skipped (nothing to compare with).

    Why: a kegiatan's pagu is the ceiling for its sub kegiatan; children above it mean the document's totals
    are wrong and the RKPD built from it will not balance.

    Example: kegiatan 1.02.02.2.02 Rp 500.000.000 for 2026; its sub kegiatan add up to Rp 650.000.000.
    """
    tolerance = context.thresholds.sum_tolerance
    for plan in _regional_plans(data):
        sums: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        for item in plan.items:
            if item.parent is not None and item.level.is_program_part:
                for budget in item.budgets:
                    sums[item.parent][budget.year] += budget.pagu
        if not sums:
            continue
        for parent in plan.items:
            for year, children in sorted(sums.get(parent.key, {}).items()):
                own = parent.pagu(year)
                if own is not None and children > own + tolerance:
                    evidence = {"parent": own, "children": children, "selisih": children - own, "year": year}
                    yield item_finding("SEL301", plan.document, parent, evidence, year=year)


@registry.register(
    code="SEL302",
    name="negative-pagu",
    severity=FindingSeverity.GALAT,
    title=("Pagu negatif", "Negative pagu"),
    message=("Pagu {year} {code} bernilai negatif (Rp {pagu}).", "The {year} pagu of {code} is negative (Rp {pagu})."),
    suggestion=(
        "Perbaiki pagu {year} {code}: pagu tidak boleh negatif (periksa tanda minus atau tanda kurung).",
        "Correct the {year} pagu of {code}: pagu cannot be negative (check for a minus sign or brackets).",
    ),
)
def negative_pagu(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a negative pagu on any item, per year.

    Why: a budget ceiling cannot be negative; it is almost always an accounting-style "(1.000.000)" or a
    stray minus in the source sheet, and it silently lowers every total above it.

    Example: sub kegiatan 1.01.02.2.01.0003 with pagu 2026 of Rp -25.000.000.
    """
    for plan in _regional_plans(data):
        for item in plan.items:
            if all(budget.pagu >= 0 for budget in item.budgets):
                continue
            for year in sorted({budget.year for budget in item.budgets}):
                pagu = item.pagu(year)
                if pagu is not None and pagu < 0:
                    yield item_finding("SEL302", plan.document, item, {"pagu": pagu, "year": year}, year=year)


@registry.register(
    code="SEL303",
    name="pagu-without-indicator",
    severity=FindingSeverity.PERINGATAN,
    title=("Pagu tanpa indikator", "Pagu without an indicator"),
    message=(
        "{level} {code} ({name}) memiliki pagu (Rp {pagu} tahun {year}) tetapi tidak memiliki indikator kinerja.",
        "{level} {code} ({name}) has pagu (Rp {pagu} in {year}) but no performance indicator.",
    ),
    suggestion=(
        "Tambahkan indikator beserta target untuk {code}, atau hapus pagunya.",
        "Add an indicator with targets to {code}, or remove its pagu.",
    ),
)
def pagu_without_indicator(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a Renstra or Renja program, kegiatan or sub kegiatan with a positive pagu but no indicator.
    (RKPD items are compiled from the Renja and checked there; RPJMD items are left to the other rules.)

    Why: money without a measurable result cannot be evaluated (PP 12/2019 requires performance-based
    budgeting); the SAKIP evaluation marks it down.

    Example: sub kegiatan 2.17.02.2.01.0002 with Rp 80.000.000 for 2026 and no indicator row.
    """
    for plan in _regional_plans(data, DocumentKind.RENSTRA, DocumentKind.RENJA):
        for item in plan.items:
            if not item.level.is_program_part or item.indicators:
                continue
            budgeted = sorted(budget.year for budget in item.budgets if budget.pagu > 0)
            if budgeted:
                year = budgeted[0]
                evidence = {
                    "level": item.level.label.capitalize(),
                    "name": item.text,
                    "pagu": item.pagu(year),
                    "year": year,
                }
                yield item_finding("SEL303", plan.document, item, evidence)


@registry.register(
    code="SEL304",
    name="indicator-without-pagu",
    severity=FindingSeverity.PERINGATAN,
    title=("Sub kegiatan Renja bertarget tanpa pagu", "Renja sub kegiatan with a target but no pagu"),
    message=(
        "Sub kegiatan {code} ({name}) di Renja {year} memiliki target indikator tetapi tidak memiliki pagu.",
        "Sub kegiatan {code} ({name}) in the Renja {year} has indicator targets but no pagu.",
    ),
    suggestion=(
        "Isi pagu {year} untuk sub kegiatan {code}, atau hapus sub kegiatan itu dari Renja {year}.",
        "Fill in the {year} pagu of sub kegiatan {code}, or remove it from the Renja {year}.",
    ),
)
def indicator_without_pagu(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a Renja sub kegiatan that has indicators but no (or zero) pagu for the Renja's year. Only sub
    kegiatan: the pagu of a kegiatan or program is the sum of its sub kegiatan and is often left blank.

    Why: in the Renja every sub kegiatan is the unit of the budget (the RKA follows it); a target without
    money will not be reached and distorts the agency's performance plan.

    Example: Renja 2026 sub kegiatan 1.02.02.2.02.0004 with a target of 12 Dokumen and no pagu.
    """
    for plan in _regional_plans(data, DocumentKind.RENJA):
        year = plan.document.period.start
        for item in plan.items:
            if item.level is ItemLevel.SUB_KEGIATAN and item.indicators and not (item.pagu(year) or 0) > 0:
                evidence = {"name": item.text, "year": year}
                yield item_finding("SEL304", plan.document, item, evidence, year=year)

"""Budget: pagu that adds up, is never negative, always buys something measurable, and follows the plan.

Within one document: a parent's pagu covers its children's, every budgeted item has an indicator, and every
Renja sub kegiatan with a target has the money to reach it. National framework documents carry no pagu.
Across the budget cycle (konsistensi perencanaan–penganggaran, ``selaras.checks.budgeting``): what the
KUA-PPAS/APBD funds was planned in the Renja/RKPD of the same year, and with a pagu close to the planned one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from selaras.checks.budgeting import ItemMatch, MatchStatus, budgeting_years, kind_label, shared_analysis
from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.locate import document_location, item_finding
from selaras.checks.registry import registry
from selaras.checks.thresholds import CheckContext
from selaras.domain import BUDGET_KINDS, DocumentKind, Item, ItemLevel, Plan

__all__ = [
    "budget_item_not_planned",
    "budget_without_plan_indicators",
    "child_pagu_exceeds_parent",
    "indicator_without_pagu",
    "negative_pagu",
    "pagu_without_indicator",
    "parent_pagu_exceeds_children",
    "plan_budget_pagu_differs",
    "planned_item_not_budgeted",
]

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
    for plan, parent, year, own, children in _parent_sums(data):
        if children > own + tolerance:
            evidence = {"parent": own, "children": children, "selisih": children - own, "year": year}
            yield item_finding("SEL301", plan.document, parent, evidence, year=year)


def _parent_sums(data: PlanningData) -> Iterator[tuple[Plan, Item, int, Decimal, Decimal]]:
    """(plan, program or kegiatan, year, its own pagu, its children's pagu) for every parent with a pagu for a
    year in which at least one child has one."""
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
                if own is not None:
                    yield plan, parent, year, own, children


@registry.register(
    code="SEL308",
    name="parent-pagu-exceeds-children",
    severity=FindingSeverity.PERINGATAN,
    title=("Pagu induk melebihi jumlah rinciannya", "Parent's pagu exceeds its children's"),
    message=(
        "Pagu {year} {code} Rp {parent} melebihi jumlah pagu rincian di bawahnya Rp {children} (Rp {selisih} "
        "tidak dialokasikan ke {children_level} mana pun).",
        "The {year} pagu of {code}, Rp {parent}, exceeds the Rp {children} of the items below it (Rp {selisih} "
        "is allocated to no {children_level}).",
    ),
    suggestion=(
        "Alokasikan Rp {selisih} ke {children_level} di bawah {code}, atau turunkan pagu {year} {code} menjadi "
        "Rp {children}.",
        "Allocate the Rp {selisih} to {children_level} under {code}, or lower the {year} pagu of {code} to "
        "Rp {children}.",
    ),
)
def parent_pagu_exceeds_children(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a program or kegiatan whose own pagu for a year exceeds what its children (kegiatan, sub kegiatan)
    add up to that year, beyond ``sum_tolerance`` rupiah: the reverse of ``child-pagu-exceeds-parent``. Only
    years in which some child has a pagu (a document that budgets only at kegiatan level has nothing to
    compare). The location is the parent, with the year.

    Why: money is spent through sub kegiatan (the RKA follows them); pagu above their sum is money with no
    work and no target behind it, or a sub kegiatan left out of the document.

    Example: kegiatan 1.02.02.2.02 Rp 650.000.000 for 2026; its sub kegiatan add up to Rp 500.000.000.
    """
    tolerance = context.thresholds.sum_tolerance
    for plan, parent, year, own, children in _parent_sums(data):
        if children > 0 and own > children + tolerance:
            below = "sub kegiatan" if parent.level is ItemLevel.KEGIATAN else "kegiatan"
            evidence = {
                "parent": own,
                "children": children,
                "selisih": own - children,
                "year": year,
                "children_level": below,
            }
            yield item_finding("SEL308", plan.document, parent, evidence, year=year)


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
    code="SEL309",
    name="budget-without-plan-indicators",
    severity=FindingSeverity.INFO,
    title=("Anggaran tanpa indikator dari rencana", "Budget without indicators from a plan"),
    message=(
        "{anggaran} {year} {pd_name} mendanai {count} sub kegiatan (Rp {pagu}) tanpa indikator, dan tidak ada "
        "Renja atau RKPD {year} PD ini yang dimuat untuk mengukurnya.",
        "The {anggaran} {year} of {pd_name} funds {count} sub kegiatan (Rp {pagu}) without indicators, and no "
        "Renja or RKPD {year} of this agency is loaded to measure them.",
    ),
    suggestion=(
        "Impor Renja {year} {pd_name} (atau RKPD {year}) agar pagu {anggaran} dapat dibandingkan dengan target "
        "kinerjanya.",
        "Import the Renja {year} of {pd_name} (or the RKPD {year}) so that the {anggaran} pagu can be compared "
        "with its performance targets.",
    ),
)
def budget_without_plan_indicators(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Reports once per KUA-PPAS or APBD the sub kegiatan it funds without indicators when no Renja (nor RKPD
    item) of that PD and year is loaded. Budget-stage documents carry no indicators by nature — their targets
    are the Renja's — so this is info about the document, never a finding per sub kegiatan like
    ``pagu-without-indicator``; with the Renja loaded there is nothing to report.

    Why: without the plan, the money cannot be held against any target; a reader of an APBD-only import
    should know that performance was not checked, and why.

    Example: APBD 2024 of Dinas Kesehatan funds 120 sub kegiatan (Rp 48 M); no Renja 2024 is loaded.
    """
    for kind in BUDGET_KINDS:
        for plan in data.regional_plans(kind):
            year, pd = plan.document.period.start, plan.document.pd
            planned = any(
                other.document.pd == pd or any(item.pd == pd for item in other.items)
                for other_kind in (DocumentKind.RENJA, DocumentKind.RKPD)
                for other in data.plans_in_year(other_kind, plan.document.pemda, year)
            )
            funded = [
                item
                for item in plan.items
                if item.level is ItemLevel.SUB_KEGIATAN and not item.indicators and (item.pagu(year) or 0) > 0
            ]
            if funded and not planned:
                agency = data.get_pd(plan.document.pemda, pd or "")
                evidence = {
                    "anggaran": kind_label(kind),
                    "year": year,
                    "pd": pd or "-",
                    "pd_name": agency.nama if agency else f"PD {pd or '-'}",
                    "count": len(funded),
                    "pagu": sum((item.pagu(year) or Decimal(0) for item in funded), Decimal(0)),
                }
                yield Finding("SEL309", document_location(plan.document, year=year), evidence)


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


def _comparable_matches(data: PlanningData, status: MatchStatus) -> Iterator[tuple[int, ItemMatch, dict[str, object]]]:
    """(year, match, evidence naming the two documents) of every PD that has both a budget-stage document
    (murni) and a Renja/RKPD for that year: a PD missing one side entirely is a missing import, not a list of
    unplanned sub kegiatan."""
    for pemda, year in budgeting_years(data):
        analysis = shared_analysis(data, pemda, year)
        for row in analysis.pds if analysis else ():
            if row.budget is None or row.plan is None:
                continue
            documents = {"pd": row.pd, "rencana": kind_label(row.plan.kind), "anggaran": kind_label(row.budget.kind)}
            for match in row.matches:
                if match.status is status:
                    yield year, match, {"name": match.name, **documents, "year": year}


@registry.register(
    code="SEL305",
    name="budget-item-not-planned",
    severity=FindingSeverity.PERINGATAN,
    title=("Sub kegiatan dianggarkan tanpa direncanakan", "Sub kegiatan budgeted but not planned"),
    message=(
        "Sub kegiatan {code} ({name}) dianggarkan di {anggaran} {year} PD {pd} sebesar Rp {pagu}, tetapi tidak "
        "ada di {rencana} {year}.",
        "Sub kegiatan {code} ({name}) is budgeted in the {anggaran} {year} of agency {pd} with Rp {pagu} but is "
        "not in the {rencana} {year}.",
    ),
    suggestion=(
        "Masukkan sub kegiatan {code} ke {rencana} {year} (melalui perubahan {rencana}), atau keluarkan dari "
        "{anggaran} bila memang tidak direncanakan.",
        "Add sub kegiatan {code} to the {rencana} {year} (through an amendment), or take it out of the "
        "{anggaran} if it was never planned.",
    ),
)
def budget_item_not_planned(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a sub kegiatan with pagu in the KUA-PPAS/APBD (murni; the APBD when both are loaded) of a PD that
    is not in the PD's Renja of the same year (or, without a Renja, in the RKPD's items of that PD). Sub units
    do not matter: the code counts once per PD. PD with no plan of that year at all are skipped.

    Why: Permendagri 86/2017 and the yearly budget guidelines require the KUA-PPAS to be drawn from the RKPD;
    money for work nobody planned is the first thing the Bappeda and the DPRD ask about, and it has no target
    to be evaluated against.

    Example: APBD 2024 of Dinas Kesehatan funds 1.02.02.2.01.0015 with Rp 150.000.000; the Renja 2024 of
    Dinas Kesehatan does not list 1.02.02.2.01.0015.
    """
    for year, match, evidence in _comparable_matches(data, MatchStatus.ONLY_BUDGET):
        assert match.budget is not None
        evidence["pagu"] = match.budget.pagu
        yield item_finding("SEL305", match.budget.document, match.budget.item, evidence, year=year)


@registry.register(
    code="SEL306",
    name="planned-item-not-budgeted",
    severity=FindingSeverity.INFO,
    title=("Sub kegiatan direncanakan tetapi tidak dianggarkan", "Planned sub kegiatan left without a budget"),
    message=(
        "Sub kegiatan {code} ({name}) direncanakan di {rencana} {year} PD {pd} dengan pagu Rp {pagu}, tetapi "
        "tidak mendapat anggaran di {anggaran} {year}.",
        "Sub kegiatan {code} ({name}) is planned in the {rencana} {year} of agency {pd} with Rp {pagu} but gets "
        "no budget in the {anggaran} {year}.",
    ),
    suggestion=(
        "Pastikan sub kegiatan {code} sengaja tidak didanai; bila demikian, sesuaikan target {rencana} {year} "
        "atau jadwalkan ulang.",
        "Make sure leaving {code} unfunded was intended; if so, adjust the {rencana} {year} targets or reschedule it.",
    ),
)
def planned_item_not_budgeted(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a sub kegiatan with pagu in a PD's Renja (or the RKPD's items of a PD without Renja) that gets no
    pagu in the PD's KUA-PPAS/APBD (murni) of the same year. Planned sub kegiatan without pagu and PD without
    a budget-stage document are skipped.

    Why: what the plan promised but the budget does not fund will miss its targets; it is often a deliberate
    choice under a tight fiscal capacity, hence info, but the Renja targets should then be revised.

    Example: Renja 2024 of Dinas Pendidikan plans 1.01.02.2.01.0001 with Rp 500.000.000; the APBD 2024 of
    Dinas Pendidikan lists it without pagu.
    """
    for year, match, evidence in _comparable_matches(data, MatchStatus.ONLY_PLAN):
        assert match.plan is not None
        if match.plan.pagu > 0:
            evidence["pagu"] = match.plan.pagu
            yield item_finding("SEL306", match.plan.document, match.plan.item, evidence, year=year)


@registry.register(
    code="SEL307",
    name="plan-budget-pagu-differs",
    severity=FindingSeverity.PERINGATAN,
    title=("Pagu anggaran jauh berbeda dari rencana", "Budgeted pagu far from the planned pagu"),
    message=(
        "Pagu {year} sub kegiatan {code} ({name}) PD {pd}: {rencana} Rp {rencana_pagu}, {anggaran} Rp "
        "{anggaran_pagu} (selisih Rp {selisih}, {persen}% dari pagu rencana).",
        "The {year} pagu of sub kegiatan {code} ({name}) of agency {pd}: {rencana} Rp {rencana_pagu}, "
        "{anggaran} Rp {anggaran_pagu} (a difference of Rp {selisih}, {persen}% of the planned pagu).",
    ),
    suggestion=(
        "Jelaskan perubahan pagu {code} atau sesuaikan target kinerjanya di {rencana} {year} dengan pagu {anggaran}.",
        "Explain the change in the pagu of {code}, or adjust its targets in the {rencana} {year} to the "
        "{anggaran} pagu.",
    ),
)
def plan_budget_pagu_differs(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a sub kegiatan in both the Renja/RKPD and the KUA-PPAS/APBD (murni) of a year whose budgeted pagu
    differs from the planned pagu by more than ``budget_difference`` of the planned pagu (either way). Sub
    units' pagu add up. Plan items without pagu are skipped (nothing to compare with).

    Why: the targets of the Renja were set for the planned money; a budget far above or below it means the
    targets no longer fit, or the plan was set aside when the budget was drawn up.

    Example: Renja 2024 plans 1.02.02.2.01.0003 with Rp 100.000.000; the APBD 2024 gives it Rp 160.000.000
    (60 %, above the 20 % allowed).
    """
    limit = context.thresholds.budget_difference
    for year, match, evidence in _comparable_matches(data, MatchStatus.BOTH):
        relative, selisih = match.relative, match.selisih
        if relative is None or selisih is None or abs(relative) <= limit:
            continue
        assert match.plan is not None and match.budget is not None
        evidence |= {
            "rencana_pagu": match.plan.pagu,
            "anggaran_pagu": match.budget.pagu,
            "selisih": selisih,
            "persen": (relative * 100).quantize(Decimal("0.1")),
        }
        yield item_finding("SEL307", match.budget.document, match.budget.item, evidence, year=year)

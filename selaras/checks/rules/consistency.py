"""Consistency along the chain RPJMD ↔ Renstra ↔ Renja ↔ RKPD: the same program, the same indicator, the same
target and no more money than planned.

A Renja (year Y) is paired with the Renstra of the same PD whose period contains Y, item by code (program
penunjang ``1.02.01`` and ``X.XX.01`` are one code, see :func:`_program_key`); indicators
of a paired item are matched by name (normalised, then fuzzy). The RKPD is compared with the sum of the Renja.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.locate import document_location, item_finding
from selaras.checks.registry import registry
from selaras.checks.text import normalize_name, similarity
from selaras.checks.thresholds import CheckContext
from selaras.domain import DocumentKind, Indicator, Item, ItemLevel, Plan, parse_code

__all__ = [
    "renja_item_not_in_renstra",
    "renja_pagu_exceeds_renstra",
    "renja_target_differs",
    "renstra_program_missing_in_renja",
    "renstra_program_not_in_rpjmd",
    "rkpd_program_pagu_differs",
    "rkpd_total_differs",
    "satuan_mismatch",
]


def _code(item: Item) -> str:
    return item.code or item.key


@lru_cache(maxsize=1 << 15)  # the same codes recur in every PD and pemda
def _program_key(code: str) -> str:
    """The code as compared between documents. Program penunjang is one program for every PD: a Renstra or an
    RPJMD may write it ``X.XX.01`` as the nomenclature lists it, a Renja ``1.02.01`` with the PD's bidang;
    both become ``X.XX.01`` (and so do its kegiatan and sub kegiatan)."""
    try:
        parsed = parse_code(code)
    except ValueError:
        return code
    return parsed.as_placeholder().text if parsed.is_penunjang else parsed.text


def _key(item: Item) -> str:
    return _program_key(_code(item))


def _by_code(plan: Plan) -> dict[str, Item]:
    """Program-part items by :func:`_key`."""
    return {_key(item): item for item in plan.items if item.level.is_program_part}


def _pairs(data: PlanningData) -> Iterator[tuple[Plan, Plan, int]]:
    """(Renja, its Renstra, the Renja year) for every Renja with a Renstra of the same PD covering its year."""
    for pemda in data.regional_pemda():
        for renja in data.plans_of(DocumentKind.RENJA, pemda.kode):
            year = renja.document.period.start
            renstra = data.plans_of(DocumentKind.RENSTRA, pemda.kode, renja.document.pd)
            covering = [plan for plan in renstra if year in plan.document.period]
            if covering:
                yield renja, covering[0], year


def _matched_items(data: PlanningData) -> Iterator[tuple[Plan, Item, Item, int]]:
    """(Renja plan, Renja item, Renstra item of the same code, year)."""
    for renja, renstra, year in _pairs(data):
        reference = _by_code(renstra)
        for item in renja.items:
            other = reference.get(_key(item)) if item.level.is_program_part else None
            if other is not None:
                yield renja, item, other, year


def _matched_indicators(item: Item, other: Item, threshold: float) -> Iterator[tuple[Indicator, Indicator]]:
    """Each indicator of ``item`` with the indicator of ``other`` of the same (or the most similar) name."""
    exact = {normalize_name(indicator.name): indicator for indicator in other.indicators}
    for indicator in item.indicators:
        match = exact.get(normalize_name(indicator.name))
        if match is None and other.indicators:
            score, best = max(
                ((similarity(indicator.name, candidate.name), candidate) for candidate in other.indicators),
                key=lambda pair: pair[0],
            )
            match = best if score >= threshold else None
        if match is not None:
            yield indicator, match


def _same_satuan(indicator: Indicator, reference: Indicator) -> bool:
    return normalize_name(indicator.satuan) == normalize_name(reference.satuan)


def _missing(plan: Plan, present: dict[str, Item]) -> Iterator[Item]:
    """Program-part items of ``plan`` absent from ``present``, reported at the highest absent level: a missing
    program is one finding, not one per child."""
    items = {item.key: item for item in plan.items}
    for item in plan.items:
        if not item.level.is_program_part or _key(item) in present:
            continue
        parent = items.get(item.parent) if item.parent is not None else None
        if parent is None or _key(parent) in present:
            yield item


@registry.register(
    code="SEL201",
    name="renja-item-not-in-renstra",
    severity=FindingSeverity.PERINGATAN,
    title=("Item Renja tidak ada di Renstra", "Renja item not in the Renstra"),
    message=(
        "{level} {code} ({name}) ada di Renja {year} tetapi tidak ada di Renstra {renstra}.",
        "{level} {code} ({name}) is in the Renja {year} but not in the Renstra {renstra}.",
    ),
    suggestion=(
        "Tambahkan {code} ke Renstra (perubahan Renstra) atau hapus dari Renja {year}.",
        "Add {code} to the Renstra (a Renstra revision) or remove it from the Renja {year}.",
    ),
)
def renja_item_not_in_renstra(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a Renja program, kegiatan or sub kegiatan whose code is not in the PD's Renstra for that year,
    once at the highest missing level.

    Why: the Renja carries out the Renstra (Permendagri 86/2017); work outside it has no mid-term target and
    usually means the Renstra needs a formal revision.

    Example: Renja 2026 of Dinas PUPR has sub kegiatan 1.03.10.2.01.0005, absent from its Renstra 2025-2029.
    """
    for renja, renstra, year in _pairs(data):
        for item in _missing(renja, _by_code(renstra)):
            evidence = {
                "level": item.level.label.capitalize(),
                "name": item.text,
                "year": year,
                "renstra": str(renstra.document.period),
            }
            yield item_finding("SEL201", renja.document, item, evidence)


@registry.register(
    code="SEL202",
    name="renstra-program-missing-in-renja",
    severity=FindingSeverity.INFO,
    title=("Program Renstra tahun ini tidak ada di Renja", "Renstra program for this year missing from the Renja"),
    message=(
        "Program {code} ({name}) direncanakan di Renstra untuk {year} (Rp {pagu}) tetapi tidak ada di Renja {year}.",
        "Program {code} ({name}) is planned in the Renstra for {year} (Rp {pagu}) but missing from the Renja {year}.",
    ),
    suggestion=(
        "Masukkan program {code} ke Renja {year} atau catat alasan penundaannya.",
        "Include program {code} in the Renja {year} or record why it is deferred.",
    ),
)
def renstra_program_missing_in_renja(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a Renstra program with pagu for the Renja's year that the Renja leaves out entirely. Location:
    the Renstra program, with the year. Only whole programs: a Renja legitimately carries a subset of the
    Renstra's kegiatan and sub kegiatan each year.

    Why: Renstra targets are met only if the yearly Renja schedules the work; a program skipped for a whole
    year is worth knowing, though a deferral can be legitimate.

    Example: Renstra 2025-2029 gives program 1.02.03 Rp 500.000.000 for 2026; the Renja 2026 lacks it.
    """
    for renja, renstra, year in _pairs(data):
        present = _by_code(renja)
        for item in renstra.items:
            pagu = item.pagu(year)
            if item.level is ItemLevel.PROGRAM and pagu and pagu > 0 and _key(item) not in present:
                evidence = {"name": item.text, "year": year, "pagu": pagu}
                yield item_finding("SEL202", renstra.document, item, evidence, year=year)


@registry.register(
    code="SEL203",
    name="satuan-mismatch",
    severity=FindingSeverity.PERINGATAN,
    title=("Satuan indikator Renja berbeda dengan Renstra", "Renja indicator unit differs from the Renstra"),
    message=(
        'Indikator "{indicator}" pada {code} bersatuan {renja} di Renja, tetapi {renstra} di Renstra.',
        'Indicator "{indicator}" of {code} is measured in {renja} in the Renja but in {renstra} in the Renstra.',
    ),
    suggestion=(
        'Samakan satuan indikator "{indicator}" di Renja dengan Renstra ({renstra}).',
        'Use the Renstra unit ({renstra}) for indicator "{indicator}" in the Renja.',
    ),
)
def satuan_mismatch(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a Renja indicator whose satuan differs from the same indicator (matched by name) in the Renstra.

    Why: with different units the Renja target cannot be compared with the Renstra target and the
    achievement cannot be added up over the years.

    Example: "Jumlah dokumen perencanaan" in Dokumen in the Renstra, in Laporan in the Renja.
    """
    threshold = context.thresholds.name_similarity
    for renja, item, other, _ in _matched_items(data):
        for indicator, reference in _matched_indicators(item, other, threshold):
            if not _same_satuan(indicator, reference):
                evidence = {"indicator": indicator.name, "renja": indicator.satuan, "renstra": reference.satuan}
                yield item_finding("SEL203", renja.document, item, evidence, indicator=indicator.name)


@registry.register(
    code="SEL204",
    name="renja-target-differs",
    severity=FindingSeverity.PERINGATAN,
    title=("Target Renja berbeda dengan Renstra", "Renja target differs from the Renstra"),
    message=(
        'Target {year} indikator "{indicator}" pada {code}: Renja {renja} {satuan}, Renstra {renstra} {satuan}.',
        'Target {year} of indicator "{indicator}" of {code}: Renja {renja} {satuan}, Renstra {renstra} {satuan}.',
    ),
    suggestion=(
        "Samakan target Renja {year} dengan Renstra ({renstra} {satuan}), atau ubah Renstra secara resmi.",
        "Set the Renja {year} target to the Renstra's ({renstra} {satuan}), or formally revise the Renstra.",
    ),
)
def renja_target_differs(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a Renja indicator whose target for the Renja year differs from the Renstra target of that year by
    more than ``target_tolerance`` (relative). Pairs with different satuan are left to satuan-mismatch.

    Why: the Renja is the yearly slice of the Renstra; a different target means the Renstra will be missed or
    was silently changed.

    Example: Renstra 2026 target 12 Dokumen, Renja 2026 target 10 Dokumen.
    """
    tolerance = context.thresholds.target_tolerance
    for renja, item, other, year in _matched_items(data):
        for indicator, reference in _matched_indicators(item, other, context.thresholds.name_similarity):
            value, expected = indicator.target(year), reference.target(year)
            if value is None or expected is None or not _same_satuan(indicator, reference):
                continue
            if abs(value - expected) > tolerance * abs(expected) if expected else value != expected:
                evidence = {
                    "indicator": indicator.name,
                    "renja": value,
                    "renstra": expected,
                    "year": year,
                    "satuan": indicator.satuan,
                }
                yield item_finding("SEL204", renja.document, item, evidence, indicator=indicator.name, year=year)


@registry.register(
    code="SEL205",
    name="renja-pagu-exceeds-renstra",
    severity=FindingSeverity.GALAT,
    title=("Pagu Renja melebihi Renstra", "Renja pagu exceeds the Renstra"),
    message=(
        "Pagu {year} {code} di Renja Rp {renja} melebihi pagu indikatif Renstra Rp {renstra} (selisih Rp {selisih}).",
        "The {year} pagu of {code} in the Renja, Rp {renja}, exceeds the Renstra's indicative Rp {renstra} "
        "(by Rp {selisih}).",
    ),
    suggestion=(
        "Turunkan pagu Renja {year} untuk {code} menjadi paling banyak Rp {renstra}, atau ubah Renstra.",
        "Lower the Renja {year} pagu of {code} to at most Rp {renstra}, or revise the Renstra.",
    ),
)
def renja_pagu_exceeds_renstra(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a Renja item whose pagu for its year exceeds the Renstra's indicative pagu for that year (beyond
    ``pagu_tolerance``, relative), at the deepest level that exceeds: a parent is not reported when one of
    its children already is, since its sum only repeats the child's excess.

    Why: the Renstra's indicative pagu is the agency's mid-term funding frame; going over it crowds out other
    years or other agencies.

    Example: sub kegiatan 1.02.02.2.02.0001, Renstra 2026 Rp 100.000.000, Renja 2026 Rp 150.000.000.
    """
    factor = 1 + context.thresholds.pagu_tolerance
    exceeding: dict[tuple[str, str], Finding] = {}
    parents: set[tuple[str, str]] = set()
    for renja, item, other, year in _matched_items(data):
        value, limit = item.pagu(year), other.pagu(year)
        if value is not None and limit is not None and value > limit * factor:
            key = renja.document.key
            evidence = {"renja": value, "renstra": limit, "selisih": value - limit, "year": year}
            exceeding[key, item.key] = item_finding("SEL205", renja.document, item, evidence, year=year)
            if item.parent is not None:
                parents.add((key, item.parent))
    yield from (finding for where, finding in exceeding.items() if where not in parents)


def _renja_program_pagu(data: PlanningData, pemda: str, year: int) -> dict[str, dict[str, Decimal]]:
    """Per PD (that has a Renja for ``year``; the last loaded one when there are several versions), the pagu
    of each program code."""
    latest: dict[str, Plan] = {}
    for plan in data.plans_of(DocumentKind.RENJA, pemda):
        if year in plan.document.period and plan.document.pd:
            latest[plan.document.pd] = plan
    totals: dict[str, dict[str, Decimal]] = {}
    for pd, plan in latest.items():
        per_code: dict[str, Decimal] = defaultdict(Decimal)
        for item in plan.items:
            if item.level is ItemLevel.PROGRAM:
                per_code[_key(item)] += item.pagu(year) or Decimal(0)
        totals[pd] = per_code
    return totals


def _rkpd_with_renja(data: PlanningData) -> Iterator[tuple[Plan, int, dict[str, dict[str, Decimal]]]]:
    for pemda in data.regional_pemda():
        for rkpd in data.plans_of(DocumentKind.RKPD, pemda.kode):
            year = rkpd.document.period.start
            renja = _renja_program_pagu(data, pemda.kode, year)
            if renja:
                yield rkpd, year, renja


@registry.register(
    code="SEL206",
    name="rkpd-program-pagu-differs",
    severity=FindingSeverity.GALAT,
    title=("Pagu program RKPD berbeda dengan Renja", "RKPD program pagu differs from the Renja"),
    message=(
        "Pagu {year} program {code} untuk PD {pd} di RKPD Rp {rkpd}, di Renja Rp {renja}.",
        "The {year} pagu of program {code} for agency {pd} is Rp {rkpd} in the RKPD and Rp {renja} in the Renja.",
    ),
    suggestion=(
        "Samakan pagu program {code} PD {pd} di RKPD {year} dengan Renja (Rp {renja}), atau sebaliknya.",
        "Make the RKPD {year} pagu of program {code} for {pd} equal to the Renja's (Rp {renja}), or vice versa.",
    ),
)
def rkpd_program_pagu_differs(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an RKPD program item (keyed ``{pd}/{code}``) whose pagu differs from the pagu of that program in the
    PD's Renja of the same year by more than ``sum_tolerance`` rupiah. PD without a Renja that year are skipped.

    Why: the RKPD is compiled from the Renja; a different amount means one of the two was changed without the
    other, and the KUA-PPAS will start from the wrong figure.

    Example: RKPD 2026 item 1.02.01/1.02.02 Rp 2.000.000.000; Renja 2026 of PD 1.02.01 program 1.02.02 Rp 1,8 M.
    """
    tolerance = context.thresholds.sum_tolerance
    for rkpd, year, renja in _rkpd_with_renja(data):
        for item in rkpd.items:
            pagu = item.pagu(year)
            if item.level is not ItemLevel.PROGRAM or item.pd not in renja or pagu is None:
                continue
            expected = renja[item.pd].get(_key(item), Decimal(0))
            if abs(pagu - expected) > tolerance:
                evidence = {"rkpd": pagu, "renja": expected, "year": year, "pd": item.pd}
                yield item_finding("SEL206", rkpd.document, item, evidence, year=year)


@registry.register(
    code="SEL207",
    name="rkpd-total-differs",
    severity=FindingSeverity.PERINGATAN,
    title=("Total pagu RKPD berbeda dengan jumlah Renja", "RKPD total differs from the sum of the Renja"),
    message=(
        "Total pagu program RKPD {year} Rp {rkpd}, jumlah pagu program seluruh Renja {year} Rp {renja}.",
        "The RKPD {year} program total is Rp {rkpd}; the sum over all Renja {year} is Rp {renja}.",
    ),
    suggestion=(
        "Periksa program yang ada di RKPD {year} tetapi tidak di Renja (atau sebaliknya) dan samakan totalnya.",
        "Find the programs in the RKPD {year} but not in any Renja (or the reverse) and reconcile the totals.",
    ),
)
def rkpd_total_differs(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an RKPD whose total program pagu differs from the sum of the program pagu of all the pemda's Renja
    of that year (beyond ``sum_tolerance``). Only for pemda with Renja loaded for the year.

    Why: catches what the per-program comparison cannot see: RKPD programs without a Renja, or Renja
    programs the RKPD left out.

    Example: RKPD 2026 total Rp 3,1 T; the 30 Renja 2026 add up to Rp 3,0 T.
    """
    for rkpd, year, renja in _rkpd_with_renja(data):
        total = sum(
            (item.pagu(year) or Decimal(0) for item in rkpd.items if item.level is ItemLevel.PROGRAM), Decimal(0)
        )
        expected = sum((pagu for per_code in renja.values() for pagu in per_code.values()), Decimal(0))
        if abs(total - expected) > context.thresholds.sum_tolerance:
            evidence = {"rkpd": total, "renja": expected, "selisih": total - expected, "year": year}
            yield Finding("SEL207", document_location(rkpd.document, year=year), evidence)


@registry.register(
    code="SEL208",
    name="renstra-program-not-in-rpjmd",
    severity=FindingSeverity.PERINGATAN,
    title=("Program Renstra tidak ada di RPJMD", "Renstra program not in the RPJMD"),
    message=(
        "Program {code} ({name}) ada di Renstra tetapi tidak tercantum dalam program RPJMD {period}.",
        "Program {code} ({name}) is in the Renstra but not among the RPJMD {period} programs.",
    ),
    suggestion=(
        "Cantumkan program {code} di RPJMD atau ganti dengan program RPJMD yang sesuai di Renstra.",
        "List program {code} in the RPJMD or replace it in the Renstra with the matching RPJMD program.",
    ),
)
def renstra_program_not_in_rpjmd(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a Renstra program absent from the programs of the RPJMD of the same period — only when that RPJMD
    lists programs at all (many keep to sasaran and priorities; then there is nothing to compare).

    Why: the Renstra programs are the RPJMD's programs assigned to one agency; a program outside the RPJMD has
    no mid-term mandate.

    Example: RPJMD 2025-2029 lists 1.02.02 and 1.02.03; Renstra Dinas Kesehatan adds 1.02.04.
    """
    for pemda in data.regional_pemda():
        for rpjmd in data.plans_of(DocumentKind.RPJMD, pemda.kode):
            programs = {_key(item) for item in rpjmd.items if item.level is ItemLevel.PROGRAM}
            if not programs:
                continue
            for renstra in data.plans_of(DocumentKind.RENSTRA, pemda.kode):
                if renstra.document.period != rpjmd.document.period:
                    continue
                for item in renstra.items:
                    if item.level is ItemLevel.PROGRAM and _key(item) not in programs:
                        evidence = {"name": item.text, "period": str(rpjmd.document.period)}
                        yield item_finding("SEL208", renstra.document, item, evidence)

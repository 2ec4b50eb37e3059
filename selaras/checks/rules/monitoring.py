"""Monitoring: is the annual plan being carried out — money absorbed and outputs delivered on the expected curve,
each rupiah matched by physical progress, and outputs bought at a comparable price?

Subjects: the budgeted sub kegiatan of the regional Renja of the year under review that have realisasi, up to the
last triwulan reported for their Renja (``MonitoringData.quarter`` fixes one). Only :class:`MonitoringData`
carries realisasi; on plain planning data these rules find nothing. Capaian respects each indicator's direction
(see :mod:`selaras.checks.monitoring`). Serapan is measured against the pagu the money is spent under: the PD's
APBD (or KUA-PPAS) of the year when one is loaded, else the Renja's own
(:func:`~selaras.checks.monitoring.measured_pagu`); each finding names which (``basis``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from statistics import median

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.locate import item_finding
from selaras.checks.monitoring import (
    HUNDRED,
    ItemProgress,
    MonitoringData,
    expected_share,
    item_progress,
    monitored_items,
)
from selaras.checks.registry import registry
from selaras.checks.rules.efficiency import OUTLIER_MARGIN, counts_things, robust_z
from selaras.checks.thresholds import CheckContext
from selaras.domain.realisasi import roman

__all__: list[str] = []


def _progress(data: PlanningData, context: CheckContext) -> list[ItemProgress]:
    """Every monitored item with realisasi, up to its Renja's last reported triwulan; shared by the family."""
    if not isinstance(data, MonitoringData):
        return []

    def build(_: PlanningData) -> list[ItemProgress]:
        assert isinstance(data, MonitoringData)
        found = []
        for plan, item in monitored_items(data, context.year):
            quarter = data.quarter or data.reported_quarter(plan.document.key)
            if quarter is not None and data.realisasi_of(plan.document.key, item.key):
                found.append(item_progress(data, plan, item, context.year, quarter))
        return found

    return data.derived(f"monitoring/progress/{context.year}", build)


def _percent(share: Decimal) -> Decimal:
    return (share * HUNDRED).quantize(Decimal(1))


@registry.register(
    code="SEL901",
    name="absorption-behind-curve",
    severity=FindingSeverity.PERINGATAN,
    title=("Serapan anggaran tertinggal dari kurva", "Budget absorption behind the curve"),
    message=(
        "Serapan anggaran sub kegiatan {code} s.d. TW {triwulan} baru {serapan} % dari pagu[ {basis}] Rp {pagu}; "
        "kurva rencana {expected} %.",
        "Budget absorption of sub kegiatan {code} up to TW {triwulan} is only {serapan} % of the Rp {pagu}[ {basis}] "
        "pagu; the planned curve is {expected} %.",
    ),
    suggestion=(
        "Tanyakan kendala pelaksanaan (pengadaan, SPJ) kepada PD dan tetapkan rencana percepatan untuk TW berikutnya.",
        "Ask the PD what holds it up (procurement, accountability reports) and agree on a catch-up plan for the "
        "next quarter.",
    ),
)
def absorption_behind_curve(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a sub kegiatan whose rupiah realised up to the triwulan, as a share of its pagu (the year's APBD or
    KUA-PPAS when one is loaded for the PD, else the Renja's), is more than ``progress_lag`` below the expected
    curve (``expected_progress_tw1..4``).

    Why: money that is not spent by TW III rarely buys its outputs by December; the evaluation of Permendagri
    86/2017 asks Bappeda to name such items while there is still time to act.

    Example: TW III, pagu Rp 400.000.000, realised Rp 80.000.000 (20 %) where the curve expects 75 %.
    """
    lag = context.thresholds.progress_lag
    for own in _progress(data, context):
        expected = expected_share(context.thresholds, own.triwulan)
        if own.serapan is not None and own.serapan / HUNDRED < expected - lag:
            evidence = {
                "triwulan": roman(own.triwulan),
                "serapan": own.serapan,
                "pagu": own.pagu,
                "basis": own.basis.label,
                "expected": _percent(expected),
            }
            yield item_finding("SEL901", own.plan.document, own.item, evidence, year=context.year)


@registry.register(
    code="SEL902",
    name="performance-behind-curve",
    severity=FindingSeverity.PERINGATAN,
    title=("Capaian kinerja tertinggal dari kurva", "Performance behind the curve"),
    message=(
        'Capaian indikator "{indicator}" sub kegiatan {code} s.d. TW {triwulan} {capaian} % '
        "(realisasi {realised} terhadap target {target} {satuan}, arah {direction}); diharapkan {expected} %.",
        'Achievement of indicator "{indicator}" of sub kegiatan {code} up to TW {triwulan} is {capaian} % '
        "(realised {realised} against a target of {target} {satuan}, direction {direction}); {expected} % expected.",
    ),
    suggestion=(
        "Minta PD menjelaskan hambatan dan langkah agar target {target} {satuan} tercapai akhir tahun.",
        "Ask the PD to explain the obstacles and how the {target} {satuan} target will be reached by year end.",
    ),
)
def performance_behind_curve(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags an indicator whose capaian up to the triwulan is more than ``progress_lag`` below what is expected:
    the curve for outputs that add up over the year (dokumen, unit, orang); the full target for levels
    (percentages, indices, and every indicator meant to fall or stay), which are measured, not accumulated.
    Capaian respects direction: for a ``turun`` indicator a realisation above the target lowers it.

    Why: physical progress is what the budget is for; a lagging output is the earliest sign that a target of
    the Renja, and the RKPD target it serves, will be missed.

    Example: TW II, "Jumlah dokumen perencanaan" 2 of 14 (14 %) where 45 % is expected; or a prevalensi stunting
    of 18 % against a target of 14 % (capaian 71 %).
    """
    lag = context.thresholds.progress_lag
    for own in _progress(data, context):
        curve = expected_share(context.thresholds, own.triwulan)
        for indicator in own.indicators:
            if indicator.capaian is None:
                continue
            expected = curve if indicator.additive else Decimal(1)
            if indicator.capaian / HUNDRED < expected - lag:
                evidence = {
                    "indicator": indicator.indicator.name,
                    "triwulan": roman(own.triwulan),
                    "capaian": indicator.capaian,
                    "realised": indicator.realised,
                    "target": indicator.target,
                    "satuan": indicator.indicator.satuan,
                    "direction": indicator.indicator.direction.value,
                    "expected": _percent(expected),
                }
                yield item_finding(
                    "SEL902",
                    own.plan.document,
                    own.item,
                    evidence,
                    indicator=indicator.indicator.name,
                    year=context.year,
                )


@registry.register(
    code="SEL903",
    name="budget-without-progress",
    severity=FindingSeverity.PERINGATAN,
    title=("Anggaran terserap tanpa kemajuan fisik", "Budget absorbed without physical progress"),
    message=(
        "Sub kegiatan {code} sudah menyerap {serapan} % pagu[ {basis}] (Rp {anggaran}) s.d. TW {triwulan}, tetapi "
        "belum ada realisasi fisik pada indikatornya.",
        "Sub kegiatan {code} has absorbed {serapan} % of its[ {basis}] pagu (Rp {anggaran}) up to TW {triwulan}, but "
        "none of its indicators shows physical progress.",
    ),
    suggestion=(
        "Periksa apakah realisasi fisik belum dilaporkan atau belanja tidak menghasilkan keluaran; minta bukti "
        "keluaran.",
        "Check whether physical progress was not reported or the spending produced no output; ask for evidence.",
    ),
)
def budget_without_progress(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a sub kegiatan with indicators that has absorbed at least ``absorbed_without_progress`` of its pagu
    while every indicator's realisation so far is zero or unreported.

    Why: spending without output is either a reporting gap (the physical figures were not entered) or money
    that bought nothing; both must be cleared before the next quarter's funds are released.

    Example: TW II, Rp 250.000.000 of Rp 400.000.000 spent (63 %), "Jumlah unit sarana" realised 0 of 12.
    """
    floor = context.thresholds.absorbed_without_progress
    for own in _progress(data, context):
        moved = any(indicator.realised for indicator in own.indicators)
        if own.indicators and not moved and own.serapan is not None and own.serapan / HUNDRED >= floor:
            evidence = {
                "triwulan": roman(own.triwulan),
                "serapan": own.serapan,
                "anggaran": own.anggaran,
                "basis": own.basis.label,
            }
            yield item_finding("SEL903", own.plan.document, own.item, evidence, year=context.year)


@registry.register(
    code="SEL904",
    name="progress-without-budget",
    severity=FindingSeverity.PERINGATAN,
    title=("Kemajuan fisik tanpa realisasi anggaran", "Physical progress without budget realisation"),
    message=(
        'Sub kegiatan {code} melaporkan realisasi fisik "{indicator}" {realised} {satuan} s.d. TW {triwulan}, '
        "tetapi realisasi anggarannya Rp 0 dari pagu[ {basis}] Rp {pagu}.",
        'Sub kegiatan {code} reports physical progress on "{indicator}" of {realised} {satuan} up to TW {triwulan}, '
        "but no rupiah of its Rp {pagu}[ {basis}] pagu was realised.",
    ),
    suggestion=(
        "Pastikan realisasi keuangan sudah dicatat (SP2D) atau bahwa keluaran memang dibiayai sumber lain.",
        "Make sure the spending has been recorded (SP2D), or that the output is indeed funded from elsewhere.",
    ),
)
def progress_without_budget(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a sub kegiatan with a pagu whose indicators report physical realisation while no rupiah has been
    realised up to the triwulan. Located at the first indicator that moved.

    Why: outputs without spending mean the financial report lags behind (so serapan is understated in the
    Rakor) or the output was counted from another activity.

    Example: TW II, "Jumlah Dokumen" 6 realised, Rp 0 of Rp 29.400.000 realised.
    """
    for own in _progress(data, context):
        moved = next((indicator for indicator in own.indicators if indicator.realised), None)
        if moved is not None and own.pagu and not own.anggaran:
            evidence = {
                "indicator": moved.indicator.name,
                "realised": moved.realised,
                "satuan": moved.indicator.satuan,
                "triwulan": roman(own.triwulan),
                "pagu": own.pagu,
                "basis": own.basis.label,
            }
            yield item_finding(
                "SEL904", own.plan.document, own.item, evidence, indicator=moved.indicator.name, year=context.year
            )


@registry.register(
    code="SEL905",
    name="realisasi-exceeds-pagu",
    severity=FindingSeverity.GALAT,
    title=("Realisasi anggaran melebihi pagu", "Budget realisation above the pagu"),
    message=(
        "Realisasi anggaran sub kegiatan {code} s.d. TW {triwulan} Rp {anggaran} melebihi pagu[ {basis}] Rp {pagu} "
        "({serapan} %).",
        "Budget realisation of sub kegiatan {code} up to TW {triwulan}, Rp {anggaran}, exceeds its Rp {pagu}"
        "[ {basis}] pagu ({serapan} %).",
    ),
    suggestion=(
        "Periksa angka realisasi (kumulatif terbaca per triwulan?) atau apakah APBD (perubahan) tahun ini belum "
        "diimpor.",
        "Check the realisation figures (cumulative read as per quarter?) or whether this year's (revised) APBD was "
        "imported.",
    ),
)
def realisasi_exceeds_pagu(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a sub kegiatan whose rupiah realised up to the triwulan is above its pagu of the year: the APBD's
    (perubahan, else murni) or KUA-PPAS's when the pemda loaded one for the PD, else the Renja's.

    Why: spending above the ceiling is not allowed; in practice it nearly always means the figures were read
    wrongly (cumulative figures added up again) or the budget it was spent under (the APBD, or its perubahan)
    was not imported, so the Renja's planned pagu stood in for it.

    Example: pagu Rp 29.400.000, TW I Rp 10.000.000 and TW II Rp 20.000.000 entered as quarters (Rp 30.000.000).
    """
    for own in _progress(data, context):
        if own.pagu and own.anggaran > own.pagu:
            evidence = {
                "triwulan": roman(own.triwulan),
                "anggaran": own.anggaran,
                "pagu": own.pagu,
                "basis": own.basis.label,
                "serapan": own.serapan,
            }
            yield item_finding("SEL905", own.plan.document, own.item, evidence, year=context.year)


@registry.register(
    code="SEL906",
    name="realised-unit-cost-outlier",
    severity=FindingSeverity.INFO,
    title=("Biaya realisasi per satuan keluaran jauh di atas yang lain", "Realised cost per output far above others"),
    message=(
        "Sub kegiatan {code} membelanjakan Rp {unit_cost} per {satuan} s.d. TW {triwulan}, {ratio} kali median "
        "Rp {median} dari {peers} PD/pemda dengan kode yang sama.",
        "Sub kegiatan {code} spent Rp {unit_cost} per {satuan} up to TW {triwulan}, {ratio} times the median "
        "Rp {median} of {peers} PD/pemda with the same code.",
    ),
    suggestion=(
        "Bandingkan spesifikasi keluaran dan harga satuan dengan PD/pemda lain sebelum anggaran berikutnya.",
        "Compare the output's specification and unit prices with the other PD/pemda before the next budget.",
    ),
)
def realised_unit_cost_outlier(data: PlanningData, context: CheckContext) -> Iterator[Finding]:
    """Flags a sub kegiatan whose realised cost per unit of output — rupiah realised ÷ realisation of its first
    indicator that counts things (same satuan) — is far above the other PD and kab/kota with the same sub kegiatan
    code: robust z-score above ``unit_cost_z`` with at least ``unit_cost_min_peers`` values, and more than 1.5 ×
    the median (the unit-cost logic of SEL602 applied to what was actually spent and delivered).

    Why: effectiveness is what a rupiah bought; the same output bought at several times the price elsewhere is
    the question the Rakor asks about efficient use of the budget.

    Example: "Penyediaan Makanan Tambahan" Rp 900.000 per Orang realised where other kab/kota spend Rp 150.000.
    """
    groups: dict[tuple[str, str], list[tuple[ItemProgress, Decimal, str]]] = defaultdict(list)
    for own in _progress(data, context):
        counted = next(
            (i for i in own.indicators if i.additive and i.realised and counts_things(i.indicator.satuan)), None
        )
        if counted is not None and counted.realised and own.anggaran and own.item.code:
            satuan = counted.indicator.satuan.casefold().strip()
            groups[own.item.code, satuan].append((own, own.anggaran / counted.realised, counted.indicator.satuan))
    thresholds = context.thresholds
    for costs in groups.values():
        if len(costs) < thresholds.unit_cost_min_peers:
            continue
        values = [value for _, value, _ in costs]
        middle = median(values)
        mad = median(abs(value - middle) for value in values)
        for own, value, satuan in costs:
            z = robust_z(value, middle, mad) if mad > 0 else None
            if value > middle * OUTLIER_MARGIN and (z is None or z > thresholds.unit_cost_z):
                evidence = {
                    "triwulan": roman(own.triwulan),
                    "unit_cost": value.quantize(Decimal(1)),
                    "satuan": satuan,
                    "median": middle.quantize(Decimal(1)),
                    "ratio": (value / middle).quantize(Decimal("0.01")),
                    "peers": len(costs),
                }
                yield item_finding("SEL906", own.plan.document, own.item, evidence, year=context.year)

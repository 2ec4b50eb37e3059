"""Seeding the manifest's defects into a generated province, each as the only deviation at its place.

Rules that keep every defect alone where it is:
* one defect per PD program (program, its kegiatan and sub kegiatan, in Renstra and Renja alike) and per
  strategic item, so two defects never meet;
* a change to the Renstra that a Renja would contradict is made only where the Renja has no such item
  ("Renstra-only"), or in a year other than the Renja's;
* pagu changes only lower a parent or a Renstra amount, so no other *listed* kind appears as a side effect
  (a kegiatan or program may then hold more pagu than its children — unallocated, not a defect kind).
The RKPD is never touched: it repeats Renja programs, and no defect lives at program level of a Renja
except a missing link.
"""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal

from selaras.checks.rules.performance import is_constant_by_nature
from selaras.domain import Direction, Indicator, IndicatorKind, ItemLevel, LinkKind, parse_code
from selaras.numbers import format_number, format_rupiah
from selaras.sample.agency_plans import PemdaSample
from selaras.sample.defects import Defect, DefectKind
from selaras.sample.documents import MEDIUM_PERIOD
from selaras.sample.profiles import Injector, quality_profile, seed_by_quality
from selaras.sample.programs import nomenclature
from selaras.sample.regional import EXTRA_PRIORITY, priority_item
from selaras.sample.spots import Seeder, Spot, coded, linked_iku, provincial_iku, rpjmd_items
from selaras.sample.values import rupiah

__all__ = ["PER_KIND", "inject_defects"]

PER_KIND = 4  # instances of each kind: the province and three kab/kota (kab/kota only for IKU kinds)
_OTHER_SATUAN = {"Dokumen": "Laporan", "Laporan": "Dokumen", "Unit": "Paket", "Paket": "Unit", "Orang": "Kegiatan"}
_OTHER_IKU_SATUAN = {"%": "Indeks", "Indeks": "%", "Nilai": "Indeks"}
_RENAMES = {
    "Penyusunan": "Pembuatan",
    "Penyediaan": "Pengadaan",
    "Pengelolaan": "Pengurusan",
    "Koordinasi": "Rapat Koordinasi",
    "Pelaksanaan": "Penyelenggaraan",
    "Fasilitasi": "Pendampingan",
    "Pembinaan": "Bimbingan",
}


def _strategic_or_program(sample: PemdaSample, variant: int, *, renstra_only: bool) -> list[Spot]:
    """Alternate between Renstra programs and RPJMD sasaran."""
    if variant % 2:
        return rpjmd_items(sample, ItemLevel.SASARAN)
    return coded(sample, ItemLevel.PROGRAM, renstra_only=renstra_only)


def _phrase(text: str) -> str:
    return text[:1].lower() + text[1:]


def _link_missing(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    spot = s.choose(coded(sample, ItemLevel.PROGRAM, renja=variant % 2 == 1))
    if spot is None:
        return None
    spot.plan.links[:] = [link for link in spot.plan.links if link.source.item != spot.item.key]
    return spot.defect(DefectKind.LINK_MISSING, f"Program {spot.item.key} tidak tertaut ke sasaran RPJMD")


def _renja_target_differs(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    spot = s.choose(coded(sample, ItemLevel.SUB_KEGIATAN, renja=True))
    if spot is None or spot.plans is None:
        return None
    indicator = spot.indicator
    renstra = indicator.targets[s.year]
    indicator.targets[s.year] = renstra + max(1, int(renstra) // 4)
    detail = (
        f"Target Renja {s.year} {format_number(indicator.targets[s.year])} {indicator.satuan}, "
        f"Renstra {format_number(renstra)} {indicator.satuan}"
    )
    return spot.defect(
        DefectKind.RENJA_TARGET_DIFFERS, detail, indicator=indicator.name, year=s.year,
        counterpart=spot.plans.renstra.document.key,
    )  # fmt: skip


def _satuan_mismatch(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    level = ItemLevel.KEGIATAN if variant % 2 else ItemLevel.SUB_KEGIATAN
    spot = s.choose(coded(sample, level, renja=True))
    if spot is None or spot.plans is None:
        return None
    indicator = spot.indicator
    renstra_satuan = indicator.satuan
    indicator.satuan = _OTHER_SATUAN.get(renstra_satuan, "Paket")
    detail = f"Satuan Renja '{indicator.satuan}', Renstra '{renstra_satuan}'"
    return spot.defect(
        DefectKind.SATUAN_MISMATCH, detail, indicator=indicator.name, counterpart=spot.plans.renstra.document.key
    )


def _renja_pagu_exceeds(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    """Lower the Renstra pagu of the Renja's year below the Renja's (lowering keeps the Renja sums intact)."""
    spot = s.choose(coded(sample, ItemLevel.SUB_KEGIATAN, renja=True))
    if spot is None or spot.plans is None:
        return None
    renja_pagu = spot.item.pagu(s.year) or Decimal(0)
    budget = next(b for b in spot.plans.renstra.item(spot.item.key).budgets if b.year == s.year)
    budget.pagu = rupiah(float(renja_pagu) * 0.85)
    detail = f"Pagu Renja {s.year} {format_rupiah(renja_pagu)} melebihi pagu Renstra {format_rupiah(budget.pagu)}"
    return spot.defect(
        DefectKind.RENJA_PAGU_EXCEEDS_RENSTRA, detail, year=s.year, counterpart=spot.plans.renstra.document.key
    )


def _child_pagu_exceeds(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    """Lower a Renstra kegiatan's pagu in a year the Renja does not plan."""
    spot = s.choose(coded(sample, ItemLevel.KEGIATAN))
    if spot is None:
        return None
    year = MEDIUM_PERIOD.end if s.year != MEDIUM_PERIOD.end else MEDIUM_PERIOD.end - 1
    children = sum((child.pagu(year) or Decimal(0) for child in spot.plan.children(spot.item.key)), Decimal(0))
    budget = next(b for b in spot.item.budgets if b.year == year)
    budget.pagu = rupiah(float(children) * 0.8)
    detail = f"Jumlah pagu sub kegiatan {year} {format_rupiah(children)} > pagu kegiatan {format_rupiah(budget.pagu)}"
    return spot.defect(DefectKind.CHILD_PAGU_EXCEEDS_PARENT, detail, year=year)


def _may_duplicate(code: str) -> bool:
    """Program penunjang (every PD runs its own administration) and kecamatan work (bidang 7.01, each kecamatan
    in its own area) repeat legitimately across PD; only other sub kegiatan make duplicated work."""
    parsed = parse_code(code)
    return not parsed.is_penunjang and parsed.bidang_urusan != "7.01"


def _duplicate(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    """Give a Renstra-only sub kegiatan of one PD the code (and name) of another PD's sub kegiatan of the same
    kegiatan (PD sharing a bidang, such as Dinas Kesehatan and its RSUD), with the same satuan
    and direction so nothing but the code repeats. See :func:`_may_duplicate`."""
    by_kegiatan: dict[str, list[Spot]] = {}
    for spot in coded(sample, ItemLevel.SUB_KEGIATAN):
        by_kegiatan.setdefault(spot.item.parent or "", []).append(spot)
    pairs = [
        (mine, theirs)
        for mine in coded(sample, ItemLevel.SUB_KEGIATAN, renstra_only=True)
        if _may_duplicate(mine.item.key)
        for theirs in by_kegiatan[mine.item.parent or ""]
        if theirs.plans is not mine.plans
        and (theirs.indicator.satuan, theirs.indicator.direction) == (mine.indicator.satuan, mine.indicator.direction)
        and {mine.reservation, theirs.reservation}.isdisjoint(s.taken)
    ]
    if not pairs:
        return None
    mine, theirs = s.rng.choice(pairs)
    s.taken.update({mine.reservation, theirs.reservation})
    replaced = mine.item.key
    mine.item.key = mine.item.code = theirs.item.key
    mine.item.text = theirs.item.text
    mine.indicator.name = theirs.indicator.name
    other = theirs.plans.agency.pd if theirs.plans else None
    detail = (
        f"Sub kegiatan {theirs.item.key} juga direncanakan {other.nama if other else ''} ({theirs.plan.document.pd})"
    )
    return mine.defect(DefectKind.DUPLICATE_SUB_KEGIATAN, detail, replaces=replaced)


def _output_at_program(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    spots = [
        spot
        for spot in coded(sample, ItemLevel.PROGRAM, renstra_only=True)
        if not parse_code(spot.item.key).is_penunjang
    ]
    spot = s.choose(spots)
    if spot is None:
        return None
    subject = _phrase(spot.item.text.removeprefix("PROGRAM ").lower())
    indicator = Indicator(
        f"Jumlah dokumen pelaksanaan {subject}", "Dokumen", IndicatorKind.OUTPUT, Decimal(1), Direction.TETAP,
        {year: Decimal(1) for year in MEDIUM_PERIOD.years},
    )  # fmt: skip
    spot.item.indicators[0] = indicator
    return spot.defect(
        DefectKind.OUTPUT_INDICATOR_AT_PROGRAM, "Indikator program berupa keluaran", indicator=indicator.name
    )


def _baseline_missing(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    spot = s.choose(_strategic_or_program(sample, variant, renstra_only=True))
    if spot is None:
        return None
    spot.indicator.baseline = None
    return spot.defect(DefectKind.BASELINE_MISSING, "Baseline indikator kosong", indicator=spot.indicator.name)


def _target_year_missing(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    spot = s.choose(_strategic_or_program(sample, variant, renstra_only=False))
    if spot is None:
        return None
    year = s.rng.choice([year for year in spot.indicator.targets if year != s.year])
    del spot.indicator.targets[year]
    detail = f"Target tahun {year} tidak diisi"
    return spot.defect(DefectKind.TARGET_YEAR_MISSING, detail, indicator=spot.indicator.name, year=year)


def _wrong_direction(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    """After a pivot year (the Renja's year for a Renstra program) the targets move the other way."""
    spot = s.choose(_strategic_or_program(sample, variant, renstra_only=False))
    if spot is None:
        return None
    indicator = spot.indicator
    pivot = MEDIUM_PERIOD.start if variant % 2 else s.year
    years = sorted(indicator.targets)
    step = abs(indicator.targets[years[-1]] - indicator.targets[years[0]]) / (len(years) - 1)
    sign = 1 if indicator.direction is Direction.NAIK else -1
    for offset, year in enumerate((y for y in years if y > pivot), start=1):
        moved = indicator.targets[pivot] - sign * step * offset
        indicator.targets[year] = moved.quantize(indicator.targets[pivot])
    detail = f"Target setelah {pivot} bergerak berlawanan dengan arah '{indicator.direction.value}'"
    return spot.defect(DefectKind.TARGET_WRONG_DIRECTION, detail, indicator=indicator.name)


def _target_copied(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    """Copy the target of the Renja's year into every year of a rising or falling outcome (a Renstra program
    or an RPJMD sasaran): the Renja's own target stays as it was, and the baseline still lies behind."""
    spots = [
        spot
        for spot in _strategic_or_program(sample, variant, renstra_only=False)
        if spot.indicator.direction is not Direction.TETAP and not is_constant_by_nature(spot.indicator)
    ]
    spot = s.choose(spots)
    if spot is None:
        return None
    indicator = spot.indicator
    copied = indicator.targets[s.year]
    indicator.targets = dict.fromkeys(indicator.targets, copied)
    detail = f"Target {format_number(copied)} {indicator.satuan} disalin ke setiap tahun"
    return spot.defect(DefectKind.TARGET_COPIED_ACROSS_YEARS, detail, indicator=indicator.name)


def _unmeasurable(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    spot = s.choose(coded(sample, ItemLevel.SUB_KEGIATAN, renstra_only=True))
    if spot is None:
        return None
    spot.indicator.name = f"Terlaksananya {_phrase(spot.item.text)}"
    spot.indicator.satuan = ""
    return spot.defect(
        DefectKind.UNMEASURABLE_INDICATOR, "Indikator tanpa ukuran dan satuan", indicator=spot.indicator.name
    )


def _name_mismatch(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    # One changed word in a very long name (the SIPD list has names of 300 characters) reads as a typo.
    named = [spot for spot in coded(sample, ItemLevel.SUB_KEGIATAN, renstra_only=True) if len(spot.item.text) <= 80]
    spot = s.choose(named)
    if spot is None:
        return None
    reference = spot.item.text
    first, _, rest = reference.partition(" ")
    spot.item.text = f"{_RENAMES[first]} {rest}" if first in _RENAMES else f"{reference} Tahap Lanjutan"
    return spot.defect(DefectKind.NOMENCLATURE_NAME_MISMATCH, f"Nama '{spot.item.text}', nomenklatur '{reference}'")


def _unknown_code(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    spot = s.choose(coded(sample, ItemLevel.SUB_KEGIATAN, renstra_only=True))
    if spot is None:
        return None
    in_force = nomenclature()
    number = 9001
    while in_force.exists(f"{spot.item.parent}.{number}"):  # pragma: no cover - the lists stop far below
        number += 1
    replaced = spot.item.key
    spot.item.key = spot.item.code = parse_code(f"{spot.item.parent}.{number}").text
    # Local work the pemda numbered itself: keeping the listed name would make it a renumbered code instead.
    spot.item.text = f"{spot.item.text} (Usulan Daerah)"
    detail = f"Kode {spot.item.key} tidak ada dalam nomenklatur {in_force.label}"
    return spot.defect(DefectKind.UNKNOWN_CODE, detail, replaces=replaced)


def _iku_satuan(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    spot = s.choose(linked_iku(sample))
    if spot is None:
        return None
    provincial = spot.indicator.satuan
    spot.indicator.satuan = _OTHER_IKU_SATUAN.get(provincial, "%")
    detail = f"Satuan IKU '{spot.indicator.satuan}', IKU provinsi '{provincial}'"
    return spot.defect(
        DefectKind.IKU_SATUAN_MISMATCH, detail, indicator=spot.indicator.name, counterpart=provincial_iku(spot)
    )


def _iku_missing(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    """Drop a kab/kota IKU; its key equals the provincial IKU's, which is what the manifest names."""
    spot = s.choose(linked_iku(sample))
    if spot is None:
        return None
    counterpart = provincial_iku(spot)
    spot.plan.items.remove(spot.item)
    spot.plan.links[:] = [link for link in spot.plan.links if link.source.item != spot.item.key]
    detail = f"IKU provinsi '{spot.indicator.name}' ({counterpart}#{spot.item.key}) tanpa padanan"
    return spot.defect(DefectKind.IKU_MISSING, detail, indicator=spot.indicator.name, counterpart=counterpart)


def _priority_unfunded(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    rpjmd = sample.regional.rpjmd
    number = sum(1 for item in rpjmd.items if item.level is ItemLevel.PRIORITAS) + 1
    item, links = priority_item(sample.regional, EXTRA_PRIORITY, number)
    spot = s.choose([Spot(rpjmd, item)])
    if spot is None:
        return None
    rpjmd.items.append(item)
    rpjmd.links.extend(links)
    return spot.defect(DefectKind.PRIORITY_UNFUNDED, f"Prioritas '{item.text}' tidak didukung program RKPD mana pun")


def _misi_unlinked(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    spot = s.choose(rpjmd_items(sample, ItemLevel.MISI))
    if spot is None:
        return None
    rpjmd = spot.plan
    rpjmd.links[:] = [
        link for link in rpjmd.links if not (link.source.item == spot.item.key and link.kind is LinkKind.CASCADE)
    ]
    return spot.defect(DefectKind.MISI_UNLINKED, f"Misi {spot.item.key} tidak tertaut ke misi RPJPD")


def _unit_cost_outlier(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    """Divide a constant target by 8 (pagu unchanged) where at least two other pemda plan the same code."""
    spots = [
        spot
        for spot in coded(sample, ItemLevel.SUB_KEGIATAN, renstra_only=True)
        if s.shared[spot.item.key] >= 3
        and spot.indicator.direction is Direction.TETAP
        and all(target >= 8 and target % 8 == 0 for target in spot.indicator.targets.values())
    ]
    spot = s.choose(spots)
    if spot is None:
        return None
    indicator = spot.indicator
    indicator.targets = {year: target / 8 for year, target in indicator.targets.items()}
    indicator.baseline = indicator.targets[MEDIUM_PERIOD.start]
    detail = "Target dibagi 8 dengan pagu tetap: biaya per satuan 8 kali pemda lain"
    return spot.defect(DefectKind.UNIT_COST_OUTLIER, detail, indicator=indicator.name)


def _pagu_without_indicator(s: Seeder, sample: PemdaSample, variant: int) -> Defect | None:
    spot = s.choose(coded(sample, ItemLevel.SUB_KEGIATAN, renstra_only=True))
    if spot is None:
        return None
    spot.item.indicators.clear()
    return spot.defect(DefectKind.PAGU_WITHOUT_INDICATOR, "Sub kegiatan berpagu tanpa indikator")


_INJECTORS: dict[DefectKind, Injector] = {
    DefectKind.LINK_MISSING: _link_missing,
    DefectKind.RENJA_TARGET_DIFFERS: _renja_target_differs,
    DefectKind.SATUAN_MISMATCH: _satuan_mismatch,
    DefectKind.RENJA_PAGU_EXCEEDS_RENSTRA: _renja_pagu_exceeds,
    DefectKind.CHILD_PAGU_EXCEEDS_PARENT: _child_pagu_exceeds,
    DefectKind.DUPLICATE_SUB_KEGIATAN: _duplicate,
    DefectKind.OUTPUT_INDICATOR_AT_PROGRAM: _output_at_program,
    DefectKind.BASELINE_MISSING: _baseline_missing,
    DefectKind.TARGET_YEAR_MISSING: _target_year_missing,
    DefectKind.TARGET_WRONG_DIRECTION: _wrong_direction,
    DefectKind.UNMEASURABLE_INDICATOR: _unmeasurable,
    DefectKind.NOMENCLATURE_NAME_MISMATCH: _name_mismatch,
    DefectKind.UNKNOWN_CODE: _unknown_code,
    DefectKind.IKU_SATUAN_MISMATCH: _iku_satuan,
    DefectKind.IKU_MISSING: _iku_missing,
    DefectKind.PRIORITY_UNFUNDED: _priority_unfunded,
    DefectKind.MISI_UNLINKED: _misi_unlinked,
    DefectKind.UNIT_COST_OUTLIER: _unit_cost_outlier,
    DefectKind.PAGU_WITHOUT_INDICATOR: _pagu_without_indicator,
    DefectKind.TARGET_COPIED_ACROSS_YEARS: _target_copied,
}
_KABKOTA_ONLY = {DefectKind.IKU_SATUAN_MISMATCH, DefectKind.IKU_MISSING}


def inject_defects(samples: list[PemdaSample], *, seed: int, year: int) -> list[Defect]:
    """Seed :data:`PER_KIND` defects of every kind (province first, then kab/kota in a seeded order), then
    those of each pemda's and PD's quality (:mod:`selaras.sample.profiles`)."""
    shared: Counter[str] = Counter()
    for sample in samples:
        shared.update({item.key for p in sample.agencies for item in p.renstra.items if item.level.is_program_part})
    seeder = Seeder(random.Random(f"{seed}/defects/{samples[0].pemda.kode}"), year, shared)
    province, kabkota = samples[0], samples[1:]
    defects: list[Defect] = []
    for kind, injector in _INJECTORS.items():
        order = seeder.rng.sample(kabkota, len(kabkota))
        if kind not in _KABKOTA_ONLY:
            order.insert(0, province)
        made = 0
        for sample in order:
            defect = injector(seeder, sample, made)
            if defect is not None:
                defects.append(defect)
                made += 1
            if made == PER_KIND:
                break
    return defects + seed_by_quality(samples, seeder, quality_profile(samples, seed), _INJECTORS)

"""Plan quality that differs between pemda and between PD, as it does in real plans.

Four instances of each defect kind spread thinly over 15 pemda made every score 99,8-100,0, and a ranking of
near-identical scores says nothing. Real plans differ a lot: one Bappeda checks its PD's cascading and
another does not, and within a pemda some PD copy last year's plan without linking it to the RPJMD. So each
pemda gets a quality (``mutu``, 0-1) from a ladder that a seeded shuffle hands out to the kab/kota, each PD a
quality around its pemda's, and a PD of quality ``m`` gets, on top of the manifest's four-per-kind defects:

* a missing RPJMD link on about ``1.3 × (1 - m)`` (at most all) of its Renja programs (the most common
  real defect: a Renja not cascaded to the RPJMD);
* about ``1 - m`` defects per Renstra program, of the kinds that live inside one program (targets, satuan,
  pagu, baselines, indicators, names and codes);
* the kondisi awal column left empty for a whole Renstra program (its program, kegiatan and sub kegiatan)
  on about ``0.8 × (1 - m)`` of the programs still free, as in real Renstra tables filled in a hurry, so
  that orientasi kinerja differs between PD as much as the other scores;

and a pemda of quality ``m`` leaves a priority unfunded and a misi unlinked with probability ``1 - m``.
Everything seeded is listed in the manifest like the rest, so recall is still measured on every defect.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from selaras.domain import ItemLevel
from selaras.sample.agency_plans import AgencyPlans, PemdaSample
from selaras.sample.defects import Defect, DefectKind
from selaras.sample.spots import Seeder, Spot

__all__ = ["PROGRAM_KINDS", "Injector", "Profile", "quality_profile", "seed_by_quality"]

Injector = Callable[[Seeder, PemdaSample, int], Defect | None]
"""Seeds one defect of a kind somewhere in a pemda sample (``variant`` picks where), or None when no place
is left."""

PROVINCE_MUTU = 0.8
LADDER = (0.97, 0.4)
"""The best and the worst quality of the kab/kota but one, evenly spaced between them."""
PROBLEM_MUTU = 0.0
"""The last kab/kota of the seeded order: the problem case every Rakor has, so that the bottom of a
ranking is unmistakable."""
PD_SPREAD = 0.3
UNLINKED_SHARE = 1.3
EMPTY_BASELINE_SHARE = 1.0
PROGRAM_KINDS = (
    DefectKind.RENJA_TARGET_DIFFERS,
    DefectKind.SATUAN_MISMATCH,
    DefectKind.RENJA_PAGU_EXCEEDS_RENSTRA,
    DefectKind.CHILD_PAGU_EXCEEDS_PARENT,
    DefectKind.OUTPUT_INDICATOR_AT_PROGRAM,
    DefectKind.BASELINE_MISSING,
    DefectKind.TARGET_YEAR_MISSING,
    DefectKind.TARGET_WRONG_DIRECTION,
    DefectKind.UNMEASURABLE_INDICATOR,
    DefectKind.NOMENCLATURE_NAME_MISMATCH,
    DefectKind.UNKNOWN_CODE,
    DefectKind.PAGU_WITHOUT_INDICATOR,
    DefectKind.TARGET_COPIED_ACROSS_YEARS,
)
"""Defect kinds seeded inside one PD program (the ones that need nothing from another PD or pemda)."""


@dataclass(frozen=True, slots=True)
class Profile:
    """The quality of each pemda and of each PD (by ``(pemda, pd)``), 0 (careless) to 1 (flawless)."""

    pemda: dict[str, float]
    pd: dict[tuple[str, str], float]


def quality_profile(samples: list[PemdaSample], seed: int) -> Profile:
    """The province at :data:`PROVINCE_MUTU`, the kab/kota on the :data:`LADDER` in a seeded order (the last
    at :data:`PROBLEM_MUTU`), each PD
    within ±:data:`PD_SPREAD` of its pemda (kept in 0-1)."""
    rng = random.Random(f"{seed}/mutu/{samples[0].pemda.kode}")
    kabkota = [sample.pemda.kode for sample in samples[1:]]
    best, worst = LADDER
    steps = max(1, len(kabkota) - 2)
    ladder = [best - (best - worst) * index / steps for index in range(len(kabkota) - 1)] + [PROBLEM_MUTU]
    pemda = {samples[0].pemda.kode: PROVINCE_MUTU, **dict(zip(rng.sample(kabkota, len(kabkota)), ladder, strict=True))}
    pd: dict[tuple[str, str], float] = {}
    for sample in samples:
        for plans in sample.agencies:
            drawn = pemda[sample.pemda.kode] + rng.uniform(-PD_SPREAD, PD_SPREAD)
            pd[(sample.pemda.kode, plans.agency.pd.kode)] = min(1.0, max(0.0, drawn))
    return Profile(pemda, pd)


def seed_by_quality(
    samples: list[PemdaSample], seeder: Seeder, profile: Profile, injectors: Mapping[DefectKind, Injector]
) -> list[Defect]:
    """The defects of :func:`quality_profile`'s rates (module docstring), after the manifest's fixed ones.

    A missing link lives on a Renja program, where no other kind ever goes, so it is reserved apart: a program
    may be both unlinked and carry one defect inside it, as careless plans do.
    """
    links = Seeder(seeder.rng, seeder.year, seeder.shared, set(seeder.taken))
    defects: list[Defect] = []
    for sample in samples:
        for plans in sample.agencies:
            bad = 1 - profile.pd[(sample.pemda.kode, plans.agency.pd.kode)]
            view = PemdaSample(sample.pemda, sample.regional, [plans], sample.rkpd)
            programs = [item for item in plans.renja.items if item.level is ItemLevel.PROGRAM]
            for _ in range(round(len(programs) * min(1.0, bad * UNLINKED_SHARE))):
                defect = injectors[DefectKind.LINK_MISSING](links, view, 1)  # odd: a Renja program
                if defect is not None:
                    defects.append(defect)
            renstra = [item for item in plans.renstra.items if item.level is ItemLevel.PROGRAM]
            for attempt in range(round(len(renstra) * bad)):
                kind = seeder.rng.choice(PROGRAM_KINDS)
                defect = injectors[kind](seeder, view, 2 * attempt)  # even: the program variant of each kind
                if defect is not None:
                    defects.append(defect)
            defects.extend(_empty_baselines(seeder, plans, bad * EMPTY_BASELINE_SHARE))
        bad = 1 - profile.pemda[sample.pemda.kode]
        for kind in (DefectKind.PRIORITY_UNFUNDED, DefectKind.MISI_UNLINKED):
            if seeder.rng.random() < bad:
                defect = injectors[kind](seeder, sample, 0)
                if defect is not None:
                    defects.append(defect)
    return defects


def _empty_baselines(seeder: Seeder, plans: AgencyPlans, share: float) -> list[Defect]:
    """Leave the kondisi awal of every indicator empty in about ``share`` of the PD's free Renstra programs
    (program, kegiatan and sub kegiatan), one ``baseline-missing`` defect per indicator. The Renja keeps its
    own copies, so only the Renstra changes."""
    renstra = plans.renstra
    defects: list[Defect] = []
    for program in (item for item in renstra.items if item.level is ItemLevel.PROGRAM):
        spot = Spot(renstra, program, plans)
        if spot.reservation in seeder.taken or seeder.rng.random() >= share:
            continue
        seeder.taken.add(spot.reservation)
        prefix = f"{program.key}."
        for item in (item for item in renstra.items if item.key == program.key or item.key.startswith(prefix)):
            for indicator in item.indicators:
                indicator.baseline = None
                located = Spot(renstra, item, plans)
                defects.append(
                    located.defect(
                        DefectKind.BASELINE_MISSING, "Kolom kondisi awal program kosong", indicator=indicator.name
                    )
                )
    return defects

"""Effectiveness per priority: of the money that reached a head of region's priority or an Asta Cita mission,
how much produced its targets.

A monitored sub kegiatan (:mod:`selaras.checks.monitoring`) reaches priorities through the same accepted links
the alignment scores and the report's pagu-per-target tables follow (:mod:`selaras.checks.reach`): its own
links and its parents', transitively. The priorities counted here are the Asta Cita missions and the RPJMD
prioritas of any regional pemda (a kab/kota program linked to the governor's priority serves it too). As in
the pagu tables, an item reaching several priorities of one list (the Asta Cita, or one pemda's RPJMD) has its
pagu and its realisasi split equally among them, and program penunjang (overhead) is attributed to no priority. A
kab/kota item reaching its bupati's priority and the governor's counts fully in each list, as each is reported
in its own pemda's table.

For each priority, over the items that reach it:

- **pagu** and **realisasi** (the split shares), hence serapan;
- **capaian**: the items' capaian (:attr:`ItemProgress.capaian`) weighted by their pagu share, so a large
  programme that lags weighs more than a small one that is on track; items without a measurable indicator
  are left out of this mean;
- **effective**: the realisasi of the items whose capaian is rated *tinggi* or *sangat tinggi* — the part of
  the money spent that bought (most of) its targets; its share of the realisasi answers the Rakor's question
  "how much of the money that reached the priority produced its targets".

Capaian is measured against the year's target up to the triwulan under review, so in TW III an output that
follows the plan's curve sits near 75 % (*sedang*): read the effective share against the quarter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from selaras.checks.data import PlanningData
from selaras.checks.monitoring import HUNDRED, ItemProgress, Rating, rating
from selaras.checks.reach import PUSAT, is_national, owner, reach_of, rpjmd_priorities
from selaras.domain import DocumentKind, Item, ItemLevel, ItemRef, parse_code

__all__ = ["EFFECTIVE_BANDS", "Effectiveness", "effectiveness", "followed_priorities", "priorities_of"]

EFFECTIVE_BANDS = frozenset({Rating.SANGAT_TINGGI, Rating.TINGGI})
"""The capaian bands whose money counts as having produced its targets."""


def priorities_of(data: PlanningData, own: ItemProgress) -> frozenset[ItemRef]:
    """The Asta Cita missions and RPJMD prioritas an item reaches through accepted links; none for an item of
    a program penunjang."""
    if parse_code(own.item.code or own.item.key).is_penunjang:
        return frozenset()
    found = set()
    for ref in reach_of(data).targets(ItemRef(own.plan.document.key, own.item.key)):
        if is_national(ref):
            if owner(ref)[1] == DocumentKind.ASTA_CITA.value:
                found.add(ref)
        elif owner(ref)[1] == DocumentKind.RPJMD.value:
            target = data.item(ref)
            if target is not None and target.level is ItemLevel.PRIORITAS:
                found.add(ref)
    return frozenset(found)


def followed_priorities(data: PlanningData, pemda: str) -> list[tuple[ItemRef, Item]]:
    """The priorities a pemda's monitoring follows: the RPJMD prioritas of ``pemda`` (the governor's, or the
    bupati's or wali kota's) in document order, then the eight Asta Cita missions."""
    return rpjmd_priorities(data, pemda) + [
        (ItemRef(plan.document.key, item.key), item)
        for plan in data.plans_of(DocumentKind.ASTA_CITA, PUSAT)
        for item in plan.items
    ]


@dataclass(frozen=True, slots=True)
class Effectiveness:
    """What the items reaching one priority spent and achieved (see the module docstring)."""

    priority: ItemRef
    items: int
    pagu: Decimal
    anggaran: Decimal
    capaian: Decimal | None
    effective: Decimal
    """Realisasi of the items rated tinggi or sangat tinggi."""

    @property
    def serapan(self) -> Decimal | None:
        return (self.anggaran / self.pagu * HUNDRED).quantize(Decimal("0.01")) if self.pagu else None

    @property
    def effective_share(self) -> Decimal | None:
        """The effective realisasi as a percentage of all realisasi (None when nothing was spent)."""
        return (self.effective / self.anggaran * HUNDRED).quantize(Decimal("0.01")) if self.anggaran else None

    @property
    def rating(self) -> Rating | None:
        return rating(self.capaian)


@dataclass(slots=True)
class _Sum:
    items: int = 0
    pagu: Decimal = Decimal(0)
    anggaran: Decimal = Decimal(0)
    weighted: Decimal = Decimal(0)
    weight: Decimal = Decimal(0)
    effective: Decimal = Decimal(0)


def effectiveness(data: PlanningData, progress: Iterable[ItemProgress]) -> dict[ItemRef, Effectiveness]:
    """Effectiveness of every priority the items of ``progress`` reach (items at one triwulan each)."""
    sums: dict[ItemRef, _Sum] = {}
    for own in progress:
        reached = priorities_of(data, own)
        owners = {ref: owner(ref) for ref in reached}
        for ref in reached:
            shares = sum(1 for whose in owners.values() if whose == owners[ref])
            pagu, anggaran = own.pagu / shares, own.anggaran / shares
            total = sums.setdefault(ref, _Sum())
            total.items += 1
            total.pagu += pagu
            total.anggaran += anggaran
            if own.capaian is not None:
                total.weighted += own.capaian * pagu
                total.weight += pagu
                if rating(own.capaian) in EFFECTIVE_BANDS:
                    total.effective += anggaran
    return {
        ref: Effectiveness(
            ref,
            total.items,
            total.pagu,
            total.anggaran,
            (total.weighted / total.weight).quantize(Decimal("0.01")) if total.weight else None,
            total.effective,
        )
        for ref, total in sums.items()
    }

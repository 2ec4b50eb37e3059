"""Where a defect can go: candidate places ("spots") in a pemda's plans, and the seeded chooser that keeps
two defects from ever sharing a place (one per PD program subtree, one per strategic or IKU item)."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from selaras.domain import Indicator, Item, ItemLevel, LinkKind, Plan
from selaras.sample.agency_plans import AgencyPlans, PemdaSample
from selaras.sample.defects import Defect, DefectKind

__all__ = ["Seeder", "Spot", "coded", "linked_iku", "provincial_iku", "rpjmd_items"]


@dataclass(frozen=True, slots=True)
class Spot:
    """A candidate place for a defect: an item of a plan (and the PD owning it, for program-part items)."""

    plan: Plan
    item: Item
    plans: AgencyPlans | None = None

    @property
    def reservation(self) -> tuple[str, str]:
        """What a defect here claims: the whole PD program (by its code prefix) or the single strategic item."""
        if self.plans is None:
            return (self.plan.document.key, self.item.key)
        return (f"{self.plan.document.pemda}/{self.plans.agency.pd.kode}", ".".join(self.item.key.split(".")[:3]))

    @property
    def indicator(self) -> Indicator:
        return self.item.indicators[0]

    def defect(
        self,
        kind: DefectKind,
        detail: str,
        *,
        indicator: str | None = None,
        year: int | None = None,
        counterpart: str | None = None,
        replaces: str | None = None,
    ) -> Defect:
        document = self.plan.document
        return Defect(
            kind, document.pemda, document.key, self.item.key, detail, pd=document.pd, year=year,
            indicator=indicator, counterpart=counterpart, replaces=replaces,
        )  # fmt: skip


@dataclass(slots=True)
class Seeder:
    """The seeded chooser: ``shared`` counts in how many pemda each code is planned (for unit-cost outliers),
    ``taken`` holds the reservations already given to a defect."""

    rng: random.Random
    year: int
    shared: Counter[str]
    taken: set[tuple[str, str]] = field(default_factory=set)

    def choose(self, spots: list[Spot]) -> Spot | None:
        free = [spot for spot in spots if spot.reservation not in self.taken]
        if not free:
            return None
        spot = self.rng.choice(free)
        self.taken.add(spot.reservation)
        return spot


def coded(sample: PemdaSample, level: ItemLevel, *, renja: bool = False, renstra_only: bool = False) -> list[Spot]:
    """Program-part items of ``level`` in every PD's Renstra (or Renja); optionally only codes the Renja lacks."""
    spots: list[Spot] = []
    for plans in sample.agencies:
        plan = plans.renja if renja else plans.renstra
        spots.extend(
            Spot(plan, item, plans)
            for item in plan.items
            if item.level is level and not (renstra_only and item.key in plans.renja_keys)
        )
    return spots


def rpjmd_items(sample: PemdaSample, level: ItemLevel) -> list[Spot]:
    """RPJMD items of ``level`` (misi, sasaran)."""
    plan = sample.regional.rpjmd
    return [Spot(plan, item) for item in plan.items if item.level is level]


def linked_iku(sample: PemdaSample) -> list[Spot]:
    """Kab/kota IKU items that have a provincial counterpart (a ``same_as`` link), in IKU documents of 2+ items."""
    spots: list[Spot] = []
    for plans in sample.agencies:
        linked = {link.source.item for link in plans.iku.links if link.kind is LinkKind.SAME_AS}
        if len(plans.iku.items) > 1:
            spots.extend(Spot(plans.iku, item) for item in plans.iku.items if item.key in linked)
    return spots


def provincial_iku(spot: Spot) -> str:
    """Key of the provincial IKU document a kab/kota IKU item is ``same_as``."""
    return next(link.target.document for link in spot.plan.links if link.source.item == spot.item.key)

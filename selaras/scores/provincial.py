"""The governor's priorities × the kab/kota: how much of a kab/kota's Renja money reaches each prioritas of the
province's RPJMD, and what share of its money reaches any of them.

Traced by the one alignment walk (:mod:`selaras.checks.reach`) over the kab/kota's budgeted Renja leaves of the
year (:func:`~selaras.scores.alignment.alignment_units`): sub kegiatan → kegiatan → program → the kab/kota's RPJMD
sasaran or priority → the province's priority, through accepted links. As in the other pagu tables
(:func:`~selaras.scores.alignment.pagu_per_target`), a unit reaching several provincial priorities has its pagu
split equally among them, so a kab/kota's priorities add up to the money reaching any of them; program penunjang
(overhead) is attributed to no priority and left out of the total, as in the keselarasan scores.

Example::

    priorities = rpjmd_priorities(data, "62")
    kapuas = kabkota_support(data, priorities, "62.03", 2026)
    kapuas.pagu[priorities[0][0]], kapuas.share   # pagu reaching P1, % of its pagu reaching any priority
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from selaras.checks.data import PlanningData
from selaras.checks.reach import reach_of
from selaras.domain import DocumentKind, Item, ItemRef
from selaras.scores.alignment import alignment_units, split_pagu

__all__ = ["KabkotaSupport", "kabkota_support"]


@dataclass(frozen=True, slots=True)
class KabkotaSupport:
    """One kab/kota's support of the province's priorities in one year."""

    pemda: str
    pagu: dict[ItemRef, Decimal]
    """Pagu reaching each provincial priority (split shares); a priority nothing reaches is absent."""
    stated: frozenset[ItemRef]
    """The provincial priorities the kab/kota's RPJMD links to (what rule SEL108 checks)."""
    reaching: Decimal
    """Pagu of the units reaching any provincial priority."""
    total: Decimal
    """Pagu of all the year's budgeted Renja units outside program penunjang."""

    @property
    def share(self) -> float | None:
        """``reaching`` as a percentage of ``total``; None when the kab/kota has no such pagu."""
        return float(100 * self.reaching / self.total) if self.total else None


def kabkota_support(
    data: PlanningData, priorities: list[tuple[ItemRef, Item]], pemda: str, year: int
) -> KabkotaSupport:
    """How the ``year``'s Renja of kab/kota ``pemda`` reaches ``priorities`` (the province's, from
    :func:`~selaras.checks.reach.rpjmd_priorities`)."""
    wanted = {ref for ref, _ in priorities}
    units = alignment_units(data, data.plans_in_year(DocumentKind.RENJA, pemda, year), year)
    pagu: dict[ItemRef, Decimal] = {}
    reaching = total = Decimal(0)
    for unit in units:
        if unit.penunjang:
            continue
        total += unit.pagu
        reached = set(unit.targets & wanted)
        if reached:
            reaching += unit.pagu
            split_pagu(pagu, reached, unit.pagu)
    return KabkotaSupport(pemda, pagu, reach_of(data).stated_by_rpjmd(pemda) & wanted, reaching, total)

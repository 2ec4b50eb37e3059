"""Alignment index and budget shares: which Renja money reaches regional and national targets."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from selaras.checks.data import PlanningData
from selaras.checks.reach import PUSAT, owner, reach_of
from selaras.domain import DocumentKind, Item, ItemLevel, ItemRef, Plan, parse_code
from selaras.scores.model import RPJMD_MISSING, Contribution, Score

__all__ = ["PENUNJANG", "AlignmentUnit", "alignment_scores", "alignment_units", "pagu_per_target", "split_pagu"]

PENUNJANG = "penunjang"
"""The row of ``pagu_per_target`` (in every kind) holding the pagu of program penunjang: belanja penunjang."""

_PN = re.compile(r"^PN(\d)")
_Label = TypeVar("_Label", str, ItemRef)


@dataclass(frozen=True, slots=True)
class AlignmentUnit:
    """A budgeted leaf of a Renja (an item without children there) and the targets it reaches."""

    plan: Plan
    item: Item
    pagu: Decimal
    targets: frozenset[ItemRef]

    @property
    def regional(self) -> frozenset[ItemRef]:
        """The pemda's own RPJMD sasaran and prioritas it reaches."""
        prefix = f"{self.plan.document.pemda}/{DocumentKind.RPJMD.value}/"
        return frozenset(ref for ref in self.targets if ref.document.startswith(prefix))

    @property
    def national(self) -> frozenset[ItemRef]:
        return frozenset(ref for ref in self.targets if owner(ref)[0] == PUSAT)

    @property
    def penunjang(self) -> bool:
        """Part of a program penunjang (``X.XX.01``): the PD's administrative overhead, which every PD runs
        whatever its mission. Planners link it to a governance sasaran, which made Asta Cita 7 hold over half
        of a province's pagu; it is reported as belanja penunjang instead of being attributed to a target."""
        return parse_code(self.item.code or self.item.key).is_penunjang


def alignment_units(data: PlanningData, plans: Iterable[Plan], year: int) -> list[AlignmentUnit]:
    """The budgeted leaves of ``plans`` for ``year`` with their reach."""
    reach = reach_of(data)
    units = []
    for plan in plans:
        parents = {item.parent for item in plan.items}
        for item in plan.items:
            pagu = item.pagu(year) or Decimal(0)
            if item.level.is_program_part and item.key not in parents and pagu > 0:
                targets = reach.targets(ItemRef(plan.document.key, item.key))
                units.append(AlignmentUnit(plan, item, pagu, targets))
    return units


def _share(key: str, units: list[AlignmentUnit], reached: str, by_pagu: bool, reason: str) -> Score:
    def weight(unit: AlignmentUnit) -> float:
        return float(unit.pagu) if by_pagu else 1.0

    missing = [unit for unit in units if not getattr(unit, reached)]
    lowered = sorted(
        (
            Contribution(
                unit.plan.document.key, unit.item.key, unit.item.code or "", unit.item.text, reason, weight(unit)
            )
            for unit in missing
        ),
        key=lambda contribution: -contribution.weight,
    )
    total = sum(weight(unit) for unit in units)
    return Score(key, total - sum(weight(unit) for unit in missing), total, tuple(lowered))


def alignment_scores(units: list[AlignmentUnit], *, regional_targets: bool) -> dict[str, Score]:
    """Four shares of the units outside program penunjang (items and pagu reaching a regional target, items
    and pagu reaching a national target), the headline ``keselarasan`` = the mean of the two pagu shares
    (what a reader means: "62 % of pagu reaches an RPJMD sasaran"), and ``belanja_penunjang``, the share of
    pagu spent on program penunjang, which no target is expected to carry.

    Without ``regional_targets`` (no RPJMD sasaran or prioritas of the pemda loaded:
    :func:`~selaras.checks.reach.has_rpjmd_targets`) the regional shares, and so the headline that is their mean
    with the national one, are not computed (:data:`~selaras.scores.model.RPJMD_MISSING`): a Renja with nothing to
    be linked to would read 0 % aligned. With no unit at all they are empty as ever (nothing to score). The
    national shares are computed whatever the regional ones: Asta Cita and the RPJMN are loaded with the database,
    and a Renja can be linked to them directly."""
    regional = "tidak mencapai sasaran/prioritas RPJMD"
    national = "tidak mencapai Asta Cita/prioritas nasional"
    overhead = [unit for unit in units if unit.penunjang]
    total = sum((float(unit.pagu) for unit in units), 0.0)
    penunjang = Score("belanja_penunjang", sum((float(unit.pagu) for unit in overhead), 0.0), total)
    units = [unit for unit in units if not unit.penunjang]
    national_item = _share("keselarasan_nasional_item", units, "national", False, national)
    national_pagu = _share("keselarasan_nasional_pagu", units, "national", True, national)
    if regional_targets or not units:  # no unit: nothing to score, whatever is loaded
        regional_item = _share("keselarasan_daerah_item", units, "regional", False, regional)
        regional_pagu = _share("keselarasan_daerah_pagu", units, "regional", True, regional)
        money = [regional_pagu, national_pagu]
        lowered = tuple(sorted((c for score in money for c in score.lowered_by), key=lambda c: -c.weight))
        achieved, weighed = sum(score.achieved for score in money), sum(score.total for score in money)
        headline = Score("keselarasan", achieved, weighed, lowered)
    else:
        keys = ("keselarasan", "keselarasan_daerah_item", "keselarasan_daerah_pagu")
        headline, regional_item, regional_pagu = (Score.not_computed(key, RPJMD_MISSING) for key in keys)
    return {
        "keselarasan": headline,
        "keselarasan_daerah_item": regional_item,
        "keselarasan_daerah_pagu": regional_pagu,
        "keselarasan_nasional_item": national_item,
        "keselarasan_nasional_pagu": national_pagu,
        "belanja_penunjang": penunjang,
    }


def split_pagu(totals: dict[_Label, Decimal], labels: set[_Label], pagu: Decimal) -> None:
    """Share ``pagu`` equally among the targets it reaches (a program serving two missions funds both), in
    whole sen with the remainder on the last, so the shares add up to the pagu exactly."""
    ordered = sorted(labels)
    share = (pagu / len(ordered)).quantize(Decimal("0.01"))
    for label in ordered:
        amount = share if label != ordered[-1] else pagu - share * (len(ordered) - 1)
        totals[label] = totals.get(label, Decimal(0)) + amount


def pagu_per_target(data: PlanningData, units: list[AlignmentUnit]) -> dict[str, dict[str, Decimal]]:
    """Pagu per Asta Cita misi (``AC1``…), per PN (``PN1``…) and per regional priority (RPJMD ``P…`` keys),
    each with a :data:`PENUNJANG` row for the pagu of program penunjang, whatever it links to."""
    result: dict[str, dict[str, Decimal]] = {"asta_cita": {}, "pn": {}, "prioritas_daerah": {}}
    for unit in units:
        if unit.penunjang:
            for totals in result.values():
                totals[PENUNJANG] = totals.get(PENUNJANG, Decimal(0)) + unit.pagu
            continue
        asta_cita = {ref.item for ref in unit.national if owner(ref)[1] == DocumentKind.ASTA_CITA.value}
        pn = {
            f"PN{match.group(1)}"
            for ref in unit.national
            if owner(ref)[1] == DocumentKind.RPJMN.value and (match := _PN.match(ref.item))
        }
        priorities = {ref.item for ref in unit.regional if _level(data, ref) is ItemLevel.PRIORITAS}
        for kind, labels in (("asta_cita", asta_cita), ("pn", pn), ("prioritas_daerah", priorities)):
            if labels:
                split_pagu(result[kind], labels, unit.pagu)
    return {kind: dict(sorted(totals.items())) for kind, totals in result.items()}


def _level(data: PlanningData, ref: ItemRef) -> ItemLevel | None:
    item = data.item(ref)
    return None if item is None else item.level

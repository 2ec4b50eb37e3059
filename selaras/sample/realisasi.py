"""Realisasi of the sample's Renja for TW I-III, with the monitoring problems the manifest lists.

Every budgeted sub kegiatan of every regional Renja reports money and each indicator per triwulan, drawn from
``random.Random`` seeded with its document and item key, so a seeded problem changes only its own item. The
clean pattern is the one Rakor slides show year after year:

* absorption is slow in TW I (6-13 % of pagu), a third by TW II and 64-85 % by TW III, each PD at its own pace;
* outputs that add up over the year (see :func:`is_additive`) follow a little ahead of the money, and about one
  item in twelve overshoots its target by TW III; levels (percentages, indices, indicators meant to fall or
  stay) move from the baseline to about their target;
* nothing falls behind the default curve of the monitoring rules by TW III, so the clean sample raises no
  SEL9xx galat or peringatan.

The defective sample adds (each item at most one problem, never on an item the plan defects touched):

* the PD of a pemda whose plan quality (:mod:`selaras.sample.profiles`) is lowest, when below
  :data:`LAGGING_MUTU`, lags: 30-50 % absorbed by TW III on every item (``absorption-behind-curve`` each);
* :data:`PER_KIND` items of each other kind: outputs far behind, or a ``turun`` indicator well above its target
  (``performance-behind-curve``); money spent with no physical figure reported (``budget-without-progress``);
  outputs reported with no rupiah (``progress-without-budget``, and behind the absorption curve as well);
  cumulative figures entered as quarters so the year adds up above the pagu (``realisasi-exceeds-pagu``); and
  the whole pagu spent for the fewest outputs the curve allows where several pemda run the same sub kegiatan
  (``realised-unit-cost-outlier``).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Decimal

from selaras.domain import Direction, DocumentKind, Indicator, Item, ItemLevel, Plan
from selaras.domain.realisasi import Realisasi, is_additive
from selaras.numbers import format_number
from selaras.sample.agency_plans import PemdaSample
from selaras.sample.defects import Defect, DefectKind
from selaras.sample.profiles import quality_profile
from selaras.sample.values import rupiah

__all__ = ["LAGGING_MUTU", "QUARTERS", "sample_realisasi"]

QUARTERS = (1, 2, 3)
"""The sample reports up to TW III: the Rakor of the year's last quarter."""
LAGGING_MUTU = 0.15
PER_KIND = 4
_MIN_PEERS = 5
"""Pemda running a sub kegiatan code for its realised unit cost to be compared (the rule needs 3)."""

_ABSORPTION = ((0.06, 0.13), (0.33, 0.45), (0.69, 0.82))
_AHEAD = (1.0, 1.15)
_LEVEL = ((0.2, 0.4), (0.5, 0.75), (0.92, 1.1))
_PACE = (0.93, 1.04)
_OVERSHOOT = (1.05, 1.3)
_OVERSHOOT_SHARE = 0.08
_FLOOR = Decimal("0.62")
"""Share of an additive target reached by TW III, at least: above the rules' 75 % - 15 points."""


@dataclass(slots=True)
class _Item:
    """A monitored item while its quarters are drawn: cumulative rupiah and indicator values per triwulan."""

    plan: Plan
    item: Item
    pagu: Decimal
    money: list[Decimal]
    values: dict[str, list[Decimal]]

    def records(self, *, cumulative_money: bool = True) -> list[Realisasi]:
        """One record per triwulan with that quarter's own figures (levels keep their latest value)."""
        records = []
        for index, quarter in enumerate(QUARTERS):
            spent = self.money[index] - (self.money[index - 1] if index and cumulative_money else Decimal(0))
            kinerja = {}
            for indicator in self.item.indicators:
                series = self.values.get(indicator.name)
                if series is None:
                    continue
                before = series[index - 1] if index and is_additive(indicator) else Decimal(0)
                kinerja[indicator.name] = series[index] - before
            records.append(Realisasi(self.plan.document.key, self.item.key, quarter, spent, kinerja))
        return records

    def defect(self, kind: DefectKind, detail: str, year: int, indicator: str | None = None) -> Defect:
        document = self.plan.document
        return Defect(
            kind, document.pemda, document.key, self.item.key, detail, pd=document.pd, year=year, indicator=indicator
        )


def _like(value: float, target: Decimal, *, up: bool = False) -> Decimal:
    """``value`` with as many decimals as ``target`` is written with (whole units for counts), rounded up
    with ``up``."""
    exponent = min(0, int(target.as_tuple().exponent))
    return Decimal(str(value)).quantize(Decimal(1).scaleb(exponent), rounding=ROUND_CEILING if up else ROUND_HALF_EVEN)


def _draw(rng: random.Random, bands: tuple[tuple[float, float], ...], scale: float = 1.0) -> list[float]:
    return [rng.uniform(low, high) * scale for low, high in bands]


def _series(rng: random.Random, indicator: Indicator, target: Decimal, absorbed: list[float]) -> list[Decimal]:
    """Cumulative realisation of an additive output (a little ahead of the money ``absorbed``, rounded up to
    whole units), or the level measured at the end of each triwulan."""
    if is_additive(indicator):
        shares = [share * rng.uniform(*_AHEAD) for share in absorbed]
        if rng.random() < _OVERSHOOT_SHARE:
            shares[-1] = rng.uniform(*_OVERSHOOT)
        values = [_like(float(target) * share, target, up=True) for share in shares]
        values[-1] = max(values[-1], _like(float(target * _FLOOR), target, up=True))
        return [max(values[: index + 1]) for index in range(len(values))]
    start = float(indicator.baseline if indicator.baseline is not None else target * Decimal("0.8"))
    if indicator.direction is Direction.TETAP:
        start = float(target) * 0.5
    steps = _draw(rng, _LEVEL)
    values = [_like(start + (float(target) - start) * step, target) for step in steps]
    if abs(values[-1] - target) > target * Decimal("0.1"):
        values[-1] = target
    return values


def _monitored(samples: list[PemdaSample], year: int) -> list[tuple[Plan, Item]]:
    return [
        (plans.renja, item)
        for sample in samples
        for plans in sample.agencies
        if plans.renja.document.kind is DocumentKind.RENJA
        for item in plans.renja.items
        if item.level is ItemLevel.SUB_KEGIATAN and item.pagu(year)
    ]


def _clean(plan: Plan, item: Item, *, seed: int, year: int) -> _Item:
    pace = random.Random(f"{seed}/realisasi/{plan.document.key}").uniform(*_PACE)
    rng = random.Random(f"{seed}/realisasi/{plan.document.key}/{item.key}")
    pagu = item.pagu(year) or Decimal(0)
    absorbed = _draw(rng, _ABSORPTION, pace)
    money = [rupiah(float(pagu) * share) for share in absorbed]
    values = {
        indicator.name: _series(rng, indicator, target, absorbed)
        for indicator in item.indicators
        if (target := indicator.target(year))
    }
    return _Item(plan, item, pagu, money, values)


def _additive(own: _Item, year: int, least: int) -> Indicator | None:
    return next(
        (i for i in own.item.indicators if is_additive(i) and (i.target(year) or 0) >= least and i.name in own.values),
        None,
    )


def _behind(own: _Item, year: int, variant: int) -> Defect | None:
    """Odd variants: a ``turun`` indicator 35 % above its target; even: an output at 30 % of its target."""
    if variant % 2:
        falling = next(
            (i for i in own.item.indicators if i.direction is Direction.TURUN and i.name in own.values), None
        )
        if falling is not None and (target := falling.target(year)):
            own.values[falling.name][-1] = _like(float(target) * 1.35, target)
            detail = f"{falling.name}: {format_number(own.values[falling.name][-1])} terhadap target turun " + (
                f"{format_number(target)} {falling.satuan}"
            )
            return own.defect(DefectKind.PERFORMANCE_BEHIND_CURVE, detail, year, falling.name)
    output = _additive(own, year, 4)
    if output is None:
        return None
    target = output.target(year) or Decimal(0)
    reached = _like(float(target) * 0.3, target)
    own.values[output.name] = [min(value, reached) for value in own.values[output.name]]
    detail = f"{output.name}: {format_number(reached)} dari {format_number(target)} {output.satuan} s.d. TW III"
    return own.defect(DefectKind.PERFORMANCE_BEHIND_CURVE, detail, year, output.name)


def _no_progress(own: _Item, year: int, variant: int) -> Defect | None:
    if not own.values:
        return None
    own.values.clear()
    share = own.money[-1] / own.pagu * 100
    detail = f"Serapan {format_number(share, decimals=1)} % s.d. TW III tanpa realisasi fisik yang dilaporkan"
    return own.defect(DefectKind.BUDGET_WITHOUT_PROGRESS, detail, year)


def _no_budget(own: _Item, year: int, variant: int) -> Defect | None:
    moved = next((i for i in own.item.indicators if own.values.get(i.name, [Decimal(0)])[-1]), None)
    if moved is None:
        return None
    own.money = [Decimal(0)] * len(QUARTERS)
    detail = "Realisasi fisik dilaporkan, realisasi anggaran Rp 0 (SP2D belum dicatat)"
    return own.defect(DefectKind.PROGRESS_WITHOUT_BUDGET, detail, year, moved.name)


def _above_pagu(own: _Item, year: int, variant: int) -> Defect | None:
    """Cumulative figures entered as quarters: they add up to more than the pagu by TW III."""
    if sum(own.money) <= own.pagu:
        return None
    detail = f"Angka kumulatif diisi sebagai angka triwulan: jumlah Rp {format_number(sum(own.money))}"
    return own.defect(DefectKind.REALISASI_EXCEEDS_PAGU, detail, year)


def _costly(own: _Item, year: int, variant: int) -> Defect | None:
    """The whole pagu spent for the fewest outputs the curve tolerates: a realised unit cost far above peers."""
    output = _additive(own, year, 5)
    if output is None:
        return None
    target = output.target(year) or Decimal(0)
    reached = _like(float(target * _FLOOR), target, up=True)
    own.values[output.name] = [min(value, reached) for value in own.values[output.name]]
    own.values[output.name][-1] = reached
    own.money[-1] = rupiah(float(own.pagu) * 0.98)
    detail = f"Rp {format_number(own.money[-1])} untuk {format_number(reached)} {output.satuan} (target {target})"
    return own.defect(DefectKind.REALISED_UNIT_COST_OUTLIER, detail, year)


_Seeding = Callable[[_Item, int, int], Defect | None]
_SEEDED: tuple[tuple[DefectKind, _Seeding, bool], ...] = (
    (DefectKind.PERFORMANCE_BEHIND_CURVE, _behind, False),
    (DefectKind.BUDGET_WITHOUT_PROGRESS, _no_progress, False),
    (DefectKind.PROGRESS_WITHOUT_BUDGET, _no_budget, False),
    (DefectKind.REALISASI_EXCEEDS_PAGU, _above_pagu, False),
    (DefectKind.REALISED_UNIT_COST_OUTLIER, _costly, True),
)
"""Each kind with its seeding and whether it needs peers (the others avoid them, so that a changed rupiah or
output never makes a second, unlisted unit-cost finding)."""


def sample_realisasi(
    samples: list[PemdaSample], *, seed: int, year: int, defects: list[Defect] | None
) -> tuple[list[Realisasi], list[Defect]]:
    """Realisasi TW I-III of every budgeted Renja sub kegiatan, and (unless ``defects`` is None, the clean
    sample) the monitoring problems seeded away from the items ``defects`` touch."""
    items = {
        (plan.document.key, item.key): _clean(plan, item, seed=seed, year=year)
        for plan, item in _monitored(samples, year)
    }
    seeded: list[Defect] = []
    cumulative_as_quarters: set[tuple[str, str]] = set()
    if defects is not None:
        taken = {(defect.document, defect.item or "") for defect in defects}
        taken |= {(defect.counterpart or "", defect.item or "") for defect in defects}
        lagging = _lagging(samples, seed)
        for key, own in items.items():
            if own.plan.document.pd in lagging.get(own.plan.document.pemda, ()) and key not in taken:
                rng = random.Random(f"{seed}/realisasi/lag/{key}")
                own.money = [
                    rupiah(float(own.pagu) * share) for share in _draw(rng, ((0.04, 0.08), (0.15, 0.25), (0.3, 0.5)))
                ]
                serapan = format_number(own.money[-1] / own.pagu * 100, decimals=1)
                seeded.append(
                    own.defect(
                        DefectKind.ABSORPTION_BEHIND_CURVE, f"PD tertinggal: serapan {serapan} % s.d. TW III", year
                    )
                )
                taken.add(key)
        peers = Counter(item.item.code for item in items.values())
        rng = random.Random(f"{seed}/realisasi/defects")
        for kind, seeding, shared in _SEEDED:
            candidates = [
                key for key, own in items.items()
                if key not in taken and (peers[own.item.code] >= _MIN_PEERS if shared else peers[own.item.code] < 3)
            ]  # fmt: skip
            made = 0
            for key in rng.sample(candidates, len(candidates)):
                defect = seeding(items[key], year, made)
                if defect is None:
                    continue
                seeded.append(defect)
                taken.add(key)
                if kind is DefectKind.PROGRESS_WITHOUT_BUDGET:
                    seeded.append(
                        items[key].defect(DefectKind.ABSORPTION_BEHIND_CURVE, "Realisasi anggaran Rp 0", year)
                    )
                if kind is DefectKind.REALISASI_EXCEEDS_PAGU:
                    cumulative_as_quarters.add(key)
                made += 1
                if made == PER_KIND:
                    break
    records = [
        record
        for key, own in items.items()
        for record in own.records(cumulative_money=key not in cumulative_as_quarters)
    ]
    return records, seeded


def _lagging(samples: list[PemdaSample], seed: int) -> dict[str, set[str]]:
    """Per pemda, its PD of the lowest plan quality when that is below :data:`LAGGING_MUTU`."""
    profile = quality_profile(samples, seed)
    lagging: dict[str, set[str]] = {}
    for sample in samples:
        quality = {pd: mutu for (pemda, pd), mutu in profile.pd.items() if pemda == sample.pemda.kode}
        worst = min(sorted(quality), key=lambda pd: quality[pd])
        if quality[worst] < LAGGING_MUTU:
            lagging[sample.pemda.kode] = {worst}
    return lagging

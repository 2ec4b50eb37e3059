"""Monitoring the annual plan: capaian kinerja, serapan anggaran and their rating, per item, PD and pemda.

Pure computation over the stored Renja and its realisasi per triwulan (:mod:`selaras.domain.realisasi`):

- **capaian kinerja** of an indicator is realisation as a percentage of the year's target, respecting its
  direction: for ``naik`` R/T, for ``turun`` (lower is better) (2T − R)/T, so reaching 8 against a target of 10
  is 120 % and 14 is 60 %, for ``tetap`` 100 − |R − T|/T; never below 0, none when the target is 0 or absent;
- **serapan anggaran** is rupiah realised as a percentage of the pagu the money is spent under
  (:func:`measured_pagu`): the year's budget of the PD when the pemda has one loaded (APBD perubahan, else APBD
  murni, else KUA-PPAS), else the Renja's own pagu. The Renja is the plan; the APBD is the ceiling of what may be
  spent, and the two differ (the PPU Renja 2024 plans Rp 1.000.000 for a sub kegiatan the APBD gives
  Rp 29.400.000). Capaian stays measured against the Renja's targets;
- both are rated in the five bands used in Renja/RKPD evaluation (Permendagri 86/2017): sangat tinggi ≥ 91 %,
  tinggi 76-90 %, sedang 66-75 %, rendah 51-65 %, sangat rendah ≤ 50 %, shown as a traffic light;
- the expected curve (``Thresholds.expected_progress_tw1..4``) says how much should be done by each triwulan.

Items are the budgeted sub kegiatan of the Renja (a pagu above zero in what serapan is measured against); PD and
pemda figures add up rupiah and average capaian.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from selaras.checks.budgeting import Side, budget_sides, kind_label, latest_budgets
from selaras.checks.data import PlanningData
from selaras.checks.thresholds import Thresholds
from selaras.domain import Direction, DocumentKind, Indicator, Item, ItemLevel, Plan
from selaras.domain.realisasi import Realisasi, cumulative, is_additive, roman

__all__ = [
    "IndicatorProgress",
    "ItemProgress",
    "MonitoringData",
    "Overview",
    "PaguBasis",
    "Rating",
    "Summary",
    "basis_label",
    "capaian",
    "expected_share",
    "item_progress",
    "measured_pagu",
    "monitored_items",
    "overview",
    "quarterly_progress",
    "rating",
    "summarise",
]

HUNDRED = Decimal(100)


@dataclass
class MonitoringData(PlanningData):
    """Planning data with the realisasi of its Renja: what the monitoring rules (SEL9xx) look at. Plain
    :class:`PlanningData` has no realisasi, so those rules find nothing in it."""

    realisasi: list[Realisasi] = field(default_factory=list)
    quarter: int | None = None
    """The triwulan under review; None takes each Renja's last reported one."""

    def realisasi_of(self, document: str, item: str) -> list[Realisasi]:
        """The records of one item, every triwulan."""
        return self.derived("monitoring/by-item", _by_item).get((document, item), [])

    def reported_quarter(self, document: str) -> int | None:
        """The last triwulan anything was reported for in ``document``."""
        return self.derived("monitoring/quarter", _quarters).get(document)


def _by_item(data: PlanningData) -> dict[tuple[str, str], list[Realisasi]]:
    index: dict[tuple[str, str], list[Realisasi]] = defaultdict(list)
    for record in data.realisasi if isinstance(data, MonitoringData) else []:
        index[record.document, record.item].append(record)
    return index


def _quarters(data: PlanningData) -> dict[str, int]:
    latest: dict[str, int] = {}
    for record in data.realisasi if isinstance(data, MonitoringData) else []:
        latest[record.document] = max(latest.get(record.document, 0), record.triwulan)
    return latest


class Rating(StrEnum):
    """The evaluation bands of Permendagri 86/2017, with the traffic-light colour each is shown in."""

    SANGAT_TINGGI = "sangat tinggi"
    TINGGI = "tinggi"
    SEDANG = "sedang"
    RENDAH = "rendah"
    SANGAT_RENDAH = "sangat rendah"

    @property
    def colour(self) -> str:
        return _COLOURS[self]


_COLOURS = {
    Rating.SANGAT_TINGGI: "#1a7f37",
    Rating.TINGGI: "#56b04a",
    Rating.SEDANG: "#e3b505",
    Rating.RENDAH: "#f08c00",
    Rating.SANGAT_RENDAH: "#d1242f",
}
_BANDS = ((Decimal(91), Rating.SANGAT_TINGGI), (Decimal(76), Rating.TINGGI), (Decimal(66), Rating.SEDANG))


def rating(percent: Decimal | None) -> Rating | None:
    """The band of a capaian or serapan percentage; a value between two bands (90,5 %) takes the lower one."""
    if percent is None:
        return None
    for floor, band in (*_BANDS, (Decimal(51), Rating.RENDAH)):
        if percent >= floor:
            return band
    return Rating.SANGAT_RENDAH


def capaian(indicator: Indicator, target: Decimal | None, realised: Decimal | None) -> Decimal | None:
    """Realisation as a percentage of the target, respecting the indicator's direction (see module docstring)."""
    if target is None or realised is None or target == 0:
        return None
    if indicator.direction is Direction.TURUN:
        value = (2 * target - realised) / target * HUNDRED
    elif indicator.direction is Direction.TETAP:
        value = HUNDRED - abs(realised - target) / target * HUNDRED
    else:
        value = realised / target * HUNDRED
    return max(value, Decimal(0)).quantize(Decimal("0.01"))


def expected_share(thresholds: Thresholds, triwulan: int) -> Decimal:
    """The share of the year expected done by the end of ``triwulan`` (the configurable curve)."""
    return (
        thresholds.expected_progress_tw1,
        thresholds.expected_progress_tw2,
        thresholds.expected_progress_tw3,
        thresholds.expected_progress_tw4,
    )[triwulan - 1]


@dataclass(frozen=True, slots=True, order=True)
class PaguBasis:
    """The document whose pagu a sub kegiatan's serapan is measured against (see :func:`measured_pagu`)."""

    kind: DocumentKind
    version: str

    @property
    def label(self) -> str:
        """How a reader names it: ``APBD perubahan``, ``APBD``, ``KUA-PPAS``, ``Renja``; a Renja's own version
        (``final``) is left out, the budget's ``murni`` too."""
        name = kind_label(self.kind)
        return f"{name} {self.version}" if self.version == "perubahan" else name


def basis_label(bases: Iterable[PaguBasis]) -> str:
    """The pagu a group of items is measured against, for a heading or a cell: ``APBD``, or ``APBD, Renja`` when
    some PD of the group have no budget loaded; '' for no items."""
    return ", ".join(dict.fromkeys(basis.label for basis in sorted(bases)))


_Budgets = dict[str, tuple[PaguBasis, dict[tuple[str, str], Side]]]


def _budgets(data: PlanningData, pemda: str, year: int) -> _Budgets:
    """Per PD of ``pemda``, the budget serapan is measured against in ``year`` and its sub kegiatan by code."""
    return {
        pd: (PaguBasis(plan.document.kind, plan.document.version), budget_sides([plan], year))
        for pd, plan in latest_budgets(data, pemda, year).items()
    }


def _codes(plan: Plan) -> Counter[str]:
    return Counter(item.code for item in plan.items if item.level is ItemLevel.SUB_KEGIATAN and item.code)


def measured_pagu(data: PlanningData, plan: Plan, item: Item, year: int) -> tuple[Decimal, PaguBasis]:
    """The pagu a Renja sub kegiatan's realisation of ``year`` is measured against, and whose it is; the one rule
    every monitoring figure, rule, page and report section uses.

    - When the pemda has a budget of ``year`` loaded for the Renja's PD (:func:`latest_budgets`: APBD perubahan,
      else APBD murni, else KUA-PPAS), the pagu of the same sub kegiatan code in it, summed over its sub units as
      the planning–budgeting comparison matches them; 0 when that budget does not fund the code (the sub kegiatan
      is then not monitored: it has no money to absorb). A Renja that lists the code under several sub units
      takes, for each, the budget's pagu of the same sub unit.
    - Otherwise the Renja's own pagu, as before a budget is loaded.

    Realisation is spent from the budget, not from the plan: the PPU Renja 2024 plans Rp 1.000.000 for
    5.01.01.2.01.0001, the APBD gives it Rp 29.400.000 and Rp 20.000.000 was spent by TW II; against the Renja
    that read as 2.000 % and a galat.
    """
    pemda, pd = plan.document.pemda, plan.document.pd

    def build(data: PlanningData) -> _Budgets:
        return _budgets(data, pemda, year)

    found = data.derived(f"monitoring/budgets/{pemda}/{year}", build).get(pd) if pd else None
    if found is None:
        return item.pagu(year) or Decimal(0), PaguBasis(plan.document.kind, plan.document.version)
    basis, sides = found
    side = sides.get((pd, item.code)) if pd and item.code else None
    if side is None:
        return Decimal(0), basis
    shared = data.derived(f"monitoring/codes/{plan.document.key}", lambda _: _codes(plan))[item.code or ""] > 1
    return (side.pagu_of(item.unit) if shared else side.pagu), basis


@dataclass(frozen=True, slots=True)
class IndicatorProgress:
    """One indicator up to a triwulan: target of the year, realisation so far, capaian and whether it adds up."""

    indicator: Indicator
    target: Decimal | None
    realised: Decimal | None
    capaian: Decimal | None
    additive: bool


@dataclass(frozen=True, slots=True)
class ItemProgress:
    """A sub kegiatan up to a triwulan: pagu (and whose: :func:`measured_pagu`), rupiah realised, serapan, and its
    indicators' capaian."""

    plan: Plan
    item: Item
    triwulan: int
    pagu: Decimal
    anggaran: Decimal
    indicators: tuple[IndicatorProgress, ...]
    reported: bool
    basis: PaguBasis

    @property
    def serapan(self) -> Decimal | None:
        return (self.anggaran / self.pagu * HUNDRED).quantize(Decimal("0.01")) if self.pagu else None

    @property
    def capaian(self) -> Decimal | None:
        """The mean capaian of the indicators that have one, each counted up to 100 % so one overshot target does
        not hide another that lags."""
        values = [min(own.capaian, HUNDRED) for own in self.indicators if own.capaian is not None]
        return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01")) if values else None

    @property
    def pd(self) -> str:
        return self.plan.document.pd or self.item.pd or ""


def item_progress(data: MonitoringData, plan: Plan, item: Item, year: int, triwulan: int) -> ItemProgress:
    """An item's realisation up to ``triwulan`` against its Renja targets and the pagu of ``year`` it is spent under
    (:func:`measured_pagu`)."""
    records = data.realisasi_of(plan.document.key, item.key)
    total = cumulative(records, item.indicators, triwulan)
    indicators = tuple(
        IndicatorProgress(
            indicator,
            indicator.target(year),
            total.kinerja.get(indicator.name),
            capaian(indicator, indicator.target(year), total.kinerja.get(indicator.name)),
            is_additive(indicator),
        )
        for indicator in item.indicators
    )
    pagu, basis = measured_pagu(data, plan, item, year)
    return ItemProgress(plan, item, triwulan, pagu, total.anggaran, indicators, total.reported, basis)


def monitored_items(data: MonitoringData, year: int, pemda: str | None = None) -> Iterator[tuple[Plan, Item]]:
    """The budgeted sub kegiatan of every regional Renja of ``year`` (of one pemda when given): a pagu above zero
    in what their serapan is measured against (:func:`measured_pagu`), so a sub kegiatan the APBD funds counts
    even when the Renja left its pagu blank, and one the APBD dropped does not."""
    for plan in data.regional_plans(DocumentKind.RENJA):
        if year not in plan.document.period or pemda not in (None, plan.document.pemda):
            continue
        for item in plan.items:
            if item.level is ItemLevel.SUB_KEGIATAN and measured_pagu(data, plan, item, year)[0]:
                yield plan, item


@dataclass(frozen=True, slots=True)
class Summary:
    """Figures of a group of items (a PD, a pemda) up to a triwulan."""

    name: str
    items: int
    pagu: Decimal
    anggaran: Decimal
    capaian: Decimal | None
    basis: str = ""
    """Whose pagu the serapan is measured against (:func:`basis_label` of the items): ``APBD``, ``Renja`` …"""

    @property
    def serapan(self) -> Decimal | None:
        return (self.anggaran / self.pagu * HUNDRED).quantize(Decimal("0.01")) if self.pagu else None


def summarise(name: str, progress: Iterable[ItemProgress]) -> Summary:
    """Rupiah add up; capaian is the mean of the items' capaian."""
    items = list(progress)
    values = [own.capaian for own in items if own.capaian is not None]
    mean = (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01")) if values else None
    return Summary(
        name,
        len(items),
        sum((own.pagu for own in items), Decimal(0)),
        sum((own.anggaran for own in items), Decimal(0)),
        mean,
        basis_label(own.basis for own in items),
    )


@dataclass(frozen=True, slots=True)
class Overview:
    """Monitoring of a pemda (or one PD) up to a triwulan: every item's progress then, the figures per PD, and
    the curve of serapan and capaian over TW I to that triwulan (one summary per triwulan, named I, II …)."""

    triwulan: int
    items: tuple[ItemProgress, ...]
    per_pd: tuple[Summary, ...]
    curve: tuple[Summary, ...]

    @property
    def total(self) -> Summary:
        return self.curve[-1]


def overview(
    data: MonitoringData, year: int, *, pemda: str | None = None, pd: str | None = None, quarter: int | None = None
) -> Overview | None:
    """The monitoring of ``pemda`` (every pemda when None, one PD code with ``pd``) in ``year`` up to ``quarter``
    (default: the last triwulan any of its Renja reported); None when nothing was reported. A Renja with no
    realisasi at all has not reported yet and is left out rather than counted at 0 %. PD are named
    ``pemda pd`` and ordered by code.

    >>> overview(data, 2026, pemda="62", quarter=3).total.serapan   # doctest: +SKIP
    Decimal('71.52')
    """
    quarters = quarterly_progress(data, year, pemda=pemda, pd=pd, quarter=quarter)
    if not quarters:
        return None
    curve = tuple(summarise(roman(index), progress) for index, progress in enumerate(quarters, start=1))
    grouped: dict[tuple[str, str], list[ItemProgress]] = defaultdict(list)
    for own in quarters[-1]:
        grouped[own.plan.document.pemda, own.pd].append(own)
    per_pd = tuple(summarise(f"{code} {name}", items) for (code, name), items in sorted(grouped.items()))
    return Overview(len(quarters), quarters[-1], per_pd, curve)


def quarterly_progress(
    data: MonitoringData, year: int, *, pemda: str | None = None, pd: str | None = None, quarter: int | None = None
) -> tuple[tuple[ItemProgress, ...], ...]:
    """The progress of every monitored item of the Renja that reported, at the end of TW I, TW II … up to
    ``quarter`` (default: the last triwulan any of them reported): one tuple per triwulan, items in the same
    order; empty when nothing was reported. The same selection as :func:`overview`, kept per triwulan so a
    curve per PD (the Rakor report's) needs no second pass."""
    chosen = [
        (plan, item)
        for plan, item in monitored_items(data, year, pemda)
        if pd in (None, plan.document.pd) and data.reported_quarter(plan.document.key) is not None
    ]
    reported = [data.reported_quarter(plan.document.key) or 0 for plan, _ in chosen]
    last = quarter or max(reported, default=0)
    return tuple(
        tuple(item_progress(data, plan, item, year, triwulan) for plan, item in chosen)
        for triwulan in range(1, last + 1)
    )

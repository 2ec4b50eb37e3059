"""Konsistensi perencanaan–penganggaran: does the budget of a year follow its plan, and what shape is it?

Every year Bappeda compares the budget stage (KUA-PPAS, then APBD) with the RKPD/Renja of the same year: how
much of the budget was planned, how much of the plan got money, and which sub kegiatan differ. Per PD, the
budget's sub kegiatan are matched with the sub kegiatan of the PD's Renja (or, without a Renja, the RKPD items
of that PD) by nomenclature code. Sub units do not count for the match: a code budgeted under several
Puskesmas is one sub kegiatan whose pagu is their sum.

Both sides count differently on purpose. A budget-stage sub kegiatan counts only with pagu above zero: SIPD
exports list unfunded sub kegiatan as rows without pagu, and those are not an allocation. A plan's sub
kegiatan counts as soon as it is listed, because a listed sub kegiatan is planned even when its pagu was left
blank.

The shape of the budget comes from the same sub kegiatan: the share of program penunjang (program ``01`` of
any bidang), the share of belanja modal (rekening ``5.2``) and the mix of sumber dana. The last two need the
rincian of the budget; a budget imported without them reports "unknown" (None), never 0 %.

The rules of ``selaras.checks.rules.budget`` and ``selaras anggaran`` read the same :class:`BudgetingAnalysis`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from selaras.checks.data import PlanningData
from selaras.domain import (
    BUDGET_KINDS,
    BUDGET_VERSIONS,
    Document,
    DocumentKind,
    Item,
    ItemLevel,
    Plan,
    RincianKind,
    parse_code,
)

__all__ = [
    "BELANJA_MODAL",
    "BudgetShape",
    "BudgetingAnalysis",
    "Consistency",
    "FundShare",
    "ItemMatch",
    "MatchStatus",
    "PdBudgeting",
    "Side",
    "analyse_budgeting",
    "budget_sides",
    "budget_stage",
    "budgeting_years",
    "kind_label",
    "latest_budgets",
    "shared_analysis",
]

BELANJA_MODAL = "5.2"
"""Rekening of belanja modal (Permendagri 90/2019: 5.1 operasi, 5.2 modal, 5.3 tidak terduga, 5.4 transfer)."""

_LABELS = {DocumentKind.KUA_PPAS: "KUA-PPAS", DocumentKind.RENJA: "Renja", DocumentKind.RENSTRA: "Renstra"}


def kind_label(kind: DocumentKind) -> str:
    """How planners write the document's name: ``KUA-PPAS``, ``APBD``, ``Renja``, ``Renstra``, ``RKPD``."""
    return _LABELS.get(kind, kind.value)


class MatchStatus(StrEnum):
    """Where a sub kegiatan of a PD appears in the year under review."""

    BOTH = "keduanya"
    ONLY_BUDGET = "hanya_anggaran"
    ONLY_PLAN = "hanya_rencana"


@dataclass(frozen=True, slots=True)
class Side:
    """One sub kegiatan code on one side: its document, the first item carrying it (where a finding points),
    its pagu summed over the sub units, and those sub units (empty when the PD carries it out itself)."""

    document: Document
    item: Item = field(compare=False)
    pagu: Decimal
    units: tuple[str, ...] = ()
    unit_pagu: tuple[tuple[str, Decimal], ...] = field(default=(), compare=False)
    """The pagu of each sub unit ('' for the PD itself), for a reader that follows one sub unit's item."""

    def pagu_of(self, unit: str) -> Decimal:
        """The part of :attr:`pagu` carried by ``unit`` ('' for the PD itself); 0 when that unit has none."""
        return sum((pagu for own, pagu in self.unit_pagu if own == unit), Decimal(0))


@dataclass(frozen=True, slots=True)
class ItemMatch:
    """A sub kegiatan of a PD in the plan, in the budget, or in both."""

    pd: str
    code: str
    name: str
    plan: Side | None
    budget: Side | None

    @property
    def status(self) -> MatchStatus:
        if self.plan is None:
            return MatchStatus.ONLY_BUDGET
        return MatchStatus.ONLY_PLAN if self.budget is None else MatchStatus.BOTH

    @property
    def selisih(self) -> Decimal | None:
        """Budget minus plan pagu (negative: the budget gives less than planned); None unless in both."""
        if self.plan is None or self.budget is None:
            return None
        return self.budget.pagu - self.plan.pagu

    @property
    def relative(self) -> Decimal | None:
        """:attr:`selisih` as a fraction of the planned pagu; None when the plan has no pagu to compare with."""
        selisih = self.selisih
        if selisih is None or self.plan is None or not self.plan.pagu:
            return None
        return selisih / self.plan.pagu


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class Consistency:
    """Counts and pagu of the three statuses, and the two percentages Bappeda reports."""

    both: int = 0
    only_budget: int = 0
    only_plan: int = 0
    budget_pagu: Decimal = Decimal(0)
    budget_planned: Decimal = Decimal(0)
    """Budget pagu of the sub kegiatan that are also in the plan."""
    plan_pagu: Decimal = Decimal(0)
    plan_funded: Decimal = Decimal(0)
    """Plan pagu of the sub kegiatan that got a budget."""

    @classmethod
    def of(cls, matches: Iterable[ItemMatch]) -> Consistency:
        counts = dict.fromkeys(MatchStatus, 0)
        sums = defaultdict[str, Decimal](Decimal)
        for match in matches:
            counts[match.status] += 1
            if match.budget is not None:
                sums["budget"] += match.budget.pagu
                sums["planned"] += match.budget.pagu if match.plan is not None else 0
            if match.plan is not None:
                sums["plan"] += match.plan.pagu
                sums["funded"] += match.plan.pagu if match.budget is not None else 0
        return cls(
            counts[MatchStatus.BOTH],
            counts[MatchStatus.ONLY_BUDGET],
            counts[MatchStatus.ONLY_PLAN],
            sums["budget"],
            sums["planned"],
            sums["plan"],
            sums["funded"],
        )

    @property
    def planned_share(self) -> Decimal | None:
        """Fraction of the budget pagu that was planned; None without budget pagu."""
        return _share(self.budget_planned, self.budget_pagu)

    @property
    def funded_share(self) -> Decimal | None:
        """Fraction of the plan pagu that got a budget; None without plan pagu."""
        return _share(self.plan_funded, self.plan_pagu)


@dataclass(frozen=True, slots=True)
class FundShare:
    """One sumber dana of a budget, with its share of the pagu that is broken down by sumber dana."""

    kode: str
    nama: str
    pagu: Decimal
    share: Decimal


@dataclass(frozen=True, slots=True)
class BudgetShape:
    """Program penunjang, belanja modal and sumber dana of a budget's sub kegiatan for one year.

    ``rekening_pagu`` and ``sumber_dana_pagu`` are the parts of ``pagu`` that the rincian break down; a share
    is taken of that part, so a budget with rincian for some items only still reports its known mix.
    """

    pagu: Decimal = Decimal(0)
    penunjang: Decimal = Decimal(0)
    rekening_pagu: Decimal = Decimal(0)
    modal: Decimal = Decimal(0)
    sumber_dana_pagu: Decimal = Decimal(0)
    sumber_dana: tuple[FundShare, ...] = ()

    @classmethod
    def of(cls, items: Iterable[Item], year: int) -> BudgetShape:
        pagu = penunjang = rekening = modal = Decimal(0)
        funds: dict[str, tuple[str, str, Decimal]] = {}  # kode (or nama) -> kode, nama, pagu
        for item in items:
            amount = item.pagu(year) or Decimal(0)
            pagu += amount
            penunjang += amount if _is_penunjang(item.code) else 0
            for line in item.rincian:
                if line.year != year:
                    continue
                if line.kind is RincianKind.REKENING:
                    rekening += line.pagu
                    modal += line.pagu if _is_modal(line.kode) else 0
                else:  # a list may name its sumber dana without a code: the name tells them apart then
                    key = line.kode or line.nama
                    kode, nama, total = funds.get(key, (line.kode, line.nama, Decimal(0)))
                    funds[key] = (kode, nama, total + line.pagu)
        known = sum((total for _, _, total in funds.values()), Decimal(0))
        mix = tuple(
            FundShare(kode, nama, total, total / known if known else Decimal(0))
            for _, (kode, nama, total) in sorted(funds.items(), key=lambda entry: (-entry[1][2], entry[0]))
        )
        return cls(pagu, penunjang, rekening, modal, known, mix)

    @property
    def penunjang_share(self) -> Decimal | None:
        return _share(self.penunjang, self.pagu)

    @property
    def modal_share(self) -> Decimal | None:
        """Fraction of the rekening-broken-down pagu that is belanja modal; None without rekening rincian."""
        return _share(self.modal, self.rekening_pagu)

    @property
    def has_sumber_dana(self) -> bool:
        return bool(self.sumber_dana)


def _is_modal(kode: str) -> bool:
    return kode == BELANJA_MODAL or kode.startswith(BELANJA_MODAL + ".")


def _is_penunjang(code: str | None) -> bool:
    try:
        return code is not None and parse_code(code).is_penunjang
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class PdBudgeting:
    """One PD: its budget-stage and plan documents (None when it has none), matches and budget shape."""

    pd: str
    nama: str
    budget: Document | None
    plan: Document | None
    matches: tuple[ItemMatch, ...]
    consistency: Consistency
    shape: BudgetShape

    @property
    def comparable(self) -> bool:
        """Both sides exist: only then does a missing sub kegiatan say something about it."""
        return self.budget is not None and self.plan is not None


@dataclass(frozen=True, slots=True)
class BudgetingAnalysis:
    """The comparison for one pemda and year: per PD (in code order) and for the whole pemda."""

    pemda: str
    year: int
    stage: DocumentKind
    version: str
    pds: tuple[PdBudgeting, ...]
    consistency: Consistency
    shape: BudgetShape

    @property
    def comparable(self) -> bool:
        """Some PD has both sides; without one, the pemda's percentages would only say what was not imported."""
        return any(row.comparable for row in self.pds)

    @property
    def matches(self) -> Iterator[ItemMatch]:
        for pd in self.pds:
            yield from pd.matches


def budget_stage(
    data: PlanningData, pemda: str, year: int, *, version: str = "murni", stage: DocumentKind | None = None
) -> DocumentKind | None:
    """The budget document compared: ``stage`` when the pemda has it for ``year`` and ``version``, else the
    APBD when there is one (it is what was finally enacted), else the KUA-PPAS; None when there is neither."""
    for kind in (stage,) if stage is not None else reversed(BUDGET_KINDS):
        if data.plans_in_year(kind, pemda, year, version=version):
            return kind
    return None


def budgeting_years(data: PlanningData, *, version: str = "murni") -> list[tuple[str, int]]:
    """Every (regional pemda, year) with a budget-stage document of ``version``, in order."""
    found = {
        (plan.document.pemda, year)
        for kind in BUDGET_KINDS
        for plan in data.regional_plans(kind)
        if plan.document.version == version
        for year in plan.document.period.years
    }
    return sorted(found)


def _sides(plans: Sequence[Plan], year: int, pd_of_item: bool) -> dict[tuple[str, str], Side]:
    """Per (PD, code), the sub kegiatan of ``plans`` with pagu summed over sub units (first one wins the
    location). ``pd_of_item`` reads the PD from each item (an RKPD) instead of from the document."""
    sides: dict[tuple[str, str], Side] = {}
    for plan in plans:
        for item in plan.items:
            pd = (item.pd if pd_of_item else plan.document.pd) or ""
            if item.level is not ItemLevel.SUB_KEGIATAN or item.code is None or not pd:
                continue
            key, pagu = (pd, item.code), item.pagu(year) or Decimal(0)
            units: tuple[str, ...] = (item.unit,) if item.unit else ()
            shares = ((item.unit, pagu),)
            known = sides.get(key)
            if known is not None:
                units = known.units + tuple(unit for unit in units if unit not in known.units)
                sides[key] = Side(known.document, known.item, known.pagu + pagu, units, known.unit_pagu + shares)
            else:
                sides[key] = Side(plan.document, item, pagu, units, shares)
    return sides


def latest_budgets(data: PlanningData, pemda: str, year: int) -> dict[str, Plan]:
    """Per PD, the last budget of ``year`` the pemda has loaded for it: the APBD perubahan, else the APBD murni,
    else the KUA-PPAS (perubahan, then murni). It is the ceiling the year's money is spent under, so the
    monitoring measures serapan against it (:func:`selaras.checks.monitoring.measured_pagu`); a PD with none of
    them is missing from the result."""
    chosen: dict[str, Plan] = {}
    for kind in reversed(BUDGET_KINDS):
        for version in reversed(BUDGET_VERSIONS):
            for pd, plan in _last_per_pd(data.plans_in_year(kind, pemda, year, version=version)).items():
                chosen.setdefault(pd, plan)
    return chosen


def budget_sides(plans: Iterable[Plan], year: int) -> dict[tuple[str, str], Side]:
    """Per (PD, sub kegiatan code), the budget-stage ``plans``' pagu of ``year``, summed over sub units as the
    planning–budgeting comparison matches them (sub kegiatan listed without pagu included, at 0)."""
    return _sides(list(plans), year, False)


def _last_per_pd(plans: Iterable[Plan]) -> dict[str, Plan]:
    """The last loaded plan of each PD (document keys sort versions; the same choice as the RKPD rules)."""
    return {plan.document.pd: plan for plan in plans if plan.document.pd}


def analyse_budgeting(
    data: PlanningData, pemda: str, year: int, *, version: str = "murni", stage: DocumentKind | None = None
) -> BudgetingAnalysis | None:
    """Compare the pemda's budget stage of ``year`` with its Renja/RKPD; None when it has no budget-stage
    document for that year and version (see :func:`budget_stage` for which one is taken).

    >>> analyse_budgeting(PlanningData([], [], []), "81.04", 2024) is None
    True
    """
    chosen = budget_stage(data, pemda, year, version=version, stage=stage)
    if chosen is None:
        return None
    budgets = _last_per_pd(data.plans_in_year(chosen, pemda, year, version=version))
    renja = _last_per_pd(data.plans_in_year(DocumentKind.RENJA, pemda, year))
    rkpd = data.plans_in_year(DocumentKind.RKPD, pemda, year)[-1:]
    budget_sides = {key: side for key, side in _sides(list(budgets.values()), year, False).items() if side.pagu > 0}
    plan_sides = _sides(list(renja.values()), year, False)
    plan_sides.update({key: side for key, side in _sides(rkpd, year, True).items() if key[0] not in renja})
    plan_documents = {pd: side.document for (pd, _), side in plan_sides.items()}
    per_pd: dict[str, list[ItemMatch]] = defaultdict(list)
    for pd, code in sorted(budget_sides.keys() | plan_sides.keys()):
        plan_side, budget_side = plan_sides.get((pd, code)), budget_sides.get((pd, code))
        named = budget_sides.get((pd, code)) or plan_sides[pd, code]
        per_pd[pd].append(ItemMatch(pd, code, named.item.text, plan_side, budget_side))
    rows = []
    for pd in sorted(per_pd.keys() | budgets.keys()):
        budget = budgets.get(pd)
        agency = data.get_pd(pemda, pd)
        nama = agency.nama if agency else (budget.document.title if budget else "") or pd
        items = _budget_items(budget) if budget else []
        matches = tuple(per_pd.get(pd, ()))
        plan = renja[pd].document if pd in renja else plan_documents.get(pd)
        document = budget.document if budget else None
        rows.append(
            PdBudgeting(pd, nama, document, plan, matches, Consistency.of(matches), BudgetShape.of(items, year))
        )
    all_items = [item for plan in budgets.values() for item in _budget_items(plan)]
    everything = [match for row in rows for match in row.matches]
    return BudgetingAnalysis(
        pemda, year, chosen, version, tuple(rows), Consistency.of(everything), BudgetShape.of(all_items, year)
    )


def _budget_items(plan: Plan) -> list[Item]:
    return [item for item in plan.items if item.level is ItemLevel.SUB_KEGIATAN]


def shared_analysis(data: PlanningData, pemda: str, year: int) -> BudgetingAnalysis | None:
    """:func:`analyse_budgeting` of the murni version, built once per run for all rules that read it."""

    def build(data: PlanningData) -> BudgetingAnalysis | None:
        return analyse_budgeting(data, pemda, year)

    return data.derived(f"budgeting/{pemda}/{year}", build)

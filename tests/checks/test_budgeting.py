"""Konsistensi perencanaan–penganggaran: matching the budget stage with the Renja/RKPD, and the budget's shape."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from budgeting_fixtures import (
    BURU,
    DAK,
    DAU,
    DIKBUD,
    DINKES,
    ONLY_BUDGET,
    ONLY_PLAN,
    PENUNJANG,
    PUSKESMAS,
    SHARED,
    YEAR,
    budget,
    budget_item,
    dinkes_apbd,
    dinkes_renja,
    planned,
    renja,
    rkpd,
    rkpd_planned,
)
from factories import data, pd

from selaras.checks.budgeting import (
    BudgetingAnalysis,
    BudgetShape,
    FundShare,
    MatchStatus,
    analyse_budgeting,
    budget_stage,
    budgeting_years,
)
from selaras.checks.budgeting_serialize import budgeting_to_dict
from selaras.domain import Budget, DocumentKind, Item, ItemLevel, Plan, Rincian, RincianKind


def analyse(*plans: Plan, **options: object) -> BudgetingAnalysis:
    planning = data(*plans, pemda=[BURU], agencies=[pd(DINKES, "Dinas Kesehatan", "1.02", pemda=BURU.kode)])
    analysis = analyse_budgeting(planning, BURU.kode, YEAR, **options)  # type: ignore[arg-type]
    assert analysis is not None
    return analysis


def statuses(analysis: BudgetingAnalysis) -> dict[str, tuple[MatchStatus, Decimal | None, Decimal | None]]:
    return {
        match.code: (
            match.status,
            match.plan.pagu if match.plan else None,
            match.budget.pagu if match.budget else None,
        )
        for match in analysis.matches
    }


def test_matched_only_budget_and_only_plan_with_their_pagu() -> None:
    analysis = analyse(dinkes_apbd(), dinkes_renja())
    assert analysis.stage is DocumentKind.APBD and analysis.version == "murni"
    assert statuses(analysis) == {
        SHARED: (MatchStatus.BOTH, Decimal(100), Decimal(120)),
        ONLY_BUDGET: (MatchStatus.ONLY_BUDGET, None, Decimal(80)),
        ONLY_PLAN: (MatchStatus.ONLY_PLAN, Decimal(60), None),  # listed in the APBD without pagu: not budgeted
        PENUNJANG: (MatchStatus.BOTH, Decimal(50), Decimal(50)),
    }
    shared = next(match for match in analysis.matches if match.code == SHARED)
    assert (shared.selisih, shared.relative) == (Decimal(20), Decimal("0.2"))
    [row] = analysis.pds
    assert (row.pd, row.nama, row.comparable) == (DINKES, "Dinas Kesehatan", True)
    consistency = analysis.consistency
    assert (consistency.both, consistency.only_budget, consistency.only_plan) == (2, 1, 1)
    assert (consistency.budget_pagu, consistency.budget_planned) == (Decimal(250), Decimal(170))
    assert (consistency.plan_pagu, consistency.plan_funded) == (Decimal(210), Decimal(150))
    assert consistency.planned_share == Decimal(170) / Decimal(250)
    assert consistency.funded_share == Decimal(150) / Decimal(210)
    assert row.consistency == consistency


def test_sub_units_of_one_code_add_up_into_one_match() -> None:
    match = next(match for match in analyse(dinkes_apbd(), dinkes_renja()).matches if match.code == PENUNJANG)
    assert match.budget is not None
    assert (match.budget.pagu, match.budget.units) == (Decimal(50), PUSKESMAS)
    assert match.budget.item.key == f"{PUSKESMAS[0]}/{PENUNJANG}"  # the first one is where findings point


def test_rkpd_items_of_a_pd_stand_in_for_a_missing_renja() -> None:
    plan = rkpd([rkpd_planned(DINKES, SHARED, "Alat Kalibrasi", "120"), rkpd_planned(DIKBUD, ONLY_PLAN, "X", "5")])
    analysis = analyse(dinkes_apbd(), plan)
    assert statuses(analysis)[SHARED] == (MatchStatus.BOTH, Decimal(120), Decimal(120))
    dikbud, dinkes = analysis.pds  # in PD code order
    assert dinkes.plan == plan.document and dinkes.budget is not None and dinkes.comparable
    assert (dikbud.pd, dikbud.budget, dikbud.comparable) == (DIKBUD, None, False)


def test_the_renja_wins_over_the_rkpd_for_its_pd() -> None:
    plan = rkpd([rkpd_planned(DINKES, ONLY_BUDGET, "Pengembangan Puskesmas", "80")])
    analysis = analyse(dinkes_apbd(), dinkes_renja(), plan)
    assert statuses(analysis)[ONLY_BUDGET][0] is MatchStatus.ONLY_BUDGET
    assert analysis.pds[0].plan == dinkes_renja().document


def test_penunjang_share() -> None:
    shape = analyse(dinkes_apbd(), dinkes_renja()).shape
    assert (shape.pagu, shape.penunjang, shape.penunjang_share) == (Decimal(250), Decimal(50), Decimal("0.2"))


def test_belanja_modal_share_of_the_pagu_broken_down_by_rekening() -> None:
    shape = analyse(dinkes_apbd(), dinkes_renja()).shape
    assert (shape.rekening_pagu, shape.modal) == (Decimal(200), Decimal(80))
    assert shape.modal_share == Decimal("0.4")  # the penunjang items carry no rincian: outside the share


def test_sumber_dana_mix_largest_first() -> None:
    shape = analyse(dinkes_apbd(), dinkes_renja()).shape
    assert shape.sumber_dana_pagu == Decimal(200)
    assert shape.sumber_dana == (
        FundShare(DAU[0], DAU[1], Decimal(120), Decimal("0.6")),
        FundShare(DAK[0], DAK[1], Decimal(80), Decimal("0.4")),
    )


def test_sumber_dana_named_without_a_code_are_kept_apart() -> None:
    # a Renja application's list names the sumber dana only ('sumber_dana'): three funds, not one at 100 %
    funds = (("Dana Alokasi Umum", 120), ("Dana Bagi Hasil", 60), ("Dana Alokasi Umum", 20), ("PAD", 0))
    items = [
        Item(
            key=f"1.02.02.2.02.000{number}",
            level=ItemLevel.SUB_KEGIATAN,
            text="Sub kegiatan",
            code=f"1.02.02.2.02.000{number}",
            budgets=[Budget(2024, Decimal(pagu))],
            rincian=[Rincian(2024, RincianKind.SUMBER_DANA, "", nama, Decimal(pagu))],
        )
        for number, (nama, pagu) in enumerate(funds, start=1)
    ]
    shape = BudgetShape.of(items, 2024)
    assert shape.sumber_dana == (
        FundShare("", "Dana Alokasi Umum", Decimal(140), Decimal("0.7")),
        FundShare("", "Dana Bagi Hasil", Decimal(60), Decimal("0.3")),
        FundShare("", "PAD", Decimal(0), Decimal(0)),
    )


def test_without_rincian_the_shares_are_unknown_not_zero() -> None:
    plain = budget([budget_item(SHARED, "Alat Kalibrasi", "100"), budget_item(PENUNJANG, "Listrik", "100")])
    shape = analyse(plain).shape
    assert (shape.modal_share, shape.sumber_dana, shape.has_sumber_dana) == (None, (), False)
    assert shape.penunjang_share == Decimal("0.5")  # read from the codes, no rincian needed
    payload = budgeting_to_dict(analyse(plain))
    assert payload["shape"] == {
        "pagu": 200,
        "penunjang": 100,
        "penunjang_percent": 50.0,
        "rekening_pagu": 0,
        "modal": 0,
        "modal_percent": None,
        "sumber_dana_pagu": 0,
        "sumber_dana": [],
    }


def test_without_a_plan_everything_is_only_budget_and_not_comparable() -> None:
    analysis = analyse(dinkes_apbd())
    assert {match.status for match in analysis.matches} == {MatchStatus.ONLY_BUDGET}
    assert analysis.consistency.planned_share == 0 and analysis.consistency.funded_share is None
    assert not analysis.pds[0].comparable and not analysis.comparable
    assert budgeting_to_dict(analysis)["comparable"] is False


def test_murni_unless_perubahan_is_asked_and_the_apbd_before_the_kua_ppas() -> None:
    kua = budget([budget_item(SHARED, "Alat Kalibrasi", "90")], kind=DocumentKind.KUA_PPAS)
    perubahan = budget([budget_item(SHARED, "Alat Kalibrasi", "150")], version="perubahan")
    both = (dinkes_apbd(), kua, perubahan, dinkes_renja())
    assert statuses(analyse(*both))[SHARED][2] == Decimal(120)
    assert statuses(analyse(*both, version="perubahan"))[SHARED][2] == Decimal(150)
    kua_ppas = analyse(*both, stage=DocumentKind.KUA_PPAS)
    assert kua_ppas.stage is DocumentKind.KUA_PPAS and statuses(kua_ppas)[SHARED][2] == Decimal(90)
    assert budget_stage(data(kua, pemda=[BURU]), BURU.kode, YEAR) is DocumentKind.KUA_PPAS


def test_no_budget_stage_document_for_the_year() -> None:
    planning = data(dinkes_renja(), perubahan_only := budget([], version="perubahan"), pemda=[BURU])
    assert analyse_budgeting(planning, BURU.kode, YEAR) is None
    assert analyse_budgeting(planning, BURU.kode, YEAR + 1, version="perubahan") is None
    assert budgeting_years(planning) == [] and budgeting_years(planning, version="perubahan") == [(BURU.kode, YEAR)]
    assert perubahan_only.document.version == "perubahan"


@pytest.mark.parametrize("pagu", ["0", "-5"])
def test_budget_items_without_positive_pagu_are_not_budgeted(pagu: str) -> None:
    analysis = analyse(budget([budget_item(SHARED, "Alat Kalibrasi", pagu)]), renja([planned(SHARED, "Alat", "10")]))
    assert statuses(analysis) == {SHARED: (MatchStatus.ONLY_PLAN, Decimal(10), None)}


def test_json_shape_of_one_item() -> None:
    payload: Any = budgeting_to_dict(analyse(dinkes_apbd(), dinkes_renja()))
    assert (payload["pemda"], payload["year"], payload["stage"], payload["version"]) == ("81.04", 2024, "APBD", "murni")
    [row] = payload["pd"]
    assert row["budget_document"] == f"81.04/APBD/{DINKES}/2024/murni"
    assert row["plan_document"] == f"81.04/RENJA/{DINKES}/2024/final"
    assert row["comparable"] is True and payload["comparable"] is True
    assert [item["code"] for item in row["items"]] == [PENUNJANG, ONLY_BUDGET, SHARED, ONLY_PLAN]  # code order
    assert row["items"][1] == {
        "code": ONLY_BUDGET,
        "name": "Pengembangan Puskesmas",
        "status": "hanya_anggaran",
        "plan_pagu": None,
        "budget_pagu": 80,
        "selisih": None,
        "selisih_percent": None,
        "units": [],
    }
    assert payload["consistency"]["planned_percent"] == 68.0

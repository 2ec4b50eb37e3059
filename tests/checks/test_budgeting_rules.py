"""Rules of planning–budgeting consistency: budgeted but not planned, planned but not budgeted, pagu far apart."""

from __future__ import annotations

from decimal import Decimal

from budgeting_fixtures import (
    BURU,
    DIKBUD,
    DINKES,
    ONLY_BUDGET,
    ONLY_PLAN,
    PUSKESMAS,
    SHARED,
    YEAR,
    budget,
    budget_item,
    dinkes_apbd,
    dinkes_renja,
    planned,
    renja,
)
from factories import data, run_rendered

from selaras.checks.findings import Location
from selaras.checks.registry import registry
from selaras.checks.rules.budget import (
    budget_item_not_planned,
    plan_budget_pagu_differs,
    planned_item_not_budgeted,
)
from selaras.domain import DocumentKind, Pemda, PemdaLevel, Plan

APBD_KEY = f"81.04/APBD/{DINKES}/2024/murni"
RENJA_KEY = f"81.04/RENJA/{DINKES}/2024/final"
PUSAT = Pemda("00", "Pemerintah Pusat", PemdaLevel.PUSAT)


def run(rule: object, *plans: Plan, **thresholds: object) -> list[tuple[str, Location]]:
    findings = run_rendered(rule, data(*plans, pemda=[BURU]), year=YEAR, **thresholds)  # type: ignore[arg-type]
    return [(finding.code, finding.location) for finding in findings]


def test_budgeted_but_not_planned() -> None:
    assert run(budget_item_not_planned, dinkes_apbd(), dinkes_renja()) == [
        ("SEL305", Location("81.04", APBD_KEY, ONLY_BUDGET, pd=DINKES, code=ONLY_BUDGET, year=YEAR))
    ]
    [finding] = run_rendered(budget_item_not_planned, data(dinkes_apbd(), dinkes_renja(), pemda=[BURU]))
    message, _ = registry.get("SEL305").render(finding)
    assert message == (
        f"Sub kegiatan {ONLY_BUDGET} (Pengembangan Puskesmas) dianggarkan di APBD 2024 PD {DINKES} sebesar Rp 80, "
        "tetapi tidak ada di Renja 2024."
    )


def test_budgeted_and_planned_or_without_any_plan_is_not_flagged() -> None:
    agreeing = renja([planned(code, "x", "1") for code in (ONLY_BUDGET, SHARED, "1.02.01.2.06.0001")])
    assert run(budget_item_not_planned, dinkes_apbd(), agreeing) == []
    assert run(budget_item_not_planned, dinkes_apbd()) == []  # no Renja, no RKPD: nothing to compare with
    other_pd = renja([planned(ONLY_BUDGET, "x", "1")], pd=DIKBUD)
    assert run(budget_item_not_planned, dinkes_apbd(), other_pd) == []


def test_planned_but_not_budgeted() -> None:
    assert run(planned_item_not_budgeted, dinkes_apbd(), dinkes_renja()) == [
        ("SEL306", Location("81.04", RENJA_KEY, ONLY_PLAN, pd=DINKES, code=ONLY_PLAN, year=YEAR))
    ]


def test_planned_without_pagu_or_pd_without_budget_is_not_flagged() -> None:
    unpaid = renja([planned(ONLY_PLAN, "Pengelolaan Pelayanan Kesehatan Ibu Hamil", "0")])
    assert run(planned_item_not_budgeted, dinkes_apbd(), unpaid) == []
    other_pd = budget([budget_item(SHARED, "x", "100")], pd=DIKBUD)
    assert run(planned_item_not_budgeted, other_pd, dinkes_renja()) == []
    assert run(planned_item_not_budgeted, dinkes_renja()) == []  # no budget stage at all


def test_pagu_far_from_the_plan() -> None:
    apbd = budget([budget_item(SHARED, "Alat Kalibrasi", "65", unit=unit) for unit in PUSKESMAS])
    plan = renja([planned(SHARED, "Alat Kalibrasi", "100")])
    assert run(plan_budget_pagu_differs, apbd, plan) == [
        ("SEL307", Location("81.04", APBD_KEY, f"{PUSKESMAS[0]}/{SHARED}", pd=DINKES, code=SHARED, year=YEAR))
    ]
    [finding] = run_rendered(plan_budget_pagu_differs, data(apbd, plan, pemda=[BURU]))
    assert finding.evidence["selisih"] == Decimal(30) and finding.evidence["persen"] == Decimal("30.0")
    assert run(plan_budget_pagu_differs, apbd, plan, budget_difference=Decimal("0.3")) == []  # from TOML
    lower = budget([budget_item(SHARED, "Alat Kalibrasi", "70")])
    message, _ = registry.get("SEL307").render(run_rendered(plan_budget_pagu_differs, data(lower, plan))[0])
    assert message == (
        f"Pagu 2024 sub kegiatan {SHARED} (Alat Kalibrasi) PD {DINKES}: Renja Rp 100, APBD Rp 70 "
        "(selisih Rp -30, -30% dari pagu rencana)."
    )


def test_pagu_within_the_threshold_or_without_planned_pagu_is_not_flagged() -> None:
    plan = renja([planned(SHARED, "Alat Kalibrasi", "100")])
    assert run(plan_budget_pagu_differs, budget([budget_item(SHARED, "x", "120")]), plan) == []  # 20 % exactly
    assert run(plan_budget_pagu_differs, budget([budget_item(SHARED, "x", "81")]), plan) == []
    unpaid = renja([planned(SHARED, "Alat Kalibrasi", "0")])
    assert run(plan_budget_pagu_differs, budget([budget_item(SHARED, "x", "500")]), unpaid) == []


def test_the_rules_read_the_murni_apbd_and_only_regional_pemda() -> None:
    perubahan = budget([budget_item(ONLY_BUDGET, "x", "80")], version="perubahan")
    assert run(budget_item_not_planned, perubahan, dinkes_renja()) == []
    kua = budget([budget_item(ONLY_BUDGET, "x", "80")], kind=DocumentKind.KUA_PPAS)
    apbd = budget([budget_item(SHARED, "x", "100")])
    assert run(budget_item_not_planned, kua, apbd, dinkes_renja()) == []  # the APBD supersedes the KUA-PPAS
    findings = run_rendered(budget_item_not_planned, data(kua, dinkes_renja(), pemda=[BURU, PUSAT]))
    assert [finding.location.document for finding in findings] == [f"81.04/KUA_PPAS/{DINKES}/2024/murni"]

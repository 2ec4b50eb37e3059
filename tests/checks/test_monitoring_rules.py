"""Monitoring rules (SEL9xx) and the capaian/serapan arithmetic they rest on: each fires on a lagging or
inconsistent item and stays silent on one on track, including an indicator where lower is better."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import KOTA, PROVINSI, YEAR, coded, indicator, plan, run_rendered

from selaras.checks.monitoring import MonitoringData, Rating, capaian, rating
from selaras.checks.rules import monitoring
from selaras.domain import Direction, DocumentKind, Item, Plan
from selaras.domain.realisasi import Realisasi

DINKES = "1.02.01"
SUB = "1.02.02.1.02.0003"
DOKUMEN = "Jumlah dokumen perencanaan"
STUNTING = "Prevalensi stunting"


def _item(*, pagu: str = "400000000", code: str = SUB) -> Item:
    return coded(
        code,
        "Pengelolaan Pelayanan Kesehatan Ibu dan Anak",
        indicators=[
            indicator(DOKUMEN, "Dokumen", targets={YEAR: "20"}),
            indicator(STUNTING, "%", direction=Direction.TURUN, targets={YEAR: "14"}),
        ],
        pagu={YEAR: pagu},
    )


def _renja(item: Item, pemda: str = "62", pd: str = DINKES) -> Plan:
    return plan(DocumentKind.RENJA, [item], pd=pd, pemda=pemda)


def _data(renja: Plan, *quarters: tuple[int, str | None, dict[str, str]], quarter: int | None = None) -> MonitoringData:
    records = [
        Realisasi(
            renja.document.key,
            SUB,
            tw,
            None if money is None else Decimal(money),
            {k: Decimal(v) for k, v in kinerja.items()},
        )
        for tw, money, kinerja in quarters
    ]
    return MonitoringData([PROVINSI, KOTA], [], [renja], realisasi=records, quarter=quarter)


ON_TRACK = ((1, "90000000", {DOKUMEN: "4", STUNTING: "15"}), (2, "100000000", {DOKUMEN: "6", STUNTING: "14"}))


def test_capaian_respects_the_direction_of_the_indicator() -> None:
    rising = indicator(DOKUMEN, targets={YEAR: "20"})
    falling = indicator(STUNTING, "%", direction=Direction.TURUN, targets={YEAR: "14"})
    steady = indicator("Rasio", direction=Direction.TETAP, targets={YEAR: "10"})
    assert capaian(rising, Decimal(20), Decimal(5)) == Decimal("25.00")
    assert capaian(falling, Decimal(14), Decimal(12)) == Decimal("114.29")  # lower than the target: better
    assert capaian(falling, Decimal(14), Decimal(18)) == Decimal("71.43")
    assert capaian(falling, Decimal(14), Decimal(40)) == Decimal("0.00")
    assert capaian(steady, Decimal(10), Decimal(11)) == Decimal("90.00")
    assert capaian(rising, Decimal(0), Decimal(5)) is None


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        ("91", Rating.SANGAT_TINGGI),
        ("90.5", Rating.TINGGI),
        ("76", Rating.TINGGI),
        ("75", Rating.SEDANG),
        ("66", Rating.SEDANG),
        ("65", Rating.RENDAH),
        ("51", Rating.RENDAH),
        ("50", Rating.SANGAT_RENDAH),
    ],
)
def test_permendagri_86_rating_bands(percent: str, band: Rating) -> None:
    assert rating(Decimal(percent)) is band


def test_on_track_item_gives_no_monitoring_finding() -> None:
    data = _data(_renja(_item()), *ON_TRACK)
    for rule in (
        monitoring.absorption_behind_curve,
        monitoring.performance_behind_curve,
        monitoring.budget_without_progress,
        monitoring.progress_without_budget,
        monitoring.realisasi_exceeds_pagu,
    ):
        assert run_rendered(rule, data) == [], rule.__name__


def test_absorption_behind_the_curve_is_flagged() -> None:
    lagging = _data(_renja(_item()), (1, "10000000", {DOKUMEN: "4"}), (2, "20000000", {DOKUMEN: "6"}))
    [finding] = run_rendered(monitoring.absorption_behind_curve, lagging)
    assert (finding.location.item, finding.location.pd) == (SUB, DINKES)
    assert finding.evidence["serapan"] == Decimal("7.50") and finding.evidence["expected"] == Decimal(45)
    assert run_rendered(monitoring.absorption_behind_curve, lagging, progress_lag=Decimal("0.5")) == []


def test_performance_behind_the_curve_is_direction_aware() -> None:
    worse = _data(_renja(_item()), (1, "90000000", {DOKUMEN: "1"}), (2, "100000000", {DOKUMEN: "2", STUNTING: "18"}))
    findings = run_rendered(monitoring.performance_behind_curve, worse)
    assert [(f.location.indicator, f.evidence["capaian"]) for f in findings] == [
        (DOKUMEN, Decimal("15.00")),  # 3 of 20 where 45 % is expected by TW II
        (STUNTING, Decimal("71.43")),  # 18 % against a target of 14 %: lower is better
    ]
    better = _data(_renja(_item()), *ON_TRACK[:1], (2, "100000000", {DOKUMEN: "6", STUNTING: "12"}))
    assert run_rendered(monitoring.performance_behind_curve, better) == []


def test_the_quarter_under_review_can_be_fixed() -> None:
    data = _data(_renja(_item()), *ON_TRACK, quarter=1)
    assert run_rendered(monitoring.absorption_behind_curve, data) == []  # 22,5 % in TW I is on the curve


def test_budget_absorbed_without_physical_progress() -> None:
    spent = _data(_renja(_item()), (1, "60000000", {DOKUMEN: "0"}), (2, "90000000", {}))
    [finding] = run_rendered(monitoring.budget_without_progress, spent)
    assert finding.evidence["serapan"] == Decimal("37.50")
    assert run_rendered(monitoring.budget_without_progress, _data(_renja(_item()), *ON_TRACK)) == []


def test_physical_progress_with_no_budget() -> None:
    unpaid = _data(_renja(_item()), (1, "0", {DOKUMEN: "6"}))
    [finding] = run_rendered(monitoring.progress_without_budget, unpaid)
    assert finding.location.indicator == DOKUMEN
    assert run_rendered(monitoring.progress_without_budget, _data(_renja(_item()), *ON_TRACK)) == []


def test_realisation_above_the_pagu_is_a_galat() -> None:
    over = _data(_renja(_item(pagu="29400000")), (1, "10000000", {DOKUMEN: "1"}), (2, "20000000", {DOKUMEN: "6"}))
    [finding] = run_rendered(monitoring.realisasi_exceeds_pagu, over)
    assert finding.evidence["anggaran"] == Decimal(30000000)
    assert run_rendered(monitoring.realisasi_exceeds_pagu, _data(_renja(_item()), *ON_TRACK)) == []


def test_realised_unit_cost_far_above_other_pemda_is_flagged() -> None:
    plans = [_renja(_item(), pemda=pemda) for pemda in ("62.01", "62.02", "62.03", "62.71")]
    records = [
        Realisasi(renja.document.key, SUB, 1, Decimal(money), {DOKUMEN: Decimal(10)})
        for renja, money in zip(plans, ("10000000", "11000000", "9000000", "60000000"), strict=True)
    ]
    data = MonitoringData([PROVINSI, KOTA], [], plans, realisasi=records)
    [finding] = run_rendered(monitoring.realised_unit_cost_outlier, data)
    assert finding.location.pemda == "62.71"
    assert (finding.evidence["unit_cost"], finding.evidence["median"]) == (Decimal(6000000), Decimal(1050000))
    records[-1] = Realisasi(plans[-1].document.key, SUB, 1, Decimal(12000000), {DOKUMEN: Decimal(10)})
    assert (
        run_rendered(monitoring.realised_unit_cost_outlier, MonitoringData([PROVINSI], [], plans, realisasi=records))
        == []
    )


def test_plain_planning_data_has_no_realisasi_and_no_findings() -> None:
    from factories import data

    assert run_rendered(monitoring.absorption_behind_curve, data(_renja(_item()))) == []

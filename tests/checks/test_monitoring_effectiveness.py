"""Effectiveness per priority: the money of the items reaching a priority (split like the pagu tables, overhead
left out), their pagu-weighted capaian and the share of realisasi whose items reached the 'tinggi' band. The
numbers are worked out by hand in monitoring_world's docstring."""

from __future__ import annotations

from decimal import Decimal

from factories import ASTA_CITA_KEY, KOTA
from monitoring_world import JT, SUB_A, SUB_B, SUB_C, SUB_D, monitoring_world
from provincial_world import province_rpjmd_key, provincial_world

from selaras.checks.effectiveness import effectiveness, followed_priorities, priorities_of
from selaras.checks.monitoring import MonitoringData, Rating, item_progress, overview, quarterly_progress
from selaras.domain import ItemRef

YEAR = 2026


def _rpjmd(data: MonitoringData) -> str:
    [key] = [plan.document.key for plan in data.plans if "/RPJMD/" in plan.document.key]
    return key


def test_effectiveness_per_priority_by_hand() -> None:
    data = monitoring_world()
    progress = quarterly_progress(data, YEAR)[-1]
    found = effectiveness(data, progress)
    p1, p2 = found[ItemRef(_rpjmd(data), "P1")], found[ItemRef(_rpjmd(data), "P2")]
    ac4 = found[ItemRef(ASTA_CITA_KEY, "AC4")]
    assert (p1.items, p1.pagu, p1.anggaran) == (3, 600 * JT, 410 * JT)
    assert p1.capaian == Decimal("78.33")
    assert p1.rating is Rating.TINGGI
    assert (p1.effective, p1.effective_share) == (350 * JT, Decimal("85.37"))
    assert (p2.items, p2.pagu, p2.anggaran, p2.capaian, p2.effective_share) == (
        1,
        100 * JT,
        50 * JT,
        Decimal("80.00"),
        Decimal("100.00"),
    )
    assert (ac4.pagu, ac4.anggaran, ac4.capaian) == (700 * JT, 460 * JT, Decimal("78.57"))
    assert ac4.effective_share == Decimal("86.96")


def test_overhead_and_unreported_items_reach_no_priority() -> None:
    data = monitoring_world()
    progress = {own.item.key: own for own in quarterly_progress(data, YEAR)[-1]}
    assert priorities_of(data, progress[SUB_D]) == frozenset()  # program penunjang, though linked to P1
    assert {ref.item for ref in priorities_of(data, progress[SUB_C])} == {"P1", "P2", "AC4"}
    assert effectiveness(monitoring_world(realisasi=False), []) == {}


def test_followed_priorities_are_the_pemda_priorities_then_asta_cita() -> None:
    data = monitoring_world()
    assert [item.key for _, item in followed_priorities(data, "62")] == ["P1", "P2", *(f"AC{n}" for n in range(1, 9))]
    assert [item.key for _, item in followed_priorities(data, "62.71")][:1] == ["AC1"]  # no RPJMD of its own


def test_quarterly_progress_keeps_every_triwulan_and_overview_its_last() -> None:
    data = monitoring_world()
    quarters = quarterly_progress(data, YEAR)
    assert len(quarters) == 3
    assert [own.anggaran for own in quarters[0] if own.item.key == SUB_A] == [Decimal(0)]  # reported in TW III only
    seen = overview(data, YEAR)
    assert seen is not None and seen.items == quarters[-1] and seen.triwulan == 3
    assert [summary.anggaran for summary in seen.curve] == [0, 0, 500 * JT]
    assert quarterly_progress(monitoring_world(realisasi=False), YEAR) == ()
    assert {own.item.key for own in quarters[-1]} == {SUB_A, SUB_B, SUB_C, SUB_D}


def test_a_kabkota_item_counts_fully_for_its_own_priority_and_the_governors() -> None:
    """The kota's program reaches the kota's P1 and the province's P1: two lists, no split between them."""
    world = provincial_world()
    data = MonitoringData(world.pemda, [], world.plans, realisasi=[])
    [renja] = [plan for plan in data.plans if plan.document.key.startswith(f"{KOTA.kode}/RENJA/")]
    own = item_progress(data, renja, renja.item("1.02.02.2.01.0001"), YEAR, 3)
    kota_p1 = ItemRef(f"{KOTA.kode}/RPJMD/-/2025-2029/final", "P1")
    governor_p1 = ItemRef(province_rpjmd_key(), "P1")
    assert priorities_of(data, own) == {kota_p1, governor_p1}
    found = effectiveness(data, [own])
    assert found[kota_p1].pagu == found[governor_p1].pagu == 400 * JT

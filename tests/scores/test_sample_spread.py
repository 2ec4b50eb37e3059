"""Scores on the sample province separate the careful from the careless: they spread widely, and the lowest
are where the manifest seeded the most and heaviest defects."""

from __future__ import annotations

from collections import defaultdict

import pytest

from selaras.analysis import analyse
from selaras.checks.builtin import builtin_registry
from selaras.checks.data import PlanningData
from selaras.checks.thresholds import Thresholds
from selaras.reference.frameworks import national_frameworks
from selaras.reference.nomenclature_versions import bundled_versions
from selaras.reference.wilayah import PUSAT
from selaras.sample import SampleData, generate_province
from selaras.scores import ScoreCard
from selaras.scores.quality import SEVERITY_WEIGHT

REGISTRY = builtin_registry()


@pytest.fixture(scope="module")
def sample() -> tuple[SampleData, list[ScoreCard]]:
    sample = generate_province()
    data = PlanningData([PUSAT, *sample.pemda], sample.perangkat_daerah, [*national_frameworks(), *sample.plans])
    return sample, analyse(data, year=2026, nomenclature=bundled_versions(), thresholds=Thresholds()).cards


def _load(sample: SampleData) -> dict[tuple[str, str | None], float]:
    """Seeded plan defects weighted by the severity of the rule that finds them, per pemda (pd None) and per PD;
    monitoring defects (realisasi) are no part of a plan's scores."""
    severity = {rule.name: rule.severity for rule in REGISTRY}
    load: dict[tuple[str, str | None], float] = defaultdict(float)
    for defect in (defect for defect in sample.defects if not defect.kind.monitoring):
        weight = SEVERITY_WEIGHT.get(severity[defect.kind.value], 0.0)
        load[(defect.pemda, None)] += weight
        if defect.pd:
            load[(defect.pemda, defect.pd)] += weight
    return load


def _overall(cards: list[ScoreCard], *, pd: bool) -> dict[tuple[str, str | None], float]:
    return {
        (card.pemda, card.pd): card.overall
        for card in cards
        if (card.pd is not None) is pd and card.overall is not None
    }


def test_pemda_scores_spread_over_30_points_and_pd_scores_over_50(sample: tuple[SampleData, list[ScoreCard]]) -> None:
    _, cards = sample
    pemda, pd = _overall(cards, pd=False), _overall(cards, pd=True)
    assert max(pemda.values()) - min(pemda.values()) >= 30
    assert max(pd.values()) - min(pd.values()) >= 50


def test_the_lowest_kabkota_carries_the_heaviest_seeded_defects(sample: tuple[SampleData, list[ScoreCard]]) -> None:
    data, cards = sample
    load = _load(data)
    kabkota = {key: value for key, value in _overall(cards, pd=False).items() if "." in key[0]}
    lowest = min(kabkota, key=lambda key: kabkota[key])
    assert lowest == max(kabkota, key=lambda key: load[key])


def test_the_lowest_pd_are_those_with_the_most_seeded_defects(sample: tuple[SampleData, list[ScoreCard]]) -> None:
    """PD differ in size (a PD of two programs loses half its money to one unlinked program), so the
    ranking is checked in bulk: none of the 12 lowest PD (the dashboard's chart) is free of seeded defects,
    and they carry on average at least one and a half times the seeded load of the rest (the load counts
    defects, the scores weigh them by money)."""
    data, cards = sample
    load = _load(data)
    ranked = sorted(_overall(cards, pd=True).items(), key=lambda entry: entry[1])
    lowest, rest = [key for key, _ in ranked[:12]], [key for key, _ in ranked[12:]]
    assert all(load[key] > 0 for key in lowest)
    assert sum(load[key] for key in lowest) / len(lowest) >= 1.5 * sum(load[key] for key in rest) / len(rest)


def test_program_penunjang_is_belanja_penunjang_not_asta_cita_7(sample: tuple[SampleData, list[ScoreCard]]) -> None:
    _, cards = sample
    province = next(card for card in cards if card.pemda == "62" and card.pd is None)
    asta_cita = province.pagu_per_target["asta_cita"]
    total = sum(asta_cita.values())
    assert asta_cita["penunjang"] > 0
    assert asta_cita.get("AC7", 0) < asta_cita["penunjang"]
    assert province.scores["belanja_penunjang"].achieved == pytest.approx(float(asta_cita["penunjang"]))
    assert all(amount < total / 2 for label, amount in asta_cita.items() if label != "penunjang")

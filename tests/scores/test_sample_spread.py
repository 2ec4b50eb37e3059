"""Scores on the sample province separate the careful from the careless: they spread widely, and the lowest
are where the manifest seeded the most and heaviest defects."""

from __future__ import annotations

from collections import defaultdict

import pytest

from selaras.analysis import analyse
from selaras.checks.builtin import builtin_registry
from selaras.checks.data import PlanningData
from selaras.checks.thresholds import Thresholds
from selaras.domain import DocumentKind, ItemLevel
from selaras.reference.frameworks import national_frameworks
from selaras.reference.nomenclature_versions import bundled_versions
from selaras.reference.wilayah import PUSAT
from selaras.sample import SampleData
from selaras.scores import ScoreCard
from selaras.scores.quality import SEVERITY_WEIGHT

REGISTRY = builtin_registry()


@pytest.fixture(scope="module")
def sample(defective_sample: SampleData) -> tuple[SampleData, list[ScoreCard]]:
    sample = defective_sample
    data = PlanningData([PUSAT, *sample.pemda], sample.perangkat_daerah, [*national_frameworks(), *sample.plans])
    return sample, analyse(data, year=2026, nomenclature=bundled_versions(), thresholds=Thresholds()).cards


def _seeded(sample: SampleData) -> tuple[dict[tuple[str, str], float], dict[str, float]]:
    """The manifest's defect weight per PD and per pemda, counted on the units the scores count: each
    program of a PD's Renstra and Renja weighs the severity of the heaviest plan defect seeded into it (its
    kegiatan and sub kegiatan included; galat 1, peringatan 0.5, as the scores weigh them), and a PD's or
    pemda's weight is the mean over its programs — a PD with two programs, one of them broken, is as
    careless as one with twenty and ten broken. Defects outside the PD programs (RPJMD misi and priorities,
    IKU) and in the realisasi are no part of the three headline scores and do not count."""
    severity = {rule.name: rule.severity for rule in REGISTRY}
    programs: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for plan in sample.plans:
        if plan.document.kind in (DocumentKind.RENSTRA, DocumentKind.RENJA) and plan.document.pd:
            owner = (plan.document.pemda, plan.document.pd)
            programs[owner] |= {(plan.document.key, item.key) for item in plan.items if item.level is ItemLevel.PROGRAM}
    heaviest: dict[tuple[str, str, str, str], float] = defaultdict(float)
    for defect in sample.defects:
        if defect.kind.monitoring or not defect.pd or not defect.item:
            continue
        program = ".".join(defect.item.split(".")[:3])
        if (defect.document, program) in programs[(defect.pemda, defect.pd)]:
            key = (defect.pemda, defect.pd, defect.document, program)
            heaviest[key] = max(heaviest[key], SEVERITY_WEIGHT.get(severity[defect.kind.value], 0.0))
    broken: dict[tuple[str, str], float] = defaultdict(float)
    for (pemda, pd, _, _), weight in heaviest.items():
        broken[(pemda, pd)] += weight
    per_pd = {owner: broken[owner] / len(units) for owner, units in programs.items() if units}
    per_pemda = {
        pemda: sum(broken[o] for o in programs if o[0] == pemda)
        / sum(len(u) for o, u in programs.items() if o[0] == pemda)
        for pemda in {owner[0] for owner in programs}
    }
    return per_pd, per_pemda


def _spearman(first: list[float], second: list[float]) -> float:
    """Spearman's rank correlation (ties share their mean rank)."""

    def ranks(values: list[float]) -> list[float]:
        ordered = sorted(range(len(values)), key=lambda index: values[index])
        result = [0.0] * len(values)
        start = 0
        while start < len(ordered):
            end = start
            while end + 1 < len(ordered) and values[ordered[end + 1]] == values[ordered[start]]:
                end += 1
            for position in range(start, end + 1):
                result[ordered[position]] = (start + end) / 2
            start = end + 1
        return result

    a, b = ranks(first), ranks(second)
    mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
    covariance = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
    spread = (sum((x - mean_a) ** 2 for x in a) * sum((y - mean_b) ** 2 for y in b)) ** 0.5
    return covariance / spread


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


def test_the_lowest_pemda_are_those_with_the_heaviest_seeded_defects(
    sample: tuple[SampleData, list[ScoreCard]],
) -> None:
    """The three lowest-scoring pemda are among the five the manifest seeded most heavily, and over all 15
    the score falls as the seeded weight rises (rank correlation at most -0.8)."""
    data, cards = sample
    _, seeded = _seeded(data)
    scores = {pemda: score for (pemda, _), score in _overall(cards, pd=False).items()}
    lowest = sorted(scores, key=lambda pemda: scores[pemda])[:3]
    heaviest = sorted(scores, key=lambda pemda: -seeded[pemda])[:5]
    assert set(lowest) <= set(heaviest), (lowest, heaviest)
    pemda = sorted(scores)
    assert _spearman([scores[p] for p in pemda], [seeded[p] for p in pemda]) <= -0.8


def test_the_lowest_pd_are_those_with_the_heaviest_seeded_defects(sample: tuple[SampleData, list[ScoreCard]]) -> None:
    """Over some 500 PD many share a seeded weight, so the bottom is checked against the top 15 %: the 12
    lowest-scoring PD (the dashboard's chart) are all among the 15 % most heavily seeded, they carry on
    average at least twice the seeded weight of the rest, and over all PD the score falls as the seeded
    weight rises (rank correlation at most -0.7)."""
    data, cards = sample
    seeded, _ = _seeded(data)
    scores = {key: score for key, score in _overall(cards, pd=True).items() if key[1] is not None}
    weights = {(pemda, pd): seeded.get((pemda, pd), 0.0) for pemda, pd in scores if pd is not None}
    ranked = sorted(weights, key=lambda key: scores[key])
    lowest, rest = ranked[:12], ranked[12:]
    top_share = sorted(weights.values(), reverse=True)[len(weights) * 15 // 100]
    assert all(weights[key] >= top_share for key in lowest), [(key, weights[key]) for key in lowest]
    assert sum(weights[key] for key in lowest) / len(lowest) >= 2 * sum(weights[key] for key in rest) / len(rest)
    keys = sorted(weights)
    assert _spearman([scores[key] for key in keys], [weights[key] for key in keys]) <= -0.7


def test_program_penunjang_is_belanja_penunjang_not_asta_cita_7(sample: tuple[SampleData, list[ScoreCard]]) -> None:
    _, cards = sample
    province = next(card for card in cards if card.pemda == "62" and card.pd is None)
    asta_cita = province.pagu_per_target["asta_cita"]
    total = sum(asta_cita.values())
    assert asta_cita["penunjang"] > 0
    assert asta_cita.get("AC7", 0) < asta_cita["penunjang"]
    assert province.scores["belanja_penunjang"].achieved == pytest.approx(float(asta_cita["penunjang"]))
    assert all(amount < total / 2 for label, amount in asta_cita.items() if label != "penunjang")

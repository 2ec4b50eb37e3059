"""Scores on a tiny province: one RPJMD, one PD with a Renja whose two programs are and are not linked."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import (
    ASTA_CITA_KEY,
    PROVINSI,
    YEAR,
    coded,
    data,
    indicator,
    link,
    pd,
    plan,
    strategic,
)

from selaras.checks.builtin import builtin_registry
from selaras.checks.findings import Finding, Location
from selaras.checks.run import CheckReport
from selaras.checks.thresholds import Thresholds
from selaras.domain import DocumentKind, IndicatorKind, ItemLevel, LinkKind
from selaras.scores import compute_scorecards
from selaras.scores.alignment import alignment_scores, alignment_units, pagu_per_target

REGISTRY = builtin_registry()
AGENCY = "1.02.01"


@pytest.fixture
def province():  # type: ignore[no-untyped-def]
    rpjmd = plan(
        DocumentKind.RPJMD,
        [
            strategic("M1", ItemLevel.MISI, "Meningkatkan kualitas SDM"),
            strategic("M1.T1.S1", ItemLevel.SASARAN, "Meningkatnya derajat kesehatan", parent="M1"),
        ],
    )
    rpjmd.links.append(link(rpjmd, "M1", ASTA_CITA_KEY, "AC4", kind=LinkKind.SUPPORTS))
    outcome = indicator("Persentase balita stunting", "%", kind=IndicatorKind.OUTCOME, targets={YEAR: "20"})
    renja = plan(
        DocumentKind.RENJA,
        [
            coded("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", indicators=[outcome], pagu={YEAR: "300"}),
            coded("1.02.02.2.02", "Penyediaan Layanan Kesehatan", pagu={YEAR: "300"}),
            coded("1.02.03", "PROGRAM PENINGKATAN KAPASITAS SDM KESEHATAN", pagu={YEAR: "100"}),
        ],
        pd=AGENCY,
    )
    renja.links.append(link(renja, "1.02.02", rpjmd, "M1.T1.S1"))
    return data(rpjmd, renja, pemda=[PROVINSI], agencies=[pd(AGENCY, "Dinas Kesehatan", "1.02")]), renja


def test_alignment_counts_budgeted_leaves_by_item_and_by_pagu(province) -> None:  # type: ignore[no-untyped-def]
    planning, renja = province
    units = alignment_units(planning, [renja], YEAR)
    assert sorted(unit.item.key for unit in units) == ["1.02.02.2.02", "1.02.03"]  # leaves only
    scores = alignment_scores(units, regional_targets=True)
    assert scores["keselarasan_daerah_item"].value == 50.0
    assert scores["keselarasan_daerah_pagu"].value == 75.0  # 300 of 400 reach the RPJMD sasaran
    assert scores["keselarasan_nasional_pagu"].value == 75.0  # through misi M1 → AC4
    assert scores["keselarasan"].value == 75.0  # the mean of the two pagu shares: money, not rows
    [unlinked] = scores["keselarasan_daerah_pagu"].lowered_by
    assert (unlinked.item, unlinked.weight) == ("1.02.03", 100.0)


def test_pagu_per_target_follows_the_links(province) -> None:  # type: ignore[no-untyped-def]
    planning, renja = province
    totals = pagu_per_target(planning, alignment_units(planning, [renja], YEAR))
    assert totals == {"asta_cita": {"AC4": Decimal(300)}, "pn": {}, "prioritas_daerah": {}}


def test_consistency_and_performance_are_lowered_by_findings_at_their_items(province) -> None:  # type: ignore[no-untyped-def]
    planning, renja = province
    key = renja.document.key
    findings = [
        Finding("SEL204", Location("62", key, "1.02.02", pd=AGENCY, indicator="Persentase balita stunting", year=YEAR)),
        Finding("SEL504", Location("62", key, "1.02.02", pd=AGENCY, indicator="Persentase balita stunting")),
    ]
    report = CheckReport(list(REGISTRY), findings)
    cards = compute_scorecards(planning, report, REGISTRY, year=YEAR, thresholds=Thresholds())
    assert [(card.pemda, card.pd) for card in cards] == [("62", None), ("62", AGENCY)]
    agency = cards[1].scores
    # program 1.02.02 (pagu 300) loses half to a peringatan; 1.02.03 (pagu 100) keeps all
    assert (agency["konsistensi"].achieved, agency["konsistensi"].total) == (250, 400)
    assert (agency["konsistensi"].lowered_by[0].item, agency["konsistensi"].lowered_by[0].weight) == ("1.02.02", 150)
    assert (agency["orientasi_kinerja"].achieved, agency["orientasi_kinerja"].total) == (0.5, 1)


def test_a_galat_costs_the_whole_program_and_a_document_finding_every_program(province) -> None:  # type: ignore[no-untyped-def]
    planning, renja = province
    key = renja.document.key
    galat = [Finding("SEL301", Location("62", key, "1.02.02.2.02", pd=AGENCY, year=YEAR))]
    report = CheckReport(list(REGISTRY), galat)
    agency = compute_scorecards(planning, report, REGISTRY, year=YEAR, thresholds=Thresholds())[1].scores
    assert agency["konsistensi"].value == 25.0  # 100 of 400 untouched
    whole = [Finding("SEL803", Location("62", key, "", pd=AGENCY))]
    agency = compute_scorecards(
        planning, CheckReport(list(REGISTRY), whole), REGISTRY, year=YEAR, thresholds=Thresholds()
    )[1].scores
    assert agency["konsistensi"].value == 0.0


def test_a_period_finding_on_the_rpjmd_or_rkpd_lowers_the_pemda_konsistensi(province) -> None:  # type: ignore[no-untyped-def]
    """SEL801/SEL804 have no item: on the pemda card a finding about the whole RPJMD lowers every Renstra
    program (same period), one about the RKPD every Renja program of its year; a PD card is not lowered (no
    PD answers for the RPJMD)."""
    planning, _ = province
    renstra = plan(
        DocumentKind.RENSTRA,
        [coded("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", pagu={YEAR: "500"})],
        pd=AGENCY,
    )
    rkpd = plan(DocumentKind.RKPD, [])
    planning = data(*planning.plans, renstra, rkpd, pemda=[PROVINSI], agencies=planning.perangkat_daerah)
    rpjmd = next(p for p in planning.plans if p.document.kind is DocumentKind.RPJMD)

    def konsistensi(*findings: Finding) -> list[tuple[float, float]]:
        report = CheckReport(list(REGISTRY), list(findings))
        cards = compute_scorecards(planning, report, REGISTRY, year=YEAR, thresholds=Thresholds())
        return [(card.scores["konsistensi"].achieved, card.scores["konsistensi"].total) for card in cards]

    assert konsistensi() == [(900, 900), (900, 900)]
    shifted = Finding("SEL801", Location("62", rpjmd.document.key))  # galat: the Renstra's 500 lost
    assert konsistensi(shifted) == [(400, 900), (900, 900)]
    late = Finding("SEL804", Location("62", rkpd.document.key))  # galat: the Renja's 300 + 100 lost
    assert konsistensi(late) == [(500, 900), (900, 900)]
    assert konsistensi(shifted, late) == [(0, 900), (900, 900)]
    report = CheckReport(list(REGISTRY), [shifted])
    pemda = compute_scorecards(planning, report, REGISTRY, year=YEAR, thresholds=Thresholds())[0].scores
    [contribution] = pemda["konsistensi"].lowered_by
    assert (contribution.document, contribution.item, contribution.weight) == (renstra.document.key, "1.02.02", 500)
    assert contribution.reason == "Periode RPJMD di luar RPJPD"


def test_program_penunjang_is_belanja_penunjang_not_a_target() -> None:
    rpjmd = plan(
        DocumentKind.RPJMD,
        [
            strategic("M1", ItemLevel.MISI, "Tata kelola"),
            strategic("M1.T1.S1", ItemLevel.SASARAN, "Tata kelola baik", parent="M1"),
        ],
    )
    rpjmd.links.append(link(rpjmd, "M1", ASTA_CITA_KEY, "AC7", kind=LinkKind.SUPPORTS))
    renja = plan(
        DocumentKind.RENJA,
        [
            coded("1.02.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", pagu={YEAR: "600"}),
            coded("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", pagu={YEAR: "400"}),
        ],
        pd=AGENCY,
    )
    renja.links += [link(renja, "1.02.01", rpjmd, "M1.T1.S1"), link(renja, "1.02.02", rpjmd, "M1.T1.S1")]
    planning = data(rpjmd, renja, pemda=[PROVINSI], agencies=[pd(AGENCY, "Dinas Kesehatan", "1.02")])
    units = alignment_units(planning, [renja], YEAR)
    assert pagu_per_target(planning, units)["asta_cita"] == {"AC7": Decimal(400), "penunjang": Decimal(600)}
    scores = alignment_scores(units, regional_targets=True)
    assert scores["keselarasan_nasional_pagu"].total == 400
    assert scores["belanja_penunjang"].value == 60.0


def test_a_score_with_nothing_to_measure_is_empty_not_zero(province) -> None:  # type: ignore[no-untyped-def]
    planning, _ = province
    cards = compute_scorecards(planning, CheckReport(list(REGISTRY)), REGISTRY, year=2030, thresholds=Thresholds())
    assert cards[0].scores["keselarasan"].value is None

"""Regional alignment needs the pemda's own RPJMD: without one it is not computed ("–" with the reason), never 0.

A province whose RPJMD and Renja align as usual, and a kota with a Renja (pagu 300 + 100) but no RPJMD of its own,
one program linked straight to Asta Cita 4: the kota's regional shares and headline keselarasan are None, its
national shares are computed, and every aggregate (the card's mean, the report's ranking, spread and medians)
leaves the None out instead of counting it as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from factories import ASTA_CITA_KEY, KOTA, PROVINSI, YEAR, coded, indicator, link, pd, plan, strategic

from selaras.checks.builtin import builtin_registry
from selaras.checks.data import PlanningData
from selaras.checks.run import CheckReport, run_checks
from selaras.checks.thresholds import CheckContext, Thresholds
from selaras.domain import DocumentKind, IndicatorKind, ItemLevel, LinkKind, Plan
from selaras.reference.frameworks import national_frameworks
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.reference.wilayah import PUSAT
from selaras.report.model import Paragraph, RakorReport, Table, build_report
from selaras.scores import ScoreCard, compute_scorecards
from selaras.scores.model import RPJMD_MISSING
from selaras.scores.serialize import scorecard_from_record, scorecard_record, scorecard_to_dict

AGENCY = "1.02.01"
REGIONAL = ("keselarasan", "keselarasan_daerah_item", "keselarasan_daerah_pagu")
REGISTRY = builtin_registry()


@dataclass
class World:
    data: PlanningData
    checks: CheckReport
    cards: list[ScoreCard]

    def card(self, pemda: str, pd: str | None = None) -> ScoreCard:
        [found] = [card for card in self.cards if (card.pemda, card.pd) == (pemda, pd)]
        return found

    def report(self, pemda: str = "62") -> RakorReport:
        return build_report(self.data, self.checks, self.cards, REGISTRY, pemda=pemda, year=YEAR, lang="id")


def _province_plans() -> list[Plan]:
    rpjmd = plan(
        DocumentKind.RPJMD,
        [
            strategic("M1", ItemLevel.MISI, "Meningkatkan kualitas SDM"),
            strategic("M1.T1.S1", ItemLevel.SASARAN, "Meningkatnya derajat kesehatan", parent="M1"),
        ],
    )
    rpjmd.links.append(link(rpjmd, "M1", ASTA_CITA_KEY, "AC4", kind=LinkKind.SUPPORTS))
    renja = plan(
        DocumentKind.RENJA,
        [
            coded("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", pagu={YEAR: "300"}),
            coded("1.02.03", "PROGRAM PENINGKATAN KAPASITAS SDM KESEHATAN", pagu={YEAR: "100"}),
        ],
        pd=AGENCY,
    )
    renja.links.append(link(renja, "1.02.02", rpjmd, "M1.T1.S1"))
    return [rpjmd, renja]


def _kota_renja() -> Plan:
    outcome = indicator("Persentase balita stunting", "%", kind=IndicatorKind.OUTCOME, targets={YEAR: "20"})
    renja = plan(
        DocumentKind.RENJA,
        [
            coded("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", indicators=[outcome], pagu={YEAR: "300"}),
            coded("1.02.03", "PROGRAM PENINGKATAN KAPASITAS SDM KESEHATAN", pagu={YEAR: "100"}),
        ],
        pemda=KOTA.kode,
        pd=AGENCY,
    )
    renja.links.append(link(renja, "1.02.02", ASTA_CITA_KEY, "AC4", kind=LinkKind.SUPPORTS))
    return renja


def _world(*kota_plans: Plan) -> World:
    agencies = [pd(AGENCY, "Dinas Kesehatan", "1.02"), pd(AGENCY, "Dinas Kesehatan Kota", "1.02", pemda=KOTA.kode)]
    plans = [*national_frameworks(), *_province_plans(), _kota_renja(), *kota_plans]
    data = PlanningData([PUSAT, PROVINSI, KOTA], agencies, plans)
    checks = run_checks(data, CheckContext(YEAR, bundled_nomenclature()), REGISTRY)
    return World(data, checks, compute_scorecards(data, checks, REGISTRY, year=YEAR, thresholds=Thresholds()))


def _kota_rpjmd(*items: tuple[str, ItemLevel]) -> Plan:
    return plan(DocumentKind.RPJMD, [strategic(key, level, f"Butir {key}") for key, level in items], pemda=KOTA.kode)


@pytest.fixture(scope="module")
def world() -> World:
    return _world()


def test_a_renja_without_an_rpjmd_has_no_regional_alignment_score(world: World) -> None:
    for card in (world.card(KOTA.kode), world.card(KOTA.kode, AGENCY)):
        for key in REGIONAL:
            found = card.scores[key]
            assert (found.value, found.unavailable, found.lowered_by) == (None, RPJMD_MISSING, ())
        assert card.scores["keselarasan_nasional_pagu"].value == 75.0  # Asta Cita is loaded: 300 of 400 reach it
        assert card.scores["keselarasan_nasional_pagu"].unavailable is None
    province = world.card("62").scores
    assert (province["keselarasan"].value, province["keselarasan"].unavailable) == (75.0, None)


def test_with_an_rpjmd_and_no_links_regional_alignment_is_zero() -> None:
    kota = _world(_kota_rpjmd(("M1", ItemLevel.MISI), ("M1.S1", ItemLevel.SASARAN))).card(KOTA.kode).scores
    assert (kota["keselarasan_daerah_pagu"].value, kota["keselarasan_daerah_pagu"].unavailable) == (0.0, None)
    assert kota["keselarasan"].value == 37.5  # the mean of 0 (regional) and 75 (national)
    assert [c.item for c in kota["keselarasan_daerah_pagu"].lowered_by] == ["1.02.02", "1.02.03"]


def test_an_rpjmd_without_sasaran_or_priority_is_nothing_to_link_to() -> None:
    kota = _world(_kota_rpjmd(("M1", ItemLevel.MISI))).card(KOTA.kode).scores
    assert kota["keselarasan"].unavailable == RPJMD_MISSING
    with_priority = _world(_kota_rpjmd(("P1", ItemLevel.PRIORITAS))).card(KOTA.kode).scores
    assert with_priority["keselarasan"].value == 37.5


def test_the_reason_travels_in_json_and_in_the_stored_record(world: World) -> None:
    card = world.card(KOTA.kode)
    shown = scorecard_to_dict(card)["scores"]
    assert shown["keselarasan"] == {  # type: ignore[index]
        "value": None,
        "achieved": 0.0,
        "total": 0.0,
        "lowered_by": [],
        "unavailable": RPJMD_MISSING,
    }
    assert shown["konsistensi"]["unavailable"] is None  # type: ignore[index]
    assert scorecard_from_record(scorecard_record(card)) == card


def test_a_score_not_computed_is_left_out_of_the_mean(world: World) -> None:
    card = world.card(KOTA.kode)
    rest = [card.scores[key].value for key in ("konsistensi", "orientasi_kinerja")]
    assert None not in rest
    assert card.overall == pytest.approx(sum(rest) / 2)  # type: ignore[arg-type]


def _table(report: RakorReport, title: str) -> Table:
    [found] = [table for _, table in report.tables() if table.title == title]
    return found


def _notes(blocks: list[object]) -> list[str]:
    return [item for block in blocks if isinstance(block, Paragraph) for item in block.items if "RPJMD" in item]


def test_the_report_shows_a_dash_says_why_and_ranks_without_it(world: World) -> None:
    report = world.report()
    headline = _table(report, "Skor utama per pemda")
    rows = {row[0]: row for row in headline.rows}
    assert rows[KOTA.kode][2] is None and rows["62"][2] == 75.0
    assert report.snapshot.scores[KOTA.kode]["keselarasan"] is None
    expected = "Keselarasan Kota Palangkaraya: tidak dihitung: RPJMD belum dimuat"
    for blocks in (report.sections[0].blocks, report.front.blocks):  # section 1 and page 1
        [note] = _notes(blocks)
        assert note.startswith(expected)
    spread = {row[0]: row for row in _table(report, "Skor utama dan sebarannya di kab/kota").rows}
    assert spread["Keselarasan"][1:] == (75.0, None, "–", "–")  # no kab/kota value: no median, not 0
    assert spread["Konsistensi"][2] == world.card(KOTA.kode).scores["konsistensi"].value
    ranking = _table(
        report, "Peringkat kab/kota menurut rata-rata skor utama, dengan perubahan sejak laporan sebelumnya"
    )
    [kota] = ranking.rows
    assert (kota[0], kota[3]) == (1, round(world.card(KOTA.kode).overall or 0, 1))


def test_the_kota_report_card_explains_the_missing_score(world: World) -> None:
    report = world.report(KOTA.kode)
    scores = _table(report, "Skor")
    rows = {row[0]: row for row in scores.rows}
    assert rows["Keselarasan"][1] is None
    assert str(rows["Keselarasan"][2]).startswith("tidak dihitung: RPJMD belum dimuat")
    assert rows["Selaras nasional (pagu)"][1] == 75.0
    [cards] = [section for section in report.sections if section.key == "kartu"]
    actions = [item for card in cards.subsections for block in card.blocks for item in getattr(block, "items", ())]
    assert not any("sasaran/prioritas RPJMD" in action for action in actions)  # nothing to link to: no such action
    assert any("Asta Cita" in action for action in actions)

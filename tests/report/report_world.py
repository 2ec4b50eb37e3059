"""A tiny province for the report tests: one RPJMD (misi → Asta Cita 4, a sasaran, an unfunded priority),
one PD whose Renja has a linked and an unlinked program, and a kota without plans."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from factories import ASTA_CITA_KEY, KOTA, PROVINSI, YEAR, coded, indicator, link, pd, plan, strategic

from selaras.checks.builtin import builtin_registry
from selaras.checks.data import PlanningData
from selaras.checks.run import CheckReport, run_checks
from selaras.checks.thresholds import CheckContext, Thresholds
from selaras.domain import DocumentKind, IndicatorKind, ItemLevel, LinkKind
from selaras.reference.frameworks import national_frameworks
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.reference.wilayah import PUSAT
from selaras.report.model import RakorReport, build_report
from selaras.scores import ScoreCard, compute_scorecards

AGENCY = "1.02.01"
LINKED_PAGU = "1500000000"
UNLINKED_PAGU = "500000000"


@dataclass
class Small:
    data: PlanningData
    checks: CheckReport
    cards: list[ScoreCard]

    def report(self, lang: str = "id", **options: object) -> RakorReport:
        return build_report(
            self.data,
            self.checks,
            self.cards,
            builtin_registry(),
            pemda="62",
            year=YEAR,
            lang=lang,
            generated="2026-03-01",
            **options,  # type: ignore[arg-type]
        )


@pytest.fixture(scope="session")
def small() -> Small:
    rpjmd = plan(
        DocumentKind.RPJMD,
        [
            strategic("M1", ItemLevel.MISI, "Meningkatkan kualitas SDM"),
            strategic("M1.T1", ItemLevel.TUJUAN, "Meningkatkan kualitas hidup", parent="M1"),
            strategic("M1.T1.S1", ItemLevel.SASARAN, "Meningkatnya derajat kesehatan", parent="M1.T1"),
            strategic("P1", ItemLevel.PRIORITAS, "Pengembangan kawasan sentra pangan"),
        ],
    )
    rpjmd.links.append(link(rpjmd, "M1", ASTA_CITA_KEY, "AC4", kind=LinkKind.SUPPORTS))
    outcome = indicator("Persentase balita stunting", "%", kind=IndicatorKind.OUTCOME, targets={YEAR: "20"})
    renja = plan(
        DocumentKind.RENJA,
        [
            coded("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", indicators=[outcome], pagu={YEAR: LINKED_PAGU}),
            coded("1.02.02.2.02", "Penyediaan Layanan Kesehatan", pagu={YEAR: LINKED_PAGU}),
            coded("1.02.03", "PROGRAM PENINGKATAN KAPASITAS SDM KESEHATAN", pagu={YEAR: UNLINKED_PAGU}),
        ],
        pd=AGENCY,
    )
    renja.links.append(link(renja, "1.02.02", rpjmd, "M1.T1.S1"))
    data = PlanningData(
        [PUSAT, PROVINSI, KOTA],
        [pd(AGENCY, "Dinas Kesehatan Provinsi dengan Nama yang Sangat Panjang untuk Diuji", "1.02")],
        [*national_frameworks(), rpjmd, renja],
    )
    registry = builtin_registry()
    checks = run_checks(data, CheckContext(YEAR, bundled_nomenclature()), registry)
    cards = compute_scorecards(data, checks, registry, year=YEAR, thresholds=Thresholds())
    return Small(data, checks, cards)

"""All the rules on the real Kab. Buru 2024 Rekap: what a Bappeda sees after importing it.

The Rekap lists the same sub kegiatan under several sub units of one SKPD (Puskesmas of a Dinas Kesehatan),
uses codes of the nomenclature that was in force in 2024, and carries no indicators: none of that is a defect.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from selaras.checks.builtin import builtin_registry
from selaras.checks.data import PlanningData
from selaras.checks.run import run_checks
from selaras.checks.thresholds import CheckContext
from selaras.domain import Document, DocumentKind, ItemLevel, Pemda, PemdaLevel, PerangkatDaerah, Period
from selaras.ingest.flat import read_flat
from selaras.reference.nomenclature_versions import bundled_versions, nomenclature_in_force

REKAP = Path(__file__).parent.parent / "data" / "sipd-kab-buru-2024" / "rekap_2024.xlsx"
BURU = Pemda("81.04", "Kabupaten Buru", PemdaLevel.KABUPATEN, "81")


def test_the_rekap_raises_no_sub_unit_duplicates_and_few_unknown_codes() -> None:
    document = Document(DocumentKind.APBD, BURU.kode, Period(2024, 2024), version="murni")
    sections, _ = read_flat(REKAP, document=document, nomenclature=nomenclature_in_force(2024), jenis="kabupaten_kota")
    plans, agencies = [], []
    for section in sections:
        assert section.skpd is not None
        section.plan.document = Document(DocumentKind.APBD, BURU.kode, Period(2024, 2024), pd=section.skpd.kode)
        plans.append(section.plan)
        agencies.append(
            PerangkatDaerah(BURU.kode, section.skpd.kode, section.skpd.nama, "", section.skpd.bidang_urusan)
        )
    report = run_checks(
        PlanningData([BURU], agencies, plans), CheckContext(2024, bundled_versions()), builtin_registry()
    )
    by_rule = Counter(finding.code for finding in report.findings)
    sub_kegiatan = sum(plan.level_counts()[ItemLevel.SUB_KEGIATAN.value] for plan in plans)
    assert sub_kegiatan == 2191
    assert by_rule["SEL601"] == 0  # the same code under two sub units of one SKPD is not duplicated work
    assert 0 < by_rule["SEL401"] < 0.01 * sub_kegiatan
    assert by_rule["SEL405"] == 0  # a Rekap has no indicators to compare with the standard ones
    assert by_rule["SEL303"] == 0  # nor are its sub kegiatan without indicators one finding each ...
    assert by_rule["SEL309"] == len(plans)  # ... but one info per SKPD, since no Renja is loaded
    assert by_rule["SEL308"] == 0  # SIPD's kegiatan pagu is the sum of its sub kegiatan

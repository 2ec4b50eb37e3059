"""Consistency rules: Renstra ↔ Renja ↔ RKPD, and RPJMD ↔ Renstra programs."""

from __future__ import annotations

from decimal import Decimal

from factories import coded, data, indicator, plan, rkpd_coded, run_rendered

from selaras.checks.findings import Location
from selaras.checks.rules.consistency import (
    renja_item_not_in_renstra,
    renja_pagu_exceeds_renstra,
    renja_target_differs,
    renstra_program_missing_in_renja,
    renstra_program_not_in_rpjmd,
    rkpd_program_pagu_differs,
    rkpd_total_differs,
    satuan_mismatch,
)
from selaras.domain import DocumentKind, Item, Plan

PD = "1.02.01"
PROGRAM, KEGIATAN, SUB = "1.02.02", "1.02.02.2.02", "1.02.02.2.02.0001"
MEASURE = "Jumlah dokumen perencanaan"


def _items(*, satuan: str = "Dokumen", target: str = "3", pagu: str = "100", name: str = MEASURE) -> list[Item]:
    measure = indicator(name, satuan, targets={2025: "2", 2026: target})
    return [
        coded(PROGRAM, "Program Pemenuhan Upaya Kesehatan", indicators=[measure], pagu={2026: pagu}),
        coded(KEGIATAN, "Penyediaan Layanan Kesehatan", indicators=[measure], pagu={2026: pagu}),
        coded(SUB, "Pengelolaan Pelayanan Kesehatan", indicators=[measure], pagu={2026: pagu}),
    ]


def _renstra(**changes: str) -> Plan:
    return plan(DocumentKind.RENSTRA, _items(**changes), pd=PD)


def _renja(**changes: str) -> Plan:
    return plan(DocumentKind.RENJA, _items(**changes), pd=PD)


def test_consistent_renja_and_renstra_give_no_finding() -> None:
    planning = data(_renstra(), _renja())
    for rule in (
        renja_item_not_in_renstra,
        renstra_program_missing_in_renja,
        satuan_mismatch,
        renja_target_differs,
        renja_pagu_exceeds_renstra,
    ):
        assert run_rendered(rule, planning) == [], rule.__name__


def test_renja_item_not_in_renstra_reports_the_highest_missing_item() -> None:
    renja = _renja()
    renja.items.append(coded("1.02.03", "Program Peningkatan Kapasitas SDM Kesehatan", pagu={2026: "5"}))
    renja.items.append(coded("1.02.03.2.01", "Perencanaan Kebutuhan SDM Kesehatan", pagu={2026: "5"}))
    findings = run_rendered(renja_item_not_in_renstra, data(_renstra(), renja))
    assert [(f.code, f.location) for f in findings] == [
        ("SEL201", Location("62", renja.document.key, "1.02.03", pd=PD, code="1.02.03"))
    ]
    assert findings[0].evidence["year"] == 2026


def test_renstra_program_missing_in_renja_only_when_budgeted_for_that_year() -> None:
    renstra = _renstra()
    renstra.items.append(coded("1.02.03", "Program Peningkatan Kapasitas SDM Kesehatan", pagu={2026: "7"}))
    renstra.items.append(coded("1.02.04", "Program Sediaan Farmasi", pagu={2028: "7"}))
    renstra.items.append(coded("1.02.02.2.02.0002", "Pengelolaan Pelayanan Kesehatan Anak", pagu={2026: "7"}))
    findings = run_rendered(renstra_program_missing_in_renja, data(renstra, _renja()))
    assert [(f.code, f.location) for f in findings] == [
        ("SEL202", Location("62", renstra.document.key, "1.02.03", pd=PD, code="1.02.03", year=2026))
    ]
    assert findings[0].evidence["pagu"] == Decimal("7")


def test_satuan_mismatch_on_an_indicator_matched_by_fuzzy_name() -> None:
    renja = _renja(satuan="Laporan", name="Jumlah dokumen perencanaan disusun")
    findings = run_rendered(satuan_mismatch, data(_renstra(), renja))
    assert len(findings) == 3
    assert findings[2].code == "SEL203"
    assert findings[2].location == Location(
        "62", renja.document.key, SUB, pd=PD, code=SUB, indicator="Jumlah dokumen perencanaan disusun"
    )
    assert findings[2].evidence == {
        "code": SUB,
        "indicator": "Jumlah dokumen perencanaan disusun",
        "renja": "Laporan",
        "renstra": "Dokumen",
    }


def test_satuan_not_compared_for_indicators_with_unrelated_names() -> None:
    renja = _renja(satuan="Orang", name="Jumlah tenaga kesehatan terlatih")
    assert run_rendered(satuan_mismatch, data(_renstra(), renja)) == []


def test_renja_target_differs_beyond_tolerance() -> None:
    renja = _renja(target="4")
    findings = run_rendered(renja_target_differs, data(_renstra(), renja))
    sub = [f for f in findings if f.location.item == SUB]
    assert [f.code for f in sub] == ["SEL204"]
    assert sub[0].location == Location("62", renja.document.key, SUB, pd=PD, code=SUB, indicator=MEASURE, year=2026)
    assert sub[0].evidence == {
        "code": SUB,
        "indicator": MEASURE,
        "renja": Decimal("4"),
        "renstra": Decimal("3"),
        "year": 2026,
        "satuan": "Dokumen",
    }
    assert run_rendered(renja_target_differs, data(_renstra(target="100"), _renja(target="100.5"))) == []  # within 1%


def test_renja_pagu_exceeds_renstra_reports_the_deepest_item() -> None:
    renja = _renja()
    renja.items[2] = coded(SUB, "Pengelolaan Pelayanan Kesehatan", indicators=[indicator()], pagu={2026: "150"})
    renja.items[1] = coded(KEGIATAN, "Penyediaan Layanan Kesehatan", indicators=[indicator()], pagu={2026: "150"})
    findings = run_rendered(renja_pagu_exceeds_renstra, data(_renstra(), renja))
    assert [(f.code, f.location) for f in findings] == [
        ("SEL205", Location("62", renja.document.key, SUB, pd=PD, code=SUB, year=2026))
    ]
    assert findings[0].evidence == {
        "code": SUB,
        "renja": Decimal("150"),
        "renstra": Decimal("100"),
        "selisih": Decimal("50"),
        "year": 2026,
    }
    assert run_rendered(renja_pagu_exceeds_renstra, data(_renstra(), renja), pagu_tolerance=Decimal("0.5")) == []


def _rkpd(pagu: str) -> Plan:
    return plan(DocumentKind.RKPD, [rkpd_coded(PD, PROGRAM, "Program Pemenuhan Upaya Kesehatan", pagu={2026: pagu})])


def test_rkpd_program_pagu_differs_from_the_pd_renja() -> None:
    rkpd = _rkpd("120")
    findings = run_rendered(rkpd_program_pagu_differs, data(rkpd, _renja()))
    assert [(f.code, f.location) for f in findings] == [
        ("SEL206", Location("62", rkpd.document.key, f"{PD}/{PROGRAM}", pd=PD, code=PROGRAM, year=2026))
    ]
    assert findings[0].evidence == {
        "code": PROGRAM,
        "rkpd": Decimal("120"),
        "renja": Decimal("100"),
        "year": 2026,
        "pd": PD,
    }
    assert run_rendered(rkpd_program_pagu_differs, data(_rkpd("100"), _renja())) == []


def test_rkpd_total_differs_from_all_renja() -> None:
    other = plan(
        DocumentKind.RENJA, [coded("2.17.02", "Program Pengelolaan Pendapatan", pagu={2026: "30"})], pd="2.17.01"
    )
    rkpd = _rkpd("100")
    findings = run_rendered(rkpd_total_differs, data(rkpd, _renja(), other))
    assert [(f.code, f.location) for f in findings] == [("SEL207", Location("62", rkpd.document.key, year=2026))]
    assert findings[0].evidence["renja"] == Decimal("130")
    assert run_rendered(rkpd_total_differs, data(rkpd, _renja())) == []


def test_renstra_program_not_in_rpjmd_only_when_the_rpjmd_lists_programs() -> None:
    renstra = _renstra()
    listed = plan(DocumentKind.RPJMD, [coded("1.02.03", "Program Peningkatan Kapasitas SDM Kesehatan")])
    findings = run_rendered(renstra_program_not_in_rpjmd, data(listed, renstra))
    assert [(f.code, f.location) for f in findings] == [
        ("SEL208", Location("62", renstra.document.key, PROGRAM, pd=PD, code=PROGRAM))
    ]
    assert run_rendered(renstra_program_not_in_rpjmd, data(plan(DocumentKind.RPJMD, []), renstra)) == []
    penunjang = plan(DocumentKind.RENSTRA, [coded("1.02.01", "Program Penunjang")], pd=PD)
    placeholder = plan(DocumentKind.RPJMD, [coded("X.XX.01", "Program Penunjang")])
    assert run_rendered(renstra_program_not_in_rpjmd, data(placeholder, penunjang)) == []


def _penunjang(prefix: str, *, pagu: str, target: str) -> list[Item]:
    """Program penunjang, one kegiatan and one sub kegiatan under bidang ``prefix`` (``X.XX`` or ``1.02``)."""
    measure = indicator("Jumlah dokumen perencanaan perangkat daerah", targets={2026: target})
    return [
        coded(f"{prefix}.01", "Program Penunjang Urusan Pemerintahan Daerah", indicators=[measure], pagu={2026: pagu}),
        coded(f"{prefix}.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja", pagu={2026: pagu}),
        coded(
            f"{prefix}.01.2.01.0001",
            "Penyusunan Dokumen Perencanaan Perangkat Daerah",
            indicators=[measure],
            pagu={2026: pagu},
        ),
    ]


def test_program_penunjang_written_x_xx_in_the_renstra_is_the_renja_s_own_program() -> None:
    renstra = plan(DocumentKind.RENSTRA, _penunjang("X.XX", pagu="100", target="3"), pd=PD)
    same = plan(DocumentKind.RENJA, _penunjang("1.02", pagu="100", target="3"), pd=PD)
    assert run_rendered(renja_item_not_in_renstra, data(renstra, same)) == []
    assert run_rendered(renstra_program_missing_in_renja, data(renstra, same)) == []
    # Compared, not ignored: the Renja's target and pagu are held against the Renstra's.
    different = plan(DocumentKind.RENJA, _penunjang("1.02", pagu="150", target="5"), pd=PD)
    over = run_rendered(renja_pagu_exceeds_renstra, data(renstra, different))
    assert [(f.code, f.location.item) for f in over] == [("SEL205", "1.02.01.2.01.0001")]
    targets = run_rendered(renja_target_differs, data(renstra, different))
    assert [(f.location.item, f.evidence["renstra"]) for f in targets] == [
        ("1.02.01", Decimal(3)),
        ("1.02.01.2.01.0001", Decimal(3)),
    ]

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from factories import PROVINSI, RPJMD_PERIOD, YEAR, coded, data, indicator, pd, plan, run_rendered

from selaras.checks.findings import Location
from selaras.checks.registry import registry
from selaras.checks.rules import efficiency
from selaras.domain import DocumentKind, Plan

DINKES, RSUD, BPBD = "1.02.01", "1.02.02", "1.05.01"
AGENCIES = [pd(DINKES, "Dinas Kesehatan", "1.02"), pd(RSUD, "RSUD dr. Doris Sylvanus", "1.02"), pd(BPBD, "BPBD")]
KIA = "1.02.02.1.02.0003"  # Pengelolaan Pelayanan Kesehatan Ibu dan Anak (provinsi)


def renja(pd_kode: str, *subs: tuple[str, str], pemda: str = "62") -> Plan:
    return plan(DocumentKind.RENJA, [coded(code, text) for code, text in subs], pd=pd_kode, pemda=pemda)


def test_same_sub_kegiatan_code_in_two_pd_is_flagged_in_each_renja() -> None:
    first = renja(DINKES, (KIA, "Pengelolaan Pelayanan Kesehatan Ibu dan Anak"))
    second = renja(RSUD, (KIA, "Pelayanan Kesehatan Ibu dan Anak"))
    findings = run_rendered(efficiency.duplicate_sub_kegiatan, data(first, second, agencies=AGENCIES))
    assert [finding.code for finding in findings] == ["SEL601", "SEL601"]
    assert [finding.location for finding in findings] == [
        Location("62", first.document.key, KIA, DINKES, KIA),
        Location("62", second.document.key, KIA, RSUD, KIA),
    ]
    assert findings[1].evidence["other_pd"] == DINKES
    assert findings[1].evidence["other_pd_name"] == "Dinas Kesehatan"
    assert findings[1].evidence["other_document"] == first.document.key
    assert findings[0].evidence["other_pd_name"] == "RSUD dr. Doris Sylvanus"
    assert findings[0].evidence["match"] == "kode"


def test_duplicates_in_the_renstra_are_found_too() -> None:
    first = plan(DocumentKind.RENSTRA, [coded(KIA, "Kesehatan Ibu dan Anak")], pd=DINKES)
    second = plan(DocumentKind.RENSTRA, [coded(KIA, "Kesehatan Ibu dan Anak")], pd=RSUD)
    findings = run_rendered(efficiency.duplicate_sub_kegiatan, data(first, second, agencies=AGENCIES))
    assert {finding.location.document for finding in findings} == {first.document.key, second.document.key}


def test_three_pd_with_one_code_give_two_findings_per_pair() -> None:
    plans = [renja(kode, (KIA, "Kesehatan Ibu dan Anak")) for kode in (DINKES, RSUD, BPBD)]
    findings = run_rendered(efficiency.duplicate_sub_kegiatan, data(*plans, agencies=AGENCIES))
    assert [(f.location.pd, f.evidence["other_pd"]) for f in findings] == [
        (DINKES, RSUD),
        (RSUD, DINKES),
        (DINKES, BPBD),
        (BPBD, DINKES),
        (RSUD, BPBD),
        (BPBD, RSUD),
    ]


def test_penunjang_kecamatan_other_pemda_and_same_pd_are_not_duplicates() -> None:
    penunjang = ("1.02.01.1.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah")
    kecamatan = ("7.01.02.2.01.0001", "Penyelenggaraan Pemerintahan Kecamatan")
    plans = [
        renja(DINKES, penunjang, kecamatan, (KIA, "Kesehatan Ibu dan Anak")),
        renja(RSUD, penunjang, kecamatan),
        renja(DINKES, (KIA, "Kesehatan Ibu dan Anak"), pemda="62.71"),
    ]
    assert run_rendered(efficiency.duplicate_sub_kegiatan, data(*plans, agencies=AGENCIES)) == []


def test_near_identical_name_under_another_code_is_flagged() -> None:
    first = renja(DINKES, (KIA, "Pengelolaan Pelayanan Kesehatan Ibu dan Anak"))
    second = renja(RSUD, ("1.02.02.1.02.0002", "Pengelolaan pelayanan kesehatan ibu dan anak."))
    _, finding = run_rendered(efficiency.duplicate_sub_kegiatan, data(first, second, agencies=AGENCIES))
    assert (finding.location.document, finding.location.code) == (second.document.key, "1.02.02.1.02.0002")
    assert (finding.evidence["match"], finding.evidence["other_code"]) == ("nama", KIA)


def test_names_alike_in_the_nomenclature_itself_are_different_work() -> None:
    first = renja(DINKES, ("1.01.02.1.01.0005", "Pembangunan Ruang Laboratorium Fisika"))
    second = renja(RSUD, ("1.01.02.1.01.0006", "Pembangunan Ruang Laboratorium Kimia"))
    assert run_rendered(efficiency.duplicate_sub_kegiatan, data(first, second, agencies=AGENCIES)) == []


SUB = "1.02.02.2.02.0001"
MEASURE = "Jumlah ibu hamil yang mendapatkan pelayanan"


def costing(pemda: str, pagu: str, *, target: str = "100", satuan: str = "Orang") -> Plan:
    measure = indicator(MEASURE, satuan, targets={YEAR: target})
    item = coded(SUB, "Pelayanan Kesehatan Ibu Hamil", indicators=[measure], pagu={YEAR: pagu})
    return plan(DocumentKind.RENJA, [item], pd=DINKES, pemda=pemda)


def peers(*pagu: str) -> list[Plan]:
    return [costing(f"62.0{number}", amount) for number, amount in enumerate(pagu, start=1)]


def test_unit_cost_far_above_the_median_is_flagged() -> None:
    plans = peers("90000000", "95000000", "100000000", "105000000", "110000000", "500000000")
    [finding] = run_rendered(efficiency.unit_cost_outlier, data(*plans, pemda=[PROVINSI]))
    assert finding.code == "SEL602"
    assert finding.location == Location("62.06", plans[-1].document.key, SUB, DINKES, SUB, MEASURE)
    assert finding.evidence["unit_cost"] == Decimal("5000000.00")
    assert finding.evidence["median"] == Decimal("1025000.00")
    assert finding.evidence["peers"] == 6
    assert finding.evidence["z"] == 35.75


def test_unit_costs_within_range_too_few_peers_or_another_satuan_are_not_flagged() -> None:
    normal = peers("90000000", "95000000", "100000000", "105000000", "110000000", "120000000")
    assert run_rendered(efficiency.unit_cost_outlier, data(*normal)) == []
    few = peers("100000000", "500000000")
    assert run_rendered(efficiency.unit_cost_outlier, data(*few)) == []
    other_unit = [*peers("90000000", "95000000", "100000000", "105000000", "110000000")]
    other_unit.append(costing("62.09", "500000000", satuan="Keluarga"))
    assert run_rendered(efficiency.unit_cost_outlier, data(*other_unit)) == []
    assert (
        run_rendered(efficiency.unit_cost_outlier, data(*peers(*["100000000"] * 5, "500000000")), year=YEAR + 1) == []
    )


def test_identical_peers_flag_only_a_value_half_again_above_the_median() -> None:
    slightly = peers(*["100000000"] * 5, "140000000")
    assert run_rendered(efficiency.unit_cost_outlier, data(*slightly)) == []
    [finding] = run_rendered(efficiency.unit_cost_outlier, data(*peers(*["100000000"] * 5, "200000000")))
    assert (finding.evidence["z"], finding.evidence["ratio"]) == (None, Decimal("2.00"))


def test_tight_peers_do_not_make_a_modest_difference_an_outlier() -> None:
    tight = peers("100000000", "101000000", "99000000", "100000000", "102000000", "98000000", "130000000")
    assert run_rendered(efficiency.unit_cost_outlier, data(*tight)) == []


def test_renstra_unit_costs_are_compared_among_renstra() -> None:
    renstra = [
        replace(p, document=replace(p.document, kind=DocumentKind.RENSTRA, period=RPJMD_PERIOD))
        for p in peers("90000000", "95000000", "100000000", "105000000", "110000000", "500000000")
    ]
    [finding] = run_rendered(efficiency.unit_cost_outlier, data(*renstra))
    assert finding.location.document == "62.06/RENSTRA/1.02.01/2025-2029/final"


def test_unit_cost_never_divides_by_a_percentage_and_uses_a_countable_indicator() -> None:
    coverage = [
        costing(f"62.0{number}", amount, target="100", satuan="%")
        for number, amount in enumerate(["100000000"] * 5 + ["900000000"], start=1)
    ]
    assert run_rendered(efficiency.unit_cost_outlier, data(*coverage)) == []
    # The same plans with a countable second indicator: its target prices the work.
    for costed in coverage:
        costed.items[0].indicators.append(indicator("Jumlah ibu hamil dilayani", "Orang", targets={YEAR: "100"}))
    [finding] = run_rendered(efficiency.unit_cost_outlier, data(*coverage))
    assert (finding.location.pemda, finding.evidence["satuan"]) == ("62.06", "Orang")


def test_unit_cost_not_computable_is_one_info_per_document() -> None:
    only_share = costing("62.01", "100000000", satuan="Persen")
    only_share.items.append(
        coded(
            "1.02.02.2.01.0002",
            "Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
            indicators=[indicator("Indeks kepuasan", "Indeks", targets={YEAR: "80"})],
            pagu={YEAR: "50000000"},
        )
    )
    [finding] = run_rendered(efficiency.unit_cost_not_computable, data(only_share, costing("62.02", "100000000")))
    assert finding.location == Location("62.01", only_share.document.key, pd=DINKES, year=YEAR)
    assert finding.evidence["count"] == 2
    assert finding.evidence["kind"] == "Renja"


def test_counts_things() -> None:
    assert [efficiency.counts_things(s) for s in ("Orang", "Km", "Dokumen", "Unit", "Paket")] == [True] * 5
    assert [efficiency.counts_things(s) for s in ("%", "Persen", "Indeks", "Rupiah", "Rp", "", "per 1000 KH")] == [
        False
    ] * 7


def test_the_message_names_the_document_kind_and_why_the_two_look_alike() -> None:
    first = plan(DocumentKind.RENSTRA, [coded(KIA, "Kesehatan Ibu dan Anak")], pd=DINKES)
    second = plan(DocumentKind.RENSTRA, [coded(KIA, "Pelayanan Kesehatan Ibu dan Anak")], pd=RSUD)
    finding, _ = run_rendered(efficiency.duplicate_sub_kegiatan, data(first, second, agencies=AGENCIES))
    message, _ = registry.get("SEL601").render(finding)
    assert message == (
        f'Sub kegiatan {KIA} "Kesehatan Ibu dan Anak" juga ada di Renstra RSUD dr. Doris Sylvanus ({KIA} '
        '"Pelayanan Kesehatan Ibu dan Anak"): sama menurut kode, kemiripan nama 81 %.'
    )


def test_sub_units_of_one_skpd_never_duplicate_each_other() -> None:
    dinkes, puskesmas = "1.02.0.00.0.00.01.0000", "1.02.0.00.0.00.01.0003"
    work = (KIA, "Pengelolaan Pelayanan Kesehatan Ibu dan Anak")
    same_skpd = [renja(dinkes, work), renja(puskesmas, work)]
    assert run_rendered(efficiency.duplicate_sub_kegiatan, data(*same_skpd)) == []
    in_one_document = renja(dinkes, work)
    twice = coded(KIA, work[1])
    twice.key, twice.unit = f"1.02.0.00.0.00.01.0003/{KIA}", "1.02.0.00.0.00.01.0003"
    in_one_document.items.append(twice)
    assert run_rendered(efficiency.duplicate_sub_kegiatan, data(in_one_document)) == []
    other_skpd = [renja(dinkes, work), renja("1.02.0.00.0.00.02.0000", work)]
    assert len(run_rendered(efficiency.duplicate_sub_kegiatan, data(*other_skpd))) == 2

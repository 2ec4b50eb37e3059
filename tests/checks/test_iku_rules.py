from __future__ import annotations

from factories import KABUPATEN, KOTA, PROVINSI, data, iku_item, link, pd, plan, run_rendered

from selaras.checks.data import PlanningData
from selaras.checks.findings import Location
from selaras.checks.iku_matrix import SyncStatus, iku_sync_matrix, satuan_key
from selaras.checks.rules import iku
from selaras.domain import Direction, DocumentKind, Item, LinkKind, Plan

STUNTING = "Persentase balita stunting"
FALLING = {"baseline": "20", "direction": Direction.TURUN, "targets": {2025: "18", 2026: "16", 2027: "14"}}
AGENCIES = [
    pd("1.02.01", "Dinas Kesehatan Provinsi", "1.02"),
    pd("1.02.01", "Dinas Kesehatan Kota", "1.02", pemda=KOTA.kode),
    pd("2.07.01", "Dinas Tenaga Kerja", "2.07", pemda=KABUPATEN.kode),
]


def provincial() -> Plan:
    return plan(DocumentKind.IKU, [iku_item(1, STUNTING, "%", **FALLING)], pd="1.02.01")


def kota_iku(*items: Item) -> Plan:
    return plan(DocumentKind.IKU, list(items), pd="1.02.01", pemda=KOTA.kode)


def planning(*plans: Plan) -> PlanningData:
    return data(*plans, pemda=[PROVINSI, KABUPATEN, KOTA], agencies=AGENCIES)


def test_provincial_iku_absent_in_the_counterpart_pd_is_flagged_for_that_kabkota() -> None:
    province = provincial()
    kota = kota_iku(iku_item(1, "Angka kematian ibu", "Per 100.000 KH"))
    [finding] = run_rendered(iku.iku_missing, planning(province, kota))
    assert finding.code == "SEL701"
    assert finding.location == Location(KOTA.kode, kota.document.key, "IKU1", "1.02.01", indicator=STUNTING)
    assert finding.evidence["kabkota_name"] == "Kota Palangkaraya"
    assert finding.evidence["provinsi_document"] == province.document.key


def test_missing_iku_of_a_pd_without_iku_document_points_where_it_should_be() -> None:
    [finding] = run_rendered(iku.iku_missing, planning(provincial()))
    assert finding.location.document == "62.71/IKU/1.02.01/2025-2029/final"


def test_iku_matched_by_name_or_by_accepted_link_is_not_missing() -> None:
    province = provincial()
    by_name = kota_iku(iku_item(1, "Persentase Balita Stunting.", "%", **FALLING))
    assert run_rendered(iku.iku_missing, planning(province, by_name)) == []
    renamed = kota_iku(iku_item(3, "Prevalensi stunting pada anak bawah dua tahun", "%", **FALLING))
    renamed.links.append(link(renamed, "IKU3", province, "IKU1", kind=LinkKind.SAME_AS))
    assert run_rendered(iku.iku_missing, planning(province, renamed)) == []


def test_differing_satuan_is_flagged_at_the_kabkota_iku() -> None:
    province = provincial()
    kota = kota_iku(iku_item(2, STUNTING, "Balita", **FALLING))
    [finding] = run_rendered(iku.iku_satuan_mismatch, planning(province, kota))
    assert finding.code == "SEL702"
    assert finding.location == Location(KOTA.kode, kota.document.key, "IKU2", "1.02.01", indicator=STUNTING)
    assert (finding.evidence["satuan"], finding.evidence["provinsi_satuan"]) == ("Balita", "%")
    assert finding.evidence["provinsi_item"] == "IKU1"


def test_percent_written_differently_is_the_same_satuan() -> None:
    kota = kota_iku(iku_item(2, STUNTING, "Persen", **FALLING))
    assert run_rendered(iku.iku_satuan_mismatch, planning(provincial(), kota)) == []
    assert satuan_key("%") == satuan_key(" persen ") != satuan_key("Orang")


def test_opposite_declared_direction_or_trend_is_flagged() -> None:
    province = provincial()
    declared = kota_iku(iku_item(2, STUNTING, "%", direction=Direction.NAIK, targets={2025: "18", 2026: "16"}))
    [finding] = run_rendered(iku.iku_direction_opposite, planning(province, declared))
    assert finding.code == "SEL703"
    assert finding.location == Location(KOTA.kode, declared.document.key, "IKU2", "1.02.01", indicator=STUNTING)
    assert (finding.evidence["direction"], finding.evidence["provinsi_direction"]) == ("naik", "turun")
    rising = kota_iku(iku_item(2, STUNTING, "%", baseline="12", direction=Direction.TURUN, targets={2027: "15"}))
    assert len(run_rendered(iku.iku_direction_opposite, planning(province, rising))) == 1


def test_same_direction_and_trend_is_not_flagged() -> None:
    kota = kota_iku(iku_item(2, STUNTING, "%", baseline="15", direction=Direction.TURUN, targets={2027: "10"}))
    assert run_rendered(iku.iku_direction_opposite, planning(provincial(), kota)) == []


def test_sync_matrix_gives_a_status_per_kabkota() -> None:
    province = plan(
        DocumentKind.IKU,
        [iku_item(1, STUNTING, "%", **FALLING), iku_item(2, "Angka kematian ibu", "Per 100.000 KH")],
        pd="1.02.01",
    )
    kota = kota_iku(iku_item(1, STUNTING, "%", **FALLING))
    rows = iku_sync_matrix(planning(province, kota))
    assert [(row.pd, row.pd_nama, row.item, row.indicator) for row in rows] == [
        ("1.02.01", "Dinas Kesehatan Provinsi", "IKU1", STUNTING),
        ("1.02.01", "Dinas Kesehatan Provinsi", "IKU2", "Angka kematian ibu"),
    ]
    assert rows[0].statuses == {KABUPATEN.kode: SyncStatus.TANPA_MITRA, KOTA.kode: SyncStatus.SELARAS}
    assert rows[1].statuses == {KABUPATEN.kode: SyncStatus.TANPA_MITRA, KOTA.kode: SyncStatus.TIDAK_ADA}


def test_sync_matrix_names_satuan_and_direction_differences() -> None:
    province = provincial()
    kota = kota_iku(iku_item(1, STUNTING, "Balita", **FALLING))
    [row] = iku_sync_matrix(planning(province, kota))
    assert row.statuses[KOTA.kode] == "satuan berbeda"
    kota = kota_iku(iku_item(1, STUNTING, "%", direction=Direction.NAIK))
    [row] = iku_sync_matrix(planning(province, kota))
    assert row.statuses[KOTA.kode] == "arah berbeda"
    assert iku_sync_matrix(planning(province, kota), provinsi="63") == []


def test_missing_iku_goes_to_the_counterpart_with_the_provincial_pd_code_only() -> None:
    rsud = pd("1.02.02", "RSUD Kota", "1.02", pemda=KOTA.kode)
    planning_data = data(provincial(), pemda=[PROVINSI, KOTA], agencies=[*AGENCIES, rsud])
    findings = run_rendered(iku.iku_missing, planning_data)
    assert [finding.location.pd for finding in findings] == ["1.02.01"]
    other = plan(DocumentKind.IKU, [iku_item(1, STUNTING, "%", **FALLING)], pd="1.02.05")
    planning_data = data(other, pemda=[PROVINSI, KOTA], agencies=[*AGENCIES, rsud])
    findings = run_rendered(iku.iku_missing, planning_data)
    assert [finding.location.pd for finding in findings] == ["1.02.01", "1.02.02"]

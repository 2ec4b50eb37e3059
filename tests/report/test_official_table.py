"""The official Permendagri 86/2017 table of a Renja and an RKPD: columns, nesting, subtotals, letterhead,
signature and the year n+1 columns."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import coded, plan
from official_world import (
    RKPD_PD_NAMES,
    RKPD_PRIORITAS,
    SUB_PAGU,
    YEAR,
    renja,
    renstra_forward,
    rkpd,
    surroundings,
)

from selaras.domain import DocumentKind, Item, ItemLevel, PemdaLevel, Period
from selaras.domain.codes import CodeLevel
from selaras.report.official.table import NO_CODE, OfficialTable, Row, TableKind, build_official_table


def _rows(table: OfficialTable) -> list[tuple[str, str]]:
    return [(row.level.value, row.kode) for row in table.rows]


def _below(table: OfficialTable, row: Row) -> Decimal:
    """The sum of the sub kegiatan pagu under ``row``'s code, from the fixture's own figures."""
    return sum((pagu for code, pagu in SUB_PAGU.items() if code.startswith(row.kode + ".")), Decimal(0))


def test_renja_columns_follow_table_t_c_33() -> None:
    table = build_official_table(renja(), surroundings())
    assert table.kind is TableKind.RENJA and table.label == "Tabel T-C.33"
    assert [column.title for column in table.columns] == [
        "Kode",
        "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
        "Indikator Kinerja Program/Kegiatan/Sub Kegiatan",
        "Lokasi",
        "Target Capaian Kinerja",
        "Kebutuhan Dana/Pagu Indikatif (Rp)",
        "Sumber Dana",
        "Catatan Penting",
        "Target Capaian Kinerja",
        "Kebutuhan Dana/Pagu Indikatif (Rp)",
    ]
    assert table.header_groups() == [
        (None, 1),
        (None, 1),
        (None, 1),
        ("Rencana Tahun 2026", 4),
        (None, 1),
        ("Prakiraan Maju Rencana Tahun 2027", 2),
    ]


def test_rows_nest_urusan_bidang_program_kegiatan_sub_kegiatan_in_code_order() -> None:
    table = build_official_table(renja(), surroundings())
    assert _rows(table) == [
        ("urusan", "5"),
        ("bidang_urusan", "5.01"),
        ("program", "5.01.02"),
        ("kegiatan", "5.01.02.1.01"),
        ("sub_kegiatan", "5.01.02.1.01.0001"),
        ("sub_kegiatan", "5.01.02.1.01.0002"),
        ("kegiatan", "5.01.02.1.02"),
        ("sub_kegiatan", "5.01.02.1.02.0001"),
        ("bidang_urusan", "5.05"),
        ("program", "5.05.02"),
        ("kegiatan", "5.05.02.1.01"),
        ("sub_kegiatan", "5.05.02.1.01.0001"),
    ]
    headings = {row.kode: row.uraian for row in table.rows if row.level in (CodeLevel.URUSAN, CodeLevel.BIDANG_URUSAN)}
    assert headings == {
        "5": "UNSUR PENUNJANG URUSAN PEMERINTAHAN",
        "5.01": "PERENCANAAN",
        "5.05": "PENELITIAN DAN PENGEMBANGAN",
    }


def test_every_subtotal_is_the_sum_of_the_sub_kegiatan_pagu_below_it() -> None:
    table = build_official_table(renja(), surroundings())
    for row in table.rows:
        if row.level is CodeLevel.SUB_KEGIATAN:
            assert row.pagu == SUB_PAGU[row.kode]  # two sumber dana add up
        else:
            assert row.pagu == _below(table, row), row.kode
    assert table.total.pagu == sum(SUB_PAGU.values())
    program = next(row for row in table.rows if row.kode == "5.01.02")
    assert program.pagu == Decimal("450000000")  # not the 999 stored on the program


def test_item_rows_carry_indicators_targets_lokasi_sumber_dana_and_sub_unit() -> None:
    table = build_official_table(renja(), surroundings())
    by_code = {row.kode: row for row in table.rows}
    program = by_code["5.01.02"]
    assert program.indikator == ("Persentase keselarasan RPJMD dengan Renstra PD", "Nilai evaluasi RKPD")
    assert program.target == ("97,5%", "80 Nilai")
    sub = by_code["5.01.02.1.01.0001"]
    assert (sub.lokasi, sub.sumber_dana, sub.target) == ("Kota Palangka Raya", "DAU, PAD", ("14 Dokumen",))
    assert by_code["5.05.02.1.01.0001"].catatan == "Sub unit: UPT Litbang"
    assert by_code["5"].indikator == () and by_code["5"].cell("indikator") is None


def test_letterhead_and_signature_name_the_pemda_the_pd_and_its_head() -> None:
    table = build_official_table(renja(), surroundings())
    assert table.heading == (
        "PEMERINTAH PROVINSI KALIMANTAN TENGAH",
        "BADAN PERENCANAAN PEMBANGUNAN, RISET DAN INOVASI DAERAH",
        "RUMUSAN RENCANA PROGRAM DAN KEGIATAN PERANGKAT DAERAH TAHUN 2026 DAN PRAKIRAAN MAJU TAHUN 2027",
    )
    assert table.signature.jabatan == "KEPALA BADAN PERENCANAAN PEMBANGUNAN, RISET DAN INOVASI DAERAH"
    assert (table.signature.place, table.signature.date) == ("Palangka Raya", "2 Januari 2026")
    kota = build_official_table(renja(), surroundings(pemda_name="Kota Palangka Raya", pemda_level=PemdaLevel.KOTA))
    assert kota.heading[0] == "PEMERINTAH KOTA PALANGKA RAYA"


def test_prakiraan_maju_comes_from_the_document_when_it_plans_the_next_year() -> None:
    table = build_official_table(renja(own_forward=True), surroundings(forward=renstra_forward()))
    sub = next(row for row in table.rows if row.kode == "5.01.02.1.01.0001")
    assert (sub.target_maju, sub.pagu_maju) == (("16 Dokumen",), SUB_PAGU[sub.kode] * 2)
    assert table.total.pagu_maju == 2 * sum(SUB_PAGU.values())
    assert not any("Renstra" in note or "diambil dari" in note for note in table.notes)


def test_prakiraan_maju_falls_back_to_the_renstra_and_says_so() -> None:
    around = surroundings(forward=renstra_forward(), forward_sources=("62/RENSTRA/5.01.01/2025-2029/final",))
    table = build_official_table(renja(), around)
    by_code = {row.kode: row for row in table.rows}
    first = by_code["5.01.02.1.01.0001"]
    assert (first.target_maju, first.pagu_maju) == (("15 Dokumen",), Decimal("260000000"))  # name matched loosely
    assert by_code["5.01.02.1.01.0002"].pagu_maju is None  # the Renstra has no such sub kegiatan
    assert by_code["5.01.02"].pagu_maju == Decimal("260000000")
    assert table.total.pagu_maju == Decimal("570000000")
    assert any("62/RENSTRA/5.01.01/2025-2029/final" in note for note in table.notes)


def test_an_rkpd_forecast_from_many_renstra_counts_them_instead_of_naming_them() -> None:
    sources = tuple(f"62/RENSTRA/{pd}/2025-2029/final" for pd in ("1.01.01", "1.02.01", "1.03.01", "5.01.01"))
    table = build_official_table(renja(), surroundings(forward=renstra_forward(), forward_sources=sources))
    assert any(note.endswith("diambil dari Renstra 4 perangkat daerah.") for note in table.notes)
    assert not any("62/RENSTRA" in note for note in table.notes)


def test_a_code_split_over_sub_units_does_not_take_the_pd_wide_renstra_figure() -> None:
    document = renja()
    twin = next(item for item in document.items if item.code == "5.01.02.1.01.0001")
    document.items.append(
        Item(f"UPT/{twin.key}", twin.level, twin.text, code=twin.code, parent=twin.parent, unit="UPT", budgets=[])
    )
    table = build_official_table(document, surroundings(forward=renstra_forward()))
    assert all(row.pagu_maju is None for row in table.rows if row.kode == "5.01.02.1.01.0001")


def test_missing_program_and_kegiatan_rows_are_built_from_the_codes() -> None:
    """A flat list of sub kegiatan (as some SIPD exports are) still prints with its program and kegiatan."""
    subs = [coded(code, f"Sub {code}", pagu={YEAR: str(pagu)}) for code, pagu in SUB_PAGU.items()]
    for sub in subs:
        sub.parent = None
    flat = plan(DocumentKind.RENJA, subs, pd="5.01.01", period=Period(YEAR, YEAR))
    table = build_official_table(flat, surroundings())
    kinds = [row.level.value for row in table.rows]
    assert kinds[:5] == ["urusan", "bidang_urusan", "program", "kegiatan", "sub_kegiatan"]
    kegiatan = next(row for row in table.rows if row.kode == "5.01.02.1.01")
    assert kegiatan.pagu == SUB_PAGU["5.01.02.1.01.0001"] + SUB_PAGU["5.01.02.1.01.0002"]
    assert table.total.pagu == sum(SUB_PAGU.values())


def test_items_without_a_code_come_last_under_their_own_heading() -> None:
    document = renja()
    document.items.append(Item("P9", ItemLevel.PROGRAM, "Program tanpa kode"))
    table = build_official_table(document, surroundings())
    assert [(row.level.value, row.kode, row.uraian) for row in table.rows[-2:]] == [
        ("urusan", "", NO_CODE),
        ("program", "", "Program tanpa kode"),
    ]


def test_rkpd_adds_priority_and_responsible_pd_and_keeps_one_row_per_pd() -> None:
    around = surroundings(prioritas=RKPD_PRIORITAS, pd_names=RKPD_PD_NAMES, planning_agency="Bapperida Kalteng")
    table = build_official_table(rkpd(), around)
    assert table.kind is TableKind.RKPD and table.label == ""
    titles = [column.title for column in table.columns]
    assert titles[7:10] == ["Prioritas Daerah", "Perangkat Daerah Penanggung Jawab", "Catatan Penting"]
    assert [(row.kode, row.pd) for row in table.rows] == [
        ("1", ""),
        ("1.02", ""),
        ("1.02.02", "Dinas Kesehatan"),
        ("1.02.02", "Rumah Sakit Umum Daerah"),
        ("5", ""),
        ("5.01", ""),
        ("5.01.01", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah"),
    ]
    assert table.rows[2].prioritas == ("P1 Peningkatan akses dan mutu kesehatan",)
    assert table.rows[1].pagu == Decimal("1000000000")
    assert table.heading[1:] == (
        "RENCANA KERJA PEMERINTAH DAERAH TAHUN 2026",
        "RENCANA PROGRAM, KEGIATAN DAN PENDANAAN TAHUN 2026 DAN PRAKIRAAN MAJU TAHUN 2027",
    )
    assert table.signature.jabatan == "KEPALA BAPPERIDA KALTENG"


def test_other_kinds_have_no_official_table_here() -> None:
    with pytest.raises(ValueError, match="RPJMD"):
        build_official_table(plan(DocumentKind.RPJMD, []), surroundings())

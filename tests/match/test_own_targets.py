"""A pemda's own targets are described by their parents and by what planners already linked to them."""

from __future__ import annotations

import pytest

from selaras.domain import Document, DocumentKind, Indicator, IndicatorKind, Item, ItemLevel, Period, Plan
from selaras.match.own_targets import MAX_LINKED, LinkedItem, describe_own_targets, nomenclature_passages
from selaras.match.suggesting import target_items


@pytest.fixture
def rpjmd() -> Plan:
    return Plan(
        Document(DocumentKind.RPJMD, "62", Period(2025, 2029)),
        [
            Item("V", ItemLevel.VISI, "Kalimantan Tengah maju"),
            Item("M1", ItemLevel.MISI, "Meningkatkan kesejahteraan masyarakat", parent="V"),
            Item(
                "M1.T1",
                ItemLevel.TUJUAN,
                "Meningkatkan pendapatan rumah tangga",
                parent="M1",
                indicators=[Indicator("PDRB per Kapita", "Juta Rupiah", IndicatorKind.OUTCOME)],
            ),
            Item(
                "M1.T1.S1",
                ItemLevel.SASARAN,
                "Menurunnya tingkat kemiskinan",
                parent="M1.T1",
                indicators=[Indicator("Persentase Penduduk Miskin", "%", IndicatorKind.OUTCOME)],
            ),
            Item("M1.T1.S2", ItemLevel.SASARAN, "Meningkatnya pertumbuhan ekonomi", parent="M1.T1"),
        ],
    )


def _sasaran(plan: Plan, linked: list[LinkedItem]) -> dict[str, tuple[str, ...]]:
    targets = describe_own_targets(plan, target_items(plan, {ItemLevel.SASARAN}), linked)
    return {target.id: target.passages for target in targets}


def test_a_target_is_described_by_its_indicators_and_its_parent_wording_only(rpjmd: Plan) -> None:
    """Not the parent's indicators nor the misi above it: both measured worse on the dev split."""
    assert _sasaran(rpjmd, [])["M1.T1.S1"] == ("Persentase Penduduk Miskin", "Meningkatkan pendapatan rumah tangga")
    tujuan = describe_own_targets(rpjmd, target_items(rpjmd, {ItemLevel.TUJUAN}), [])
    assert tujuan[0].passages[-1] == "Meningkatkan kesejahteraan masyarakat"  # its misi; never the visi
    assert "Kalimantan Tengah maju" not in describe_own_targets(rpjmd, target_items(rpjmd), [])[0].passages


def test_linked_items_describe_their_target_and_every_item_above_it(rpjmd: Plan) -> None:
    linked = [
        LinkedItem("M1.T1.S1", "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL", "1.06.05"),
        LinkedItem("M1.T1.S2", "PROGRAM PENGEMBANGAN UMKM", "2.17.05"),
    ]
    passages = _sasaran(rpjmd, linked)
    assert "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL" in passages["M1.T1.S1"]
    assert "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL" not in passages["M1.T1.S2"]
    misi = describe_own_targets(rpjmd, target_items(rpjmd), linked)
    assert [target.id for target in misi] == ["M1"]
    assert {"PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL", "PROGRAM PENGEMBANGAN UMKM"} <= set(misi[0].passages)


def test_a_linked_sub_kegiatan_brings_its_standard_kinerja_and_indikator(rpjmd: Plan) -> None:
    code = "5.01.01.2.01.0001"  # Penyusunan Dokumen Perencanaan Perangkat Daerah (SIPD list with metadata)
    assert nomenclature_passages(code) == (
        "Tersusunnya Dokumen Perencanaan Perangkat Daerah",
        "Jumlah Dokumen Perencanaan Perangkat Daerah",
    )
    assert nomenclature_passages("5.01.01") == () and nomenclature_passages("bukan kode") == ()
    passages = _sasaran(rpjmd, [LinkedItem("M1.T1.S2", "Penyusunan Dokumen Perencanaan Perangkat Daerah", code)])
    assert passages["M1.T1.S2"][-3:] == (
        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "Tersusunnya Dokumen Perencanaan Perangkat Daerah",
        "Jumlah Dokumen Perencanaan Perangkat Daerah",
    )


def test_the_most_often_linked_texts_are_kept_first_up_to_the_cap(rpjmd: Plan) -> None:
    rare = [LinkedItem("M1.T1.S2", f"PROGRAM NOMOR {number}") for number in range(MAX_LINKED)]
    common = [LinkedItem("M1.T1.S2", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH")] * 3
    passages = _sasaran(rpjmd, [*rare, *common])["M1.T1.S2"]
    linked = [text for text in passages if text.startswith("PROGRAM")]
    assert linked[0] == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH"
    assert len(linked) == MAX_LINKED and f"PROGRAM NOMOR {MAX_LINKED - 1}" not in linked


def test_a_target_own_wording_and_repeated_texts_are_not_passages(rpjmd: Plan) -> None:
    linked = [
        LinkedItem("M1.T1.S1", "Menurunnya tingkat kemiskinan"),
        LinkedItem("M1.T1.S1", "Persentase Penduduk Miskin"),
        LinkedItem("unknown", "PROGRAM LAIN"),
    ]
    passages = _sasaran(rpjmd, linked)
    assert "Menurunnya tingkat kemiskinan" not in passages["M1.T1.S1"]
    assert passages["M1.T1.S1"].count("Persentase Penduduk Miskin") == 1
    assert not any("PROGRAM LAIN" in texts for texts in passages.values())

from __future__ import annotations

from pathlib import Path

import pytest

from selaras.domain import CodeLevel
from selaras.errors import ReferenceDataError
from selaras.reference.nomenclature import bundled_nomenclature, load_nomenclature

HEADER = (
    "jenis_pemda,kode_urusan,nama_urusan,kode_bidang_urusan,nama_bidang_urusan,kode_program,nama_program,"
    "kode_kegiatan,nama_kegiatan,kode_sub_kegiatan,nama_sub_kegiatan,dasar_hukum_baris,status_data\n"
)
PERENCANAAN = "5,PENUNJANG,5.01,PERENCANAAN,5.01.02,PROGRAM PERENCANAAN,"


def test_bundled_list_has_every_sub_kegiatan_row() -> None:
    nomenclature = bundled_nomenclature()
    assert sum(1 for _ in nomenclature.entries(CodeLevel.SUB_KEGIATAN, "provinsi")) == 2967
    assert sum(1 for _ in nomenclature.entries(CodeLevel.SUB_KEGIATAN, "kabupaten_kota")) == 2381
    assert nomenclature.label == "Kepmendagri 050-3708/2020"
    assert bundled_nomenclature() is nomenclature  # read once per process


def test_a_kabupaten_kota_sub_kegiatan_does_not_exist_for_a_provinsi() -> None:
    nomenclature = bundled_nomenclature()
    entry = nomenclature.lookup("1.01.02.2.01.0001", "kabupaten_kota")
    assert entry is not None
    assert entry.name == "Pembangunan Unit Sekolah Baru (USB)"
    assert entry.jenis == frozenset({"kabupaten_kota"})
    assert nomenclature.lookup("1.01.02.2.01.0001", "provinsi") is None
    assert nomenclature.exists("1.01.02.1.01.0001", "provinsi")


def test_program_penunjang_resolves_through_the_placeholder() -> None:
    entry = bundled_nomenclature().lookup("5.01.01.2.01.0001", "kabupaten_kota")
    assert entry is not None
    assert entry.code.text == "X.XX.01.2.01.0001"
    assert entry.name == "Penyusunan Dokumen Perencanaan Perangkat Daerah"


@pytest.mark.parametrize(
    "code",
    [
        "5.01.01.2.01.0008",
        "5.01.01.2.01.0009",
        "5.01.01.2.01.0011",
        "5.01.02.2.04.0001",
        "5.01.02.2.04.0003",
        "5.05.03.2.02.0018",
        "5.05.03.2.02.0021",
    ],
)
def test_sub_kegiatan_added_after_2020_are_unknown(code: str) -> None:
    assert not bundled_nomenclature().exists(code, "kabupaten_kota")


@pytest.mark.parametrize("code", ["1.03.13.2.01", "1.03.13.2.01.0001", "1.03.13.2.01.0006", "4.02.02.2.06.0002"])
def test_codes_malformed_in_the_source_are_repaired(code: str) -> None:
    assert bundled_nomenclature().exists(code, "kabupaten_kota")


def test_children_of_a_kegiatan() -> None:
    children = bundled_nomenclature().children("1.01.02.2.01", "kabupaten_kota")
    assert children[0].code.text == "1.01.02.2.01.0001"
    assert all(child.code.parent is not None and child.code.parent.text == "1.01.02.2.01" for child in children)


def test_load_a_newer_list(tmp_path: Path) -> None:
    path = tmp_path / "nomenklatur_2024.csv"
    path.write_text(
        HEADER
        + f"kabupaten_kota,{PERENCANAAN}5.01.02.2.01,Penyusunan RPJPD,5.01.02.2.01.01,Analisis Data,K 2024,aktif\n"
        + f"provinsi,{PERENCANAAN}5.01.02.1.01,Penyusunan RPJPD,5.01.02.1.01.0001,Analisis Data,K 2024,nonaktif\n",
        encoding="utf-8",
    )
    nomenclature = load_nomenclature(path)
    assert nomenclature.label == "nomenklatur_2024.csv"
    assert len(nomenclature) == 7  # urusan, bidang and program are shared; 2 kegiatan, 2 sub kegiatan
    program = nomenclature.lookup("5.01.02")
    assert program is not None
    assert program.jenis == frozenset({"provinsi", "kabupaten_kota"})
    assert program.active  # active as long as one row using it is
    sub_kegiatan = nomenclature.lookup("5.01.02.2.01.0001", "kabupaten_kota")
    assert sub_kegiatan is not None
    assert sub_kegiatan.name == "Analisis Data"
    inactive = nomenclature.lookup("5.01.02.1.01.0001", "provinsi")
    assert inactive is not None
    assert not inactive.active
    assert [entry.code.text for entry in nomenclature.entries(CodeLevel.KEGIATAN)] == ["5.01.02.1.01", "5.01.02.2.01"]


def test_a_list_missing_a_column_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "tanpa_nama.csv"
    path.write_text(HEADER.replace(",nama_sub_kegiatan", ""), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as error:
        load_nomenclature(path)
    assert str(error.value) == "tanpa_nama.csv: kolom tidak ada: nama_sub_kegiatan"


def test_a_malformed_code_is_reported_by_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "rusak.csv"
    path.write_text(HEADER + f"provinsi,{PERENCANAAN}5.01.02.1.01,Kegiatan,5.01.02.1.01.x,Sub,K,aktif\n")
    with pytest.raises(ReferenceDataError) as error:
        load_nomenclature(path)
    assert str(error.value) == (
        "rusak.csv baris 2, kolom kode_sub_kegiatan: kode nomenklatur tidak valid: '5.01.02.1.01.x' "
        "(contoh bentuk yang benar: 1.01.02.2.01.0001)"
    )


def test_a_code_in_the_wrong_column_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "geser.csv"
    path.write_text(HEADER + f"provinsi,{PERENCANAAN}5.01.02,Kegiatan,5.01.02.1.01.0001,Sub,K,aktif\n")
    with pytest.raises(ReferenceDataError, match=r"^geser\.csv baris 2: 5\.01\.02 bukan kegiatan$"):
        load_nomenclature(path)


def test_a_missing_file_is_a_reference_data_error(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="tidak dapat dibaca"):
        load_nomenclature(tmp_path / "tidak_ada.csv")

from __future__ import annotations

from pathlib import Path

import pytest

from selaras.domain import CodeLevel
from selaras.errors import ConfigurationError, ReferenceDataError
from selaras.reference.nomenclature import LABEL_2020, bundled_nomenclature, load_nomenclature
from selaras.reference.nomenclature_versions import (
    bundled_version,
    bundled_versions,
    nomenclature_from_settings,
    nomenclature_in_force,
)
from selaras.settings import Settings

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


# --- the bundled versions --------------------------------------------------------------------------------------

SIPD_LABEL = "SIPD pemutakhiran 2027 (Kepmendagri 900.1.15.5-3406/2024 dst.)"


def test_the_sipd_list_has_every_row_of_its_source() -> None:
    sipd = bundled_version("2027")
    assert sipd.label == SIPD_LABEL
    assert sum(1 for _ in sipd.entries(CodeLevel.SUB_KEGIATAN, "provinsi")) == 4031
    assert sum(1 for _ in sipd.entries(CodeLevel.SUB_KEGIATAN, "kabupaten_kota")) == 3550
    assert len({entry.code.text for entry in sipd.entries(CodeLevel.SUB_KEGIATAN)}) == 7115
    assert bundled_version("2027") is sipd  # read once per process


@pytest.mark.parametrize(
    ("year", "label"), [(2019, LABEL_2020), (2023, LABEL_2020), (2024, SIPD_LABEL), (2030, SIPD_LABEL)]
)
def test_the_version_in_force_follows_the_document_year(year: int, label: str) -> None:
    assert nomenclature_in_force(year).label == label
    assert nomenclature_in_force(year, Settings()).label == label
    assert bundled_versions().in_force(year).label == label


def test_the_bundled_versions_answer_lookups_with_the_newest_list() -> None:
    versions = bundled_versions()
    assert versions.label == SIPD_LABEL
    assert [version.label for version in versions.versions()] == [SIPD_LABEL, LABEL_2020]
    assert versions.exists("5.01.01.2.01.0008", "kabupaten_kota")  # added after 2020


def test_a_pinned_bundled_version_is_in_force_for_every_year() -> None:
    pinned = nomenclature_from_settings(Settings(nomenclature_version="2020"))
    assert pinned.in_force(2026).label == pinned.label == LABEL_2020
    assert nomenclature_in_force(2026, Settings(nomenclature_version="2020")).label == LABEL_2020
    assert {version.label for version in pinned.versions()} == {LABEL_2020, SIPD_LABEL}
    with pytest.raises(ConfigurationError, match=r"nomenclature_version harus salah satu dari 2020, 2027"):
        nomenclature_from_settings(Settings(nomenclature_version="2019"))


def test_a_loaded_list_wins_over_the_bundled_ones_and_joins_the_name_comparison(tmp_path: Path) -> None:
    path = tmp_path / "nomenklatur_pemda.csv"
    path.write_text(
        HEADER + f"kabupaten_kota,{PERENCANAAN}5.01.02.2.01,Penyusunan RPJPD,5.01.02.2.01.0001,Analisis Data,K,aktif\n",
        encoding="utf-8",
    )
    settings = Settings(nomenclature_path=path, nomenclature_version="2020")
    reference = nomenclature_from_settings(settings)
    assert reference.in_force(2022).label == reference.in_force(2026).label == "nomenklatur_pemda.csv"
    assert [version.label for version in reference.versions()] == ["nomenklatur_pemda.csv", SIPD_LABEL, LABEL_2020]
    assert nomenclature_in_force(2022, settings) is reference.in_force(2022)


def test_a_single_list_is_in_force_for_every_year() -> None:
    only = bundled_nomenclature()
    assert only.in_force(2026) is only
    assert only.versions() == (only,)
    assert nomenclature_in_force(2026, only) is only


def test_sub_kegiatan_carry_their_standard_indicator() -> None:
    entry = nomenclature_in_force(2026).lookup("1.01.02.2.01.0001", "kabupaten_kota")
    assert entry is not None
    assert entry.name == "Pembangunan Unit Sekolah Baru (USB)"
    assert (entry.kinerja, entry.indikator, entry.satuan) == (
        "Sekolah Baru yang Terbangun",
        "Jumlah Sekolah Baru yang Telah Dibangun",
        "Unit",
    )
    assert entry.spm is True
    assert entry.predecessor is None
    tagged = nomenclature_in_force(2026).lookup("1.02.02.2.02.0001", "kabupaten_kota")
    assert tagged is not None
    assert all(tag and tag == tag.strip() for tag in tagged.tags)
    kegiatan = nomenclature_in_force(2026).lookup("1.01.02.2.01", "kabupaten_kota")
    assert kegiatan is not None
    assert (kegiatan.indikator, kegiatan.spm) == ("", None)  # metadata belongs to sub kegiatan only


def test_a_code_listed_differently_for_each_level_has_an_entry_per_level() -> None:
    sipd = bundled_version("2027")
    provinsi = sipd.lookup("1.01.02.3.05.0001", "provinsi")
    kabupaten = sipd.lookup("1.01.02.3.05.0001", "kabupaten_kota")
    assert provinsi is not None and kabupaten is not None
    assert provinsi.name.startswith("Penyediaan Beasiswa")
    assert kabupaten.name == "Pembangunan USB (Unit Sekolah Baru)"
    assert (provinsi.jenis, kabupaten.jenis) == (frozenset({"provinsi"}), frozenset({"kabupaten_kota"}))


def test_special_autonomy_kegiatan_load_without_a_kewenangan() -> None:
    entry = bundled_version("2027").lookup("2.10.03.7.01")
    assert entry is not None
    assert entry.code.kewenangan is None


def test_successors_name_the_code_they_replaced() -> None:
    sipd = bundled_version("2027")
    assert not sipd.exists("1.02.02.1.02.0013", "provinsi")
    [successor] = sipd.successors("1.02.02.1.02.0013", "provinsi")
    assert successor.code.text == "1.02.02.1.02.0035"
    assert successor.predecessor == "1.02.02.1.02.0013"
    assert sipd.successors("1.02.02.1.02.0013", "kabupaten_kota") == []
    assert bundled_nomenclature().successors("1.02.02.1.02.0013", "provinsi") == []  # 2020 names no predecessor


def test_a_loaded_list_may_carry_the_metadata_columns(tmp_path: Path) -> None:
    path = tmp_path / "dengan_indikator.csv"
    header = HEADER.rstrip("\n") + ",indikator,satuan,tag,spm,kode_sub_kegiatan_sebelumnya\n"
    path.write_text(
        header + f"provinsi,{PERENCANAAN}5.01.02.1.01,Penyusunan RPJPD,5.01.02.1.01.0002,Analisis Data,K,aktif,"
        "Jumlah Dokumen Analisis,Dokumen,PERUBAHAN IKLIM; STUNTING,NON-SPM,5.01.02.1.01.01\n",
        encoding="utf-8",
    )
    entry = load_nomenclature(path).lookup("5.01.02.1.01.0002", "provinsi")
    assert entry is not None
    assert (entry.indikator, entry.satuan, entry.kinerja) == ("Jumlah Dokumen Analisis", "Dokumen", "")
    assert entry.tags == ("PERUBAHAN IKLIM", "STUNTING")
    assert entry.spm is False
    assert entry.predecessor == "5.01.02.1.01.0001"


def test_a_malformed_predecessor_is_reported_by_its_column(tmp_path: Path) -> None:
    path = tmp_path / "pendahulu.csv"
    header = HEADER.rstrip("\n") + ",kode_sub_kegiatan_sebelumnya\n"
    path.write_text(header + f"provinsi,{PERENCANAAN}5.01.02.1.01,Keg,5.01.02.1.01.0002,Sub,K,aktif,lama\n")
    with pytest.raises(ReferenceDataError, match=r"^pendahulu\.csv baris 2, kolom kode_sub_kegiatan_sebelumnya: "):
        load_nomenclature(path)

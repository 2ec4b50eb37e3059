from __future__ import annotations

import pytest

from selaras.domain import Pemda, PemdaLevel
from selaras.errors import NotFound
from selaras.reference.wilayah import PUSAT, all_pemda, get_pemda, kabkota_of


def test_kalimantan_tengah_has_13_kabupaten_and_one_kota() -> None:
    kabkota = kabkota_of("62")
    assert len(kabkota) == 14
    assert [pemda.kode for pemda in kabkota][:2] == ["62.01", "62.02"]
    assert kabkota[-1] == Pemda("62.71", "Kota Palangkaraya", PemdaLevel.KOTA, "62")
    assert [pemda.level for pemda in kabkota].count(PemdaLevel.KABUPATEN) == 13


def test_provinsi_and_pusat() -> None:
    kalteng = get_pemda("62")
    assert kalteng.level is PemdaLevel.PROVINSI
    assert kalteng.parent == "00"
    assert kalteng.nomenclature_level == "provinsi"
    assert get_pemda("00") is PUSAT


def test_codes_are_trimmed() -> None:
    pemda = get_pemda(" 62.71 ")
    assert pemda.nama == "Kota Palangkaraya"
    assert pemda.nomenclature_level == "kabupaten_kota"


def test_the_whole_country_is_bundled() -> None:
    pemda = all_pemda()
    assert sum(1 for p in pemda.values() if p.level is PemdaLevel.PROVINSI) == 38
    assert sum(1 for p in pemda.values() if p.level.is_kabkota) == 514


@pytest.mark.parametrize("kode", ["99", "62.99", "", "Palangkaraya"])
def test_unknown_code_is_not_found(kode: str) -> None:
    with pytest.raises(NotFound) as error:
        get_pemda(kode)
    assert str(error.value) == f"kode pemda '{kode}' tidak dikenal (contoh: 62 atau 62.71)"

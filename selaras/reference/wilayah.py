"""Kemendagri region codes → :class:`Pemda` (provinsi and kabupaten/kota only; bundled in ``data/``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from selaras.domain.pemda import Pemda, PemdaLevel
from selaras.errors import NotFound

__all__ = ["PUSAT", "TimeZone", "all_pemda", "get_pemda", "kabkota_of", "time_zone"]

PUSAT = Pemda("00", "Pemerintah Pusat", PemdaLevel.PUSAT)


def _level(kode: str, nama: str) -> PemdaLevel:
    if "." not in kode:
        return PemdaLevel.PROVINSI
    return PemdaLevel.KOTA if nama.startswith("Kota ") else PemdaLevel.KABUPATEN


@cache
def all_pemda() -> dict[str, Pemda]:
    """Every provinsi and kabupaten/kota by code, plus the central government as ``00``."""
    path = resources.files("selaras.reference") / "data" / "wilayah_kab_kota.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    found = {
        row["kode"]: Pemda(row["kode"], row["nama"], _level(row["kode"], row["nama"]), row["kode_induk"] or PUSAT.kode)
        for row in rows
    }
    return {PUSAT.kode: PUSAT, **found}


def get_pemda(kode: str) -> Pemda:
    """The pemda with this Kemendagri code, e.g. ``get_pemda("62.71").nama == "Kota Palangkaraya"``."""
    try:
        return all_pemda()[kode.strip()]
    except KeyError:
        raise NotFound(f"kode pemda '{kode}' tidak dikenal (contoh: 62 atau 62.71)") from None


def kabkota_of(provinsi: str) -> list[Pemda]:
    """The kabupaten/kota of a province, in code order (``62`` → 13 kabupaten and Kota Palangkaraya)."""
    return sorted((p for p in all_pemda().values() if p.parent == provinsi), key=lambda p: p.kode)


@dataclass(frozen=True, slots=True)
class TimeZone:
    """An Indonesian time zone: its name as readers write it and its offset from UTC in hours."""

    name: str
    hours: int


WIB, WITA, WIT = TimeZone("WIB", 7), TimeZone("WITA", 8), TimeZone("WIT", 9)
_WITA_PROVINCES = frozenset({"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"})
"""Keppres 41/1987 (and the provinces formed since): Bali, Nusa Tenggara, South, East and North Kalimantan and
Sulawesi keep WITA; Maluku and Papua (codes 8x and 9x) WIT; Sumatra, Java, West and Central Kalimantan WIB."""


def time_zone(kode: str) -> TimeZone:
    """The time zone a pemda reads its clocks in, from its province's code (``62.71`` → WIB); the centre's is WIB."""
    province = kode.strip().split(".")[0]
    if province in _WITA_PROVINCES:
        return WITA
    return WIT if province[:1] in ("8", "9") else WIB

"""Kemendagri region codes → :class:`Pemda` (provinsi and kabupaten/kota only; bundled in ``data/``)."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from selaras.domain.pemda import Pemda, PemdaLevel
from selaras.errors import NotFound

__all__ = ["PUSAT", "all_pemda", "get_pemda", "kabkota_of"]

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

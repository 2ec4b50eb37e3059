"""Regional governments (pemda) and their agencies (perangkat daerah)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["Pemda", "PemdaLevel", "PerangkatDaerah"]


class PemdaLevel(StrEnum):
    """Tier of government; decides which nomenclature (provinsi or kabupaten/kota) applies."""

    PUSAT = "pusat"
    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"

    @property
    def is_kabkota(self) -> bool:
        return self in (PemdaLevel.KABUPATEN, PemdaLevel.KOTA)


@dataclass(frozen=True, slots=True)
class Pemda:
    """A government identified by its Kemendagri code: ``00`` pusat, ``62`` provinsi, ``62.71`` kota."""

    kode: str
    nama: str
    level: PemdaLevel
    parent: str | None = None

    @property
    def nomenclature_level(self) -> str:
        """``provinsi`` or ``kabupaten_kota`` — the nomenclature column a code is validated against."""
        return "kabupaten_kota" if self.level.is_kabkota else "provinsi"


@dataclass(frozen=True, slots=True)
class PerangkatDaerah:
    """An agency (PD/OPD) of a pemda, with the bidang urusan it carries out (e.g. ``("5.01", "5.05")``).

    ``kode`` is unique within the pemda; by convention the first bidang urusan followed by a running
    number (``5.01.01``), but any stable short code the pemda uses is accepted.
    """

    pemda: str
    kode: str
    nama: str
    singkatan: str = ""
    bidang_urusan: tuple[str, ...] = field(default_factory=tuple)

"""Realisasi per triwulan of a Renja item: what was achieved (per indicator) and spent, quarter by quarter.

A Renja plans one year; monitoring follows it through four triwulan (TW I-IV). Files report realisation
either per quarter (the evaluation table of Permendagri 86/2017 has one column per triwulan) or cumulatively
(s.d. triwulan, as SIPD-style flat exports do). Selaras always keeps the figure *of each quarter alone*, so
totals never count a quarter twice, and derives the cumulative figure with :func:`cumulative`.

Not every indicator adds up over quarters: ``14 Dokumen`` produced in TW I and TW II is the sum of both, but a
percentage, an index or an indicator meant to fall (angka kematian) is a level measured at a moment, whose
latest reported value is the achievement to date. :func:`is_additive` decides which.

``Budget.realisasi`` of a plan item stays what the plan file says about the whole year; these records are the
quarterly detail that monitoring uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from selaras.domain.indicators import Direction, Indicator

__all__ = ["TRIWULAN", "Basis", "Cumulative", "Realisasi", "Verifikasi", "cumulative", "is_additive", "roman"]

TRIWULAN = (1, 2, 3, 4)

_LEVEL_WORDS = ("persentase", "prosentase", "indeks", "rasio", "rata", "tingkat", "nilai", "angka", "skor", "predikat")


class Basis(StrEnum):
    """How a file reports realisation: the quarter alone, or everything up to the end of the quarter."""

    TRIWULAN = "triwulan"
    KUMULATIF = "kumulatif"


class Verifikasi(StrEnum):
    """Where the realisasi of one item in one triwulan stands: whatever a PD stores (a file or the web form) is
    *diajukan* until a verifikator confirms it (*diverifikasi*) or sends it back with a comment (*dikembalikan*).
    Monitoring counts every stored figure and says which are not verified yet."""

    DIAJUKAN = "diajukan"
    DIVERIFIKASI = "diverifikasi"
    DIKEMBALIKAN = "dikembalikan"


def roman(triwulan: int) -> str:
    """``3`` → ``III``: how planners write the quarter (TW III)."""
    return ("I", "II", "III", "IV")[triwulan - 1]


def is_additive(indicator: Indicator) -> bool:
    """Whether quarterly realisations of ``indicator`` add up to the year's: counts of outputs meant to rise
    (dokumen, unit, orang). Percentages, indices, ratios and indicators meant to fall or stay are levels."""
    if indicator.direction is not Direction.NAIK:
        return False
    name = indicator.name.casefold().split()
    return (
        "%" not in indicator.satuan
        and "persen" not in indicator.satuan.casefold()
        and not (name and name[0].startswith(_LEVEL_WORDS))
    )


@dataclass(frozen=True, slots=True)
class Realisasi:
    """Realisation of one item of a Renja in one triwulan, that quarter alone.

    ``kinerja`` maps an indicator name (as in the Renja) to its physical realisation; ``anggaran`` is the
    rupiah spent (None when the file says nothing about money for this quarter).
    """

    document: str
    item: str
    triwulan: int
    anggaran: Decimal | None = None
    kinerja: dict[str, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.triwulan not in TRIWULAN:
            raise ValueError(f"triwulan {self.triwulan} tidak valid; diharapkan 1-4")


@dataclass(frozen=True, slots=True)
class Cumulative:
    """An item's realisation up to and including a triwulan: rupiah spent and each indicator's achievement."""

    triwulan: int
    anggaran: Decimal
    kinerja: dict[str, Decimal]
    reported: bool
    """Whether anything at all was reported for the item up to this triwulan."""


def cumulative(records: Iterable[Realisasi], indicators: list[Indicator], up_to: int) -> Cumulative:
    """Sum an item's quarters up to ``up_to``: money always adds up; additive indicators add up, level
    indicators take their latest reported value (see :func:`is_additive`)."""
    ordered = sorted((record for record in records if record.triwulan <= up_to), key=lambda record: record.triwulan)
    additive = {indicator.name: is_additive(indicator) for indicator in indicators}
    anggaran = Decimal(0)
    kinerja: dict[str, Decimal] = {}
    for record in ordered:
        anggaran += record.anggaran or Decimal(0)
        for name, value in record.kinerja.items():
            kinerja[name] = kinerja.get(name, Decimal(0)) + value if additive.get(name, True) else value
    return Cumulative(up_to, anggaran, kinerja, bool(ordered))

"""Indicators (with yearly targets) and budgets (pagu per year) of a plan item."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

__all__ = ["Budget", "Direction", "Indicator", "IndicatorKind", "Rincian", "RincianKind"]


class IndicatorKind(StrEnum):
    """Programs are judged by outcomes, kegiatan and sub kegiatan by outputs."""

    OUTCOME = "outcome"
    OUTPUT = "output"
    OTHER = "lainnya"


class Direction(StrEnum):
    """Which way a target should move over the period."""

    NAIK = "naik"
    TURUN = "turun"
    TETAP = "tetap"


@dataclass(slots=True)
class Indicator:
    """A performance indicator; ``targets`` maps a year to its target value."""

    name: str
    satuan: str = ""
    kind: IndicatorKind = IndicatorKind.OTHER
    baseline: Decimal | None = None
    direction: Direction = Direction.NAIK
    targets: dict[int, Decimal] = field(default_factory=dict)

    def target(self, year: int) -> Decimal | None:
        return self.targets.get(year)


@dataclass(slots=True)
class Budget:
    """Pagu (budget ceiling) of an item for one year, with realisasi once it is known."""

    year: int
    pagu: Decimal
    realisasi: Decimal | None = None
    sumber_dana: str = ""


class RincianKind(StrEnum):
    """How a budget-stage pagu is broken down: by sumber dana (DAU, DAK Fisik …) or by rekening belanja."""

    SUMBER_DANA = "sumber_dana"
    REKENING = "rekening"


@dataclass(frozen=True, slots=True)
class Rincian:
    """One line of an item's pagu for ``year`` broken down by sumber dana or by rekening (kode akun), summed
    over the rows of the file that carry it.

    A SIPD Rekap has one row per sub kegiatan × sumber dana × rekening; the item keeps its total pagu as a
    :class:`Budget` and these lines, so Bappeda can see the mix of sumber dana and the share of belanja modal
    (rekening ``5.2``) without keeping every row.
    """

    year: int
    kind: RincianKind
    kode: str
    nama: str
    pagu: Decimal

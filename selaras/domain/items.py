"""Items: the nodes of a document's tree, from visi down to sub kegiatan."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from selaras.domain.indicators import Budget, Indicator, Rincian

__all__ = ["Item", "ItemLevel"]


class ItemLevel(StrEnum):
    """Levels in the order they nest in a plan (the strategic part first, then the program part)."""

    VISI = "visi"
    MISI = "misi"
    TUJUAN = "tujuan"
    SASARAN = "sasaran"
    STRATEGI = "strategi"
    ARAH_KEBIJAKAN = "arah_kebijakan"
    PRIORITAS = "prioritas"
    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    SUB_KEGIATAN = "sub_kegiatan"

    @property
    def is_program_part(self) -> bool:
        """Program, kegiatan and sub kegiatan carry nomenclature codes and pagu."""
        return self in (ItemLevel.PROGRAM, ItemLevel.KEGIATAN, ItemLevel.SUB_KEGIATAN)

    @property
    def label(self) -> str:
        """The planners' name: ``sub kegiatan``, ``arah kebijakan``."""
        return self.value.replace("_", " ")


@dataclass(slots=True)
class Item:
    """One node of a document. ``key`` is unique inside the document and stable across re-imports
    (the nomenclature code for program/kegiatan/sub kegiatan, an outline number such as ``M1.S2``
    for the strategic part); ``parent`` is the parent's key.

    ``unit`` names the sub unit of the PD that carries the item out (a Puskesmas of a Dinas Kesehatan, a
    Bagian of a Setda) when it is not the PD itself. The same code legitimately appears once per sub unit,
    so such items are keyed ``<kode sub unit>/<code>``; ``rincian`` breaks a budget-stage pagu down by
    sumber dana and rekening."""

    key: str
    level: ItemLevel
    text: str
    code: str | None = None
    parent: str | None = None
    order: int = 0
    pd: str | None = None
    lokasi: str = ""
    unit: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    budgets: list[Budget] = field(default_factory=list)
    rincian: list[Rincian] = field(default_factory=list)

    def pagu(self, year: int) -> Decimal | None:
        """Total pagu of this item for ``year`` (several sources of funds add up); None if not budgeted."""
        amounts = [b.pagu for b in self.budgets if b.year == year]
        return sum(amounts, Decimal(0)) if amounts else None

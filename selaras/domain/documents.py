"""Planning documents: what kind, whose, for which years, and which version."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "BUDGET_KINDS",
    "BUDGET_VERSIONS",
    "Document",
    "DocumentKind",
    "DocumentStatus",
    "Period",
    "kind_and_period",
]


class DocumentKind(StrEnum):
    """The documents of the national and regional planning system (UU 25/2004, Permendagri 86/2017)."""

    RPJPN = "RPJPN"
    RPJMN = "RPJMN"
    ASTA_CITA = "ASTA_CITA"
    RKP = "RKP"
    RPJPD = "RPJPD"
    RPJMD = "RPJMD"
    RENSTRA = "RENSTRA"
    RKPD = "RKPD"
    RENJA = "RENJA"
    IKU = "IKU"
    KUA_PPAS = "KUA_PPAS"
    APBD = "APBD"
    FRAMEWORK = "FRAMEWORK"

    @classmethod
    def parse(cls, text: str) -> DocumentKind:
        """The kind a planner typed, as they write it: ``renja``, ``KUA-PPAS``, ``kua ppas``, ``asta_cita``.
        Raises ValueError for anything else."""
        return cls("_".join(text.replace("-", " ").replace("_", " ").split()).upper())

    @property
    def belongs_to_pd(self) -> bool:
        """Renstra, Renja and IKU are documents of one perangkat daerah, not of the whole pemda; so is the
        budget stage (KUA-PPAS, APBD), stored per SKPD so that each PD's plan and budget can be compared."""
        return self in (
            DocumentKind.RENSTRA,
            DocumentKind.RENJA,
            DocumentKind.IKU,
            DocumentKind.KUA_PPAS,
            DocumentKind.APBD,
        )

    @property
    def is_annual(self) -> bool:
        """RKP, RKPD, Renja and the budget stage plan a single year; the others span several."""
        return self in (DocumentKind.RKP, DocumentKind.RKPD, DocumentKind.RENJA, *BUDGET_KINDS)

    @property
    def is_budget(self) -> bool:
        """KUA-PPAS and APBD: the budgeting stage that follows the RKPD/Renja of the same year."""
        return self in BUDGET_KINDS

    @property
    def default_version(self) -> str:
        """``murni`` for the budget stage (its other version is ``perubahan``), ``final`` for plans."""
        return "murni" if self.is_budget else "final"


BUDGET_KINDS = (DocumentKind.KUA_PPAS, DocumentKind.APBD)
BUDGET_VERSIONS = ("murni", "perubahan")


class DocumentStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"
    ARCHIVED = "archived"


_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-–/]\s*(\d{4}))?\s*$")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """An inclusive range of years; a one-year document has ``start == end``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"periode tidak valid: {self.start}-{self.end}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """``"2025-2029"`` or ``"2026"``."""
        match = _PERIOD.match(text)
        if not match:
            raise ValueError(f"periode tidak valid: {text!r} (contoh: 2025-2029 atau 2026)")
        start = int(match.group(1))
        return cls(start, int(match.group(2) or start))

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.start <= year <= self.end

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"


@dataclass(frozen=True, slots=True)
class Document:
    """One planning document. Its ``key`` is the natural identity used to recognise a re-import."""

    kind: DocumentKind
    pemda: str
    period: Period
    pd: str | None = None
    version: str = "final"
    status: DocumentStatus = DocumentStatus.DRAFT
    title: str = ""

    @property
    def key(self) -> str:
        """``62/RENJA/1.02.01/2026/final`` — unique per pemda, kind, PD, period and version."""
        return "/".join((self.pemda, self.kind.value, self.pd or "-", str(self.period), self.version))


def kind_and_period(key: str) -> tuple[DocumentKind, str] | None:
    """The kind and the period a document key names (``RENJA``, ``2026`` for ``62/RENJA/1.02.01/2026/final``):
    what planners call the document ("Renja 2026") without loading it. None for a key of another shape."""
    parts = key.split("/")
    if len(parts) != 5:
        return None
    try:
        return DocumentKind(parts[1]), parts[3]
    except ValueError:
        return None

"""Nomenclature codes (Permendagri 90/2019, Kepmendagri 050-3708/2020) and what they say by themselves.

``1`` urusan → ``1.01`` bidang urusan → ``1.01.02`` program → ``1.01.02.2.01`` kegiatan →
``1.01.02.2.01.0001`` sub kegiatan. The fourth segment of a kegiatan says whose authority it is
(``1`` provinsi, ``2`` kabupaten/kota; ``3``-``8`` the special-autonomy and special-region blocks of the
nomenclature in force, e.g. ``2.10.03.7.01``, which exist for both levels). Program penunjang is listed
under the placeholder bidang ``X.XX``; real plans write it with the PD's own bidang (``5.01.01``). Whether a
code *exists* is a question for the reference list (``selaras.reference.nomenclature``); this module only reads
its shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from selaras.domain.items import ItemLevel

__all__ = ["CodeLevel", "NomenclatureCode", "parse_code"]


class CodeLevel(StrEnum):
    URUSAN = "urusan"
    BIDANG_URUSAN = "bidang_urusan"
    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    SUB_KEGIATAN = "sub_kegiatan"

    @property
    def item_level(self) -> ItemLevel | None:
        """The plan item this code level becomes; urusan and bidang urusan only head groups."""
        return {
            CodeLevel.PROGRAM: ItemLevel.PROGRAM,
            CodeLevel.KEGIATAN: ItemLevel.KEGIATAN,
            CodeLevel.SUB_KEGIATAN: ItemLevel.SUB_KEGIATAN,
        }.get(self)


_LEVELS = (
    CodeLevel.URUSAN,
    CodeLevel.BIDANG_URUSAN,
    CodeLevel.PROGRAM,
    CodeLevel.KEGIATAN,
    CodeLevel.SUB_KEGIATAN,
)
_SEGMENT = (r"[1-9X]", r"\d{2}|XX", r"\d{2}", r"[1-8]\.\d{2}", r"\d{2,4}")
_PATTERNS = tuple(
    re.compile(r"^" + r"\.".join(f"({segment})" for segment in _SEGMENT[: depth + 1]) + r"$")
    for depth in range(len(_SEGMENT))
)
EXAMPLE = "1.01.02.2.01.0001"


@dataclass(frozen=True, slots=True, order=True)
class NomenclatureCode:
    """A well-formed code in canonical form (sub kegiatan numbers zero-padded to four digits)."""

    text: str
    level: CodeLevel

    def __str__(self) -> str:
        return self.text

    @property
    def segments(self) -> tuple[str, ...]:
        """Urusan, bidang, program, kegiatan (``2.01``), sub kegiatan — as many as the level has."""
        parts = self.text.split(".")
        head, tail = parts[:3], parts[3:]
        kegiatan = [".".join(tail[:2])] if tail else []
        return (*head, *kegiatan, *tail[2:])

    @property
    def parent(self) -> NomenclatureCode | None:
        index = _LEVELS.index(self.level)
        if index == 0:
            return None
        return NomenclatureCode(".".join(self.segments[:index]), _LEVELS[index - 1])

    def prefix(self, level: CodeLevel) -> NomenclatureCode:
        """This code cut down to ``level`` (which must not be deeper than the code itself)."""
        index = _LEVELS.index(level)
        if index > _LEVELS.index(self.level):
            raise ValueError(f"{self.text} tidak memiliki tingkat {level.value}")
        return NomenclatureCode(".".join(self.segments[: index + 1]), level)

    @property
    def bidang_urusan(self) -> str | None:
        return ".".join(self.segments[:2]) if self.level is not CodeLevel.URUSAN else None

    @property
    def kewenangan(self) -> str | None:
        """``provinsi`` or ``kabupaten_kota`` for kegiatan and sub kegiatan codes with digit 1 or 2, else None.

        Digits 3-8 (special autonomy, special regions) are listed for both levels, so they say nothing about it.
        """
        if _LEVELS.index(self.level) < _LEVELS.index(CodeLevel.KEGIATAN):
            return None
        return {"1": "provinsi", "2": "kabupaten_kota"}.get(self.segments[3][0])

    @property
    def is_penunjang(self) -> bool:
        """Program 01 of a bidang is the supporting program, listed under ``X.XX`` in the nomenclature."""
        return _LEVELS.index(self.level) >= _LEVELS.index(CodeLevel.PROGRAM) and self.segments[2] == "01"

    def as_placeholder(self) -> NomenclatureCode:
        """``5.01.01.2.01.0001`` → ``X.XX.01.2.01.0001``: how the nomenclature lists program penunjang."""
        segments = ("X", "XX", *self.segments[2:])
        return NomenclatureCode(".".join(segments), self.level)


def parse_code(text: object) -> NomenclatureCode:
    """Read a nomenclature code; raise ``ValueError`` with the expected shape when it is malformed.

    >>> parse_code(" 1.01.02.2.01.01 ").text
    '1.01.02.2.01.0001'
    """
    raw = str(text).strip().rstrip(".").upper() if text is not None else ""
    for level, pattern in zip(_LEVELS, _PATTERNS, strict=True):
        match = pattern.match(raw)
        if match:
            parts = list(match.groups())
            if level is CodeLevel.SUB_KEGIATAN:
                parts[-1] = parts[-1].zfill(4)
            placeholder_halves = {parts[0] == "X", parts[1] == "XX"} if len(parts) > 1 else {True}
            if len(placeholder_halves) == 1:  # "X.01" or "1.XX" mix a placeholder with a real code
                return NomenclatureCode(".".join(parts), level)
    raise ValueError(f"kode nomenklatur tidak valid: {text!r} (contoh bentuk yang benar: {EXAMPLE})")

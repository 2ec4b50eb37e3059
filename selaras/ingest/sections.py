"""What a file holds per SKPD: real SIPD exports carry every SKPD of a pemda in one file.

A SIPD-RI Rekap lists all SKPD and their sub units row by row; a KUA-PPAS Tabel IV.3 has one sheet per SKPD
headed by ``1.01.2.22.0.00.01.0000 Dinas Pendidikan dan Kebudayaan``. Readers return one :class:`Section` per
SKPD so the import can store one document per PD (or refuse a ``--pd`` that names another SKPD), and a file
that names no SKPD (a Renja of one PD) is one section whose ``skpd`` is None.

:func:`complete_pagu` gives program and kegiatan the sum of their children's pagu when the file states pagu
only at the bottom (a Rekap budgets sub kegiatan only): the same plan then has the same totals per level
whichever layout it came from.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from selaras.domain import Budget, Item, ItemLevel, NomenclatureCode, Plan

__all__ = [
    "SKPD_CODE",
    "Section",
    "Skpd",
    "complete_pagu",
    "fold_sub_units",
    "is_export_marker",
    "is_placeholder_indicator",
    "is_subtotal",
    "jenis_label",
    "money",
    "skpd_heading",
    "wrong_level",
]

SKPD_CODE = re.compile(r"^\d{1,2}\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}$")
"""SIPD's unit code: bidang 1 (``1.01``), bidang 2 (``2.22``), bidang 3 (``0.00``), unit and sub unit numbers."""
_HEADING = re.compile(r"^\s*(\d{1,2}\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4})\s+(\S.*?)\s*$", re.DOTALL)
_SEN = Decimal("0.01")
_SUBTOTAL = re.compile(r"^(sub\s*-?\s*total|grand\s*total|total|jumlah)\b", re.IGNORECASE)
_JENIS_LABEL = {"provinsi": "provinsi", "kabupaten_kota": "kabupaten/kota"}


@dataclass(frozen=True, slots=True)
class Skpd:
    """An SKPD (or sub unit) as the file names it: SIPD's unit code and its name."""

    kode: str
    nama: str

    @property
    def bidang_urusan(self) -> tuple[str, ...]:
        """The bidang urusan the unit code carries (``1.01.2.22.…`` → ``1.01``, ``2.22``; ``0.00`` is none)."""
        if not SKPD_CODE.match(self.kode):
            return ()
        parts = self.kode.split(".")
        pairs = (f"{parts[0]}.{parts[1]}", f"{parts[2]}.{parts[3]}", f"{parts[4]}.{parts[5]}")
        return tuple(pair for pair in pairs if not pair.startswith("0."))

    @property
    def parent_code(self) -> str | None:
        """The SKPD a sub unit belongs to: SIPD numbers an SKPD ``….0000`` and its sub units (a Puskesmas
        ``….0001``, an RSUD ``….1000``) under the same prefix. None for an SKPD itself or an unknown code."""
        if not SKPD_CODE.match(self.kode) or self.kode.endswith(".0000"):
            return None
        return self.kode[:-4] + "0000"

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}".strip()


@dataclass(slots=True)
class Section:
    """The part of a file that belongs to one SKPD (``skpd`` None when the file does not say whose it is)."""

    skpd: Skpd | None
    plan: Plan
    sheet: str | None = None


def skpd_heading(text: str) -> Skpd | None:
    """``"1.01.2.22.0.00.01.0000 Dinas Pendidikan dan Kebudayaan"`` → that SKPD; None for anything else."""
    match = _HEADING.match(text)
    return Skpd(match.group(1), " ".join(match.group(2).split())) if match else None


def is_subtotal(label: str) -> bool:
    """Whether a row labelled ``label`` is a (sub-)total a planner or a template put between or under the rows
    (``Jumlah``, ``Sub Total``, ``TOTAL``, ``Grand Total``): its amounts repeat the rows', so it is no item."""
    return _SUBTOTAL.match(label) is not None


_EXPORT_MARKER = re.compile(r"^(?:(?:undefined|null|nan|none)\s*)+$", re.IGNORECASE)


def is_export_marker(text: str) -> bool:
    """Whether a cell holds what a web export writes into an empty one (``undefined undefined`` in SIPD-RI):
    no value, whether in an indicator's name or in its target."""
    return _EXPORT_MARKER.match(text) is not None


def is_placeholder_indicator(name: str) -> bool:
    """Whether an indicator cell names no indicator: an export marker, or text without a single letter (``0``
    with target ``0 0``, ``-``), which SIPD's Tabel IV.3 writes for a sub kegiatan given no indicator. An empty
    cell is not a placeholder: it is simply no indicator."""
    return bool(name) and (is_export_marker(name) or not any(character.isalpha() for character in name))


def fold_sub_units(sections: list[Section]) -> list[Section]:
    """Move each sub unit that a file lists as if it were an SKPD (its own sheet in a Tabel IV.3, its own
    "SKPD" in a list) into its SKPD's section when the file has that SKPD too, keyed ``<kode sub unit>/<code>``
    like the sub units of a Rekap. The same pemda then has the same PD and documents whichever export it came
    from; a sub unit whose SKPD the file lacks stays a section of its own."""
    by_code = {section.skpd.kode: section for section in sections if section.skpd and section.skpd.kode}
    kept: list[Section] = []
    for section in sections:
        parent_code = section.skpd.parent_code if section.skpd else None
        parent = by_code.get(parent_code) if parent_code else None
        if parent is None or section.skpd is None:
            kept.append(section)
            continue
        prefix = section.skpd.kode
        for item in section.plan.items:
            item.key = f"{prefix}/{item.key}"
            item.parent = f"{prefix}/{item.parent}" if item.parent else None
            item.unit = item.unit or section.skpd.nama
            item.order = len(parent.plan.items) + 1
            parent.plan.items.append(item)
    return kept


def money(value: Decimal, from_float: bool) -> Decimal:
    """An amount read from a cell; Excel stores rupiah as binary doubles (``8349008827.950001``), so a value
    that came from a float is rounded to the sen, the smallest unit a budget is written in."""
    return value.quantize(_SEN, ROUND_HALF_UP) if from_float and value != value.to_integral_value() else value


def complete_pagu(plan: Plan) -> None:
    """Give each program and kegiatan without pagu of its own the per-year sum of its children's pagu."""
    children: dict[str, list[Item]] = defaultdict(list)
    for item in plan.items:
        if item.parent is not None:
            children[item.parent].append(item)

    def fill(item: Item) -> None:
        below = children.get(item.key, [])
        for child in below:
            fill(child)
        if item.budgets or item.level is ItemLevel.SUB_KEGIATAN or not below:
            return
        totals: dict[int, Decimal] = {}
        for child in below:
            for budget in child.budgets:
                totals[budget.year] = totals.get(budget.year, Decimal(0)) + budget.pagu
        item.budgets = [Budget(year, total) for year, total in sorted(totals.items())]

    for item in plan.items:
        if item.level is ItemLevel.PROGRAM:
            fill(item)


def jenis_label(jenis: str) -> str:
    """``kabupaten/kota`` for ``kabupaten_kota``: a nomenclature level as messages write it."""
    return _JENIS_LABEL.get(jenis, jenis)


def wrong_level(code: NomenclatureCode, jenis: str) -> tuple[str, str] | None:
    """The ``found`` / ``expected`` of a ``code-wrong-level`` problem when the code's kewenangan digit is another
    pemda level's (SIPD does not let a pemda budget another level's kegiatan); None when it fits."""
    kewenangan = code.kewenangan
    if kewenangan is None or kewenangan == jenis:
        return None
    level = code.level.value.replace("_", " ")
    return f"{level} kewenangan {jenis_label(kewenangan)}", f"{level} kewenangan {jenis_label(jenis)}"

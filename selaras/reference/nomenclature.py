"""The nomenclature of urusan → bidang urusan → program → kegiatan → sub kegiatan as a lookup.

The bundled default is the 2020 list (Permendagri 90/2019 + Kepmendagri 050-3708/2020, see
``data/SOURCE.md``). Real plans run ahead of any bundled list, so a pemda can load a newer CSV of the
same columns (setting ``nomenclature_path``); unknown but well-formed codes are warnings, never refusals.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO

from selaras.domain.codes import CodeLevel, NomenclatureCode, parse_code
from selaras.errors import ReferenceDataError

__all__ = ["JENIS", "Nomenclature", "NomenclatureEntry", "bundled_nomenclature", "load_nomenclature"]

JENIS = ("provinsi", "kabupaten_kota")
_COLUMNS = {
    CodeLevel.URUSAN: ("kode_urusan", "nama_urusan"),
    CodeLevel.BIDANG_URUSAN: ("kode_bidang_urusan", "nama_bidang_urusan"),
    CodeLevel.PROGRAM: ("kode_program", "nama_program"),
    CodeLevel.KEGIATAN: ("kode_kegiatan", "nama_kegiatan"),
    CodeLevel.SUB_KEGIATAN: ("kode_sub_kegiatan", "nama_sub_kegiatan"),
}


@dataclass(frozen=True, slots=True)
class NomenclatureEntry:
    """One code of the list; ``jenis`` says for which pemda levels it exists."""

    code: NomenclatureCode
    name: str
    jenis: frozenset[str]
    active: bool


class Nomenclature:
    """Answers: does this code exist for this pemda level, what is its official name, what is below it."""

    def __init__(self, entries: dict[str, NomenclatureEntry], *, label: str) -> None:
        self._entries = entries
        self.label = label

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, code: NomenclatureCode | str, jenis: str | None = None) -> NomenclatureEntry | None:
        """The entry for ``code``, trying the ``X.XX`` form for program penunjang (``5.01.01`` → ``X.XX.01``).

        With ``jenis`` (``provinsi`` / ``kabupaten_kota``) only entries valid for that level are returned.
        """
        parsed = code if isinstance(code, NomenclatureCode) else parse_code(code)
        candidates = [parsed]
        if parsed.is_penunjang and parsed.segments[0] != "X":
            candidates.append(parsed.as_placeholder())
        for candidate in candidates:
            entry = self._entries.get(candidate.text)
            if entry is not None and (jenis is None or jenis in entry.jenis):
                return entry
        return None

    def exists(self, code: NomenclatureCode | str, jenis: str | None = None) -> bool:
        return self.lookup(code, jenis) is not None

    def entries(self, level: CodeLevel | None = None, jenis: str | None = None) -> Iterator[NomenclatureEntry]:
        """All entries (of one level and pemda level when given), in code order."""
        for entry in self._entries.values():
            if (level is None or entry.code.level is level) and (jenis is None or jenis in entry.jenis):
                yield entry

    def children(self, code: NomenclatureCode | str, jenis: str | None = None) -> list[NomenclatureEntry]:
        parent = code if isinstance(code, NomenclatureCode) else parse_code(code)
        return [
            entry
            for entry in self._entries.values()
            if entry.code.parent == parent and (jenis is None or jenis in entry.jenis)
        ]


_GLUED_KEGIATAN = re.compile(r"\.\.([12])(\d{2})")


def _repair(raw: str) -> str:
    """Undo two conversion artefacts of the 2020 list: ``1.03.13. .201.0001`` and ``4.02.02.2.06 .0001``."""
    return _GLUED_KEGIATAN.sub(r".\1.\2", raw.replace(" ", ""))


def _read(handle: IO[str], *, label: str) -> Nomenclature:
    reader = csv.DictReader(handle)
    missing = {column for pair in _COLUMNS.values() for column in pair} - set(reader.fieldnames or ())
    if missing:
        raise ReferenceDataError(f"{label}: kolom tidak ada: {', '.join(sorted(missing))}")
    entries: dict[str, NomenclatureEntry] = {}
    for line, row in enumerate(reader, start=2):
        jenis = row.get("jenis_pemda", "").strip()
        active = row.get("status_data", "aktif").strip() != "nonaktif"
        for level, (code_column, name_column) in _COLUMNS.items():
            try:
                code = parse_code(_repair(row[code_column]))
            except ValueError as exc:
                raise ReferenceDataError(f"{label} baris {line}, kolom {code_column}: {exc}") from None
            if code.level is not level:
                raise ReferenceDataError(f"{label} baris {line}: {code} bukan {level.value}")
            known = entries.get(code.text)
            levels = frozenset({jenis}) | (known.jenis if known else frozenset())
            entries[code.text] = NomenclatureEntry(
                code, row[name_column].strip(), levels, active or (known is not None and known.active)
            )
    return Nomenclature(dict(sorted(entries.items())), label=label)


def load_nomenclature(path: Path) -> Nomenclature:
    """Load a nomenclature CSV with the bundled file's columns (a newer Kepmendagri list, for example)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return _read(handle, label=path.name)
    except OSError as exc:
        raise ReferenceDataError(f"nomenklatur {path} tidak dapat dibaca: {exc}") from exc


@cache
def bundled_nomenclature() -> Nomenclature:
    """The 2020 nomenclature shipped with Selaras (read once per process)."""
    path = resources.files("selaras.reference") / "data" / "nomenklatur_2020.csv"
    with path.open(encoding="utf-8") as handle:
        return _read(handle, label="Kepmendagri 050-3708/2020")

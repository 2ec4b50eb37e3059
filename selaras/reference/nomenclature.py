"""The nomenclature of urusan → bidang urusan → program → kegiatan → sub kegiatan as a lookup.

One :class:`Nomenclature` is one list (one version). Two are bundled (``data/SOURCE.md``): the 2020 list
(Permendagri 90/2019 + Kepmendagri 050-3708/2020, :func:`bundled_nomenclature`) and the current SIPD list,
which also carries each sub kegiatan's standard kinerja, indikator and satuan; which one applies to a
document is :mod:`selaras.reference.nomenclature_versions`' business. A pemda can load a CSV of the same
columns (setting ``nomenclature_path``); unknown but well-formed codes are warnings, never refusals.

The same code can mean different things for provinsi and kabupaten/kota (the special-autonomy blocks of the
current list, ``1.01.02.3.05.0001``), so an entry belongs to the pemda levels it was listed for, and a code
listed differently for each level has one entry per level.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO

from selaras.domain.codes import CodeLevel, NomenclatureCode, parse_code
from selaras.errors import ReferenceDataError

__all__ = [
    "JENIS",
    "Nomenclature",
    "NomenclatureEntry",
    "bundled_nomenclature",
    "load_nomenclature",
    "read_nomenclature",
]

JENIS = ("provinsi", "kabupaten_kota")
_COLUMNS = {
    CodeLevel.URUSAN: ("kode_urusan", "nama_urusan"),
    CodeLevel.BIDANG_URUSAN: ("kode_bidang_urusan", "nama_bidang_urusan"),
    CodeLevel.PROGRAM: ("kode_program", "nama_program"),
    CodeLevel.KEGIATAN: ("kode_kegiatan", "nama_kegiatan"),
    CodeLevel.SUB_KEGIATAN: ("kode_sub_kegiatan", "nama_sub_kegiatan"),
}
LABEL_2020 = "Kepmendagri 050-3708/2020"


@dataclass(frozen=True, slots=True)
class NomenclatureEntry:
    """One code of the list; ``jenis`` says for which pemda levels it exists.

    The metadata is filled for sub kegiatan of lists that carry it (the current SIPD list) and empty
    otherwise: ``kinerja``, ``indikator`` and ``satuan`` are the standard performance statement and output
    indicator SIPD attaches to the sub kegiatan, ``tags`` its thematic tags (``PERUBAHAN IKLIM``), ``spm``
    whether it serves a minimum service standard (None: the list does not say), and ``predecessor`` the
    code it replaced (``kode_sub_kegiatan_sebelumnya``).
    """

    code: NomenclatureCode
    name: str
    jenis: frozenset[str]
    active: bool
    kinerja: str = ""
    indikator: str = ""
    satuan: str = ""
    tags: tuple[str, ...] = ()
    spm: bool | None = None
    predecessor: str | None = None


class Nomenclature:
    """Answers: does this code exist for this pemda level, what is its official name, what is below it.

    A list on its own is in force for every year and is its own only version; the bundled set
    (:class:`~selaras.reference.nomenclature_versions.NomenclatureVersions`) overrides both.
    """

    def __init__(self, entries: Mapping[str, tuple[NomenclatureEntry, ...]], *, label: str) -> None:
        self._entries = entries
        self.label = label
        self._successors: dict[tuple[str, str], list[NomenclatureEntry]] | None = None

    def __len__(self) -> int:
        return sum(len(per_code) for per_code in self._entries.values())

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.label!r}>"

    def in_force(self, year: int) -> Nomenclature:
        """The list that applies to a document whose (first) year is ``year``: this one."""
        return self

    def tolerated(self, year: int) -> tuple[Nomenclature, ...]:
        """Older lists whose codes are still accepted in ``year``: none, one list applies to every year."""
        return ()

    def versions(self) -> tuple[Nomenclature, ...]:
        """Every list whose names count as correct: only this one."""
        return (self,)

    def lookup(self, code: NomenclatureCode | str, jenis: str | None = None) -> NomenclatureEntry | None:
        """The entry for ``code``, trying the ``X.XX`` form for program penunjang (``5.01.01`` → ``X.XX.01``).

        With ``jenis`` (``provinsi`` / ``kabupaten_kota``) only entries valid for that level are returned;
        without it, a code listed differently for each level gives its first entry.
        """
        parsed = code if isinstance(code, NomenclatureCode) else parse_code(code)
        candidates = [parsed]
        if parsed.is_penunjang and parsed.segments[0] != "X":
            candidates.append(parsed.as_placeholder())
        for candidate in candidates:
            for entry in self._entries.get(candidate.text, ()):
                if jenis is None or jenis in entry.jenis:
                    return entry
        return None

    def exists(self, code: NomenclatureCode | str, jenis: str | None = None) -> bool:
        return self.lookup(code, jenis) is not None

    def entries(self, level: CodeLevel | None = None, jenis: str | None = None) -> Iterator[NomenclatureEntry]:
        """All entries (of one level and pemda level when given), in code order."""
        for per_code in self._entries.values():
            for entry in per_code:
                if (level is None or entry.code.level is level) and (jenis is None or jenis in entry.jenis):
                    yield entry

    def children(self, code: NomenclatureCode | str, jenis: str | None = None) -> list[NomenclatureEntry]:
        parent = code if isinstance(code, NomenclatureCode) else parse_code(code)
        return [entry for entry in self.entries(jenis=jenis) if entry.code.parent == parent]

    def successors(self, code: NomenclatureCode | str, jenis: str) -> list[NomenclatureEntry]:
        """The sub kegiatan of this list that name ``code`` as their predecessor (program penunjang also
        through its ``X.XX`` form), for a code that was replaced."""
        if self._successors is None:
            self._successors = {}
            for entry in self.entries(CodeLevel.SUB_KEGIATAN):
                for level in entry.jenis if entry.predecessor else ():
                    self._successors.setdefault((entry.predecessor or "", level), []).append(entry)
        parsed = code if isinstance(code, NomenclatureCode) else parse_code(code)
        found = self._successors.get((parsed.text, jenis), [])
        if not found and parsed.is_penunjang and parsed.segments[0] != "X":
            found = self._successors.get((parsed.as_placeholder().text, jenis), [])
        return list(found)


_GLUED_KEGIATAN = re.compile(r"\.\.([12])(\d{2})")


def _repair(raw: str) -> str:
    """Undo two conversion artefacts of the 2020 list: ``1.03.13. .201.0001`` and ``4.02.02.2.06 .0001``."""
    return _GLUED_KEGIATAN.sub(r".\1.\2", raw.replace(" ", ""))


def _metadata(row: Mapping[str, str | None]) -> dict[str, object]:
    """The optional sub kegiatan columns of a row; absent columns leave the entry's defaults."""

    def cell(column: str) -> str:
        return " ".join((row.get(column) or "").split())

    spm = cell("spm").upper()
    predecessor = cell("kode_sub_kegiatan_sebelumnya")
    return {
        "kinerja": cell("kinerja"),
        "indikator": cell("indikator"),
        "satuan": cell("satuan"),
        "tags": tuple(tag.strip() for tag in cell("tag").split(";") if tag.strip()),
        "spm": {"SPM": True, "NON-SPM": False}.get(spm),
        "predecessor": parse_code(_repair(predecessor)).text if predecessor else None,
    }


def _merge(per_level: list[NomenclatureEntry]) -> tuple[NomenclatureEntry, ...]:
    """One code's entries: those listed alike for both pemda levels become one entry valid for both."""
    merged: list[NomenclatureEntry] = []
    for entry in per_level:
        same = next(
            (i for i, known in enumerate(merged) if replace(known, jenis=entry.jenis, active=entry.active) == entry),
            None,
        )
        if same is None:
            merged.append(entry)
        else:
            known = merged[same]
            merged[same] = replace(known, jenis=known.jenis | entry.jenis, active=known.active or entry.active)
    return tuple(merged)


def read_nomenclature(handle: IO[str], *, label: str) -> Nomenclature:
    """A nomenclature from CSV text with the bundled files' columns; ``label`` names it in messages.

    Required: ``jenis_pemda`` and the code and name of each level. Optional: ``status_data``
    (``nonaktif`` rows are listed but inactive) and the sub kegiatan metadata ``kinerja, indikator, satuan,
    tag, spm, kode_sub_kegiatan_sebelumnya``.
    """
    reader = csv.DictReader(handle)
    missing = {column for pair in _COLUMNS.values() for column in pair} - set(reader.fieldnames or ())
    if missing:
        raise ReferenceDataError(f"{label}: kolom tidak ada: {', '.join(sorted(missing))}")
    by_level: dict[tuple[str, str], NomenclatureEntry] = {}
    for line, row in enumerate(reader, start=2):
        jenis = (row.get("jenis_pemda") or "").strip()
        active = (row.get("status_data") or "aktif").strip() != "nonaktif"
        for level, (code_column, name_column) in _COLUMNS.items():
            try:
                code = parse_code(_repair(row[code_column]))
            except ValueError as exc:
                raise ReferenceDataError(f"{label} baris {line}, kolom {code_column}: {exc}") from None
            try:
                extra = _metadata(row) if level is CodeLevel.SUB_KEGIATAN else {}
            except ValueError as exc:
                raise ReferenceDataError(f"{label} baris {line}, kolom kode_sub_kegiatan_sebelumnya: {exc}") from None
            if code.level is not level:
                raise ReferenceDataError(f"{label} baris {line}: {code} bukan {level.value}")
            known = by_level.get((code.text, jenis))
            by_level[(code.text, jenis)] = NomenclatureEntry(
                code,
                row[name_column].strip(),
                frozenset({jenis}),
                active or (known is not None and known.active),
                **extra,  # type: ignore[arg-type]  # _metadata gives each field its type
            )
    per_code: dict[str, list[NomenclatureEntry]] = {}
    for (code_text, _), entry in sorted(by_level.items(), key=lambda item: (item[0][0], _level_order(item[0][1]))):
        per_code.setdefault(code_text, []).append(entry)
    return Nomenclature({code: _merge(entries) for code, entries in per_code.items()}, label=label)


def _level_order(jenis: str) -> int:
    """Provinsi first, then kabupaten/kota, then anything a loaded file calls otherwise."""
    return JENIS.index(jenis) if jenis in JENIS else len(JENIS)


def load_nomenclature(path: Path) -> Nomenclature:
    """Load a nomenclature CSV with the bundled files' columns (a newer Kepmendagri list, for example)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return read_nomenclature(handle, label=path.name)
    except OSError as exc:
        raise ReferenceDataError(f"nomenklatur {path} tidak dapat dibaca: {exc}") from exc


@cache
def read_bundled(name: str, label: str) -> Nomenclature:
    """A nomenclature file of ``data/`` (read once per process)."""
    path = resources.files("selaras.reference") / "data" / name
    with path.open(encoding="utf-8") as handle:
        return read_nomenclature(handle, label=label)


def bundled_nomenclature() -> Nomenclature:
    """The 2020 nomenclature shipped with Selaras (read once per process); the list in force for a year is
    :func:`selaras.reference.nomenclature_versions.nomenclature_in_force`."""
    return read_bundled("nomenklatur_2020.csv", LABEL_2020)

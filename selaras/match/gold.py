"""Loaders for the evaluation sets under ``evaluation/`` (described in ``evaluation/README.md``).

The sets are not shipped with the package: they live in the repository, next to the code that is measured
against them, so every default path is taken from the repository root. A malformed file is a
:class:`ReferenceDataError` naming the file, line and column, because a silently skipped row would change the
numbers that get reported.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from selaras.errors import ReferenceDataError

__all__ = [
    "EVALUATION_DIR",
    "SPLITS",
    "GoldItem",
    "LinkTarget",
    "PlanRow",
    "PpuLabel",
    "ProgramLink",
    "RealLink",
    "SampleLinks",
    "SdgCase",
    "SitubondoLinks",
    "load_asta_cita_gold",
    "load_ppu_labels",
    "load_sample_links",
    "load_sdg_benchmark",
    "load_situbondo_links",
]

EVALUATION_DIR = Path(__file__).parents[2] / "evaluation"
SPLITS = ("dev", "test")
_NONE_LABELS = frozenset({"", "-"})  # how the Renja app writes "no priority"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One hand-labelled sub kegiatan: the best Asta Cita / PN number and every defensible one."""

    id: str
    code: str
    text: str
    context: str
    bidang: str
    pn: int
    acceptable: frozenset[int]
    split: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class SdgCase:
    """One row of the SDG classification benchmark: is ``sdg`` present in ``text``?"""

    id: str
    text: str
    sdg: int
    label: bool


@dataclass(frozen=True, slots=True)
class RealLink:
    """A link a planner made in a real plan (source item → the item above it)."""

    source_id: str
    source_text: str
    target_id: str
    target_text: str


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """A candidate target of a real plan with its indicators (what a matcher may compare against)."""

    id: str
    text: str
    indicators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SitubondoLinks:
    """The Renstra BAPPERIDA Situbondo cascade: program → sasaran → tujuan, with all candidate targets."""

    program_sasaran: list[RealLink]
    sasaran_tujuan: list[RealLink]
    sasaran: list[LinkTarget]
    tujuan: list[LinkTarget]


@dataclass(frozen=True, slots=True)
class PpuLabel:
    """A Renja 2024 sub kegiatan with the priority labels its planners chose (``None``: marked "-").

    ``prioritas_nasional`` names an RKP 2024 priority (RPJMN 2020-2024), not an Asta Cita / PN 2025-2029 one.
    """

    code: str
    text: str
    indicator: str
    prioritas_nasional: str | None
    prioritas_daerah: str | None


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One item of a target plan (the sample's RPJMD): its key, level, parent, text and indicator names."""

    pemda: str
    key: str
    level: str
    parent: str
    text: str
    indicators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProgramLink:
    """A program linked to the target its planners chose (``target``: the target item's key), in ``split``."""

    id: str
    pemda: str
    pd: str
    code: str
    text: str
    target: str
    split: str


@dataclass(frozen=True, slots=True)
class SampleLinks:
    """The sample's program → RPJMD sasaran set: the RPJMD items, the links inside the RPJMD (priority → sasaran:
    ``(pemda, source key, target key)``) and the labelled programs."""

    items: list[PlanRow]
    links: list[tuple[str, str, str]]
    programs: list[ProgramLink]


class _Row:
    """The cells of one CSV line, with where they came from for error messages."""

    def __init__(self, path: Path, line: int, cells: Mapping[str, str]) -> None:
        self.path = path
        self.line = line
        self.cells = cells

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def fail(self, column: str, expected: str) -> ReferenceDataError:
        return ReferenceDataError(
            f"{self.path.name} baris {self.line}, kolom {column}: '{self.cells[column]}' bukan {expected}"
        )

    def parse(self, column: str, convert: Callable[[str], T], expected: str) -> T:
        try:
            return convert(self.cells[column])
        except ValueError:
            raise self.fail(column, expected) from None


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[_Row]:
    """Stripped cells of ``columns`` for every line of a UTF-8 CSV file; a missing column is an error."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ReferenceDataError(f"data evaluasi {path} tidak dapat dibaca: {exc}") from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = [column for column in columns if column not in (reader.fieldnames or ())]
        if missing:
            raise ReferenceDataError(f"{path.name}: kolom tidak ada: {', '.join(missing)}")
        for cells in reader:
            yield _Row(path, reader.line_num, {column: (cells[column] or "").strip() for column in columns})


def _pn(text: str) -> int:
    number = int(text)
    if not 1 <= number <= 8:
        raise ValueError(text)
    return number


def _pn_set(text: str) -> frozenset[int]:
    return frozenset(_pn(part) for part in text.split(";"))


def _bool(text: str) -> bool:
    """The benchmark writes pandas booleans (``True``/``False``)."""
    value = {"true": True, "false": False}.get(text.casefold())
    if value is None:
        raise ValueError(text)
    return value


_GOLD_COLUMNS = ("id", "code", "text", "context", "bidang", "pn", "acceptable", "split", "note")


def load_asta_cita_gold(path: Path | None = None) -> list[GoldItem]:
    """The hand-labelled sub kegiatan → Asta Cita / PN set (``evaluation/gold/asta_cita_sub_kegiatan.csv``).

    Checked while reading: ``pn`` and every ``acceptable`` number are 1..8, ``pn`` is among the acceptable
    ones, and ``split`` is ``dev`` or ``test``.
    """
    path = path or EVALUATION_DIR / "gold" / "asta_cita_sub_kegiatan.csv"
    items = []
    for row in _rows(path, _GOLD_COLUMNS):
        pn = row.parse("pn", _pn, "nomor PN 1-8")
        acceptable = row.parse("acceptable", _pn_set, "daftar nomor PN 1-8 dipisah ';'")
        if pn not in acceptable:
            raise row.fail("acceptable", f"daftar yang memuat pn {pn}")
        if row["split"] not in SPLITS:
            raise row.fail("split", "'dev' atau 'test'")
        items.append(
            GoldItem(
                id=row["id"],
                code=row["code"],
                text=row["text"],
                context=row["context"],
                bidang=row["bidang"],
                pn=pn,
                acceptable=acceptable,
                split=row["split"],
                note=row["note"],
            )
        )
    return items


def load_sdg_benchmark(path: Path | None = None) -> list[SdgCase]:
    """The 1,251 expert-labelled (text, SDG, present?) rows of the SDG classification benchmark."""
    path = path or EVALUATION_DIR / "sdg" / "benchmark.csv"
    return [
        SdgCase(
            id=row["id"],
            text=row["text"],
            sdg=row.parse("sdg", int, "nomor SDG"),
            label=row.parse("label", _bool, "True atau False"),
        )
        for row in _rows(path, ("id", "text", "sdg", "label"))
    ]


def _links(path: Path) -> list[RealLink]:
    return [
        RealLink(row["source_id"], row["source_text"], row["target_id"], row["target_text"])
        for row in _rows(path, ("source_id", "source_text", "target_id", "target_text"))
    ]


def _targets(path: Path) -> list[LinkTarget]:
    return [
        LinkTarget(row["id"], row["text"], tuple(part.strip() for part in row["indikator"].split(";") if part.strip()))
        for row in _rows(path, ("id", "text", "indikator"))
    ]


def load_situbondo_links(directory: Path | None = None) -> SitubondoLinks:
    """The real links of the Renstra BAPPERIDA Situbondo 2025-2029 (``evaluation/real/situbondo_*.csv``)."""
    directory = directory or EVALUATION_DIR / "real"
    return SitubondoLinks(
        program_sasaran=_links(directory / "situbondo_program_sasaran.csv"),
        sasaran_tujuan=_links(directory / "situbondo_sasaran_tujuan.csv"),
        sasaran=_targets(directory / "situbondo_sasaran.csv"),
        tujuan=_targets(directory / "situbondo_tujuan.csv"),
    )


def _parts(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def load_sample_links(directory: Path | None = None) -> SampleLinks:
    """The program → RPJMD sasaran set derived from the sample province (``evaluation/sample/``, made by
    ``evaluation/sample/derive.py``). Checked while reading: ``split`` is ``dev`` or ``test``, and every link
    and label names an RPJMD item of its own pemda."""
    directory = directory or EVALUATION_DIR / "sample"
    items = [
        PlanRow(row["pemda"], row["key"], row["level"], row["parent"], row["text"], _parts(row["indikator"]))
        for row in _rows(directory / "rpjmd_items.csv", ("pemda", "key", "level", "parent", "text", "indikator"))
    ]
    known = {(item.pemda, item.key) for item in items}
    links = []
    for row in _rows(directory / "rpjmd_links.csv", ("pemda", "source", "target")):
        for column in ("source", "target"):
            if (row["pemda"], row[column]) not in known:
                raise row.fail(column, f"butir RPJMD pemda {row['pemda']}")
        links.append((row["pemda"], row["source"], row["target"]))
    programs = []
    for row in _rows(directory / "program_sasaran.csv", ("id", "pemda", "pd", "code", "text", "sasaran", "split")):
        if row["split"] not in SPLITS:
            raise row.fail("split", "'dev' atau 'test'")
        if (row["pemda"], row["sasaran"]) not in known:
            raise row.fail("sasaran", f"sasaran RPJMD pemda {row['pemda']}")
        programs.append(
            ProgramLink(row["id"], row["pemda"], row["pd"], row["code"], row["text"], row["sasaran"], row["split"])
        )
    return SampleLinks(items, links, programs)


def _label(text: str) -> str | None:
    return None if text in _NONE_LABELS else text


def load_ppu_labels(path: Path | None = None) -> list[PpuLabel]:
    """The Renja 2024 of BAPPELITBANG Penajam Paser Utara with its priority labels (``evaluation/real/``)."""
    path = path or EVALUATION_DIR / "real" / "ppu_renja_2024_prioritas.csv"
    columns = ("kode_sub_kegiatan", "nama_sub_kegiatan", "indikator_sub_kegiatan", "prioritas_nasional")
    return [
        PpuLabel(
            code=row["kode_sub_kegiatan"],
            text=row["nama_sub_kegiatan"],
            indicator=row["indikator_sub_kegiatan"],
            prioritas_nasional=_label(row["prioritas_nasional"]),
            prioritas_daerah=_label(row["prioritas_daerah"]),
        )
        for row in _rows(path, (*columns, "prioritas_daerah"))
    ]

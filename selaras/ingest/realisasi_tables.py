"""Reading realisasi per triwulan from the three table shapes planners have, into located rows.

- **daftar** — a flat export with one row per sub kegiatan and the quarters side by side
  (``jml_realisasi_tw1`` … ``nilai_realisasi_tw4``, as the Renja application of Penajam Paser Utara writes it);
  these figures are cumulative (s.d. triwulan), see :data:`DEFAULT_BASIS`;
- **evaluasi** — the table "Evaluasi terhadap hasil Renja Perangkat Daerah" of Permendagri 86/2017: per program,
  kegiatan and sub kegiatan and per indicator, ``Realisasi Kinerja Pada Triwulan I … IV`` each split into ``K``
  (kinerja) and ``Rp`` (anggaran), the quarter alone;
- **selaras** — the ``Realisasi`` sheet of the Selaras workbook (``selaras.workbook.schema.REALISASI_SHEET``): one
  row per item, triwulan and indicator.

Which is which is told by the header, through the one spreadsheet layer (:mod:`selaras.ingest.sheets`): a column
whose header names a triwulan and a measure (``TW 2``, ``Triwulan / II / Rp``) is a quarter's realisation; a
``Triwulan`` column makes a long table. Everything else in these tables (targets, the tingkat capaian the table
computed, the Renstra columns) is ignored: Selaras computes capaian itself from the stored targets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from pathlib import Path

from selaras.domain.realisasi import Basis
from selaras.ingest.problems import ImportProblem
from selaras.ingest.sections import is_subtotal
from selaras.ingest.sheets import (
    HeaderLayout,
    Row,
    Sheet,
    SheetReadError,
    cell_text,
    code_text,
    locate_header,
    normalize_header,
    open_spreadsheet,
    parse_measure,
)
from selaras.numbers import parse_number

__all__ = ["DEFAULT_BASIS", "FIELDS", "RawRealisasi", "RealisasiTable", "read_realisasi_table"]

FIELDS: dict[str, tuple[str, ...]] = {
    "code": ("kode", "no kode", "kode sub kegiatan", "kode rekening", "kode nomenklatur", "kunci item", "kunci"),
    "name": (
        "nama sub kegiatan",
        "uraian",
        "program kegiatan sub kegiatan",
        "urusan bidang urusan pemerintahan daerah dan program kegiatan",
        "urusan bidang urusan pemerintahan daerah dan program kegiatan sub kegiatan",
    ),
    "indicator": (
        "indikator sub kegiatan",
        "indikator kinerja",
        "indikator",
        "nama indikator",
        "indikator kinerja program outcomes kegiatan output",
        "indikator kinerja program outcome kegiatan output",
        "indikator kinerja program outcome kegiatan output sub kegiatan output",
    ),
    "triwulan": ("triwulan", "tw"),
    "kinerja": ("realisasi kinerja", "realisasi fisik"),
    "anggaran": ("realisasi anggaran", "realisasi keuangan"),
}
DEFAULT_BASIS = {"daftar": Basis.KUMULATIF, "evaluasi": Basis.TRIWULAN, "selaras": Basis.TRIWULAN}
"""How each shape reports unless told otherwise. The flat export is cumulative: in the real Penajam Paser Utara
file a sub kegiatan with pagu Rp 29.400.000 reports Rp 10.000.000 in TW I and Rp 20.000.000 in TW II, which as
quarters alone would spend more than the pagu; the evaluation table is per quarter by the regulation's design (its
column 12 is the sum of columns 8-11)."""

_QUARTER = re.compile(r"\b(?:tw|triwulan)\s*(iv|iii|ii|i|[1-4])\b")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONEY = re.compile(r"\b(rp|nilai|anggaran|keuangan)\b")
_PHYSICAL = re.compile(r"\b(k|jml|jumlah|kinerja|fisik|volume)\b")


@dataclass(frozen=True, slots=True)
class RawRealisasi:
    """One figure as the file wrote it: which item (code or key), indicator, triwulan, what and where."""

    sheet: str | None
    row: int
    code: str
    indicator: str
    triwulan: int
    measure: str  # kinerja | anggaran
    value: Decimal
    column: str
    code_column: str


@dataclass(slots=True)
class RealisasiTable:
    """What a file holds: its shape, the figures, the quarters it reports, and the problems found reading it."""

    shape: str
    figures: list[RawRealisasi]
    quarters: tuple[int, ...]
    problems: list[ImportProblem]


@dataclass(frozen=True, slots=True)
class _Wide:
    index: int
    label: str
    triwulan: int
    measure: str


def _wide_columns(layout: HeaderLayout) -> list[_Wide]:
    """Columns whose header names a triwulan and whether it is kinerja or anggaran."""
    found = []
    for column in layout.columns:
        label = normalize_header(column.label.replace("_", " "))
        quarter = _QUARTER.search(label.replace("tw ", "tw"))
        if quarter is None or "realisasi" not in label:
            continue
        measure = "anggaran" if _MONEY.search(label) else "kinerja" if _PHYSICAL.search(label) else None
        if measure is not None:
            found.append(_Wide(column.index, column.label, _ROMAN[quarter.group(1)], measure))
    return found


def read_realisasi_table(path: Path) -> RealisasiTable:
    """Find the realisasi table in ``path`` and read every figure with its location; a file that cannot be read
    or holds no such table gives the one problem that says why."""
    try:
        with open_spreadsheet(path) as book:
            for sheet in book.sheets:
                head = list(islice(sheet.rows(), 30))
                layout = locate_header(head, FIELDS)
                if layout is None or not layout.of("code"):
                    continue
                wide = _wide_columns(layout)
                if wide:
                    shape = (
                        "evaluasi"
                        if any(
                            column.measure == "anggaran" and "rp" in normalize_header(column.label).split()
                            for column in wide
                        )
                        else "daftar"
                    )
                    return _read_wide(book.name, sheet, layout, wide, shape)
                if layout.of("triwulan") and (layout.of("kinerja") or layout.of("anggaran")):
                    return _read_long(book.name, sheet, layout)
            expected = "Kode, Indikator dan kolom realisasi per triwulan (mis. 'Realisasi Kinerja Triwulan I')"
            return RealisasiTable(
                "", [], (), [ImportProblem.in_file("header-not-found", file=path.name, expected=expected)]
            )
    except SheetReadError as error:
        return RealisasiTable("", [], (), [error.problem])


def _rows(sheet: Sheet, layout: HeaderLayout) -> Iterator[tuple[int, Row]]:
    for number, values in sheet.rows(layout.data_row):
        if any(cell_text(value) for value in values):
            yield number, values


def _cell(values: Row, index: int | None) -> object:
    return values[index] if index is not None and index < len(values) else None


def _read_wide(file: str, sheet: Sheet, layout: HeaderLayout, wide: list[_Wide], shape: str) -> RealisasiTable:
    code_column = layout.of("code")[0]
    indicator_column = layout.first("indicator")
    figures: list[RawRealisasi] = []
    problems: list[ImportProblem] = []
    code = ""
    for number, values in _rows(sheet, layout):
        own = code_text(_cell(values, code_column.index))
        if is_subtotal(own):
            code = ""  # a "Jumlah" row sums the items above; rows after it continue no item
            continue
        if own:
            code = own
        indicator = cell_text(_cell(values, indicator_column.index if indicator_column else None))
        if not code or (not own and not indicator):
            continue  # a heading or total row above the first item, or a blank continuation
        for column in wide:
            raw = _cell(values, column.index)
            value, problem = _number(raw, file, sheet.name, number, column.label, column.measure)
            if problem is not None:
                problems.append(problem)
            elif value is not None:
                figures.append(
                    RawRealisasi(
                        sheet.name,
                        number,
                        code,
                        indicator,
                        column.triwulan,
                        column.measure,
                        value,
                        column.label,
                        code_column.label,
                    )
                )
    quarters = _reported(figures) if shape == "daftar" else tuple(sorted({column.triwulan for column in wide}))
    figures = [figure for figure in figures if figure.triwulan in quarters]
    return RealisasiTable(shape, figures, quarters, problems)


def _reported(figures: list[RawRealisasi]) -> tuple[int, ...]:
    """Quarters of a flat export that report anything: the export writes ``0`` into every quarter not yet filled
    in, so a quarter that is zero in every row has not been reported (TW III and TW IV of the PPU file)."""
    return tuple(sorted({figure.triwulan for figure in figures if figure.value}))


def _read_long(file: str, sheet: Sheet, layout: HeaderLayout) -> RealisasiTable:
    code_column = layout.of("code")[0]
    quarter_column = layout.of("triwulan")[0]
    indicator_column = layout.first("indicator")
    measures = [(name, column) for name in ("kinerja", "anggaran") for column in layout.of(name)[:1]]
    figures: list[RawRealisasi] = []
    problems: list[ImportProblem] = []
    for number, values in _rows(sheet, layout):
        code = code_text(_cell(values, code_column.index))
        quarter_cell = _cell(values, quarter_column.index)
        quarter = _ROMAN.get(normalize_header(quarter_cell).removeprefix("tw").strip())
        if not code:
            problems.append(_at(file, sheet.name, number, code_column.label, "", "required", expected="kunci item"))
            continue
        if quarter is None:
            problems.append(
                _at(
                    file,
                    sheet.name,
                    number,
                    quarter_column.label,
                    quarter_cell,
                    "invalid-choice",
                    expected="1, 2, 3, 4",
                )
            )
            continue
        indicator = cell_text(_cell(values, indicator_column.index if indicator_column else None))
        for measure, column in measures:
            value, problem = _number(_cell(values, column.index), file, sheet.name, number, column.label, measure)
            if problem is not None:
                problems.append(problem)
            elif value is not None:
                figures.append(
                    RawRealisasi(
                        sheet.name, number, code, indicator, quarter, measure, value, column.label, code_column.label
                    )
                )
    return RealisasiTable("selaras", figures, tuple(sorted({figure.triwulan for figure in figures})), problems)


def _number(
    raw: object, file: str, sheet: str | None, row: int, column: str, measure: str
) -> tuple[Decimal | None, ImportProblem | None]:
    try:
        value = parse_measure(raw)[0] if measure == "kinerja" else parse_number(raw)
    except ValueError:
        return None, _at(file, sheet, row, column, raw, "not-a-number")
    if value is not None and value < 0:
        return None, _at(file, sheet, row, column, raw, "negative")
    return value, None


def _at(file: str, sheet: str | None, row: int, column: str, value: object, code: str, **params: str) -> ImportProblem:
    return ImportProblem(code, file, sheet, row, column, cell_text(value), params=params)

"""Reader for SIPD-style hierarchical tables: the program/kegiatan/sub kegiatan tables of a Renstra, Renja,
RKPD or RPJMD as planners receive them (Excel .xlsx/.xlsm or CSV).

Each row is a program, kegiatan or sub kegiatan identified by its nomenclature code; the level follows from the
code. Urusan and bidang urusan rows head their groups and are not items. Rows without a code but with an
indicator continue the item above (its second, third … indicator); sub-total and blank rows are skipped, so pagu
is never counted twice. Headers are found by synonyms anywhere in the first rows, over one to three rows
(``Target`` merged over ``2026 … 2030``); a single Target/Pagu column belongs to the document's only year.

Judgement calls, so planners get the same answer every time:

- A kegiatan or sub kegiatan whose kewenangan digit (``2.01`` kab/kota, ``1.01`` provinsi) does not fit the
  pemda level is ``code-wrong-level`` (galat): SIPD does not let a pemda budget another level's kegiatan. So is a
  code deeper than a sub kegiatan (7 segments).
- A well-formed code the nomenclature does not know is only a warning (``unknown-code``): plans run ahead of
  any bundled list. The item is imported.
- Year columns outside the document period (a Renja's ``Prakiraan Maju`` year) are skipped with a warning.
- Indicator rows under an urusan/bidang heading describe the group, not an item, and are skipped.
- ``"14 Dokumen"`` in a target cell is target 14, satuan ``Dokumen`` when the row has no satuan of its own (or the
  same one); ``"12,5%"`` gives satuan ``%`` likewise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from selaras.domain import (
    Budget,
    CodeLevel,
    Document,
    Indicator,
    IndicatorKind,
    Item,
    ItemLevel,
    NomenclatureCode,
    Plan,
    parse_code,
)
from selaras.ingest.problems import ImportProblem, Severity
from selaras.ingest.sheets import (
    Column,
    HeaderLayout,
    Row,
    SheetReadError,
    Spreadsheet,
    cell_text,
    code_text,
    find_table,
    open_spreadsheet,
    parse_measure,
)
from selaras.numbers import parse_number
from selaras.reference.nomenclature import Nomenclature

__all__ = ["FIELDS", "read_sipd"]

# Header synonyms per field, as they appear in SIPD exports, Permendagri 86/2017 tables and pemda templates.
FIELDS: dict[str, tuple[str, ...]] = {
    "code": ("Kode", "Kode Rekening", "No. Kode", "Kode Program/Kegiatan/Sub Kegiatan", "Kode Nomenklatur"),
    "name": (
        "Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan",
        "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
        "Program/Kegiatan/Sub Kegiatan",
        "Program, Kegiatan dan Sub Kegiatan",
        "Program dan Kegiatan",
        "Uraian",
        "Nomenklatur",
        "Nama Program/Kegiatan",
        "Nama Program/Kegiatan/Sub Kegiatan",
        "Uraian Program/Kegiatan/Sub Kegiatan",
    ),
    "indicator": (
        "Indikator Kinerja",
        "Indikator",
        "Indikator Kinerja Program (Outcome)/Kegiatan (Output)",
        "Indikator Kinerja Program/Kegiatan/Sub Kegiatan",
        "Indikator Kinerja Program/Kegiatan",
        "Tolok Ukur",
        "Tolok Ukur Kinerja",
    ),
    "target": ("Target", "Target Kinerja", "Target Capaian Kinerja", "Target Capaian"),
    "satuan": ("Satuan", "Satuan Target"),
    "pagu": ("Pagu Indikatif", "Pagu", "Anggaran", "Pagu Anggaran", "Rp", "Kebutuhan Dana", "Pagu Indikatif (Rp)"),
    "pd": (
        "Perangkat Daerah",
        "OPD",
        "SKPD",
        "PD Penanggung Jawab",
        "Perangkat Daerah Penanggung Jawab",
        "Unit Kerja PD Penanggung Jawab",
    ),
    "lokasi": ("Lokasi", "Lokasi Kegiatan"),
    "sumber_dana": ("Sumber Dana",),
    "baseline": (
        "Kondisi Awal",
        "Baseline",
        "Capaian Awal",
        "Kondisi Kinerja Awal",
        "Data Capaian pada Tahun Awal Perencanaan",
    ),
}
REQUIRED = {"code": "Kode", "name": "Uraian (nama program/kegiatan/sub kegiatan)"}
HEAD_ROWS = 30  # title rows above the header: document title, pemda, PD, period, blank lines
PROGRESS_EVERY = 500
_SUBTOTAL = re.compile(r"^(sub\s*-?\s*total|grand\s*total|total|jumlah)\b", re.IGNORECASE)
_JENIS_LABEL = {"provinsi": "provinsi", "kabupaten_kota": "kabupaten/kota"}
_KIND = {ItemLevel.PROGRAM: IndicatorKind.OUTCOME}


def read_sipd(
    path: Path,
    *,
    document: Document,
    nomenclature: Nomenclature,
    jenis: str,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Plan, list[ImportProblem]]:
    """Read a SIPD-style table into a :class:`Plan` of ``document`` and every problem found.

    Never raises for bad data: the plan may be partial, and the caller stores nothing when a problem is a galat.
    ``jenis`` (``provinsi`` / ``kabupaten_kota``) is the nomenclature level codes are checked against.
    ``progress(done, total)`` is called every few hundred rows (``total`` is the declared row count, at least
    ``done``).
    """
    reader = _Reader(path.name, document, nomenclature, jenis, progress)
    try:
        with open_spreadsheet(path) as book:
            reader.read(book)
    except SheetReadError as error:
        reader.problems.append(error.problem)
    return reader.plan, reader.problems


@dataclass(frozen=True, slots=True)
class _Columns:
    """What the reader takes from which column; per-year columns keyed by year."""

    code: Column
    name: Column
    indicator: Column | None
    satuan: Column | None
    baseline: Column | None
    pd: Column | None
    lokasi: Column | None
    sumber_dana: Column | None
    targets: dict[int, Column]
    pagu: dict[int, Column]


@dataclass
class _Reader:
    """One read of one file: collects the plan and the problems while walking the rows once."""

    file: str
    document: Document
    nomenclature: Nomenclature
    jenis: str
    progress: Callable[[int, int], None] | None
    problems: list[ImportProblem] = field(default_factory=list)
    sheet: str | None = None
    first_row: dict[str, int] = field(default_factory=dict)  # item key -> row where it appeared
    current: Item | None = None  # the item continuation rows attach to
    drop_continuations: bool = False  # after a heading or a rejected row, indicator rows belong to no item

    def __post_init__(self) -> None:
        self.plan = Plan(self.document)

    # --- problems ----------------------------------------------------------------------------------------------

    def cell_problem(
        self, code: str, row: int, column: Column, value: object, severity: Severity = Severity.GALAT, **params: object
    ) -> None:
        self.problems.append(
            ImportProblem.at_cell(
                code,
                file=self.file,
                sheet=self.sheet,
                row=row,
                column=column.label,
                value=cell_text(value),
                severity=severity,
                **params,
            )
        )

    def file_problem(self, code: str, sheet: str | None, **params: str) -> None:
        self.problems.append(
            ImportProblem.in_file(code, file=self.file, sheet=sheet, severity=Severity.GALAT, **params)
        )

    # --- sheet and columns -------------------------------------------------------------------------------------

    def read(self, book: Spreadsheet) -> None:
        found = find_table(book, FIELDS, REQUIRED, head_rows=HEAD_ROWS)
        if isinstance(found, list):
            self.problems += found
            return
        sheet, layout = found
        self.sheet = sheet.name
        columns = self.resolve(layout)
        total = max(sheet.max_row - layout.data_row + 1, 0)
        done = 0
        for number, values in sheet.rows(layout.data_row):
            self.row(number, values, columns)
            done += 1
            if self.progress is not None and done % PROGRESS_EVERY == 0:
                self.progress(done, max(total, done))
        if self.progress is not None:
            self.progress(done, done)
        if not self.plan.items and not self.problems:
            self.file_problem("empty", self.sheet, expected="baris program/kegiatan/sub kegiatan di bawah judul kolom")

    def resolve(self, layout: HeaderLayout) -> _Columns:
        first = layout.first
        if layout.of("target") and not layout.of("indicator"):  # targets would have nowhere to go
            self.file_problem("column-missing", self.sheet, expected="Indikator")
        return _Columns(
            code=layout.of("code")[0],  # find_table made sure both exist
            name=layout.of("name")[0],
            indicator=first("indicator"),
            satuan=first("satuan"),
            baseline=first("baseline"),
            pd=first("pd"),
            lokasi=first("lokasi"),
            sumber_dana=first("sumber_dana"),
            targets=self.by_year(layout, "target"),
            pagu=self.by_year(layout, "pagu"),
        )

    def by_year(self, layout: HeaderLayout, name: str) -> dict[int, Column]:
        """Year columns of a field; a single undated column belongs to a one-year document's year.

        When dated columns exist, undated ones (e.g. ``Kondisi Akhir``) are ignored: they repeat a year.
        """
        period = self.document.period
        dated = [column for column in layout.of(name) if column.year is not None]
        undated = [column for column in layout.of(name) if column.year is None]
        if not dated:
            if undated and period.start == period.end:
                return {period.start: undated[0]}
            if undated:
                self.cell_problem("year-missing", layout.last_row, undated[0], undated[0].label, period=period)
            return {}
        by_year: dict[int, Column] = {}
        for column in dated:
            assert column.year is not None and column.year_row is not None
            if column.year not in period:
                self.cell_problem(
                    "invalid-year", column.year_row, column, column.year, Severity.PERINGATAN, expected=period
                )
            else:
                by_year.setdefault(column.year, column)
        return by_year

    # --- rows --------------------------------------------------------------------------------------------------

    def row(self, number: int, values: Row, columns: _Columns) -> None:
        raw_code = _cell(values, columns.code)
        code = code_text(raw_code)
        name = cell_text(_cell(values, columns.name))
        if not code or _SUBTOTAL.match(cell_text(raw_code)):
            self.uncoded(number, values, name, columns)
            return
        try:
            parsed = parse_code(code)
        except ValueError:
            self.reject(number, columns.code, raw_code, code)
            return
        level = parsed.level.item_level
        if level is None:  # urusan / bidang urusan heading
            self.current, self.drop_continuations = None, True
            return
        if not self.acceptable(number, columns.code, raw_code, parsed):
            self.current, self.drop_continuations = None, True
            return
        self.first_row[parsed.text] = number
        if not name:
            self.cell_problem("required", number, columns.name, "", expected=f"nama {level.label}")
        item = Item(
            key=parsed.text,
            level=level,
            text=name,
            code=parsed.text,
            parent=parsed.parent.text if parsed.parent and level is not ItemLevel.PROGRAM else None,
            order=len(self.plan.items) + 1,
            pd=cell_text(_cell(values, columns.pd)) or self.document.pd,
            lokasi=cell_text(_cell(values, columns.lokasi)),
        )
        self.plan.items.append(item)
        self.current, self.drop_continuations = item, False
        self.fill(item, number, values, columns)

    def uncoded(self, number: int, values: Row, name: str, columns: _Columns) -> None:
        """A row without a code: sub-total, blank, or another indicator of the item above (its name blank or
        repeated). A named row is never dropped silently: without a code it cannot be placed."""
        labels = (name, cell_text(_cell(values, columns.code)))
        if any(_SUBTOTAL.match(label) for label in labels) or not (name or cell_text(_cell(values, columns.indicator))):
            return  # sub-total, blank, or a pagu-only total row
        current = self.current
        if (name and (current is None or name != current.text)) or (current is None and not self.drop_continuations):
            self.cell_problem("required", number, columns.code, "", expected="kode nomenklatur")
        elif current is not None:
            self.fill(current, number, values, columns)

    def reject(self, number: int, column: Column, raw: object, code: str) -> None:
        """A code that does not parse: deeper than a sub kegiatan, or simply malformed."""
        segments = code.rstrip(".").split(".")
        try:
            too_deep = len(segments) > 6 and parse_code(".".join(segments[:6])) is not None
        except ValueError:
            too_deep = False
        if too_deep:
            found, expected = f"kode {len(segments)} segmen", "kode sub kegiatan (6 segmen)"
            self.cell_problem("code-wrong-level", number, column, raw, found=found, expected=expected)
        else:
            self.cell_problem("malformed-code", number, column, raw)
        self.current, self.drop_continuations = None, True

    def acceptable(self, number: int, column: Column, raw: object, code: NomenclatureCode) -> bool:
        """Check a well-formed item code: kewenangan, duplicate, parent before it, known to the nomenclature."""
        level = code.level.item_level
        assert level is not None
        kewenangan = code.kewenangan
        if kewenangan is not None and kewenangan != self.jenis:
            found = f"{level.label} kewenangan {_JENIS_LABEL[kewenangan]}"
            expected = f"{level.label} kewenangan {_JENIS_LABEL.get(self.jenis, self.jenis)}"
            self.cell_problem("code-wrong-level", number, column, raw, found=found, expected=expected)
            return False
        if code.text in self.first_row:
            self.cell_problem("duplicate", number, column, raw, first_row=self.first_row[code.text])
            return False
        parent = code.parent
        if code.level is not CodeLevel.PROGRAM and parent is not None and parent.text not in self.first_row:
            expected = f"{parent.level.value.replace('_', ' ')} {parent.text}"
            self.cell_problem("code-orphan", number, column, raw, expected=expected)
        if self.nomenclature.lookup(code, self.jenis) is None:
            self.cell_problem(
                "unknown-code", number, column, raw, Severity.PERINGATAN, reference=self.nomenclature.label
            )
        return True

    # --- values ------------------------------------------------------------------------------------------------

    def fill(self, item: Item, number: int, values: Row, columns: _Columns) -> None:
        """Add the row's indicator (with targets) and pagu to ``item``."""
        name = cell_text(_cell(values, columns.indicator))
        satuan = cell_text(_cell(values, columns.satuan))
        targets: dict[int, Decimal] = {}
        for year, column in columns.targets.items():
            target, unit = self.measure(number, column, _cell(values, column), satuan)
            if target is not None:
                targets[year] = target
            satuan = satuan or unit
        baseline, unit = self.measure(number, columns.baseline, _cell(values, columns.baseline), satuan)
        satuan = satuan or unit
        if name:
            kind = _KIND.get(item.level, IndicatorKind.OUTPUT)
            item.indicators.append(Indicator(name, satuan, kind, baseline, targets=targets))
        elif targets and columns.indicator is not None:
            self.cell_problem("required", number, columns.indicator, "", expected="nama indikator untuk target")
        sumber_dana = cell_text(_cell(values, columns.sumber_dana))
        for year, column in columns.pagu.items():
            amount = self.number(number, column, _cell(values, column))
            if amount is None:
                continue
            if amount < 0:
                self.cell_problem("negative", number, column, _cell(values, column))
                continue
            budget = Budget(year, amount, sumber_dana=sumber_dana)
            if budget not in item.budgets:  # an indicator row repeating its item's pagu adds nothing
                item.budgets.append(budget)

    def number(self, row: int, column: Column, value: object) -> Decimal | None:
        try:
            return parse_number(value)
        except ValueError:
            self.cell_problem("not-a-number", row, column, value)
            return None

    def measure(self, row: int, column: Column | None, value: object, satuan: str) -> tuple[Decimal | None, str]:
        """A target-like cell and the unit written in it (see :func:`parse_measure`)."""
        if column is None:
            return None, ""
        try:
            return parse_measure(value, satuan)
        except ValueError:
            self.cell_problem("not-a-number", row, column, value)
            return None, ""


def _cell(values: Row, column: Column | None) -> object:
    """The value in ``column``; rows may be shorter than the header (trailing blanks are not stored)."""
    return values[column.index] if column is not None and column.index < len(values) else None

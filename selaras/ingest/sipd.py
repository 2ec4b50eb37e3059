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
- A cell with several indicators on separate lines (``"Cakupan A\nCakupan B"`` with targets ``"100 %\n100 %"``) is
  several indicators, each with its own line of target (and satuan, baseline); different line counts are a galat.
- Every sheet with a table is read (a KUA-PPAS Tabel IV.3 has one sheet per SKPD). An SKPD heading row
  (``1.01.2.22.0.00.01.0000 Dinas Pendidikan dan Kebudayaan`` in the code cell) starts that SKPD's section; a
  workbook of several tables without such rows takes each SKPD's name from its sheet. Each section becomes its own
  plan, so codes repeat legitimately across sheets.
- ``undefined`` / ``null`` left by a web export in an indicator line or its target is no value, and an indicator
  "named" ``0`` or ``-`` (target ``0 0``: a Tabel IV.3's sub kegiatan without indicator) is none: the line is
  skipped with a warning rather than refusing the file or storing an indicator called "0".
- Pagu read from number cells is rounded to the sen: Excel stores ``8349008827.95`` as ``8349008827.950001``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
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
from selaras.ingest.limits import TEXT_LIMITS, NumberTooLarge, plan_problems, read_number
from selaras.ingest.problems import ImportProblem, Severity
from selaras.ingest.sections import (
    Section,
    Skpd,
    complete_pagu,
    is_export_marker,
    is_placeholder_indicator,
    is_subtotal,
    money,
    skpd_heading,
    wrong_level,
)
from selaras.ingest.sheets import (
    Column,
    HeaderLayout,
    Row,
    Sheet,
    SheetReadError,
    Spreadsheet,
    cell_at,
    cell_text,
    code_text,
    locate_header,
    opened,
    parse_measure,
)
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
        "Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan",
        "Bidang Urusan/Program/Kegiatan/Sub Kegiatan",
        "Program/Kegiatan/Sub Kegiatan/Rincian Objek",
        "Sub Kegiatan",
        "Nama Sub Kegiatan",
        "Nama",
    ),
    "indicator": (
        "Indikator Kinerja",
        "Indikator",
        "Indikator Kinerja Program (Outcome)/Kegiatan (Output)",
        "Indikator Kinerja Program/Kegiatan/Sub Kegiatan",
        "Indikator Kinerja Program/Kegiatan",
        "Tolok Ukur",
        "Tolok Ukur Kinerja",
        "Indikator Program/Kegiatan/Sub Kegiatan",
        "Indikator Program/Kegiatan",
        "Indikator Kegiatan/Sub Kegiatan",
        "Indikator Kinerja Program/Kegiatan/Sub Kegiatan (Outcome/Output)",
        "Indikator Kinerja Sub Kegiatan",
        "Indikator Kinerja Sub Kegiatan (Output)",
        "Indikator Keluaran",
        "Indikator Sub Kegiatan",
        "Capaian Kinerja",
    ),
    "target": ("Target", "Target Kinerja", "Target Capaian Kinerja", "Target Capaian", "Target Indikator", "Volume"),
    "satuan": ("Satuan", "Satuan Target"),
    "pagu": (
        "Pagu Indikatif",
        "Pagu",
        "Anggaran",
        "Pagu Anggaran",
        "Rp",
        "Kebutuhan Dana",
        "Pagu Indikatif (Rp)",
        "Nilai",
        "Jumlah Anggaran",
        "Alokasi Anggaran",
        "Plafon Anggaran Sementara",
        "Pagu Anggaran Sementara",
        "Dana",
    ),
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
SPLIT_FIELDS = ("indicator", "target", "satuan", "baseline")  # cells that may hold one line per indicator
HEAD_ROWS = 30  # title rows above the header: document title, pemda, PD, period, blank lines
PROGRESS_EVERY = 500
_KIND = {ItemLevel.PROGRAM: IndicatorKind.OUTCOME}


def read_sipd(
    source: Path | Spreadsheet,
    *,
    document: Document,
    nomenclature: Nomenclature,
    jenis: str,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Section], list[ImportProblem]]:
    """Read SIPD-style tables into plans of ``document`` (one :class:`Section` per SKPD) and every problem found.

    Never raises for bad data: plans may be partial, and the caller stores nothing when a problem is a galat.
    ``jenis`` (``provinsi`` / ``kabupaten_kota``) is the nomenclature level codes are checked against.
    ``progress(done, total)`` is called every few hundred rows (``total`` is the declared row count, at least
    ``done``).
    """
    reader = _Reader(source.name, document, nomenclature, jenis, progress)
    try:
        with opened(source) as book:
            reader.read(book)
    except SheetReadError as error:
        reader.problems.append(error.problem)
    sections = [section for section in reader.sections if section.plan.items]
    return sections, reader.problems + plan_problems([section.plan for section in sections], source.name)


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
    sections: list[Section] = field(default_factory=list)
    first_row: dict[str, int] = field(default_factory=dict)  # item key -> row where it appeared
    current: Item | None = None  # the item continuation rows attach to
    drop_continuations: bool = False  # after a heading or a rejected row, indicator rows belong to no item

    @property
    def plan(self) -> Plan:
        """The plan of the section being read."""
        return self.sections[-1].plan

    def start_section(self, skpd: Skpd | None, *, heading: bool = False) -> None:
        """Begin a new SKPD's plan; a heading right under the header names the section the sheet began.

        Indicator rows right after a heading describe the SKPD, not an item; at the top of a sheet they are
        orphans the planner must be told about.
        """
        if self.sections and not self.sections[-1].plan.items and self.sections[-1].sheet == self.sheet:
            self.sections[-1].skpd = skpd or self.sections[-1].skpd
        else:
            self.sections.append(Section(skpd, Plan(self.document), self.sheet))
        self.first_row, self.current, self.drop_continuations = {}, None, heading

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

    def fits(self, row: int, column: Column | None, text: str, field: str) -> bool:
        """Whether ``text`` fits its database column (see :mod:`selaras.ingest.limits`); a galat at the cell if not."""
        if column is None or len(text) <= TEXT_LIMITS[field]:
            return True
        self.cell_problem("too-long", row, column, text, found=len(text), expected=TEXT_LIMITS[field])
        return False

    def file_problem(self, code: str, sheet: str | None, **params: str) -> None:
        self.problems.append(
            ImportProblem.in_file(code, file=self.file, sheet=sheet, severity=Severity.GALAT, **params)
        )

    # --- sheet and columns -------------------------------------------------------------------------------------

    def read(self, book: Spreadsheet) -> None:
        tables: list[tuple[Sheet, HeaderLayout]] = []
        incomplete: list[tuple[Sheet, HeaderLayout]] = []
        filled: list[Sheet] = []
        for sheet in book.sheets:
            head = list(islice(sheet.rows(), HEAD_ROWS))
            if not any(cell_text(value) for _, values in head for value in values):
                continue
            filled.append(sheet)
            layout = locate_header(head, FIELDS)
            if layout is not None and all(layout.of(name) for name in REQUIRED):
                tables.append((sheet, layout))
            elif layout is not None:
                incomplete.append((sheet, layout))
        if not tables:
            self.no_table(book.name, incomplete, filled)
            return
        for sheet, layout in tables:
            self.sheet = sheet.name
            self.start_section(Skpd("", sheet.name or "") if len(tables) > 1 else None)
            self.read_sheet(sheet, layout)
        for section in self.sections:
            complete_pagu(section.plan)
        if not any(section.plan.items for section in self.sections) and not self.problems:
            self.file_problem("empty", self.sheet, expected="baris program/kegiatan/sub kegiatan di bawah judul kolom")

    def no_table(self, file: str, incomplete: list[tuple[Sheet, HeaderLayout]], filled: list[Sheet]) -> None:
        """Say why no sheet holds a table: which required column is missing (with the columns that *were*
        recognised and the names accepted for the missing one), or that no header row was found at all."""
        if incomplete:
            sheet, layout = incomplete[0]
            found = ", ".join(f"'{column.label}'" for column in layout.columns if column.field) or "-"
            for name, expected in REQUIRED.items():
                if not layout.of(name):
                    accepted = ", ".join(f"'{synonym}'" for synonym in FIELDS[name][:8])
                    self.problems.append(
                        ImportProblem.in_file(
                            "column-not-recognised",
                            file=file,
                            sheet=sheet.name,
                            expected=expected,
                            found=found,
                            accepted=accepted,
                            row=layout.first_row,
                        )
                    )
        elif filled:
            expected = ", ".join(REQUIRED.values())
            self.problems.append(
                ImportProblem.in_file("header-not-found", file=file, sheet=filled[0].name, expected=expected)
            )
        else:
            self.problems.append(
                ImportProblem.in_file("empty", file=file, expected="lembar kerja berisi tabel dengan judul kolom")
            )

    def read_sheet(self, sheet: Sheet, layout: HeaderLayout) -> None:
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

    def resolve(self, layout: HeaderLayout) -> _Columns:
        first = layout.first
        if layout.of("target") and not layout.of("indicator"):  # targets would have nowhere to go
            self.file_problem("column-missing", self.sheet, expected="Indikator")
        return _Columns(
            code=layout.of("code")[0],  # read() took only tables that have both
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
        raw_code = cell_at(values, columns.code)
        heading = skpd_heading(cell_text(raw_code)) if isinstance(raw_code, str) else None
        if heading is not None:
            self.start_section(heading, heading=True)
            return
        code = code_text(raw_code)
        name = cell_text(cell_at(values, columns.name))
        if not code or is_subtotal(cell_text(raw_code)):
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
        pd = cell_text(cell_at(values, columns.pd))
        if columns.pd is not None and len(pd) > TEXT_LIMITS["item.pd"]:  # a full SKPD name, as real Renja give
            limit = TEXT_LIMITS["item.pd"]
            self.cell_problem("pd-too-long", number, columns.pd, pd, Severity.PERINGATAN, found=len(pd), expected=limit)
            pd = ""
        item = Item(
            key=parsed.text,
            level=level,
            text=name,
            code=parsed.text,
            parent=parsed.parent.text if parsed.parent and level is not ItemLevel.PROGRAM else None,
            order=len(self.plan.items) + 1,
            pd=pd or self.document.pd,
            lokasi=cell_text(cell_at(values, columns.lokasi)),
        )
        self.plan.items.append(item)
        self.current, self.drop_continuations = item, False
        self.fill(item, number, values, columns)

    def uncoded(self, number: int, values: Row, name: str, columns: _Columns) -> None:
        """A row without a code: sub-total, blank, or another indicator of the item above (its name blank or
        repeated). A named row is never dropped silently: without a code it cannot be placed."""
        labels = (name, cell_text(cell_at(values, columns.code)))
        if any(is_subtotal(label) for label in labels) or not (name or cell_text(cell_at(values, columns.indicator))):
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
        mismatch = wrong_level(code, self.jenis)
        if mismatch is not None:
            self.cell_problem("code-wrong-level", number, column, raw, found=mismatch[0], expected=mismatch[1])
            return False
        if code.text in self.first_row:
            self.cell_problem("duplicate", number, column, raw, first_row=self.first_row[code.text])
            return False
        parent = code.parent
        if code.level is not CodeLevel.PROGRAM and parent is not None and parent.text not in self.first_row:
            expected = f"{parent.level.value.replace('_', ' ')} {parent.text}"
            self.cell_problem("code-orphan", number, column, raw, expected=expected)
        if self.nomenclature.lookup(code, self.jenis) is None:  # the code as read, which older lists are asked for
            self.cell_problem(
                "unknown-code", number, column, code.text, Severity.PERINGATAN, reference=self.nomenclature.label
            )
        return True

    # --- values ------------------------------------------------------------------------------------------------

    def fill(self, item: Item, number: int, values: Row, columns: _Columns) -> None:
        """Add the row's indicators (with targets) and pagu to ``item``."""
        for line in self.indicator_lines(number, values, columns):
            self.indicator(item, number, line, columns)
        sumber_dana = cell_text(cell_at(values, columns.sumber_dana))
        if not self.fits(number, columns.sumber_dana, sumber_dana, "budget.sumber_dana"):
            return
        for year, column in columns.pagu.items():
            raw = cell_at(values, column)
            amount = self.number(number, column, raw)
            if amount is None:
                continue
            if amount < 0:
                self.cell_problem("negative", number, column, raw)
                continue
            budget = Budget(year, money(amount, isinstance(raw, float)), sumber_dana=sumber_dana)
            if budget not in item.budgets:  # an indicator row repeating its item's pagu adds nothing
                item.budgets.append(budget)

    def indicator_lines(self, number: int, values: Row, columns: _Columns) -> list[dict[int, object]]:
        """The row's indicator cells, one mapping (column index → value) per indicator.

        A row normally holds one indicator. When the indicator cell has several lines, each line is an
        indicator, and every other indicator cell (targets, satuan, baseline) must have the same number of lines
        or be blank (a satuan written once is shared by all); otherwise the row is a galat.
        """
        split = [columns.indicator, columns.satuan, columns.baseline, *columns.targets.values()]
        present = [column for column in split if column is not None]
        cells = {column.index: cell_at(values, column) for column in present}
        names = _lines(cells.get(columns.indicator.index) if columns.indicator else None)
        if len(names) <= 1:
            return [cells]
        lines: list[dict[int, object]] = [{} for _ in names]
        for column in present:
            parts = _lines(cells[column.index])
            if column is columns.satuan and len(parts) == 1:
                parts = parts * len(names)  # one satuan written once for indicators that share it
            if len(parts) not in (0, len(names)):
                assert columns.indicator is not None
                self.cell_problem(
                    "line-count",
                    number,
                    column,
                    cells[column.index],
                    found=len(parts),
                    expected=len(names),
                    indicator_column=columns.indicator.label,
                )
                return []
            for position, line in enumerate(lines):
                line[column.index] = parts[position] if parts else None
        return lines

    def indicator(self, item: Item, number: int, cells: dict[int, object], columns: _Columns) -> None:
        def value(column: Column | None) -> object:
            return cells.get(column.index) if column is not None else None

        name = cell_text(value(columns.indicator))
        if is_placeholder_indicator(name):
            assert columns.indicator is not None
            self.cell_problem("empty-marker", number, columns.indicator, name, Severity.PERINGATAN)
            return
        satuan = cell_text(value(columns.satuan))
        if not self.fits(number, columns.satuan, satuan, "indicator.satuan"):
            return
        targets: dict[int, Decimal] = {}
        for year, column in columns.targets.items():
            target, unit = self.measure(number, column, value(column), satuan)
            if target is not None:
                targets[year] = target
            satuan = satuan or unit
        baseline, unit = self.measure(number, columns.baseline, value(columns.baseline), satuan)
        satuan = satuan or unit
        if name:
            kind = _KIND.get(item.level, IndicatorKind.OUTPUT)
            item.indicators.append(Indicator(name, satuan, kind, baseline, targets=targets))
        elif targets and columns.indicator is not None:
            self.cell_problem("required", number, columns.indicator, "", expected="nama indikator untuk target")

    def number(self, row: int, column: Column, value: object) -> Decimal | None:
        try:
            return read_number(value)
        except NumberTooLarge as error:
            self.cell_problem("too-large", row, column, value, expected=error.limit)
            return None
        except ValueError:
            self.cell_problem("not-a-number", row, column, value)
            return None

    def measure(self, row: int, column: Column | None, value: object, satuan: str) -> tuple[Decimal | None, str]:
        """A target-like cell and the unit written in it (see :func:`parse_measure`)."""
        if column is None or is_export_marker(cell_text(value)):
            return None, ""
        try:
            return parse_measure(value, satuan)
        except NumberTooLarge as error:
            self.cell_problem("too-large", row, column, value, expected=error.limit)
            return None, ""
        except ValueError:
            self.cell_problem("not-a-number", row, column, value)
            return None, ""


def _lines(value: object) -> list[str]:
    """The non-blank lines of a text cell; a number or one-line text is one line, blank is none."""
    if value is None:
        return []
    if not isinstance(value, str):
        return [cell_text(value)]
    return [" ".join(line.split()) for line in value.splitlines() if line.strip()]

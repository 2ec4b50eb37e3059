"""Reader for flat SIPD lists: one row per sub kegiatan (or per sub kegiatan × sumber dana × rekening).

Two real shapes, and the variants other years add:

- the SIPD-RI **Rekap** download (``NO, TAHUN, KODE URUSAN, …, KODE SKPD, NAMA SKPD, KODE SUB UNIT, NAMA SUB
  UNIT, …, KODE PROGRAM, NAMA PROGRAM, KODE KEGIATAN, NAMA KEGIATAN, KODE SUB KEGIATAN, NAMA SUB KEGIATAN,
  KODE SUMBER DANA, NAMA SUMBER DANA, KODE REKENING, NAMA REKENING, PAGU``; other years add ``PAKET/KELOMPOK``
  or ``KODE STANDAR HARGA`` columns and pagu with decimals);
- a **list of sub kegiatan per SKPD** (``Kode, Sub Kegiatan, Nilai, Kode SKPD, Nama SKPD, …``) without program
  or kegiatan rows.

Every row names its sub kegiatan by code; program and kegiatan are taken from their own KODE/NAMA columns when
the file has them, otherwise derived from the code and named from the nomenclature in force. Rows are grouped
into one :class:`Section` per SKPD; within it each sub unit other than the SKPD itself (a Puskesmas, a Bagian)
keeps its own items, keyed ``<kode sub unit>/<code>``, because the same sub kegiatan legitimately appears
under several sub units. Rows of one sub kegiatan are summed: the pagu into its :class:`Budget`, and per
sumber dana and per rekening into its :class:`Rincian` lines. Unrecognised columns (``NO``, paket, standar
harga, urusan names) are ignored.

A repeated sub kegiatan is an error only in a file that has no breakdown columns (sumber dana, rekening,
paket, standar harga): there every sub kegiatan of a unit has one row. A row that starts with ``Jumlah`` or
``Total`` and has no code is a total a planner typed in and is skipped, as in the hierarchical tables.

Renja and RKPD lists exported by planning applications and by SIPD add an indicator per row (``Indikator Sub
Kegiatan``, ``Target``, ``Satuan``) and often one pagu column per stage of the year. The reader takes:

- the indicator of the row's sub kegiatan, with its target for the document's (first) year: ``"14 Dokumen"`` in a
  target cell is 14 ``Dokumen``, a separate satuan column works as well, numbers may be Indonesian
  (``1.234,5``). A file that repeats a sub kegiatan once per indicator gives it several indicators; such a
  repeated row must repeat the pagu or leave it blank (else ``pagu-conflict``), and a row that adds neither an
  indicator nor a breakdown line is a ``duplicate``;
- the pagu column of the document's stage when the columns are named after stages (``pagu_rkpd``,
  ``pagu_apbd``, ``pagu_rkpd_perubahan``): Renja and RKPD read the RKPD pagu, KUA-PPAS and APBD the APBD pagu,
  ``--version perubahan`` the perubahan column when there is one; a single generic ``Pagu`` column is read as
  before. Targets named after the change (``target_sebelum`` / ``target_sesudah``, "sebelum/sesudah perubahan"
  as Permendagri 86 writes them) follow the version the same way. Which columns were taken is said in a
  ``columns-chosen`` warning, so nothing is picked silently. A target cell that holds number and satuan
  (``"1 Berita Acara"``) is read in preference to the number and satuan columns split from it: the PPU
  application splits at the first space and stores satuan ``Berita``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import TypeVar

from selaras.domain import (
    Budget,
    Document,
    DocumentKind,
    Indicator,
    IndicatorKind,
    Item,
    ItemLevel,
    NomenclatureCode,
    Plan,
    Rincian,
    RincianKind,
    parse_code,
)
from selaras.ingest.limits import TEXT_LIMITS, NumberTooLarge, plan_problems, read_number
from selaras.ingest.problems import MESSAGES, ImportProblem, Severity
from selaras.ingest.sections import (
    Section,
    Skpd,
    complete_pagu,
    is_placeholder_indicator,
    is_subtotal,
    money,
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
    normalize_header,
    opened,
    parse_measure,
)
from selaras.ingest.sipd import FIELDS as TABLE_FIELDS
from selaras.numbers import format_number
from selaras.reference.nomenclature import Nomenclature

__all__ = ["FLAT_FIELDS", "flat_layout", "read_flat"]

FLAT_FIELDS: dict[str, tuple[str, ...]] = {
    "year": ("Tahun", "Tahun Anggaran"),
    "skpd_code": ("Kode SKPD", "Kode OPD", "Kode Perangkat Daerah", "Kode Unit", "Kode Unit Kerja"),
    "skpd_name": ("Nama SKPD", "SKPD", "Nama OPD", "Nama Perangkat Daerah", "Perangkat Daerah", "Nama Unit"),
    "unit_code": ("Kode Sub Unit", "Kode Sub Unit Kerja", "Kode Sub SKPD"),
    "unit_name": ("Nama Sub Unit", "Sub Unit", "Nama Sub Unit Kerja", "Nama Sub SKPD"),
    "program_code": ("Kode Program",),
    "program_name": ("Nama Program", "Program"),
    "kegiatan_code": ("Kode Kegiatan",),
    "kegiatan_name": ("Nama Kegiatan", "Kegiatan"),
    "sub_code": ("Kode Sub Kegiatan", "Kode Subkegiatan", "Kode"),
    "sub_name": ("Nama Sub Kegiatan", "Sub Kegiatan", "Nama Subkegiatan", "Subkegiatan"),
    "sumber_code": ("Kode Sumber Dana",),
    "sumber_name": ("Nama Sumber Dana", "Sumber Dana"),
    "rekening_code": ("Kode Rekening", "Kode Akun", "Kode Rekening Belanja"),
    "rekening_name": ("Nama Rekening", "Nama Akun", "Uraian Rekening"),
    "pagu": ("Pagu", "Nilai", "Pagu Anggaran", "Anggaran", "Nilai Anggaran", "Jumlah", "Total", "Pagu Indikatif"),
    "breakdown": (
        "Paket/Kelompok",
        "Nama Paket/Kelompok",
        "Kode Standar Harga",
        "Nama Standar Harga",
        "Kode Paket",
        "Nama Paket",
    ),
    # the indicator of the row's sub kegiatan, named as in the hierarchical tables
    "indicator": TABLE_FIELDS["indicator"],
    "target": TABLE_FIELDS["target"],
    "satuan": TABLE_FIELDS["satuan"],
    # pagu and targets per stage of the year, as planning applications export them (see _PAGU_STAGES, _TARGET_STAGES)
    "pagu_rkpd": ("Pagu RKPD", "Pagu Indikatif RKPD", "Pagu Renja"),
    "pagu_rkpd_perubahan": ("Pagu RKPD Perubahan", "Pagu Perubahan RKPD", "Pagu Renja Perubahan"),
    "pagu_apbd": ("Pagu APBD", "Pagu DPA", "Anggaran APBD"),
    "pagu_apbd_perubahan": ("Pagu APBD Perubahan", "Pagu Perubahan APBD", "Pagu DPPA", "Anggaran APBD Perubahan"),
    "target_sebelum": ("Target Sebelum", "Target Sebelum Perubahan"),
    "jml_target_sebelum": ("Jml Target Sebelum", "Jumlah Target Sebelum", "Jml Target Sebelum Perubahan"),
    "satuan_target_sebelum": ("Satuan Target Sebelum", "Satuan Target Sebelum Perubahan"),
    "target_sesudah": ("Target Sesudah", "Target Setelah", "Target Sesudah Perubahan", "Target Setelah Perubahan"),
    "jml_target_sesudah": (
        "Jml Target Sesudah",
        "Jumlah Target Sesudah",
        "Jml Target Setelah",
        "Jumlah Target Setelah",
    ),
    "satuan_target_sesudah": ("Satuan Target Sesudah", "Satuan Target Setelah", "Satuan Target Setelah Perubahan"),
}
_PAGU_STAGES: dict[DocumentKind, tuple[str, str]] = {  # kind -> (murni / final pagu, perubahan pagu)
    DocumentKind.RENJA: ("pagu_rkpd", "pagu_rkpd_perubahan"),
    DocumentKind.RKPD: ("pagu_rkpd", "pagu_rkpd_perubahan"),
    DocumentKind.KUA_PPAS: ("pagu_apbd", "pagu_apbd_perubahan"),
    DocumentKind.APBD: ("pagu_apbd", "pagu_apbd_perubahan"),
}
_TARGET_STAGES = {  # before / after the change: (target cell, number, satuan)
    "sebelum": ("target_sebelum", "jml_target_sebelum", "satuan_target_sebelum"),
    "sesudah": ("target_sesudah", "jml_target_sesudah", "satuan_target_sesudah"),
}
_STAGE_FIELDS = (
    "pagu_rkpd",
    "pagu_rkpd_perubahan",
    "pagu_apbd",
    "pagu_apbd_perubahan",
    *_TARGET_STAGES["sebelum"],
    *_TARGET_STAGES["sesudah"],
)
_CONTENT_FIELDS = ("pagu", "indicator", "target", "satuan", *_STAGE_FIELDS)  # taken only as _Choice says
PERUBAHAN = "perubahan"

MESSAGES.update(
    {
        "columns-chosen": (
            "Kolom per tahap: untuk {document} dibaca pagu {pagu} dan target {target}; tidak dibaca: {others}. "
            "Tahap lain diimpor dengan --kind/--version-nya (APBD/KUA-PPAS: pagu APBD; --version perubahan: kolom "
            "perubahan)",
            "Columns per stage: for {document} the pagu {pagu} and the target {target} are read; not read: {others}. "
            "Import the other stages with their --kind/--version (APBD/KUA-PPAS: APBD pagu; --version perubahan: "
            "the perubahan columns)",
        ),
        "pagu-conflict": (
            "Pagu {value} berbeda dari pagu {expected} sub kegiatan yang sama di baris {first_row}; baris yang "
            "mengulang sub kegiatan untuk indikator lain harus mengulang pagunya atau mengosongkannya",
            "Pagu {value} differs from the pagu {expected} of the same sub kegiatan on row {first_row}; a row that "
            "repeats a sub kegiatan for another indicator must repeat its pagu or leave it blank",
        ),
        "indicator-conflict": (
            "Indikator '{indicator}' sudah tercatat di baris {first_row} dengan target {expected}; satu indikator "
            "punya satu target per tahun",
            "Indicator '{indicator}' is already on row {first_row} with target {expected}; an indicator has one "
            "target per year",
        ),
    }
)
HEAD_ROWS = 15
_SHOWN = 5  # unread columns named in the warning; the count says how many there are
# Words that make a header no field reads worth a warning: an amount, an indicator or a target left unread.
_CONTENT = re.compile(r"\b(pagu|anggaran|nilai|rp|indikator|target)\b")
PROGRESS_EVERY = 1000
Parsed = TypeVar("Parsed")
_LEVEL_FIELDS = (
    (ItemLevel.PROGRAM, "program_code", "program_name"),
    (ItemLevel.KEGIATAN, "kegiatan_code", "kegiatan_name"),
    (ItemLevel.SUB_KEGIATAN, "sub_code", "sub_name"),
)
_BREAKDOWN = ("sumber_code", "sumber_name", "rekening_code", "rekening_name", "breakdown")


def flat_layout(sheet: Sheet) -> HeaderLayout | None:
    """The header of ``sheet`` when it is a flat list (a sub kegiatan code column and an SKPD or program code
    column, or a sub kegiatan name beside a bare ``Kode``); None for anything else."""
    head = list(islice(sheet.rows(), HEAD_ROWS))
    layout = locate_header(head, FLAT_FIELDS, min_fields=3)
    if layout is None:
        return None
    codes = [column for name in ("program_code", "kegiatan_code", "sub_code") for column in layout.of(name)]
    if not codes:
        return None
    if all(normalize_header(column.label) == "kode" for column in codes) and not layout.of("sub_name"):
        return None  # a bare "Kode" beside a hierarchical name column is the SIPD hierarchical table
    anchors = ("skpd_code", "skpd_name", "program_code", "kegiatan_code", "sumber_code", "rekening_code")
    return layout if any(layout.of(name) for name in anchors) else None


def read_flat(
    source: Path | Spreadsheet,
    *,
    document: Document,
    nomenclature: Nomenclature,
    jenis: str,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Section], list[ImportProblem]]:
    """The sections (one per SKPD) of a flat list, and every problem found. Never raises for bad data."""
    problems: list[ImportProblem] = []
    try:
        with opened(source) as book:
            sections = _FlatReader(source.name, document, nomenclature, jenis, progress, problems).read(book)
        return sections, problems + plan_problems([section.plan for section in sections], source.name)
    except SheetReadError as error:
        problems.append(error.problem)
    return [], problems


@dataclass(slots=True)
class _Group:
    """The items of one SKPD being collected, with the rows where each key first appeared."""

    section: Section
    items: dict[str, Item] = field(default_factory=dict)
    first_row: dict[str, tuple[int, str]] = field(default_factory=dict)  # key -> (row, code column label)
    amounts: dict[tuple[str, RincianKind, str], tuple[str, Decimal]] = field(default_factory=dict)
    # (key, breakdown cells) -> (first row, its pagu): a repeat of the line is another indicator of the item
    lines: dict[tuple[str, tuple[str, ...]], tuple[int, Decimal | None]] = field(default_factory=dict)
    indicator_rows: dict[tuple[str, str], int] = field(default_factory=dict)  # (key, indicator) -> first row


@dataclass(frozen=True, slots=True)
class _Choice:
    """Which columns of a sheet give the pagu, the indicator and its target and satuan.

    ``unit_in_cell``: the target cell holds number and satuan as typed (``target_sebelum``), and the satuan
    column next to it was split from that cell, so the cell's unit wins. ``staged`` names the stage columns the
    sheet has; those not taken are named in the ``columns-chosen`` warning."""

    pagu: Column | None
    indicator: Column | None
    target: Column | None
    satuan: Column | None
    unit_in_cell: bool
    staged: tuple[Column, ...]

    @property
    def read(self) -> set[Column]:
        return {column for column in (self.pagu, self.indicator, self.target, self.satuan) if column is not None}


def _choose(layout: HeaderLayout, document: Document) -> _Choice:
    """The pagu and target columns for ``document``'s kind and version (see the module docstring)."""
    perubahan = document.version == PERUBAHAN
    murni, changed = _PAGU_STAGES.get(document.kind, ("", ""))
    pagu_fields = (changed, murni) if perubahan else (murni,)
    pagu = next((layout.first(name) for name in pagu_fields if name and layout.first(name)), None)
    indicator = layout.first("indicator")
    target = satuan = None
    unit_in_cell = False
    for stage in ("sesudah", "sebelum") if perubahan else ("sebelum",):
        cell, number, unit = (layout.first(name) for name in _TARGET_STAGES[stage])
        if cell is not None or number is not None:
            target, satuan, unit_in_cell = cell or number, unit or layout.first("satuan"), cell is not None
            break
    if pagu is None:
        pagu = layout.first("pagu")
    if target is None:  # a generic Target column, or the one of the document's year
        year = document.period.start
        target = next((column for column in layout.of("target") if column.year in (None, year)), None)
        satuan = layout.first("satuan")
    if indicator is None:
        target = satuan = None  # a target needs its indicator's name; the column is then reported unread
    staged = tuple(column for column in layout.columns if column.field in _STAGE_FIELDS)
    return _Choice(pagu, indicator, target, satuan, unit_in_cell, staged)


@dataclass
class _FlatReader:
    file: str
    document: Document
    nomenclature: Nomenclature
    jenis: str
    progress: Callable[[int, int], None] | None
    problems: list[ImportProblem]
    sheet: str | None = None
    groups: dict[str, _Group] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)
    unit_in_cell: bool = False  # the sheet's target cells hold number and satuan (see _Choice)
    breakdown: tuple[Column, ...] = ()  # the sheet's sumber dana, rekening, paket and standar harga columns

    def read(self, book: Spreadsheet) -> list[Section]:
        for sheet in book.sheets:
            layout = flat_layout(sheet)
            if layout is not None:
                self.sheet = sheet.name
                self.rows(sheet, layout)
        for group in self.groups.values():
            self.finish(group)
        sections = [group.section for group in self.groups.values() if group.section.plan.items]
        if not sections and not self.problems:
            self.problems.append(
                ImportProblem.in_file("empty", file=self.file, sheet=self.sheet, expected="baris sub kegiatan")
            )
        return sections

    def rows(self, sheet: Sheet, layout: HeaderLayout) -> None:
        columns = {name: layout.first(name) for name in FLAT_FIELDS if name not in _CONTENT_FIELDS}
        if columns["sub_code"] is None:
            self.no_sub_code(layout)
            return
        choice = _choose(layout, self.document)
        columns.update(pagu=choice.pagu, indicator=choice.indicator, target=choice.target, satuan=choice.satuan)
        self.unit_in_cell = choice.unit_in_cell
        self.breakdown = tuple(column for column in layout.columns if column.field in _BREAKDOWN)
        self.chosen(layout, choice)
        self.unread(layout, set(columns.values()) | set(choice.staged))
        unique_rows = not self.breakdown
        total = max(sheet.max_row - layout.data_row + 1, 0)
        done = 0
        for number, values in sheet.rows(layout.data_row):
            if any(cell_text(value) for value in values):
                self.row(number, values, columns, unique_rows)
            done += 1
            if self.progress is not None and done % PROGRESS_EVERY == 0:
                self.progress(done, max(total, done))
        if self.progress is not None:
            self.progress(done, done)

    def no_sub_code(self, layout: HeaderLayout) -> None:
        """A flat list has one row per sub kegiatan: read without its code column (a header written ``KODE SUB
        KEG.``), every row would be summed into its kegiatan and the sub kegiatan lost without a word."""
        found = ", ".join(f"'{column.label}'" for column in layout.columns if column.field) or "-"
        self.problems.append(
            ImportProblem.in_file(
                "column-not-recognised",
                file=self.file,
                sheet=self.sheet,
                expected="Kode Sub Kegiatan",
                found=found,
                accepted=", ".join(f"'{synonym}'" for synonym in FLAT_FIELDS["sub_code"]),
                row=layout.first_row,
            )
        )

    def chosen(self, layout: HeaderLayout, choice: _Choice) -> None:
        """Say which of the stage columns (``pagu_rkpd``, ``pagu_apbd``, ``target_sesudah``, …) were read for this
        document and which were not: the same file holds several stages, and which one a Renja or an APBD takes
        must never be a silent guess."""
        if not choice.staged:
            return
        others = [f"'{column.label}'" for column in choice.staged if column not in choice.read]
        params = {
            "document": f"{self.document.kind.value} {self.document.version}",
            "pagu": f"'{choice.pagu.label}'" if choice.pagu else "-",
            "target": f"'{choice.target.label}'" if choice.target else "-",
            "others": ", ".join(others) or "-",
        }
        self.problems.append(
            ImportProblem(
                "columns-chosen", self.file, self.sheet, layout.first_row, None, "", Severity.PERINGATAN, params
            )
        )

    def unread(self, layout: HeaderLayout, used: set[Column | None]) -> None:
        """Warn about columns that look like plan content (a second pagu, indicators, targets) but are not read, so
        that a Renja exported by an application (``pagu_rkpd``, ``pagu_apbd``, ``indikator_sub_kegiatan``) is never
        stored without its pagu and indicators unnoticed."""
        unread = [
            f"'{column.label}'"
            for column in layout.columns
            if column not in used and _CONTENT.search(normalize_header(column.label))
        ]
        if unread:
            shown = ", ".join(unread[:_SHOWN]) + (", …" if len(unread) > _SHOWN else "")
            params = {"count": str(len(unread)), "columns": shown}
            warning = ImportProblem(
                "columns-unread", self.file, self.sheet, layout.first_row, None, "", Severity.PERINGATAN, params
            )
            self.problems.append(warning)

    # --- problems ----------------------------------------------------------------------------------------------

    def problem(
        self,
        code: str,
        row: int,
        column: Column | None,
        value: object,
        severity: Severity = Severity.GALAT,
        **params: object,
    ) -> None:
        self.problems.append(
            ImportProblem.at_cell(
                code,
                file=self.file,
                sheet=self.sheet,
                row=row,
                column=column.label if column else "",
                value=cell_text(value),
                severity=severity,
                **params,
            )
        )

    def fits(self, row: int, column: Column | None, text: str, field: str) -> bool:
        """Whether ``text`` fits its database column (see :mod:`selaras.ingest.limits`); a galat at the cell if not."""
        if len(text) <= TEXT_LIMITS[field]:
            return True
        self.problem("too-long", row, column, text, found=len(text), expected=TEXT_LIMITS[field])
        return False

    # --- one row -----------------------------------------------------------------------------------------------

    def row(self, number: int, values: Row, columns: dict[str, Column | None], unique_rows: bool) -> None:
        def text(name: str) -> str:
            return cell_text(cell_at(values, columns[name]))

        if _total_row(values, columns):
            return
        if not self.year_ok(number, values, columns["year"]):
            return
        codes = self.codes(number, values, columns)
        if codes is None:
            return
        skpd = Skpd(code_text(cell_at(values, columns["skpd_code"])), text("skpd_name"))
        unit_code, unit_name = code_text(cell_at(values, columns["unit_code"])), text("unit_name")
        sizes = (
            ("skpd_code", skpd.kode, "pd.kode"),
            ("skpd_name", skpd.nama, "pd.nama"),
            ("unit_code", unit_code, "pd.kode"),
            ("unit_name", unit_name, "item.unit"),
        )
        if not all(self.fits(number, columns[name], found, field) for name, found, field in sizes):
            return
        group = self.group(skpd if (skpd.kode or skpd.nama) else None)
        prefix = f"{unit_code}/" if unit_code and unit_code != skpd.kode else ""
        unit = unit_name or unit_code if prefix else ""
        parent: str | None = None
        item: Item | None = None
        repeated = False
        for code in codes:
            level = code.level.item_level
            assert level is not None
            name_field = next(name for lvl, _, name in _LEVEL_FIELDS if lvl is level)
            key = prefix + code.text
            item = group.items.get(key)
            if item is None:
                item = Item(
                    key=key,
                    level=level,
                    text=text(name_field) or self.official_name(code),
                    code=code.text,
                    parent=parent,
                    order=len(group.items) + 1,
                    unit=unit,
                )
                group.items[key] = item
                group.first_row[key] = (number, columns["sub_code"].label if columns["sub_code"] else "")
                group.section.plan.items.append(item)
            elif level is codes[-1].level.item_level:
                repeated = True
            parent = key
        assert item is not None
        if columns["indicator"] is not None:
            self.indicator_row(number, values, columns, group, item)
            return
        if repeated and unique_rows:
            self.problem("duplicate", number, columns["sub_code"], item.code, first_row=group.first_row[item.key][0])
            return
        ok, amount = self.pagu(number, values, columns["pagu"])
        if ok:
            self.add_amount(number, values, columns, group, item, amount)

    def indicator_row(
        self, number: int, values: Row, columns: dict[str, Column | None], group: _Group, item: Item
    ) -> None:
        """A row of a list with an indicator column: a new line of its item (its pagu added as in any list) or,
        when the item and breakdown cells repeat a row above, another indicator of that item whose pagu must repeat
        that row's or be blank: a Renja export repeats the sub kegiatan with its pagu on every indicator row, and
        summing those would multiply the pagu."""
        ok, indicator = self.indicator(number, values, columns, item.level)
        if not ok:
            return
        ok, amount = self.pagu(number, values, columns["pagu"])
        if not ok:
            return
        line = (item.key, tuple(cell_text(cell_at(values, column)) for column in self.breakdown))
        first = group.lines.get(line)
        if first is None:
            group.lines[line] = (number, amount)
            self.add_amount(number, values, columns, group, item, amount)
        else:
            first_row, first_amount = first
            if indicator is None or (item.key, indicator.name) in group.indicator_rows:
                self.problem("duplicate", number, columns["sub_code"], item.code, first_row=first_row)
                return
            if amount is not None and first_amount is not None and amount != first_amount:
                raw = cell_at(values, columns["pagu"])
                expected = format_number(first_amount)
                self.problem("pagu-conflict", number, columns["pagu"], raw, expected=expected, first_row=first_row)
                return
            if first_amount is None:
                group.lines[line] = (first_row, amount)
                self.add_amount(number, values, columns, group, item, amount)
        if indicator is not None:
            self.add_indicator(number, values, columns, group, item, indicator)

    def indicator(
        self, number: int, values: Row, columns: dict[str, Column | None], level: ItemLevel
    ) -> tuple[bool, Indicator | None]:
        """The row's indicator with its target for the document's year (None when the row names none); False
        with a galat at the cell when the target is no number or the satuan too long."""
        name_column, target_column, satuan_column = columns["indicator"], columns["target"], columns["satuan"]
        name = cell_text(cell_at(values, name_column))
        if is_placeholder_indicator(name):  # "undefined", "0" with target "0 0": no indicator, said so
            self.problem("empty-marker", number, name_column, name, Severity.PERINGATAN)
            return True, None
        raw = cell_at(values, target_column)
        satuan = cell_text(cell_at(values, satuan_column))
        target: Decimal | None = None
        if target_column is not None:
            written = "" if self.unit_in_cell else satuan
            ok, measured = self.parsed(number, target_column, raw, lambda cell: parse_measure(cell, written))
            if not ok or measured is None:
                return False, None
            target, unit = measured
            satuan = (unit or satuan) if self.unit_in_cell else (satuan or unit)
        if not self.fits(number, satuan_column or target_column, satuan, "indicator.satuan"):
            return False, None
        if not name:
            if target is None:
                return True, None
            self.problem("required", number, name_column, "", expected="nama indikator untuk target")
            return False, None
        kind = IndicatorKind.OUTCOME if level is ItemLevel.PROGRAM else IndicatorKind.OUTPUT
        targets = {self.document.period.start: target} if target is not None else {}
        return True, Indicator(name, satuan, kind, targets=targets)

    def add_indicator(
        self,
        number: int,
        values: Row,
        columns: dict[str, Column | None],
        group: _Group,
        item: Item,
        indicator: Indicator,
    ) -> None:
        """Give ``item`` the indicator unless a row above did; the same indicator with another target or satuan
        (a Rekap repeats it on every sumber dana row) is a galat, since either could be the plan."""
        slot = (item.key, indicator.name)
        first_row = group.indicator_rows.get(slot)
        if first_row is None:
            group.indicator_rows[slot] = number
            item.indicators.append(indicator)
            return
        known = next(found for found in item.indicators if found.name == indicator.name)
        if (known.targets, known.satuan.casefold()) != (indicator.targets, indicator.satuan.casefold()):
            year = self.document.period.start
            target = known.target(year)
            expected = f"{format_number(target) if target is not None else '-'} {known.satuan}".strip()
            column = columns["target"] or columns["indicator"]
            self.problem(
                "indicator-conflict",
                number,
                column,
                cell_at(values, column),
                indicator=indicator.name,
                first_row=first_row,
                expected=expected,
            )

    def year_ok(self, number: int, values: Row, column: Column | None) -> bool:
        """A TAHUN column must name the document's year on every row."""
        raw = cell_at(values, column)
        if column is None or raw is None or not cell_text(raw):
            return True
        try:
            year = int(Decimal(cell_text(raw)))
        except (ArithmeticError, ValueError):  # not a number, or nan/inf
            self.problem("invalid-year", number, column, raw, expected=self.document.period)
            return False
        if year not in self.document.period:
            self.problem("invalid-year", number, column, raw, expected=self.document.period)
            return False
        return True

    def codes(self, number: int, values: Row, columns: dict[str, Column | None]) -> list[NomenclatureCode] | None:
        """Program, kegiatan and sub kegiatan codes of the row, from their columns or derived from the deepest."""
        given: list[tuple[Column, NomenclatureCode]] = []
        for _, code_field, _ in _LEVEL_FIELDS:
            column = columns[code_field]
            raw = cell_at(values, column)
            if column is None or not code_text(raw):
                continue
            try:
                given.append((column, parse_code(code_text(raw))))
            except ValueError:
                self.problem("malformed-code", number, column, raw)
                return None
        if not given:
            self.problem("required", number, columns["sub_code"], "", expected="kode sub kegiatan")
            return None
        column, deepest = max(given, key=lambda pair: _depth(pair[1]))
        if deepest.level.item_level is None:
            self.problem(
                "code-wrong-level", number, column, deepest.text, found="bidang urusan", expected="sub kegiatan"
            )
            return None
        chain = [deepest]
        while chain[0].parent is not None and chain[0].parent.level.item_level is not None:
            chain.insert(0, chain[0].parent)
        for given_column, code in given:
            if code not in chain:
                expected = f"{code.level.value.replace('_', ' ')} {chain[[c.level for c in chain].index(code.level)]}"
                self.problem("code-orphan", number, given_column, code.text, expected=expected)
                return None
        if not self.kewenangan_ok(number, column, deepest):
            return None
        return chain

    def kewenangan_ok(self, number: int, column: Column, code: NomenclatureCode) -> bool:
        mismatch = wrong_level(code, self.jenis)
        if mismatch is not None:
            self.problem("code-wrong-level", number, column, code.text, found=mismatch[0], expected=mismatch[1])
        return mismatch is None

    def official_name(self, code: NomenclatureCode) -> str:
        entry = self.nomenclature.lookup(code, self.jenis)
        return entry.name if entry is not None else ""

    def parsed(
        self, number: int, column: Column, raw: object, parse: Callable[[object], Parsed]
    ) -> tuple[bool, Parsed | None]:
        """(True, ``parse(raw)``), or (False, None) with a galat at the cell when it is too large or no number."""
        try:
            return True, parse(raw)
        except NumberTooLarge as error:
            self.problem("too-large", number, column, raw, expected=error.limit)
        except ValueError:
            self.problem("not-a-number", number, column, raw)
        return False, None

    def pagu(self, number: int, values: Row, column: Column | None) -> tuple[bool, Decimal | None]:
        """The row's pagu (None when blank); False with a galat at the cell when it is no amount."""
        raw = cell_at(values, column)
        if column is None or raw is None or not cell_text(raw):
            return True, None
        ok, amount = self.parsed(number, column, raw, read_number)
        if not ok:
            return False, None
        if amount is None:
            return True, None
        if amount < 0:
            self.problem("negative", number, column, raw)
            return False, None
        return True, money(amount, isinstance(raw, float))

    def add_amount(
        self,
        number: int,
        values: Row,
        columns: dict[str, Column | None],
        group: _Group,
        item: Item,
        amount: Decimal | None,
    ) -> None:
        """Add the row's pagu to its item and to the item's sumber dana and rekening lines."""
        if amount is None:
            return
        year = self.document.period.start
        for kind, code_field, name_field in (
            (RincianKind.SUMBER_DANA, "sumber_code", "sumber_name"),
            (RincianKind.REKENING, "rekening_code", "rekening_name"),
        ):
            kode = code_text(cell_at(values, columns[code_field]))
            nama = cell_text(cell_at(values, columns[name_field]))
            if not self.fits(number, columns[code_field], kode, "rincian.kode"):
                continue
            if kode or nama:
                slot = (item.key, kind, kode or nama)
                _, total = group.amounts.get(slot, (nama, Decimal(0)))
                group.amounts[slot] = (nama, total + amount)
        budget = item.budgets[0] if item.budgets else None
        item.budgets = [Budget(year, (budget.pagu if budget else Decimal(0)) + amount)]

    # --- groups ------------------------------------------------------------------------------------------------

    def group(self, skpd: Skpd | None) -> _Group:
        key = skpd.kode or skpd.nama if skpd else ""
        group = self.groups.get(key)
        if group is None:
            group = _Group(Section(skpd, Plan(self.document), self.sheet))
            self.groups[key] = group
        return group

    def finish(self, group: _Group) -> None:
        """Attach the summed rincian to their items (in order of first appearance) and roll pagu up."""
        items = group.items
        year = self.document.period.start
        for (key, kind, kode), (nama, pagu) in group.amounts.items():
            items[key].rincian.append(Rincian(year, kind, kode if kode != nama else "", nama, pagu))
        for item in items.values():
            if (
                item.code is not None
                and item.code not in self.unknown
                and self.nomenclature.lookup(item.code, self.jenis) is None
            ):
                self.unknown.add(item.code)  # one warning per code, not one per sub unit
                row, column = group.first_row[item.key]
                self.problems.append(
                    ImportProblem.at_cell(
                        "unknown-code",
                        file=self.file,
                        sheet=self.sheet,
                        row=row,
                        column=column,
                        value=item.code,
                        severity=Severity.PERINGATAN,
                        reference=self.nomenclature.label,
                    )
                )
            if not item.text:
                item.text = item.code or item.key
        complete_pagu(group.section.plan)


def _total_row(values: Row, columns: dict[str, Column | None]) -> bool:
    """A ``Jumlah`` / ``Total`` row typed under the list (or under each SKPD): it starts with a total label and has
    no code of its own, so its pagu repeats the rows above and is not added again."""
    label = next((cell_text(value) for value in values if cell_text(value)), "")
    codes = [cell_text(cell_at(values, columns[name])) for _, name, _ in _LEVEL_FIELDS]
    return is_subtotal(label) and all(not code or is_subtotal(code) for code in codes)


def _depth(code: NomenclatureCode) -> int:
    return len(code.text.split("."))

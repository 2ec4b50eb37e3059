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
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import Path

from selaras.domain import (
    Budget,
    Document,
    Item,
    ItemLevel,
    NomenclatureCode,
    Plan,
    Rincian,
    RincianKind,
    parse_code,
)
from selaras.ingest.limits import TEXT_LIMITS, NumberTooLarge, plan_problems, read_number
from selaras.ingest.problems import ImportProblem, Severity
from selaras.ingest.sections import Section, Skpd, complete_pagu, is_subtotal, money, wrong_level
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
)
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
}
HEAD_ROWS = 15
_SHOWN = 5  # unread columns named in the warning; the count says how many there are
# Words that make a header no field reads worth a warning: an amount, an indicator or a target left unread.
_CONTENT = re.compile(r"\b(pagu|anggaran|nilai|rp|indikator|target)\b")
PROGRESS_EVERY = 1000
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
        columns = {name: layout.first(name) for name in FLAT_FIELDS}
        if columns["sub_code"] is None:
            self.no_sub_code(layout)
            return
        self.unread(layout, set(columns.values()))
        unique_rows = not any(columns[name] for name in _BREAKDOWN)
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
            elif level is codes[-1].level.item_level and unique_rows:
                self.problem("duplicate", number, columns["sub_code"], code.text, first_row=group.first_row[key][0])
                return
            parent = key
        assert item is not None
        self.amounts(number, values, columns, group, item)

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

    def amounts(self, number: int, values: Row, columns: dict[str, Column | None], group: _Group, item: Item) -> None:
        column = columns["pagu"]
        raw = cell_at(values, column)
        if column is None or raw is None or not cell_text(raw):
            return
        try:
            amount = read_number(raw)
        except NumberTooLarge as error:
            self.problem("too-large", number, column, raw, expected=error.limit)
            return
        except ValueError:
            self.problem("not-a-number", number, column, raw)
            return
        if amount is None:
            return
        if amount < 0:
            self.problem("negative", number, column, raw)
            return
        amount = money(amount, isinstance(raw, float))
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

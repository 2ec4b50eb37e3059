"""Reads a Selaras workbook (.xlsx/.xlsm, or a folder of its CSV files) back into a :class:`Plan`.

Never raises for bad data: every problem is collected with its file, sheet, Excel row, Indonesian column header,
the value found and what was expected; the plan is returned only when no galat was found. Well-formed codes
missing from the nomenclature are peringatan (real plans run ahead of any bundled list) and are imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from selaras.domain import (
    BUDGET_VERSIONS,
    Budget,
    Direction,
    Document,
    DocumentKind,
    DocumentStatus,
    Indicator,
    IndicatorKind,
    Item,
    ItemLevel,
    ItemRef,
    Link,
    LinkKind,
    LinkOrigin,
    LinkStatus,
    Period,
    Plan,
    Rincian,
    parse_code,
)
from selaras.errors import NotFound
from selaras.ingest.limits import plan_problems
from selaras.ingest.problems import ImportProblem, Severity, has_errors
from selaras.ingest.sheets import normalize_header
from selaras.ingest.workbook_rows import TableRow, parse_choice
from selaras.ingest.workbook_tables import Table, is_selaras_workbook, load_tables
from selaras.reference.nomenclature import Nomenclature
from selaras.reference.wilayah import get_pemda
from selaras.workbook.schema import (
    ANGGARAN,
    DOKUMEN,
    INDIKATOR,
    ITEM,
    RINCIAN,
    TARGET_PREFIX,
    TAUTAN,
    Column,
    ColumnType,
    sheets,
)

__all__ = ["Progress", "is_selaras_workbook", "read_workbook"]

Progress = Callable[[int, int], None]
"""Called with (rows read, rows in all sheets) after each sheet."""

_ITEM_KEY = "kunci item di lembar Item"
_DOCUMENT_KEY = "kunci dokumen seperti 00/RPJMN/-/2025-2029/final"
_TARGET_HEADER = re.compile(rf"{re.escape(normalize_header(TARGET_PREFIX))} (\d{{4}})")


@dataclass(slots=True)
class _Context:
    """What every sheet is checked against, filled in as the Dokumen and Item sheets are read."""

    problems: list[ImportProblem]
    nomenclature: Nomenclature
    jenis: str | None
    period: Period | None = None
    first_row: dict[str, int] = field(default_factory=dict)  # every item key seen, with the row it first appears on
    items: dict[str, Item] = field(default_factory=dict)  # the items whose row is valid, in sheet order

    def rows(self, table: Table | None) -> list[TableRow]:
        return [TableRow(table, number, values, self.problems) for number, values in table.rows] if table else []

    def item(self, row: TableRow, column: Column) -> Item | None:
        """The item named in ``column``; an unknown key is reported (a key whose own row is invalid is not)."""
        key = row.text(column)
        if key and key not in self.first_row:
            row.report("unknown-reference", column, expected=_ITEM_KEY)
        return self.items.get(key)


def read_workbook(
    path: Path, *, nomenclature: Nomenclature, jenis: str | None = None, progress: Progress | None = None
) -> tuple[Plan | None, list[ImportProblem]]:
    """The plan in ``path`` and every problem found; the plan is None when any problem is a galat.

    ``jenis`` (``provinsi`` / ``kabupaten_kota``) selects the nomenclature column codes are checked against;
    when None it follows from the Dokumen sheet's kode pemda.
    """
    problems: list[ImportProblem] = []
    tables = load_tables(Path(path), sheets(None), problems)
    if tables is None:
        return None, problems
    context = _Context(problems, nomenclature, jenis)
    total, done = sum(len(table.rows) for table in tables.values()), 0

    def advance(name: str) -> None:
        nonlocal done
        done += len(tables[name].rows) if name in tables else 0
        if progress is not None:
            progress(done, total)

    document = _read_document(tables.get("Dokumen"), context)
    advance("Dokumen")
    readers = (("Item", _read_items), ("Indikator", _read_indicators), ("Anggaran", _read_budgets))
    for name, read in (*readers, ("Rincian", _read_rincian)):
        read(tables.get(name), context)
        advance(name)
    links = _read_links(tables.get("Tautan"), context, document)
    advance("Tautan")
    if document is None or has_errors(problems):
        return None, problems
    plan = Plan(document, list(context.items.values()), links)
    problems += plan_problems([plan], path.name)
    return (None if has_errors(problems) else plan), problems


def _read_document(table: Table | None, context: _Context) -> Document | None:
    """The one row of the Dokumen sheet; also sets the period and (unless given) the nomenclature jenis."""
    if table is None:
        return None  # reported as a missing sheet
    if not table.rows:
        expected = "satu baris data dokumen di bawah baris judul kolom"
        context.problems.append(ImportProblem.in_file("empty", file=table.file, sheet=table.sheet, expected=expected))
        return None
    for number, _ in table.rows[1:]:
        context.problems.append(
            ImportProblem(
                "too-many-rows",
                table.file,
                table.sheet,
                number,
                params={"sheet_name": table.sheet or table.file, "expected": "satu baris data dokumen"},
            )
        )
    row = context.rows(table)[0]
    kind = row.choice(DOKUMEN.KIND)
    kode = row.text(DOKUMEN.PEMDA)
    period = _period(row, kind)
    context.period = period
    pemda = None
    if kode:
        try:
            pemda = get_pemda(kode)
        except NotFound:
            row.report("unknown-reference", DOKUMEN.PEMDA, expected="kode pemda Kemendagri seperti 62 atau 62.71")
    if pemda is not None and context.jenis is None:
        context.jenis = pemda.nomenclature_level
    pd = row.optional_text(DOKUMEN.PD)
    version = _version(row, kind)
    status = row.choice(DOKUMEN.STATUS, DocumentStatus.DRAFT)
    title = row.text(DOKUMEN.TITLE)
    if not row.ok or kind is None or pemda is None or period is None or status is None:
        return None
    return Document(kind, pemda.kode, period, pd, version, status, title)


def _version(row: TableRow, kind: DocumentKind | None) -> str:
    """The version as written; empty means the kind's default, and the budget stage knows only murni and
    perubahan (any case)."""
    text = row.text(DOKUMEN.VERSION)
    if kind is None or not kind.is_budget:
        return text or "final"
    if not text:
        return kind.default_version
    if text.casefold() not in BUDGET_VERSIONS:
        row.report("invalid-choice", DOKUMEN.VERSION, expected=", ".join(BUDGET_VERSIONS))
    return text.casefold()


def _period(row: TableRow, kind: DocumentKind | None) -> Period | None:
    text = row.text(DOKUMEN.PERIOD)
    if not text:
        return None
    try:
        period = Period.parse(text)
    except ValueError:
        row.report("invalid-period", DOKUMEN.PERIOD, expected="tahun awal-tahun akhir (2025-2029) atau satu tahun")
        return None
    if kind is not None and kind.is_annual and period.start != period.end:
        row.report("invalid-period", DOKUMEN.PERIOD, expected=f"satu tahun untuk {kind.value}, contoh {period.start}")
        return None
    return period


def _read_items(table: Table | None, context: _Context) -> None:
    checked: list[tuple[TableRow, Item]] = []
    for position, row in enumerate(context.rows(table), start=1):
        key = row.text(ITEM.KEY)
        level = row.choice(ITEM.LEVEL)
        code = _code(row, level, context)
        text = row.text(ITEM.TEXT)
        order = row.integer(ITEM.ORDER)
        parent, pd, lokasi = row.optional_text(ITEM.PARENT), row.optional_text(ITEM.PD), row.text(ITEM.LOKASI)
        unit = row.text(ITEM.UNIT)
        if key in context.first_row:
            row.report("duplicate", ITEM.KEY, first_row=context.first_row[key])
        elif key:
            context.first_row[key] = row.excel_row
        if row.ok and level is not None:
            item = Item(key, level, text, code, parent, position if order is None else order, pd, lokasi, unit)
            context.items[key] = item
            checked.append((row, item))
    for row, item in checked:  # parents may come after their children, so check once all keys are known
        if item.parent is None:
            continue
        if item.parent not in context.first_row or item.parent == item.key:
            row.report("unknown-reference", ITEM.PARENT, expected=f"{_ITEM_KEY}, selain item ini sendiri")
        elif (parent_item := context.items.get(item.parent)) is not None and not _nests(item.code, parent_item.code):
            row.report("code-orphan", ITEM.CODE, expected=f"{parent_item.level.label} {parent_item.code}")


def _code(row: TableRow, level: ItemLevel | None, context: _Context) -> str | None:
    """The nomenclature code in canonical form, checked for shape, level and existence."""
    text = row.text(ITEM.CODE)
    if not text:
        return None
    try:
        code = parse_code(text)
    except ValueError:
        row.report("malformed-code", ITEM.CODE)
        return None
    if level is not None and code.level.item_level is not level:
        expected = f"kode {level.label}" if level.is_program_part else f"tanpa kode untuk tingkat {level.label}"
        row.report("code-wrong-level", ITEM.CODE, found=code.level.value.replace("_", " "), expected=expected)
    elif context.jenis is not None and context.nomenclature.lookup(code, context.jenis) is None:
        reference = f"{context.nomenclature.label} ({context.jenis.replace('_', '/')})"
        row.report("unknown-code", ITEM.CODE, severity=Severity.PERINGATAN, reference=reference)
    return code.text


def _nests(child: str | None, parent: str | None) -> bool:
    """Whether a coded item fits under its coded parent (kegiatan 1.01.02.2.01 under program 1.01.02)."""
    if child is None or parent is None:
        return True
    mine, theirs = parse_code(child), parse_code(parent)
    try:
        return mine != theirs and mine.prefix(theirs.level) == theirs
    except ValueError:  # the parent's code is deeper than the child's
        return False


def _read_indicators(table: Table | None, context: _Context) -> None:
    targets = _target_columns(table, context) if table else []
    for row in context.rows(table):
        item = context.item(row, INDIKATOR.ITEM)
        name, satuan = row.text(INDIKATOR.NAME), row.text(INDIKATOR.SATUAN)
        kind = row.choice(INDIKATOR.KIND, IndicatorKind.OTHER)
        baseline = row.number(INDIKATOR.BASELINE)
        direction = row.choice(INDIKATOR.DIRECTION, Direction.NAIK)
        values = {year: row.number(column) for year, column in targets}
        if row.ok and item is not None and kind is not None and direction is not None:
            found = {year: value for year, value in values.items() if value is not None}
            item.indicators.append(Indicator(name, satuan, kind, baseline, direction, found))


def _target_year(header: str) -> int | None:
    """The year of a ``Target 2026`` column (any case, spacing or punctuation), None for other headers."""
    match = _TARGET_HEADER.fullmatch(normalize_header(header))
    return int(match.group(1)) if match else None


def _target_columns(table: Table, context: _Context) -> list[tuple[int, Column]]:
    """The ``Target YYYY`` columns inside the period; a column for a year outside it is reported once."""
    columns: dict[int, Column] = {}
    for header in table.headers:
        year = _target_year(header)
        if year is None or year in columns:
            continue
        if context.period is not None and year not in context.period:
            context.problems.append(
                ImportProblem.at_cell(
                    "invalid-year",
                    file=table.file,
                    sheet=table.sheet,
                    row=1,
                    column=header,
                    value=year,
                    expected=str(context.period),
                )
            )
            continue
        columns[year] = Column(header, ColumnType.NUMBER, f"target tahun {year}")
    return sorted(columns.items())


def _read_budgets(table: Table | None, context: _Context) -> None:
    for row in context.rows(table):
        item = context.item(row, ANGGARAN.ITEM)
        year = row.integer(ANGGARAN.YEAR)
        if year is not None and context.period is not None and year not in context.period:
            row.report("invalid-year", ANGGARAN.YEAR, expected=str(context.period))
        pagu = row.number(ANGGARAN.PAGU, negative_allowed=False)
        realisasi = row.number(ANGGARAN.REALISASI, negative_allowed=False)
        sumber = row.text(ANGGARAN.SUMBER)
        if row.ok and item is not None and year is not None and pagu is not None:
            item.budgets.append(Budget(year, pagu, realisasi, sumber))


def _read_rincian(table: Table | None, context: _Context) -> None:
    for row in context.rows(table):
        item = context.item(row, RINCIAN.ITEM)
        year = row.integer(RINCIAN.YEAR)
        if year is not None and context.period is not None and year not in context.period:
            row.report("invalid-year", RINCIAN.YEAR, expected=str(context.period))
        kind = row.choice(RINCIAN.KIND)
        kode, nama = row.text(RINCIAN.KODE), row.text(RINCIAN.NAMA)
        if not kode and not nama:
            row.report("required", RINCIAN.KODE, expected="kode atau nama sumber dana/rekening")
        pagu = row.number(RINCIAN.PAGU, negative_allowed=False)
        if row.ok and item is not None and year is not None and kind is not None and pagu is not None:
            item.rincian.append(Rincian(year, kind, kode, nama, pagu))


def _read_links(table: Table | None, context: _Context, document: Document | None) -> list[Link]:
    links: list[Link] = []
    first_row: dict[tuple[str, str, str, LinkKind], int] = {}  # the database keeps each link once
    for row in context.rows(table):
        source = context.item(row, TAUTAN.SOURCE)
        target_document = _document_key(row)
        target_item = row.text(TAUTAN.TARGET_ITEM)
        kind = row.choice(TAUTAN.KIND, LinkKind.SUPPORTS)
        origin = row.choice(TAUTAN.ORIGIN, LinkOrigin.MANUAL)
        status = row.choice(TAUTAN.STATUS, LinkStatus.ACCEPTED)
        score = row.number(TAUTAN.SCORE)
        decided_by, decided_at = row.text(TAUTAN.DECIDED_BY), row.moment(TAUTAN.DECIDED_AT)
        if not (row.ok and document and source and target_document and target_item and kind and origin and status):
            continue
        same = (source.key, target_document, target_item, kind)
        if same in first_row:
            row.report("duplicate-link", TAUTAN.TARGET_ITEM, first_row=first_row[same])
            continue
        first_row[same] = row.excel_row
        links.append(
            Link(
                ItemRef(document.key, source.key),
                ItemRef(target_document, target_item),
                kind,
                origin,
                status,
                None if score is None else float(score),
                decided_by,
                decided_at,
            )
        )
    return links


def _document_key(row: TableRow) -> str | None:
    """``pemda/JENIS/pd/periode/versi`` in canonical form (``rpjmn`` → ``RPJMN``); a malformed key is reported."""
    text = row.text(TAUTAN.TARGET_DOCUMENT)
    if not text:
        return None
    parts = [part.strip() for part in text.split("/")]
    kind = parse_choice(parts[1], DocumentKind) if len(parts) == 5 else None
    try:
        period = Period.parse(parts[3]) if kind is not None and all(parts) else None
    except ValueError:
        period = None
    if kind is None or period is None:
        row.report("unknown-reference", TAUTAN.TARGET_DOCUMENT, expected=_DOCUMENT_KEY)
        return None
    return "/".join((parts[0], kind.value, parts[2], str(period), parts[4]))

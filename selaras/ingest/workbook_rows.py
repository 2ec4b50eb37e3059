"""One data row of a workbook table with typed getters: each bad cell becomes an :class:`ImportProblem`.

Getters never raise; they record the problem (file, sheet, Excel row, Indonesian header, the value found) and
return None, so a sheet is always read to the end and every problem is reported at once.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from selaras.ingest.limits import TEXT_LIMITS, NumberTooLarge, read_integer, read_number
from selaras.ingest.problems import ImportProblem, Severity
from selaras.ingest.sheets import Row, exact_text
from selaras.ingest.workbook_tables import Table
from selaras.workbook.schema import ANGGARAN, DOKUMEN, INDIKATOR, ITEM, RINCIAN, TAUTAN, ChoiceColumn, Column

__all__ = ["TableRow", "parse_choice"]

E = TypeVar("E", bound=StrEnum)

_CHOICE_NOISE = re.compile(r"[\s_-]+")
_STORED_AS = {
    DOKUMEN.PD: "document.pd",
    DOKUMEN.VERSION: "document.version",
    ITEM.KEY: "item.key",
    ITEM.PARENT: "item.key",
    ITEM.PD: "item.pd",
    ITEM.UNIT: "item.unit",
    INDIKATOR.SATUAN: "indicator.satuan",
    ANGGARAN.SUMBER: "budget.sumber_dana",
    RINCIAN.KODE: "rincian.kode",
    TAUTAN.SOURCE: "item.key",
    TAUTAN.TARGET_DOCUMENT: "link.target_document",
    TAUTAN.TARGET_ITEM: "link.target_item",
    TAUTAN.DECIDED_BY: "link.decided_by",
}
"""Text columns with a length limit in the database: the field of :data:`~selaras.ingest.limits.TEXT_LIMITS`."""


def parse_choice(text: str, enum: type[E]) -> E | None:
    """The member whose value matches ``text`` ignoring case, spaces, ``_`` and ``-``; None if none does."""
    wanted = _CHOICE_NOISE.sub("_", text.strip()).casefold()
    for member in enum:
        if _CHOICE_NOISE.sub("_", member.value).casefold() == wanted:
            return member
    return None


class TableRow:
    """Cells of one row of a :class:`Table`, addressed by the schema's columns."""

    def __init__(self, table: Table, number: int, values: Row, problems: list[ImportProblem]) -> None:
        self.table = table
        self.excel_row = number
        self._values = values
        self._problems = problems
        self.ok = True

    def raw(self, column: Column) -> object:
        return self.table.value(self._values, column)

    def report(
        self, code: str, column: Column, value: object = None, severity: Severity = Severity.GALAT, **params: Any
    ) -> None:
        """Record a problem in this row's ``column`` cell; a galat marks the row as not importable."""
        self._problems.append(
            ImportProblem.at_cell(
                code,
                file=self.table.file,
                sheet=self.table.sheet,
                row=self.excel_row,
                column=column.header,
                value=exact_text(self.raw(column) if value is None else value),
                severity=severity,
                **params,
            )
        )
        if severity is Severity.GALAT:
            self.ok = False

    def text(self, column: Column) -> str:
        """The cell as stripped text; an empty required cell is reported and gives ``""``."""
        text = exact_text(self.raw(column))
        if not text and column.required:
            self.report("required", column, expected=_expected(column))
        stored_as = _STORED_AS.get(column)
        if stored_as is not None and len(text) > TEXT_LIMITS[stored_as]:
            self.report("too-long", column, found=len(text), expected=TEXT_LIMITS[stored_as])
        return text

    def optional_text(self, column: Column) -> str | None:
        return self.text(column) or None

    def number(self, column: Column, *, negative_allowed: bool = True) -> Decimal | None:
        if not self.text(column):
            return None
        try:
            number = read_number(self.raw(column))
        except NumberTooLarge as error:
            self.report("too-large", column, expected=error.limit)
            return None
        except ValueError:
            self.report("not-a-number", column)
            return None
        if number is not None and number < 0 and not negative_allowed:
            self.report("negative", column)
            return None
        return number

    def integer(self, column: Column) -> int | None:
        number = self.number(column)
        if number is None:
            return None
        if number != number.to_integral_value():
            self.report("not-an-integer", column, expected=_expected(column))
            return None
        try:
            return read_integer(number)
        except NumberTooLarge as error:
            self.report("too-large", column, expected=error.limit)
            return None

    def choice(self, column: ChoiceColumn[E], default: E | None = None) -> E | None:
        """The member named in the cell (any case); ``default`` when the cell is empty and not required."""
        text = self.text(column)
        if not text:
            return None if column.required else default
        member = parse_choice(text, column.enum)
        if member is None:
            self.report("invalid-choice", column, expected=", ".join(column.choices))
        return member

    def moment(self, column: Column) -> datetime | None:
        """An ISO date-time (``2025-03-01T10:00:00+07:00``); a date-time cell typed in Excel is accepted too."""
        value = self.raw(column)
        if isinstance(value, datetime):
            return value
        text = self.text(column)
        if not text:
            return None
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            self.report("invalid-datetime", column)
            return None


def _expected(column: Column) -> str:
    """``kode wilayah Kemendagri pemilik dokumen, contoh: 62.71`` — the column's help as the end of a sentence."""
    text = column.help[:1].lower() + column.help[1:]
    return f"{text}, contoh: {column.example}" if column.example else text

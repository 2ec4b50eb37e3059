"""Numbers as workbook cells, written so that the reader (:mod:`selaras.ingest.selaras_workbook`) gets equal
values back.

"Exactly" in the round trip means *value* equality: ``Decimal("100000000000.00")`` may come back as
``Decimal("100000000000")`` (equal, exponent differs). Numbers are real numeric cells when Excel keeps them
exactly — at most 15 significant digits, which survive the trip through a double and a save in Excel — and
text in Indonesian format otherwise, which :func:`selaras.numbers.parse_number` reads back to the same value.
"""

from __future__ import annotations

from decimal import Decimal

from selaras.numbers import format_number

__all__ = ["number_cell", "number_format", "number_text"]

_EXCEL_DIGITS = 15  # Excel stores numbers as doubles and shows (and re-saves) at most 15 significant digits


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def number_cell(value: Decimal) -> int | float | str:
    """The cell value for a Decimal: int or float when that is exact, Indonesian text otherwise."""
    if len(value.normalize().as_tuple().digits) > _EXCEL_DIGITS:
        return number_text(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def number_format(value: Decimal) -> str:
    """Excel display format with the value's own decimals: ``1.250.000`` or ``12,50`` (in an Indonesian Excel)."""
    places = _places(value)
    return "#,##0." + "0" * places if places else "#,##0"


def number_text(value: Decimal) -> str:
    """``1.234.567,89`` — and never exactly three decimals without thousands: ``parse_number`` reads ``0,125``
    as English 125, so ``0.125`` is written ``0,1250``."""
    places = _places(value)
    return format_number(value, decimals=4 if places == 3 else places)

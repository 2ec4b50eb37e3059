"""What the database can hold, so that a value too big for its column is reported at its cell, never a crash.

PostgreSQL refuses text longer than a ``String(n)`` column and amounts beyond ``Numeric(24, 4)`` (SQLite would
store them silently, and the same file must give the same answer on both). The limits are read from the table
definitions in :mod:`selaras.store.tables`, so a migration that widens a column widens the check too.

Readers check each cell as they read it (:func:`text_problem`, :func:`read_number`); :func:`plan_problems` then
checks the finished plans once more for values a reader derives rather than reads (a key prefixed with its sub
unit, pagu summed over sub kegiatan), which can only be reported per item.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Numeric, String

from selaras.domain import Plan
from selaras.ingest.problems import ImportProblem
from selaras.numbers import format_number, parse_number
from selaras.store.tables import (
    Amount,
    BudgetRincianRow,
    BudgetRow,
    DocumentRow,
    IndicatorRow,
    ItemRow,
    LinkRow,
    PerangkatDaerahRow,
)

__all__ = [
    "MAX_AMOUNT",
    "MAX_INTEGER",
    "TEXT_LIMITS",
    "NumberTooLarge",
    "plan_problems",
    "read_integer",
    "read_number",
    "too_long",
]


def _length(column: ColumnElement[Any]) -> int:
    kind = column.type
    assert isinstance(kind, String) and kind.length is not None
    return kind.length


assert isinstance(Amount, Numeric) and Amount.precision is not None and Amount.scale is not None
MAX_AMOUNT = Decimal(10) ** (Amount.precision - Amount.scale)
"""Every stored amount (pagu, target, baseline) is below this in size: ``Numeric(24, 4)`` keeps 20 whole digits."""
MAX_INTEGER = 2**31 - 1
"""The largest ``Integer`` PostgreSQL stores (an order number, a year)."""

TEXT_LIMITS: dict[str, int] = {
    "item.key": _length(ItemRow.__table__.c.key),
    "item.code": _length(ItemRow.__table__.c.code),
    "item.pd": _length(ItemRow.__table__.c.pd),
    "item.unit": _length(ItemRow.__table__.c.unit),
    "indicator.satuan": _length(IndicatorRow.__table__.c.satuan),
    "budget.sumber_dana": _length(BudgetRow.__table__.c.sumber_dana),
    "rincian.kode": _length(BudgetRincianRow.__table__.c.kode),
    "document.pd": _length(DocumentRow.__table__.c.pd),
    "document.version": _length(DocumentRow.__table__.c.version),
    "link.target_document": _length(LinkRow.__table__.c.target_document),
    "link.target_item": _length(LinkRow.__table__.c.target_item),
    "link.decided_by": _length(LinkRow.__table__.c.decided_by),
    "pd.kode": _length(PerangkatDaerahRow.__table__.c.kode),
    "pd.nama": _length(PerangkatDaerahRow.__table__.c.nama),
}
"""The longest text each stored field takes, by ``table.field``."""


class NumberTooLarge(ValueError):
    """A number no amount column can store; ``limit`` is the first size that is too large."""

    def __init__(self, value: object, limit: Decimal | int) -> None:
        super().__init__(f"terlalu besar: {value!r}")
        self.limit = format_number(limit)


def read_number(value: object) -> Decimal | None:
    """:func:`~selaras.numbers.parse_number`, refusing what cannot be stored: ``ValueError`` for ``inf``/``nan``
    (a float cell can hold them), :class:`NumberTooLarge` from 10^20 on."""
    number = parse_number(value)
    if number is None:
        return None
    if not number.is_finite():
        raise ValueError(f"bukan angka: {value!r}")
    if abs(number) >= MAX_AMOUNT:
        raise NumberTooLarge(value, MAX_AMOUNT)
    return number


def read_integer(number: Decimal) -> int:
    """A whole number that fits an ``Integer`` column; :class:`NumberTooLarge` beyond it."""
    if abs(number) > MAX_INTEGER:
        raise NumberTooLarge(number, MAX_INTEGER + 1)
    return int(number)


def too_long(text: str | None, field: str) -> bool:
    """Whether ``text`` is longer than the column of ``field`` (a key of :data:`TEXT_LIMITS`) takes."""
    return text is not None and len(text) > TEXT_LIMITS[field]


def plan_problems(plans: list[Plan], file: str) -> list[ImportProblem]:
    """A galat for each value of ``plans`` that its column cannot hold; one per item and field."""
    problems: list[ImportProblem] = []
    for plan in plans:
        for item_key, field, found, limit in _oversized(plan):
            problems.append(
                ImportProblem(
                    "value-too-big", file, value=item_key, params={"field": field, "found": found, "expected": limit}
                )
            )
    return problems


def _oversized(plan: Plan) -> Iterator[tuple[str, str, str, str]]:
    """(item or document key, field, size found, limit) for each value that does not fit."""
    document = [("document.pd", plan.document.pd), ("document.version", plan.document.version)]
    for field, text in document:
        if too_long(text, field):
            yield plan.document.key, field, f"{len(text or '')} karakter", f"{TEXT_LIMITS[field]} karakter"
    for item in plan.items:
        texts = [
            ("item.key", item.key),
            ("item.key", item.parent),
            ("item.code", item.code),
            ("item.pd", item.pd),
            ("item.unit", item.unit),
            *(("indicator.satuan", indicator.satuan) for indicator in item.indicators),
            *(("budget.sumber_dana", budget.sumber_dana) for budget in item.budgets),
            *(("rincian.kode", rincian.kode) for rincian in item.rincian),
        ]
        for field, text in texts:
            if too_long(text, field):
                yield item.key[:60], field, f"{len(text or '')} karakter", f"{TEXT_LIMITS[field]} karakter"
        amounts = [
            *(budget.pagu for budget in item.budgets),
            *(budget.realisasi for budget in item.budgets if budget.realisasi is not None),
            *(rincian.pagu for rincian in item.rincian),
            *(indicator.baseline for indicator in item.indicators if indicator.baseline is not None),
            *(target for indicator in item.indicators for target in indicator.targets.values()),
        ]
        if any(abs(amount) >= MAX_AMOUNT for amount in amounts):
            yield item.key[:60], "pagu/target", "20 angka atau lebih", f"di bawah {format_number(MAX_AMOUNT)}"

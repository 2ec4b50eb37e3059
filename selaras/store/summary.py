"""What is in the database: the numbers ``selaras info`` prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from selaras.store.tables import (
    BudgetRow,
    DocumentRow,
    ImportRecordRow,
    IndicatorRow,
    ItemRow,
    LinkRow,
    PemdaRow,
    PerangkatDaerahRow,
)

__all__ = ["DatabaseSummary", "summarize"]


@dataclass(slots=True)
class DatabaseSummary:
    pemda: int = 0
    perangkat_daerah: int = 0
    documents_per_kind: dict[str, int] = field(default_factory=dict)
    items_per_level: dict[str, int] = field(default_factory=dict)
    indicators: int = 0
    budgets: int = 0
    links_per_status: dict[str, int] = field(default_factory=dict)
    imports: int = 0


def summarize(session: Session, pemda: str | None = None) -> DatabaseSummary:
    """Counts of everything, for all pemda or one (with ``pemda``: that code and its kab/kota)."""

    def scoped(column: InstrumentedAttribute[Any]) -> list[ColumnElement[bool]]:
        return [] if pemda is None else [column.in_(_family(session, pemda))]

    def count(table: type[Any], column: InstrumentedAttribute[Any]) -> int:
        return session.scalar(select(func.count()).select_from(table).where(*scoped(column))) or 0

    def grouped(column: InstrumentedAttribute[Any], scope: InstrumentedAttribute[Any]) -> dict[str, int]:
        rows = session.execute(select(column, func.count()).where(*scoped(scope)).group_by(column).order_by(column))
        return {str(key): int(value) for key, value in rows}

    return DatabaseSummary(
        pemda=count(PemdaRow, PemdaRow.kode),
        perangkat_daerah=count(PerangkatDaerahRow, PerangkatDaerahRow.pemda),
        documents_per_kind=grouped(DocumentRow.kind, DocumentRow.pemda),
        items_per_level=grouped(ItemRow.level, ItemRow.pemda),
        indicators=count(IndicatorRow, IndicatorRow.pemda),
        budgets=count(BudgetRow, BudgetRow.pemda),
        links_per_status=grouped(LinkRow.status, LinkRow.pemda),
        imports=count(ImportRecordRow, ImportRecordRow.pemda),
    )


def _family(session: Session, pemda: str) -> list[str]:
    children = session.scalars(select(PemdaRow.kode).where(PemdaRow.parent == pemda)).all()
    return [pemda, *children]

"""The planning tables' rows as comparable values, for tests that store the same data two ways."""

from __future__ import annotations

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from selaras.store.tables import (
    BudgetRincianRow,
    BudgetRow,
    DocumentRow,
    IndicatorRow,
    ItemRow,
    LinkRow,
    PemdaRow,
    PerangkatDaerahRow,
    TargetRow,
)

TABLES = [
    PemdaRow,
    PerangkatDaerahRow,
    DocumentRow,
    ItemRow,
    IndicatorRow,
    TargetRow,
    BudgetRow,
    BudgetRincianRow,
    LinkRow,
]


def planning_rows(session: Session) -> dict[str, list[str]]:
    """Every row of the planning tables, the ids replaced by what they stand for (document key, item key,
    indicator position) and ``updated_at`` left out, sorted: equal for equal data however it was written."""
    documents: dict[int, object] = {
        row_id: key for row_id, key in session.execute(select(DocumentRow.id, DocumentRow.key))
    }
    items = {
        row_id: (documents[document_id], key)
        for row_id, document_id, key in session.execute(select(ItemRow.id, ItemRow.document_id, ItemRow.key))
    }
    indicators = {
        row_id: (*items[item_id], position)
        for row_id, item_id, position in session.execute(
            select(IndicatorRow.id, IndicatorRow.item_id, IndicatorRow.position)
        )
    }
    natural: dict[str, dict[int, object]] = {"document_id": documents, "item_id": items, "indicator_id": indicators}
    contents: dict[str, list[str]] = {}
    for row in TABLES:
        table: Table = row.__table__  # type: ignore[assignment]
        contents[table.name] = sorted(
            repr(
                sorted(
                    (column, natural[column][value] if column in natural else value)
                    for column, value in values.items()
                    if column not in {"id", "updated_at"}
                )
            )
            for values in session.execute(select(table)).mappings()
        )
    return contents

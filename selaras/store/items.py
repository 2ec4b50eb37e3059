"""Reading one item with its indicators and budgets, and editing it with optimistic locking.

An edit names the item version it was based on. The version check and the bump happen in one
``UPDATE ... WHERE version = :expected``, so of two simultaneous edits of the same version exactly one
wins on either database; the other gets :class:`EditConflict`. A re-import replaces items (new rows,
version 1), after which edits of the old rows conflict as "deleted".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from selaras.errors import NotFound
from selaras.store.audit import now, record_audit
from selaras.store.locking import EditConflict, InvalidEdit
from selaras.store.tables import BudgetRow, DocumentRow, IndicatorRow, ItemRow, TargetRow

__all__ = ["BudgetLine", "IndicatorLine", "ItemChanges", "ItemDetail", "edit_item", "find_items", "load_item"]


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    position: int
    name: str
    satuan: str
    targets: dict[int, Decimal]


@dataclass(frozen=True, slots=True)
class BudgetLine:
    position: int
    year: int
    pagu: Decimal
    sumber_dana: str


@dataclass(frozen=True, slots=True)
class ItemDetail:
    id: int
    pemda: str
    document_id: int
    document_key: str
    document_pd: str | None
    key: str
    level: str
    text: str
    code: str | None
    parent_key: str | None
    pd: str | None
    lokasi: str
    version: int
    indicators: list[IndicatorLine] = field(default_factory=list)
    budgets: list[BudgetLine] = field(default_factory=list)

    @property
    def owner_pd(self) -> str | None:
        """The PD responsible for the item: its document's, or its own in an RKPD."""
        return self.document_pd or self.pd


@dataclass(frozen=True, slots=True)
class ItemChanges:
    """What an edit changes; ``None``/empty means "leave as is". Targets by indicator position and year,
    pagu by budget position (an item may have several budget rows per year, one per sumber dana)."""

    text: str | None = None
    lokasi: str | None = None
    targets: dict[int, dict[int, Decimal]] = field(default_factory=dict)
    pagu: dict[int, Decimal] = field(default_factory=dict)


def load_item(session: Session, item_id: int) -> ItemDetail:
    row = session.get(ItemRow, item_id)
    if row is None:
        raise NotFound(f"item #{item_id} tidak ada (mungkin dokumennya sudah diimpor ulang)")
    document = session.get(DocumentRow, row.document_id)
    assert document is not None  # item.document_id is a foreign key
    indicators = []
    for indicator in session.scalars(
        select(IndicatorRow).where(IndicatorRow.item_id == item_id).order_by(IndicatorRow.position)
    ):
        targets = {
            target.year: target.value
            for target in session.scalars(
                select(TargetRow).where(TargetRow.indicator_id == indicator.id).order_by(TargetRow.year)
            )
        }
        indicators.append(IndicatorLine(indicator.position, indicator.name, indicator.satuan, targets))
    budgets = [
        BudgetLine(budget.position, budget.year, budget.pagu, budget.sumber_dana)
        for budget in session.scalars(
            select(BudgetRow).where(BudgetRow.item_id == item_id).order_by(BudgetRow.position)
        )
    ]
    return ItemDetail(
        row.id,
        row.pemda,
        row.document_id,
        document.key,
        document.pd,
        row.key,
        row.level,
        row.text,
        row.code,
        row.parent_key,
        row.pd,
        row.lokasi,
        row.version,
        indicators,
        budgets,
    )


def find_items(session: Session, pemda: str, query: str, *, limit: int = 50) -> list[tuple[int, str, str, str]]:
    """Items of ``pemda`` whose code, key or text contains ``query``: (id, document key, item key, text)."""
    pattern = f"%{query.strip().lower()}%"
    rows = session.execute(
        select(ItemRow.id, DocumentRow.key, ItemRow.key, ItemRow.text)
        .join(DocumentRow, ItemRow.document_id == DocumentRow.id)
        .where(ItemRow.pemda == pemda)
        .where(ItemRow.text.ilike(pattern) | ItemRow.key.ilike(pattern))
        .order_by(DocumentRow.key, ItemRow.position)
        .limit(limit)
    )
    return [(item_id, document, key, text) for item_id, document, key, text in rows]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def edit_item(session: Session, item_id: int, expected_version: int, changes: ItemChanges, *, username: str) -> int:
    """Apply ``changes`` if the item is still at ``expected_version``; returns the new version.

    The audit entry (changed fields, old → new) is written in the same transaction.
    """
    try:
        before = load_item(session, item_id)
    except NotFound:
        raise EditConflict(f"item #{item_id}", expected_version, None) from None
    if before.version != expected_version:
        raise EditConflict(f"item {before.key}", expected_version, before.version)
    old: dict[str, object] = {"version": before.version}
    new: dict[str, object] = {"version": before.version + 1}
    values: dict[str, object] = {}
    for name in ("text", "lokasi"):
        wanted = getattr(changes, name)
        if wanted is not None and wanted != getattr(before, name):
            values[name], old[name], new[name] = wanted, getattr(before, name), wanted
    bumped = session.execute(
        update(ItemRow)
        .where(ItemRow.id == item_id, ItemRow.version == expected_version)
        .values(version=ItemRow.version + 1, **values)
    )
    if bumped.rowcount != 1:  # type: ignore[attr-defined]  # CursorResult of an UPDATE
        current = session.scalar(select(ItemRow.version).where(ItemRow.id == item_id))
        raise EditConflict(f"item {before.key}", expected_version, current)
    _edit_targets(session, item_id, before, changes, old, new)
    _edit_pagu(session, item_id, before, changes, old, new)
    document = session.get(DocumentRow, before.document_id)
    assert document is not None
    document.fingerprint, document.updated_at = "", now()  # no longer equal to any imported file
    record_audit(
        session,
        pemda=before.pemda,
        username=username,
        action="edit",
        entity="item",
        entity_id=item_id,
        old={"document": before.document_key, "key": before.key, **old},
        new={"document": before.document_key, "key": before.key, **new},
    )
    return before.version + 1


def _edit_targets(
    session: Session,
    item_id: int,
    before: ItemDetail,
    changes: ItemChanges,
    old: dict[str, object],
    new: dict[str, object],
) -> None:
    positions = {line.position: line for line in before.indicators}
    for position, targets in changes.targets.items():
        if position not in positions:
            raise InvalidEdit(f"item {before.key} tidak punya indikator ke-{position + 1}")
        indicator_id = session.scalar(
            select(IndicatorRow.id).where(IndicatorRow.item_id == item_id, IndicatorRow.position == position)
        )
        for year, value in targets.items():
            previous = positions[position].targets.get(year)
            if previous == value:
                continue
            row = session.get(TargetRow, (indicator_id, year))
            if row is None:
                session.add(TargetRow(indicator_id=indicator_id, year=year, pemda=before.pemda, value=value))
            else:
                row.value = value
            label = f"target[{positions[position].name}][{year}]"
            old[label], new[label] = _text(previous), _text(value)
    session.flush()


def _edit_pagu(
    session: Session,
    item_id: int,
    before: ItemDetail,
    changes: ItemChanges,
    old: dict[str, object],
    new: dict[str, object],
) -> None:
    positions = {line.position: line for line in before.budgets}
    for position, pagu in changes.pagu.items():
        if position not in positions:
            raise InvalidEdit(f"item {before.key} tidak punya baris anggaran ke-{position + 1}")
        if pagu < 0:
            raise InvalidEdit("pagu tidak boleh negatif")
        line = positions[position]
        if line.pagu == pagu:
            continue
        session.execute(
            update(BudgetRow).where(BudgetRow.item_id == item_id, BudgetRow.position == position).values(pagu=pagu)
        )
        label = f"pagu[{line.year}][{line.sumber_dana or position + 1}]"
        old[label], new[label] = _text(line.pagu), _text(pagu)

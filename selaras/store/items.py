"""Reading one item with its indicators and budgets, and editing it with optimistic locking.

An edit can change everything a finding asks for: the item's text and lokasi; an indicator's name, satuan,
baseline and direction; its target for any year of the document's period (a missing year is added); pagu per
budget row, or a new row for a year without pagu; and it can add or remove an indicator. Removing one first
keeps the stored document as a ``suntingan`` version (:func:`selaras.store.versions.keep_edits`), so nothing is
lost without a version to go back to.

An edit names the item version it was based on. The version check and the bump happen in one
``UPDATE ... WHERE version = :expected``, so of two simultaneous edits of the same version exactly one
wins on either database; the other gets :class:`EditConflict`. A re-import replaces items (new rows,
version 1), after which edits of the old rows conflict as "deleted".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from selaras.domain import Direction, IndicatorKind, ItemLevel
from selaras.errors import NotFound
from selaras.store.audit import now, record_audit
from selaras.store.locking import EditConflict, InvalidEdit
from selaras.store.plans import load_plan
from selaras.store.tables import BudgetRow, DocumentRow, IndicatorRow, ItemRow, TargetRow
from selaras.store.versions import keep_edits

__all__ = [
    "BudgetLine",
    "IndicatorChange",
    "IndicatorLine",
    "ItemChanges",
    "ItemDetail",
    "NewIndicator",
    "edit_item",
    "find_items",
    "load_item",
]


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    position: int
    name: str
    satuan: str
    targets: dict[int, Decimal]
    baseline: Decimal | None = None
    direction: str = Direction.NAIK.value


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
    years: tuple[int, ...] = ()
    """The years of the document's period: the form offers a target and a pagu for each."""

    @property
    def owner_pd(self) -> str | None:
        """The PD responsible for the item: its document's, or its own in an RKPD."""
        return self.document_pd or self.pd

    @property
    def unbudgeted_years(self) -> list[int]:
        """Years of the period without a budget row: the form offers a new pagu for each."""
        budgeted = {line.year for line in self.budgets}
        return [year for year in self.years if year not in budgeted]


@dataclass(frozen=True, slots=True)
class IndicatorChange:
    """New description of an existing indicator; ``None`` leaves a value as it is, ``clear_baseline`` empties
    the baseline."""

    name: str | None = None
    satuan: str | None = None
    baseline: Decimal | None = None
    direction: Direction | None = None
    clear_baseline: bool = False


@dataclass(frozen=True, slots=True)
class NewIndicator:
    """An indicator to add after the item's last one (its kind follows the item's level)."""

    name: str
    satuan: str = ""
    baseline: Decimal | None = None
    direction: Direction = Direction.NAIK
    targets: dict[int, Decimal] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ItemChanges:
    """What an edit changes; ``None``/empty means "leave as is". Targets by indicator position and year,
    pagu by budget position (an item may have several budget rows per year, one per sumber dana)."""

    text: str | None = None
    lokasi: str | None = None
    targets: dict[int, dict[int, Decimal]] = field(default_factory=dict)
    pagu: dict[int, Decimal] = field(default_factory=dict)
    indicators: dict[int, IndicatorChange] = field(default_factory=dict)
    """Name, satuan, baseline or direction of existing indicators, by position."""
    added: tuple[NewIndicator, ...] = ()
    removed: frozenset[int] = frozenset()
    """Positions of indicators to remove (with their targets)."""
    new_pagu: dict[int, Decimal] = field(default_factory=dict)
    """A budget row for each year (key) the item has no pagu for yet."""


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
        indicators.append(
            IndicatorLine(
                indicator.position,
                indicator.name,
                indicator.satuan,
                targets,
                indicator.baseline,
                indicator.direction,
            )
        )
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
        tuple(range(document.period_start, document.period_end + 1)),
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
    if changes.removed:
        _keep_before_removing(session, before, username)
    _edit_indicators(session, item_id, before, changes, old, new)
    _edit_targets(session, item_id, before, changes, old, new)
    _remove_indicators(session, item_id, before, changes, old, new)
    _add_indicators(session, item_id, before, changes, old, new)
    _edit_pagu(session, item_id, before, changes, old, new)
    _add_pagu(session, item_id, before, changes, old, new)
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
        if position in changes.removed:
            continue  # removed below with its targets
        _check_years(before, targets)
        indicator_id = session.scalar(
            select(IndicatorRow.id).where(IndicatorRow.item_id == item_id, IndicatorRow.position == position)
        )
        for year, value in targets.items():
            previous = positions[position].targets.get(year)
            if previous == value:
                continue
            row = session.get(TargetRow, (indicator_id, year, before.pemda))
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


def _check_years(before: ItemDetail, values: dict[int, Decimal]) -> None:
    outside = sorted(year for year in values if before.years and year not in before.years)
    if outside:
        period = f"{before.years[0]}-{before.years[-1]}"
        raise InvalidEdit(
            f"tahun {', '.join(map(str, outside))} di luar periode dokumen {before.document_key} ({period})"
        )


def _name(value: str, what: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise InvalidEdit(f"{what} tidak boleh kosong")
    return cleaned


def _edit_indicators(
    session: Session,
    item_id: int,
    before: ItemDetail,
    changes: ItemChanges,
    old: dict[str, object],
    new: dict[str, object],
) -> None:
    """Name, satuan, baseline and direction of existing indicators; only what differs is written and audited."""
    positions = {line.position: line for line in before.indicators}
    for position, change in changes.indicators.items():
        if position not in positions:
            raise InvalidEdit(f"item {before.key} tidak punya indikator ke-{position + 1}")
        line, values = positions[position], {}
        wanted: dict[str, object] = {
            "name": _name(change.name, "nama indikator") if change.name is not None else None,
            "satuan": " ".join(change.satuan.split()) if change.satuan is not None else None,
            "direction": change.direction.value if change.direction is not None else None,
            "baseline": change.baseline,
        }
        for name, value in wanted.items():
            if value is not None and value != getattr(line, name):
                values[name] = value
        if change.clear_baseline and change.baseline is None and line.baseline is not None:
            values["baseline"] = None
        if not values:
            continue
        session.execute(
            update(IndicatorRow)
            .where(IndicatorRow.item_id == item_id, IndicatorRow.position == position)
            .values(**values)
        )
        for name, value in values.items():
            label = f"{name}[{line.name}]"
            previous = getattr(line, name)
            old[label] = _text(previous) if isinstance(previous, Decimal) or previous is None else previous
            new[label] = _text(value) if isinstance(value, Decimal) or value is None else value


def _keep_before_removing(session: Session, before: ItemDetail, username: str) -> None:
    """Keep the stored document as a version before an indicator is removed (restorable like any version)."""
    keep_edits(session, load_plan(session, before.document_key), username)


def _remove_indicators(
    session: Session,
    item_id: int,
    before: ItemDetail,
    changes: ItemChanges,
    old: dict[str, object],
    new: dict[str, object],
) -> None:
    positions = {line.position: line for line in before.indicators}
    for position in sorted(changes.removed):
        if position not in positions:
            raise InvalidEdit(f"item {before.key} tidak punya indikator ke-{position + 1}")
        line = positions[position]
        session.execute(delete(IndicatorRow).where(IndicatorRow.item_id == item_id, IndicatorRow.position == position))
        targets = {str(year): _text(value) for year, value in line.targets.items()}
        old[f"indikator[{line.name}]"] = {
            "satuan": line.satuan,
            "baseline": _text(line.baseline),
            "direction": line.direction,
            "targets": targets,
        }
        new[f"indikator[{line.name}]"] = None
    session.flush()


_KINDS = {
    ItemLevel.PROGRAM.value: IndicatorKind.OUTCOME,
    ItemLevel.KEGIATAN.value: IndicatorKind.OUTPUT,
    ItemLevel.SUB_KEGIATAN.value: IndicatorKind.OUTPUT,
}


def _add_indicators(
    session: Session,
    item_id: int,
    before: ItemDetail,
    changes: ItemChanges,
    old: dict[str, object],
    new: dict[str, object],
) -> None:
    """New indicators after the last position; a program's measure outcomes, a kegiatan's outputs."""
    last = session.scalar(select(func.max(IndicatorRow.position)).where(IndicatorRow.item_id == item_id))
    position = -1 if last is None else last
    for added in changes.added:
        name = _name(added.name, "nama indikator baru")
        _check_years(before, added.targets)
        position += 1
        row = IndicatorRow(
            pemda=before.pemda,
            item_id=item_id,
            position=position,
            name=name,
            satuan=" ".join(added.satuan.split()),
            kind=_KINDS.get(before.level, IndicatorKind.OTHER).value,
            baseline=added.baseline,
            direction=added.direction.value,
        )
        session.add(row)
        session.flush()
        for year, value in sorted(added.targets.items()):
            session.add(TargetRow(indicator_id=row.id, year=year, pemda=before.pemda, value=value))
        old[f"indikator[{name}]"] = None
        new[f"indikator[{name}]"] = {
            "satuan": row.satuan,
            "baseline": _text(added.baseline),
            "direction": added.direction.value,
            "targets": {str(year): _text(value) for year, value in sorted(added.targets.items())},
        }
    session.flush()


def _add_pagu(
    session: Session,
    item_id: int,
    before: ItemDetail,
    changes: ItemChanges,
    old: dict[str, object],
    new: dict[str, object],
) -> None:
    """A budget row for a year of the period that has none (a year with rows is edited by position)."""
    if not changes.new_pagu:
        return
    _check_years(before, changes.new_pagu)
    budgeted = {line.year for line in before.budgets}
    last = max((line.position for line in before.budgets), default=-1)
    for year, pagu in sorted(changes.new_pagu.items()):
        if year in budgeted:
            raise InvalidEdit(f"item {before.key} sudah punya pagu tahun {year}; ubah baris anggarannya")
        if pagu < 0:
            raise InvalidEdit("pagu tidak boleh negatif")
        last += 1
        session.add(BudgetRow(pemda=before.pemda, item_id=item_id, position=last, year=year, pagu=pagu, sumber_dana=""))
        old[f"pagu[{year}]"], new[f"pagu[{year}]"] = None, _text(pagu)
    session.flush()

"""Saving and loading whole plans (a document with its items, indicators, budgets, rincian and outgoing links)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum
from typing import Literal, cast

from sqlalchemy import ColumnElement, Table, and_, any_, delete, func, insert, select
from sqlalchemy import text as sql
from sqlalchemy.orm import InstrumentedAttribute, Session

from selaras.domain import (
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
    RincianKind,
)
from selaras.domain.diff import LinkIdentity, link_identity, links_lost
from selaras.errors import NotFound
from selaras.store.changes import touch
from selaras.store.plan_rows import detail_rows, document_row, item_rows, link_row, target_rows
from selaras.store.tables import (
    Base,
    BudgetRincianRow,
    BudgetRow,
    DocumentRow,
    IndicatorRow,
    ItemRow,
    LinkRow,
    TargetRow,
)

__all__ = [
    "SaveOutcome",
    "delete_plan",
    "fingerprint",
    "load_plan",
    "load_plans",
    "lock_imports",
    "save_plan",
    "stored_fingerprint",
]

SaveOutcome = Literal["created", "replaced", "unchanged"]


def _table(row: type[Base]) -> Table:
    """The Core table of a mapped class: inserts through it skip the ORM's per-row bookkeeping."""
    return cast(Table, row.__table__)


def _text(value: object) -> str:
    # the common types first, by exact type: the fingerprint is most of the bulk load's own work
    if type(value) is str:
        return value
    if value is None:
        return "\x00"
    if type(value) is int:
        return str(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, Enum):
        return str(value._value_)  # what ``.value`` returns, without its descriptor
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def fingerprint(plan: Plan) -> str:
    """A hash of the plan's content: equal plans (by value, 12.50 == 12.5) give equal fingerprints.

    Written field by field rather than through ``dataclasses.asdict``, which costs a third of a demo run;
    a test changes every field of every record to prove none is left out.
    """
    chunks: list[str] = []

    def add(*parts: object) -> None:
        chunks.append("\x1f".join([_text(part) for part in parts]) + "\x1e")

    document = plan.document
    add("document", document.kind, document.pemda, document.period, document.pd, document.version)
    add(document.status, document.title)
    for item in plan.items:
        add("item", item.key, item.level, item.text, item.code, item.parent, item.order, item.pd, item.lokasi)
        add(item.unit)
        for indicator in item.indicators:
            add("indicator", indicator.name, indicator.satuan, indicator.kind, indicator.baseline, indicator.direction)
            add("targets", *(f"{year}={_text(value)}" for year, value in sorted(indicator.targets.items())))
        for budget in item.budgets:
            add("budget", budget.year, budget.pagu, budget.realisasi, budget.sumber_dana)
        for rincian in item.rincian:
            add("rincian", rincian.year, rincian.kind, rincian.kode, rincian.nama, rincian.pagu)
    for link in plan.links:
        add("link", link.source, link.target, link.kind, link.origin, link.status, link.score, link.decided_by)
        add(link.decided_at)
    return hashlib.sha256("".join(chunks).encode("utf-8")).hexdigest()


def stored_fingerprint(session: Session, key: str) -> str | None:
    """The fingerprint of the stored document ``key`` (empty after a web edit), None when there is none."""
    return session.scalars(select(DocumentRow.fingerprint).where(DocumentRow.key == key)).first()


def lock_imports(session: Session, pemda: str) -> None:
    """Serialise imports into one pemda until the transaction ends, so two uploads of the same document (or of
    the pemda's first documents) never race to insert the same rows: PostgreSQL takes an advisory lock, SQLite
    its one write lock."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(sql("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": f"selaras-import:{pemda}"})
    elif dialect == "sqlite":
        # Take the write lock first (waiting up to the busy timeout): a transaction that has read before it
        # writes cannot wait for another writer in WAL mode and fails at once with "database is locked".
        session.execute(sql("UPDATE pemda SET nama = nama WHERE 0 = 1"))


def save_plan(session: Session, plan: Plan, removed_by_file: Iterable[LinkIdentity] = ()) -> SaveOutcome:
    """Store ``plan``, replacing an earlier version of the same document key.

    A plan identical to the stored one writes nothing, which makes re-importing a file a no-op.
    Links *into* this document are kept (they refer to item keys, not row ids), and so are the planners' own
    links *from* it (manual or suggested, proposed or decided) whose item is still there and which the new
    plan does not restate: a corrected Renja must not erase a month of review decisions. Links the file
    itself removed (``removed_by_file``: in its previous import, not in this one) go; see
    :func:`selaras.domain.diff.links_lost`, the one rule for this.
    """
    document = plan.document
    digest = fingerprint(plan)
    row = session.scalars(select(DocumentRow).where(DocumentRow.key == document.key)).one_or_none()
    if row is not None and row.fingerprint == digest:
        return "unchanged"
    outcome: SaveOutcome = "created" if row is None else "replaced"
    touch(session, document.pemda)
    if row is None:
        row = DocumentRow(key=document.key)
        session.add(row)
    else:
        session.execute(delete(ItemRow).where(ItemRow.document_id == row.id))
        _drop_replaced_links(session, plan, removed_by_file)
    saved_at = datetime.now(UTC).replace(tzinfo=None)
    for column, value in document_row(plan, fingerprint=digest, saved_at=saved_at).items():
        setattr(row, column, value)
    session.flush()
    _insert_items(session, row.id, plan)
    _insert_links(session, document.pemda, plan.links)
    return outcome


def _drop_replaced_links(session: Session, plan: Plan, removed_by_file: Iterable[LinkIdentity]) -> None:
    """Delete the outgoing links the new version replaces: those :func:`links_lost` names, and those the plan
    restates (re-inserted from it)."""
    restated = {link_identity(link) for link in plan.links}
    rows = list(session.scalars(select(LinkRow).where(LinkRow.source_document == plan.document.key)))
    lost = {link_identity(link) for link in links_lost([link_from_row(row) for row in rows], plan, removed_by_file)}
    for row in rows:
        identity = (row.source_item, row.target_document, row.target_item, row.kind)
        if identity in restated or identity in lost:
            session.delete(row)
    session.flush()


def _insert_items(session: Session, document_id: int, plan: Plan) -> None:
    items = item_rows(plan, document_id)
    if not items:
        return
    item_ids = session.scalars(
        insert(_table(ItemRow)).returning(_table(ItemRow).c.id, sort_by_parameter_order=True), items
    ).all()
    details = detail_rows(plan, item_ids)
    if details.indicator_rows:
        indicator_ids = session.scalars(
            insert(_table(IndicatorRow)).returning(_table(IndicatorRow).c.id, sort_by_parameter_order=True),
            details.indicator_rows,
        ).all()
        targets = target_rows(plan.document.pemda, details.indicators, indicator_ids)
        if targets:
            session.execute(insert(_table(TargetRow)), targets)
    if details.budget_rows:
        session.execute(insert(_table(BudgetRow)), details.budget_rows)
    if details.rincian_rows:
        session.execute(insert(_table(BudgetRincianRow)), details.rincian_rows)


def _insert_links(session: Session, pemda: str, links: list[Link]) -> None:
    if links:
        session.execute(insert(_table(LinkRow)), [link_row(pemda, link) for link in links])


def link_from_row(row: LinkRow) -> Link:
    return Link(
        source=ItemRef(row.source_document, row.source_item),
        target=ItemRef(row.target_document, row.target_item),
        kind=LinkKind(row.kind),
        origin=LinkOrigin(row.origin),
        status=LinkStatus(row.status),
        score=row.score,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
    )


def document_from_row(row: DocumentRow) -> Document:
    return Document(
        kind=DocumentKind(row.kind),
        pemda=row.pemda,
        period=Period(row.period_start, row.period_end),
        pd=row.pd,
        version=row.version,
        status=DocumentStatus(row.status),
        title=row.title,
    )


def load_plan(session: Session, key: str) -> Plan:
    """The stored plan with document key ``key``; :class:`NotFound` when there is none."""
    plans = load_plans(session, DocumentRow.key == key)
    if not plans:
        raise NotFound(f"dokumen '{key}' tidak ada di basis data")
    return plans[0]


def load_plans(session: Session, *where: ColumnElement[bool]) -> list[Plan]:
    """Every stored plan whose document matches ``where``, ordered by document key.

    Reads each table once with plain tuples (no ORM objects): the province sample holds ~100k items.

    One way for one document and for a province, whatever statistics the database holds. The items are those of
    the documents' ids; their indicators, targets, budgets and rincian are found through their ``item_id`` index.
    On PostgreSQL the chosen items' ids are gathered once into an array, never left as ``item_id IN (subquery)``:
    on tables written since their last ``ANALYZE`` (a server right after an import, or with autovacuum off) the
    planner guessed one row per pemda and re-read the province's items for every budget row (1.5 s for Kab.
    Buru's 3,155 items, minutes for a re-import). Each query also names the documents' pemda there, which lets a
    national database read one province through the pemda indexes, or one partition, rather than the country.
    SQLite builds such a subquery once by itself, has no partitions, and with a ``pemda`` condition its planner
    read a pemda's every row for one document: it gets none.
    """
    documents = session.scalars(select(DocumentRow).where(*where).order_by(DocumentRow.key)).all()
    if not documents:
        return []
    tenants = sorted({row.pemda for row in documents})
    postgresql = session.get_bind().dialect.name == "postgresql"

    def of_tenants(pemda: InstrumentedAttribute[str]) -> tuple[ColumnElement[bool], ...]:
        return (pemda.in_(tenants),) if postgresql else ()

    in_documents = (ItemRow.document_id.in_([row.id for row in documents]), *of_tenants(ItemRow.pemda))
    chosen_items = select(ItemRow.id).where(*in_documents)

    def of_items(item_id: InstrumentedAttribute[int], pemda: InstrumentedAttribute[str]) -> ColumnElement[bool]:
        if postgresql:
            return and_(item_id == any_(func.array(chosen_items.scalar_subquery())), *of_tenants(pemda))
        return item_id.in_(chosen_items)

    plans = {row.id: Plan(document_from_row(row)) for row in documents}
    items: dict[int, Item] = {}
    item_query = (
        select(
            ItemRow.id,
            ItemRow.document_id,
            ItemRow.key,
            ItemRow.level,
            ItemRow.text,
            ItemRow.code,
            ItemRow.parent_key,
            ItemRow.order,
            ItemRow.pd,
            ItemRow.lokasi,
            ItemRow.unit,
        )
        .where(*in_documents)
        .order_by(ItemRow.document_id, ItemRow.position)
    )
    for item_id, document_id, key, level, text, code, parent, order, pd, lokasi, unit in session.execute(item_query):
        item = Item(key, ItemLevel(level), text, code, parent, order, pd, lokasi, unit)
        items[item_id] = item
        plans[document_id].items.append(item)
    indicators: dict[int, Indicator] = {}
    indicator_query = (
        select(
            IndicatorRow.id,
            IndicatorRow.item_id,
            IndicatorRow.name,
            IndicatorRow.satuan,
            IndicatorRow.kind,
            IndicatorRow.baseline,
            IndicatorRow.direction,
        )
        .where(of_items(IndicatorRow.item_id, IndicatorRow.pemda))
        .order_by(IndicatorRow.item_id, IndicatorRow.position)
    )
    for indicator_id, item_id, name, satuan, kind, baseline, direction in session.execute(indicator_query):
        indicator = Indicator(name, satuan, IndicatorKind(kind), _plain(baseline), Direction(direction))
        indicators[indicator_id] = indicator
        items[item_id].indicators.append(indicator)
    target_query = (
        select(TargetRow.indicator_id, TargetRow.year, TargetRow.value)
        .join(IndicatorRow, TargetRow.indicator_id == IndicatorRow.id)
        .where(of_items(IndicatorRow.item_id, IndicatorRow.pemda), *of_tenants(TargetRow.pemda))
        .order_by(TargetRow.indicator_id, TargetRow.year)
    )
    for indicator_id, year, value in session.execute(target_query):
        indicators[indicator_id].targets[year] = _plain(value) or Decimal(0)
    budget_query = (
        select(BudgetRow.item_id, BudgetRow.year, BudgetRow.pagu, BudgetRow.realisasi, BudgetRow.sumber_dana)
        .where(of_items(BudgetRow.item_id, BudgetRow.pemda))
        .order_by(BudgetRow.item_id, BudgetRow.position)
    )
    for item_id, year, pagu, realisasi, sumber_dana in session.execute(budget_query):
        items[item_id].budgets.append(Budget(year, _plain(pagu) or Decimal(0), _plain(realisasi), sumber_dana))
    rincian_query = (
        select(
            BudgetRincianRow.item_id,
            BudgetRincianRow.year,
            BudgetRincianRow.kind,
            BudgetRincianRow.kode,
            BudgetRincianRow.nama,
            BudgetRincianRow.pagu,
        )
        .where(of_items(BudgetRincianRow.item_id, BudgetRincianRow.pemda))
        .order_by(BudgetRincianRow.item_id, BudgetRincianRow.position)
    )
    for item_id, year, kind, kode, nama, pagu in session.execute(rincian_query):
        items[item_id].rincian.append(Rincian(year, RincianKind(kind), kode, nama, _plain(pagu) or Decimal(0)))
    by_key = {plan.document.key: plan for plan in plans.values()}
    link_query = select(LinkRow).where(
        LinkRow.source_document.in_([row.key for row in documents]), *of_tenants(LinkRow.pemda)
    )
    for link in session.scalars(link_query.order_by(LinkRow.id)):
        by_key[link.source_document].links.append(link_from_row(link))
    return sorted(plans.values(), key=lambda plan: plan.document.key)


_WHOLE = Decimal(1)


def _plain(value: Decimal | None) -> Decimal | None:
    """Drop the column's fixed scale (``12.5000`` → ``12.5``) so values read back as they were written."""
    if value is None:
        return None
    return value.quantize(_WHOLE) if value == value.to_integral_value() else value.normalize()


def delete_plan(session: Session, key: str) -> None:
    """Remove a document with its items and outgoing links."""
    row = session.scalars(select(DocumentRow).where(DocumentRow.key == key)).one_or_none()
    if row is None:
        raise NotFound(f"dokumen '{key}' tidak ada di basis data")
    touch(session, row.pemda)
    session.execute(delete(LinkRow).where(LinkRow.source_document == key))
    session.delete(row)

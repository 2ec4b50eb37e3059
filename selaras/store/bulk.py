"""Storing whole tenants at once: the sample province, the national volume sample, a test world.

:func:`save_all` stores pemda, PD and plans the way an import does, replacing what is there.
:func:`add_pemda` stores pemda the database does not hold yet, which is what ``selaras demo`` does after removing
the previous sample: nothing can be replaced, so on PostgreSQL every table is written with ``COPY`` — the
national sample's ~12 million rows in minutes rather than the quarter of an hour that ~60,000
:func:`~selaras.store.plans.save_plan` calls take. The rows are those of :mod:`selaras.store.plan_rows`, the
mapping ``save_plan`` writes too; SQLite, which has no ``COPY``, stores each plan through ``save_plan``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import islice
from operator import itemgetter
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from selaras.domain import Pemda, PerangkatDaerah, Plan
from selaras.errors import StorageError
from selaras.store.changes import touch
from selaras.store.plan_rows import Row, detail_rows, document_row, item_rows, link_row, target_rows
from selaras.store.plans import fingerprint, save_plan
from selaras.store.tables import (
    Base,
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
from selaras.store.tenants import ensure_pemda, pemda_row, perangkat_daerah_row, save_perangkat_daerah

__all__ = ["PLANNING_TABLES", "add_pemda", "refresh_statistics", "save_all"]

PLANNING_TABLES = (DocumentRow, ItemRow, IndicatorRow, TargetRow, BudgetRow, BudgetRincianRow, LinkRow)
"""The tables a plan is stored in, in the order their foreign keys need."""


def save_all(
    session: Session,
    *,
    pemda: Iterable[Pemda],
    perangkat_daerah: Iterable[PerangkatDaerah],
    plans: Iterable[Plan],
) -> int:
    """Store pemda, their PD and plans (pemda first: every row belongs to one); returns the plans written."""
    for government in pemda:
        ensure_pemda(session, government)
    for agency in perangkat_daerah:
        save_perangkat_daerah(session, agency)
    return sum(save_plan(session, plan) != "unchanged" for plan in plans)


def add_pemda(
    session: Session,
    *,
    pemda: Sequence[Pemda],
    perangkat_daerah: Sequence[PerangkatDaerah],
    plans: Sequence[Plan],
) -> int:
    """Store pemda that are not in the database yet, with their PD and plans, in the session's transaction;
    returns the plans written. The rows are exactly those :func:`save_all` would write.

    The rows of one call are built in memory before they are written: a country goes in one call per pemda
    (``selaras demo`` does so), all in one transaction if need be. Raises :class:`StorageError` when one of the
    pemda is stored already (remove it first with :func:`selaras.store.tenants.delete_pemda`), and ``ValueError``
    for a PD or plan of another pemda.
    """
    codes = {government.kode for government in pemda}
    owners = {agency.pemda for agency in perangkat_daerah} | {plan.document.pemda for plan in plans}
    strangers = sorted(owners - codes)
    if strangers:
        raise ValueError(f"PD atau rencana milik pemda yang tidak ditambahkan: {', '.join(strangers)}")
    held = sorted(session.scalars(select(PemdaRow.kode).where(PemdaRow.kode.in_(codes))))
    if held:
        raise StorageError(f"pemda {', '.join(held)} sudah ada di basis data; hapus dahulu sebelum menambahkannya")
    if not pemda:
        return 0
    touch(session, *codes)
    session.execute(insert(PemdaRow), [pemda_row(government) for government in pemda])
    if perangkat_daerah:
        session.execute(insert(PerangkatDaerahRow), [perangkat_daerah_row(agency) for agency in perangkat_daerah])
    if session.get_bind().dialect.name != "postgresql":
        return sum(save_plan(session, plan) != "unchanged" for plan in plans)
    _copy_plans(session, plans)
    return len(plans)


def _copy_plans(session: Session, plans: Sequence[Plan]) -> None:
    """Write the rows of ``plans`` (new documents) with one ``COPY`` per table, the ids they refer to drawn
    from the tables' sequences beforehand so the rows can name them."""
    saved_at = datetime.now(UTC).replace(tzinfo=None)
    document_ids = _draw_ids(session, DocumentRow, len(plans))
    item_ids = iter(_draw_ids(session, ItemRow, sum(len(plan.items) for plan in plans)))
    indicators = sum(len(item.indicators) for plan in plans for item in plan.items)
    indicator_ids = iter(_draw_ids(session, IndicatorRow, indicators))
    rows: dict[type[Base], list[Row]] = {table: [] for table in PLANNING_TABLES}
    for plan, document_id in zip(plans, document_ids, strict=True):
        rows[DocumentRow].append(
            {"id": document_id, **document_row(plan, fingerprint=fingerprint(plan), saved_at=saved_at)}
        )
        items = item_rows(plan, document_id)
        own_items = _numbered(items, item_ids)
        rows[ItemRow].extend(items)
        details = detail_rows(plan, own_items)
        own_indicators = _numbered(details.indicator_rows, indicator_ids)
        rows[IndicatorRow].extend(details.indicator_rows)
        rows[TargetRow].extend(target_rows(plan.document.pemda, details.indicators, own_indicators))
        rows[BudgetRow].extend(details.budget_rows)
        rows[BudgetRincianRow].extend(details.rincian_rows)
        rows[LinkRow].extend(link_row(plan.document.pemda, link) for link in plan.links)
    session.flush()
    connection: Any = session.connection().connection.driver_connection  # the psycopg connection, same transaction
    with connection.cursor() as cursor:
        for table, table_rows in rows.items():
            if table_rows:
                _copy(cursor, table.__tablename__, table_rows)


def _numbered(rows: list[Row], ids: Iterator[int]) -> list[int]:
    """Give ``rows`` the next ids of ``ids`` (their ``id`` column); returns them in order."""
    own = list(islice(ids, len(rows)))
    for row, row_id in zip(rows, own, strict=True):
        row["id"] = row_id
    return own


def _draw_ids(session: Session, table: type[Base], count: int) -> list[int]:
    """``count`` fresh ids of ``table`` from its sequence: as if its rows had been inserted one by one, so later
    inserts (imports, web edits) go on numbering after them."""
    if not count:
        return []
    sequence = session.scalar(sql("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table.__tablename__})
    # the sequence named once: looked up inside the query, it would be looked up for every id (ten times slower)
    query = sql("SELECT array_agg(nextval(CAST(:sequence AS regclass))) FROM generate_series(1, :count)")
    ids: list[int] = session.scalars(query, {"sequence": sequence, "count": count}).one()
    return ids


def _copy(cursor: Any, table: str, rows: list[Row]) -> None:
    """``COPY table (columns) FROM STDIN`` of ``rows``, which all have the columns of the first."""
    from psycopg import sql as pg  # PostgreSQL only: an optional dependency

    columns = list(rows[0])
    statement = pg.SQL("COPY {} ({}) FROM STDIN").format(
        pg.Identifier(table), pg.SQL(", ").join(pg.Identifier(column) for column in columns)
    )
    values = itemgetter(*columns)
    with cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(values(row))


def refresh_statistics(session: Session) -> None:
    """Have PostgreSQL sample the tenant tables again after a bulk load (``ANALYZE``, seconds even nationally).

    Its planner picks the indexes of a province's reads from these statistics; a server with autovacuum off (or
    not yet come round) still holds those of the empty tables and reads a province by scanning the country.
    Nothing to do on SQLite, whose planner goes by the indexes alone."""
    if session.get_bind().dialect.name == "postgresql":
        for table in (PemdaRow, PerangkatDaerahRow, *PLANNING_TABLES):
            session.execute(sql(f"ANALYZE {table.__tablename__}"))

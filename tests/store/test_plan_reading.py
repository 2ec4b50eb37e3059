"""Reading a pemda's plans does work in proportion to its rows, whatever the database's statistics.

PostgreSQL right after the first imports (or with autovacuum off, as on this machine) has no statistics on the
planning tables: it then guessed one budget row per pemda and paired each budget row with a fresh read of the
province's items (3.4 million item rows read for Kab. Buru's 3,155 items, minutes for a re-import). SQLite, given
the pemda of a child table, searched a pemda's every indicator target for each indicator (51 s instead of 2 s for
the sample province). The assertions are on work done, not on time: on PostgreSQL the rows each query reads, on
SQLite the steps of its virtual machine as the plans double.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from selaras.domain import (
    Budget,
    Direction,
    Document,
    DocumentKind,
    Indicator,
    IndicatorKind,
    Item,
    ItemLevel,
    Period,
    Plan,
    Rincian,
    RincianKind,
)
from selaras.reference.wilayah import get_pemda
from selaras.store import Database
from selaras.store.plans import load_plans, save_plan
from selaras.store.tables import DocumentRow
from selaras.store.tenants import ensure_pemda

PEMDA = "81.04"
DOCUMENTS = 12
PROGRAMS = 40


def _renja(pd: int) -> Plan:
    """A Renja of one PD: programs each with a funded kegiatan that has an indicator and two rincian lines."""
    plan = Plan(Document(DocumentKind.RENJA, PEMDA, Period(2025, 2025), pd=f"1.01.{pd:02d}"))
    for number in range(1, PROGRAMS + 1):
        program = f"1.01.{number:02d}"
        kegiatan = f"{program}.2.01"
        plan.items.append(Item(program, ItemLevel.PROGRAM, f"Program {number}", program))
        item = Item(kegiatan, ItemLevel.KEGIATAN, f"Kegiatan {number}", kegiatan, program)
        item.indicators.append(
            Indicator(f"Capaian {number}", "%", IndicatorKind.OUTPUT, Decimal(1), Direction.NAIK, {2025: Decimal(2)})
        )
        item.budgets.append(Budget(2025, Decimal(1_000_000 * number)))
        item.rincian += [
            Rincian(2025, RincianKind.SUMBER_DANA, "", "DAU", Decimal(600_000 * number)),
            Rincian(2025, RincianKind.SUMBER_DANA, "", "DAK", Decimal(400_000 * number)),
        ]
        plan.items.append(item)
    return plan


def _store(database: Database, pds: range) -> None:
    with database.session() as session:
        ensure_pemda(session, get_pemda(PEMDA))
        for pd in pds:
            save_plan(session, _renja(pd))


@pytest.fixture
def province_without_statistics(database: Database) -> Iterator[Database]:
    _store(database, range(1, DOCUMENTS + 1))
    yield database


def _statements(session: Session, documents: int = DOCUMENTS) -> list[tuple[str, Any]]:
    """The statements ``load_plans`` sends for the whole pemda, as sent (text and parameters)."""
    sent: list[tuple[str, Any]] = []

    def record(_connection: object, _cursor: object, statement: str, parameters: Any, *_: object) -> None:
        sent.append((statement, parameters))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        plans = load_plans(session, DocumentRow.pemda == PEMDA)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(plans) == documents
    assert sum(len(plan.items) for plan in plans) == documents * PROGRAMS * 2
    return sent


def _scans(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if "Relation Name" in node:
        yield node
    for child in node.get("Plans", []):
        yield from _scans(child)


@pytest.mark.parametrize("database", ["postgres"], indirect=True)  # the statistics and their plans are PostgreSQL's
def test_a_province_read_without_statistics_reads_each_table_at_most_once_per_query(
    province_without_statistics: Database,
) -> None:
    with province_without_statistics.session() as session:
        never_analyzed = session.execute(
            text(
                "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = current_schema()"
                " AND relname = 'budget' AND last_analyze IS NULL AND last_autoanalyze IS NULL"
            )
        )
        assert never_analyzed.scalar_one() == 1
        sizes = {
            table: session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("document", "item", "indicator", "indicator_target", "budget", "budget_rincian", "link")
        }
        statements = _statements(session)
        connection = session.connection()
        for statement, parameters in statements:
            explained = connection.exec_driver_sql(f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}", parameters)
            plan = explained.scalar_one()
            plan = json.loads(plan) if isinstance(plan, str) else plan
            for scan in _scans(plan[0]["Plan"]):
                read = scan["Actual Rows"] * scan["Actual Loops"]
                assert read <= sizes[scan["Relation Name"]], (statement, scan["Relation Name"], read)


def _steps(database: Database, documents: int) -> int:
    """Thousands of SQLite virtual machine steps ``load_plans`` takes for the pemda holding ``documents``."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0  # go on

    with database.session() as session:
        raw = session.connection().connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        raw.set_progress_handler(count, 1000)
        try:
            _statements(session, documents)
        finally:
            raw.set_progress_handler(None, 1000)
    return steps


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)  # PostgreSQL: the rows each query reads, above
def test_reading_twice_the_plans_on_sqlite_takes_about_twice_the_work(database: Database) -> None:
    half = DOCUMENTS // 2
    _store(database, range(1, half + 1))
    before = _steps(database, half)
    _store(database, range(half + 1, DOCUMENTS + 1))
    after = _steps(database, DOCUMENTS)
    assert after < 3 * before, (before, after)  # linear: about 2x; a search per row among all rows: about 4x

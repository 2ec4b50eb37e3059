"""The Alembic migrations build exactly the schema the tables declare."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, MetaData, delete, insert, select
from sqlalchemy.exc import IntegrityError

from selaras.store import Database
from selaras.store.tables import Base, DocumentRow, ItemRow, LinkRow, TargetRow, in_schema_of


def _differences(connection: Connection) -> list[object]:
    """What the migrated schema lacks or has beyond the table definitions, on the connection's database."""
    include = in_schema_of(connection.dialect.name)
    return list(
        compare_metadata(MigrationContext.configure(connection, opts={"include_object": include}), Base.metadata)
    )


def test_migrations_match_the_table_definitions(database: Database) -> None:
    with database.engine.connect() as connection:
        assert _differences(connection) == []


def test_migrating_twice_is_a_no_op(database: Database) -> None:
    assert database.is_current()
    database.migrate()
    assert database.is_current()


STARTS = {
    "0008": "0009 rebuilds `item` on SQLite (a column's type changes), the parent of indicators and budgets",
    "0011": "the last revision whose keys of document, document_stage, item, indicator_target and link lack pemda",
    "0013": "the last revision whose primary keys are ids alone on PostgreSQL, and foreign keys on ids name no pemda",
}
"""Revisions to migrate a database with data from, and why each."""


def _rows_of(pemda: str, document_id: int) -> dict[str, list[dict[str, object]]]:
    """One pemda's Renja as the tables hold it from revision 0008 to 0011: a program and a sub kegiatan with an
    indicator, targets, pagu and rincian, a link, a stage. Both pemda use the same item keys, as real Renja do."""
    key, at = f"{pemda}/RENJA/1.02.01/2026/final", datetime(2026, 1, 5, 9, 30)
    item, indicator = document_id * 10, document_id * 100
    return {
        "document": [
            {"id": document_id, "key": key, "pemda": pemda, "kind": "RENJA", "pd": "1.02.01", "period_start": 2026}
            | {"period_end": 2026, "version": "final", "status": "final", "title": "Renja", "fingerprint": "f"}
            | {"updated_at": at}
        ],
        "item": [
            {"id": item + n, "pemda": pemda, "document_id": document_id, "key": code, "level": level, "text": code}
            | {"code": code, "parent_key": parent, "position": n, "ordering": n, "pd": "1.02.01", "lokasi": ""}
            | {"unit": "", "version": 1}
            for n, code, level, parent in (
                (0, "1.02.02", "program", None),
                (1, "1.02.02.1.01.0001", "sub_kegiatan", "1.02.02"),
            )
        ],
        "indicator": [
            {"id": indicator, "pemda": pemda, "item_id": item, "position": 0, "name": "Cakupan", "satuan": "%"}
            | {"kind": "outcome", "baseline": Decimal("90.5"), "direction": "naik"}
        ],
        "indicator_target": [
            {"indicator_id": indicator, "year": year, "pemda": pemda, "value": Decimal(year - 1930)}
            for year in (2026, 2027)
        ],
        "budget": [
            {"id": item, "pemda": pemda, "item_id": item + 1, "position": 0, "year": 2026}
            | {"pagu": Decimal("1500000000.25"), "realisasi": None, "sumber_dana": "DAU"}
        ],
        "budget_rincian": [
            {"id": item, "pemda": pemda, "item_id": item + 1, "position": 0, "year": 2026, "kind": "sumber_dana"}
            | {"kode": "DAU", "nama": "Dana Alokasi Umum", "pagu": Decimal("1500000000.25")}
        ],
        "link": [
            {"id": document_id, "pemda": pemda, "source_document": key, "source_item": "1.02.02"}
            | {"target_document": "00/RPJMN/-/2025-2029/final", "target_item": "PN1", "kind": "cascade"}
            | {"origin": "manual", "status": "accepted", "score": None, "decided_by": "bappeda", "decided_at": at}
            | {"reasons": "[]"}
        ],
        "document_stage": [
            {"id": document_id, "pemda": pemda, "document_key": key, "stage": "forum", "updated_by": "bappeda"}
            | {"updated_at": at}
        ],
    }


def _rows_with_ids(pemda: str, n: int) -> dict[str, list[dict[str, object]]]:
    """A row of each other table keyed by an id and its pemda, as each is from the revision that creates it to
    0013: migration 0014 gives them all ``(id, pemda)`` keys on PostgreSQL."""
    key, at, day = f"{pemda}/RENJA/1.02.01/2026/final", datetime(2026, 2, 1, 8), date(2026, 3, 31)
    return {
        "perangkat_daerah": [
            {"id": n, "pemda": pemda, "kode": "1.02.01", "nama": "Dinas Kesehatan", "singkatan": "Dinkes"}
            | {"bidang_urusan": "1.02"}
        ],
        "import_record": [
            {"id": n, "pemda": pemda, "document_key": key, "file_name": "renja.xlsx", "content_hash": "h"}
            | {"file_format": "sipd", "imported_by": "bappeda", "imported_at": at, "counts": "{}"}
        ],
        "document_version": [
            {"id": n, "pemda": pemda, "document_key": key, "number": 1, "saved_at": at, "saved_by": "bappeda"}
            | {"reason": "impor", "file_name": "renja.xlsx", "forced": False, "fingerprint": "f", "counts": "{}"}
            | {"content": "{}", "file_links": "[]"}
        ],
        "audit_log": [
            {"id": n, "pemda": pemda, "username": "bappeda", "at": at, "action": "edit", "entity": "item"}
            | {"entity_id": "1.02.02", "old": "{}", "new": "{}"}
        ],
        "finding_response": [
            {"id": n, "pemda": pemda, "finding_key": "k", "code": "R01", "pd": "1.02.01", "state": "diterima"}
            | {"comment": "", "updated_by": "dinkes", "updated_at": at, "version": 1}
        ],
        "finding_followup": [
            {"id": n, "pemda": pemda, "finding_key": "k", "code": "R01", "pd": "1.02.01", "assignee": "dinkes"}
            | {"deadline": day, "assigned_by": "bappeda", "assigned_at": at}
        ],
        "realisasi": [
            {"id": n, "pemda": pemda, "document_key": key, "item_key": "1.02.02", "triwulan": 1, "indicator": ""}
            | {"value": Decimal("250000000.5")}
        ],
        "realisasi_state": [
            {"id": n, "pemda": pemda, "document_key": key, "item_key": "1.02.02", "triwulan": 1, "state": "diajukan"}
            | {"comment": "", "updated_by": "dinkes", "updated_at": at, "version": 1}
        ],
        "calendar_stage": [
            {"id": n, "pemda": pemda, "year": 2026, "kind": "RENJA", "stage": "forum", "opens": date(2025, 3, 1)}
            | {"closes": day, "basis": "", "reopened_until": None, "updated_by": "bappeda", "updated_at": at}
        ],
    }


def _contents(connection: Connection, tables: list[str]) -> dict[str, list[tuple[object, ...]]]:
    metadata = MetaData()
    metadata.reflect(connection, only=tables)
    return {name: sorted(map(tuple, connection.execute(select(metadata.tables[name]))), key=repr) for name in tables}


@pytest.mark.parametrize("start", list(STARTS))
def test_migrating_a_database_with_data_keeps_every_row_and_every_key(empty_database: Database, start: str) -> None:
    database = empty_database
    database.migrate(start)
    two = [_rows_of("62", 1) | _rows_with_ids("62", 1), _rows_of("63", 2) | _rows_with_ids("63", 2)]
    with database.engine.begin() as connection:
        metadata = MetaData()
        metadata.reflect(connection)
        tables = [name for name in two[0] if name in metadata.tables]  # those the start revision has
        connection.execute(
            insert(metadata.tables["pemda"]), [{"kode": p, "nama": p, "level": "provinsi"} for p in ("62", "63")]
        )
        for name in tables:
            connection.execute(insert(metadata.tables[name]), [row for rows in two for row in rows[name]])
        before = _contents(connection, tables)

    database.migrate()

    with database.engine.connect() as connection:
        assert _contents(connection, tables) == before  # a rebuilt table on SQLite keeps its rows and its children's
        assert _differences(connection) == []
    with database.session() as session, pytest.raises(IntegrityError):  # within one pemda each key still holds
        session.execute(insert(LinkRow), {**two[0]["link"][0], "id": 99})
    with database.session() as session, pytest.raises(IntegrityError):
        session.execute(insert(TargetRow), two[0]["indicator_target"][0])
    if database.engine.dialect.name == "postgresql":  # a child names its parent's pemda with its id
        with database.session() as session, pytest.raises(IntegrityError):
            session.execute(insert(ItemRow), {**two[1]["item"][0], "id": 99, "document_id": 1})
    with database.session() as session:
        session.execute(delete(DocumentRow).where(DocumentRow.pemda == "62"))  # foreign keys are enforced again
        assert set(session.scalars(select(ItemRow.pemda))) == {"63"}
        assert set(session.scalars(select(TargetRow.pemda))) == {"63"}

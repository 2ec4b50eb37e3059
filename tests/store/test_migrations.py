"""The Alembic migrations build exactly the schema the tables declare."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from selaras.store import Database
from selaras.store.tables import Base


def test_migrations_match_the_table_definitions(database: Database) -> None:
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_migrating_twice_is_a_no_op(database: Database) -> None:
    assert database.is_current()
    database.migrate()
    assert database.is_current()

"""Alembic environment: migrations run on the engine Selaras hands over (see ``Database.migrate``)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from selaras.errors import StorageError
from selaras.store.tables import Base, in_schema_of


def _run(connection: Connection) -> None:
    with connection.begin():
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            include_object=in_schema_of(connection.dialect.name),
        )
        with context.begin_transaction():
            context.run_migrations()
        if connection.dialect.name == "sqlite":
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StorageError(f"migrasi meninggalkan kunci asing yang rusak: {broken[:5]}")


engine = context.config.attributes["engine"]
with engine.connect() as connection:
    if connection.dialect.name != "sqlite":
        _run(connection)
    else:
        # SQLite alters a table by copying it into a new one and dropping the old (batch mode); with foreign keys
        # on, that drop first deletes every row and cascades to the child tables (the items of a rebuilt
        # document, the indicators of a rebuilt item). SQLite's own recipe turns them off around the change and
        # checks them before committing; the pragma takes effect only outside a transaction.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        try:
            _run(connection)
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()

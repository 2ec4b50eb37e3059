"""Alembic environment: migrations run on the engine Selaras hands over (see ``Database.migrate``)."""

from __future__ import annotations

from alembic import context

from selaras.store.tables import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()

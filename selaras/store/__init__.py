"""Storage: SQLAlchemy tables, Alembic migrations and the queries the CLI and web need.

SQLite (a file in ``Settings.data_dir``) is the embedded default; PostgreSQL when
``SELARAS_DATABASE_URL`` says so. Every row carries its ``pemda`` so one tenant's data can be
selected, exported or deleted by itself.
"""

from selaras.store.database import Database, open_database

__all__ = ["Database", "open_database"]

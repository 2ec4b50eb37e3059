"""Opening the database: engine, migrations to the newest schema, sessions."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.orm import Session, sessionmaker

from selaras.errors import StorageError
from selaras.settings import Settings

__all__ = ["Database", "open_database"]

# SQLite has no DECIMAL type; amounts go through float, which holds 15 significant digits — more
# than any pagu (Rp 10^13 with cents) needs. The warning would otherwise greet every CLI run.
warnings.filterwarnings(
    "ignore", message=r"Dialect sqlite\+pysqlite does \*not\* support Decimal", category=exc.SAWarning
)


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("selaras.store") / "migrations"))
    config.attributes["engine"] = engine
    return config


def _enable_sqlite_foreign_keys(engine: Engine) -> None:
    """SQLite ignores ON DELETE CASCADE unless asked, per connection."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


class Database:
    """An engine at the newest schema and a session factory; ``with db.session() as s:`` commits or rolls back."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any exception (imports are all-or-nothing)."""
        with self._sessions.begin() as session:
            yield session

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema to the newest migration (or to ``revision``); a no-op when it is there already."""
        if revision != "head" or not self.is_current():
            command.upgrade(_alembic_config(self.engine), revision)

    def revision(self) -> str | None:
        """The migration the schema is at; None for an empty database."""
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def is_current(self) -> bool:
        head = ScriptDirectory.from_config(_alembic_config(self.engine)).get_current_head()
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision() == head

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(settings: Settings, *, migrate: bool = True) -> Database:
    """Connect to ``settings.effective_database_url`` and migrate it to the newest schema."""
    url = settings.effective_database_url
    if url.startswith("sqlite:///"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        # a pooled connection is tested before use: after a database restart or a killed backend the dead
        # ones are replaced quietly instead of failing the next requests
        engine = create_engine(url, pool_pre_ping=True)
    except (exc.ArgumentError, ImportError) as error:
        raise StorageError(f"alamat basis data tidak valid: {url} ({error})") from error
    if engine.dialect.name == "sqlite":
        _enable_sqlite_foreign_keys(engine)
    database = Database(engine)
    if migrate:
        try:
            database.migrate()
        except exc.OperationalError as error:
            raise StorageError(
                f"basis data {engine.url.render_as_string()} tidak dapat dibuka: {error.orig}"
            ) from error
    return database

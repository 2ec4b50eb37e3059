"""``selaras backup | restore-backup | export-all | import-all``: copies of the whole database.

``backup`` / ``restore-backup`` make and bring back an exact copy for the operator: SQLite through its online
backup API (consistent while the server runs, committed edits still in the WAL included), PostgreSQL
through ``pg_dump`` custom format and ``pg_restore``. ``restore-backup`` first backs up what it replaces, so a
wrong restore can be undone.

``export-all`` / ``import-all`` write and read a folder a person can keep and read without Selaras: one JSON
Lines file per table (documents, items, indicators, pagu, links, pemda and PD with their names, users
without password hashes, the audit log, finding responses, ...) and ``manifest.json`` with the schema
revision. An import goes into an empty database: at the export's revision first, then migrated to the
newest, so an old export still loads after upgrades. Sessions and login attempts are not exported.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from selaras.cli.context import cli_context
from selaras.cli.messages import say
from selaras.cli.output import console
from selaras.errors import SelarasError
from selaras.settings import Settings

if TYPE_CHECKING:  # SQLAlchemy is imported by the commands that need it: `selaras --help` stays quick
    from sqlalchemy import Connection, Table
    from sqlalchemy.engine import URL

__all__ = ["backup", "export_all", "import_all", "restore_backup"]

NO_PASSWORD = ""
"""The hash an exported (and re-imported) user has: none, so it cannot sign in until ``selaras user passwd``."""


class BackupFailed(SelarasError):
    """A backup, restore, export or import could not be done; the database is as it was."""


def _url(settings: Settings) -> URL:
    from sqlalchemy import make_url

    return make_url(settings.effective_database_url)


def _libpq(url: URL) -> tuple[str, str | None]:
    """The address ``pg_dump`` understands, and the schema when the URL confines Selaras to one
    (``options=-csearch_path=...``)."""
    options = str(url.query.get("options", ""))
    schema = options.split("search_path=", 1)[1].split(",")[0].strip() if "search_path=" in options else None
    return url.set(drivername="postgresql").render_as_string(hide_password=False), schema


def _run(arguments: list[str]) -> None:
    if shutil.which(arguments[0]) is None:
        raise BackupFailed(f"{arguments[0]} tidak ditemukan; pasang paket klien PostgreSQL (postgresql-client)")
    finished = subprocess.run(arguments, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise BackupFailed(f"{arguments[0]} gagal: {finished.stderr.strip()}")


def _sqlite_copy(source: Path, target: Path) -> None:
    """Page by page through SQLite's online backup API, consistent while others write."""
    with sqlite3.connect(source) as reader, sqlite3.connect(target) as writer:
        reader.backup(writer)
    reader.close()
    writer.close()


def make_backup(settings: Settings, out: Path) -> None:
    """Write a backup of the configured database to ``out`` (SQLite file, or pg_dump custom format)."""
    url = _url(settings)
    out.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = Path(url.database or "")
        if not source.exists():
            raise BackupFailed(f"basis data {source} belum ada; tidak ada yang dicadangkan")
        partial = out.with_name(out.name + ".sebagian")
        partial.unlink(missing_ok=True)
        _sqlite_copy(source, partial)
        partial.replace(out)  # a backup interrupted halfway never takes the name of a good one
        return
    address, schema = _libpq(url)
    _run(["pg_dump", "--format=custom", f"--file={out}", *([f"--schema={schema}"] if schema else []), address])


def _check_backup(settings: Settings, source: Path) -> None:
    if not source.is_file():
        raise BackupFailed(f"berkas cadangan {source} tidak ada")
    if _url(settings).get_backend_name() == "sqlite":
        try:
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as connection:
                connection.execute("SELECT version_num FROM alembic_version").fetchone()
            connection.close()
        except sqlite3.DatabaseError:
            raise BackupFailed(f"{source} bukan cadangan SQLite Selaras") from None
    else:
        _run(["pg_restore", "--list", str(source)])


def backup(
    context: typer.Context,
    out: Path = typer.Argument(..., help="Berkas cadangan yang ditulis, misalnya cadangan/selaras-2026-03-01.db."),
) -> None:
    """Cadangkan seluruh basis data ke satu berkas (aman selagi server berjalan).

    SQLite memakai API backup daring; PostgreSQL memakai pg_dump format custom.

    Contoh: selaras backup /srv/cadangan/selaras-$(date +%F).dump
    """
    ctx = cli_context(context)
    make_backup(ctx.settings, out)
    console.print(say("backup-written", ctx.lang, path=out, size=f"{out.stat().st_size / 1_000_000:,.1f}"))


def restore_backup(
    context: typer.Context,
    source: Path = typer.Argument(..., help="Berkas cadangan dari `selaras backup`."),
    yes: bool = typer.Option(False, "--yes", help="Jangan bertanya sebelum mengganti basis data."),
) -> None:
    """Pulihkan basis data dari cadangan; isi sekarang dicadangkan dulu ke data_dir.

    Hentikan `selaras serve` selama pemulihan.

    Contoh: selaras restore-backup /srv/cadangan/selaras-2026-03-01.dump --yes
    """
    ctx = cli_context(context)
    settings = ctx.settings
    _check_backup(settings, source)
    if not yes:
        typer.confirm(say("restore-confirm", ctx.lang, path=source), abort=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    url = _url(settings)
    sqlite = url.get_backend_name() == "sqlite"
    safety = settings.data_dir / f"sebelum-pemulihan-{stamp}.{'db' if sqlite else 'dump'}"
    target = Path(url.database or "")
    if not sqlite or target.exists():
        make_backup(settings, safety)
        console.print(say("restore-safety", ctx.lang, path=safety))
    if sqlite:
        target.parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(source, target)
    else:
        address = _libpq(url)[0]  # the dump names its schema itself
        restoring = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
        _run([*restoring, f"--dbname={address}", str(source)])
    from selaras.store import open_database

    open_database(settings).dispose()  # a backup from an older Selaras is migrated now
    console.print(say("backup-restored", ctx.lang, path=source))


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _typed(table: Table, row: dict[str, object]) -> dict[str, object]:
    from sqlalchemy import Date, DateTime, Numeric

    typed: dict[str, object] = {}
    for column in table.columns:
        value = row.get(column.name)
        if value is not None and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(str(value))
        elif value is not None and isinstance(column.type, Date):
            value = date.fromisoformat(str(value))
        elif value is not None and isinstance(column.type, Numeric):
            value = Decimal(str(value))
        typed[column.name] = value
    return typed


def _exported_tables() -> list[Table]:
    """Every table but who is signed in now and the failed sign-ins."""
    from selaras.store.tables import Base, LoginAttemptRow, WebSessionRow

    skipped = {WebSessionRow.__tablename__, LoginAttemptRow.__tablename__}
    return [table for table in Base.metadata.sorted_tables if table.name not in skipped]


def export_all(
    context: typer.Context,
    folder: Path = typer.Argument(..., help="Folder baru untuk ekspor (dibuat; harus kosong)."),
) -> None:
    """Ekspor lengkap yang dapat disimpan: semua tabel sebagai JSON Lines (pengguna tanpa hash kata sandi).

    Contoh: selaras export-all arsip/selaras-2026
    """
    from sqlalchemy import select

    from selaras.store.tables import UserRow

    ctx = cli_context(context)
    if folder.exists() and any(folder.iterdir()):
        raise BackupFailed(f"folder {folder} tidak kosong; pilih folder baru")
    folder.mkdir(parents=True, exist_ok=True)
    database = ctx.database
    counts: dict[str, int] = {}
    with database.engine.connect() as connection:
        for table in _exported_tables():
            with (folder / f"{table.name}.jsonl").open("w", encoding="utf-8") as out:
                counts[table.name] = 0
                for row in connection.execute(select(table).order_by(*table.primary_key.columns)).mappings():
                    record = {name: _plain(value) for name, value in row.items()}
                    if table.name == UserRow.__tablename__:
                        record["password_hash"] = NO_PASSWORD
                    out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                    counts[table.name] += 1
    manifest = {
        "format": "selaras-export-all",
        "version": 1,
        "revision": database.revision(),
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "rows": counts,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    console.print(say("exported-all", ctx.lang, path=folder, rows=sum(counts.values()), tables=len(counts)))


def _records(path: Path) -> Iterator[dict[str, object]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _load(connection: Connection, table: Table, path: Path) -> None:
    from sqlalchemy import insert, text

    batch = [_typed(table, record) for record in _records(path)]
    for start in range(0, len(batch), 1000):
        connection.execute(insert(table), batch[start : start + 1000])
    if connection.dialect.name == "postgresql" and "id" in table.columns and batch:
        # rows keep their ids; the sequence continues after the highest
        connection.execute(
            text(f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), :n)"),
            {"n": max(int(str(row["id"])) for row in batch)},
        )


def import_all(
    context: typer.Context,
    folder: Path = typer.Argument(..., help="Folder dari `selaras export-all`."),
) -> None:
    """Muat ekspor lengkap ke basis data kosong; temuan dan skor sama dengan aslinya.

    Pengguna dimuat tanpa kata sandi: setel dengan `selaras user passwd NAMA`.

    Contoh: selaras import-all arsip/selaras-2026
    """
    from sqlalchemy import MetaData, Table, func, inspect, select

    from selaras.store import open_database
    from selaras.store.tables import UserRow

    ctx = cli_context(context)
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        raise BackupFailed(f"{folder} bukan ekspor Selaras: manifest.json tidak ada")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != "selaras-export-all":
        raise BackupFailed(f"{folder} bukan ekspor Selaras (format {manifest.get('format')!r})")
    database = open_database(ctx.settings, migrate=False)
    try:
        current = database.revision()
        if current is not None and current != manifest["revision"]:
            raise BackupFailed(say("import-needs-empty", ctx.lang, revision=current))
        database.migrate(manifest["revision"])  # the tables as they were when exported
        with database.engine.begin() as connection:
            known = set(inspect(connection).get_table_names())
            tables = [
                Table(table.name, MetaData(), autoload_with=connection)
                for table in _exported_tables()
                if table.name in known
            ]
            for table in tables:
                if connection.execute(select(func.count()).select_from(table)).scalar_one():
                    raise BackupFailed(say("import-needs-empty", ctx.lang, revision=current))
            for table in tables:
                _load(connection, table, folder / f"{table.name}.jsonl")
        database.migrate()
    finally:
        database.dispose()
    users = len(list(_records(folder / f"{UserRow.__tablename__}.jsonl")))
    console.print(say("imported-all", ctx.lang, path=folder, rows=sum(manifest["rows"].values()), users=users))

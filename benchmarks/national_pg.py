"""The national volume sample on PostgreSQL: its load by ``selaras demo --scale national`` and ``selaras check``
over every pemda, each next to PostgreSQL's own floor measured in the same run.

Both need ``BENCH_DATABASE_URL`` (a PostgreSQL database of its own, ``createdb bench``) and take minutes, so
``python -m benchmarks`` runs them only when named or with ``BENCH_NATIONAL=1``::

    BENCH_NATIONAL=1 BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench make bench

* ``national-load-pg``: ``selaras demo --scale national --no-report`` into an empty schema ``national`` of that
  database (a fresh process, as a user runs it; the schema migrated beforehand). Baseline: ``COPY FROM`` of the
  very rows it wrote (every planning table, dumped to files first) into an empty schema with the same tables
  and indexes, in one transaction: what PostgreSQL needs to take those rows at all. The sample stays in
  ``national`` for the next case.
* ``national-checks-pg``: ``selaras check --pemda P --json`` for every province P of the sample (each with its
  kab/kota), ``BENCH_CHECK_WORKERS`` at a time (default 2, the machine's cores: on the quiet machine two at a
  time took 113 s against 256 s one after the other, back to back; with other work busy on it, 276 s against
  283 s). Baseline: reading each province's planning data from the database (``load_planning_data``), the
  least a check from the database does.

Peak memory is that of the ``selaras`` processes (see ``__main__``): the load's and the largest province's.
``selaras_cpu_s`` is the CPU time those processes used: on a machine shared with other work, the wall-clock
seconds depend on the neighbours, the CPU seconds much less (PostgreSQL's own CPU time is not in it).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

__all__ = ["ON_REQUEST", "national_checks_pg", "national_load_pg"]

SCHEMA = "national"
COPY_SCHEMA = "national_copy"
TABLES = [
    "pemda",
    "perangkat_daerah",
    "document",
    "item",
    "indicator",
    "indicator_target",
    "budget",
    "budget_rincian",
    "link",
    "data_version",
]
"""Every table the load writes, in the order their foreign keys need."""

Result = dict[str, float | int | str]


def _base_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        raise RuntimeError(
            "BENCH_DATABASE_URL must name a PostgreSQL database of its own, e.g. "
            "postgresql+psycopg://postgres@127.0.0.1:5432/bench (createdb bench)"
        )
    return url


def _url(schema: str) -> str:
    """The Selaras setting for ``schema`` of the bench database (psycopg takes ``options`` from the URL)."""
    separator = "&" if "?" in _base_url() else "?"
    return f"{_base_url()}{separator}options=-csearch_path%3D{schema}"


def _connect() -> Any:
    """A psycopg connection to the bench database (COPY in and out of files, outside SQLAlchemy)."""
    import psycopg

    return psycopg.connect(_base_url().replace("postgresql+psycopg://", "postgresql://"))


def _fresh_schema(schema: str) -> None:
    """An empty ``schema`` at the newest migration."""
    from sqlalchemy import create_engine

    from selaras.store import Database

    with _connect() as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        connection.execute(f'CREATE SCHEMA "{schema}"')
    database = Database(create_engine(_url(schema)))
    database.migrate()
    database.dispose()


def _selaras(*arguments: str) -> list[str]:
    return [str(Path(sys.executable).with_name("selaras")), *arguments]


def _run(command: list[str], environment: dict[str, str]) -> str:
    """The output of ``command``; its error output in the exception when it fails."""
    process = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} → {process.returncode}\n{process.stderr[-3000:]}")
    return process.stdout


def _environment(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "SELARAS_DATABASE_URL": _url(SCHEMA), "SELARAS_DATA_DIR": str(data_dir)}


def _timed(work: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = work()
    return time.perf_counter() - start, value


def _commands_cpu() -> float:
    """CPU seconds of the commands this process ran so far: on a shared machine, the work itself."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _columns(connection: Any, table: str) -> str:
    rows = connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s"
        " ORDER BY ordinal_position",
        (SCHEMA, table),
    ).fetchall()
    return ", ".join(f'"{name}"' for (name,) in rows)


def _copy_baseline(folder: Path) -> tuple[float, int]:
    """Seconds to ``COPY`` every row of the loaded schema back into an empty one (same tables and indexes, one
    transaction, committed), and the number of rows. The rows are dumped to files first, untimed."""
    _fresh_schema(COPY_SCHEMA)
    rows = 0
    with _connect() as connection:
        columns = {table: _columns(connection, table) for table in TABLES}
        for table in TABLES:
            with open(folder / table, "wb") as file, connection.cursor() as cursor:
                with cursor.copy(f"COPY {SCHEMA}.{table} ({columns[table]}) TO STDOUT") as copy:
                    for chunk in copy:
                        file.write(chunk)
                rows += cursor.rowcount
        start = time.perf_counter()
        with connection.cursor() as cursor:
            for table in TABLES:
                with (
                    open(folder / table, "rb") as file,
                    cursor.copy(f"COPY {COPY_SCHEMA}.{table} ({columns[table]}) FROM STDIN") as copy,
                ):
                    while chunk := file.read(1 << 20):
                        copy.write(chunk)
        connection.commit()
        seconds = time.perf_counter() - start
        connection.execute(f'DROP SCHEMA "{COPY_SCHEMA}" CASCADE')
    return seconds, rows


def national_load_pg() -> Result:
    """``selaras demo --scale national`` into PostgreSQL (goal ≤ 5 min, ≤ 4 GB); baseline: ``COPY`` of the same
    rows into the same tables."""
    _fresh_schema(SCHEMA)
    with tempfile.TemporaryDirectory() as folder:
        command = _selaras("demo", "--scale", "national", "--no-report", "--json")
        seconds, output = _timed(lambda: _run(command, _environment(Path(folder) / "data")))
        cpu = _commands_cpu()
        baseline, rows = _copy_baseline(Path(folder))
    summary = json.loads(str(output))
    with _connect() as connection:
        size = connection.execute(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %s AND c.relkind = 'r'",
            (SCHEMA,),
        ).fetchone()[0]
    return {
        "seconds": seconds,
        "baseline": baseline,
        "rows": rows,
        "pemda": summary["pemda"],
        "items": summary["items"],
        "database_mb": round(size / 2**20),
        "selaras_cpu_s": round(cpu),
    }


def _provinces() -> list[str]:
    with _connect() as connection:
        found = connection.execute(f"SELECT kode FROM {SCHEMA}.pemda WHERE level = 'provinsi' ORDER BY kode").fetchall()
    if not found:
        raise RuntimeError(f"schema {SCHEMA} holds no sample: run the national-load-pg case first")
    return [kode for (kode,) in found]


def _read_baseline(provinces: list[str]) -> float:
    """Seconds to read each province's planning data from the database, one after the other."""
    from sqlalchemy import create_engine

    from selaras.store import Database
    from selaras.store.planning import load_planning_data

    database = Database(create_engine(_url(SCHEMA)))
    start = time.perf_counter()
    for provinsi in provinces:
        with database.session() as session:
            load_planning_data(session, provinsi)
    database.dispose()
    return time.perf_counter() - start


def national_checks_pg() -> Result:
    """``selaras check`` over every pemda of the national sample in PostgreSQL, one process per province (goal
    ≤ 5 min, ≤ 4 GB); baseline: reading the same data."""
    provinces = _provinces()
    workers = int(os.environ.get("BENCH_CHECK_WORKERS", "2"))
    with tempfile.TemporaryDirectory() as folder:
        environment = _environment(Path(folder) / "data")

        def check(provinsi: str) -> int:
            return len(json.loads(_run(_selaras("check", "--pemda", provinsi, "--json"), environment)))

        def every_province() -> int:
            with ThreadPoolExecutor(workers) as pool:
                return sum(pool.map(check, provinces))

        seconds, findings = _timed(every_province)
    cpu = _commands_cpu()
    baseline = _read_baseline(provinces)
    return {
        "seconds": seconds,
        "baseline": baseline,
        "provinces": len(provinces),
        "workers": workers,
        "findings": int(str(findings)),
        "selaras_cpu_s": round(cpu),
    }


ON_REQUEST: dict[str, Callable[[], Result]] = {
    "national-load-pg": national_load_pg,
    "national-checks-pg": national_checks_pg,
}
"""Cases beside ``cases.CASES`` that ``python -m benchmarks`` runs only when named or with ``BENCH_NATIONAL=1``."""

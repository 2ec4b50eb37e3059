"""``python -m benchmarks.kill_imports``: imports killed with SIGKILL at random moments leave each database with
its previous content or the new one, never half of it, and the next import succeeds (``make chaos``).

Inputs are the real Kab. Buru 2024 SIPD exports: a Rekap (one document per SKPD from one file) and the KUA-PPAS
sub kegiatan list, each in two versions A and B (B: fewer rows, other pagu) imported in turn, so that every import
replaces content. Each round, on SQLite (a file in a scratch folder) and on PostgreSQL (a schema of its own in the
database of ``SELARAS_TEST_POSTGRES_URL``, dropped afterwards):

1. every row of every table is read (the state before);
2. ``selaras import`` runs as a child process and is killed with SIGKILL after a random delay drawn (seeded) from
   0 to 1.1 × that file's import time (measured clean at the start, then by the last whole import of the same
   file in this run, so that the kills keep covering the commit on a machine whose load changes) — before, while
   and after it writes;
3. the database must pass its integrity check (SQLite) and hold either exactly the state before, or — when the kill
   came after the commit — exactly the state that the same import, run again to its end, leaves (that re-run
   must exit 0 and must find nothing to change);
4. every document the file holds must have the content of that file (its fingerprint equals the one from a clean
   import into an empty database).

Prints one line per kill and a summary per database; exits 1 when any round broke a rule.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import create_engine, select, text

from selaras.store import Database
from selaras.store.plans import fingerprint, load_plan
from selaras.store.tables import Base, DocumentRow

__all__ = ["main"]

BURU = Path(__file__).parent.parent / "tests" / "data" / "sipd-kab-buru-2024"
POSTGRES_URL = os.environ.get("SELARAS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
State = list[tuple[str, list[str]]]
_TOTALS = ("rounds", "killed", "broken")


@dataclass(frozen=True)
class Input:
    """A file and the ``selaras import`` options that import it."""

    name: str
    path: Path
    options: tuple[str, ...]


def _version(source: Path, target: Path, *, rows: int, pagu_factor: Decimal) -> Path:
    """The first ``rows`` rows of ``source``'s first sheet, every amount ≥ 10,000 (a pagu, never a year or a code)
    multiplied by ``pagu_factor``: another version of the same documents."""
    book = CalamineWorkbook.from_path(str(source))
    name = book.sheet_names[0]
    values = book.get_sheet_by_name(name).to_python(skip_empty_area=False)[:rows]
    book.close()
    out = Workbook(write_only=True)
    sheet = out.create_sheet(name)
    for row in values:
        sheet.append(
            [
                int(Decimal(str(cell)) * pagu_factor) if isinstance(cell, float) and cell >= 10_000 else cell or None
                for cell in row
            ]
        )
    out.save(target)
    return target


def build_inputs(folder: Path) -> list[Input]:
    rekap = ("--pemda", "81.04", "--kind", "apbd", "--period", "2024")
    daftar = ("--pemda", "81.04", "--kind", "kua_ppas", "--period", "2024", "--version", "daftar")
    return [
        Input(
            "rekap A",
            _version(BURU / "rekap_2024.xlsx", folder / "rekap-a.xlsx", rows=1000, pagu_factor=Decimal(1)),
            rekap,
        ),
        Input(
            "daftar A",
            _version(
                BURU / "kua_ppas_sub_kegiatan_2024.xlsx", folder / "daftar-a.xlsx", rows=600, pagu_factor=Decimal(1)
            ),
            daftar,
        ),
        Input(
            "rekap B",
            _version(BURU / "rekap_2024.xlsx", folder / "rekap-b.xlsx", rows=700, pagu_factor=Decimal("1.1")),
            rekap,
        ),
        Input(
            "daftar B",
            _version(
                BURU / "kua_ppas_sub_kegiatan_2024.xlsx", folder / "daftar-b.xlsx", rows=400, pagu_factor=Decimal("1.1")
            ),
            daftar,
        ),
    ]


@dataclass
class Target:
    """One database: how ``selaras`` reaches it (environment) and how this script reads it."""

    name: str
    url: str
    environ: dict[str, str]
    engine_options: dict[str, Any]

    def database(self) -> Database:
        return Database(create_engine(self.url, **self.engine_options))


def _selaras(target: Target, *arguments: str) -> subprocess.Popen[bytes]:
    command = [str(Path(sys.executable).parent / "selaras"), *arguments]
    return subprocess.Popen(
        command, env={**os.environ, **target.environ}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def _import(target: Target, source: Input) -> tuple[int, str]:
    process = _selaras(target, "import", str(source.path), *source.options, "--json")
    output, _ = process.communicate()
    return process.returncode, output.decode("utf-8", errors="replace")


def state(database: Database) -> State:
    """Every row of every table, as text: the whole database compared before and after."""
    with database.session() as session:
        return [
            (table.name, sorted(repr(tuple(row)) for row in session.execute(select(table)).all()))
            for table in Base.metadata.sorted_tables
        ]


def fingerprints(database: Database) -> dict[str, str]:
    """Each stored document's content fingerprint, recomputed from its rows (not the stored column)."""
    with database.session() as session:
        keys = session.scalars(select(DocumentRow.key)).all()
        return {key: fingerprint(load_plan(session, key)) for key in keys}


def integrity(target: Target, database: Database) -> str:
    if not target.url.startswith("sqlite"):
        return "ok"  # PostgreSQL checks its constraints as it writes; a killed client's transaction rolls back
    with database.engine.connect() as connection:
        checks = connection.execute(text("PRAGMA integrity_check")).scalars().all()
        orphans = connection.execute(text("PRAGMA foreign_key_check")).all()
    return "ok" if checks == ["ok"] and not orphans else f"integrity {checks[:3]}, foreign keys {orphans[:3]}"


def _sqlite(folder: Path) -> Target:
    data = folder / "sqlite-data"
    return Target("sqlite", f"sqlite:///{data / 'selaras.db'}", {"SELARAS_DATA_DIR": str(data)}, {})


def _postgres(schema: str) -> Target:
    options = {"connect_args": {"options": f"-csearch_path={schema}"}}
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    return Target("postgres", POSTGRES_URL, {"SELARAS_DATABASE_URL": url}, options)


def references(inputs: list[Input], folder: Path) -> tuple[dict[str, dict[str, str]], dict[str, float]]:
    """Per input: the fingerprints of the documents a clean import stores, and that import's seconds."""
    expected: dict[str, dict[str, str]] = {}
    seconds: dict[str, float] = {}
    for number, source in enumerate(inputs):
        target = _sqlite(folder / f"reference-{number}")
        started = time.perf_counter()
        code, output = _import(target, source)
        seconds[source.name] = time.perf_counter() - started
        if code != 0:
            raise SystemExit(f"{source.name}: the clean import failed (exit {code}):\n{output[-3000:]}")
        database = target.database()
        expected[source.name] = fingerprints(database)
        database.engine.dispose()
    return expected, seconds


def run(
    target: Target,
    inputs: list[Input],
    kills: int,
    rng: random.Random,
    expected: dict[str, dict[str, str]],
    seconds: dict[str, float],
) -> Counter[str]:
    """Rounds into ``target`` until ``kills`` imports were really killed (an import that finished before its
    delay is checked the same way but not counted as a kill; at most 3 × ``kills`` rounds); counts when each kill
    came and how many rounds broke a rule."""
    counts: Counter[str] = Counter()
    database = target.database()
    round_number = 0
    while counts["killed"] < kills and round_number < 3 * kills:
        round_number += 1
        source = inputs[(round_number - 1) % len(inputs)]
        before = state(database)
        delay = rng.uniform(0, 1.1 * seconds[source.name])
        process = _selaras(target, "import", str(source.path), *source.options, "--json")
        time.sleep(delay)
        finished = process.poll() is not None
        if not finished:
            process.send_signal(signal.SIGKILL)
        process.communicate()
        database.engine.dispose()  # a fresh connection, as the next process would open
        checked = integrity(target, database)
        killed = state(database)
        started = time.perf_counter()
        code, output = _import(target, source)  # the next import must succeed
        if code == 0 and killed == before:  # a whole import, timed under the machine's load of the moment
            seconds[source.name] = time.perf_counter() - started
        after = state(database)
        stored = fingerprints(database)
        problems = []
        if checked != "ok":
            problems.append(checked)
        if code != 0:
            problems.append(f"the import after the kill exited {code}: {output[-500:]}")
        if killed != before and killed != after:
            problems.append("half an import: the database is neither as before nor as after")
        wrong = [key for key, value in expected[source.name].items() if stored.get(key) != value]
        if wrong:
            problems.append(f"{len(wrong)} documents differ from the file, e.g. {wrong[:2]}")
        moment = (
            "finished before the kill"
            if finished
            else "killed, before unchanged"
            if killed == before
            else "killed after its commit"
        )
        counts[moment] += 1
        counts["killed"] += not finished
        counts["rounds"] += 1
        counts["broken"] += bool(problems)
        print(
            f"{target.name:8} #{round_number:<3} {source.name:9} after {delay:5.2f} s: {moment}"
            + (f"  BROKEN: {'; '.join(problems)}" if problems else "  ok"),
            flush=True,
        )
    database.engine.dispose()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--kills", type=int, default=30, help="killed imports per database (default 30)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    arguments = parser.parse_args(argv)
    rng = random.Random(arguments.seed)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="selaras-chaos-") as scratch:
        folder = Path(scratch)
        inputs = build_inputs(folder)
        expected, seconds = references(inputs, folder)
        print(
            "clean import seconds: " + ", ".join(f"{name} {value:.1f}" for name, value in seconds.items()), flush=True
        )
        targets = []
        if arguments.database in ("sqlite", "both"):
            targets.append(_sqlite(folder))
        schema = f"chaos_{uuid.uuid4().hex[:10]}"
        if arguments.database in ("postgres", "both"):
            admin = create_engine(POSTGRES_URL)
            with admin.begin() as connection:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            targets.append(_postgres(schema))
        try:
            for target in targets:
                process = _selaras(target, "init")
                output, _ = process.communicate()
                if process.returncode != 0:
                    raise SystemExit(f"selaras init on {target.name} failed:\n{output.decode()[-2000:]}")
                counts = run(target, inputs, arguments.kills, rng, expected, seconds)
                failed += counts["broken"]
                moments = ", ".join(f"{key} {value}" for key, value in counts.items() if key not in _TOTALS)
                print(
                    f"{target.name}: {counts['rounds']} rounds, {counts['killed']} killed with SIGKILL ({moments}); "
                    f"rounds that broke a rule: {counts['broken']}",
                    flush=True,
                )
        finally:
            if arguments.database in ("postgres", "both"):
                with admin.begin() as connection:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

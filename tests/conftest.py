"""Shared fixtures: a migrated database on SQLite and, when configured, on PostgreSQL.

Set ``SELARAS_TEST_POSTGRES_URL`` (``make test`` does) to run every test that uses ``database`` on both;
each PostgreSQL test gets a schema of its own, dropped afterwards.

The migrations run once per session, not once per test (some 470 tests take a ``database``; migrating took
0.2 s on SQLite and 0.3 s on PostgreSQL each): a test's SQLite database is a copy of a file migrated at the
start, and its PostgreSQL schema gets the statements the migrations sent to a first schema, replayed in the
same order. ``empty_database`` still starts empty, for the migration tests.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, event, text

from selaras.domain import (
    Budget,
    Direction,
    Document,
    DocumentKind,
    Indicator,
    IndicatorKind,
    Item,
    ItemLevel,
    ItemRef,
    Link,
    LinkKind,
    LinkOrigin,
    LinkStatus,
    Period,
    Plan,
)
from selaras.sample import SampleData, generate_province
from selaras.store import Database

POSTGRES_URL = os.environ.get("SELARAS_TEST_POSTGRES_URL", "")


Statements = list[tuple[str, object]]


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database file migrated to the newest schema, which ``database`` copies for each test."""
    from selaras.settings import load_settings
    from selaras.store import open_database

    settings = load_settings({}, data_dir=tmp_path_factory.mktemp("migrated") / "data")
    open_database(settings).dispose()
    return settings.data_dir / "selaras.db"


@pytest.fixture(scope="session")
def migration_statements() -> Statements:
    """What migrating an empty PostgreSQL schema sends to the server, in order, with its parameters (the
    statements name no schema: they act on the ``search_path``); ``database`` replays them for each test."""
    if not POSTGRES_URL:
        return []
    sent: Statements = []

    def record(_conn: Connection, _cursor: object, statement: str, parameters: object, *_rest: object) -> None:
        sent.append((statement, parameters))

    with _schema() as schema:
        engine = create_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
        event.listen(engine, "before_cursor_execute", record)
        Database(engine).migrate()
        engine.dispose()
    return sent


def _sqlite(tmp_path: Path, template: Path | None = None) -> Iterator[Database]:
    """A database in ``tmp_path``: a copy of ``template`` when given, else empty."""
    from selaras.settings import load_settings
    from selaras.store import open_database

    settings = load_settings({}, data_dir=tmp_path / "data")
    if template is not None:
        settings.data_dir.mkdir(parents=True)
        shutil.copyfile(template, settings.data_dir / template.name)
    database = open_database(settings, migrate=template is not None)  # a no-op migration on the copy
    yield database
    database.dispose()


@contextmanager
def _schema() -> Iterator[str]:
    """A new schema of the test database, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield schema
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _postgres(statements: Statements | None = None) -> Iterator[Database]:
    """A database on a schema of its own: the migrations' ``statements`` replayed there when given, else empty."""
    with _schema() as schema:
        engine = create_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
        database = Database(engine)
        try:
            if statements is not None:
                with engine.begin() as connection:
                    for statement, parameters in statements:
                        connection.exec_driver_sql(statement, parameters)  # type: ignore[arg-type]
                assert database.is_current()
            yield database
        finally:
            database.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_sqlite: Path, migration_statements: Statements
) -> Iterator[Database]:
    """A database at the newest schema: SQLite always, PostgreSQL when SELARAS_TEST_POSTGRES_URL is set."""
    if request.param == "sqlite":
        yield from _sqlite(tmp_path, migrated_sqlite)
    elif not POSTGRES_URL:
        pytest.skip("SELARAS_TEST_POSTGRES_URL is not set")
    else:
        yield from _postgres(migration_statements)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """Like ``database``, but with no schema yet: for migrating step by step (``empty_database.migrate("0011")``)."""
    if request.param == "sqlite":
        yield from _sqlite(tmp_path)
    elif not POSTGRES_URL:
        pytest.skip("SELARAS_TEST_POSTGRES_URL is not set")
    else:
        yield from _postgres()


@pytest.fixture(scope="session")
def defective_sample() -> SampleData:
    """The province sample with its seeded defects, built once per session (3 s) for every test that only
    reads it; the checks, scores and report leave it as it was."""
    return generate_province("62")


@pytest.fixture(scope="session")
def clean_sample() -> SampleData:
    """The same sample without the defects."""
    return generate_province("62", clean=True)


@pytest.fixture
def renja_plan() -> Plan:
    """A small Renja: one program with two indicators, a kegiatan, two sub kegiatan, two funding sources, a link."""
    document = Document(DocumentKind.RENJA, "62", Period(2026, 2026), pd="5.01.01", title="Renja Bappeda 2026")
    program = Item(
        "5.01.02",
        ItemLevel.PROGRAM,
        "PROGRAM PERENCANAAN, PENGENDALIAN DAN EVALUASI PEMBANGUNAN DAERAH",
        code="5.01.02",
        indicators=[
            Indicator(
                "Persentase keselarasan RPJMD dengan Renstra PD",
                "%",
                IndicatorKind.OUTCOME,
                Decimal("95"),
                Direction.NAIK,
                {2026: Decimal("97.5")},
            ),
            Indicator(
                "Nilai evaluasi RKPD", "Nilai", IndicatorKind.OUTCOME, None, Direction.NAIK, {2026: Decimal("80")}
            ),
        ],
        budgets=[Budget(2026, Decimal("1500000000"))],
    )
    kegiatan = Item(
        "5.01.02.1.01",
        ItemLevel.KEGIATAN,
        "Penyusunan Perencanaan dan Pendanaan",
        code="5.01.02.1.01",
        parent="5.01.02",
        budgets=[Budget(2026, Decimal("1500000000"))],
    )
    subs = [
        Item(
            f"5.01.02.1.01.000{n}",
            ItemLevel.SUB_KEGIATAN,
            name,
            code=f"5.01.02.1.01.000{n}",
            parent="5.01.02.1.01",
            order=n,
            lokasi="Kota Palangkaraya",
            indicators=[
                Indicator(
                    f"Jumlah dokumen {name.lower()}",
                    "Dokumen",
                    IndicatorKind.OUTPUT,
                    Decimal(1),
                    Direction.NAIK,
                    {2026: Decimal(2)},
                )
            ],
            budgets=[Budget(2026, pagu, None, "PAD"), Budget(2026, Decimal("0.10"), Decimal("0.05"), "DAU")],
        )
        for n, name, pagu in (
            (1, "Analisis Data dan Informasi", Decimal("999999999.90")),
            (2, "Penyusunan Dokumen RPJPD", Decimal("500000000")),
        )
    ]
    link = Link(
        ItemRef(document.key, "5.01.02"),
        ItemRef("62/RPJMD/-/2025-2029/final", "M1.T1.S1"),
        LinkKind.CASCADE,
        LinkOrigin.IMPORTED,
        LinkStatus.ACCEPTED,
        0.875,
        "bappeda",
        datetime(2026, 1, 5, 9, 30),
    )
    return Plan(document, [program, kegiatan, *subs], [link])


@pytest.fixture
def english_renja() -> Plan:
    """A small Renja in English, for the English SDGs (``selaras suggest --framework sdg``, ``match --targets
    sdg``): lexical-only, the SDG decision accepts some of its items for one or more SDGs and not for others."""
    return Plan(
        Document(DocumentKind.RENJA, "62", Period(2026, 2026), pd="1.03.01"),
        [
            Item("P", ItemLevel.PROGRAM, "Basic services and a liveable environment"),
            Item("P.K1", ItemLevel.KEGIATAN, "Water, sanitation and waste", parent="P"),
            Item("P.K1.1", ItemLevel.SUB_KEGIATAN, "Drinking water supply network for rural households", parent="P.K1"),
            Item("P.K1.2", ItemLevel.SUB_KEGIATAN, "Solid waste collection and recycling", parent="P.K1"),
            Item("P.K2", ItemLevel.KEGIATAN, "Welfare and livelihoods", parent="P"),
            Item("P.K2.1", ItemLevel.SUB_KEGIATAN, "Social assistance for poor households", parent="P.K2"),
            Item("P.K2.2", ItemLevel.SUB_KEGIATAN, "Maternal health services at health centres", parent="P.K2"),
            Item("P.K2.3", ItemLevel.SUB_KEGIATAN, "Microcredit for women entrepreneurs", parent="P.K2"),
        ],
    )

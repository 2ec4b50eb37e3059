"""Shared fixtures: a migrated database on SQLite and, when configured, on PostgreSQL.

Set ``SELARAS_TEST_POSTGRES_URL`` (``make test`` does) to run every test that uses ``database`` on both;
each PostgreSQL test gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

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
from selaras.store import Database

POSTGRES_URL = os.environ.get("SELARAS_TEST_POSTGRES_URL", "")


def _sqlite(tmp_path: Path, *, migrate: bool = True) -> Iterator[Database]:
    from selaras.settings import load_settings
    from selaras.store import open_database

    database = open_database(load_settings({}, data_dir=tmp_path / "data"), migrate=migrate)
    yield database
    database.dispose()


def _postgres(*, migrate: bool = True) -> Iterator[Database]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    database = Database(engine)
    if migrate:
        database.migrate()
    try:
        yield database
    finally:
        database.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A database at the newest schema: SQLite always, PostgreSQL when SELARAS_TEST_POSTGRES_URL is set."""
    if request.param == "sqlite":
        yield from _sqlite(tmp_path)
    elif not POSTGRES_URL:
        pytest.skip("SELARAS_TEST_POSTGRES_URL is not set")
    else:
        yield from _postgres()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """Like ``database``, but with no schema yet: for migrating step by step (``empty_database.migrate("0011")``)."""
    if request.param == "sqlite":
        yield from _sqlite(tmp_path, migrate=False)
    elif not POSTGRES_URL:
        pytest.skip("SELARAS_TEST_POSTGRES_URL is not set")
    else:
        yield from _postgres(migrate=False)


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

"""The stored analyses: one row per pemda and year, replaced by the next run, read back exactly with the stamp
and fingerprint they were computed under; storing one never changes the data stamp; a pemda's go with it."""

from __future__ import annotations

import json
import zlib
from decimal import Decimal

from sqlalchemy import func, select, update

from selaras.checks.findings import Finding, Location
from selaras.reference.wilayah import get_pemda
from selaras.scores.model import Score, ScoreCard
from selaras.store import Database
from selaras.store.analysis_snapshots import recently_analysed, save_analysis, stored_analyses
from selaras.store.changes import data_stamp
from selaras.store.tables import AnalysisSnapshotRow
from selaras.store.tenants import delete_pemda, ensure_pemda

FINDING = Finding("SEL301", Location("62", "62/RENJA/1.02.01/2026/final", "1.02.02.2.01"), {"parent": Decimal("1")})
CARD = ScoreCard("62", None, 2026, {"keselarasan": Score("keselarasan", 3, 4)}, {"pn": {"PN1": Decimal("2.50")}})


def _save(database: Database, pemda: str, year: int, stamp: tuple[int, int], *, cards: bool = True) -> None:
    with database.session() as session:
        save_analysis(
            session,
            pemda=pemda,
            year=year,
            stamp=stamp,
            fingerprint="f" * 64,
            findings=[FINDING],
            cards=[CARD] if cards else None,
        )


def _pemda(database: Database, *kode: str) -> None:
    with database.session() as session:
        for each in kode:
            ensure_pemda(session, get_pemda(each))


def test_a_stored_analysis_comes_back_with_its_stamp_and_fingerprint(database: Database) -> None:
    _pemda(database, "62")
    _save(database, "62", 2026, (17, 40))
    with database.session() as session:
        [stored] = stored_analyses(session, "62", years=4)
    assert (stored.pemda, stored.year, stored.stamp, stored.fingerprint) == ("62", 2026, (17, 40), "f" * 64)
    assert stored.findings == [FINDING] and stored.cards == [CARD]


def test_the_next_run_of_a_year_replaces_it_and_the_years_stored_last_are_read(database: Database) -> None:
    _pemda(database, "62")
    _save(database, "62", 2025, (1, 1))
    _save(database, "62", 2026, (1, 1))
    _save(database, "62", 2025, (2, 2), cards=False)  # the findings page's year, computed again after a change
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(AnalysisSnapshotRow)) == 2
        assert [(each.year, each.stamp) for each in stored_analyses(session, "62", years=4)] == [
            (2026, (1, 1)),
            (2025, (2, 2)),
        ]
        [last] = stored_analyses(session, "62", years=1)
    assert (last.year, last.cards) == (2025, None)


def test_the_pemda_analysed_last_come_first(database: Database) -> None:
    _pemda(database, "62", "62.71", "63")
    for pemda in ("63", "62", "62.71"):
        _save(database, pemda, 2026, (1, 1))
    _save(database, "63", 2025, (1, 1))
    with database.session() as session:
        assert recently_analysed(session, limit=2) == ["63", "62.71"]


def test_storing_an_analysis_does_not_change_the_data_stamp(database: Database) -> None:
    _pemda(database, "62")
    with database.session() as session:
        before = data_stamp(session, "62")
    _save(database, "62", 2026, before)
    with database.session() as session:
        assert data_stamp(session, "62") == before


def test_a_body_of_another_format_is_not_read(database: Database) -> None:
    _pemda(database, "62")
    _save(database, "62", 2026, (1, 1))
    with database.session() as session:
        session.execute(update(AnalysisSnapshotRow).values(body=zlib.compress(json.dumps({"format": 99}).encode())))
        assert stored_analyses(session, "62", years=4) == []


def test_deleting_a_pemda_deletes_its_stored_analyses(database: Database) -> None:
    _pemda(database, "62", "63")
    _save(database, "62", 2026, (1, 1))
    _save(database, "63", 2026, (1, 1))
    with database.session() as session:
        delete_pemda(session, "62")
    with database.session() as session:
        assert session.scalars(select(AnalysisSnapshotRow.pemda)).all() == ["63"]

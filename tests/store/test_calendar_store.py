"""The stored calendar: a closed stage locks its documents, reopening (audited) unlocks them, a sign-off moves a
document to the next stage, and who has not submitted."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from selaras.domain import Document, DocumentKind, PerangkatDaerah, Period, Plan
from selaras.domain.calendar import Stage, regulation_template
from selaras.errors import NotFound, SelarasError, StageClosed
from selaras.reference.wilayah import get_pemda
from selaras.store import Database
from selaras.store.audit import list_audit
from selaras.store.calendar import (
    apply_template,
    check_open,
    document_stage,
    due_soon,
    load_calendar,
    pending_submissions,
    reopen_stage,
    set_stage_dates,
    sign_off,
)
from selaras.store.locking import EditConflict
from selaras.store.plans import save_plan
from selaras.store.tables import CalendarStageRow, DocumentStageRow
from selaras.store.tenants import delete_pemda, ensure_pemda, save_perangkat_daerah

ADMIN = "admin.bappeda"


@pytest.fixture
def stored(database: Database, renja_plan: Plan) -> Document:
    """The Renja 2026 of 5.01.01 in pemda 62, whose cycle 2026 follows the regulation template."""
    with database.session() as session:
        ensure_pemda(session, get_pemda("62"))
        save_plan(session, renja_plan)
        apply_template(session, "62", 2026, regulation_template(2026, provinsi=True), username=ADMIN)
    return renja_plan.document


def test_the_template_is_stored_and_loads_back(database: Database, stored: Document) -> None:
    with database.session() as session:
        calendar = load_calendar(session, "62", 2026)
        assert sorted(calendar.windows, key=str) == sorted(regulation_template(2026, provinsi=True), key=str)
        assert load_calendar(session, "62", 2027).windows == ()
        [entry] = list_audit(session, ["62"], entity="calendar")
        assert (entry.action, entry.username, entry.new) == ("template", ADMIN, {"stages": 19})


def test_a_closed_stage_refuses_imports_and_edits_with_its_dates(database: Database, stored: Document) -> None:
    with database.session() as session:
        check_open(session, stored, date(2025, 2, 1))  # rancangan awal Renja: 2 Jan - 15 Feb 2025
        with pytest.raises(StageClosed) as refused:
            check_open(session, stored, datetime(2025, 2, 16, 8, 0))
    assert str(refused.value) == (
        "dokumen 62/RENJA/5.01.01/2026/final terkunci: tahap Rancangan awal Renja 2026 "
        "(2 Januari 2025 s.d. 15 Februari 2025) sudah ditutup; impor dan perubahan hanya dapat dilakukan selama "
        "tahapnya dibuka — minta admin Bappeda membuka kembali tahap ini bila masih perlu diubah"
    )
    assert (refused.value.document, refused.value.stage) == (stored.key, "rancangan_awal")


def test_a_new_document_is_checked_against_the_first_stage(database: Database, stored: Document) -> None:
    new = Document(DocumentKind.RENJA, "62", Period(2026, 2026), pd="1.02.01")
    with database.session() as session:
        with pytest.raises(StageClosed, match="belum dibuka"):
            check_open(session, new, date(2024, 12, 31))
        check_open(session, Document(DocumentKind.IKU, "62", Period(2026, 2026), pd="1.02.01"), date(2030, 1, 1))
        check_open(session, Document(DocumentKind.RENJA, "62", Period(2031, 2031), pd="X"), date(2030, 1, 1))


def test_reopening_allows_changes_until_the_day_given_and_is_audited(database: Database, stored: Document) -> None:
    with database.session() as session:
        reopen_stage(
            session, "62", 2026, DocumentKind.RENJA, Stage.RANCANGAN_AWAL, until=date(2025, 2, 20), username=ADMIN
        )
    with database.session() as session:
        check_open(session, stored, date(2025, 2, 20))
        with pytest.raises(StageClosed, match=r"dibuka kembali s\.d\. 20 Februari 2025\) sudah ditutup"):
            check_open(session, stored, date(2025, 2, 21))
        entry = list_audit(session, ["62"], entity="calendar")[0]
    assert (entry.action, entry.entity_id) == ("reopen", "2026/RENJA/rancangan_awal")
    assert (entry.old["reopened_until"], entry.new["reopened_until"]) == (None, "2025-02-20")


def test_editing_a_stage_moves_its_dates_and_unknown_stages_are_named(database: Database, stored: Document) -> None:
    with database.session() as session:
        set_stage_dates(
            session,
            "62",
            2026,
            DocumentKind.RENJA,
            Stage.RANCANGAN_AWAL,
            opens=date(2025, 1, 2),
            closes=date(2025, 3, 1),
            username=ADMIN,
        )
        check_open(session, stored, date(2025, 2, 28))
        entry = list_audit(session, ["62"], entity="calendar")[0]
        assert (entry.old["closes"], entry.new["closes"]) == ("2025-02-15", "2025-03-01")
        with pytest.raises(NotFound, match=r"tidak memiliki tahap Forum PD RENJA; terapkan templat dulu"):
            reopen_stage(session, "62", 2030, DocumentKind.RENJA, Stage.FORUM, until=date(2029, 1, 1), username=ADMIN)


def test_sign_off_moves_the_document_to_the_next_stage_and_its_lock(database: Database, stored: Document) -> None:
    with database.session() as session:
        assert document_stage(session, stored) is Stage.RANCANGAN_AWAL
        assert sign_off(session, stored.key, username="verifikator62", expected=Stage.RANCANGAN_AWAL) is Stage.FORUM
    with database.session() as session:
        assert document_stage(session, stored) is Stage.FORUM
        check_open(session, stored, date(2025, 3, 1))  # the Forum PD: 16 Feb - 15 Mar 2025
        with pytest.raises(StageClosed, match="tahap Forum PD Renja 2026"):
            check_open(session, stored, date(2025, 2, 15))
        with pytest.raises(EditConflict):
            sign_off(session, stored.key, username="verifikator62", expected=Stage.RANCANGAN_AWAL)
        entry = list_audit(session, ["62"], entity="document")[0]
    assert (entry.action, entry.old, entry.new) == ("sign-off", {"stage": "rancangan_awal"}, {"stage": "forum"})


def test_sign_off_stops_after_the_last_stage(database: Database, stored: Document) -> None:
    with database.session() as session:
        stages = [sign_off(session, stored.key, username="v") for _ in range(4)]
        assert stages == [Stage.FORUM, Stage.RANCANGAN_AKHIR, Stage.PENETAPAN, Stage.PERUBAHAN]
        with pytest.raises(SelarasError, match=r"sudah berada di tahap terakhir \(Perubahan\)$"):
            sign_off(session, stored.key, username="v")
        with pytest.raises(NotFound):
            sign_off(session, "62/RENJA/x/2026/final", username="v")


def test_pd_without_a_document_are_pending_then_late(database: Database, stored: Document) -> None:
    with database.session() as session:
        for kode in ("5.01.01", "1.02.01"):
            save_perangkat_daerah(session, PerangkatDaerah("62", kode, f"PD {kode}"))
        pending = pending_submissions(session, "62", 2026, date(2025, 2, 1))
        late = pending_submissions(session, "62", 2026, date(2025, 2, 20))
        due = due_soon(session, "62", date(2025, 2, 10))
    renja = [(s.window.stage.value, s.pd, s.late) for s in pending if s.window.kind is DocumentKind.RENJA]
    assert renja == [("rancangan_awal", "1.02.01", False)]
    renja = [(s.window.stage.value, s.pd, s.late) for s in late if s.window.kind is DocumentKind.RENJA]
    assert renja == [("rancangan_awal", "1.02.01", True), ("forum", "1.02.01", False), ("forum", "5.01.01", False)]
    assert [(year, w.kind.value, w.stage.value) for year, w in due] == [(2026, "RENJA", "rancangan_awal")]


def test_deleting_the_pemda_removes_its_calendar_and_stages(database: Database, stored: Document) -> None:
    with database.session() as session:
        sign_off(session, stored.key, username="v")
        delete_pemda(session, "62")
    with database.session() as session:
        assert session.scalars(select(CalendarStageRow)).all() == []
        assert session.scalars(select(DocumentStageRow)).all() == []

"""The stored planning calendar: stage dates per pemda and cycle, each document's stage, and the lock check.

Every change (a template applied, a stage's dates, a reopening, a sign-off) is audited in the same
transaction. :func:`check_open` is the one place that decides whether a document may change; imports and
web edits both call it before writing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Row, delete, select
from sqlalchemy.orm import Session

from selaras.domain import Document, DocumentKind, Period
from selaras.domain.calendar import (
    PlanningCalendar,
    Stage,
    StageWindow,
    Submission,
    cycle_year,
    lock_message,
    next_stage,
    stages_of,
    submissions,
)
from selaras.errors import NotFound, SelarasError, StageClosed
from selaras.reference.wilayah import get_pemda
from selaras.store.audit import now, record_audit
from selaras.store.locking import EditConflict
from selaras.store.tables import CalendarStageRow, DocumentRow, DocumentStageRow, PerangkatDaerahRow
from selaras.store.tenants import ensure_pemda

__all__ = [
    "apply_template",
    "calendar_pemda",
    "check_open",
    "document_stage",
    "due_soon",
    "list_windows",
    "load_calendar",
    "load_document",
    "pending_submissions",
    "reopen_stage",
    "set_stage_dates",
    "sign_off",
]


def _day(moment: date) -> date:
    """A datetime counts by its day (``datetime`` is a ``date``, but the two do not compare)."""
    return moment.date() if isinstance(moment, datetime) else moment


def _window(row: CalendarStageRow) -> StageWindow:
    return StageWindow(DocumentKind(row.kind), Stage(row.stage), row.opens, row.closes, row.basis, row.reopened_until)


def load_calendar(session: Session, pemda: str, year: int) -> PlanningCalendar:
    """The calendar of cycle ``year``; empty when the admin has not set it."""
    rows = session.scalars(
        select(CalendarStageRow)
        .where(CalendarStageRow.pemda == pemda, CalendarStageRow.year == year)
        .order_by(CalendarStageRow.opens, CalendarStageRow.kind)
    )
    return PlanningCalendar(pemda, year, tuple(_window(row) for row in rows))


def due_soon(session: Session, pemda: str, today: date, days: int = 14) -> list[tuple[int, StageWindow]]:
    """(cycle, stage) of every stage, of any cycle, that closes within ``days`` days of ``today``, soonest first."""
    rows = session.scalars(
        select(CalendarStageRow)
        .where(
            CalendarStageRow.pemda == pemda,
            CalendarStageRow.closes >= today,
            CalendarStageRow.closes <= today + timedelta(days=days),
        )
        .order_by(CalendarStageRow.closes, CalendarStageRow.year, CalendarStageRow.kind)
    )
    return [(row.year, _window(row)) for row in rows]


def calendar_pemda(session: Session) -> list[str]:
    """The pemda that have a calendar of any cycle."""
    return list(session.scalars(select(CalendarStageRow.pemda).distinct().order_by(CalendarStageRow.pemda)))


def list_windows(session: Session, pemda: str) -> list[tuple[int, StageWindow]]:
    """(cycle, stage) of every cycle of the pemda, by cycle and opening day (the iCalendar feed)."""
    query = select(CalendarStageRow).where(CalendarStageRow.pemda == pemda)
    rows = session.scalars(query.order_by(CalendarStageRow.year, CalendarStageRow.opens, CalendarStageRow.kind))
    return [(row.year, _window(row)) for row in rows]


def _row(session: Session, pemda: str, year: int, kind: DocumentKind, stage: Stage) -> CalendarStageRow | None:
    return session.scalars(
        select(CalendarStageRow).where(
            CalendarStageRow.pemda == pemda,
            CalendarStageRow.year == year,
            CalendarStageRow.kind == kind.value,
            CalendarStageRow.stage == stage.value,
        )
    ).one_or_none()


def _audit_fields(window: StageWindow) -> dict[str, object]:
    return {
        "opens": window.opens.isoformat(),
        "closes": window.closes.isoformat(),
        "reopened_until": window.reopened_until.isoformat() if window.reopened_until else None,
    }


def apply_template(
    session: Session, pemda: str, year: int, windows: Iterable[StageWindow], *, username: str
) -> PlanningCalendar:
    """Replace the calendar of cycle ``year`` with ``windows`` (usually
    :func:`selaras.domain.calendar.regulation_template`); stages not in ``windows`` are removed."""
    ensure_pemda(session, get_pemda(pemda))
    session.execute(delete(CalendarStageRow).where(CalendarStageRow.pemda == pemda, CalendarStageRow.year == year))
    chosen = list(windows)
    for window in chosen:
        session.add(
            CalendarStageRow(
                pemda=pemda,
                year=year,
                kind=window.kind.value,
                stage=window.stage.value,
                opens=window.opens,
                closes=window.closes,
                basis=window.basis,
                reopened_until=window.reopened_until,
                updated_by=username,
                updated_at=now(),
            )
        )
    record_audit(
        session,
        pemda=pemda,
        username=username,
        action="template",
        entity="calendar",
        entity_id=year,
        new={"stages": len(chosen)},
    )
    return load_calendar(session, pemda, year)


def _existing(session: Session, pemda: str, year: int, kind: DocumentKind, stage: Stage) -> CalendarStageRow:
    row = _row(session, pemda, year, kind, stage)
    if row is None:
        raise NotFound(
            f"kalender {pemda} tahun {year} tidak memiliki tahap {stage.label(kind)} {kind.value}; "
            f"terapkan templat dulu (`selaras calendar template --pemda {pemda} --year {year}`)"
        )
    return row


def set_stage_dates(
    session: Session,
    pemda: str,
    year: int,
    kind: DocumentKind,
    stage: Stage,
    *,
    opens: date,
    closes: date,
    username: str,
) -> StageWindow:
    """Set the dates of one stage (adding it when the calendar lacks it); a reopening is kept."""
    if stage not in stages_of(kind):
        raise SelarasError(f"{kind.value} tidak memiliki tahap {stage.value}")
    ensure_pemda(session, get_pemda(pemda))
    row = _row(session, pemda, year, kind, stage)
    before = _audit_fields(_window(row)) if row else {}
    window = StageWindow(kind, stage, opens, closes, "diatur admin", row.reopened_until if row else None)
    if row is None:
        row = CalendarStageRow(pemda=pemda, year=year, kind=kind.value, stage=stage.value)
        session.add(row)
    row.opens, row.closes, row.basis, row.reopened_until = opens, closes, window.basis, window.reopened_until
    row.updated_by, row.updated_at = username, now()
    session.flush()
    record_audit(
        session,
        pemda=pemda,
        username=username,
        action="update",
        entity="calendar",
        entity_id=f"{year}/{kind.value}/{stage.value}",
        old=before,
        new=_audit_fields(window),
    )
    return window


def reopen_stage(
    session: Session, pemda: str, year: int, kind: DocumentKind, stage: Stage, *, until: date, username: str
) -> StageWindow:
    """Let documents of a closed stage change again until ``until`` (inclusive), without moving its dates."""
    row = _existing(session, pemda, year, kind, stage)
    before = _window(row)
    window = replace(before, reopened_until=until)
    row.reopened_until, row.updated_by, row.updated_at = until, username, now()
    session.flush()
    record_audit(
        session,
        pemda=pemda,
        username=username,
        action="reopen",
        entity="calendar",
        entity_id=f"{year}/{kind.value}/{stage.value}",
        old=_audit_fields(before),
        new=_audit_fields(window),
    )
    return window


def document_stage(session: Session, document: Document) -> Stage | None:
    """The stage ``document`` is in (the first of its kind until signed off); None for kinds without stages."""
    if not stages_of(document.kind):
        return None
    stored = session.scalars(select(DocumentStageRow.stage).where(*_stage_of(document.pemda, document.key)))
    return _stage_in(document, stored.one_or_none())


def _stage_in(document: Document, stored: str | None) -> Stage | None:
    """The stage of ``document`` given its stored stage row's value (None: no row, the first stage)."""
    stages = stages_of(document.kind)
    if not stages:
        return None
    return Stage(stored) if stored else stages[0]


def _stage_of(pemda: str, document_key: str) -> tuple[ColumnElement[bool], ...]:
    """A document's stage row, by the table's unique key (its pemda with the document key, see docs/scaling.md)."""
    return DocumentStageRow.pemda == pemda, DocumentStageRow.document_key == document_key


def check_open(session: Session, document: Document, now: date) -> None:
    """Refuse (raise :class:`~selaras.errors.StageClosed`) any import or edit of ``document`` on day ``now``
    (a ``datetime`` counts by its day) while its stage is not open; a stage without dates never locks.

    Example::

        check_open(session, plan.document, date.today())  # before writing anything
    """
    stage = document_stage(session, document)
    if stage is None:
        return
    row = _row(session, document.pemda, cycle_year(document), document.kind, stage)
    day = _day(now)
    if row is not None and not _window(row).is_open(day):
        window = _window(row)
        raise StageClosed(lock_message(document, window, day), document=document.key, stage=stage.value)


def _document(row: DocumentRow | Row[str, str, int, int, str | None, str]) -> Document:
    """A document's identity from its row, or from just those columns (the dashboard reads them on each request)."""
    return Document(DocumentKind(row.kind), row.pemda, Period(row.period_start, row.period_end), row.pd, row.version)


def load_document(session: Session, document_key: str) -> Document:
    """The stored document's identity (what :func:`check_open` needs), without its items."""
    row = session.scalars(select(DocumentRow).where(DocumentRow.key == document_key)).one_or_none()
    if row is None:
        raise NotFound(f"dokumen {document_key} tidak ada")
    return _document(row)


def sign_off(session: Session, document_key: str, *, username: str, expected: Stage | None = None) -> Stage:
    """Move the document to its next stage (the verifikator's sign-off) and return that stage.

    ``expected`` is the stage the verifikator saw; when someone signed off first, the sign-off is refused
    rather than skipping a stage.
    """
    document = load_document(session, document_key)
    current = document_stage(session, document)
    if current is None:
        raise SelarasError(f"dokumen {document.kind.value} tidak mengikuti tahapan kalender perencanaan")
    if expected is not None and expected is not current:
        raise EditConflict(f"tahap dokumen {document_key}", expected.label(document.kind), current.label(document.kind))
    following = next_stage(document.kind, current)
    if following is None:
        raise SelarasError(f"dokumen {document_key} sudah berada di tahap terakhir ({current.label(document.kind)})")
    stage_row = session.scalars(select(DocumentStageRow).where(*_stage_of(document.pemda, document_key))).one_or_none()
    if stage_row is None:
        stage_row = DocumentStageRow(pemda=document.pemda, document_key=document_key)
        session.add(stage_row)
    stage_row.stage, stage_row.updated_by, stage_row.updated_at = following.value, username, now()
    session.flush()
    record_audit(
        session,
        pemda=document.pemda,
        username=username,
        action="sign-off",
        entity="document",
        entity_id=document_key,
        old={"stage": current.value},
        new={"stage": following.value},
    )
    return following


def pending_submissions(session: Session, pemda: str, year: int, today: date) -> list[Submission]:
    """Who has not submitted for the stages of cycle ``year`` that have opened (``late`` once closed)."""
    calendar = load_calendar(session, pemda, year)
    identity = (DocumentRow.kind, DocumentRow.pemda, DocumentRow.period_start, DocumentRow.period_end)
    rows = session.execute(
        select(*identity, DocumentRow.pd, DocumentRow.version).where(
            DocumentRow.pemda == pemda, DocumentRow.period_start == year
        )
    )
    # every stage row of the pemda in one query: the dashboard asks this on each request
    stage_rows = select(DocumentStageRow.document_key, DocumentStageRow.stage).where(DocumentStageRow.pemda == pemda)
    stored = {key: stage for key, stage in session.execute(stage_rows)}
    reached: dict[tuple[DocumentKind, str | None], Stage] = {}
    for row in rows:
        document = _document(row)
        if document.kind.is_budget and document.version != document.kind.default_version:
            continue  # the perubahan budget is a document of its own; the murni one carries the stages
        stage = _stage_in(document, stored.get(document.key))
        if stage is not None:
            reached[(document.kind, document.pd)] = stage
    agencies = list(
        session.scalars(
            select(PerangkatDaerahRow.kode).where(PerangkatDaerahRow.pemda == pemda).order_by(PerangkatDaerahRow.kode)
        )
    )
    return submissions(calendar, agencies=agencies, reached=reached, day=today)

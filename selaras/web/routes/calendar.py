"""The planning calendar: its page and JSON, an iCalendar file to add to one's own calendar, the admin's
template / stage dates / reopening, and the verifikator's sign-off that moves a document to its next stage."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, TypeVar

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from selaras.domain import DocumentKind
from selaras.domain.calendar import (
    CALENDAR_KINDS,
    PlanningCalendar,
    Stage,
    StageWindow,
    Submission,
    regulation_template,
    stages_of,
)
from selaras.errors import NotFound, SelarasError
from selaras.reference.wilayah import get_pemda
from selaras.store.calendar import (
    apply_template,
    document_stage,
    due_soon,
    list_windows,
    load_calendar,
    load_document,
    pending_submissions,
    reopen_stage,
    set_stage_dates,
    sign_off,
)
from selaras.store.locking import EditConflict
from selaras.store.tables import DocumentRow
from selaras.web.authz import Action
from selaras.web.context import Caller, CallerDep, Web, WebContext, WriterDep, authorize
from selaras.web.pages import redirect, render
from selaras.web.serialize import Shape

api = APIRouter(tags=["kalender"])
pages = APIRouter()

DUE_DAYS = 14
T = TypeVar("T")


def default_year(today: date) -> int:
    """The cycle being prepared: in 2026 Bappeda works on the RKPD and APBD of 2027."""
    return today.year + 1


class StageJson(Shape):
    kind: str = Field(description="Jenis dokumen, misalnya RENJA")
    stage: str
    title: str
    opens: str = Field(description="Tanggal dibuka (ISO 8601)")
    closes: str = Field(description="Tanggal ditutup (ISO 8601)")
    reopened_until: str | None = Field(description="Dibuka kembali oleh admin sampai tanggal ini")
    state: str = Field(description="belum dibuka, dibuka, dibuka kembali atau ditutup")
    basis: str = Field(description="Dasar jadwalnya (peraturan atau konvensi)")


class _Cycle(Shape):
    year: int = Field(description="Siklus tahapan ini")


class DueStageJson(StageJson, _Cycle):
    """A stage with its cycle first (the fields in the order the route writes them)."""


class NotSubmittedJson(Shape):
    kind: str
    stage: str
    pd: str | None = Field(description="Kode PD; null: pemda sendiri (RKPD, KUA-PPAS, APBD)")
    late: bool = Field(description="Tahapnya sudah ditutup")


class CalendarJson(Shape):
    pemda: str
    year: int = Field(description="Siklus: tahun pertama yang direncanakan dokumennya")
    today: str
    stages: list[StageJson]
    due: list[DueStageJson] = Field(description="Tahapan siklus mana pun yang ditutup dalam 14 hari")
    not_submitted: list[NotSubmittedJson] = Field(description="PD yang belum menyampaikan dokumennya")


class SignedOff(Shape):
    document: str
    stage: str
    label: str


def _window_json(window: StageWindow, today: date) -> dict[str, object]:
    return {
        "kind": window.kind.value,
        "stage": window.stage.value,
        "title": window.title,
        "opens": window.opens.isoformat(),
        "closes": window.closes.isoformat(),
        "reopened_until": window.reopened_until.isoformat() if window.reopened_until else None,
        "state": window.state(today),
        "basis": window.basis,
    }


def _documents(web: WebContext, pemda: str, year: int) -> list[dict[str, object]]:
    """The cycle's documents with their stage, for the sign-off list."""
    query = select(DocumentRow).where(
        DocumentRow.pemda == pemda,
        DocumentRow.period_start == year,
        DocumentRow.kind.in_([kind.value for kind in CALENDAR_KINDS]),
    )
    with web.database.session() as session:
        found = []
        for row in session.scalars(query.order_by(DocumentRow.key)):
            document = load_document(session, row.key)
            stage = document_stage(session, document)
            assert stage is not None  # only kinds with stages are selected
            found.append({"id": row.id, "key": row.key, "stage": stage, "label": stage.label(document.kind)})
        return found


def _calendar(
    web: WebContext, pemda: str, year: int, today: date
) -> tuple[PlanningCalendar, list[tuple[int, StageWindow]], list[Submission]]:
    """The cycle's calendar, the stages of any cycle closing within two weeks, and who has not submitted."""
    with web.database.session() as session:
        return (
            load_calendar(session, pemda, year),
            due_soon(session, pemda, today, DUE_DAYS),
            pending_submissions(session, pemda, year, today),
        )


@api.get(
    "/pemda/{pemda}/calendar",
    response_model=CalendarJson,
    summary="Kalender perencanaan satu siklus: tahap, jatuh tempo, PD yang belum",
)
def calendar_json(pemda: str, who: CallerDep, web: Web, year: int | None = None) -> dict[str, object]:
    """``year`` is the cycle (the first year its documents plan); by default the one being prepared."""
    authorize(who, Action.READ, pemda)
    today = date.today()
    chosen = year or default_year(today)
    calendar, due, pending = _calendar(web, pemda, chosen, today)
    return {
        "pemda": pemda,
        "year": chosen,
        "today": today.isoformat(),
        "stages": [_window_json(w, today) for w in calendar.windows],
        "due": [{"year": cycle, **_window_json(w, today)} for cycle, w in due],
        "not_submitted": [
            {"kind": s.window.kind.value, "stage": s.window.stage.value, "pd": s.pd, "late": s.late} for s in pending
        ],
    }


@pages.get("/pemda/{pemda}/calendar", response_class=HTMLResponse)
def calendar_page(
    pemda: str, request: Request, who: CallerDep, web: Web, year: int | None = None, done: str = ""
) -> HTMLResponse:
    authorize(who, Action.READ, pemda)
    today = date.today()
    chosen = year or default_year(today)
    calendar, due, pending = _calendar(web, pemda, chosen, today)
    return render(
        web,
        request,
        who,
        "calendar.html",
        pemda=pemda,
        year=chosen,
        today=today,
        done=done,
        kinds=CALENDAR_KINDS,
        # a stage's name depends on the kind of document (the forum is a Musrenbang, a Forum PD or the DPRD's
        # deliberation): the choice names all of them
        stages=[(stage, " / ".join(dict.fromkeys(stage.label(kind) for kind in CALENDAR_KINDS))) for stage in Stage],
        documents=_documents(web, pemda, chosen),
        calendar=calendar,
        due=due,
        pending=pending,
    )


def _escape(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newline are escaped."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545 lines longer than 75 octets continue on the next line after a space."""
    encoded, parts = line.encode("utf-8"), list[str]()
    while len(encoded) > 75:
        cut = 75 if not parts else 74
        while (encoded[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(encoded[:cut].decode("utf-8"))
        encoded = encoded[cut:]
    parts.append(encoded.decode("utf-8"))
    return "\r\n ".join(parts)


def calendar_ics(pemda: str, nama: str, windows: list[tuple[int, StageWindow]], stamp: datetime) -> str:
    """Every stage of every cycle as an all-day event from its opening to its closing day."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Selaras//Kalender perencanaan//ID",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(f'Kalender perencanaan {nama}')}",
    ]
    for cycle, window in windows:
        summary = f"{window.title} {cycle}"
        description = f"{summary}: {window.dates}. Dasar: {window.basis or '-'}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{pemda}-{cycle}-{window.kind.value}-{window.stage.value}@selaras",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{window.opens:%Y%m%d}",
            f"DTEND;VALUE=DATE:{window.closes + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


@pages.get("/pemda/{pemda}/calendar.ics")
def calendar_feed(pemda: str, who: CallerDep, web: Web) -> Response:
    """All cycles' stages of the pemda as an iCalendar file (import it into Google Calendar, Outlook, ...)."""
    authorize(who, Action.READ, pemda)
    with web.database.session() as session:
        windows = list_windows(session, pemda)
    body = calendar_ics(pemda, get_pemda(pemda).nama, windows, datetime.now(UTC))
    headers = {"Content-Disposition": f'attachment; filename="kalender-{pemda}.ics"'}
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)


def _guarded(call: Callable[[], T]) -> T:
    """Calendar errors as HTTP answers: unknown stage 404, a sign-off someone did first 409, others 422."""
    try:
        return call()
    except (NotFound, EditConflict):
        raise
    except (SelarasError, ValueError) as error:
        raise HTTPException(422, str(error)) from error


def _kind_stage(kind: str, stage: str) -> tuple[DocumentKind, Stage]:
    try:
        chosen, step = DocumentKind(kind.upper()), Stage(stage)
    except ValueError:
        raise HTTPException(422, f"jenis dokumen '{kind}' atau tahap '{stage}' tidak dikenal") from None
    if step not in stages_of(chosen):
        raise HTTPException(422, f"{chosen.value} tidak memiliki tahap {step.value}")
    return chosen, step


def _back(pemda: str, year: int, done: str) -> Response:
    return redirect(f"/pemda/{pemda}/calendar?year={year}&done={done}")


@pages.post("/pemda/{pemda}/calendar/template")
def template_submit(
    pemda: str,
    who: WriterDep,
    web: Web,
    year: Annotated[int, Form()],
    inauguration: Annotated[str, Form()] = "",
) -> Response:
    """Replace the cycle's calendar with the regulation template (``inauguration``: adds the RPJMD/Renstra)."""
    authorize(who, Action.MANAGE_CALENDAR, pemda)
    inaugurated = _guarded(lambda: date.fromisoformat(inauguration)) if inauguration else None
    windows = regulation_template(year, provinsi=not get_pemda(pemda).level.is_kabkota, inauguration=inaugurated)
    with web.database.session() as session:
        apply_template(session, pemda, year, windows, username=who.username)
    return _back(pemda, year, "template")


@pages.post("/pemda/{pemda}/calendar/stage")
def stage_submit(
    pemda: str,
    who: WriterDep,
    web: Web,
    year: Annotated[int, Form()],
    kind: Annotated[str, Form()],
    stage: Annotated[str, Form()],
    opens: Annotated[date, Form()],
    closes: Annotated[date, Form()],
) -> Response:
    """Set one stage's opening and closing days."""
    authorize(who, Action.MANAGE_CALENDAR, pemda)
    chosen, step = _kind_stage(kind, stage)

    def save() -> None:
        with web.database.session() as session:
            set_stage_dates(session, pemda, year, chosen, step, opens=opens, closes=closes, username=who.username)

    _guarded(save)
    return _back(pemda, year, "stage")


@pages.post("/pemda/{pemda}/calendar/reopen")
def reopen_submit(
    pemda: str,
    who: WriterDep,
    web: Web,
    year: Annotated[int, Form()],
    kind: Annotated[str, Form()],
    stage: Annotated[str, Form()],
    until: Annotated[date, Form()],
) -> Response:
    """Reopen a stage until a day (audited): its documents may be imported and edited again until then."""
    authorize(who, Action.MANAGE_CALENDAR, pemda)
    chosen, step = _kind_stage(kind, stage)
    with web.database.session() as session:
        reopen_stage(session, pemda, year, chosen, step, until=until, username=who.username)
    return _back(pemda, year, "reopen")


class SignOff(BaseModel):
    """``expected_stage``: the stage the verifikator saw; a sign-off someone made first answers 409."""

    expected_stage: Stage | None = None


def _sign_off(web: WebContext, who: Caller, document_id: int, expected: Stage | None) -> tuple[DocumentRow, Stage]:
    with web.database.session() as session:
        row = session.get(DocumentRow, document_id)
    if row is None:
        raise NotFound(f"dokumen #{document_id} tidak ada")
    authorize(who, Action.SIGN_OFF, row.pemda, row.pd)

    def move() -> Stage:
        with web.database.session() as session:
            return sign_off(session, row.key, username=who.username, expected=expected)

    return row, _guarded(move)


@api.post(
    "/documents/{document_id}/sign-off",
    response_model=SignedOff,
    summary="Verifikasi: pindahkan dokumen ke tahap berikutnya",
    responses={409: {"description": "Dokumen sudah dipindahkan orang lain dari tahap yang Anda lihat"}},
)
def sign_off_json(document_id: int, body: SignOff, who: WriterDep, web: Web) -> dict[str, object]:
    row, stage = _sign_off(web, who, document_id, body.expected_stage)
    return {"document": row.key, "stage": stage.value, "label": stage.label(DocumentKind(row.kind))}


@pages.post("/documents/{document_id}/sign-off")
def sign_off_submit(
    document_id: int, who: WriterDep, web: Web, expected_stage: Annotated[str, Form()] = ""
) -> Response:
    """The sign-off button of the calendar page."""
    expected = _guarded(lambda: Stage(expected_stage)) if expected_stage else None
    row, _stage = _sign_off(web, who, document_id, expected)
    return _back(row.pemda, row.period_start, "sign-off")

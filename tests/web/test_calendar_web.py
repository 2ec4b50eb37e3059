"""The planning calendar on the web: a closed stage refuses edits (423) until the admin reopens it (audited),
the verifikator's sign-off moves a document on, the page and JSON show what is due, and the .ics parses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import icalendar
from fastapi import FastAPI
from sqlalchemy import select
from web_world import OTHER_PD, OWN_PD, PROVINSI, Session

from selaras.domain import DocumentKind
from selaras.domain.calendar import Stage, StageWindow
from selaras.store.audit import list_audit
from selaras.store.calendar import apply_template
from selaras.store.tables import DocumentRow, ItemRow

RENJA = f"{PROVINSI}/RENJA/{OWN_PD}/2026/final"
TODAY = date.today()


def _close_rancangan_awal(app: FastAPI) -> None:
    """Cycle 2026: the Renja's rancangan awal closed yesterday, its Forum PD closes in ten days."""
    windows = [
        StageWindow(DocumentKind.RENJA, Stage.RANCANGAN_AWAL, TODAY - timedelta(30), TODAY - timedelta(1), "uji"),
        StageWindow(DocumentKind.RENJA, Stage.FORUM, TODAY, TODAY + timedelta(10), "uji"),
    ]
    with app.state.web.database.session() as session:
        apply_template(session, PROVINSI, 2026, windows, username="admin62")


def _ids(app: FastAPI) -> tuple[int, int, int]:
    query = (
        select(DocumentRow.id, ItemRow.id, ItemRow.version)
        .join(ItemRow, ItemRow.document_id == DocumentRow.id)
        .where(DocumentRow.key == RENJA, ItemRow.key == "1.02.02.2.01.0001")
    )
    with app.state.web.database.session() as session:
        document_id, item_id, version = session.execute(query).one()
    return document_id, item_id, version


def test_a_closed_stage_refuses_edits_until_the_admin_reopens_it(
    app: FastAPI, sign_in: Callable[[str], Session]
) -> None:
    _close_rancangan_awal(app)
    editor, admin = sign_in("editor62"), sign_in("admin62")
    _document, item_id, version = _ids(app)
    refused = editor.client.patch(
        f"/api/v1/items/{item_id}", json={"version": version, "lokasi": "A"}, headers=editor.headers()
    )
    closed = TODAY - timedelta(1)
    assert refused.status_code == 423
    assert refused.json()["detail"].startswith(f"dokumen {RENJA} terkunci: tahap Rancangan awal Renja 2026 (")
    assert f"s.d. {closed.day} " in refused.json()["detail"] and "sudah ditutup" in refused.json()["detail"]
    form = {"csrf_token": editor.csrf, "version": str(version), "lokasi": "B"}
    page = editor.client.post(f"/items/{item_id}", data=form)
    assert page.status_code == 423 and "terkunci" in page.text

    until = (TODAY + timedelta(3)).isoformat()
    reopen = {"csrf_token": admin.csrf, "year": "2026", "kind": "RENJA", "stage": "rancangan_awal", "until": until}
    assert admin.client.post(f"/pemda/{PROVINSI}/calendar/reopen", data=reopen).status_code == 303
    assert editor.client.post(f"/items/{item_id}", data=form).status_code == 303
    with app.state.web.database.session() as session:
        entry = list_audit(session, [PROVINSI], entity="calendar")[0]
    assert (entry.action, entry.username, entry.new["reopened_until"]) == ("reopen", "admin62", until)


def test_the_verifikator_signs_off_a_document_to_the_next_stage(
    app: FastAPI, sign_in: Callable[[str], Session]
) -> None:
    _close_rancangan_awal(app)
    verifikator, editor = sign_in("verifikator62"), sign_in("editor62")
    document_id, item_id, version = _ids(app)
    body = {"expected_stage": "rancangan_awal"}
    assert (
        editor.client.post(f"/api/v1/documents/{document_id}/sign-off", json=body, headers=editor.headers()).status_code
        == 403
    )
    moved = verifikator.client.post(
        f"/api/v1/documents/{document_id}/sign-off", json=body, headers=verifikator.headers()
    )
    assert moved.json() == {"document": RENJA, "stage": "forum", "label": "Forum PD"}
    again = verifikator.client.post(
        f"/api/v1/documents/{document_id}/sign-off", json=body, headers=verifikator.headers()
    )
    assert again.status_code == 409
    # In the Forum PD, open today, the document may change again.
    edit = editor.client.patch(
        f"/api/v1/items/{item_id}", json={"version": version, "lokasi": "C"}, headers=editor.headers()
    )
    assert edit.status_code == 200


def test_the_calendar_shows_what_is_due_and_who_has_not_submitted(
    app: FastAPI, sign_in: Callable[[str], Session]
) -> None:
    _close_rancangan_awal(app)
    reader = sign_in("pembaca62")
    found = reader.client.get(f"/api/v1/pemda/{PROVINSI}/calendar", params={"year": 2026}).json()
    assert [(s["stage"], s["state"]) for s in found["stages"]] == [("rancangan_awal", "ditutup"), ("forum", "dibuka")]
    assert [(d["year"], d["stage"]) for d in found["due"]] == [(2026, "forum")]
    assert sorted((n["stage"], n["pd"], n["late"]) for n in found["not_submitted"]) == [
        ("forum", OWN_PD, False),
        ("forum", OTHER_PD, False),
    ]
    page = reader.client.get(f"/pemda/{PROVINSI}/calendar?year=2026")
    assert page.status_code == 200 and "Forum PD Renja" in page.text and "Atur kalender" not in page.text


def test_the_admin_applies_the_template_and_edits_a_stage(app: FastAPI, sign_in: Callable[[str], Session]) -> None:
    admin = sign_in("admin62")
    form = {"csrf_token": admin.csrf, "year": "2027", "inauguration": ""}
    assert admin.client.post(f"/pemda/{PROVINSI}/calendar/template", data=form).status_code == 303
    dates = {"csrf_token": admin.csrf, "year": "2027", "kind": "RKPD", "stage": "penetapan"}
    moved = admin.client.post(
        f"/pemda/{PROVINSI}/calendar/stage", data={**dates, "opens": "2026-06-01", "closes": "2026-06-25"}
    )
    assert moved.status_code == 303
    wrong = admin.client.post(
        f"/pemda/{PROVINSI}/calendar/stage", data={**dates, "opens": "2026-06-25", "closes": "2026-06-01"}
    )
    assert wrong.status_code == 422 and "ditutup (1 Juni 2026) sebelum dibuka (25 Juni 2026)" in wrong.text
    stages = admin.client.get(f"/api/v1/pemda/{PROVINSI}/calendar", params={"year": 2027}).json()["stages"]
    penetapan = next(s for s in stages if (s["kind"], s["stage"]) == ("RKPD", "penetapan"))
    assert (penetapan["closes"], penetapan["basis"]) == ("2026-06-25", "diatur admin")
    assert len(stages) == 19


def test_the_ics_file_parses_with_an_icalendar_library(app: FastAPI, sign_in: Callable[[str], Session]) -> None:
    _close_rancangan_awal(app)
    admin = sign_in("admin62")
    form = {"csrf_token": admin.csrf, "year": "2027", "inauguration": ""}
    admin.client.post(f"/pemda/{PROVINSI}/calendar/template", data=form)
    response = admin.client.get(f"/pemda/{PROVINSI}/calendar.ics")
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    parsed = icalendar.Calendar.from_ical(response.content)
    events = {str(event["UID"]): event for event in parsed.walk("VEVENT")}
    assert len(events) == 21
    rkpd = events[f"{PROVINSI}-2027-RKPD-penetapan@selaras"]
    assert str(rkpd["SUMMARY"]) == "Penetapan RKPD 2027"
    assert (rkpd.decoded("DTSTART"), rkpd.decoded("DTEND")) == (date(2026, 6, 1), date(2026, 7, 1))
    assert "Permendagri 86/2017: RKPD ditetapkan paling lambat akhir Juni" in str(rkpd["DESCRIPTION"])
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))


def test_the_dashboard_says_what_closes_soon_and_how_many_have_not_submitted(
    app: FastAPI, sign_in: Callable[[str], Session]
) -> None:
    reader = sign_in("pembaca62")
    assert "Kalender perencanaan" not in reader.client.get(f"/pemda/{PROVINSI}?year=2026").text  # no calendar yet
    _close_rancangan_awal(app)
    page = reader.client.get(f"/pemda/{PROVINSI}?year=2026").text
    closes = (TODAY + timedelta(10)).day
    assert "2 dokumen belum disampaikan pada tahap yang sedang dibuka; 0 terlambat." in page
    assert "Forum PD Renja ditutup" in page and f"ditutup {closes} " in page
    assert f'href="/pemda/{PROVINSI}/calendar"' in page

"""Tindak lanjut in the workspace: an admin or verifikator assigns a finding (or all open findings of a PD or rule)
to a PIC with a deadline, the PD's editor sees their own list (open first, by deadline) and responds, the
verifikator closes or reopens; the response form appears only where the user may answer; every step is audited;
the dashboard counts findings past their deadline."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from fastapi import FastAPI
from web_world import OTHER_PD, OWN_PD, PROVINSI, Session

from selaras.store.audit import list_audit

SignIn = Callable[[str], Session]


def _open(session: Session, **params: object) -> list[dict[str, object]]:
    response = session.client.get(f"/api/v1/pemda/{PROVINSI}/followup", params=params)
    assert response.status_code == 200, response.text
    findings: list[dict[str, object]] = response.json()["findings"]
    return findings


def _first(session: Session, pd: str) -> dict[str, object]:
    return next(row for row in _open(session, pd=pd) if row["pd"] == pd)


def test_assign_respond_close_and_reopen_each_audited(app: FastAPI, sign_in: SignIn) -> None:
    admin, editor, verifikator = sign_in("admin62"), sign_in("editor62"), sign_in("verifikator62")
    finding = _first(admin, OWN_PD)
    key = str(finding["key"])
    assigned = admin.client.put(
        f"/api/v1/pemda/{PROVINSI}/findings/{key}/followup",
        params={"year": 2026},
        json={"assignee": "editor62", "deadline": "2026-04-15"},
        headers=admin.headers(),
    )
    assert assigned.status_code == 200, assigned.text
    assert (assigned.json()["assignee"], assigned.json()["deadline"]) == ("editor62", "2026-04-15")

    mine = _open(editor, mine=True)  # the editor's list: their PD by default, assigned to them
    assert [(row["key"], row["assignee"], row["deadline"], row["state"]) for row in mine] == [
        (key, "editor62", "2026-04-15", "terbuka")
    ]
    answered = editor.client.put(
        f"/api/v1/pemda/{PROVINSI}/findings/{key}/response",
        params={"year": 2026},
        json={"state": "ditanggapi", "comment": "Tautan diusulkan ulang", "version": 0},
        headers=editor.headers(),
    )
    assert answered.status_code == 200, answered.text
    closed = verifikator.client.put(
        f"/api/v1/pemda/{PROVINSI}/findings/{key}/response",
        params={"year": 2026},
        json={"state": "selesai", "comment": "Tautan diusulkan ulang", "version": 1},
        headers=verifikator.headers(),
    )
    assert closed.status_code == 200, closed.text
    assert key not in {row["key"] for row in _open(editor)}  # the open list no longer holds it
    [settled] = [row for row in _open(editor, view="semua") if row["key"] == key]
    assert (settled["state"], settled["responded_by"], settled["assignee"]) == ("selesai", "verifikator62", "editor62")

    reopened = verifikator.client.put(
        f"/api/v1/pemda/{PROVINSI}/findings/{key}/response",
        params={"year": 2026},
        json={"state": "terbuka", "comment": "Indikator belum diisi", "version": 2},
        headers=verifikator.headers(),
    )
    assert reopened.status_code == 200 and key in {row["key"] for row in _open(editor)}
    with app.state.web.database.session() as db:
        steps = [(e.username, e.action) for e in list_audit(db, [PROVINSI]) if e.entity_id == key]
    assert steps == [
        ("verifikator62", "finding-terbuka"),
        ("verifikator62", "finding-selesai"),
        ("editor62", "finding-ditanggapi"),
        ("admin62", "followup-assign"),
    ]


def test_an_editor_is_never_assigned_another_pds_finding(sign_in: SignIn) -> None:
    admin = sign_in("admin62")
    key = _first(admin, OTHER_PD)["key"]
    refused = admin.client.put(
        f"/api/v1/pemda/{PROVINSI}/findings/{key}/followup",
        params={"year": 2026},
        json={"assignee": "editor62"},
        headers=admin.headers(),
    )
    assert refused.status_code == 404
    assert "editor PD 1.02.01, bukan PD 5.01.01" in refused.json()["detail"]


def test_bulk_assignment_by_pd_from_the_page_with_the_calendars_default_deadline(sign_in: SignIn) -> None:
    verifikator = sign_in("verifikator62")
    page = verifikator.client.post(
        f"/pemda/{PROVINSI}/followup/assign",
        data={"csrf_token": verifikator.csrf, "year": 2026, "pd": OWN_PD, "rule": "", "assignee": "editor62"},
    )
    assert page.status_code == 303
    listed = _open(verifikator, pd=OWN_PD)
    default = (date.today() + timedelta(days=30)).isoformat()  # no calendar in this world: 30 days
    assert listed and {(row["assignee"], row["deadline"]) for row in listed} == {("editor62", default)}
    assert all(row["assignee"] is None for row in _open(verifikator, pd=OTHER_PD))
    shown = verifikator.client.get(page.headers["location"])
    assert f"{len(listed)} temuan ditugaskan kepada editor62" in shown.text

    nothing = verifikator.client.post(
        f"/api/v1/pemda/{PROVINSI}/followup/assign", json={"assignee": "editor62"}, headers=verifikator.headers()
    )
    assert nothing.status_code == 422  # neither a PD nor a rule: not every finding of the pemda at once


def test_the_editors_list_is_their_pd_open_first_by_deadline(sign_in: SignIn) -> None:
    admin, editor = sign_in("admin62"), sign_in("editor62")
    keys = [str(row["key"]) for row in _open(admin, pd=OWN_PD)]
    assert len(keys) >= 3
    for key, due in zip(keys[:2], ("2026-05-01", "2026-04-01"), strict=True):
        admin.client.put(
            f"/api/v1/pemda/{PROVINSI}/findings/{key}/followup",
            params={"year": 2026},
            json={"assignee": "editor62", "deadline": due},
            headers=admin.headers(),
        )
    listed = _open(editor)
    assert {row["pd"] for row in listed} == {OWN_PD}
    assert [row["key"] for row in listed[:2]] == [keys[1], keys[0]]  # soonest deadline first, unassigned after
    assert all(row["deadline"] is None for row in listed[2:])
    assert {row["pd"] for row in _open(editor, pd="")} == {OWN_PD, OTHER_PD, ""}  # every PD when asked


def _forms(html: str) -> dict[str, list[str]]:
    """Per finding row of a page, the response states its form offers ([] where there is no form)."""
    rows = re.findall(r'<tr id="f-(\w+)">(.*?)</tr>', html, flags=re.S)
    return {
        key: re.findall(r'<option value="(\w+)"', row.split('name="state"')[1].split("</select>")[0])
        if 'name="state"' in row
        else []
        for key, row in rows
    }


def test_the_response_form_appears_only_where_the_user_may_answer(sign_in: SignIn) -> None:
    pages = {role: sign_in(f"{role}62").client.get(f"/pemda/{PROVINSI}/findings") for role in ("editor", "pembaca")}
    pages["verifikator"] = sign_in("verifikator62").client.get(f"/pemda/{PROVINSI}/findings")
    owners = {str(row["key"])[:12]: row["pd"] for row in _open(sign_in("admin62"), view="semua")}
    editor = _forms(pages["editor"].text)
    assert {key: states for key, states in editor.items() if owners[key] == OWN_PD} == {
        key: ["ditanggapi"] for key in owners if owners[key] == OWN_PD
    }
    assert all(states == [] for key, states in editor.items() if owners[key] != OWN_PD)
    assert all(states == [] for states in _forms(pages["pembaca"].text).values())
    assert set(map(tuple, _forms(pages["verifikator"].text).values())) == {
        ("terbuka", "ditanggapi", "selesai", "pengecualian")
    }
    assert "/followup" not in pages["editor"].text.split("<main")[1]  # an editor has no assign form
    assert 'name="assignee"' in pages["verifikator"].text


def test_the_dashboard_counts_findings_past_their_deadline(sign_in: SignIn) -> None:
    admin = sign_in("admin62")
    before = admin.client.get(f"/pemda/{PROVINSI}")
    assert "lewat tenggat tindak lanjut" not in before.text
    key = _first(admin, OWN_PD)["key"]
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    admin.client.post(
        f"/pemda/{PROVINSI}/findings/{key}/followup",
        data={"csrf_token": admin.csrf, "year": 2026, "assignee": "editor62", "deadline": yesterday},
    )
    after = admin.client.get(f"/pemda/{PROVINSI}")
    assert "1 temuan lewat tenggat tindak lanjut" in after.text
    assert "Dinas Kesehatan: 1" in after.text
    overdue = _open(admin, view="lewat", pd="")
    assert [row["key"] for row in overdue] == [key]

"""Every route × every role × own PD / other PD / the province's kota / another province.

The expected outcome of each (action, role, scope) is written out below by hand, from the issue's rules,
not computed by ``selaras.web.authz``. The list of routes comes from the app itself: a new endpoint
without an entry in ``CASES`` fails ``test_every_route_has_a_matrix_entry``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import delete, select
from starlette.routing import BaseRoute, Route
from web_world import KOTA, OTHER, OTHER_PD, OWN_PD, PASSWORD, PROVINSI, ROLES, Session

from selaras.domain import DocumentKind
from selaras.domain.calendar import Stage
from selaras.domain.realisasi import Realisasi
from selaras.store.calendar import set_stage_dates
from selaras.store.plans import load_plan
from selaras.store.realisasi import replace_realisasi
from selaras.store.realisasi_review import load_states
from selaras.store.responses import finding_key, list_responses
from selaras.store.tables import DocumentRow, DocumentStageRow, ItemRow, LinkRow, UserRow
from selaras.store.versions import record_version
from selaras.workbook.writer import write_plan

SCOPES = {
    "own": (PROVINSI, OWN_PD),
    "other_pd": (PROVINSI, OTHER_PD),
    "kabkota": (KOTA, OWN_PD),
    "other_pemda": (OTHER, OWN_PD),
}
OK, FORBIDDEN, HIDDEN = "ok", 403, 404

# (own, other_pd, kabkota, other_pemda) per role, for each kind of action.
EXPECTED: dict[str, dict[str, tuple[object, object, object, object]]] = {
    "read": {
        "admin": (OK, OK, OK, HIDDEN),  # a provincial admin reads its kota
        "editor": (OK, OK, HIDDEN, HIDDEN),
        "verifikator": (OK, OK, HIDDEN, HIDDEN),
        "pembaca": (OK, OK, HIDDEN, HIDDEN),
    },
    "read_admin": {
        "admin": (OK, OK, OK, HIDDEN),
        "editor": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
        "verifikator": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
        "pembaca": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
    },
    "edit_plan": {
        "admin": (OK, OK, FORBIDDEN, HIDDEN),  # reads the kota, never edits it
        "editor": (OK, FORBIDDEN, HIDDEN, HIDDEN),
        "verifikator": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
        "pembaca": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
    },
    "decide_link": {
        "admin": (OK, OK, FORBIDDEN, HIDDEN),
        "editor": (OK, FORBIDDEN, HIDDEN, HIDDEN),
        "verifikator": (OK, OK, HIDDEN, HIDDEN),
        "pembaca": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
    },
    "respond": {
        "admin": (OK, OK, FORBIDDEN, HIDDEN),
        "editor": (OK, FORBIDDEN, HIDDEN, HIDDEN),
        "verifikator": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
        "pembaca": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
    },
    "review": {
        "admin": (OK, OK, FORBIDDEN, HIDDEN),
        "editor": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
        "verifikator": (OK, OK, HIDDEN, HIDDEN),
        "pembaca": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
    },
    "assign": {  # tindak lanjut: a PIC and a deadline for a finding
        "admin": (OK, OK, FORBIDDEN, HIDDEN),
        "editor": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
        "verifikator": (OK, OK, HIDDEN, HIDDEN),
        "pembaca": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
    },
    "suggest": {  # "Buat usulan tautan": like editing the plan whose items are scored
        "admin": (OK, OK, FORBIDDEN, HIDDEN),
        "editor": (OK, FORBIDDEN, HIDDEN, HIDDEN),
        "verifikator": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
        "pembaca": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
    },
    "manage_users": {
        "admin": (OK, OK, FORBIDDEN, HIDDEN),
        "editor": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
        "verifikator": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
        "pembaca": (FORBIDDEN, FORBIDDEN, HIDDEN, HIDDEN),
    },
}
# Routes about no pemda: any signed-in user ("self"), or anyone ("public").
UNSCOPED = ("self", "public")


@dataclass
class World:
    """Looks up the ids a request needs, fresh each time (uploads replace items and links)."""

    app: FastAPI
    workbooks: dict[str, bytes] = field(default_factory=dict)
    counter: int = 0

    def session(self) -> Any:
        return self.app.state.web.database.session()

    def document_key(self, scope: str) -> str:
        pemda, pd = SCOPES[scope]
        return f"{pemda}/RENJA/{pd}/2026/final"

    def document_id(self, scope: str) -> int:
        with self.session() as session:
            return int(session.scalar(select(DocumentRow.id).where(DocumentRow.key == self.document_key(scope))))

    def item(self, scope: str) -> tuple[int, int]:
        query = (
            select(ItemRow.id, ItemRow.version)
            .join(DocumentRow, ItemRow.document_id == DocumentRow.id)
            .where(DocumentRow.key == self.document_key(scope), ItemRow.key == "1.02.02.2.01.0001")
        )
        with self.session() as session:
            item_id, version = session.execute(query).one()
        return item_id, version

    def link(self, scope: str) -> tuple[int, str]:
        query = select(LinkRow.id, LinkRow.status).where(LinkRow.source_document == self.document_key(scope))
        with self.session() as session:
            link_id, status = session.execute(query).one()
        return link_id, status

    def finding(self, scope: str) -> tuple[str, int]:
        pemda, pd = SCOPES[scope]
        report = self.app.state.web.analyses.report(pemda, 2026)
        keys = sorted(finding_key(f) for f in report.findings if f.location.pemda == pemda and f.location.pd == pd)
        assert keys, f"the test world needs a finding of {pemda}/{pd}"
        with self.session() as session:
            response = list_responses(session, pemda).get(keys[0])
        return keys[0], response.version if response else 0

    def user_id(self, scope: str) -> int:
        username = {"own": "staf62", "other_pd": "staf62", "kabkota": "staf62.71", "other_pemda": "staf63"}[scope]
        with self.session() as session:
            return int(session.scalar(select(UserRow.id).where(UserRow.username == username)))

    def unique(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"


Build = Callable[[World, str, Session | None], dict[str, Any]]


@dataclass(frozen=True)
class Case:
    action: str
    build: Build
    ok: int = 200
    fresh_session: bool = False  # the request ends its session (logout)


def _form(session: Session | None, **fields: object) -> dict[str, object]:
    return {"csrf_token": session.csrf if session else "", **fields}


def _headers(session: Session | None) -> dict[str, str]:
    return session.headers() if session else {}


def pemda_path(suffix: str = "") -> Build:
    return lambda _w, scope, _s: {"path": f"{SCOPES[scope][0]}{suffix}"}


def _upload(world: World, scope: str, session: Session | None, api: bool) -> dict[str, Any]:
    pemda, pd = SCOPES[scope]
    files = {"file": ("renja.xlsx", io.BytesIO(world.workbooks[scope]), "application/octet-stream")}
    fields = {"kind": "RENJA", "period": "2026", "pd": pd}
    if api:
        return {"path": pemda, "files": files, "data": fields, "headers": _headers(session)}
    return {"path": pemda, "files": files, "data": _form(session, **fields)}


def _item_edit(world: World, scope: str, session: Session | None, api: bool) -> dict[str, Any]:
    item_id, version = world.item(scope)
    lokasi = world.unique("Kecamatan ")
    if api:
        return {"path": item_id, "json": {"version": version, "lokasi": lokasi}, "headers": _headers(session)}
    return {"path": item_id, "data": _form(session, version=version, lokasi=lokasi)}


def _decision(world: World, scope: str, session: Session | None, api: bool) -> dict[str, Any]:
    link_id, status = world.link(scope)
    # Rejecting keeps the SEL101 finding (an unaccepted link) that the response cases rely on.
    body = {"decision": "rejected", "expected_status": status}
    if api:
        return {"path": link_id, "json": body, "headers": _headers(session)}
    return {"path": link_id, "data": _form(session, **body)}


def _bulk(world: World, scope: str, session: Session | None, api: bool) -> dict[str, Any]:
    pemda, pd = SCOPES[scope]
    body = {"decision": "rejected", "min_score": 0.5, "pd": pd}
    if api:
        return {"path": pemda, "json": body, "headers": _headers(session)}
    return {"path": pemda, "data": _form(session, **body)}


def _response(state: str, api: bool) -> Build:
    def build(world: World, scope: str, session: Session | None) -> dict[str, Any]:
        key, version = world.finding(scope)
        path = f"{SCOPES[scope][0]}/findings/{key}"
        body = {"state": state, "comment": "Sudah diperbaiki di Renja perubahan", "version": version}
        if api:
            return {"path": path, "params": {"year": 2026}, "json": body, "headers": _headers(session)}
        return {"path": path, "data": _form(session, year=2026, **body)}

    return build


PIC = {"own": "editor62", "other_pd": "staf62", "kabkota": "staf62.71", "other_pemda": "staf63"}
"""A user each scope's finding may be assigned to (an editor only of its own PD)."""


def _assign(world: World, scope: str, session: Session | None, api: bool) -> dict[str, Any]:
    key, _ = world.finding(scope)
    path = f"{SCOPES[scope][0]}/findings/{key}"
    body = {"assignee": PIC[scope], "deadline": "2026-04-15"}
    if api:
        return {"path": path, "params": {"year": 2026}, "json": body, "headers": _headers(session)}
    return {"path": path, "data": _form(session, year=2026, **body)}


def _assign_bulk(world: World, scope: str, session: Session | None, api: bool) -> dict[str, Any]:
    pemda, pd = SCOPES[scope]
    body = {"assignee": PIC[scope], "pd": pd}
    if api:
        return {"path": pemda, "json": body, "headers": _headers(session)}
    return {"path": pemda, "data": _form(session, year=2026, **body)}


def _restore(world: World, scope: str, session: Session | None, api: bool) -> dict[str, Any]:
    """Restore a version that holds the document's current content (recorded here, so one exists)."""
    key = world.document_key(scope)
    with world.session() as db:
        plan = load_plan(db, key)
        number = record_version(db, plan, reason="impor", user="matriks", counts=plan.summary())
    if api:
        return {"path": world.document_id(scope), "json": {"version": number}, "headers": _headers(session)}
    return {"path": world.document_id(scope), "data": _form(session, version=number)}


def _changes(world: World, scope: str, session: Session | None) -> dict[str, Any]:
    built = _restore(world, scope, session, api=False)
    return {"path": built["path"], "params": {"versi": built["data"]["version"]}}


def _new_user(world: World, scope: str, session: Session | None, api: bool) -> dict[str, Any]:
    body = {"username": world.unique("baru"), "password": PASSWORD, "role": "pembaca"}
    if api:
        return {"path": SCOPES[scope][0], "json": body, "headers": _headers(session)}
    return {"path": SCOPES[scope][0], "data": _form(session, **body)}


def _user_edit(world: World, scope: str, session: Session | None, api: bool) -> dict[str, Any]:
    if api:
        return {"path": world.user_id(scope), "json": {"active": True}, "headers": _headers(session)}
    return {"path": world.user_id(scope), "data": _form(session, active="true")}


def _calendar_form(action: str) -> Build:
    """The admin's calendar forms, on cycle 2030 so that no document of the test world gets locked; a reopening
    needs the stage to exist, so the builder sets its dates first."""

    def build(world: World, scope: str, session: Session | None) -> dict[str, Any]:
        pemda = SCOPES[scope][0]
        stage = {"kind": "RENJA", "stage": "forum"}
        fields: dict[str, object] = {
            "template": {},
            "stage": {**stage, "opens": "2029-02-16", "closes": "2029-03-15"},
            "reopen": {**stage, "until": "2029-04-01"},
        }[action]
        if action == "reopen":
            with world.session() as db:
                set_stage_dates(
                    db,
                    pemda,
                    2030,
                    DocumentKind.RENJA,
                    Stage.FORUM,
                    opens=date(2029, 2, 16),
                    closes=date(2029, 3, 15),
                    username="matriks",
                )
        return {"path": pemda, "data": _form(session, year=2030, **fields)}

    return build


def _sign_off(world: World, scope: str, session: Session | None, api: bool) -> dict[str, Any]:
    """Back to the first stage first, so that every allowed sign-off has a next stage to move to."""
    with world.session() as db:
        db.execute(delete(DocumentStageRow).where(DocumentStageRow.document_key == world.document_key(scope)))
    body = {"expected_stage": "rancangan_awal"}
    if api:
        return {"path": world.document_id(scope), "json": body, "headers": _headers(session)}
    return {"path": world.document_id(scope), "data": _form(session, **body)}


def _realisasi_version(world: World, scope: str) -> tuple[int, int]:
    """The scope's sub kegiatan and the version of its TW I realisasi, stored first when there is none."""
    item_id, _ = world.item(scope)
    key = (world.document_key(scope), "1.02.02.2.01.0001", 1)
    with world.session() as db:
        if key not in load_states(db, SCOPES[scope][0]):
            replace_realisasi(db, SCOPES[scope][0], key[0], [Realisasi(*key, Decimal(1_000_000))], by="matriks")
    with world.session() as db:
        return item_id, load_states(db, SCOPES[scope][0])[key].version


def _realisasi_upload(world: World, scope: str, session: Session | None) -> dict[str, Any]:
    pemda, pd = SCOPES[scope]
    header = "kode_sub_kegiatan,indikator_sub_kegiatan,jml_realisasi_tw1,nilai_realisasi_tw1"
    text = f"{header}\n1.02.02.2.01.0001,,10,5000000\n"
    files = {"file": ("realisasi.csv", io.BytesIO(text.encode()), "text/csv")}
    return {"path": pemda, "files": files, "data": _form(session, year=2026, pd=pd)}


def _realisasi_entry(world: World, scope: str, session: Session | None) -> dict[str, Any]:
    item_id, version = _realisasi_version(world, scope)
    anggaran = world.unique("")
    return {"path": f"{item_id}/realisasi/1", "data": _form(session, version=version, anggaran=anggaran)}


def _realisasi_review(world: World, scope: str, session: Session | None) -> dict[str, Any]:
    item_id, version = _realisasi_version(world, scope)
    return {"path": f"{item_id}/realisasi/1", "data": _form(session, version=version, decision="diverifikasi")}


def _realisasi_verify_all(world: World, scope: str, session: Session | None) -> dict[str, Any]:
    item_id, version = _realisasi_version(world, scope)
    pemda, pd = SCOPES[scope]
    return {"path": pemda, "data": _form(session, pd=pd, triwulan=1, row=f"{item_id}:{version}")}


def _after_runs(world: World, scope: str) -> str:
    """The scope's pemda, once its suggestion run (one per pemda at a time) of an earlier case has ended."""
    pemda = SCOPES[scope][0]
    world.app.state.web.suggestions.wait(pemda, timeout=60)
    return pemda


def _suggest(world: World, scope: str, session: Session | None, api: bool) -> dict[str, Any]:
    """A PD's plans (API) or one document (page) against the pemda's RPJMD."""
    pemda, pd = _after_runs(world, scope), SCOPES[scope][1]
    target = f"{pemda}/RPJMD/-/2025-2029/final"
    if api:
        return {"path": pemda, "json": {"target": target, "pd": pd}, "headers": _headers(session)}
    return {"path": pemda, "data": _form(session, target=target, document=world.document_id(scope))}


def _suggest_status(world: World, scope: str, _s: Session | None) -> dict[str, Any]:
    return {"path": _after_runs(world, scope)}


def _login_form(world: World, _scope: str, session: Session | None) -> dict[str, Any]:
    client = TestClient(world.app, base_url="https://testserver", follow_redirects=False)
    client.get("/login")
    token = client.cookies["selaras_login_csrf"]
    username = "pembaca62"
    return {"client": client, "data": {"csrf_token": token, "username": username, "password": PASSWORD}}


def api(build: Callable[[World, str, Session | None, bool], dict[str, Any]]) -> Build:
    return lambda world, scope, session: build(world, scope, session, True)


def page(build: Callable[[World, str, Session | None, bool], dict[str, Any]]) -> Build:
    return lambda world, scope, session: build(world, scope, session, False)


def nothing(_w: World, _scope: str, _s: Session | None) -> dict[str, Any]:
    return {}


def with_headers(_w: World, _scope: str, session: Session | None) -> dict[str, Any]:
    return {"headers": _headers(session)}


def with_form(_w: World, _scope: str, session: Session | None) -> dict[str, Any]:
    return {"data": _form(session)}


def document(_suffix: str = "") -> Build:
    return lambda world, scope, _s: {"path": world.document_id(scope)}


def item(world: World, scope: str, _s: Session | None) -> dict[str, Any]:
    return {"path": world.item(scope)[0]}


def workspace(_w: World, scope: str, _s: Session | None) -> dict[str, Any]:
    pemda, pd = SCOPES[scope]
    return {"path": f"{pemda}/pd/{pd}"}


def login_json(world: World, _scope: str, _s: Session | None) -> dict[str, Any]:
    """Signing in on a client of its own, so that the anonymous client stays signed out."""
    client = TestClient(world.app, base_url="https://testserver", follow_redirects=False)
    return {"client": client, "json": {"username": "pembaca62", "password": PASSWORD}}


CASES: dict[tuple[str, str], list[Case]] = {
    ("POST", "/api/v1/auth/login"): [Case("public", login_json)],
    ("POST", "/api/v1/auth/logout"): [Case("self", with_headers, 204, fresh_session=True)],
    ("GET", "/api/v1/me"): [Case("self", nothing)],
    ("GET", "/api/v1/openapi.json"): [Case("public", nothing)],
    ("GET", "/api/v1/pemda/{pemda}/dashboard"): [Case("read", pemda_path())],
    ("GET", "/api/v1/pemda/{pemda}/documents"): [Case("read", pemda_path())],
    ("POST", "/api/v1/pemda/{pemda}/documents"): [Case("edit_plan", api(_upload), 201)],
    ("GET", "/api/v1/documents/{document_id}"): [Case("read", document())],
    ("GET", "/api/v1/documents/{document_id}/workbook"): [Case("read", document())],
    ("GET", "/api/v1/documents/{document_id}/permendagri86"): [Case("read", document())],
    ("GET", "/api/v1/documents/{document_id}/versions"): [Case("read", document())],
    ("POST", "/api/v1/documents/{document_id}/restore"): [Case("edit_plan", api(_restore))],
    ("GET", "/api/v1/items/{item_id}"): [Case("read", item)],
    ("PATCH", "/api/v1/items/{item_id}"): [Case("edit_plan", api(_item_edit))],
    ("GET", "/api/v1/pemda/{pemda}/tree"): [Case("read", pemda_path())],
    ("GET", "/api/v1/pemda/{pemda}/links"): [Case("read", pemda_path())],
    ("POST", "/api/v1/links/{link_id}/decision"): [Case("decide_link", api(_decision))],
    ("POST", "/api/v1/pemda/{pemda}/links/bulk-decision"): [Case("decide_link", api(_bulk))],
    ("GET", "/api/v1/pemda/{pemda}/findings"): [Case("read", pemda_path())],
    ("PUT", "/api/v1/pemda/{pemda}/findings/{key}/response"): [
        Case("respond", _response("ditanggapi", True)),
        Case("review", _response("selesai", True)),
    ],
    ("GET", "/api/v1/pemda/{pemda}/followup"): [Case("read", pemda_path())],
    ("PUT", "/api/v1/pemda/{pemda}/findings/{key}/followup"): [Case("assign", api(_assign))],
    ("POST", "/api/v1/pemda/{pemda}/followup/assign"): [Case("assign", api(_assign_bulk))],
    ("GET", "/api/v1/pemda/{pemda}/iku"): [Case("read", pemda_path())],
    ("GET", "/api/v1/pemda/{pemda}/monitoring"): [Case("read", pemda_path())],
    ("GET", "/api/v1/pemda/{pemda}/report"): [Case("read", pemda_path())],
    ("GET", "/api/v1/pemda/{pemda}/users"): [Case("read_admin", pemda_path())],
    ("POST", "/api/v1/pemda/{pemda}/users"): [Case("manage_users", api(_new_user), 201)],
    ("PATCH", "/api/v1/users/{user_id}"): [Case("manage_users", api(_user_edit))],
    ("GET", "/api/v1/pemda/{pemda}/audit"): [Case("read_admin", pemda_path())],
    ("GET", "/login"): [Case("public", nothing)],
    ("POST", "/login"): [Case("public", _login_form, 303)],
    ("POST", "/logout"): [Case("self", with_form, 303, fresh_session=True)],
    ("GET", "/"): [Case("self", nothing, 303)],
    ("GET", "/lang/{lang}"): [Case("public", lambda _w, _sc, _s: {"path": "en"}, 303)],
    ("GET", "/pemda/{pemda}"): [Case("read", pemda_path())],
    # The PD workspace: anyone who reads the pemda opens any of its PD's pages.
    ("GET", "/api/v1/pemda/{pemda}/pd/{pd}"): [Case("read", workspace)],
    ("GET", "/pemda/{pemda}/pd/{pd}"): [Case("read", workspace)],
    ("GET", "/pemda/{pemda}/documents"): [Case("read", pemda_path())],
    ("POST", "/pemda/{pemda}/documents"): [Case("edit_plan", page(_upload))],
    ("GET", "/documents/{document_id}"): [Case("read", document())],
    ("POST", "/documents/{document_id}/restore"): [Case("edit_plan", page(_restore), 303)],
    ("GET", "/documents/{document_id}/changes"): [Case("read", _changes)],
    ("GET", "/items/{item_id}"): [Case("read", item)],
    ("POST", "/items/{item_id}"): [Case("edit_plan", page(_item_edit), 303)],
    ("GET", "/pemda/{pemda}/tree"): [Case("read", pemda_path())],
    ("GET", "/pemda/{pemda}/links"): [Case("read", pemda_path())],
    ("POST", "/links/{link_id}/decision"): [Case("decide_link", page(_decision), 303)],
    ("POST", "/pemda/{pemda}/links/bulk"): [Case("decide_link", page(_bulk), 303)],
    ("GET", "/pemda/{pemda}/findings"): [Case("read", pemda_path())],
    ("POST", "/pemda/{pemda}/findings/{key}/response"): [
        Case("respond", _response("ditanggapi", False), 303),
        Case("review", _response("selesai", False), 303),
    ],
    ("GET", "/pemda/{pemda}/followup"): [Case("read", pemda_path())],
    ("POST", "/pemda/{pemda}/findings/{key}/followup"): [Case("assign", page(_assign), 303)],
    ("POST", "/pemda/{pemda}/followup/assign"): [Case("assign", page(_assign_bulk), 303)],
    ("GET", "/pemda/{pemda}/iku"): [Case("read", pemda_path())],
    ("GET", "/pemda/{pemda}/monitoring"): [Case("read", pemda_path())],
    ("GET", "/pemda/{pemda}/report"): [Case("read", pemda_path())],
    ("GET", "/pemda/{pemda}/users"): [Case("read_admin", pemda_path())],
    ("POST", "/pemda/{pemda}/users"): [Case("manage_users", page(_new_user), 303)],
    ("POST", "/users/{user_id}"): [Case("manage_users", page(_user_edit), 303)],
    ("GET", "/pemda/{pemda}/audit"): [Case("read_admin", pemda_path())],
    # The planning calendar: signing a document off is a review; setting the calendar is the admin's alone.
    ("GET", "/api/v1/pemda/{pemda}/calendar"): [Case("read", pemda_path())],
    ("POST", "/api/v1/documents/{document_id}/sign-off"): [Case("review", api(_sign_off))],
    ("GET", "/pemda/{pemda}/calendar"): [Case("read", pemda_path())],
    ("GET", "/pemda/{pemda}/calendar.ics"): [Case("read", pemda_path())],
    ("POST", "/pemda/{pemda}/calendar/template"): [Case("manage_users", _calendar_form("template"), 303)],
    ("POST", "/pemda/{pemda}/calendar/stage"): [Case("manage_users", _calendar_form("stage"), 303)],
    ("POST", "/pemda/{pemda}/calendar/reopen"): [Case("manage_users", _calendar_form("reopen"), 303)],
    ("POST", "/documents/{document_id}/sign-off"): [Case("review", page(_sign_off), 303)],
    # Realisasi: a PD enters or uploads its own (like editing its plan), a verifikator confirms (a review).
    ("GET", "/pemda/{pemda}/realisasi"): [Case("read", pemda_path())],
    ("POST", "/pemda/{pemda}/realisasi"): [Case("edit_plan", _realisasi_upload)],
    ("GET", "/items/{item_id}/realisasi/{triwulan}"): [
        Case("read", lambda world, scope, _s: {"path": f"{world.item(scope)[0]}/realisasi/1"})
    ],
    ("POST", "/items/{item_id}/realisasi/{triwulan}"): [Case("edit_plan", _realisasi_entry, 303)],
    ("POST", "/items/{item_id}/realisasi/{triwulan}/review"): [Case("review", _realisasi_review, 303)],
    ("POST", "/pemda/{pemda}/realisasi/verify"): [Case("review", _realisasi_verify_all, 303)],
    # Suggestions from the web, last: a run adds proposed links (none here: one RPJMD misi scores under the
    # floor), and the builders wait for the previous run of the pemda to end.
    ("POST", "/api/v1/pemda/{pemda}/suggestions"): [Case("suggest", api(_suggest), 202)],
    ("GET", "/api/v1/pemda/{pemda}/suggestions"): [Case("read", _suggest_status)],
    ("POST", "/pemda/{pemda}/suggestions"): [Case("suggest", page(_suggest), 303)],
    ("GET", "/pemda/{pemda}/suggestions"): [Case("read", _suggest_status)],
}


def _flatten(routes: list[BaseRoute], prefix: str = "") -> list[tuple[str, APIRoute | Route]]:
    """(prefix, route) of every route, descending into included routers (FastAPI keeps them as branches)."""
    found: list[tuple[str, APIRoute | Route]] = []
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            found += _flatten(included.routes, prefix + route.include_context.prefix)  # type: ignore[attr-defined]
        elif isinstance(route, APIRoute | Route):
            found.append((prefix, route))
    return found


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every endpoint the app serves, HEAD aside (Starlette adds it to GET routes)."""
    return {
        (method, prefix + route.path)
        for prefix, route in _flatten(app.routes)
        for method in (route.methods or set())
        if method != "HEAD"
    }


def test_every_route_has_a_matrix_entry(app: FastAPI) -> None:
    assert app_routes(app) == set(CASES)


def _url(path: str, built: dict[str, Any]) -> str:
    """The route path with its first placeholder filled (``path`` in ``built``), or the rest given literally."""
    if "path" not in built:
        return path
    value = str(built["path"])
    start = path.index("{")
    end = path.index("}", start)
    rest = path[end + 1 :]
    if "{" in rest:  # /pemda/{pemda}/findings/{key}/response: the builder gave "pemda/findings/key"
        return path[:start] + value + rest[rest.index("}") + 1 :]
    return path[:start] + value + rest


def _call(client: TestClient, method: str, url: str, built: dict[str, Any]) -> Any:
    arguments = {name: built[name] for name in ("json", "data", "files", "params", "headers") if name in built}
    return client.request(method, url, **arguments)


def _outcome(status: int, ok: int) -> object:
    return OK if status == ok else status


def test_authorization_matrix(app: FastAPI, sign_in: Callable[[str], Session], tmp_path: Path) -> None:
    world = World(app)
    with world.session() as session:
        for scope in SCOPES:
            write_plan(tmp_path / f"{scope}.xlsx", load_plan(session, world.document_key(scope)))
            world.workbooks[scope] = (tmp_path / f"{scope}.xlsx").read_bytes()
    sessions = {role: sign_in(f"{role}62") for role in ROLES}
    anonymous = TestClient(app, base_url="https://testserver", follow_redirects=False)
    failures, checked = [], 0
    for (method, path), cases in CASES.items():
        for case in cases:
            scopes = ["own"] if case.action in UNSCOPED else list(SCOPES)
            for role in (*ROLES, "anonymous"):
                for index, scope in enumerate(scopes):
                    session = None
                    if role != "anonymous":
                        session = sign_in(f"{role}62") if case.fresh_session else sessions[role]
                    built = case.build(world, scope, session)
                    client = built.pop("client", None) or (session.client if session else anonymous)
                    response = _call(client, method, _url(path, built), built)
                    if case.action == "public":
                        expected: object = OK
                    elif role == "anonymous":
                        expected = 401 if path.startswith("/api/") else 303
                    elif case.action == "self":
                        expected = OK
                    else:
                        expected = EXPECTED[case.action][role][index]
                    got = _outcome(response.status_code, case.ok) if expected != 303 else response.status_code
                    if role == "anonymous" and expected == 303:
                        got = 303 if response.headers.get("location", "").startswith("/login") else got
                    checked += 1
                    if got != expected:
                        failures.append(
                            f"{role:11} {scope:11} {method} {path} [{case.action}]: expected {expected}, "
                            f"got {response.status_code} {response.text[:160]}"
                        )
    assert not failures, f"{len(failures)} of {checked} cases differ:\n" + "\n".join(failures)
    scoped = sum(1 for cs in CASES.values() for c in cs if c.action not in UNSCOPED)
    unscoped = sum(1 for cs in CASES.values() for c in cs if c.action in UNSCOPED)
    assert checked == 5 * (4 * scoped + unscoped)

"""Findings of the checks, filtered by rule, PD, severity and state, with each PD's response."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from selaras.checks.findings import Finding
from selaras.checks.serialize import finding_to_dict
from selaras.store.responses import ResponseState, finding_key, list_responses, save_response
from selaras.web.authz import Action
from selaras.web.context import Caller, CallerDep, Web, WebContext, WriterDep, authorize
from selaras.web.pages import redirect, render
from selaras.web.routes.dashboard import pick_year

api = APIRouter(tags=["temuan"])
pages = APIRouter()


class ResponseEdit(BaseModel):
    state: ResponseState
    comment: str = ""
    version: int = Field(default=0, ge=0, description="Versi tanggapan yang Anda lihat (0 bila belum ada)")


def _findings(
    web: WebContext, who: Caller, pemda: str, year: int, filters: dict[str, str | None]
) -> list[dict[str, object]]:
    report = web.analyses.report(pemda, year)
    with web.database.session() as session:
        responses = list_responses(session, pemda)
    rows = []
    for finding in report.findings:
        if finding.location.pemda != pemda:
            continue  # a province's run includes its kab/kota; each pemda answers for its own
        key = finding_key(finding)
        response = responses.get(key)
        row = {
            "key": key,
            **finding_to_dict(finding, web.analyses.registry, who.lang),
            "state": response.state.value if response else ResponseState.TERBUKA.value,
            "comment": response.comment if response else "",
            "responded_by": response.updated_by if response else "",
            "version": response.version if response else 0,
        }
        if all(not wanted or str(row[name]) == wanted for name, wanted in filters.items()):
            rows.append(row)
    return rows


def _find(web: WebContext, pemda: str, year: int, key: str) -> Finding:
    for finding in web.analyses.report(pemda, year).findings:
        if finding.location.pemda == pemda and finding_key(finding) == key:
            return finding
    raise HTTPException(404, f"temuan {key[:12]}… tidak ada lagi pada tahun {year} (mungkin sudah diperbaiki)")


def _respond(web: WebContext, who: Caller, pemda: str, year: int, key: str, edit: ResponseEdit) -> int:
    authorize(who, Action.READ, pemda)
    finding = _find(web, pemda, pick_year(web.analyses.at(pemda), year, lang=who.lang), key)
    owner = finding.location.pd or None
    action = Action.RESPOND_FINDING if edit.state is ResponseState.DITANGGAPI else Action.REVIEW_FINDING
    authorize(who, action, pemda, owner)
    with web.database.session() as session:
        return save_response(
            session,
            pemda=pemda,
            key=key,
            code=finding.code,
            pd=owner or "",
            state=edit.state,
            comment=edit.comment,
            expected_version=edit.version,
            username=who.username,
        )


@api.get("/pemda/{pemda}/findings", summary="Temuan pemeriksaan dengan keadaan tanggapannya")
def findings(
    pemda: str,
    who: CallerDep,
    web: Web,
    year: int | None = None,
    rule: str | None = None,
    pd: str | None = None,
    severity: str | None = None,
    state: str | None = None,
) -> dict[str, object]:
    authorize(who, Action.READ, pemda)
    chosen = pick_year(web.analyses.at(pemda), year, lang=who.lang)
    filters = {"code": rule, "pd": pd, "severity": severity, "state": state}
    return {"year": chosen, "findings": _findings(web, who, pemda, chosen, filters)}


@api.put(
    "/pemda/{pemda}/findings/{key}/response",
    summary="Tanggapi (editor PD) atau putuskan (verifikator) satu temuan; 409 bila versinya sudah berubah",
    responses={409: {"description": "Tanggapan telah diubah orang lain"}},
)
def respond(pemda: str, key: str, year: int, edit: ResponseEdit, who: WriterDep, web: Web) -> dict[str, object]:
    version = _respond(web, who, pemda, year, key, edit)
    return {"key": key, "state": edit.state.value, "comment": edit.comment, "version": version}


@pages.get("/pemda/{pemda}/findings", response_class=HTMLResponse)
def findings_page(
    pemda: str,
    request: Request,
    who: CallerDep,
    web: Web,
    year: int | None = None,
    rule: str | None = None,
    pd: str | None = None,
    severity: str | None = None,
    state: str | None = None,
) -> HTMLResponse:
    authorize(who, Action.READ, pemda)
    chosen = pick_year(web.analyses.at(pemda), year, lang=who.lang)
    filters = {"code": rule, "pd": pd, "severity": severity, "state": state}
    rows = _findings(web, who, pemda, chosen, filters)
    agencies = {pd.kode: pd.nama for pd in web.analyses.planning(pemda).perangkat_daerah if pd.pemda == pemda}
    return render(
        web,
        request,
        who,
        "findings.html",
        pemda=pemda,
        year=chosen,
        findings=rows[:500],
        total=len(rows),
        filters=filters,
        rules=list(web.analyses.registry),
        states=list(ResponseState),
        agencies=dict(sorted(agencies.items())),
        by_state=Counter(str(row["state"]) for row in rows),
    )


@pages.post("/pemda/{pemda}/findings/{key}/response")
def respond_page(
    pemda: str,
    key: str,
    who: WriterDep,
    web: Web,
    year: Annotated[int, Form()],
    state: Annotated[ResponseState, Form()],
    comment: Annotated[str, Form()] = "",
    version: Annotated[int, Form()] = 0,
) -> Response:
    _respond(web, who, pemda, year, key, ResponseEdit(state=state, comment=comment, version=version))
    return redirect(f"/pemda/{pemda}/findings?year={year}#f-{key[:12]}")

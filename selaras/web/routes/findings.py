"""Findings of the checks, filtered by rule, PD, severity and state, with each PD's response and its tindak
lanjut (PIC and deadline). The response form offers only the states the user may set on that finding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from selaras.checks.findings import Finding
from selaras.checks.serialize import FINDING_FIELDS, finding_to_dict
from selaras.report.format import day
from selaras.store.followup import FollowUpItem, assignable, default_deadline, document_kind, followup_items
from selaras.store.responses import ResponseState, finding_key, save_response
from selaras.store.users import StoredUser
from selaras.web.authz import Action, Decision, Role, decide
from selaras.web.context import Caller, CallerDep, Web, WebContext, WriterDep, authorize, target
from selaras.web.fixes import fix_links
from selaras.web.pages import redirect, render, safe_next
from selaras.web.paging import page_of
from selaras.web.routes.dashboard import pick_year
from selaras.web.serialize import Shape

api = APIRouter(tags=["temuan"])
pages = APIRouter()


class ResponseEdit(BaseModel):
    state: ResponseState
    comment: str = ""
    version: int = Field(default=0, ge=0, description="Versi tanggapan yang Anda lihat (0 bila belum ada)")


def _about(name: str) -> Any:
    return Field(description=FINDING_FIELDS[name])


class FindingJson(Shape):
    """A finding as the API lists it: its key, the fields of ``selaras check --json`` (FINDING_FIELDS),
    then its response and its follow-up."""

    key: str = Field(description="Kunci temuan (stabil antar pemeriksaan): yang dipakai untuk menanggapinya")
    code: str = _about("code")
    rule: str = _about("rule")
    severity: str = _about("severity")
    title: str = _about("title")
    pemda: str = _about("pemda")
    pd: str = _about("pd")
    document: str = _about("document")
    item: str = _about("item")
    item_code: str = _about("item_code")
    indicator: str = _about("indicator")
    year: int | None = _about("year")
    message: str = _about("message")
    suggestion: str = _about("suggestion")
    evidence: dict[str, Any] = _about("evidence")
    state: ResponseState = Field(description="Keadaan tanggapan")
    comment: str
    responded_by: str
    responded_at: str | None = Field(description="Tanggal tanggapan terakhir (ISO 8601)")
    version: int = Field(description="Versi tanggapan: yang dikirim kembali saat menanggapi (0 bila belum ada)")
    assignee: str | None = Field(description="PIC tindak lanjut")
    deadline: str | None = Field(description="Tenggat tindak lanjut (ISO 8601)")
    overdue: bool = Field(description="Tenggat lewat dan belum selesai")


class FindingsJson(Shape):
    year: int
    findings: list[FindingJson]


class ResponseSaved(Shape):
    key: str
    state: ResponseState
    comment: str
    version: int = Field(description="Versi tanggapan yang baru")


REVIEW_STATES = tuple(ResponseState)
"""A verifikator (or admin) sets any state: closes (selesai), accepts an exception, or reopens (terbuka)."""
RESPOND_STATES = (ResponseState.DITANGGAPI,)
"""A PD editor answers its own PD's findings."""
"""Rows a findings page lists (the count says how many more match)."""
PAGE_ONLY = frozenset({"states", "deadline_text", "responded_text"})


def _allowed(who: Caller, action: Action, pemda: str, pd: str) -> bool:
    return decide(who.principal, action, target(pemda, pd or None)) is Decision.ALLOW


def may_set(who: Caller, pemda: str, pd: str) -> list[str]:
    """The states ``who`` may give a finding of ``pd`` (empty: no response form for them)."""
    if _allowed(who, Action.REVIEW_FINDING, pemda, pd):
        return [state.value for state in REVIEW_STATES]
    return [state.value for state in RESPOND_STATES] if _allowed(who, Action.RESPOND_FINDING, pemda, pd) else []


def finding_rows(
    web: WebContext, who: Caller, pemda: str, items: Iterable[FollowUpItem], filters: dict[str, str | None]
) -> list[dict[str, object]]:
    """One row per finding (the JSON fields of a finding, its response and its follow-up) that matches every
    given filter; ``states`` says which response states the caller may set (the web's forms)."""
    today, rows = date.today(), []
    for item in items:
        response, followup = item.response, item.followup
        row = {
            "key": item.key,
            **finding_to_dict(item.finding, web.analyses.registry, who.lang),
            "state": item.state.value,
            "comment": response.comment if response else "",
            "responded_by": response.updated_by if response else "",
            "responded_at": response.updated_at.date().isoformat() if response else None,
            "version": response.version if response else 0,
            "assignee": followup.assignee if followup else None,
            "deadline": followup.deadline.isoformat() if followup else None,
            "overdue": item.overdue(today),
            "deadline_text": day(followup.deadline, who.lang) if followup else "",
            "responded_text": day(response.updated_at.date(), who.lang) if response else "",
        }
        if all(not wanted or str(row[name]) == wanted for name, wanted in filters.items()):
            rows.append(row)
    allowed: dict[str, list[str]] = {}
    for row in rows:
        pd = str(row["pd"] or "")
        row["states"] = allowed[pd] if pd in allowed else allowed.setdefault(pd, may_set(who, pemda, pd))
    return rows


def api_rows(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """The rows without what only the pages use (the caller's form choices, dates written out)."""
    return [{name: value for name, value in row.items() if name not in PAGE_ONLY} for row in rows]


def assign_options(web: WebContext, who: Caller, pemda: str, rows: list[dict[str, object]]) -> dict[str, Any]:
    """What the assign forms need when ``who`` may assign (else nothing): per PD of ``rows`` the users its
    findings may go to, and each row's default deadline (the planning calendar's, see
    :func:`selaras.store.followup.default_deadline`) pre-filled in its date field."""
    if not _allowed(who, Action.ASSIGN_FINDING, pemda, ""):
        return {"assignees": {}}
    today, defaults = date.today(), {}
    assignees: dict[str, list[tuple[str, str]]] = {}
    with web.database.session() as session:
        for row in rows:
            pd, document = str(row["pd"] or ""), str(row["document"])
            if pd not in assignees:
                assignees[pd] = [(user.username, _label(user)) for user in assignable(session, pemda, pd)]
            kind = document_kind(document)
            if kind not in defaults:
                defaults[kind] = default_deadline(session, pemda, today, kind)
            row["default_deadline"] = defaults[kind].isoformat()
            row["default_text"] = day(defaults[kind], who.lang)
        everyone = [(user.username, _label(user)) for user in assignable(session, pemda)]
    return {"assignees": assignees, "everyone": everyone}


def _label(user: StoredUser) -> str:
    """``dinkes (Editor PD 1.02.01)``: whom a PIC choice means."""
    role = Role(user.role).label
    return f"{user.username} ({role} {user.pd})" if user.pd else f"{user.username} ({role})"


def current_items(web: WebContext, pemda: str, year: int) -> list[FollowUpItem]:
    """The pemda's findings of ``year``'s run with their follow-up (a province's run includes its kab/kota;
    each pemda answers for its own)."""
    report = web.analyses.report(pemda, year)
    with web.database.session() as session:
        return followup_items(session, report.findings, pemda)


def _findings(
    web: WebContext, who: Caller, pemda: str, year: int, filters: dict[str, str | None]
) -> list[dict[str, object]]:
    return api_rows(finding_rows(web, who, pemda, current_items(web, pemda, year), filters))


def find_finding(web: WebContext, pemda: str, year: int, key: str) -> Finding:
    for finding in web.analyses.report(pemda, year).findings:
        if finding.location.pemda == pemda and finding_key(finding) == key:
            return finding
    raise HTTPException(404, f"temuan {key[:12]}… tidak ada lagi pada tahun {year} (mungkin sudah diperbaiki)")


def _respond(web: WebContext, who: Caller, pemda: str, year: int, key: str, edit: ResponseEdit) -> int:
    authorize(who, Action.READ, pemda)
    finding = find_finding(web, pemda, pick_year(web.analyses.at(pemda), year, lang=who.lang), key)
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


@api.get(
    "/pemda/{pemda}/findings", response_model=FindingsJson, summary="Temuan pemeriksaan dengan keadaan tanggapannya"
)
def findings(
    pemda: str,
    who: CallerDep,
    web: Web,
    year: int | None = None,
    rule: str | None = None,
    pd: str | None = None,
    severity: str | None = None,
    state: str | None = None,
    document: str | None = None,
    item: str | None = None,
) -> dict[str, object]:
    authorize(who, Action.READ, pemda)
    chosen = pick_year(web.analyses.at(pemda), year, lang=who.lang)
    filters = {"code": rule, "pd": pd, "severity": severity, "state": state, "document": document, "item": item}
    return {"year": chosen, "findings": _findings(web, who, pemda, chosen, filters)}


@api.put(
    "/pemda/{pemda}/findings/{key}/response",
    response_model=ResponseSaved,
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
    document: str | None = None,
    item: str | None = None,
    page: int = 1,
) -> HTMLResponse:
    """``document`` and ``item`` narrow the list to the findings on one item (the pohon kinerja's markers);
    ``page`` is one of its pages (:mod:`selaras.web.paging`)."""
    authorize(who, Action.READ, pemda)
    chosen = pick_year(web.analyses.at(pemda), year, lang=who.lang)
    filters = {"code": rule, "pd": pd, "severity": severity, "state": state, "document": document, "item": item}
    rows = finding_rows(web, who, pemda, current_items(web, pemda, chosen), filters)
    agencies = {pd.kode: pd.nama for pd in web.analyses.planning(pemda).perangkat_daerah if pd.pemda == pemda}
    shown, pager = page_of(rows, page, request.url)
    with web.database.session() as session:  # each finding links to the field that fixes it
        fix_links(session, shown)
    return render(
        web,
        request,
        who,
        "findings.html",
        pager=pager,
        pemda=pemda,
        year=chosen,
        findings=shown,
        back=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        **assign_options(web, who, pemda, shown),
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
    next: Annotated[str, Form()] = "",
) -> Response:
    """Back to the page the form was on (the findings or the follow-up list), at the finding's row."""
    _respond(web, who, pemda, year, key, ResponseEdit(state=state, comment=comment, version=version))
    back = safe_next(next) if next else f"/pemda/{pemda}/findings?year={year}"
    return redirect(f"{back}#f-{key[:12]}")

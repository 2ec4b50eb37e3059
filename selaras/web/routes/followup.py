"""Tindak lanjut in the workspace: the work list of a pemda's findings (a PD editor lands on their own PD's,
open first, soonest deadline first) and assigning a finding, or every open finding of a PD or rule, to a PIC
with a deadline (default from the planning calendar). Answering, closing and reopening are the finding's
response (:mod:`selaras.web.routes.findings`); every step is audited by :mod:`selaras.store.followup`."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from selaras.store.followup import FollowUp, assign, assign_many, ordered
from selaras.web.authz import Action, Role
from selaras.web.context import Caller, CallerDep, Web, WebContext, WriterDep, authorize
from selaras.web.fixes import fix_links
from selaras.web.pages import redirect, render, safe_next
from selaras.web.paging import page_of
from selaras.web.routes.dashboard import pick_year
from selaras.web.routes.findings import (
    FindingsJson,
    api_rows,
    assign_options,
    current_items,
    find_finding,
    finding_rows,
)
from selaras.web.serialize import Shape

api = APIRouter(tags=["tindak lanjut"])
pages = APIRouter()

VIEWS = ("terbuka", "lewat", "semua")
"""Open findings (terbuka and ditanggapi), those past their deadline, or every finding."""


class Assignment(BaseModel):
    assignee: str = Field(description="Nama pengguna PIC: editor PD temuan, atau pengguna lain pemda")
    deadline: date | None = Field(default=None, description="Tenggat; kosong: tahap kalender berikutnya, atau 30 hari")


class BulkAssignment(Assignment):
    pd: str | None = Field(default=None, description="Semua temuan terbuka PD ini")
    rule: str | None = Field(default=None, description="Semua temuan terbuka aturan ini (mis. SEL203)")


class FollowUpJson(Shape):
    key: str = Field(description="Kunci temuan")
    code: str
    pd: str
    assignee: str = Field(description="PIC")
    deadline: str = Field(description="Tenggat (ISO 8601)")
    assigned_by: str


class Assigned(Shape):
    assigned: int
    followups: list[FollowUpJson]


def _followup_json(found: FollowUp) -> dict[str, object]:
    return {
        "key": found.finding_key,
        "code": found.code,
        "pd": found.pd,
        "assignee": found.assignee,
        "deadline": found.deadline.isoformat(),
        "assigned_by": found.assigned_by,
    }


def _assign_one(web: WebContext, who: Caller, pemda: str, year: int, key: str, edit: Assignment) -> FollowUp:
    authorize(who, Action.READ, pemda)
    finding = find_finding(web, pemda, pick_year(web.analyses.at(pemda), year, lang=who.lang), key)
    authorize(who, Action.ASSIGN_FINDING, pemda, finding.location.pd or None)
    with web.database.session() as session:
        return assign(
            session,
            finding,
            pemda=pemda,
            assignee=edit.assignee,
            username=who.username,
            today=date.today(),
            deadline=edit.deadline,
        )


def _assign_bulk(web: WebContext, who: Caller, pemda: str, year: int | None, edit: BulkAssignment) -> list[FollowUp]:
    authorize(who, Action.READ, pemda)
    authorize(who, Action.ASSIGN_FINDING, pemda, edit.pd or None)
    if not (edit.pd or edit.rule):
        raise HTTPException(422, who.t("followup-which"))
    chosen = pick_year(web.analyses.at(pemda), year, lang=who.lang)
    findings = web.analyses.report(pemda, chosen).findings
    with web.database.session() as session:
        return assign_many(
            session,
            findings,
            pemda=pemda,
            assignee=edit.assignee,
            username=who.username,
            today=date.today(),
            deadline=edit.deadline,
            pd=edit.pd or None,
            rule=edit.rule or None,
        )


def _worklist(
    web: WebContext, who: Caller, pemda: str, year: int, pd: str | None, rule: str | None, view: str, mine: bool
) -> list[dict[str, object]]:
    """The findings in work-list order, narrowed to the view (open, past the deadline, all), PD, rule and,
    with ``mine``, to those assigned to the caller."""
    rows = finding_rows(web, who, pemda, ordered(current_items(web, pemda, year)), {"pd": pd, "code": rule})
    if view == "terbuka":
        rows = [row for row in rows if row["state"] in ("terbuka", "ditanggapi")]
    elif view == "lewat":
        rows = [row for row in rows if row["overdue"]]
    return [row for row in rows if not mine or row["assignee"] == who.username]


def _own_pd(who: Caller, pemda: str, pd: str | None) -> str | None:
    """An editor's list is their own PD's unless they chose another (``pd=""``: every PD)."""
    principal = who.principal
    if pd is None and principal.role is Role.EDITOR and principal.pemda == pemda:
        return principal.pd
    return pd or None


@api.get(
    "/pemda/{pemda}/followup",
    response_model=FindingsJson,
    summary="Tindak lanjut temuan: terbuka dulu, tenggat terdekat dulu",
)
def followup(
    pemda: str,
    who: CallerDep,
    web: Web,
    year: int | None = None,
    pd: str | None = None,
    rule: str | None = None,
    view: str = "terbuka",
    mine: bool = False,
) -> dict[str, object]:
    authorize(who, Action.READ, pemda)
    chosen = pick_year(web.analyses.at(pemda), year, lang=who.lang)
    rows = _worklist(web, who, pemda, chosen, _own_pd(who, pemda, pd), rule, view, mine)
    return {"year": chosen, "findings": api_rows(rows)}


@api.put(
    "/pemda/{pemda}/findings/{key}/followup",
    response_model=FollowUpJson,
    summary="Tugaskan satu temuan kepada PIC dengan tenggat (admin, verifikator)",
)
def assign_finding(pemda: str, key: str, year: int, edit: Assignment, who: WriterDep, web: Web) -> dict[str, object]:
    return _followup_json(_assign_one(web, who, pemda, year, key, edit))


@api.post(
    "/pemda/{pemda}/followup/assign",
    response_model=Assigned,
    summary="Tugaskan sekaligus semua temuan terbuka satu PD dan/atau satu aturan (admin, verifikator)",
)
def assign_findings(
    pemda: str, edit: BulkAssignment, who: WriterDep, web: Web, year: int | None = None
) -> dict[str, object]:
    done = _assign_bulk(web, who, pemda, year, edit)
    return {"assigned": len(done), "followups": [_followup_json(found) for found in done]}


@pages.get("/pemda/{pemda}/followup", response_class=HTMLResponse)
def followup_page(
    pemda: str,
    request: Request,
    who: CallerDep,
    web: Web,
    year: int | None = None,
    pd: str | None = None,
    rule: str | None = None,
    view: str = "terbuka",
    mine: bool = False,
    assigned: int | None = None,
    to: str | None = None,
    page: int = 1,
) -> HTMLResponse:
    authorize(who, Action.READ, pemda)
    chosen = pick_year(web.analyses.at(pemda), year, lang=who.lang)
    view = view if view in VIEWS else "terbuka"
    own = _own_pd(who, pemda, pd)
    rows = _worklist(web, who, pemda, chosen, own, rule, view, mine)
    shown, pager = page_of(rows, page, request.url)
    with web.database.session() as session:  # each finding links to the field that fixes it
        fix_links(session, shown)
    data = web.analyses.planning(pemda)
    agencies = {agency.kode: agency.nama for agency in data.perangkat_daerah if agency.pemda == pemda}
    found = data.get_pemda(pemda)
    return render(
        web,
        request,
        who,
        "followup.html",
        pager=pager,
        pemda=pemda,
        pemda_name=found.nama if found else pemda,
        year=chosen,
        findings=shown,
        total=len(rows),
        overdue=sum(1 for row in rows if row["overdue"]),
        by_state=Counter(str(row["state"]) for row in rows),
        filters={"pd": own or "", "rule": rule or "", "view": view, "mine": mine},
        views=VIEWS,
        rules=list(web.analyses.registry),
        agencies=dict(sorted(agencies.items())),
        back=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        assigned=assigned,
        assigned_to=to,
        **assign_options(web, who, pemda, shown),
    )


@pages.post("/pemda/{pemda}/findings/{key}/followup")
def assign_page(
    pemda: str,
    key: str,
    who: WriterDep,
    web: Web,
    year: Annotated[int, Form()],
    assignee: Annotated[str, Form()],
    deadline: Annotated[date | None, Form()] = None,
    next: Annotated[str, Form()] = "",
) -> Response:
    _assign_one(web, who, pemda, year, key, Assignment(assignee=assignee, deadline=deadline))
    back = safe_next(next) if next else f"/pemda/{pemda}/followup?year={year}"
    return redirect(f"{back}#f-{key[:12]}")


@pages.post("/pemda/{pemda}/followup/assign")
def assign_many_page(
    pemda: str,
    who: WriterDep,
    web: Web,
    year: Annotated[int, Form()],
    assignee: Annotated[str, Form()],
    pd: Annotated[str, Form()] = "",
    rule: Annotated[str, Form()] = "",
    deadline: Annotated[date | None, Form()] = None,
) -> Response:
    edit = BulkAssignment(assignee=assignee, deadline=deadline, pd=pd or None, rule=rule or None)
    done = _assign_bulk(web, who, pemda, year, edit)
    shown = {"year": year, "pd": pd, "rule": rule, "assigned": len(done), "to": assignee}
    return redirect(f"/pemda/{pemda}/followup?{urlencode(shown)}")

"""The PD workspace: where an editor lands after signing in. One page with what the PD must do: its findings
(open first, soonest deadline first, each linked to the field that fixes it), the link suggestions waiting
for its decision (and the button that asks the engine for more), its documents and the upload form, with
counts; the province view is one click away.

Anyone who reads the pemda may open any PD's workspace (the dashboard links each PD to it); what they may
change there is decided by the routes the forms post to.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import Field

from selaras.domain import DocumentKind, LinkStatus
from selaras.store.followup import ordered
from selaras.store.links import list_links
from selaras.web.authz import Action, Decision, decide
from selaras.web.context import Caller, CallerDep, Web, WebContext, authorize, target
from selaras.web.fixes import fix_links
from selaras.web.pages import render
from selaras.web.routes.dashboard import pick_year
from selaras.web.routes.documents import DocumentJson, document_rows
from selaras.web.routes.findings import FindingJson, api_rows, current_items, finding_rows
from selaras.web.routes.suggest import may_suggest
from selaras.web.serialize import Shape
from selaras.web.suggest_runs import target_choices

api = APIRouter(tags=["ruang kerja PD"])
pages = APIRouter()

SHOWN_FINDINGS = 50
"""Findings listed on the workspace; the follow-up list has them all."""
SHOWN_SUGGESTIONS = 5
PD_KINDS = [kind for kind in DocumentKind if kind.belongs_to_pd]
"""The kinds of document a PD owns (Renstra, Renja, IKU, its budget stage): what its upload form offers."""


def home_path(pemda: str, pd: str) -> str:
    return f"/pemda/{pemda}/pd/{pd}"


def _workspace(web: WebContext, who: Caller, pemda: str, pd: str, year: int | None) -> dict[str, Any]:
    authorize(who, Action.READ, pemda, pd)
    analysis = web.analyses.at(pemda)
    data = analysis.planning()
    agency = data.get_pd(pemda, pd)
    if agency is None:
        raise HTTPException(404, who.t("pd-unknown", pd=pd))
    chosen = pick_year(analysis, year, lang=who.lang)
    rows = finding_rows(web, who, pemda, ordered(current_items(web, pemda, chosen)), {"pd": pd})
    open_rows = [row for row in rows if row["state"] in ("terbuka", "ditanggapi")]
    with web.database.session() as session:
        fix_links(session, open_rows[:SHOWN_FINDINGS])
        suggestions = list_links(session, pemda=pemda, pd=pd, statuses=(LinkStatus.PROPOSED,))
    card = next((card for card in analysis.cards(chosen) if card.pemda == pemda and card.pd == pd), None)
    return {
        "agency": agency,
        "year": chosen,
        "card": card,
        "findings": open_rows[:SHOWN_FINDINGS],
        "counts": {
            "open": len(open_rows),
            "overdue": sum(1 for row in open_rows if row["overdue"]),
            "total": len(rows),
            "suggestions": len(suggestions),
        },
        "suggestions": suggestions[:SHOWN_SUGGESTIONS],
        "documents": document_rows(web, pemda, pd=pd),
    }


class WorkspaceCounts(Shape):
    open: int = Field(description="Temuan terbuka atau ditanggapi")
    overdue: int
    total: int
    suggestions: int = Field(description="Usulan tautan yang menunggu keputusan")


class WorkspaceFinding(FindingJson):
    fix: str | None = Field(description="Alamat formulir yang memperbaikinya, bila ada")


class WorkspaceJson(Shape):
    pemda: str
    pd: str
    nama: str
    year: int
    counts: WorkspaceCounts
    findings: list[WorkspaceFinding] = Field(description="Temuan terbuka, tenggat terdekat dulu")
    documents: list[DocumentJson]


@api.get(
    "/pemda/{pemda}/pd/{pd}",
    response_model=WorkspaceJson,
    summary="Ruang kerja satu PD: temuan terbuka, usulan tautan, dokumen",
)
def workspace(pemda: str, pd: str, who: CallerDep, web: Web, year: int | None = None) -> dict[str, object]:
    found = _workspace(web, who, pemda, pd, year)
    return {
        "pemda": pemda,
        "pd": pd,
        "nama": found["agency"].nama,
        "year": found["year"],
        "counts": found["counts"],
        "findings": api_rows(found["findings"]),
        "documents": found["documents"],
    }


@pages.get("/pemda/{pemda}/pd/{pd}", response_class=HTMLResponse)
def workspace_page(
    pemda: str, pd: str, request: Request, who: CallerDep, web: Web, year: int | None = None
) -> HTMLResponse:
    found = _workspace(web, who, pemda, pd, year)
    may_upload = decide(who.principal, Action.EDIT_PLAN, target(pemda, pd)) is Decision.ALLOW
    suggest = may_suggest(who, pemda, pd)
    return render(
        web,
        request,
        who,
        "home.html",
        pemda=pemda,
        pd=pd,
        may_upload=may_upload,
        kinds=PD_KINDS,
        may_suggest=suggest,
        targets=target_choices(web.database, pemda) if suggest else [],
        run=web.suggestions.current(pemda),
        **found,
    )

"""The report download: the Rakor report of ``selaras.report`` (the same as ``selaras report``) as one HTML
file, built from the cached analysis."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from selaras.report.html import render_html
from selaras.report.model import Scope, build_report
from selaras.web.authz import Action
from selaras.web.context import CallerDep, Web, authorize
from selaras.web.pages import render
from selaras.web.routes.dashboard import pick_year

api = APIRouter(tags=["laporan"])
pages = APIRouter()


@api.get("/pemda/{pemda}/report", summary="Unduh laporan Rakor (HTML) pemda untuk satu tahun")
def report(pemda: str, who: CallerDep, web: Web, year: int | None = None, scope: Scope = Scope.PROVINSI) -> Response:
    authorize(who, Action.READ, pemda)
    chosen = pick_year(web.analyses.at(pemda), year)
    analyses = web.analyses
    model = build_report(
        analyses.planning(pemda),
        analyses.report(pemda, chosen),
        analyses.cards(pemda, chosen),
        analyses.registry,
        pemda=pemda,
        year=chosen,
        scope=scope,
        lang=who.lang,
        generated=date.today().isoformat(),
        thresholds=analyses.thresholds,
    )
    name = f"laporan-selaras-{pemda}-{chosen}.html"
    return HTMLResponse(render_html(model), headers={"Content-Disposition": f'attachment; filename="{name}"'})


@pages.get("/pemda/{pemda}/report", response_class=HTMLResponse)
def report_page(pemda: str, request: Request, who: CallerDep, web: Web, year: int | None = None) -> HTMLResponse:
    authorize(who, Action.READ, pemda)
    chosen = pick_year(web.analyses.at(pemda), year)
    return render(web, request, who, "report.html", pemda=pemda, year=chosen, scopes=list(Scope))

"""The report download: the Rakor report of ``selaras.report`` (the same as ``selaras report``) as one HTML
file, built from the cached analysis."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from selaras.report.html import render_html
from selaras.report.model import Scope, build_report
from selaras.store.rakor import load_rakor_context
from selaras.web.authz import Action
from selaras.web.context import CallerDep, Web, authorize
from selaras.web.pages import render
from selaras.web.routes.dashboard import pick_year

api = APIRouter(tags=["laporan"])
pages = APIRouter()


@api.get("/pemda/{pemda}/report", summary="Unduh laporan Rakor (HTML) pemda untuk satu tahun")
def report(pemda: str, who: CallerDep, web: Web, year: int | None = None, scope: Scope = Scope.PROVINSI) -> Response:
    """The report is built once per data version, year, scope, language and day, and kept; while one is
    being built for a pemda, another request for an unbuilt report of that pemda answers 429."""
    authorize(who, Action.READ, pemda)
    analysis = web.analyses.at(pemda)
    chosen = pick_year(analysis, year, lang=who.lang)
    today = date.today().isoformat()
    key = ("report", pemda, chosen, scope, who.lang, today, analysis.stamp)

    def build() -> str:
        data = analysis.planning()
        family = [pemda, *(p.kode for p in data.regional_pemda() if p.parent == pemda and p.kode != pemda)]
        with web.database.session() as session:  # the same follow-up and late submissions as `selaras report`
            context = load_rakor_context(session, pemda, family, chosen, date.today())
        model = build_report(
            data,
            analysis.report(chosen),
            analysis.cards(chosen),
            web.analyses.registry,
            pemda=pemda,
            year=chosen,
            scope=scope,
            lang=who.lang,
            generated=today,
            thresholds=web.analyses.thresholds,
            followups=context.followups,
            responses=context.responses,
            deadline=context.deadline,
            submissions=context.submissions,
        )
        return render_html(model)

    html = web.analyses.reports.get(key)
    if not isinstance(html, str):
        with web.analyses.report_run(pemda) as free:
            if not free:
                raise HTTPException(429, who.t("report-busy"), headers={"Retry-After": "30"})
            html = web.analyses.reports.cached(key, build)
    name = f"laporan-selaras-{pemda}-{chosen}.html"
    return HTMLResponse(html, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@pages.get("/pemda/{pemda}/report", response_class=HTMLResponse)
def report_page(pemda: str, request: Request, who: CallerDep, web: Web, year: int | None = None) -> HTMLResponse:
    authorize(who, Action.READ, pemda)
    chosen = pick_year(web.analyses.at(pemda), year, lang=who.lang)
    return render(web, request, who, "report.html", pemda=pemda, year=chosen, scopes=list(Scope))

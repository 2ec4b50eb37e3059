"""The report download: the Rakor report of ``selaras.report`` (the same as ``selaras report``) as HTML, PDF
or Excel, built from the cached analysis. The report model is built once per data version and kept; each
format is rendered from it once and kept too."""

from __future__ import annotations

import tempfile
from datetime import date
from enum import StrEnum
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from selaras.report.html import render_html
from selaras.report.model import RakorReport, Scope, build_report
from selaras.report.render import RENDERERS
from selaras.store.rakor import load_rakor_context
from selaras.web.authz import Action
from selaras.web.context import CallerDep, Web, authorize
from selaras.web.pages import render
from selaras.web.routes.dashboard import pick_year

api = APIRouter(tags=["laporan"])
pages = APIRouter()


class ReportFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    XLSX = "xlsx"


MEDIA_TYPES = {
    ReportFormat.HTML: "text/html; charset=utf-8",
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _rendered(model: RakorReport, chosen: ReportFormat) -> bytes:
    """The report in one format: HTML from :func:`render_html`, PDF and Excel by the renderers of
    ``selaras report`` (they write a file)."""
    if chosen is ReportFormat.HTML:
        return render_html(model).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"laporan.{chosen.value}"
        RENDERERS[chosen.value](model, path)
        return path.read_bytes()


@api.get(
    "/pemda/{pemda}/report",
    response_class=Response,
    responses={
        200: {"content": {media: {"schema": {"type": "string", "format": "binary"}} for media in MEDIA_TYPES.values()}}
    },
    summary="Unduh laporan Rakor pemda untuk satu tahun (HTML, PDF atau Excel)",
)
def report(
    pemda: str,
    who: CallerDep,
    web: Web,
    year: int | None = None,
    scope: Scope = Scope.PROVINSI,
    format: ReportFormat = ReportFormat.HTML,
) -> Response:
    """The report is built once per data version, year, scope, language and day, and kept (each format too);
    while one is being built for a pemda, another request for an unbuilt report of that pemda answers 429."""
    authorize(who, Action.READ, pemda)
    analysis = web.analyses.at(pemda)
    chosen = pick_year(analysis, year, lang=who.lang)
    today = date.today().isoformat()
    key = ("report", pemda, chosen, scope, who.lang, today, analysis.stamp)

    def build() -> RakorReport:
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
        return model

    content = web.analyses.reports.get((*key, format))
    if not isinstance(content, bytes):
        with web.analyses.report_run(pemda) as free:
            if not free:
                raise HTTPException(429, who.t("report-busy"), headers={"Retry-After": "30"})
            content = web.analyses.reports.cached(
                (*key, format), lambda: _rendered(web.analyses.reports.cached(key, build), format)
            )
    name = f"laporan-selaras-{pemda}-{chosen}.{format.value}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(content, media_type=MEDIA_TYPES[format], headers=headers)


@pages.get("/pemda/{pemda}/report", response_class=HTMLResponse)
def report_page(pemda: str, request: Request, who: CallerDep, web: Web, year: int | None = None) -> HTMLResponse:
    authorize(who, Action.READ, pemda)
    chosen = pick_year(web.analyses.at(pemda), year, lang=who.lang)
    return render(
        web, request, who, "report.html", pemda=pemda, year=chosen, scopes=list(Scope), formats=list(ReportFormat)
    )

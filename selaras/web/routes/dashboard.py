"""The dashboard: the pemda's scores for a year, its PD's scores, and the alignment trend over the years."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from selaras.domain import DocumentKind
from selaras.scores import ScoreCard
from selaras.web.analysis import AnalysisCache
from selaras.web.authz import Action
from selaras.web.context import CallerDep, Web, authorize
from selaras.web.pages import render
from selaras.web.serialize import card_json

api = APIRouter(tags=["dasbor"])
pages = APIRouter()

HEADLINE = ("keselarasan", "konsistensi", "orientasi_kinerja")


def renja_years(analyses: AnalysisCache, pemda: str) -> list[int]:
    data = analyses.planning(pemda)
    return sorted({year for plan in data.plans_of(DocumentKind.RENJA, pemda) for year in plan.document.period.years})


def pick_year(analyses: AnalysisCache, pemda: str, year: int | None) -> int:
    """The year asked for, else the pemda's latest Renja year, else the current year."""
    if year is not None:
        return year
    years = renja_years(analyses, pemda)
    return years[-1] if years else date.today().year


def _dashboard(analyses: AnalysisCache, pemda: str, year: int) -> tuple[list[ScoreCard], list[dict[str, object]]]:
    cards = [card for card in analyses.cards(pemda, year) if card.pemda == pemda]
    trend: list[dict[str, object]] = []
    for each in renja_years(analyses, pemda):
        headline = next((card for card in analyses.cards(pemda, each) if card.pemda == pemda and card.pd is None), None)
        if headline is not None:
            trend.append({"year": each, **{key: headline.scores[key].value for key in HEADLINE}})
    return cards, trend


@api.get("/pemda/{pemda}/dashboard", summary="Skor pemda dan perangkat daerahnya untuk satu tahun, dengan tren")
def dashboard(pemda: str, who: CallerDep, web: Web, year: int | None = None) -> dict[str, object]:
    authorize(who, Action.READ, pemda)
    chosen = pick_year(web.analyses, pemda, year)
    cards, trend = _dashboard(web.analyses, pemda, chosen)
    return {"pemda": pemda, "year": chosen, "cards": [card_json(card) for card in cards], "trend": trend}


@pages.get("/pemda/{pemda}", response_class=HTMLResponse)
def dashboard_page(pemda: str, request: Request, who: CallerDep, web: Web, year: int | None = None) -> HTMLResponse:
    authorize(who, Action.READ, pemda)
    chosen = pick_year(web.analyses, pemda, year)
    cards, trend = _dashboard(web.analyses, pemda, chosen)
    overall = next((card for card in cards if card.pd is None), None)
    agencies = [card for card in cards if card.pd is not None]
    return render(
        web,
        request,
        who,
        "dashboard.html",
        pemda=pemda,
        year=chosen,
        overall=overall,
        agencies=agencies,
        trend=trend,
        headline=HEADLINE,
    )

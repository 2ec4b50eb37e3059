"""The dashboard: the pemda's scores for a year, its PD's scores, and the alignment trend over the years."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import Field

from selaras.checks.data import PlanningData
from selaras.domain import DocumentKind, Pemda, PemdaLevel
from selaras.reference.wilayah import get_pemda, kabkota_of
from selaras.scores import ScoreCard
from selaras.scores.serialize import scorecard_to_dict
from selaras.store.calendar import due_soon, pending_submissions
from selaras.store.followup import overdue_counts
from selaras.web.analysis import Analysis, default_year
from selaras.web.authz import Action, Decision, decide
from selaras.web.charts import HEADLINE, agency_chart, pagu_chart, trend_chart
from selaras.web.context import CallerDep, Web, authorize, target
from selaras.web.i18n import translate
from selaras.web.pages import render_cached
from selaras.web.routes.calendar import DUE_DAYS
from selaras.web.serialize import Number, ScoreCardJson, Shape

api = APIRouter(tags=["dasbor"])
pages = APIRouter()


def renja_years(analysis: Analysis) -> list[int]:
    data, pemda = analysis.planning(), analysis.pemda
    return sorted({year for plan in data.plans_of(DocumentKind.RENJA, pemda) for year in plan.document.period.years})


def pick_year(analysis: Analysis, year: int | None, *, lang: str) -> int:
    """The year asked for, else the year the pemda is planning now (as the CLI chooses it), else the current
    year. A year no planning document covers is refused (422): each year costs a full run of the checks,
    and a reader asking for arbitrary years must not keep a worker busy with runs that show nothing."""
    default = default_year(analysis.planning(), analysis.pemda)
    if year is None:
        return default
    years = sorted({each for plan in analysis.planning().plans for each in plan.document.period.years} | {default})
    if year not in years:
        listed = ", ".join(str(each) for each in years)
        raise HTTPException(422, translate("year-outside-plans", lang, year=year, years=listed))
    return year


def _dashboard(analysis: Analysis, year: int) -> tuple[list[ScoreCard], list[tuple[int, ScoreCard]]]:
    """The year's score cards of the pemda and its PD, and the pemda's headline card of every Renja year."""
    pemda = analysis.pemda
    cards = [card for card in analysis.cards(year) if card.pemda == pemda]
    trend: list[tuple[int, ScoreCard]] = []
    for each in renja_years(analysis):
        headline = next((card for card in analysis.cards(each) if card.pemda == pemda and card.pd is None), None)
        if headline is not None:
            trend.append((each, headline))
    return cards, trend


class TrendJson(Shape):
    """The pemda's headline scores of one Renja year."""

    year: int
    keselarasan: Number | None
    konsistensi: Number | None
    orientasi_kinerja: Number | None


class KabkotaScore(Shape):
    pemda: str
    nama: str
    overall: Number | None = Field(description="Rata-rata skor utama; null bila belum ada data")


class DashboardJson(Shape):
    pemda: str
    year: int
    cards: list[ScoreCardJson] = Field(description="Kartu pemda lalu kartu tiap PD")
    trend: list[TrendJson]
    kabkota: list[KabkotaScore] = Field(description="Kab/kota provinsi ini, skor terbaik dulu (kosong untuk kab/kota)")


@api.get(
    "/pemda/{pemda}/dashboard",
    response_model=DashboardJson,
    summary="Skor pemda dan perangkat daerahnya untuk satu tahun, dengan tren",
)
def dashboard(pemda: str, who: CallerDep, web: Web, year: int | None = None) -> dict[str, object]:
    authorize(who, Action.READ, pemda)
    analysis = web.analyses.at(pemda)
    chosen = pick_year(analysis, year, lang=who.lang)
    cards, trend = _dashboard(analysis, chosen)
    return {
        "pemda": pemda,
        "year": chosen,
        "cards": [scorecard_to_dict(card) for card in cards],
        "trend": [{"year": each, **{key: card.scores[key].value for key in HEADLINE}} for each, card in trend],
        "kabkota": [
            {"pemda": each.kode, "nama": each.nama, "overall": card.overall if card else None}
            for each, card in kabkota_cards(analysis, chosen)
        ],
    }


@pages.get("/pemda/{pemda}", response_class=HTMLResponse)
def dashboard_page(pemda: str, request: Request, who: CallerDep, web: Web, year: int | None = None) -> HTMLResponse:
    authorize(who, Action.READ, pemda)
    analysis = web.analyses.at(pemda)
    chosen = pick_year(analysis, year, lang=who.lang)
    today = date.today()
    with web.database.session() as session:  # cheap, and not part of the data version: read on every request
        due = due_soon(session, pemda, today, DUE_DAYS)
        pending = pending_submissions(session, pemda, chosen, today)
    calendar = {
        "due": [(window.title, window.closes) for _, window in due],
        "pending": sum(1 for submission in pending if not submission.late),
        "late": sum(1 for submission in pending if submission.late),
    }

    def body() -> dict[str, object]:
        cards, trend = _dashboard(analysis, chosen)
        overall = next((card for card in cards if card.pd is None), None)
        agencies = [card for card in cards if card.pd is not None]
        data = analysis.planning()
        with web.database.session() as session:  # follow-up changes bump the stamp; the key carries the day
            overdue = overdue_counts(session, analysis.report(chosen).findings, pemda, today)

        def t(key: str, /, **params: object) -> str:
            return translate(key, who.lang, **params)

        return {
            "year": chosen,
            "overall": overall,
            "agencies": agencies,
            "agency_names": {card.pd: _agency_name(data, pemda, card.pd) for card in agencies},
            "trend": trend,
            "calendar": calendar,
            "kabkota": kabkota_cards(analysis, chosen),
            "open_kabkota": open_kabkota,
            "overdue": [(_agency_name(data, pemda, pd) if pd else "", count) for pd, count in overdue.items()],
            "headline": HEADLINE,
            "charts": {
                "agencies": agency_chart(agencies, data, t),
                "trend": trend_chart(trend, t),
                "pagu": pagu_chart(overall, t),
            },
        }

    # whether the kab/kota rows link to their dashboards (a provincial admin's): a fact of the role, not the user
    open_kabkota = any(
        decide(who.principal, Action.READ, target(each.kode)) is Decision.ALLOW for each in kabkota_of(pemda)
    )
    key = (pemda, chosen, analysis.stamp, today, repr(calendar), open_kabkota)
    return render_cached(web, request, who, "dashboard.html", key, body, pemda=pemda)


def kabkota_cards(analysis: Analysis, year: int) -> list[tuple[Pemda, ScoreCard | None]]:
    """A province's kabupaten/kota (all of the wilayah reference, with or without data) with their headline
    score card of ``year`` from the province's run, best overall score first, those without a score last.
    Empty for a kabupaten/kota."""
    if get_pemda(analysis.pemda).level is not PemdaLevel.PROVINSI:
        return []
    headlines = {card.pemda: card for card in analysis.cards(year) if card.pd is None}
    rows = [(each, headlines.get(each.kode)) for each in kabkota_of(analysis.pemda)]

    def rank(row: tuple[Pemda, ScoreCard | None]) -> tuple[bool, float, str]:
        overall = row[1].overall if row[1] else None
        return (overall is None, -(overall or 0.0), row[0].nama)

    return sorted(rows, key=rank)


def _agency_name(data: PlanningData, pemda: str, pd: str | None) -> str:
    agency = data.get_pd(pemda, pd or "")
    return agency.nama if agency else pd or ""

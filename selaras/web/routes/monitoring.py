"""The monitoring page of a pemda and of each of its PD: serapan and capaian up to a triwulan as traffic lights
(the Permendagri 86/2017 bands), and the absorption curve against the planned one, triwulan by triwulan."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from pydantic import Field

from selaras.checks.monitoring import (
    HUNDRED,
    MonitoringData,
    Overview,
    Rating,
    Summary,
    expected_share,
    overview,
    rating,
)
from selaras.domain import PerangkatDaerah
from selaras.domain.realisasi import Verifikasi
from selaras.numbers import json_number
from selaras.report.charts import BarChart, render_chart
from selaras.store.realisasi_review import load_states, state_of
from selaras.web.authz import Action
from selaras.web.charts import Translate
from selaras.web.context import Caller, CallerDep, Web, WebContext, authorize
from selaras.web.pages import render
from selaras.web.routes.dashboard import pick_year
from selaras.web.serialize import Number, Shape

api = APIRouter(tags=["Pemantauan"])
pages = APIRouter()
Quarter = Annotated[int | None, Query(ge=1, le=4)]


def _overview(
    web: WebContext, who: Caller, pemda: str, year: int | None, quarter: int | None, pd: str | None
) -> tuple[int, Overview | None, dict[str, PerangkatDaerah]]:
    """The year chosen, the pemda's (or PD's) monitoring up to ``quarter`` and the pemda's PD by code."""
    authorize(who, Action.READ, pemda)
    analysis = web.analyses.at(pemda)
    chosen = pick_year(analysis, year, lang=who.lang)
    data = analysis.planning()
    agencies = {agency.kode: agency for agency in data.perangkat_daerah if agency.pemda == pemda}
    if pd is not None and pd not in agencies:
        raise HTTPException(404, who.t("mon-pd-unknown", pd=pd))
    seen = overview(data, chosen, pemda=pemda, pd=pd, quarter=quarter) if isinstance(data, MonitoringData) else None
    return chosen, seen, agencies


class FiguresJson(Shape):
    """Serapan and capaian of one unit (the pemda, a PD, or a triwulan of the curve) with their bands."""

    name: str
    items: int
    pagu: Number | None
    pagu_basis: str = Field(
        description="Pagu yang menjadi dasar serapan: APBD (perubahan), KUA-PPAS atau Renja; beberapa dipisah koma"
    )
    anggaran: Number | None = Field(description="Realisasi anggaran (rupiah)")
    serapan: Number | None = Field(description="Persen pagu yang terserap")
    serapan_rating: str | None = Field(description="Kriteria Permendagri 86/2017")
    capaian: Number | None = Field(description="Persen target kinerja yang tercapai")
    capaian_rating: str | None


class MonitoringJson(Shape):
    pemda: str
    year: int
    quarter: int | None = Field(description="Triwulan sampai mana dihitung")
    total: FiguresJson | None = Field(description="null bila belum ada realisasi")
    pd: list[FiguresJson]
    curve: list[FiguresJson] = Field(description="Per triwulan")


def _figures(summary: Summary) -> dict[str, object]:
    return {
        "name": summary.name,
        "items": summary.items,
        "pagu": json_number(summary.pagu),
        "pagu_basis": summary.basis,
        "anggaran": json_number(summary.anggaran),
        "serapan": json_number(summary.serapan),
        "serapan_rating": (band.value if (band := rating(summary.serapan)) else None),
        "capaian": json_number(summary.capaian),
        "capaian_rating": (band.value if (band := rating(summary.capaian)) else None),
    }


@api.get(
    "/pemda/{pemda}/monitoring",
    response_model=MonitoringJson,
    summary="Serapan anggaran dan capaian kinerja per PD dan per triwulan",
)
def monitoring(
    pemda: str, who: CallerDep, web: Web, year: int | None = None, quarter: Quarter = None, pd: str | None = None
) -> dict[str, object]:
    """The figures of the monitoring page: the pemda (or PD) total, each PD, and the curve per triwulan."""
    chosen, seen, _ = _overview(web, who, pemda, year, quarter, pd)
    return {
        "pemda": pemda,
        "year": chosen,
        "quarter": seen.triwulan if seen else quarter,
        "total": _figures(seen.total) if seen else None,
        "pd": [_figures(summary) for summary in seen.per_pd] if seen else [],
        "curve": [_figures(summary) for summary in seen.curve] if seen else [],
    }


def curve_chart(curve: list[tuple[str, Decimal, Decimal | None, Decimal | None]], t: Translate) -> Markup:
    """Per triwulan: the planned share of the year, the serapan and the capaian reached (percent)."""
    series = (t("mon-plan"), t("mon-serapan"), t("mon-capaian"))
    values = tuple(tuple(None if v is None else float(v) for v in row[1:]) for row in curve)
    labels = tuple(tuple("–" if v is None else f"{v:.0f} %" for v in row) for row in values)
    chart = BarChart(t("mon-chart"), tuple(f"TW {row[0]}" for row in curve), series, values, labels, maximum=100)
    return Markup(render_chart(chart))  # the chart escapes every text it draws


def _verification(
    web: WebContext, pemda: str, seen: Overview
) -> tuple[dict[tuple[str, str], Verifikasi], Counter[str]]:
    """Per item, the least advanced state of the triwulan it reported up to the one shown (returned, then
    submitted, then verified), and per PD how many of those item triwulan are not verified yet. Unverified
    realisasi is counted in the figures and marked, never left out (docs/monitoring.md)."""
    data = web.analyses.at(pemda).planning()
    assert isinstance(data, MonitoringData)
    with web.database.session() as session:
        states = load_states(session, pemda)
    marks: dict[tuple[str, str], Verifikasi] = {}
    waiting: Counter[str] = Counter()
    for own in seen.items:
        document, item = own.plan.document.key, own.item.key
        quarters = {record.triwulan for record in data.realisasi_of(document, item) if record.triwulan <= seen.triwulan}
        found = {state_of(states, document, item, quarter).state for quarter in quarters}
        waiting[own.pd] += sum(
            1 for quarter in quarters if state_of(states, document, item, quarter).state is not Verifikasi.DIVERIFIKASI
        )
        for state in (Verifikasi.DIKEMBALIKAN, Verifikasi.DIAJUKAN, Verifikasi.DIVERIFIKASI):
            if state in found:
                marks[document, item] = state
                break
    return marks, waiting


@pages.get("/pemda/{pemda}/monitoring", response_class=HTMLResponse)
def monitoring_page(
    pemda: str,
    request: Request,
    who: CallerDep,
    web: Web,
    year: int | None = None,
    quarter: Quarter = None,
    pd: str | None = None,
) -> HTMLResponse:
    """Pemantauan: serapan anggaran and capaian kinerja of the pemda's Renja (or one PD's with ``pd``)."""
    chosen, seen, agencies = _overview(web, who, pemda, year, quarter, pd)
    thresholds = web.analyses.thresholds
    curve = [
        (summary.name, expected_share(thresholds, index) * HUNDRED, summary.serapan, summary.capaian)
        for index, summary in enumerate(seen.curve if seen else (), start=1)
    ]
    marks, waiting = _verification(web, pemda, seen) if seen else ({}, Counter[str]())
    return render(
        web,
        request,
        who,
        "monitoring.html",
        marks=marks,
        waiting=waiting,
        pemda=pemda,
        year=chosen,
        quarter=seen.triwulan if seen else quarter,
        pd=pd,
        agency=agencies.get(pd or ""),
        agencies=agencies,
        seen=seen,
        rating=rating,
        bands=list(Rating),
        chart=curve_chart(curve, who.t) if seen else None,
    )

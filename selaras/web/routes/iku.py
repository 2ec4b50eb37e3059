"""The IKU synchronization matrix of a province: each provincial IKU against each kab/kota."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import Field

from selaras.checks.iku_matrix import SyncRow, SyncStatus, iku_sync_matrix
from selaras.reference.wilayah import get_pemda
from selaras.report.sections.iku import STYLE
from selaras.report.texts import tr
from selaras.web.authz import Action
from selaras.web.context import CallerDep, Web, WebContext, authorize
from selaras.web.pages import render
from selaras.web.serialize import Shape

api = APIRouter(tags=["IKU"])
pages = APIRouter()


def _matrix(web: WebContext, pemda: str) -> list[SyncRow]:
    if get_pemda(pemda).level.is_kabkota:
        return []
    return iku_sync_matrix(web.analyses.planning(pemda), pemda, web.analyses.thresholds)


class IkuRowJson(Shape):
    """One provincial IKU and how each kab/kota carries it."""

    pd: str
    pd_nama: str
    document: str
    item: str
    indicator: str
    satuan: str
    statuses: dict[str, str] = Field(description="Per kode kab/kota: status sinkronisasinya")


@api.get(
    "/pemda/{pemda}/iku",
    response_model=list[IkuRowJson],
    summary="Matriks sinkronisasi IKU provinsi dengan kab/kota (kosong untuk kab/kota)",
)
def iku(pemda: str, who: CallerDep, web: Web) -> list[dict[str, object]]:
    authorize(who, Action.READ, pemda)
    return [
        {
            "pd": row.pd,
            "pd_nama": row.pd_nama,
            "document": row.document,
            "item": row.item,
            "indicator": row.indicator,
            "satuan": row.satuan,
            "statuses": {kabkota: status.value for kabkota, status in row.statuses.items()},
        }
        for row in _matrix(web, pemda)
    ]


@pages.get("/pemda/{pemda}/iku", response_class=HTMLResponse)
def iku_page(pemda: str, request: Request, who: CallerDep, web: Web) -> HTMLResponse:
    authorize(who, Action.READ, pemda)
    rows = _matrix(web, pemda)
    columns = sorted({kabkota for row in rows for kabkota in row.statuses})
    legend = {
        status: {
            "label": tr(f"sync-{status.name.lower()}", who.lang),
            "color": color,
            "symbol": symbol,
            "ink": _ink(color),
        }
        for status, (color, symbol) in STYLE.items()
    }
    return render(
        web,
        request,
        who,
        "iku.html",
        pemda=pemda,
        rows=rows,
        columns={kode: get_pemda(kode).nama.replace("Kabupaten ", "Kab. ") for kode in columns},
        legend=legend,
        missing=legend[SyncStatus.TANPA_MITRA],
        kabkota=get_pemda(pemda).level.is_kabkota,
    )


def _ink(color: str) -> str:
    """Black or white text, whichever reads better on the cell's colour."""
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#000" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "#fff"

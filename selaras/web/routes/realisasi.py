"""Realisasi on the web: a PD uploads its realisasi file or fills it in item by item and triwulan by triwulan; a
verifikator confirms it or returns it with a comment.

The upload goes through the same import as ``selaras import-realisasi``
(:func:`selaras.ingest.realisasi.import_realisasi`, narrowed to the PD's Renja): all-or-nothing, located errors,
idempotent, the replaced figures in the audit log. The form and the verifikator's decision carry the version of
the item's triwulan they were based on
(:mod:`selaras.store.realisasi_review`); a stale one is refused with 409, like the item edit form.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from selaras.checks.monitoring import MonitoringData, measured_pagu, monitored_items
from selaras.domain import DocumentKind, Item, ItemRef, PerangkatDaerah, Plan
from selaras.domain.realisasi import Basis, Realisasi, Verifikasi
from selaras.errors import ImportFailed
from selaras.ingest.problems import ImportProblem
from selaras.ingest.realisasi import RealisasiRequest, RealisasiResult, import_realisasi
from selaras.ingest.upload_limits import check_unpacked_size
from selaras.numbers import parse_number
from selaras.store.items import ItemDetail, load_item
from selaras.store.locking import InvalidEdit
from selaras.store.realisasi import load_realisasi
from selaras.store.realisasi_review import RealisasiState, enter_realisasi, load_states, review_realisasi, state_of
from selaras.store.tables import DocumentRow, ItemRow
from selaras.web.authz import Action
from selaras.web.context import Caller, CallerDep, Web, WebContext, WriterDep, authorize
from selaras.web.pages import redirect, render, safe_next
from selaras.web.routes.dashboard import pick_year
from selaras.web.uploads import receive

api = APIRouter(tags=["Pemantauan"])
pages = APIRouter()
Triwulan = Annotated[int, Path(ge=1, le=4)]


@dataclass(frozen=True, slots=True)
class Line:
    """One sub kegiatan of the PD's Renja in the chosen triwulan: its figures of that quarter alone and state, and
    the pagu its serapan is measured against (the APBD's when loaded: :func:`measured_pagu`) with its label."""

    item_id: int
    plan: Plan
    item: Item
    record: Realisasi | None
    state: RealisasiState
    pagu: Decimal
    basis: str


def _agencies(web: WebContext, pemda: str, year: int) -> tuple[MonitoringData, dict[str, PerangkatDaerah]]:
    data = web.analyses.at(pemda).planning()
    if not isinstance(data, MonitoringData):  # load_planning_data always loads realisasi
        raise HTTPException(500, "data pemantauan tidak tersedia")
    owners = {plan.document.pd for plan, _ in monitored_items(data, year, pemda)}
    return data, {a.kode: a for a in data.perangkat_daerah if a.pemda == pemda and a.kode in owners}


def _lines(web: WebContext, data: MonitoringData, pemda: str, pd: str, year: int, triwulan: int) -> list[Line]:
    chosen = [(plan, item) for plan, item in monitored_items(data, year, pemda) if plan.document.pd == pd]
    documents = sorted({plan.document.key for plan, _ in chosen})
    with web.database.session() as session:
        records = {
            (record.document, record.item): record
            for record in load_realisasi(session, [pemda], documents=documents)
            if record.triwulan == triwulan
        }
        states = load_states(session, pemda, documents=documents)
        ids = {
            (document, key): item_id
            for item_id, document, key in session.execute(
                select(ItemRow.id, DocumentRow.key, ItemRow.key)
                .join(DocumentRow, ItemRow.document_id == DocumentRow.id)
                .where(DocumentRow.key.in_(documents))
            )
        }
    return [
        Line(
            ids[plan.document.key, item.key],
            plan,
            item,
            records.get((plan.document.key, item.key)),
            state_of(states, plan.document.key, item.key, triwulan),
            *_pagu(data, plan, item, year),
        )
        for plan, item in sorted(chosen, key=lambda pair: pair[1].key)
        if (plan.document.key, item.key) in ids
    ]


def _pagu(data: MonitoringData, plan: Plan, item: Item, year: int) -> tuple[Decimal, str]:
    pagu, basis = measured_pagu(data, plan, item, year)
    return pagu, basis.label


def _page(
    web: WebContext,
    request: Request,
    who: Caller,
    pemda: str,
    year: int | None,
    pd: str | None,
    triwulan: int,
    *,
    result: RealisasiResult | None = None,
    problems: list[ImportProblem] | None = None,
    status: int = 200,
) -> HTMLResponse:
    authorize(who, Action.READ, pemda)
    chosen = pick_year(web.analyses.at(pemda), year, lang=who.lang)
    data, agencies = _agencies(web, pemda, chosen)
    pd = pd or (who.principal.pd if who.principal.pd in agencies else None) or next(iter(sorted(agencies)), None)
    if pd is not None and pd not in agencies:
        raise HTTPException(404, who.t("mon-pd-unknown", pd=pd))
    lines = _lines(web, data, pemda, pd, chosen, triwulan) if pd else []
    return render(
        web,
        request,
        who,
        "realisasi.html",
        status=status,
        pemda=pemda,
        year=chosen,
        pd=pd,
        triwulan=triwulan,
        agencies=agencies,
        lines=lines,
        may_enter=pd is not None and _allowed(who, Action.ENTER_REALISASI, pemda, pd),
        may_verify=pd is not None and _allowed(who, Action.VERIFY_REALISASI, pemda, pd),
        bases=list(Basis),
        result=result,
        problems=problems or [],
        states=list(Verifikasi),
    )


def _allowed(who: Caller, action: Action, pemda: str, pd: str) -> bool:
    try:
        authorize(who, action, pemda, pd)
    except HTTPException:
        return False
    return True


@pages.get("/pemda/{pemda}/realisasi", response_class=HTMLResponse)
def realisasi_page(
    pemda: str,
    request: Request,
    who: CallerDep,
    web: Web,
    year: int | None = None,
    pd: str | None = None,
    triwulan: Annotated[int, Query(ge=1, le=4)] = 1,
) -> HTMLResponse:
    """The realisasi of one PD's Renja in one triwulan, item by item, with its verification state."""
    return _page(web, request, who, pemda, year, pd, triwulan)


@pages.post("/pemda/{pemda}/realisasi", response_class=HTMLResponse)
def upload_realisasi(
    pemda: str,
    request: Request,
    who: WriterDep,
    web: Web,
    file: Annotated[UploadFile, File()],
    year: Annotated[int, Form()],
    pd: Annotated[str, Form()],
    basis: Annotated[str, Form()] = "",
    triwulan: Annotated[int, Form(ge=1, le=4)] = 1,
) -> HTMLResponse:
    """Import a realisasi file into one PD's Renja of ``year``: the CLI's import, narrowed to that PD."""
    authorize(who, Action.ENTER_REALISASI, pemda, pd)
    try:
        chosen_basis = Basis(basis) if basis else None
    except ValueError:
        raise HTTPException(422, f"basis '{basis}' tidak dikenal; pilih kumulatif atau triwulan") from None
    result, problems, status = None, None, 200
    with receive(web, who, pemda, file, kind="REALISASI", period=str(year), pd=pd, version=None, force=False) as up:
        check_unpacked_size(up.path, limit=web.settings.unpacked_limit_mb * 1_000_000)
        try:
            result = import_realisasi(
                web.database, RealisasiRequest(up.path, pemda, year, pd=pd, basis=chosen_basis, user=who.username)
            )
        except ImportFailed as failure:
            problems, status = failure.problems, 422
    return _page(web, request, who, pemda, year, pd, triwulan, result=result, problems=problems, status=status)


def _renja_item(web: WebContext, who: Caller, item_id: int, action: Action) -> tuple[ItemDetail, int]:
    """The item and its Renja's year, after checking the caller may do ``action`` on it."""
    with web.database.session() as session:
        item = load_item(session, item_id)
        document = session.get(DocumentRow, item.document_id)
    authorize(who, action, item.pemda, item.owner_pd)
    if document is None or document.kind != DocumentKind.RENJA.value:
        raise HTTPException(422, who.t("real-not-renja"))
    return item, document.period_start


@pages.get("/items/{item_id}/realisasi/{triwulan}", response_class=HTMLResponse)
def entry_page(
    item_id: int, triwulan: Triwulan, request: Request, who: CallerDep, web: Web, saved: bool = False
) -> HTMLResponse:
    """The realisasi of one item: its four triwulan, the form for one, and the verifikator's decision."""
    item, year = _renja_item(web, who, item_id, Action.READ)
    with web.database.session() as session:
        records = {
            record.triwulan: record
            for record in load_realisasi(session, [item.pemda], documents=[item.document_key])
            if record.item == item.key
        }
        states = load_states(session, item.pemda, documents=[item.document_key])
    pd = item.owner_pd or ""
    data = web.analyses.at(item.pemda).planning()
    plan = data.plan(item.document_key)
    own = data.item(ItemRef(item.document_key, item.key))
    pagu = _pagu(data, plan, own, year) if isinstance(data, MonitoringData) and plan and own else None
    return render(
        web,
        request,
        who,
        "realisasi_item.html",
        pemda=item.pemda,
        item=item,
        pagu=pagu,
        year=year,
        triwulan=triwulan,
        records=records,
        states={quarter: state_of(states, item.document_key, item.key, quarter) for quarter in (1, 2, 3, 4)},
        may_enter=_allowed(who, Action.ENTER_REALISASI, item.pemda, pd),
        may_verify=_allowed(who, Action.VERIFY_REALISASI, item.pemda, pd),
        saved=saved,
    )


def _number(value: object, what: str) -> Decimal | None:
    """A figure of the form: empty is "not reported", anything else must be a number (``1.250.000``, ``97,5``)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        number = parse_number(value)
    except ValueError:
        number = None
    if number is None:
        raise InvalidEdit(f"{what}: '{value}' bukan angka (contoh: 1.250.000 atau 97,5)")
    return number


def _version(value: object) -> int:
    if not isinstance(value, str) or not value.isdigit():
        raise HTTPException(422, "versi realisasi tidak ada di formulir")
    return int(value)


@pages.post("/items/{item_id}/realisasi/{triwulan}")
async def entry_submit(item_id: int, triwulan: Triwulan, request: Request, who: WriterDep, web: Web) -> Response:
    """The entry form: ``version``, ``anggaran`` and ``kinerja-<indicator position>``, figures of that quarter
    alone; an empty field is not reported."""
    item, _ = _renja_item(web, who, item_id, Action.ENTER_REALISASI)
    form = await request.form()
    kinerja = {
        line.name: value
        for line in item.indicators
        if (value := _number(form.get(f"kinerja-{line.position}"), line.name)) is not None
    }
    record = Realisasi(item.document_key, item.key, triwulan, _number(form.get("anggaran"), "anggaran"), kinerja)
    with web.database.session() as session:
        enter_realisasi(
            session, item.pemda, record, expected_version=_version(form.get("version")), username=who.username
        )
    return redirect(f"/items/{item_id}/realisasi/{triwulan}?saved=true")


@pages.post("/items/{item_id}/realisasi/{triwulan}/review")
def review_submit(
    item_id: int,
    triwulan: Triwulan,
    who: WriterDep,
    web: Web,
    decision: Annotated[str, Form()],
    version: Annotated[int, Form(ge=0)],
    comment: Annotated[str, Form()] = "",
    next_page: Annotated[str, Form(alias="next")] = "",
) -> Response:
    """The verifikator confirms (``diverifikasi``) or returns (``dikembalikan``, with a comment) one triwulan."""
    item, _ = _renja_item(web, who, item_id, Action.VERIFY_REALISASI)
    try:
        chosen = Verifikasi(decision)
    except ValueError:
        raise HTTPException(422, f"keputusan '{decision}' tidak dikenal") from None
    with web.database.session() as session:
        review_realisasi(
            session,
            item.pemda,
            (item.document_key, item.key, triwulan),
            chosen,
            comment=comment,
            expected_version=version,
            username=who.username,
        )
    return redirect(safe_next(next_page or f"/items/{item_id}/realisasi/{triwulan}"))


@pages.post("/pemda/{pemda}/realisasi/verify")
async def verify_all(pemda: str, request: Request, who: WriterDep, web: Web) -> Response:
    """Confirm, in one transaction, every triwulan listed as ``row`` = ``<item id>:<version>`` (the submitted
    ones the verifikator saw on the page); one that changed since refuses the whole confirmation (409)."""
    form = await request.form()
    rows = [value.split(":", 1) for value in form.getlist("row") if isinstance(value, str) and ":" in value]
    triwulan, pd = form.get("triwulan"), form.get("pd")
    if not isinstance(triwulan, str) or triwulan not in {"1", "2", "3", "4"} or not isinstance(pd, str):
        raise HTTPException(422, "triwulan dan PD tidak ada di formulir")
    authorize(who, Action.VERIFY_REALISASI, pemda, pd)
    with web.database.session() as session:
        for item_id, version in rows:
            if not item_id.isdigit() or not version.isdigit():
                raise HTTPException(422, "baris realisasi tidak valid")
            item = load_item(session, int(item_id))
            if item.pemda != pemda or item.owner_pd != pd:
                raise HTTPException(422, "baris realisasi bukan milik PD ini")
            review_realisasi(
                session,
                pemda,
                (item.document_key, item.key, int(triwulan)),
                Verifikasi.DIVERIFIKASI,
                comment="",
                expected_version=int(version),
                username=who.username,
            )
    year = form.get("year")
    query = f"?pd={pd}&triwulan={triwulan}" + (f"&year={year}" if isinstance(year, str) and year.isdigit() else "")
    return redirect(f"/pemda/{pemda}/realisasi{query}&verified={len(rows)}")

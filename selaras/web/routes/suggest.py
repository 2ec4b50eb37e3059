"""Generating link suggestions from the web: start a run for one document or one PD ("Buat usulan tautan"), follow
its progress, then review what it proposed. The run itself is :mod:`selaras.web.suggest_runs` (a background
thread of this worker process); the review is the links page, filtered to the run's PD or document.

Starting needs :attr:`~selaras.web.authz.Action.SUGGEST_LINKS` on the PD that owns the documents (an admin of the
pemda, or the editor of that PD); anyone who reads the pemda may follow the progress.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from selaras.store.tables import DocumentRow
from selaras.web.authz import Action, Decision, decide
from selaras.web.context import Caller, CallerDep, Web, WebContext, WriterDep, authorize, target
from selaras.web.pages import redirect, render
from selaras.web.suggest_runs import (
    PD_PLAN_KINDS,
    RunBusy,
    SuggestRunJson,
    SuggestStatus,
    TargetChoice,
    target_choices,
)

api = APIRouter(tags=["tautan"])
pages = APIRouter()

__all__ = ["api", "may_suggest", "pages", "review_path", "status_path"]


class SuggestStart(BaseModel):
    target: str = Field(description="Kunci dokumen sasaran (lihat pilihan di halaman PD atau dokumen)")
    pd: str | None = Field(default=None, description="Kode PD: semua Renstra, Renja dan IKU-nya")
    document: int | None = Field(default=None, description="Atau satu dokumen (id)")


def status_path(pemda: str) -> str:
    return f"/pemda/{pemda}/suggestions"


def review_path(run: SuggestRunJson) -> str:
    """The links page showing what the run proposed: the PD's suggestions, or the document's."""
    shown = {"document": run.documents[0]} if run.scope == "document" else {"pd": run.pd or ""}
    return f"/pemda/{run.pemda}/links?{urlencode({'status': 'proposed', **shown})}"


def may_suggest(who: Caller, pemda: str, pd: str | None) -> bool:
    """Whether the page shows the caller the "Buat usulan tautan" form for ``pd``'s documents."""
    return decide(who.principal, Action.SUGGEST_LINKS, target(pemda, pd)) is Decision.ALLOW


def _scope(web: WebContext, who: Caller, pemda: str, start: SuggestStart) -> tuple[list[str], str | None]:
    """The source documents and their PD, after checking the caller may start a run on them."""
    if (start.pd is None) == (start.document is None):
        raise HTTPException(422, who.t("suggest-scope"))
    with web.database.session() as session:
        if start.document is not None:
            row = session.get(DocumentRow, start.document)
            if row is None or row.pemda != pemda:
                authorize(who, Action.READ, pemda)
                raise HTTPException(404, who.t("not-found"))
            authorize(who, Action.SUGGEST_LINKS, pemda, row.pd)
            return [row.key], row.pd
        authorize(who, Action.SUGGEST_LINKS, pemda, start.pd)
        keys = session.scalars(
            select(DocumentRow.key)
            .where(
                DocumentRow.pemda == pemda,
                DocumentRow.pd == start.pd,
                DocumentRow.kind.in_([kind.value for kind in PD_PLAN_KINDS]),
            )
            .order_by(DocumentRow.kind, DocumentRow.period_start, DocumentRow.key)
        ).all()
    if not keys:
        raise HTTPException(422, who.t("suggest-no-documents", pd=start.pd))
    return list(keys), start.pd


def _target(web: WebContext, who: Caller, pemda: str, key: str) -> TargetChoice:
    chosen = next((choice for choice in target_choices(web.database, pemda) if choice.key == key), None)
    if chosen is None:
        raise HTTPException(422, who.t("suggest-unknown-target", target=key))
    return chosen


def _start(web: WebContext, who: Caller, pemda: str, start: SuggestStart) -> SuggestRunJson:
    """Start the run; :class:`RunBusy` when one of this pemda is still going."""
    documents, pd = _scope(web, who, pemda, start)
    chosen = _target(web, who, pemda, start.target)
    scope: Literal["pd", "document"] = "document" if start.document is not None else "pd"
    return web.suggestions.start(pemda, documents, chosen, scope=scope, pd=pd, by=who.username)


def _busy_text(who: Caller, busy: RunBusy) -> str:
    return who.t("suggest-busy", by=busy.run.started_by) if busy.run else who.t("suggest-busy-starting")


@api.post(
    "/pemda/{pemda}/suggestions",
    status_code=202,
    summary="Mulai membuat usulan tautan untuk satu PD atau satu dokumen, di latar belakang",
    responses={409: {"description": "Pembuatan usulan pemda ini masih berjalan"}},
)
def start_api(pemda: str, start: SuggestStart, who: WriterDep, web: Web) -> SuggestRunJson:
    """One run per pemda at a time; it lives in the server process that received this request (see
    ``GET .../suggestions`` for its progress)."""
    try:
        return _start(web, who, pemda, start)
    except RunBusy as busy:
        raise HTTPException(409, _busy_text(who, busy)) from None


@api.get("/pemda/{pemda}/suggestions", summary="Kemajuan pembuatan usulan tautan terakhir pemda ini")
def status_api(pemda: str, who: CallerDep, web: Web) -> SuggestStatus:
    authorize(who, Action.READ, pemda)
    return SuggestStatus(run=web.suggestions.current(pemda))


def _status_page(
    web: WebContext, request: Request, who: Caller, pemda: str, *, status: int = 200, message: str | None = None
) -> HTMLResponse:
    run = web.suggestions.current(pemda)
    return render(
        web,
        request,
        who,
        "suggestions.html",
        status=status,
        pemda=pemda,
        run=run,
        review=review_path(run) if run else None,
        message=message,
    )


@pages.get("/pemda/{pemda}/suggestions", response_class=HTMLResponse)
def status_page(pemda: str, request: Request, who: CallerDep, web: Web) -> HTMLResponse:
    """The latest run: progress while it runs (selaras.js refreshes it), then its counts and the review link."""
    authorize(who, Action.READ, pemda)
    return _status_page(web, request, who, pemda)


@pages.post("/pemda/{pemda}/suggestions")
def start_page(
    pemda: str,
    request: Request,
    who: WriterDep,
    web: Web,
    target_key: Annotated[str, Form(alias="target")],
    pd: Annotated[str | None, Form()] = None,
    document: Annotated[int | None, Form()] = None,
) -> Response:
    """Start, then to the progress page; a run already going is shown there with the refusal (409)."""
    try:
        _start(web, who, pemda, SuggestStart(target=target_key, pd=pd or None, document=document))
    except RunBusy as busy:
        return _status_page(web, request, who, pemda, status=409, message=_busy_text(who, busy))
    return redirect(status_path(pemda))

"""Reviewing link suggestions: list (proposed by default), accept/reject one, or decide all above a score."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from selaras.domain import LinkStatus
from selaras.numbers import parse_number
from selaras.store.links import LinkJson, StoredLink, decide_above, decide_links, get_link, link_json, list_links
from selaras.web.authz import Action
from selaras.web.context import Caller, CallerDep, Web, WebContext, WriterDep, authorize
from selaras.web.pages import redirect, render, safe_next

api = APIRouter(tags=["tautan"])
pages = APIRouter()

Choice = Literal["accepted", "rejected"]


class LinkDecision(BaseModel):
    decision: Choice
    expected_status: LinkStatus = Field(
        default=LinkStatus.PROPOSED, description="Status yang Anda lihat; berbeda → 409"
    )


class BulkDecision(BaseModel):
    decision: Choice = "accepted"
    min_score: float = Field(ge=0, le=1)
    pd: str | None = Field(default=None, description="Hanya tautan dari dokumen PD ini (wajib bagi editor PD)")


class BulkDecided(BaseModel):
    decided: int = Field(description="Jumlah usulan yang diputuskan")


def _list(
    web: WebContext, pemda: str, status: str, min_score: float | None, pd: str | None, document: str | None = None
) -> list[StoredLink]:
    """``status`` empty: every status; ``document``: only links from that source document."""
    statuses = (LinkStatus(status),) if status else ()
    with web.database.session() as session:
        return list_links(
            session,
            pemda=pemda,
            pd=pd or None,
            source_document=document or None,
            statuses=statuses,
            min_score=min_score,
            limit=500,
        )


def _decide(web: WebContext, who: Caller, link_id: int, decision: LinkDecision) -> StoredLink:
    with web.database.session() as session:
        link = get_link(session, link_id)
    authorize(who, Action.DECIDE_LINK, link.pemda, link.source_pd)
    with web.database.session() as session:
        [decided] = decide_links(
            session, [link_id], LinkStatus(decision.decision), seen=decision.expected_status, by=who.username
        )
    return decided


def _bulk(web: WebContext, who: Caller, pemda: str, bulk: BulkDecision) -> int:
    pd = bulk.pd or (who.principal.pd if who.principal.role.value == "editor" else None)
    authorize(who, Action.DECIDE_LINK, pemda, pd)
    with web.database.session() as session:
        decided = decide_above(session, bulk.min_score, LinkStatus(bulk.decision), by=who.username, pemda=pemda, pd=pd)
    return len(decided)


@api.get("/pemda/{pemda}/links", summary="Tautan pemda (bawaan: usulan yang belum diputuskan), skor tertinggi dulu")
def links(
    pemda: str,
    who: CallerDep,
    web: Web,
    status: LinkStatus | Literal[""] = LinkStatus.PROPOSED,
    min_score: float | None = None,
    pd: str | None = None,
) -> list[LinkJson]:
    """``status`` empty: every status; at most 500 links."""
    authorize(who, Action.READ, pemda)
    return [link_json(link) for link in _list(web, pemda, status, min_score, pd)]


@api.post(
    "/links/{link_id}/decision",
    summary="Terima atau tolak satu tautan; 409 bila sudah diputuskan orang lain",
    responses={409: {"description": "Status tautan sudah berubah"}},
)
def decide(link_id: int, decision: LinkDecision, who: WriterDep, web: Web) -> LinkJson:
    return link_json(_decide(web, who, link_id, decision))


@api.post("/pemda/{pemda}/links/bulk-decision", summary="Putuskan semua usulan dengan skor ≥ min_score")
def decide_bulk(pemda: str, bulk: BulkDecision, who: WriterDep, web: Web) -> BulkDecided:
    return BulkDecided(decided=_bulk(web, who, pemda, bulk))


@pages.get("/pemda/{pemda}/links", response_class=HTMLResponse)
def links_page(
    pemda: str,
    request: Request,
    who: CallerDep,
    web: Web,
    status: LinkStatus | Literal[""] = LinkStatus.PROPOSED,
    score: Annotated[str | None, Query(alias="min_score")] = None,
    pd: str | None = None,
    document: str | None = None,
    decided: int | None = None,
) -> HTMLResponse:
    """The review list; the filter form sends an empty ``min_score`` when none is wanted, or ``0,8`` style.
    ``document`` keeps one source document's links (where "Buat usulan tautan" on a document leads)."""
    authorize(who, Action.READ, pemda)
    try:
        parsed = parse_number(score.strip() or None) if score else None
    except ValueError:
        raise HTTPException(422, f"skor minimal '{score}' bukan angka (contoh: 0,8)") from None
    min_score = float(parsed) if parsed is not None else None
    listed = _list(web, pemda, status, min_score, pd, document)
    shown = {
        "status": status,
        "pd": pd or "",
        **({"document": document} if document else {}),
        **({"min_score": min_score} if min_score is not None else {}),
    }
    return render(
        web,
        request,
        who,
        "links.html",
        pemda=pemda,
        links=listed,
        shown_status=status,
        min_score=min_score,
        pd=pd or "",
        document=document or "",
        decided=decided,
        back=f"/pemda/{pemda}/links?{urlencode({**shown, 'decided': 1})}",
    )


@pages.post("/links/{link_id}/decision")
def decide_page(
    link_id: int,
    who: WriterDep,
    web: Web,
    decision: Annotated[Choice, Form()],
    expected_status: Annotated[LinkStatus, Form()] = LinkStatus.PROPOSED,
    next: Annotated[str | None, Form()] = None,
) -> Response:
    """Decide, then back to the list as it was filtered (``next``), which then says the decision was saved."""
    link = _decide(web, who, link_id, LinkDecision(decision=decision, expected_status=expected_status))
    return redirect(safe_next(next) if next else f"/pemda/{link.pemda}/links")


@pages.post("/pemda/{pemda}/links/bulk")
def bulk_page(
    pemda: str,
    who: WriterDep,
    web: Web,
    min_score: Annotated[float, Form(ge=0, le=1)],
    decision: Annotated[Choice, Form()] = "accepted",
    pd: Annotated[str | None, Form()] = None,
) -> Response:
    count = _bulk(web, who, pemda, BulkDecision(decision=decision, min_score=min_score, pd=pd or None))
    return redirect(f"/pemda/{pemda}/links?decided={count}")

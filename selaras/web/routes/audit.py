"""The audit log of a pemda (admin): who changed what, when, old → new."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import Field

from selaras.store.audit import AuditEntry, list_audit
from selaras.web.authz import Action
from selaras.web.context import CallerDep, Web, WebContext, authorize
from selaras.web.pages import render
from selaras.web.serialize import Shape

api = APIRouter(tags=["audit"])
pages = APIRouter()


def _entries(web: WebContext, pemda: str, entity: str | None, limit: int, offset: int) -> list[AuditEntry]:
    with web.database.session() as session:
        return list_audit(session, [pemda], entity=entity or None, limit=limit, offset=offset)


class AuditEntryJson(Shape):
    id: int
    pemda: str
    username: str
    at: str = Field(description="Waktu (UTC, ISO 8601)")
    action: str
    entity: str
    entity_id: str
    old: dict[str, Any] = Field(description="Nilai sebelum perubahan")
    new: dict[str, Any] = Field(description="Nilai sesudah perubahan")


@api.get("/pemda/{pemda}/audit", response_model=list[AuditEntryJson], summary="Log audit pemda, terbaru dulu (admin)")
def audit(
    pemda: str,
    who: CallerDep,
    web: Web,
    entity: str | None = None,
    limit: int = Query(200, ge=1, le=1000),
    offset: int = Query(0, ge=0),
) -> list[dict[str, object]]:
    authorize(who, Action.READ_ADMIN, pemda)
    return [{**asdict(entry), "at": entry.at.isoformat()} for entry in _entries(web, pemda, entity, limit, offset)]


@pages.get("/pemda/{pemda}/audit", response_class=HTMLResponse)
def audit_page(
    pemda: str, request: Request, who: CallerDep, web: Web, entity: str | None = None, offset: int = Query(0, ge=0)
) -> HTMLResponse:
    authorize(who, Action.READ_ADMIN, pemda)
    entries = _entries(web, pemda, entity, 200, offset)
    return render(web, request, who, "audit.html", pemda=pemda, entries=entries, entity=entity or "", offset=offset)

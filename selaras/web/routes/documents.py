"""Documents: the list, uploading an Excel/CSV file (import problems shown inline), downloading a workbook,
and one document's items."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import func, select

from selaras.domain import DocumentKind, Period
from selaras.errors import ImportFailed, NotFound
from selaras.ingest.problems import ImportProblem, Severity
from selaras.ingest.service import ImportRequest, ImportResult, import_file
from selaras.store.audit import record_audit
from selaras.store.plans import load_plan
from selaras.store.tables import DocumentRow, ItemRow
from selaras.store.tenants import find_perangkat_daerah
from selaras.web.authz import Action
from selaras.web.context import Caller, CallerDep, Web, WebContext, WriterDep, authorize
from selaras.web.pages import render
from selaras.workbook.writer import write_plan

api = APIRouter(tags=["dokumen"])
pages = APIRouter()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _documents(web: WebContext, pemda: str) -> list[dict[str, object]]:
    counts = select(ItemRow.document_id, func.count().label("items")).group_by(ItemRow.document_id).subquery()
    query = (
        select(DocumentRow, func.coalesce(counts.c["items"], 0))
        .outerjoin(counts, counts.c["document_id"] == DocumentRow.id)
        .where(DocumentRow.pemda == pemda)
        .order_by(DocumentRow.key)
    )
    with web.database.session() as session:
        return [
            {
                "id": row.id,
                "key": row.key,
                "kind": row.kind,
                "pd": row.pd,
                "period": f"{row.period_start}"
                if row.period_start == row.period_end
                else f"{row.period_start}-{row.period_end}",
                "version": row.version,
                "status": row.status,
                "title": row.title,
                "items": int(items),
                "updated_at": row.updated_at.isoformat(timespec="seconds"),
            }
            for row, items in session.execute(query)
        ]


def _document_row(web: WebContext, document_id: int) -> DocumentRow:
    with web.database.session() as session:
        row = session.get(DocumentRow, document_id)
    if row is None:
        raise NotFound(f"dokumen #{document_id} tidak ada")
    return row


@api.get("/pemda/{pemda}/documents", summary="Dokumen perencanaan pemda")
def list_documents(pemda: str, who: CallerDep, web: Web) -> list[dict[str, object]]:
    authorize(who, Action.READ, pemda)
    return _documents(web, pemda)


def _import(
    web: WebContext,
    who: Caller,
    pemda: str,
    upload: UploadFile,
    kind: str,
    pd: str | None,
    period: str,
    version: str | None,
) -> ImportResult:
    """Authorize against the PD the file is for (an editor uploads only its own), then import all-or-nothing."""
    try:
        document_kind = DocumentKind(kind.strip().upper())
        document_period = Period.parse(period)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    owner = (pd or who.principal.pd or "").strip() if document_kind.belongs_to_pd else None
    with web.database.session() as session:
        found = find_perangkat_daerah(session, pemda, owner) if owner else None
    authorize(who, Action.EDIT_PLAN, pemda, found.kode if found else owner)
    name = Path(upload.filename or "unggahan.xlsx").name
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(upload.file.read())
        request = ImportRequest(
            path, pemda, document_kind, document_period, owner or None, version or None, who.username
        )
        result = import_file(web.database, request, nomenclature=web.nomenclature)
    with web.database.session() as session:
        for done in result.documents:
            if done.outcome != "unchanged":
                record_audit(
                    session,
                    pemda=pemda,
                    username=who.username,
                    action="import",
                    entity="document",
                    entity_id=done.document_key,
                    new={"file": name, "outcome": done.outcome, **done.counts},
                )
    return result


def _problems(problems: list[ImportProblem], lang: str) -> dict[str, list[dict[str, object]]]:
    return {
        "errors": [problem.to_dict(lang) for problem in problems if problem.severity is Severity.GALAT],
        "warnings": [problem.to_dict(lang) for problem in problems if problem.severity is not Severity.GALAT],
    }


@api.post("/pemda/{pemda}/documents", status_code=201, summary="Unggah dan impor satu dokumen (Excel/CSV)")
def upload_document(
    pemda: str,
    who: WriterDep,
    web: Web,
    file: Annotated[UploadFile, File()],
    kind: Annotated[str, Form()],
    period: Annotated[str, Form(description="Tahun (2026) atau periode (2025-2029)")],
    pd: Annotated[str | None, Form()] = None,
    version: Annotated[str | None, Form()] = None,
) -> Response:
    try:
        result = _import(web, who, pemda, file, kind, pd, period, version)
    except ImportFailed as failure:
        return JSONResponse({"ok": False, **_problems(failure.problems, who.lang)}, status_code=422)
    body = {
        "ok": True,
        "outcome": result.outcome,
        "format": result.file_format,
        **result.totals(),
        "documents": [
            {"document": done.document_key, "pd": done.pd, "outcome": done.outcome, **done.counts}
            for done in result.documents
        ],
        **_problems(result.warnings, who.lang),
    }
    return JSONResponse(body, status_code=201)


@api.get("/documents/{document_id}/workbook", summary="Unduh dokumen sebagai buku kerja Selaras (.xlsx)")
def download_workbook(document_id: int, who: CallerDep, web: Web) -> Response:
    row = _document_row(web, document_id)
    authorize(who, Action.READ, row.pemda)
    with web.database.session() as session:
        plan = load_plan(session, row.key)
    with tempfile.TemporaryDirectory() as folder:
        path = write_plan(Path(folder) / "dokumen.xlsx", plan)
        content = path.read_bytes()
    name = row.key.replace("/", "_") + ".xlsx"
    return Response(content, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _items(web: WebContext, document_id: int) -> list[dict[str, object]]:
    query = select(ItemRow).where(ItemRow.document_id == document_id).order_by(ItemRow.position)
    with web.database.session() as session:
        return [
            {
                "id": r.id,
                "key": r.key,
                "level": r.level,
                "text": r.text,
                "code": r.code,
                "parent": r.parent_key,
                "pd": r.pd,
                "version": r.version,
            }
            for r in session.scalars(query)
        ]


@api.get("/documents/{document_id}", summary="Satu dokumen dengan daftar itemnya")
def get_document(document_id: int, who: CallerDep, web: Web) -> dict[str, object]:
    row = _document_row(web, document_id)
    authorize(who, Action.READ, row.pemda)
    return {
        "id": row.id,
        "key": row.key,
        "pemda": row.pemda,
        "pd": row.pd,
        "title": row.title,
        "items": _items(web, document_id),
    }


@pages.get("/pemda/{pemda}/documents", response_class=HTMLResponse)
def documents_page(pemda: str, request: Request, who: CallerDep, web: Web) -> HTMLResponse:
    authorize(who, Action.READ, pemda)
    return render(
        web, request, who, "documents.html", pemda=pemda, documents=_documents(web, pemda), kinds=list(DocumentKind)
    )


@pages.post("/pemda/{pemda}/documents", response_class=HTMLResponse)
def upload_page(
    pemda: str,
    request: Request,
    who: WriterDep,
    web: Web,
    file: Annotated[UploadFile, File()],
    kind: Annotated[str, Form()],
    period: Annotated[str, Form()],
    pd: Annotated[str | None, Form()] = None,
    version: Annotated[str | None, Form()] = None,
) -> HTMLResponse:
    result, problems, status = None, [], 200
    try:
        result = _import(web, who, pemda, file, kind, pd or None, period, version)
        problems = result.warnings
    except ImportFailed as failure:
        problems, status = failure.problems, 422
    return render(
        web,
        request,
        who,
        "documents.html",
        status=status,
        pemda=pemda,
        documents=_documents(web, pemda),
        kinds=list(DocumentKind),
        result=result,
        problems=problems,
    )


@pages.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(document_id: int, request: Request, who: CallerDep, web: Web) -> HTMLResponse:
    row = _document_row(web, document_id)
    authorize(who, Action.READ, row.pemda)
    return render(web, request, who, "document.html", pemda=row.pemda, document=row, items=_items(web, document_id))

"""Documents: the list, uploading an Excel/CSV file (import problems shown inline), downloading a workbook (or a
Renja/RKPD as its official Permendagri 86/2017 table), and one document's items."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select

from selaras.changes import diff_lines
from selaras.domain import DocumentKind, Period
from selaras.domain.diff import diff_plans
from selaras.errors import ImportFailed, NotFound
from selaras.ingest.problems import ImportProblem, Severity
from selaras.ingest.service import ImportRequest, ImportResult, import_file
from selaras.ingest.upload_limits import check_unpacked_size
from selaras.report.official.load import document_table_kind, load_official_table
from selaras.report.official.pdf import write_official_pdf
from selaras.report.official.table import Paper, table_kind
from selaras.report.official.xlsx import write_official_xlsx
from selaras.store.audit import record_audit
from selaras.store.plans import load_plan
from selaras.store.tables import DocumentRow, ItemRow
from selaras.store.tenants import find_perangkat_daerah
from selaras.store.versions import list_versions, load_version, restore_version
from selaras.web.authz import Action, Role
from selaras.web.context import Caller, CallerDep, Web, WebContext, WriterDep, authorize
from selaras.web.pages import render
from selaras.web.routes.suggest import may_suggest
from selaras.web.serialize import Number, Shape
from selaras.web.suggest_runs import target_choices
from selaras.web.uploads import StoredUpload, confirmed, keep, receive
from selaras.workbook.writer import write_plan

api = APIRouter(tags=["dokumen"])
pages = APIRouter()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RestoreBody(BaseModel):
    version: int


class DocumentJson(Shape):
    id: int
    key: str = Field(description="pemda/JENIS/pd/periode/versi")
    kind: str
    pd: str | None
    period: str = Field(description="Tahun (2026) atau periode (2025-2029)")
    version: str = Field(description="Versi dokumen, misalnya final")
    status: str
    title: str
    items: int = Field(description="Jumlah item")
    updated_at: str


class PlanCounts(Shape):
    """What a document holds (``Plan.summary``)."""

    items: dict[str, int] = Field(description="Jumlah item per tingkat")
    indicators: int
    pagu: dict[str, dict[str, Number | None]] = Field(description="Pagu per tingkat per tahun")


class ImportProblemJson(Shape):
    """``ImportProblem.to_dict``: where, what was found, and the message."""

    code: str
    severity: str = Field(description="galat atau peringatan")
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str
    message: str


class ImportedDocument(PlanCounts):
    document: str
    pd: str | None
    outcome: str = Field(description="created, replaced atau unchanged")
    version: int | None = Field(description="Versi yang dicatat impor ini")
    changes: list[str] = Field(description="Perubahan terhadap dokumen tersimpan")


class Imported(PlanCounts):
    ok: bool
    dry_run: bool
    outcome: str = Field(description="created, replaced, unchanged atau mixed")
    format: str = Field(description="Tata letak berkas yang dikenali")
    documents: list[ImportedDocument]
    errors: list[ImportProblemJson]
    warnings: list[ImportProblemJson]


class ImportRefused(Shape):
    ok: bool
    errors: list[ImportProblemJson]
    warnings: list[ImportProblemJson]


class _Saved(Shape):
    version: int
    saved_at: str
    saved_by: str
    reason: str = Field(description="impor, suntingan, pulihkan, ...")
    file: str
    forced: bool


class VersionJson(_Saved):
    """A stored version, then the counts it was saved with (``Plan.summary``, keys sorted as stored; extra
    keys of older versions pass)."""

    model_config = ConfigDict(extra="allow")

    indicators: int
    items: dict[str, int]
    pagu: dict[str, dict[str, Number | None]]


class Restored(Shape):
    document: str
    version: int
    outcome: str


class ItemRowJson(Shape):
    id: int
    key: str
    level: str
    text: str
    code: str | None
    parent: str | None
    pd: str | None
    version: int


class DocumentItems(Shape):
    id: int
    key: str
    pemda: str
    pd: str | None
    title: str
    items: list[ItemRowJson]


def document_rows(web: WebContext, pemda: str, *, pd: str | None = None) -> list[dict[str, object]]:
    """The pemda's documents (of one PD when ``pd`` is given) with their item counts, by key."""
    counts = select(ItemRow.document_id, func.count().label("items")).group_by(ItemRow.document_id).subquery()
    query = (
        select(DocumentRow, func.coalesce(counts.c["items"], 0))
        .outerjoin(counts, counts.c["document_id"] == DocumentRow.id)
        .where(DocumentRow.pemda == pemda, *([DocumentRow.pd == pd] if pd else []))
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


@api.get("/pemda/{pemda}/documents", response_model=list[DocumentJson], summary="Dokumen perencanaan pemda")
def list_documents(pemda: str, who: CallerDep, web: Web) -> list[dict[str, object]]:
    authorize(who, Action.READ, pemda)
    return document_rows(web, pemda)


def _import(
    web: WebContext,
    who: Caller,
    pemda: str,
    upload: StoredUpload,
    *,
    dry_run: bool = False,
) -> ImportResult:
    """Authorize against the PD the file is for (an editor uploads only its own), then import all-or-nothing."""
    try:
        document_kind = DocumentKind(upload.kind.strip().upper())
        document_period = Period.parse(upload.period)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    owner = (upload.pd or who.principal.pd or "").strip() if document_kind.belongs_to_pd else None
    with web.database.session() as session:
        found = find_perangkat_daerah(session, pemda, owner) if owner else None
    authorize(who, Action.EDIT_PLAN, pemda, found.kode if found else owner)
    check_unpacked_size(upload.path, limit=web.settings.unpacked_limit_mb * 1_000_000)
    request = ImportRequest(
        upload.path,
        pemda,
        document_kind,
        document_period,
        owner or None,
        upload.version or None,
        who.username,
        force=upload.force,
        dry_run=dry_run,
    )
    result = import_file(web.database, request, nomenclature=web.nomenclature)
    if dry_run:
        return result
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
                    new={"file": upload.path.name, "outcome": done.outcome, "forced": upload.force, **done.counts},
                )
    return result


def _problems(problems: list[ImportProblem], lang: str) -> dict[str, list[dict[str, object]]]:
    return {
        "errors": [problem.to_dict(lang) for problem in problems if problem.severity is Severity.GALAT],
        "warnings": [problem.to_dict(lang) for problem in problems if problem.severity is not Severity.GALAT],
    }


@api.post(
    "/pemda/{pemda}/documents",
    status_code=201,
    response_model=Imported,
    responses={
        200: {"model": Imported, "description": "dry_run: perubahan yang akan terjadi, tidak disimpan"},
        422: {"model": ImportRefused, "description": "Berkas ditolak; tidak ada yang disimpan"},
    },
    summary="Unggah dan impor satu dokumen (Excel/CSV)",
)
def upload_document(
    pemda: str,
    who: WriterDep,
    web: Web,
    file: Annotated[UploadFile, File()],
    kind: Annotated[str, Form()],
    period: Annotated[str, Form(description="Tahun (2026) atau periode (2025-2029)")],
    pd: Annotated[str | None, Form()] = None,
    version: Annotated[str | None, Form()] = None,
    force: Annotated[bool, Form(description="Simpan juga bila isi berkas menyebut PD lain (dicatat)")] = False,
    dry_run: Annotated[bool, Form(description="Hanya tampilkan perubahan; tidak menyimpan")] = False,
) -> Response:
    with receive(web, who, pemda, file, kind=kind, period=period, pd=pd, version=version, force=force) as upload:
        try:
            result = _import(web, who, pemda, upload, dry_run=dry_run)
        except ImportFailed as failure:
            return JSONResponse({"ok": False, **_problems(failure.problems, who.lang)}, status_code=422)
    body = {
        "ok": True,
        "dry_run": dry_run,
        "outcome": result.outcome,
        "format": result.file_format,
        **result.totals(),
        "documents": [
            {
                "document": done.document_key,
                "pd": done.pd,
                "outcome": done.outcome,
                "version": done.version,
                "changes": diff_lines(done.diff, who.lang) if done.diff else [],
                **done.counts,
            }
            for done in result.documents
        ],
        **_problems(result.warnings, who.lang),
    }
    return JSONResponse(body, status_code=200 if dry_run else 201)


@api.get("/documents/{document_id}/versions", response_model=list[VersionJson], summary="Versi-versi satu dokumen")
def document_versions(document_id: int, who: CallerDep, web: Web) -> list[dict[str, object]]:
    row = _document_row(web, document_id)
    authorize(who, Action.READ, row.pemda)
    return _versions(web, row.key)


@api.post(
    "/documents/{document_id}/restore",
    response_model=Restored,
    summary="Pulihkan satu versi dokumen (isi saat ini disimpan sebagai versi)",
)
def restore_document(document_id: int, body: RestoreBody, who: WriterDep, web: Web) -> dict[str, object]:
    row = _document_row(web, document_id)
    authorize(who, Action.EDIT_PLAN, row.pemda, row.pd)
    return {"document": row.key, "version": body.version, "outcome": _restore(web, who, row, body.version)}


@api.get(
    "/documents/{document_id}/workbook",
    response_class=Response,
    responses={200: {"content": {XLSX: {"schema": {"type": "string", "format": "binary"}}}}},
    summary="Unduh dokumen sebagai buku kerja Selaras (.xlsx)",
)
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


OFFICIAL_MEDIA = {"xlsx": XLSX, "pdf": "application/pdf"}
_BINARY = {"schema": {"type": "string", "format": "binary"}}


@api.get(
    "/documents/{document_id}/permendagri86",
    response_class=Response,
    responses={
        200: {"content": {media: _BINARY for media in OFFICIAL_MEDIA.values()}},
        404: {"description": "Dokumen tidak ada, atau bukan Renja/RKPD"},
    },
    summary="Unduh Renja atau RKPD sebagai tabel resmi Permendagri 86/2017 (Excel atau PDF) untuk dicetak",
)
def download_official_table(
    document_id: int,
    who: CallerDep,
    web: Web,
    format: Literal["xlsx", "pdf"] = "xlsx",
    kertas: Paper = Paper.A4,
    tempat: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    row = _document_row(web, document_id)
    authorize(who, Action.READ, row.pemda)
    with web.database.session() as session:
        if document_table_kind(session, row.key) is None:
            raise HTTPException(404, "Tabel resmi Permendagri 86/2017 hanya untuk Renja dan RKPD")
        table = load_official_table(session, row.key, nomenclature=web.nomenclature, place=tempat.strip())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"tabel.{format}"
        if format == "pdf":
            write_official_pdf(table, path, paper=kertas)
        else:
            write_official_xlsx(table, path, paper=kertas)
        content = path.read_bytes()
    name = f"{row.key.replace('/', '_')}_permendagri86.{format}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(content, media_type=OFFICIAL_MEDIA[format], headers=disposition)


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


@api.get("/documents/{document_id}", response_model=DocumentItems, summary="Satu dokumen dengan daftar itemnya")
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
        web, request, who, "documents.html", pemda=pemda, documents=document_rows(web, pemda), **_upload_choices(who)
    )


def _upload_choices(who: Caller) -> dict[str, Any]:
    """What the upload form offers: an editor uploads only the kinds of document a PD owns, for their own PD
    (pre-filled, not asked); an admin any kind, for the PD they type."""
    principal = who.principal
    if principal.role is Role.EDITOR:
        return {"kinds": [kind for kind in DocumentKind if kind.belongs_to_pd], "upload_pd": principal.pd}
    return {"kinds": list(DocumentKind), "upload_pd": None}


@pages.post("/pemda/{pemda}/documents", response_class=HTMLResponse)
def upload_page(
    pemda: str,
    request: Request,
    who: WriterDep,
    web: Web,
    file: Annotated[UploadFile | None, File()] = None,
    kind: Annotated[str, Form()] = "RENJA",
    period: Annotated[str, Form()] = "",
    pd: Annotated[str | None, Form()] = None,
    version: Annotated[str | None, Form()] = None,
    force: Annotated[bool, Form()] = False,
    token: Annotated[str | None, Form()] = None,
) -> HTMLResponse:
    """Upload, then — when it would replace a stored document — show what will change and ask to confirm; the
    file waits on the server under a token bound to the user, so the confirmation does not upload it again."""
    result, problems, status = None, [], 200
    try:
        if token:
            with confirmed(web, who, pemda, token) as upload:
                result = _import(web, who, pemda, upload)
        elif file is not None:
            upload = keep(web, who, pemda, file, kind=kind, period=period, pd=pd, version=version, force=force)
            preview = _import(web, who, pemda, upload, dry_run=True)
            if any(done.outcome == "replaced" for done in preview.documents):
                changes = [(done, diff_lines(done.diff, who.lang) if done.diff else []) for done in preview.documents]
                return render(web, request, who, "confirm.html", pemda=pemda, token=upload.token, changes=changes)
            with confirmed(web, who, pemda, upload.token) as kept:
                result = _import(web, who, pemda, kept)
        else:
            raise HTTPException(422, "berkas belum dipilih")
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
        documents=document_rows(web, pemda),
        **_upload_choices(who),
        result=result,
        problems=problems,
    )


@pages.get("/documents/{document_id}/changes", response_class=HTMLResponse)
def changes_page(document_id: int, request: Request, who: CallerDep, web: Web, versi: int) -> HTMLResponse:
    """What changed from version ``versi`` to the document's current content (items, pagu, targets, links)."""
    row = _document_row(web, document_id)
    authorize(who, Action.READ, row.pemda)
    with web.database.session() as session:
        lines = diff_lines(diff_plans(load_version(session, row.key, versi), load_plan(session, row.key)), who.lang)
    return render(web, request, who, "changes.html", pemda=row.pemda, document=row, versi=versi, lines=lines)


@pages.post("/documents/{document_id}/restore")
def restore_page(document_id: int, who: WriterDep, web: Web, version: Annotated[int, Form()]) -> RedirectResponse:
    row = _document_row(web, document_id)
    authorize(who, Action.EDIT_PLAN, row.pemda, row.pd)
    _restore(web, who, row, version)
    return RedirectResponse(f"/documents/{document_id}#versi", status_code=303)


def _restore(web: WebContext, who: Caller, row: DocumentRow, version: int) -> str:
    """Restore ``version`` of the document (audited); the content it replaces becomes a version too."""
    with web.database.session() as session:
        before = load_plan(session, row.key).summary()
        outcome = restore_version(session, row.key, version, who.username)
        record_audit(
            session,
            pemda=row.pemda,
            username=who.username,
            action="restore",
            entity="document",
            entity_id=row.key,
            old=before,
            new={"version": version, "outcome": outcome, **load_plan(session, row.key).summary()},
        )
    return outcome


def _versions(web: WebContext, key: str) -> list[dict[str, object]]:
    with web.database.session() as session:
        return [
            {
                "version": version.number,
                "saved_at": version.saved_at.isoformat(timespec="seconds"),
                "saved_by": version.saved_by,
                "reason": version.reason,
                "file": version.file_name,
                "forced": version.forced,
                **version.counts,
            }
            for version in list_versions(session, key)
        ]


@pages.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(document_id: int, request: Request, who: CallerDep, web: Web) -> HTMLResponse:
    row = _document_row(web, document_id)
    authorize(who, Action.READ, row.pemda)
    suggest = may_suggest(who, row.pemda, row.pd)
    return render(
        web,
        request,
        who,
        "document.html",
        pemda=row.pemda,
        document=row,
        official=table_kind(DocumentKind(row.kind)) is not None,
        items=_items(web, document_id),
        versions=_versions(web, row.key),
        may_suggest=suggest,
        targets=target_choices(web.database, row.pemda) if suggest else [],
        run=web.suggestions.current(row.pemda),
    )

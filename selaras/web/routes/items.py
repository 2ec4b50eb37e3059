"""One item: read it, and edit its text, lokasi, indicator targets and pagu with optimistic locking."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from selaras.errors import StageClosed
from selaras.numbers import parse_number
from selaras.store.calendar import check_open, load_document
from selaras.store.items import ItemChanges, ItemDetail, edit_item, load_item
from selaras.web.authz import Action
from selaras.web.context import Caller, CallerDep, Web, WebContext, WriterDep, authorize
from selaras.web.pages import redirect, render
from selaras.web.serialize import item_json

api = APIRouter(tags=["item"])
pages = APIRouter()


class ItemEdit(BaseModel):
    """An edit of one item; ``version`` is the version the edit is based on (from GET)."""

    version: int = Field(ge=1)
    text: str | None = None
    lokasi: str | None = None
    targets: dict[int, dict[int, str | float]] = Field(
        default_factory=dict, description="Per posisi indikator (0, 1, ...): {tahun: target}; angka boleh '97,5'."
    )
    pagu: dict[int, str | float] = Field(default_factory=dict, description="Per posisi baris anggaran: pagu baru.")


def _number(value: object, what: str) -> Decimal:
    try:
        number = parse_number(value)
    except ValueError:
        number = None
    if number is None:
        raise HTTPException(422, f"{what}: '{value}' bukan angka (contoh: 1.250.000 atau 97,5)")
    return number


def _changes(edit: ItemEdit) -> ItemChanges:
    return ItemChanges(
        text=edit.text,
        lokasi=edit.lokasi,
        targets={
            position: {year: _number(value, f"target tahun {year}") for year, value in years.items()}
            for position, years in edit.targets.items()
        },
        pagu={position: _number(value, "pagu") for position, value in edit.pagu.items()},
    )


def _load(web: WebContext, who: Caller, item_id: int, action: Action) -> ItemDetail:
    with web.database.session() as session:
        item = load_item(session, item_id)
    authorize(who, action, item.pemda, item.owner_pd)
    return item


def _save(web: WebContext, who: Caller, item_id: int, edit: ItemEdit) -> int:
    """Edit the item unless its document's stage of the planning calendar is closed (423 Locked)."""
    item = _load(web, who, item_id, Action.EDIT_PLAN)
    changes = _changes(edit)
    with web.database.session() as session:
        try:
            check_open(session, load_document(session, item.document_key), date.today())
        except StageClosed as error:
            raise HTTPException(423, str(error)) from error
        return edit_item(session, item_id, edit.version, changes, username=who.username)


@api.get("/items/{item_id}", summary="Satu item dengan indikator, target, pagu dan versinya")
def get_item(item_id: int, who: CallerDep, web: Web) -> dict[str, object]:
    return item_json(_load(web, who, item_id, Action.READ))


@api.patch(
    "/items/{item_id}",
    summary="Ubah item; 409 bila versi yang diedit sudah tidak mutakhir",
    responses={
        409: {"description": "Item telah diubah orang lain sejak versi yang Anda edit"},
        423: {"description": "Tahap dokumen dalam kalender perencanaan sedang ditutup"},
    },
)
def patch_item(item_id: int, edit: ItemEdit, who: WriterDep, web: Web) -> dict[str, object]:
    _save(web, who, item_id, edit)
    with web.database.session() as session:
        return item_json(load_item(session, item_id))


@pages.get("/items/{item_id}", response_class=HTMLResponse)
def item_page(item_id: int, request: Request, who: CallerDep, web: Web, saved: bool = False) -> HTMLResponse:
    item = _load(web, who, item_id, Action.READ)
    return render(web, request, who, "item.html", pemda=item.pemda, item=item, saved=saved)


@pages.post("/items/{item_id}")
async def item_submit(item_id: int, request: Request, who: WriterDep, web: Web) -> Response:
    """The edit form: ``version``, ``text``, ``lokasi``, ``target-<indicator>-<year>``, ``pagu-<position>``."""
    form = await request.form()
    targets: dict[int, dict[int, str | float]] = {}
    pagu: dict[int, str | float] = {}
    for name, value in form.items():
        parts = name.split("-")
        if not isinstance(value, str) or not value.strip() or not all(part.isdigit() for part in parts[1:]):
            continue  # an empty field leaves the value as it is
        if parts[0] == "target" and len(parts) == 3:
            targets.setdefault(int(parts[1]), {})[int(parts[2])] = value
        elif parts[0] == "pagu" and len(parts) == 2:
            pagu[int(parts[1])] = value
    version = form.get("version")
    if not isinstance(version, str) or not version.isdigit():
        raise HTTPException(422, "versi item tidak ada di formulir")
    text, lokasi = form.get("text"), form.get("lokasi")
    edit = ItemEdit(
        version=int(version),
        text=text if isinstance(text, str) else None,
        lokasi=lokasi if isinstance(lokasi, str) else None,
        targets=targets,
        pagu=pagu,
    )
    _save(web, who, item_id, edit)
    return redirect(f"/items/{item_id}?saved=true")

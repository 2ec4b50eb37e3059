"""One item: read it, and edit everything a finding can ask for with optimistic locking: text, lokasi; an
indicator's name, satuan, baseline, direction and its target for every year of the period; adding or removing
an indicator; pagu per year. Opened from a finding (``?rule=SEL203&indicator=...&year=...``), the form
highlights the field that fixes it (:mod:`selaras.web.fixes`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field, ValidationError
from starlette.datastructures import FormData

from selaras.domain import Direction
from selaras.errors import StageClosed
from selaras.numbers import parse_number
from selaras.store.calendar import check_open, load_document
from selaras.store.items import IndicatorChange, ItemChanges, ItemDetail, NewIndicator, edit_item, load_item
from selaras.web.authz import Action
from selaras.web.context import Caller, CallerDep, Web, WebContext, WriterDep, authorize
from selaras.web.fixes import FIELDS
from selaras.web.pages import redirect, render
from selaras.web.serialize import ItemJson, item_json

api = APIRouter(tags=["item"])
pages = APIRouter()


class IndicatorPatch(BaseModel):
    """What changes in one indicator; a field left out stays as it is."""

    name: str | None = None
    satuan: str | None = None
    baseline: str | float | None = None
    direction: Direction | None = None


class IndicatorNew(BaseModel):
    name: str = Field(min_length=1)
    satuan: str = ""
    baseline: str | float | None = None
    direction: Direction = Direction.NAIK
    targets: dict[int, str | float] = Field(default_factory=dict, description="{tahun: target}")


class ItemEdit(BaseModel):
    """An edit of one item; ``version`` is the version the edit is based on (from GET)."""

    version: int = Field(ge=1)
    text: str | None = None
    lokasi: str | None = None
    targets: dict[int, dict[int, str | float]] = Field(
        default_factory=dict, description="Per posisi indikator (0, 1, ...): {tahun: target}; angka boleh '97,5'."
    )
    pagu: dict[int, str | float] = Field(default_factory=dict, description="Per posisi baris anggaran: pagu baru.")
    new_pagu: dict[int, str | float] = Field(
        default_factory=dict, description="Per tahun tanpa baris anggaran: pagu baru (baris baru)."
    )
    indicators: dict[int, IndicatorPatch] = Field(
        default_factory=dict, description="Per posisi indikator: nama, satuan, kondisi awal, arah yang baru."
    )
    add: list[IndicatorNew] = Field(default_factory=list, description="Indikator baru (setelah yang terakhir).")
    remove: list[int] = Field(default_factory=list, description="Posisi indikator yang dihapus, dengan targetnya.")


def _number(value: object, what: str) -> Decimal:
    try:
        number = parse_number(value)
    except ValueError:
        number = None
    if number is None:
        raise HTTPException(422, f"{what}: '{value}' bukan angka (contoh: 1.250.000 atau 97,5)")
    return number


def _optional(value: str | float | None, what: str) -> Decimal | None:
    return None if value is None or (isinstance(value, str) and not value.strip()) else _number(value, what)


def _targets(values: dict[int, str | float]) -> dict[int, Decimal]:
    return {year: _number(value, f"target tahun {year}") for year, value in values.items()}


def _changes(edit: ItemEdit) -> ItemChanges:
    return ItemChanges(
        text=edit.text,
        lokasi=edit.lokasi,
        targets={position: _targets(years) for position, years in edit.targets.items()},
        pagu={position: _number(value, "pagu") for position, value in edit.pagu.items()},
        indicators={
            position: IndicatorChange(
                name=patch.name,
                satuan=patch.satuan,
                baseline=_optional(patch.baseline, "kondisi awal"),
                direction=patch.direction,
            )
            for position, patch in edit.indicators.items()
        },
        added=tuple(
            NewIndicator(
                name=new.name,
                satuan=new.satuan,
                baseline=_optional(new.baseline, "kondisi awal"),
                direction=new.direction,
                targets=_targets(new.targets),
            )
            for new in edit.add
        ),
        removed=frozenset(edit.remove),
        new_pagu={year: _number(value, f"pagu tahun {year}") for year, value in edit.new_pagu.items()},
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


@api.get("/items/{item_id}", response_model=ItemJson, summary="Satu item dengan indikator, target, pagu dan versinya")
def get_item(item_id: int, who: CallerDep, web: Web) -> dict[str, object]:
    return item_json(_load(web, who, item_id, Action.READ))


@api.patch(
    "/items/{item_id}",
    response_model=ItemJson,
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
def item_page(
    item_id: int,
    request: Request,
    who: CallerDep,
    web: Web,
    saved: bool = False,
    rule: str | None = None,
    indicator: str | None = None,
    year: int | None = None,
) -> HTMLResponse:
    """The form; opened from a finding of ``rule`` it highlights the field that fixes it (``fix``: which field,
    ``fix_position``: of which indicator, ``fix_year``: which year)."""
    item = _load(web, who, item_id, Action.READ)
    fix = FIELDS.get(rule or "")
    fixed = fixed_fields(item, fix, indicator, year)
    return render(
        web,
        request,
        who,
        "item.html",
        pemda=item.pemda,
        item=item,
        saved=saved,
        rule=rule,
        fix=fix,
        fix_year=year,
        fixed=fixed,
        directions=list(Direction),
        may_edit=_may_edit(who, item),
    )


def fixed_fields(item: ItemDetail, fix: str | None, indicator: str | None, year: int | None) -> list[str]:
    """The ids of the form fields a finding asks to fix, the first to be focused: the named indicator's (every
    indicator's when the finding names none the item has), the year's (every year's when it names none)."""
    if fix is None:
        return []
    if fix in ("text", "new-indicator"):
        return [{"text": "text", "new-indicator": "new-name"}[fix]]
    if fix == "pagu":
        rows = [f"pagu-{line.position}" for line in item.budgets if year is None or line.year == year]
        return rows + [f"newpagu-{each}" for each in item.unbudgeted_years if year is None or each == year]
    named = [line for line in item.indicators if line.name == indicator] or item.indicators
    if fix != "target":
        return [f"{fix}-{line.position}" for line in named]
    years = [year] if year is not None else list(item.years)
    return [f"target-{line.position}-{each}" for line in named for each in years]


def _may_edit(who: Caller, item: ItemDetail) -> bool:
    try:
        authorize(who, Action.EDIT_PLAN, item.pemda, item.owner_pd)
    except HTTPException:
        return False
    return True


def _form_edit(form: FormData) -> ItemEdit:
    """The form's fields: ``version``, ``text``, ``lokasi``; per indicator ``name-<i>``, ``satuan-<i>``,
    ``baseline-<i>``, ``direction-<i>``, ``target-<i>-<year>``, ``remove-<i>``; one new indicator ``new-name``,
    ``new-satuan``, ``new-baseline``, ``new-direction``, ``new-target-<year>``; ``pagu-<row>`` and
    ``newpagu-<year>``. An empty field leaves its value as it is."""
    targets: dict[int, dict[int, str | float]] = {}
    pagu: dict[int, str | float] = {}
    new_pagu: dict[int, str | float] = {}
    patches: dict[int, dict[str, str]] = {}
    added: dict[str, str] = {}
    added_targets: dict[int, str | float] = {}
    remove: list[int] = []
    for name, value in form.multi_items():
        parts = name.split("-")
        if not isinstance(value, str) or not value.strip():
            continue
        numbers = [int(part) for part in parts[1:] if part.isdigit()]
        if parts[0] == "new" and len(parts) == 2 and parts[1] in ("name", "satuan", "baseline", "direction"):
            added[parts[1]] = value
        elif parts[:2] == ["new", "target"] and len(parts) == 3 and len(numbers) == 1:
            added_targets[numbers[0]] = value
        elif len(numbers) != len(parts) - 1:
            continue
        elif parts[0] == "target" and len(parts) == 3:
            targets.setdefault(numbers[0], {})[numbers[1]] = value
        elif parts[0] == "pagu" and len(parts) == 2:
            pagu[numbers[0]] = value
        elif parts[0] == "newpagu" and len(parts) == 2:
            new_pagu[numbers[0]] = value
        elif parts[0] in ("name", "satuan", "baseline", "direction") and len(parts) == 2:
            patches.setdefault(numbers[0], {})[parts[0]] = value
        elif parts[0] == "remove" and len(parts) == 2:
            remove.append(numbers[0])
    version = form.get("version")
    if not isinstance(version, str) or not version.isdigit():
        raise HTTPException(422, "versi item tidak ada di formulir")
    text, lokasi = form.get("text"), form.get("lokasi")
    try:
        new = [IndicatorNew.model_validate({**added, "targets": added_targets})] if added.get("name") else []
        return ItemEdit(
            version=int(version),
            text=text if isinstance(text, str) else None,
            lokasi=lokasi if isinstance(lokasi, str) else None,
            targets=targets,
            pagu=pagu,
            new_pagu=new_pagu,
            indicators={position: IndicatorPatch.model_validate(patch) for position, patch in patches.items()},
            add=new,
            remove=remove,
        )
    except ValidationError as error:  # e.g. a direction that is not naik, turun or tetap
        fields = ", ".join(str(problem["loc"][0]) for problem in error.errors())
        raise HTTPException(422, f"isian tidak dikenali: {fields}") from None


@pages.post("/items/{item_id}")
async def item_submit(item_id: int, request: Request, who: WriterDep, web: Web) -> Response:
    _save(web, who, item_id, _form_edit(await request.form()))
    return redirect(f"/items/{item_id}?saved=true")

"""JSON shapes of the API that are not already defined by the core (findings use
``selaras.checks.serialize``), and the base of the API's response models: each JSON route names a model
(``response_model``) so the OpenAPI document (/api/v1/openapi.json) says what it returns."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from selaras.numbers import json_number
from selaras.store.items import ItemDetail

__all__ = ["ItemJson", "Number", "ScoreCardJson", "Shape", "UserJson", "item_json"]

Number = int | float
"""A number as :func:`selaras.numbers.json_number` writes it: whole values stay integers (a ``float`` field
would turn ``1500000000`` into ``1500000000.0``)."""


class Shape(BaseModel):
    """A response model: a field the route returns but the model lacks is an error (the tests see a 500),
    never silently dropped from the answer."""

    model_config = ConfigDict(extra="forbid")


class UserJson(Shape):
    """A user without the password hash (``StoredUser.public``)."""

    id: int
    username: str
    pemda: str
    role: str = Field(description="admin, editor, verifikator atau pembaca")
    pd: str | None = Field(description="Kode PD (editor PD)")
    active: bool


class ContributionJson(Shape):
    """A unit that lowered a score (``selaras.scores.model.Contribution``)."""

    document: str
    item: str
    code: str
    text: str
    reason: str
    weight: Number = Field(description="Bobotnya: pagu, atau 1 per item/indikator")
    indicator: str


class ScoreJson(Shape):
    value: Number | None = Field(description="100 × achieved / total, satu desimal; null bila tidak ada yang dinilai")
    achieved: Number
    total: Number
    lowered_by: list[ContributionJson] = Field(description="Unit terberat yang menurunkan skor")
    unavailable: str | None = Field(
        description="Mengapa skor tidak dihitung walau ada unitnya (rpjmd-missing: RPJMD belum dimuat); null bila "
        "dihitung"
    )


class ScoreCardJson(Shape):
    """A score card as ``selaras scores --json`` writes it (``selaras.scores.serialize.scorecard_to_dict``)."""

    pemda: str
    pd: str | None = Field(description="null: kartu pemda; selain itu kartu satu PD")
    year: int
    scores: dict[str, ScoreJson] = Field(description="Per nama skor (keselarasan, konsistensi, ...)")
    pagu_per_target: dict[str, dict[str, Number | None]] = Field(
        description="Per kerangka (asta_cita, pn, prioritas_daerah): pagu per sasaran"
    )


class IndicatorLineJson(Shape):
    position: int
    name: str
    satuan: str
    baseline: Number | None = Field(description="Kondisi awal")
    direction: str = Field(description="naik atau turun")
    targets: dict[str, Number | None] = Field(description="{tahun: target}")


class BudgetLineJson(Shape):
    position: int
    year: int
    pagu: Number | None
    sumber_dana: str


class ItemJson(Shape):
    """One item with its indicators, targets and pagu; ``version`` is what an edit must name."""

    id: int
    pemda: str
    document: str
    key: str
    level: str
    text: str
    code: str | None
    parent: str | None
    pd: str | None = Field(description="PD penanggung jawab: PD dokumennya, atau PD item dalam RKPD")
    lokasi: str
    version: int
    indicators: list[IndicatorLineJson]
    years: list[int] = Field(description="Tahun-tahun periode dokumen")
    budgets: list[BudgetLineJson]


def item_json(item: ItemDetail) -> dict[str, object]:
    """The :class:`ItemJson` of ``item``."""
    return {
        "id": item.id,
        "pemda": item.pemda,
        "document": item.document_key,
        "key": item.key,
        "level": item.level,
        "text": item.text,
        "code": item.code,
        "parent": item.parent_key,
        "pd": item.owner_pd,
        "lokasi": item.lokasi,
        "version": item.version,
        "indicators": [
            {
                "position": line.position,
                "name": line.name,
                "satuan": line.satuan,
                "baseline": json_number(line.baseline) if line.baseline is not None else None,
                "direction": line.direction,
                "targets": {str(year): json_number(value) for year, value in line.targets.items()},
            }
            for line in item.indicators
        ],
        "years": list(item.years),
        "budgets": [
            {
                "position": line.position,
                "year": line.year,
                "pagu": json_number(line.pagu),
                "sumber_dana": line.sumber_dana,
            }
            for line in item.budgets
        ],
    }

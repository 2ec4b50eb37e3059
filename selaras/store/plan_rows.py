"""The rows a plan is stored as: its ``document``, ``item``, ``indicator``, ``indicator_target``, ``budget``,
``budget_rincian`` and ``link`` rows, each a dict keyed by column name.

There are two ways in — :func:`selaras.store.plans.save_plan` writes one plan with executemany, the ids coming
back from each insert, and :func:`selaras.store.bulk.add_pemda` writes whole new pemda with PostgreSQL's COPY,
the ids drawn from the tables' sequences first — and both take their rows from here, so a plan is stored the
same way whichever path it takes.

Example::

    items = item_rows(plan, document_id)
    details = detail_rows(plan, item_ids)  # item_ids: those of ``items``, in order
    targets = target_rows(plan.document.pemda, details.indicators, indicator_ids)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from selaras.domain import Indicator, Link, Plan

__all__ = ["DetailRows", "Row", "detail_rows", "document_row", "item_rows", "link_row", "target_rows"]

Row = dict[str, object]


def document_row(plan: Plan, *, fingerprint: str, saved_at: datetime) -> Row:
    """The ``document`` row of ``plan`` (without its id), ``fingerprint`` being :func:`plans.fingerprint`'s."""
    document = plan.document
    return {
        "key": document.key,
        "pemda": document.pemda,
        "kind": document.kind.value,
        "pd": document.pd,
        "period_start": document.period.start,
        "period_end": document.period.end,
        "version": document.version,
        "status": document.status.value,
        "title": document.title,
        "fingerprint": fingerprint,
        "updated_at": saved_at,
    }


def item_rows(plan: Plan, document_id: int) -> list[Row]:
    """The ``item`` rows of ``plan`` (without ids), in the plan's order, which ``position`` keeps."""
    pemda = plan.document.pemda
    return [
        {
            "pemda": pemda,
            "document_id": document_id,
            "key": item.key,
            "level": item.level.value,
            "text": item.text,
            "code": item.code,
            "parent_key": item.parent,
            "position": position,
            "ordering": item.order,
            "pd": item.pd,
            "lokasi": item.lokasi,
            "unit": item.unit,
        }
        for position, item in enumerate(plan.items)
    ]


@dataclass(slots=True)
class DetailRows:
    """What hangs off a plan's items: indicators, budgets and rincian (without ids). ``indicators`` are the
    domain indicators in the order of ``indicator_rows``: their targets need the indicators' ids."""

    indicators: list[Indicator] = field(default_factory=list)
    indicator_rows: list[Row] = field(default_factory=list)
    budget_rows: list[Row] = field(default_factory=list)
    rincian_rows: list[Row] = field(default_factory=list)


def detail_rows(plan: Plan, item_ids: Sequence[int]) -> DetailRows:
    """The indicator, budget and rincian rows of ``plan``, ``item_ids`` being its items' ids in plan order."""
    pemda = plan.document.pemda
    details = DetailRows()
    for item_id, item in zip(item_ids, plan.items, strict=True):
        for position, indicator in enumerate(item.indicators):
            details.indicators.append(indicator)
            details.indicator_rows.append(
                {
                    "pemda": pemda,
                    "item_id": item_id,
                    "position": position,
                    "name": indicator.name,
                    "satuan": indicator.satuan,
                    "kind": indicator.kind.value,
                    "baseline": indicator.baseline,
                    "direction": indicator.direction.value,
                }
            )
        details.budget_rows.extend(
            {
                "pemda": pemda,
                "item_id": item_id,
                "position": position,
                "year": budget.year,
                "pagu": budget.pagu,
                "realisasi": budget.realisasi,
                "sumber_dana": budget.sumber_dana,
            }
            for position, budget in enumerate(item.budgets)
        )
        details.rincian_rows.extend(
            {
                "pemda": pemda,
                "item_id": item_id,
                "position": position,
                "year": rincian.year,
                "kind": rincian.kind.value,
                "kode": rincian.kode,
                "nama": rincian.nama,
                "pagu": rincian.pagu,
            }
            for position, rincian in enumerate(item.rincian)
        )
    return details


def target_rows(pemda: str, indicators: Sequence[Indicator], indicator_ids: Sequence[int]) -> list[Row]:
    """The ``indicator_target`` rows (one per indicator and year) of ``indicators`` with these ids."""
    return [
        {"indicator_id": indicator_id, "year": year, "pemda": pemda, "value": value}
        for indicator_id, indicator in zip(indicator_ids, indicators, strict=True)
        for year, value in indicator.targets.items()
    ]


def link_row(pemda: str, link: Link) -> Row:
    """The ``link`` table row of a domain link (without its id), stored under the source's ``pemda``."""
    return {
        "pemda": pemda,
        "source_document": link.source.document,
        "source_item": link.source.item,
        "target_document": link.target.document,
        "target_item": link.target.item,
        "kind": link.kind.value,
        "origin": link.origin.value,
        "status": link.status.value,
        "score": link.score,
        "decided_by": link.decided_by,
        "decided_at": link.decided_at,
    }

"""A whole plan as one JSON text, and back: how a document version is kept.

A version must come back *exactly* (same fingerprint), so every field of the plan is written, decimals as
strings (never floats) and times in ISO form. The format is private to the store: it is versioned by the
``"format"`` key so an older snapshot can still be read after the model grows.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

from selaras.domain import (
    Budget,
    Direction,
    Document,
    DocumentKind,
    DocumentStatus,
    Indicator,
    IndicatorKind,
    Item,
    ItemLevel,
    ItemRef,
    Link,
    LinkKind,
    LinkOrigin,
    LinkStatus,
    Period,
    Plan,
    Rincian,
    RincianKind,
)

__all__ = ["plan_from_json", "plan_to_json"]

FORMAT = 1


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def plan_to_json(plan: Plan) -> str:
    """The plan, its items (indicators, targets, budgets, rincian) and its outgoing links as JSON."""
    document = plan.document
    body = {
        "format": FORMAT,
        "document": {
            "kind": document.kind.value,
            "pemda": document.pemda,
            "period": [document.period.start, document.period.end],
            "pd": document.pd,
            "version": document.version,
            "status": document.status.value,
            "title": document.title,
        },
        "items": [
            {
                "key": item.key,
                "level": item.level.value,
                "text": item.text,
                "code": item.code,
                "parent": item.parent,
                "order": item.order,
                "pd": item.pd,
                "lokasi": item.lokasi,
                "unit": item.unit,
                "indicators": [
                    {
                        "name": indicator.name,
                        "satuan": indicator.satuan,
                        "kind": indicator.kind.value,
                        "baseline": _number(indicator.baseline),
                        "direction": indicator.direction.value,
                        "targets": {str(year): str(value) for year, value in indicator.targets.items()},
                    }
                    for indicator in item.indicators
                ],
                "budgets": [
                    [budget.year, str(budget.pagu), _number(budget.realisasi), budget.sumber_dana]
                    for budget in item.budgets
                ],
                "rincian": [
                    [line.year, line.kind.value, line.kode, line.nama, str(line.pagu)] for line in item.rincian
                ],
            }
            for item in plan.items
        ],
        "links": [
            {
                "source": [link.source.document, link.source.item],
                "target": [link.target.document, link.target.item],
                "kind": link.kind.value,
                "origin": link.origin.value,
                "status": link.status.value,
                "score": link.score,
                "decided_by": link.decided_by,
                "decided_at": link.decided_at.isoformat() if link.decided_at else None,
            }
            for link in plan.links
        ],
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def plan_from_json(text: str) -> Plan:
    """The plan :func:`plan_to_json` wrote."""
    body = json.loads(text)
    head = body["document"]
    document = Document(
        DocumentKind(head["kind"]),
        head["pemda"],
        Period(*head["period"]),
        head["pd"],
        head["version"],
        DocumentStatus(head["status"]),
        head["title"],
    )
    plan = Plan(document)
    for raw in body["items"]:
        item = Item(
            raw["key"],
            ItemLevel(raw["level"]),
            raw["text"],
            raw["code"],
            raw["parent"],
            raw["order"],
            raw["pd"],
            raw["lokasi"],
            raw["unit"],
        )
        for indicator in raw["indicators"]:
            item.indicators.append(
                Indicator(
                    indicator["name"],
                    indicator["satuan"],
                    IndicatorKind(indicator["kind"]),
                    _decimal(indicator["baseline"]),
                    Direction(indicator["direction"]),
                    {int(year): Decimal(value) for year, value in indicator["targets"].items()},
                )
            )
        for year, pagu, realisasi, sumber_dana in raw["budgets"]:
            item.budgets.append(Budget(year, Decimal(pagu), _decimal(realisasi), sumber_dana))
        for year, kind, kode, nama, pagu in raw["rincian"]:
            item.rincian.append(Rincian(year, RincianKind(kind), kode, nama, Decimal(pagu)))
        plan.items.append(item)
    for link in body["links"]:
        plan.links.append(
            Link(
                ItemRef(*link["source"]),
                ItemRef(*link["target"]),
                LinkKind(link["kind"]),
                LinkOrigin(link["origin"]),
                LinkStatus(link["status"]),
                link["score"],
                link["decided_by"],
                datetime.fromisoformat(link["decided_at"]) if link["decided_at"] else None,
            )
        )
    return plan
